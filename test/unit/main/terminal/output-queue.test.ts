import { describe, expect, it } from 'vitest';
import { OutputQueue } from '../../../../main/terminal/output-queue.js';
import {
  TERMINAL_BATCH,
  TERMINAL_HIGH_WATERMARK,
  TERMINAL_LOW_WATERMARK,
} from '../../../../shared/terminal/terminal-flow.js';

const BATCH = TERMINAL_BATCH.maxBytes;

function valveLog() {
  const log: string[] = [];
  return { log, valve: { pause: () => log.push('pause'), resume: () => log.push('resume') } };
}

describe('OutputQueue', () => {
  it('closes the valve at the high watermark and opens it again at the low one', async () => {
    const { log, valve } = valveLog();
    const queue = new OutputQueue(valve);
    for (let sent = 0; sent < TERMINAL_HIGH_WATERMARK; sent += BATCH) queue.push(new Uint8Array(BATCH));
    expect(log).toEqual(['pause']);
    expect(queue.waitingBytes).toBe(TERMINAL_HIGH_WATERMARK);
    while (queue.waitingBytes > TERMINAL_LOW_WATERMARK) await queue.next();
    expect(log).toEqual(['pause', 'resume']);
  });

  it('hands a waiting reader the next batch, a few milliseconds after a small chunk', async () => {
    const queue = new OutputQueue(valveLog().valve);
    const next = queue.next();
    queue.push(new TextEncoder().encode('$ '));
    queue.push(new TextEncoder().encode('ls'));
    expect(new TextDecoder().decode(await next)).toBe('$ ls');
  });

  it('lets a waiting reader go, and ends it for good when the queue ends', async () => {
    const queue = new OutputQueue(valveLog().valve);
    const first = queue.next();
    queue.releaseReader();
    expect(await first).toBeUndefined();
    queue.end();
    queue.push(new Uint8Array(BATCH));
    expect(await queue.next()).toBeUndefined();
  });
});
