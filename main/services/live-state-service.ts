/**
 * Live state of a gateway's nodes: every interval, one fan-out of LIVE_POLL_COMMAND to every
 * node through the gateway, each node given less time than the interval so that a node that
 * does not answer is marked unreachable instead of holding the next poll up. Each finished poll
 * is pushed to the renderers as `nodes:live-changed`.
 *
 * Polls run on their own SSH pool that never asks anything: a background poll must not pop a
 * host-key or password question every few seconds. Node keys come from known_hosts; a node whose
 * key is unknown is reported unreachable with that reason.
 */
import { LIVE_POLL_COMMAND, parseLiveOutput } from '../../shared/cluster/live-state.js';
import { describeOutcome, type NodeRun } from '../../shared/fanout/gather.js';
import type { LiveNode, LiveState } from '../../shared/ipc/contract.js';
import { fanOut, type NodeRunner } from '../fanout/fan-out.js';
import { nodeThroughGateway, sshRunner } from '../fanout/ssh-runner.js';
import { SshConnectError } from '../ssh/connect.js';
import { batchSshPool } from '../ssh/batch-pool.js';
import type { SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';
import type { EventBus } from './event-bus.js';

export const DEFAULT_LIVE_INTERVAL_SECONDS = 5;
/** Every node of a 253-node /24 at once: a node that is off costs its time limit, not a queue slot. */
export const LIVE_FANOUT = 256;

/**
 * The polls' own pool, which never asks (an unknown key is refused): every node's handshake at
 * once, no retries (the next poll is the retry), and connections kept between polls.
 */
export function createLivePool(): SshPool {
  return batchSshPool({
    acceptNew: false,
    maxHandshakes: LIVE_FANOUT,
    connectAttempts: 1,
    idleMs: 120_000,
  });
}

export interface LiveWatch {
  gateway: SshTarget;
  nodes: readonly string[];
  /** Runs before each poll (the workspace looks for files changed on the gateway). */
  beforePoll?: () => Promise<void>;
}

/** A node's time limit: most of the interval, so its answer or its absence is known before the next poll. */
export function nodeTimeLimitSeconds(intervalSeconds: number): number {
  return Math.max(1, intervalSeconds * 0.8);
}

export function liveNodeOf(run: NodeRun): LiveNode {
  const { outcome } = run;
  if (outcome.kind === 'unreachable' || outcome.kind === 'timed-out')
    return { state: 'unreachable', message: describeOutcome(outcome) };
  if (outcome.kind !== 'exited' || outcome.code !== 0)
    return { state: 'failed', message: `${describeOutcome(outcome)} ${run.stderr}`.trim() };
  const parsed = parseLiveOutput(run.stdout);
  return parsed.ok ? { state: 'up', ...parsed.reading } : { state: 'failed', message: parsed.error };
}

export class LiveStateService {
  private intervalSeconds = DEFAULT_LIVE_INTERVAL_SECONDS;
  private state: LiveState = { polling: false, intervalSeconds: this.intervalSeconds, nodes: {} };
  private watching: LiveWatch | undefined;
  /** Aborts the poll in flight and the wait before the next one. */
  private stopCurrent: AbortController | undefined;

  constructor(
    private readonly events: EventBus,
    private readonly pool: SshPool,
    /** How each node is polled: over the pool through the gateway (tests give their own). */
    private readonly runnerFor: (watch: LiveWatch) => NodeRunner = (watch) =>
      sshRunner(pool, nodeThroughGateway(watch.gateway, watch.gateway.username), LIVE_POLL_COMMAND),
  ) {}

  current(): LiveState {
    return this.state;
  }

  /** Starts polling these nodes (replacing whatever was polled); the first poll starts now. */
  watch(watch: LiveWatch, known: LiveState['nodes'] = {}): void {
    this.stop();
    this.watching = watch;
    this.publish({ polling: true, intervalSeconds: this.intervalSeconds, nodes: known });
    const controller = new AbortController();
    this.stopCurrent = controller;
    void this.loop(watch, controller.signal);
  }

  /** Changes which nodes are polled, keeping what is known of those that stay. */
  updateNodes(nodes: readonly string[]): void {
    if (!this.watching || sameNames(this.watching.nodes, nodes)) return;
    const kept = Object.entries(this.state.nodes).filter(([name]) => nodes.includes(name));
    this.watch({ ...this.watching, nodes }, Object.fromEntries(kept));
  }

  /** No live state: the workspace is the demo or a folder. */
  unwatch(): void {
    if (!this.watching) return;
    this.stop();
    this.watching = undefined;
    this.publish({ polling: false, intervalSeconds: this.intervalSeconds, nodes: {} });
  }

  setInterval(seconds: number): LiveState {
    this.intervalSeconds = seconds;
    if (this.watching) this.watch(this.watching, this.state.nodes);
    else this.publish({ ...this.state, intervalSeconds: seconds });
    return this.state;
  }

  async dispose(): Promise<void> {
    this.stop();
    await this.pool.dispose();
  }

  private stop(): void {
    this.stopCurrent?.abort();
    this.stopCurrent = undefined;
  }

  private publish(state: LiveState): void {
    this.state = state;
    this.events.emit('nodes:live-changed', state);
  }

  /** Why the gateway will not let the polls in without a question, or undefined when it does. */
  private async gatewayRefusal(gateway: SshTarget): Promise<string | undefined> {
    try {
      (await this.pool.acquire(gateway)).release();
      return undefined;
    } catch (error) {
      const final =
        error instanceof SshConnectError && (error.failure === 'auth' || error.failure === 'host-key');
      return final ? `live state needs a login that asks nothing: ${error.message}` : undefined;
    }
  }

  private async loop(watch: LiveWatch, signal: AbortSignal): Promise<void> {
    const runner = this.runnerFor(watch);
    while (!signal.aborted) {
      const started = Date.now();
      const refused = await this.gatewayRefusal(watch.gateway);
      if (refused !== undefined) {
        // Asking again every few seconds would only repeat a failed login (and may get us banned).
        this.publish({ polling: true, intervalSeconds: this.intervalSeconds, nodes: {}, problem: refused });
        return;
      }
      await watch.beforePoll?.().catch(() => undefined);
      const runs = await fanOut(watch.nodes, runner, {
        fanout: LIVE_FANOUT,
        timeoutSeconds: nodeTimeLimitSeconds(this.intervalSeconds),
        signal,
      });
      if (signal.aborted) return;
      const nodes = Object.fromEntries(runs.map((run) => [run.node, liveNodeOf(run)]));
      this.publish({ polling: true, intervalSeconds: this.intervalSeconds, polledAt: Date.now(), nodes });
      await sleep(Math.max(0, this.intervalSeconds * 1000 - (Date.now() - started)), signal);
    }
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => b[index] === name);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
