import { describe, expect, it } from 'vitest';
import type { NodeRun } from '../../../../shared/fanout/gather.js';
import type { LiveState } from '../../../../shared/ipc/contract.js';
import type { NodeRunner } from '../../../../main/fanout/fan-out.js';
import { EventBus } from '../../../../main/services/event-bus.js';
import {
  liveNodeOf,
  LiveStateService,
  nodeTimeLimitSeconds,
} from '../../../../main/services/live-state-service.js';
import { SshConnectError } from '../../../../main/ssh/connect.js';
import type { SshPool } from '../../../../main/ssh/ssh-pool.js';
import type { SshTarget } from '../../../../main/ssh/target.js';

const run = (outcome: NodeRun['outcome'], stdout = '', stderr = ''): NodeRun => ({
  node: 'node001',
  outcome,
  stdout,
  stderr,
  durationMs: 3,
});

describe('a poll’s answer per node', () => {
  it('is unreachable, with the reason, when no session opened or no answer came in time', () => {
    expect(liveNodeOf(run({ kind: 'unreachable', message: 'connect ECONNREFUSED' }))).toEqual({
      state: 'unreachable',
      message: 'unreachable: connect ECONNREFUSED',
    });
    expect(liveNodeOf(run({ kind: 'timed-out', seconds: 4 }))).toEqual({
      state: 'unreachable',
      message: 'no answer within 4 s',
    });
  });

  it('is failed when the node answered but its /proc could not be read', () => {
    expect(liveNodeOf(run({ kind: 'exited', code: 1 }, '', 'cat: /proc/loadavg: Permission denied'))).toEqual(
      {
        state: 'failed',
        message: 'exit 1 cat: /proc/loadavg: Permission denied',
      },
    );
    expect(liveNodeOf(run({ kind: 'exited', code: 0 }, 'nonsense'))).toEqual({
      state: 'failed',
      message: 'no load averages in /proc/loadavg',
    });
  });

  it('is up with the numbers it printed', () => {
    const output =
      '== loadavg\n0.10 0.20 0.30 1/2 3\n== meminfo\nMemTotal: 100 kB\nMemAvailable: 40 kB\n== uptime\n7.5 1\n';
    expect(liveNodeOf(run({ kind: 'exited', code: 0 }, output))).toEqual({
      state: 'up',
      load: [0.1, 0.2, 0.3],
      memTotalKiB: 100,
      memAvailableKiB: 40,
      uptimeSeconds: 7.5,
    });
  });

  it('gives each node most of the interval, so the next poll never waits for a silent one', () => {
    expect(nodeTimeLimitSeconds(5)).toBe(4);
    expect(nodeTimeLimitSeconds(1)).toBe(1);
    expect(nodeTimeLimitSeconds(60)).toBe(48);
  });
});

const UP =
  '== loadavg\n1.00 1.00 1.00 1/2 3\n== meminfo\nMemTotal: 100 kB\nMemFree: 50 kB\n== uptime\n60 1\n';
const gateway = { host: 'gw', port: 22, username: 'root', jumps: [] } as unknown as SshTarget;
/** A pool whose gateway always lets the polls in; the nodes are the runner's business. */
const openPool = {
  acquire: () => Promise.resolve({ release: () => undefined }),
  dispose: () => Promise.resolve(),
};

/** A node that answers at once, or (when `silent`) never. */
const runner =
  (silent: Set<string>): NodeRunner =>
  (node, signal) =>
    silent.has(node)
      ? new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))
      : Promise.resolve({ stdout: UP, stderr: '', code: 0 });

describe('polling a gateway’s nodes', () => {
  it('publishes each poll, a silent node unreachable after its time limit, and stops when told', async () => {
    const events = new EventBus();
    const polls: LiveState[] = [];
    events.on('nodes:live-changed', (state) => {
      if (state.polledAt !== undefined) polls.push(state);
    });
    const silent = new Set(['node002']);
    const live = new LiveStateService(events, openPool as unknown as SshPool, () => runner(silent));
    live.setInterval(1);
    live.watch({ gateway, nodes: ['node001', 'node002'] });
    await expect.poll(() => polls.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    // A second poll came although node002 never answers: it was given up on, not waited for.
    expect(polls[0]?.nodes['node001']).toMatchObject({ state: 'up', load: [1, 1, 1] });
    expect(polls[0]?.nodes['node002']).toEqual({ state: 'unreachable', message: 'no answer within 1 s' });
    live.unwatch();
    const count = polls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(polls.length).toBe(count);
    expect(live.current()).toMatchObject({ polling: false, nodes: {} });
  });

  it('stops, saying why, when the gateway refuses a login that asks nothing', async () => {
    const refusing = {
      acquire: () =>
        Promise.reject(new SshConnectError('auth', 'All configured authentication methods failed')),
    };
    const live = new LiveStateService(new EventBus(), refusing as unknown as SshPool, () =>
      runner(new Set()),
    );
    live.watch({ gateway, nodes: ['node001'] });
    await expect
      .poll(() => live.current().problem)
      .toBe('live state needs a login that asks nothing: All configured authentication methods failed');
    live.unwatch();
  });
});
