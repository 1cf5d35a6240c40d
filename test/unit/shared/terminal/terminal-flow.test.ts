import { describe, expect, it } from 'vitest';
import {
  AckCounter,
  OutputBatcher,
  TERMINAL_ACK_STEP,
  TERMINAL_PACING,
  TERMINAL_STREAM_WATERMARKS,
  TYPING_HOLD_MS,
  OutputHold,
  TypingPriority,
  WritePacer,
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

describe('WritePacer', () => {
  /** A pacer with a clock the test moves; `advance` fires the timers that came due. */
  function pacer(options = { intervalMs: 50, burstBytes: 4, maxHoldMs: 1000 }, heldUntil?: () => number) {
    const timer = manualTimer();
    let now = 1000;
    const due = new Map<(typeof timer.timers)[number], number>();
    const start: StartTimer = (delayMs, fire) => {
      const cancel = timer.start(delayMs, fire);
      due.set(timer.timers.at(-1)!, now + delayMs);
      return cancel;
    };
    const writes: Array<{ at: number; bytes: number[] }> = [];
    const paced = new WritePacer(
      options,
      () => now,
      start,
      (output) => writes.push({ at: now, bytes: [...output] }),
      heldUntil,
    );
    const advance = (ms: number) => {
      now += ms;
      for (const [pending, at] of due)
        if (at <= now) {
          due.delete(pending);
          if (!pending.cancelled) pending.fire();
        }
    };
    return { paced, timer, writes, advance, now: () => now };
  }

  it('writes sparse output at once, however often it comes', () => {
    const { paced, writes, advance, timer } = pacer();
    for (let i = 0; i < 5; i++) {
      paced.push(bytes(i));
      advance(60);
    }
    expect(writes.map((write) => write.bytes)).toEqual([[0], [1], [2], [3], [4]]);
    expect(timer.timers).toEqual([]);
  });

  it('holds a flood until its interval ends, then writes what it held, chunk by chunk', () => {
    const { paced, writes, advance, timer } = pacer();
    paced.push(bytes(1, 2, 3, 4));
    advance(10);
    paced.push(bytes(5, 6));
    advance(10);
    paced.push(bytes(7));
    expect(writes.map((write) => write.bytes)).toEqual([[1, 2, 3, 4]]);
    expect(timer.timers.map((t) => t.delayMs)).toEqual([40]);
    advance(30);
    expect(writes).toEqual([
      { at: 1000, bytes: [1, 2, 3, 4] },
      { at: 1050, bytes: [5, 6] },
      { at: 1050, bytes: [7] },
    ]);
  });

  it('writes a steady flood only once per interval, every byte in order', () => {
    const { paced, writes, advance } = pacer();
    const sent: number[] = [];
    for (let ms = 0; ms < 1000; ms += 2) {
      paced.push(bytes(ms % 256, 7));
      sent.push(ms % 256, 7);
      advance(2);
    }
    paced.drain();
    expect(writes.flatMap((write) => write.bytes)).toEqual(sent);
    const [first, second, ...later] = new Set(writes.map((write) => write.at));
    expect([first, second]).toEqual([1000, 1002]); // the opening burst: 4 bytes
    expect(later).toHaveLength(1000 / 50);
    expect(later.every((at, i) => at - (i === 0 ? 1000 : (later[i - 1] ?? 0)) >= 50)).toBe(true);
  });

  it('drains what waits, and drops it when disposed', () => {
    const drained = pacer();
    drained.paced.push(bytes(1, 2, 3, 4));
    drained.paced.push(bytes(5));
    drained.paced.drain();
    expect(drained.writes.map((write) => write.bytes)).toEqual([[1, 2, 3, 4], [5]]);
    drained.advance(100);
    expect(drained.writes).toHaveLength(2);

    const disposed = pacer();
    disposed.paced.push(bytes(1, 2, 3, 4));
    disposed.paced.push(bytes(5));
    disposed.paced.dispose();
    disposed.advance(100);
    expect(disposed.writes).toHaveLength(1);
  });

  it('holds output while the user types elsewhere, for at most maxHoldMs since its last write', () => {
    let typingUntil = Number.NEGATIVE_INFINITY;
    const { paced, writes, advance, now } = pacer(undefined, () => typingUntil);
    paced.push(bytes(1));
    typingUntil = now() + 300;
    advance(100);
    paced.push(bytes(2));
    advance(150);
    expect(writes.map((write) => write.at)).toEqual([1000]);
    advance(50);
    expect(writes).toEqual([
      { at: 1000, bytes: [1] },
      { at: 1300, bytes: [2] },
    ]);

    typingUntil = Number.POSITIVE_INFINITY; // typing on and on
    paced.push(bytes(3));
    advance(999);
    expect(writes).toHaveLength(2);
    advance(1);
    expect(writes.at(-1)).toEqual({ at: 2300, bytes: [3] });
  });

  it('lets a burst of a few kB (a screen redraw) through without waiting', () => {
    const { paced, writes } = pacer(TERMINAL_PACING);
    paced.push(new Uint8Array(TERMINAL_PACING.burstBytes - 1));
    expect(writes).toHaveLength(1);
  });
});

describe('TypingPriority', () => {
  it('holds the other terminals until TYPING_HOLD_MS after the last keystroke', () => {
    const typing = new TypingPriority();
    expect(typing.heldUntil('a')).toBe(Number.NEGATIVE_INFINITY);
    typing.typed(['b'], 1000);
    expect(typing.heldUntil('a')).toBe(1000 + TYPING_HOLD_MS);
    expect(typing.heldUntil('b')).toBe(Number.NEGATIVE_INFINITY);
    typing.typed(['a'], 1200);
    expect(typing.heldUntil('b')).toBe(1200 + TYPING_HOLD_MS);
    expect(typing.heldUntil('a')).toBe(Number.NEGATIVE_INFINITY);
    typing.forget('a');
    expect(typing.heldUntil('b')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('never holds a terminal that a broadcast typed into', () => {
    const typing = new TypingPriority();
    typing.typed(['a', 'b', 'c'], 1000);
    expect(['a', 'b', 'c'].map((id) => typing.heldUntil(id))).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(typing.heldUntil('d')).toBe(1000 + TYPING_HOLD_MS);
  });

  it('takes a broadcast that reaches the terminals a few milliseconds apart for one keystroke', () => {
    const typing = new TypingPriority();
    typing.typed(['a'], 1000);
    typing.typed(['b'], 1004);
    expect(typing.heldUntil('a')).toBe(Number.NEGATIVE_INFINITY);
    expect(typing.heldUntil('c')).toBe(1004 + TYPING_HOLD_MS);
    typing.typed(['b'], 1100);
    expect(typing.heldUntil('a')).toBe(1100 + TYPING_HOLD_MS);
  });
});

describe('OutputHold', () => {
  it('holds until the end it was given, extended by later keystrokes', () => {
    const hold = new OutputHold(5000);
    expect(hold.isHeld(0)).toBe(false);
    expect(hold.extend(1300, 1000)).toBe(1300);
    expect(hold.isHeld(1299)).toBe(true);
    expect(hold.extend(1250, 1100)).toBeUndefined();
    expect(hold.extend(1450, 1150)).toBe(1450);
    expect(hold.isHeld(1449)).toBe(true);
    expect(hold.isHeld(1450)).toBe(false);
  });

  it('ignores an end already past, and ends when told to', () => {
    const hold = new OutputHold(5000);
    expect(hold.extend(Number.NEGATIVE_INFINITY, 1000)).toBeUndefined();
    expect(hold.extend(1000, 1000)).toBeUndefined();
    expect(hold.isHeld(1000)).toBe(false);
    hold.extend(1300, 1000);
    hold.end();
    expect(hold.isHeld(1001)).toBe(false);
  });

  it('lets output through after maxHoldMs however long the typing goes on', () => {
    const hold = new OutputHold(5000);
    hold.extend(1300, 1000);
    for (let now = 1150; now < 6000; now += 150) hold.extend(now + 300, now);
    expect(hold.isHeld(5999)).toBe(true);
    expect(hold.isHeld(6000)).toBe(false);
    expect(hold.extend(6400, 6100)).toBe(6400);
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
