import type { ClientChannel } from 'ssh2';
import type { TerminalMessage, TerminalState } from '../../shared/ipc/contract.js';
import type { DuplexSource } from '../ipc/stream-pump.js';
import { limitReadAhead } from '../ssh/channel-window.js';
import { hasEnded, type SshLease, type SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';
import { OutputHold, TERMINAL_STREAM_WATERMARKS } from '../../shared/terminal/terminal-flow.js';
import { OutputQueue } from './output-queue.js';

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface SessionOptions {
  terminalId: string;
  node: string | undefined;
  title: string;
  size: TerminalSize;
  pool: SshPool;
  /** Where the shell runs; asked again on each reconnect (the gateway may have changed). */
  target: () => Promise<SshTarget>;
  onState: (state: TerminalState) => void;
  /** The user typed into this terminal (its output goes first; the others' waits). */
  onTyped: () => void;
}

const TERM = 'xterm-256color';

/**
 * What a shell may send before it hears back (ssh2 would grant 2 MB). Once a keystroke elsewhere
 * pauses this terminal, this much at most is still on its way: 17 ms of a flood at the lab's
 * 15 MB/s, where ssh2's 2 MB kept the first echo in another terminal waiting 100 ms and more.
 */
const RECEIVE_WINDOW = 256 * 1024;

/**
 * One terminal: a PTY shell on an SSH channel from the pool, its output queue, and the page's
 * stream attached to it. The terminal outlives its channel: a lost or exited shell leaves it
 * closed, and reconnecting opens a new shell whose output goes to the same stream.
 */
export class TerminalSession {
  private readonly output: OutputQueue;
  private lease: SshLease | undefined;
  private channel: ClientChannel | undefined;
  /** The output queue is above its high watermark. */
  private backlogged = false;
  /** Typing into another terminal holds this one's output at its source (performance.now times). */
  private readonly hold = new OutputHold();
  private holdTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private attachments = 0;
  private current: TerminalState;

  constructor(private readonly options: SessionOptions) {
    this.output = new OutputQueue({
      pause: () => this.setBacklogged(true),
      resume: () => this.setBacklogged(false),
    });
    this.current = this.stateOf('connecting');
  }

  get state(): TerminalState {
    return this.current;
  }

  /** Opens the shell (again); the state events tell how it went. */
  async connect(): Promise<void> {
    this.dropChannel();
    this.setState('connecting');
    try {
      const lease = await this.options.pool.acquire(await this.options.target());
      if (this.disposed) return lease.release();
      this.lease = lease;
      const { cols, rows } = this.options.size;
      const channel = await lease.shell({ term: TERM, cols, rows, width: 0, height: 0 }, RECEIVE_WINDOW);
      if (hasEnded(channel)) throw new Error('the connection was lost while the shell opened');
      this.adopt(channel, lease);
      this.setState('open');
    } catch (error) {
      this.dropChannel();
      this.setState('failed', (error as Error).message);
    }
  }

  /** The page's end of this terminal: output out, keystrokes and size in. A new attachment ends the last. */
  attach(): DuplexSource<TerminalMessage> & { detach(): void } {
    const attachment = ++this.attachments;
    const isCurrent = () => attachment === this.attachments && !this.disposed;
    return {
      watermarks: TERMINAL_STREAM_WATERMARKS,
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const batch = isCurrent() ? await this.output.next() : undefined;
          return batch ? { done: false, value: batch } : { done: true, value: undefined };
        },
      }),
      receive: (message) => {
        if (isCurrent()) this.receive(message);
      },
      // The page let go (tab gone, window closed, WebSocket lost): its shell goes with it.
      detach: () => {
        if (!isCurrent()) return;
        this.output.releaseReader();
        this.dropChannel();
        if (this.current.state !== 'failed') this.setState('closed', 'the console let go of this terminal');
      },
    };
  }

  /** Stops the shell's output at its source until `until` (performance.now), while the user types elsewhere. */
  holdOutput(until: number): void {
    const now = performance.now();
    const end = this.hold.extend(until, now);
    if (end === undefined) return;
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => {
      this.hold.end();
      this.updateValve();
    }, end - now);
    this.updateValve();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.holdTimer);
    this.dropChannel();
    this.output.end();
  }

  private receive(message: TerminalMessage): void {
    if (message.type === 'input') {
      this.options.onTyped();
      this.channel?.write(message.data);
      return;
    }
    this.options.size = { cols: message.cols, rows: message.rows };
    this.channel?.setWindow(message.rows, message.cols, 0, 0);
  }

  private adopt(channel: ClientChannel, lease: SshLease): void {
    this.channel = channel;
    limitReadAhead(channel);
    if (this.paused) channel.pause();
    const push = (chunk: Buffer) => this.output.push(chunk);
    channel.on('data', push);
    channel.stderr.on('data', push);
    let ending = 'the connection was lost';
    channel.once('exit', (code: number | null, signal?: string) => {
      ending = code === null ? `the shell ended on ${signal ?? 'a signal'}` : `the shell exited (${code})`;
    });
    const closed = () => {
      lease.client.off('end', closed);
      if (this.channel !== channel) return;
      this.dropChannel();
      this.setState('closed', ending);
    };
    channel.once('close', closed);
    // A tunnelled connection whose far end died only ends (the jump host half-closes the
    // forward): its channels would never report 'close'.
    lease.client.once('end', closed);
  }

  private get paused(): boolean {
    return this.backlogged || this.hold.isHeld(performance.now());
  }

  private setBacklogged(backlogged: boolean): void {
    this.backlogged = backlogged;
    this.updateValve();
  }

  private updateValve(): void {
    if (this.paused) this.channel?.pause();
    else this.channel?.resume();
  }

  private dropChannel(): void {
    this.channel = undefined;
    this.lease?.release();
    this.lease = undefined;
  }

  private stateOf(state: TerminalState['state'], message?: string): TerminalState {
    const { terminalId, node, title } = this.options;
    return {
      terminalId,
      ...(node === undefined ? {} : { node }),
      title,
      state,
      ...(message === undefined ? {} : { message }),
    };
  }

  private setState(state: TerminalState['state'], message?: string): void {
    if (this.disposed) return;
    this.current = this.stateOf(state, message);
    this.options.onState(this.current);
  }
}
