import { describe, expect, it } from 'vitest';
import type { NodeRun } from '../../../../shared/fanout/gather.js';
import { liveNodeOf, nodeTimeLimitSeconds } from '../../../../main/services/live-state-service.js';

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
