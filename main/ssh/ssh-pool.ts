/**
 * One SSH connection per target (host, port, user and jump chain), shared by leases for exec,
 * SFTP and shells. A connection holds at most `maxSessions` sessions (OpenSSH's MaxSessions;
 * the rest queue), closes after an idle grace period, sends keepalives, and is opened again
 * with backoff when it was lost. Handshakes are limited pool-wide (OpenSSH's MaxStartups).
 */
import type ssh2 from 'ssh2';
import type { ClientChannel, PseudoTtyOptions, SFTPWrapper } from 'ssh2';
import { shellCommand } from '../../shared/shell.js';
import { NO_CREDENTIALS, type AuthOptions } from './auth.js';
import { shellWithWindow } from './channel-window.js';
import { connectHop, forwardTo, SshConnectError, type HopOptions } from './connect.js';
import type { HostKeyPrompt } from './host-keys.js';
import type { KnownHostsFile } from './known-hosts.js';
import { backoffDelay, DEFAULT_BACKOFF, Limiter, type BackoffOptions } from './limiter.js';
import { hopTarget, targetKey, type SshTarget } from './target.js';

export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'closed' | 'failed';

export interface ConnectionStateEvent {
  key: string;
  state: ConnectionState;
  /** Why it failed or closed, in plain words. */
  message?: string;
}

export interface PoolOptions {
  knownHosts: KnownHostsFile;
  hostKeys: HostKeyPrompt;
  agent?: string | undefined;
  credentials?: AuthOptions['prompt'];
  maxSessions?: number;
  maxHandshakes?: number;
  idleMs?: number;
  keepaliveMs?: number;
  keepaliveCountMax?: number;
  readyTimeoutMs?: number;
  /** Attempts to open a connection while the server cannot be reached (a restarting sshd). */
  connectAttempts?: number;
  backoff?: BackoffOptions;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** The exit status, or null when the command ended on a signal. */
  code: number | null;
  signal?: string;
}

class PooledConnection {
  readonly sessions: Limiter;
  /** Leases and connections tunnelled through this one. */
  users = 0;
  idleTimer: NodeJS.Timeout | undefined;
  closing = false;
  /** The transport ended or failed: no new session may use it, even before ssh2 reports 'close'. */
  lost = false;
  /** The pool's entry for this connection, so a newer one under the same key is never dropped. */
  entry: Promise<PooledConnection> | undefined;
  readonly closed: Promise<void>;

  constructor(
    readonly key: string,
    readonly client: ssh2.Client,
    maxSessions: number,
    /** The jump host's connection this one is tunnelled through. */
    readonly upstream: PooledConnection | undefined,
  ) {
    this.sessions = new Limiter(maxSessions);
    this.closed = new Promise((resolve) => client.once('close', () => resolve()));
  }
}

/**
 * Channels whose 'close' was emitted. ssh2 can close a channel (the connection dropped) before
 * the code that opened it attaches its own listeners; they check here instead of waiting forever.
 */
const endedChannels = new WeakSet<object>();

export function hasEnded(channel: object): boolean {
  return endedChannels.has(channel);
}

/** A command's output and exit status, as the channel delivers them until it closes. */
function gatherResult(channel: ClientChannel): { result: Promise<ExecResult>; exited: () => boolean } {
  let exited = false;
  const gathered = new Promise<ExecResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let code: number | null = null;
    let signal: string | undefined;
    channel.on('data', (chunk: Buffer) => stdout.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    channel.once('exit', (exitCode: number | null, exitSignal?: string) => {
      exited = true;
      code = exitCode;
      signal = exitSignal;
    });
    channel.once('error', reject);
    channel.once('close', () => {
      const result = {
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code,
      };
      resolve(signal === undefined ? result : { ...result, signal });
    });
  });
  return { result: gathered, exited: () => exited };
}

/** One session place on a pooled connection; `release()` ends whatever it opened. */
export class SshLease {
  private channel: ClientChannel | SFTPWrapper | undefined;
  private released = false;

  constructor(
    private readonly connection: PooledConnection,
    private readonly onRelease: () => void,
  ) {}

  get client(): ssh2.Client {
    return this.connection.client;
  }

  /** Runs a command built from its arguments with the one quoting helper. */
  exec(argv: readonly string[]): Promise<ExecResult> {
    return this.execRaw(shellCommand(argv));
  }

  /** Runs a command line that was already built with shellCommand/shellQuote. */
  async execRaw(command: string, input?: string | Buffer): Promise<ExecResult> {
    let gathering: ReturnType<typeof gatherResult> | undefined;
    // A quick command's exit status can come in the same packet as the exec's reply, emitted
    // before this function resumes: the result is gathered from the callback on.
    const stream = await this.openChannel<ClientChannel>((callback) =>
      this.client.exec(command, (error, channel) => {
        if (channel) gathering = gatherResult(channel);
        callback(error, channel);
      }),
    );
    if (!gathering) throw new Error('the SSH exec callback gave no channel');
    if (hasEnded(stream) && !gathering.exited())
      throw new Error('the session ended before the command ran (the connection was lost)');
    stream.end(input);
    return gathering.result;
  }

  sftp(): Promise<SFTPWrapper> {
    return this.openChannel<SFTPWrapper>((callback) => this.client.sftp(callback));
  }

  /** A shell with a PTY (or none); `receiveWindow` bytes at most on their way to it, else ssh2's 2 MB. */
  shell(pty: PseudoTtyOptions | false, receiveWindow?: number): Promise<ClientChannel> {
    return this.openChannel<ClientChannel>((callback) =>
      receiveWindow === undefined
        ? this.client.shell(pty, callback)
        : shellWithWindow(this.client, pty, receiveWindow, callback),
    );
  }

  /**
   * Opens the lease's one channel. OpenSSH frees a session only after both sides closed it, so
   * a place freed here can still be taken there for a moment: a refused open is retried briefly.
   */
  private async openChannel<T extends ClientChannel | SFTPWrapper>(
    open: (callback: (error: Error | undefined, channel: T) => void) => void,
  ): Promise<T> {
    if (this.released) throw new Error('this SSH lease was released');
    if (this.channel) throw new Error('this SSH lease already has a session open');
    for (let attempt = 0; ; attempt++) {
      try {
        const channel = await new Promise<T>((resolve, reject) =>
          open((error, opened) => {
            if (error) return reject(error);
            opened.once('close', () => endedChannels.add(opened));
            resolve(opened);
          }),
        );
        this.channel = channel;
        channel.once('close', () => {
          if (this.channel === channel) this.channel = undefined;
        });
        return channel;
      } catch (error) {
        const refused = (error as { reason?: unknown }).reason === SESSION_REFUSED;
        if (!refused || attempt >= OPEN_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * 2 ** attempt)));
      }
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.channel?.end();
    this.onRelease();
  }
}

/** OpenSSH refuses a session beyond MaxSessions with SSH_OPEN_CONNECT_FAILED, "open failed". */
const SESSION_REFUSED = 2;
const OPEN_RETRIES = 60;

const RELEASED_ON_DISPOSE = new Error('the SSH pool was disposed');

export class SshPool {
  private readonly connections = new Map<string, Promise<PooledConnection>>();
  private readonly live = new Set<PooledConnection>();
  private readonly everConnected = new Set<string>();
  private readonly handshakes: Limiter;
  private readonly listeners = new Set<(event: ConnectionStateEvent) => void>();
  private readonly hopOptions: HopOptions;
  private disposed = false;

  constructor(private readonly options: PoolOptions) {
    this.handshakes = new Limiter(options.maxHandshakes ?? 4);
    this.hopOptions = {
      knownHosts: options.knownHosts,
      hostKeys: options.hostKeys,
      auth: { agent: options.agent, prompt: options.credentials ?? NO_CREDENTIALS },
      keepaliveMs: options.keepaliveMs ?? 15_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
    };
  }

  /** Open connections (jump hosts included). */
  get connectionCount(): number {
    return this.live.size;
  }

  onState(listener: (event: ConnectionStateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A session place on the target's connection, connecting first if needed; waits while all places are taken. */
  async acquire(target: SshTarget): Promise<SshLease> {
    const connection = await this.use(target);
    try {
      await connection.sessions.acquire();
    } catch (error) {
      this.unuse(connection);
      throw error;
    }
    return new SshLease(connection, () => {
      connection.sessions.release();
      this.unuse(connection);
    });
  }

  /** Runs one command on the target and releases its session. */
  async exec(target: SshTarget, argv: readonly string[]): Promise<ExecResult> {
    const lease = await this.acquire(target);
    try {
      return await lease.exec(argv);
    } finally {
      lease.release();
    }
  }

  /** Runs `task` with an SFTP session on the target, released when it ends. */
  async withSftp<T>(target: SshTarget, task: (sftp: SFTPWrapper, lease: SshLease) => Promise<T>): Promise<T> {
    const lease = await this.acquire(target);
    try {
      return await task(await lease.sftp(), lease);
    } finally {
      lease.release();
    }
  }

  /** Closes every connection and fails every waiter; resolves when all sockets are closed. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.live];
    for (const connection of all) this.close(connection);
    await Promise.allSettled([...this.connections.values()]);
    for (const connection of [...this.live]) this.close(connection);
    await Promise.all([...all, ...this.live].map((connection) => connection.closed));
  }

  private emit(event: ConnectionStateEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async use(target: SshTarget): Promise<PooledConnection> {
    if (this.disposed) throw RELEASED_ON_DISPOSE;
    const key = targetKey(target);
    let pending = this.connections.get(key);
    if (pending === undefined) {
      const opening: Promise<PooledConnection> = this.open(target, key).then((connection) => {
        connection.entry = opening;
        return connection;
      });
      pending = opening;
      this.connections.set(key, pending);
      pending.catch(() => {
        if (this.connections.get(key) === pending) this.connections.delete(key);
      });
    }
    const connection = await pending;
    if (connection.lost) {
      this.forget(connection);
      return this.use(target);
    }
    connection.users++;
    clearTimeout(connection.idleTimer);
    return connection;
  }

  private unuse(connection: PooledConnection): void {
    connection.users--;
    if (connection.users > 0 || connection.closing || !this.live.has(connection)) return;
    connection.idleTimer = setTimeout(() => this.close(connection), this.options.idleMs ?? 30_000);
  }

  private async open(target: SshTarget, key: string): Promise<PooledConnection> {
    this.emit({ key, state: this.everConnected.has(key) ? 'reconnecting' : 'connecting' });
    const attempts = this.options.connectAttempts ?? 6;
    for (let attempt = 0; ; attempt++) {
      try {
        const connection = await this.connectOnce(target, key);
        this.everConnected.add(key);
        this.emit({ key, state: 'ready' });
        return connection;
      } catch (error) {
        const retriable = error instanceof SshConnectError && error.retriable;
        if (!retriable || attempt + 1 >= attempts || this.disposed) {
          this.emit({ key, state: 'failed', message: (error as Error).message });
          throw error;
        }
        const delay = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF, Math.random());
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async connectOnce(target: SshTarget, key: string): Promise<PooledConnection> {
    const last = target.jumps.at(-1);
    const upstream = last ? await this.use(hopTarget(last, target.jumps.slice(0, -1))) : undefined;
    try {
      const client = await this.handshakes.run(async () =>
        connectHop(target, this.hopOptions, upstream ? await forwardTo(upstream.client, target) : undefined),
      );
      if (this.disposed) {
        client.end();
        throw RELEASED_ON_DISPOSE;
      }
      return this.adopt(client, key, upstream);
    } catch (error) {
      if (upstream) this.unuse(upstream);
      throw error;
    }
  }

  private adopt(client: ssh2.Client, key: string, upstream: PooledConnection | undefined): PooledConnection {
    const connection = new PooledConnection(key, client, this.options.maxSessions ?? 10, upstream);
    this.live.add(connection);
    let lastError: string | undefined;
    const lose = () => {
      connection.lost = true;
      this.forget(connection);
    };
    client.on('error', (error: Error) => {
      lastError = error.message;
      lose();
    });
    client.once('end', lose);
    client.once('close', () => {
      this.live.delete(connection);
      clearTimeout(connection.idleTimer);
      this.forget(connection);
      connection.sessions.rejectAll(new Error(`the connection to ${key} closed`));
      if (upstream) this.unuse(upstream);
      const unexpected = !connection.closing;
      this.emit({
        key,
        state: 'closed',
        ...(unexpected ? { message: lastError ?? 'the connection was lost' } : {}),
      });
    });
    return connection;
  }

  private forget(connection: PooledConnection): void {
    if (this.connections.get(connection.key) === connection.entry) this.connections.delete(connection.key);
  }

  private close(connection: PooledConnection): void {
    if (connection.closing) return;
    connection.closing = true;
    clearTimeout(connection.idleTimer);
    this.forget(connection);
    connection.client.end();
    // A peer that no longer answers would keep a graceful end waiting.
    setTimeout(() => connection.client.destroy(), 2000).unref();
  }
}
