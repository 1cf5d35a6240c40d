/**
 * Opens one SSH connection for one hop, over TCP or over a stream forwarded by the previous
 * hop, with host-key verification and authentication, and turns ssh2's failures into errors
 * that say what went wrong in the user's words.
 */
import net from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { authHandler, type AuthOptions } from './auth.js';
import type { HostKeyRefused } from './host-keys.js';
import { hostVerifier, type HostKeyPrompt } from './host-keys.js';
import type { KnownHostsFile } from './known-hosts.js';
import { readOncePerTurn } from './socket-turns.js';
import type { SshHop } from './target.js';

export type SshFailure = 'host-key' | 'auth' | 'network' | 'timeout';

const RETRIABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CLOSED']);

export class SshConnectError extends Error {
  constructor(
    readonly failure: SshFailure,
    message: string,
    readonly hostKey?: HostKeyRefused,
    /** The system's error code (ECONNREFUSED…), or CLOSED when the server hung up before the handshake. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SshConnectError';
  }

  /** Whether trying again soon may succeed: the server was down or restarting, not unreachable or refusing us. */
  get retriable(): boolean {
    return this.failure === 'timeout' || (this.failure === 'network' && RETRIABLE.has(this.code ?? ''));
  }
}

export interface HopOptions {
  knownHosts: KnownHostsFile;
  hostKeys: HostKeyPrompt;
  auth: AuthOptions;
  keepaliveMs: number;
  keepaliveCountMax: number;
  /** The handshake, including the time a user takes to answer a host-key or password prompt. */
  readyTimeoutMs: number;
}

function describeHop(hop: SshHop): string {
  return `${hop.username}@${hop.host}${hop.port === 22 ? '' : `:${hop.port}`}`;
}

interface HandshakeProgress {
  hostKey: HostKeyRefused | undefined;
  /** The key exchange finished: a hang-up from here on is the server refusing us, not a network fault. */
  keysExchanged: boolean;
}

function classify(
  hop: SshHop,
  error: Error & { level?: string; code?: string },
  progress: HandshakeProgress,
): SshConnectError {
  const where = describeHop(hop);
  if (progress.hostKey) return new SshConnectError('host-key', progress.hostKey.message, progress.hostKey);
  if (error.level === 'client-authentication')
    return new SshConnectError(
      'auth',
      `${where}: authentication failed (no method the server accepts succeeded)`,
    );
  if (error.level === 'client-timeout')
    return new SshConnectError('timeout', `${where}: timed out during the SSH handshake`);
  if (progress.keysExchanged)
    return new SshConnectError(
      'auth',
      `${where}: the server ended the connection during authentication (${error.message})`,
    );
  const code = error.code === undefined ? '' : ` (${error.code})`;
  return new SshConnectError('network', `${where}: ${error.message}${code}`, undefined, error.code);
}

/** Connects and authenticates; resolves with a ready client, rejects with an SshConnectError. */
export function connectHop(hop: SshHop, options: HopOptions, sock?: Duplex): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    const transport = sock ?? net.connect({ host: hop.host, port: hop.port });
    const progress: HandshakeProgress = { hostKey: undefined, keysExchanged: false };
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(classify(hop, error, progress));
    };
    client.once('ready', () => {
      settled = true;
      client.removeListener('error', fail);
      // Nagle's algorithm with delayed ACKs stalled each SFTP request/answer ~40 ms (a file
      // read took 355 ms, OpenSSH's sftp 40 ms): SSH packets go out at once, as OpenSSH's do.
      client.setNoDelay(true);
      // Not before: a 'data' listener makes the socket flow, and ssh2 listens only after its
      // crypto set-up; the server's first bytes would be lost.
      if (transport instanceof net.Socket) readOncePerTurn(transport);
      resolve(client);
    });
    client.on('error', fail);
    client.once('handshake', () => {
      progress.keysExchanged = true;
    });
    client.once('close', () =>
      fail(Object.assign(new Error('the connection closed during the handshake'), { code: 'CLOSED' })),
    );
    client.connect({
      host: hop.host,
      port: hop.port,
      username: hop.username,
      sock: transport,
      hostVerifier: hostVerifier(options.knownHosts, hop.host, hop.port, options.hostKeys, (refused) => {
        progress.hostKey = refused;
      }),
      authHandler: authHandler(hop, options.auth),
      keepaliveInterval: options.keepaliveMs,
      keepaliveCountMax: options.keepaliveCountMax,
      readyTimeout: options.readyTimeoutMs,
    });
  });
}

/** A TCP stream to `host:port` as seen from `through` (a direct-tcpip channel: not a session). */
export function forwardTo(through: ssh2.Client, hop: SshHop): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    through.forwardOut('127.0.0.1', 0, hop.host, hop.port, (error, stream) => {
      if (error)
        reject(
          new SshConnectError(
            'network',
            `cannot reach ${describeHop(hop)} through the jump host: ${error.message}`,
          ),
        );
      else resolve(stream);
    });
  });
}
