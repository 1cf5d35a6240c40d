/**
 * Flow control of a terminal's output, end to end: the backend joins the shell's output into
 * batches a few milliseconds long, stops the SSH channel while too much of it waits
 * (watermarks), and the page acknowledges bytes once xterm.js has parsed them (its write
 * callback), not when they arrive, so a page that cannot keep up slows the remote shell down.
 */

/** Output waiting on the backend above which the SSH channel is paused, and where it resumes. */
export const TERMINAL_HIGH_WATERMARK = 256 * 1024;
export const TERMINAL_LOW_WATERMARK = 64 * 1024;

/**
 * Output sent to the page but not yet parsed there. Large enough to cover a paced write (see
 * WritePacer) at tens of MB/s; it waits in the page's memory, not ahead of other terminals'
 * output on the way, so a keystroke's echo elsewhere does not queue behind it.
 */
export const TERMINAL_STREAM_WATERMARKS = { high: 4 * 1024 * 1024, low: 2 * 1024 * 1024 };

/**
 * The page acknowledges in steps of this many bytes. It must stay below the stream's low
 * watermark: a remainder smaller than a step is never acknowledged, and must not keep a
 * paused stream from resuming.
 */
export const TERMINAL_ACK_STEP = 64 * 1024;

export interface BatchOptions {
  /** How long the first chunk of a batch may wait for more. */
  delayMs: number;
  /** A batch this large goes at once. */
  maxBytes: number;
}

export const TERMINAL_BATCH: BatchOptions = { delayMs: 4, maxBytes: 128 * 1024 };

/** Starts a timer and returns the function that cancels it (setTimeout in the app, fake in tests). */
export type StartTimer = (delayMs: number, fire: () => void) => () => void;

/** Joins chunks that arrive within `delayMs` of the first into one batch of at most about `maxBytes`. */
export class OutputBatcher {
  private parts: Uint8Array[] = [];
  private size = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(
    private readonly options: BatchOptions,
    private readonly startTimer: StartTimer,
    private readonly emit: (batch: Uint8Array) => void,
  ) {}

  get pendingBytes(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.parts.push(chunk);
    this.size += chunk.byteLength;
    if (this.size >= this.options.maxBytes) this.flush();
    else this.cancelTimer ??= this.startTimer(this.options.delayMs, () => this.flush());
  }

  /** Emits what is waiting now (a batch is due, or the output ends). */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.size === 0) return;
    const batch = joinBytes(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.emit(batch);
  }

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.parts = [];
    this.size = 0;
  }
}

function joinBytes(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

export interface PacingOptions {
  /** Heavy output is written at most this often. */
  intervalMs: number;
  /** Output written at once within an interval before the rest waits for its end. */
  burstBytes: number;
  /** The longest output waits for typing elsewhere, counted from this terminal's last write. */
  maxHoldMs: number;
}

/**
 * Heavy output reaches xterm.js at most once per `intervalMs`, not chunk by chunk (as iTerm2's
 * adaptive frame rate does): a draw after every small chunk cost a flood more than parsing it.
 * xterm.js still draws between the 12 ms slices it parses a large write in. Sparse output (an
 * echo, a prompt) is written at once: output waits only once more than `burstBytes` were
 * written in the current interval. While the user types into another terminal (`heldUntil`),
 * output waits too, up to `maxHoldMs`: unacknowledged, it stops the flood at its source and
 * leaves the machine to the echo. Held chunks are written one by one, not joined: xterm.js
 * parses each write whole before it yields, so a megabyte in one write would hold up every
 * other terminal's echo.
 */
export class WritePacer {
  private parts: Uint8Array[] = [];
  private size = 0;
  private intervalStarted = Number.NEGATIVE_INFINITY;
  private writtenInInterval = 0;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | undefined;

  constructor(
    private readonly options: PacingOptions,
    private readonly clock: () => number,
    private readonly startTimer: StartTimer,
    private readonly write: (output: Uint8Array) => void,
    private readonly heldUntil: () => number = () => Number.NEGATIVE_INFINITY,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.parts.push(chunk);
    this.size += chunk.byteLength;
    if (!this.cancelTimer) this.writeOrWait();
  }

  /** Writes what waits now (the stream is being replaced: its tail goes before the new output). */
  drain(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.flush(this.clock());
  }

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.parts = [];
    this.size = 0;
  }

  private writeOrWait(): void {
    const now = this.clock();
    const wait = Math.max(this.pacingWait(now), this.typingWait(now));
    if (wait <= 0) return this.flush(now);
    this.cancelTimer = this.startTimer(wait, () => {
      this.cancelTimer = undefined;
      this.writeOrWait();
    });
  }

  private pacingWait(now: number): number {
    const intervalEnd = this.intervalStarted + this.options.intervalMs;
    return now >= intervalEnd || this.writtenInInterval < this.options.burstBytes ? 0 : intervalEnd - now;
  }

  private typingWait(now: number): number {
    return Math.min(this.heldUntil(), this.lastWrite + this.options.maxHoldMs) - now;
  }

  private flush(now: number): void {
    if (this.size === 0) return;
    if (now >= this.intervalStarted + this.options.intervalMs) {
      this.intervalStarted = now;
      this.writtenInInterval = 0;
    }
    const parts = this.parts;
    this.writtenInInterval += this.size;
    this.lastWrite = now;
    this.parts = [];
    this.size = 0;
    for (const part of parts) this.write(part);
  }
}

/**
 * Flood output reaches xterm.js about 20 times a second; a few kB at once always go straight
 * through; typing elsewhere holds output back for at most five seconds.
 */
export const TERMINAL_PACING: PacingOptions = { intervalMs: 50, burstBytes: 16 * 1024, maxHoldMs: 5000 };

/** How long after a keystroke other terminals' output waits (long enough for its echo). */
export const TYPING_HOLD_MS = 300;

/**
 * Keystrokes this close together are one keystroke: a broadcast reaches the backend as one
 * message per terminal, a few milliseconds apart, and no one types into two terminals faster.
 */
const SAME_KEYSTROKE_MS = 50;

/**
 * The terminal being typed into comes first: until `TYPING_HOLD_MS` after a keystroke, the
 * other terminals' output waits (WritePacer in the page; the SSH channel in the backend). A
 * terminal that was typed into itself (a broadcast reaches several) never waits.
 */
export class TypingPriority {
  private readonly typedAt = new Map<string, number>();

  typed(terminalIds: Iterable<string>, now: number): void {
    for (const id of terminalIds) this.typedAt.set(id, now);
  }

  forget(terminalId: string): void {
    this.typedAt.delete(terminalId);
  }

  /** Until when `terminalId`'s output waits for typing elsewhere (in the past: it does not). */
  heldUntil(terminalId: string): number {
    let latest = Number.NEGATIVE_INFINITY;
    for (const typedAt of this.typedAt.values()) latest = Math.max(latest, typedAt);
    const own = this.typedAt.get(terminalId) ?? Number.NEGATIVE_INFINITY;
    return own >= latest - SAME_KEYSTROKE_MS ? Number.NEGATIVE_INFINITY : latest + TYPING_HOLD_MS;
  }
}

/**
 * The backend's side of TypingPriority: a shell's output stopped at its source while the user
 * types into another terminal. A hold lasts at most `maxHoldMs` (as WritePacer's), so a shell
 * still makes progress however long the typing goes on.
 */
export class OutputHold {
  private until = Number.NEGATIVE_INFINITY;
  private started = Number.NEGATIVE_INFINITY;

  constructor(private readonly maxHoldMs: number = TERMINAL_PACING.maxHoldMs) {}

  isHeld(now: number): boolean {
    return now < this.until;
  }

  /** Holds until `until` (no later than `maxHoldMs` after the hold began); returns the new end, if it moved. */
  extend(until: number, now: number): number | undefined {
    if (!this.isHeld(now)) this.started = now;
    const end = Math.min(until, this.started + this.maxHoldMs);
    if (!(end > now) || end <= this.until) return undefined;
    this.until = end;
    return end;
  }

  /** Its time is up (a timer may fire a little before `until` by the clock). */
  end(): void {
    this.until = Number.NEGATIVE_INFINITY;
  }
}

/** The page's side: counts bytes xterm.js has parsed and says when to acknowledge them. */
export class AckCounter {
  private parsed = 0;

  constructor(private readonly step: number = TERMINAL_ACK_STEP) {
    if (!(step > 0)) throw new RangeError('AckCounter needs a positive step');
  }

  /** Records bytes whose write callback ran; returns how many to acknowledge now (0: not yet). */
  written(bytes: number): number {
    this.parsed += bytes;
    if (this.parsed < this.step) return 0;
    const due = this.parsed;
    this.parsed = 0;
    return due;
  }
}
