import { describe, expect, it } from 'vitest';
import {
  AckCounter,
  OutputBatcher,
  TERMINAL_ACK_STEP,
  TERMINAL_STREAM_WATERMARKS,
  type StartTimer,
} from '../../../../shared/terminal/terminal-flow.js';
import { STREAM_LOW_WATERMARK } from '../../../../shared/ipc/flow-window.js';

/** A timer the test fires by hand. */
function manualTimer() {
  const timers: Array<{ delayMs: number; fire: () => void; cancelled: boolean }> = [];
  const start: StartTimer = (delayMs, fire) => {
    const timer = { delayMs, fire, cancelled: false };
    timers.push(timer);
    return () => (timer.cancelled = true);
  };
  const fireAll = () => timers.filter((timer) => !timer.cancelled).forEach((timer) => timer.fire());
  return { timers, start, fireAll };
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe('OutputBatcher', () => {
  it('joins the chunks that arrive before its delay ends into one batch', () => {
    const timer = manualTimer();
    const batches: Uint8Array[] = [];
    const batcher = new OutputBatcher({ delayMs: 4, maxBytes: 100 }, timer.start, (b) => batches.push(b));
    batcher.push(bytes(1, 2));
    batcher.push(bytes(3));
    expect(batches).toEqual([]);
    expect(timer.timers).toHaveLength(1);
    expect(timer.timers[0]?.delayMs).toBe(4);
    timer.fireAll();
    expect(batches).toEqual([bytes(1, 2, 3)]);
  });

  it('sends a full batch at once, without waiting for the timer', () => {
    const timer = manualTimer();
    const batches: Uint8Array[] = [];
    const batcher = new OutputBatcher({ delayMs: 4, maxBytes: 3 }, timer.start, (b) => batches.push(b));
    batcher.push(bytes(1, 2));
    batcher.push(bytes(3, 4));
    expect(batches).toEqual([bytes(1, 2, 3, 4)]);
    expect(timer.timers.every((t) => t.cancelled)).toBe(true);
    expect(batcher.pendingBytes).toBe(0);
  });

  it('keeps every byte in order across many batches', () => {
    const timer = manualTimer();
    const out: number[] = [];
    const batcher = new OutputBatcher({ delayMs: 4, maxBytes: 7 }, timer.start, (b) => out.push(...b));
    const sent: number[] = [];
    for (let i = 0; i < 200; i++) {
      const chunk = Array.from({ length: i % 5 }, (_, j) => (i + j) % 256);
      sent.push(...chunk);
      batcher.push(new Uint8Array(chunk));
      if (i % 13 === 0) timer.fireAll();
    }
    batcher.flush();
    expect(out).toEqual(sent);
  });

  it('drops what waits when disposed', () => {
    const timer = manualTimer();
    const batches: Uint8Array[] = [];
    const batcher = new OutputBatcher({ delayMs: 4, maxBytes: 100 }, timer.start, (b) => batches.push(b));
    batcher.push(bytes(1));
    batcher.dispose();
    timer.fireAll();
    batcher.flush();
    expect(batches).toEqual([]);
  });
});

describe('AckCounter', () => {
  it('acknowledges parsed bytes in steps, all of them at once', () => {
    const acks = new AckCounter(10);
    expect(acks.written(4)).toBe(0);
    expect(acks.written(5)).toBe(0);
    expect(acks.written(3)).toBe(12);
    expect(acks.written(9)).toBe(0);
  });

  it('steps below the stream’s low watermark, so a paused stream always resumes', () => {
    expect(TERMINAL_ACK_STEP).toBeLessThan(STREAM_LOW_WATERMARK);
    expect(TERMINAL_ACK_STEP).toBeLessThan(TERMINAL_STREAM_WATERMARKS.low);
  });
});
