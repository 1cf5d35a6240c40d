import { describe, expect, it } from 'vitest';
import { fanOut, type NodeRunner } from '../../../../main/fanout/fan-out.js';

const nodes = (count: number) =>
  Array.from({ length: count }, (_, i) => `node${String(i + 1).padStart(3, '0')}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A runner that answers each node's name after `delay(node)` ms and records how many ran at once. */
function recordingRunner(delay: (node: string) => number) {
  const seen = { running: 0, most: 0, aborted: [] as string[] };
  const runner: NodeRunner = async (node, signal) => {
    seen.running += 1;
    seen.most = Math.max(seen.most, seen.running);
    signal.addEventListener('abort', () => seen.aborted.push(node));
    await sleep(delay(node));
    seen.running -= 1;
    return { stdout: `${node}\n`, stderr: '', code: 0 };
  };
  return { runner, seen };
}

describe('the fan-out engine', () => {
  it('keeps at most `fanout` nodes running and starts the next as soon as one ends', async () => {
    const { runner, seen } = recordingRunner((node) => (node.endsWith('1') ? 40 : 5));
    const runs = await fanOut(nodes(30), runner, { fanout: 4 });
    expect(seen.most).toBe(4);
    expect(runs.map((run) => run.node).sort()).toEqual(nodes(30));
    // node001 is slow: the others pass it in the window, so it is not the first result.
    expect(runs[0]?.node).not.toBe('node001');
  });

  it('hands out each result as it arrives', async () => {
    const order: string[] = [];
    const { runner } = recordingRunner((node) => (node === 'node001' ? 30 : 1));
    await fanOut(nodes(3), runner, { onRun: (run) => order.push(run.node) });
    expect(order.at(-1)).toBe('node001');
  });

  it('gives up on a node that takes longer than the timeout, and tells the runner to stop', async () => {
    const { runner, seen } = recordingRunner((node) => (node === 'node002' ? 5_000 : 1));
    const runs = await fanOut(nodes(3), runner, { timeoutSeconds: 0.05 });
    const slow = runs.find((run) => run.node === 'node002');
    expect(slow?.outcome).toEqual({ kind: 'timed-out', seconds: 0.05 });
    expect(seen.aborted).toEqual(['node002']);
  });

  it('marks a node whose runner fails as unreachable, with the reason', async () => {
    const runner: NodeRunner = (node) =>
      node === 'node002'
        ? Promise.reject(new Error('No route to host'))
        : Promise.resolve({ stdout: '', stderr: '', code: 3 });
    const runs = await fanOut(nodes(2), runner);
    expect(runs.find((run) => run.node === 'node002')?.outcome).toEqual({
      kind: 'unreachable',
      message: 'No route to host',
    });
    expect(runs.find((run) => run.node === 'node001')?.outcome).toEqual({ kind: 'exited', code: 3 });
  });

  it('starts no more nodes once stopped, and stops the running ones', async () => {
    const stop = new AbortController();
    const { runner, seen } = recordingRunner(() => 20);
    const finished = fanOut(nodes(10), runner, { fanout: 2, signal: stop.signal });
    await sleep(5);
    stop.abort();
    const runs = await finished;
    expect(runs).toHaveLength(2);
    expect(seen.aborted.sort()).toEqual(['node001', 'node002']);
  });
});
