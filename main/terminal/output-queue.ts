import { FlowWindow } from '../../shared/ipc/flow-window.js';
import {
  OutputBatcher,
  TERMINAL_BATCH,
  TERMINAL_HIGH_WATERMARK,
  TERMINAL_LOW_WATERMARK,
  type StartTimer,
} from '../../shared/terminal/terminal-flow.js';

/** What the queue stops while too much output waits: the shell's SSH channel. */
export interface Valve {
  pause(): void;
  resume(): void;
}

const startTimer: StartTimer = (delayMs, fire) => {
  const timer = setTimeout(fire, delayMs);
  return () => clearTimeout(timer);
};

/**
 * A terminal's output on its way to the page: batched, held until the stream takes it, and
 * the valve closed above the high watermark (ssh2 then stops widening the channel's window,
 * so sshd stops sending) until the stream has taken it down to the low one.
 */
export class OutputQueue {
  private readonly batches: Uint8Array[] = [];
  private readonly window = new FlowWindow(TERMINAL_HIGH_WATERMARK, TERMINAL_LOW_WATERMARK);
  private readonly batcher: OutputBatcher;
  private reader: ((batch: Uint8Array | undefined) => void) | undefined;
  private ended = false;

  constructor(private readonly valve: Valve) {
    this.batcher = new OutputBatcher(TERMINAL_BATCH, startTimer, (batch) => this.enqueue(batch));
  }

  /** Bytes waiting for the stream, batched or not. */
  get waitingBytes(): number {
    return this.window.inFlight + this.batcher.pendingBytes;
  }

  push(chunk: Uint8Array): void {
    if (!this.ended) this.batcher.push(chunk);
  }

  /** The next batch, once there is one; undefined when the queue ended or its reader was let go. */
  next(): Promise<Uint8Array | undefined> {
    const batch = this.batches.shift();
    if (batch) {
      if (this.window.acknowledged(batch.byteLength)) this.valve.resume();
      return Promise.resolve(batch);
    }
    if (this.ended) return Promise.resolve(undefined);
    this.releaseReader();
    return new Promise((resolve) => (this.reader = resolve));
  }

  /** Ends a reader waiting in `next()`, so the stream it feeds can finish. */
  releaseReader(): void {
    this.reader?.(undefined);
    this.reader = undefined;
  }

  end(): void {
    this.ended = true;
    this.batcher.dispose();
    this.batches.length = 0;
    this.releaseReader();
  }

  private enqueue(batch: Uint8Array): void {
    const reader = this.reader;
    this.reader = undefined;
    if (reader) return reader(batch);
    this.batches.push(batch);
    if (this.window.sent(batch.byteLength)) this.valve.pause();
  }
}
