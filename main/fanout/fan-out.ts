/**
 * The fan-out engine: one command on many nodes with a sliding window of sessions (a new node
 * starts as soon as one finishes, like ClusterShell's fanout), a time limit per node that
 * covers connecting too, and each result handed out the moment it is known. What "running on
 * a node" means is the runner's business (SSH through the gateway, in practice).
 */
import type { NodeRun, RunOutcome } from '../../shared/fanout/gather.js';

export interface RemoteResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal?: string | undefined;
}

/** Runs the command on one node; must stop (and free what it holds) when `signal` aborts. */
export type NodeRunner = (node: string, signal: AbortSignal) => Promise<RemoteResult>;

export interface FanOutOptions {
  /** Nodes running at once (ClusterShell's -f); 64 by default. */
  fanout?: number;
  /** Seconds a node may take, connecting included; 30 by default. */
  timeoutSeconds?: number;
  /** Stops starting new nodes and aborts the running ones. */
  signal?: AbortSignal;
  onStart?: (node: string) => void;
  onRun?: (run: NodeRun) => void;
}

export const DEFAULT_FANOUT = 64;
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** Runs on every node, at most `fanout` at a time; resolves with every node's run, in finishing order. */
export async function fanOut(
  nodes: readonly string[],
  runner: NodeRunner,
  options: FanOutOptions = {},
): Promise<NodeRun[]> {
  const width = Math.max(1, Math.floor(options.fanout ?? DEFAULT_FANOUT));
  const runs: NodeRun[] = [];
  const running = new Set<AbortController>();
  const stopAll = () => running.forEach((controller) => controller.abort());
  options.signal?.addEventListener('abort', stopAll, { once: true });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < nodes.length && !options.signal?.aborted) {
      const node = nodes[next++] ?? '';
      options.onStart?.(node);
      const controller = new AbortController();
      running.add(controller);
      const run = await runOne(node, runner, controller, options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
      running.delete(controller);
      runs.push(run);
      options.onRun?.(run);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(width, nodes.length) }, lane));
  } finally {
    options.signal?.removeEventListener('abort', stopAll);
  }
  return runs;
}

async function runOne(
  node: string,
  runner: NodeRunner,
  controller: AbortController,
  seconds: number,
): Promise<NodeRun> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), seconds * 1000);
  });
  try {
    const answer = await Promise.race([runner(node, controller.signal), timedOut]);
    const durationMs = performance.now() - started;
    if (answer === 'timed-out') {
      controller.abort();
      return { node, outcome: { kind: 'timed-out', seconds }, stdout: '', stderr: '', durationMs };
    }
    return { node, outcome: outcomeOf(answer), stdout: answer.stdout, stderr: answer.stderr, durationMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const durationMs = performance.now() - started;
    return { node, outcome: { kind: 'unreachable', message }, stdout: '', stderr: '', durationMs };
  } finally {
    clearTimeout(timer);
  }
}

function outcomeOf(result: RemoteResult): RunOutcome {
  if (result.code !== null) return { kind: 'exited', code: result.code };
  return { kind: 'signalled', signal: result.signal ?? 'an unknown signal' };
}
