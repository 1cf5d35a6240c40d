/**
 * Runs Clusterdeck's own SSH code inside the lab's admin namespace (the admin's desktop), for
 * the integration tests: one JSON request per stdin line, one JSON response per stdout line.
 * The prompts answer as a user would, as the request says, and record what they were asked.
 */
import os from 'node:os';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CredentialRequest } from '../../main/ssh/auth.js';
import type { HostKeyDecision, HostKeyQuestion } from '../../main/ssh/host-keys.js';
import { GatewayFiles } from '../../main/services/gateway-files.js';
import { GatewayServices, type ClusterService } from '../../main/services/gateway-services.js';
import { limitReadAhead } from '../../main/ssh/channel-window.js';
import { KnownHostsFile } from '../../main/ssh/known-hosts.js';
import { SshPool, type ConnectionStateEvent } from '../../main/ssh/ssh-pool.js';
import { resolveTarget, type SshTarget } from '../../main/ssh/target.js';

export interface OpenRequest {
  op: 'open';
  hostKeyAnswer?: HostKeyDecision;
  /** Answers to password, passphrase and keyboard-interactive prompts, in turn; the last one repeats. */
  secrets?: string[];
  useAgent?: boolean;
  /** The text of ~/.ssh/config for resolving destinations. */
  sshConfig?: string;
  /** Overrides every hop's IdentityFile list (e.g. [] to prove the agent alone logs in). */
  identityFiles?: string[];
  maxSessions?: number;
  /** SSH keepalive interval; the connection is dropped after two unanswered. */
  keepaliveMs?: number;
}

export type DriverRequest =
  | OpenRequest
  | { op: 'exec'; destination: string; argv: string[] }
  | { op: 'parallel'; destination: string; argv: string[]; count: number }
  | { op: 'files-list'; destination: string }
  | { op: 'files-read'; destination: string; path: string }
  | {
      op: 'files-write';
      destination: string;
      changes: Array<{ path: string; text: string; baseHash: string }>;
    }
  | { op: 'service'; destination: string; service: ClusterService; action: 'status' | 'restart' }
  | { op: 'shell'; destination: string; input: string }
  | { op: 'paused-flood'; destination: string; receiveWindow?: number }
  | { op: 'status' }
  | { op: 'dispose' };

interface Session {
  pool: SshPool;
  options: OpenRequest;
}

const hostKeyQuestions: HostKeyQuestion[] = [];
const credentialRequests: CredentialRequest[] = [];
const events: ConnectionStateEvent[] = [];
let session: Session | undefined;

function open(request: OpenRequest): Session {
  const secrets = request.secrets ?? [];
  let answered = 0;
  const pool = new SshPool({
    knownHosts: new KnownHostsFile(`${os.homedir()}/.ssh/known_hosts`),
    hostKeys: {
      askUnknown: (question) => {
        hostKeyQuestions.push(question);
        return Promise.resolve(request.hostKeyAnswer ?? 'refuse');
      },
    },
    agent: request.useAgent ? process.env['SSH_AUTH_SOCK'] : undefined,
    credentials: {
      ask: (asked) => {
        const secret = secrets[Math.min(answered++, secrets.length - 1)];
        credentialRequests.push(asked);
        if (secret === undefined) return Promise.resolve(undefined);
        const count = asked.kind === 'keyboard-interactive' ? asked.prompts.length : 1;
        return Promise.resolve(Array.from({ length: count }, () => secret));
      },
    },
    connectAttempts: 8,
    ...(request.maxSessions === undefined ? {} : { maxSessions: request.maxSessions }),
    ...(request.keepaliveMs === undefined ? {} : { keepaliveMs: request.keepaliveMs, keepaliveCountMax: 2 }),
  });
  pool.onState((event) => events.push(event));
  return { pool, options: request };
}

function target(destination: string): SshTarget {
  const { options } = current();
  const resolved = resolveTarget(destination, {
    sshConfig: options.sshConfig ?? '',
    localUser: os.userInfo().username,
    home: os.homedir(),
  });
  if (options.identityFiles === undefined) return resolved;
  const identityFiles = options.identityFiles;
  return { ...resolved, identityFiles, jumps: resolved.jumps.map((hop) => ({ ...hop, identityFiles })) };
}

function current(): Session {
  if (!session) throw new Error('no pool: send "open" first');
  return session;
}

async function handle(request: DriverRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      await session?.pool.dispose();
      session = open(request);
      return {};
    case 'exec':
      return current().pool.exec(target(request.destination), request.argv);
    case 'parallel': {
      const to = target(request.destination);
      const started = Date.now();
      const results = await Promise.allSettled(
        Array.from({ length: request.count }, () => current().pool.exec(to, request.argv)),
      );
      return {
        ms: Date.now() - started,
        results: results.map((r) => (r.status === 'fulfilled' ? r.value : { error: String(r.reason) })),
      };
    }
    case 'files-list':
      return new GatewayFiles(current().pool, target(request.destination)).listFiles();
    case 'files-read': {
      const file = await new GatewayFiles(current().pool, target(request.destination)).read(request.path);
      return { text: file.bytes.toString('utf8'), hash: file.hash };
    }
    case 'files-write': {
      const changes = request.changes.map(({ path, text, baseHash }) => ({
        path,
        bytes: Buffer.from(text),
        baseHash,
      }));
      return new GatewayFiles(current().pool, target(request.destination)).write(changes);
    }
    case 'service': {
      const services = new GatewayServices(current().pool, target(request.destination));
      return request.action === 'status'
        ? services.status(request.service)
        : services.restart(request.service);
    }
    case 'shell':
      return shellSession(target(request.destination), request.input);
    case 'paused-flood':
      return pausedFlood(target(request.destination), request.receiveWindow);
    case 'status':
      return {
        connections: session?.pool.connectionCount ?? 0,
        hostKeyQuestions,
        credentialRequests,
        events,
      };
    case 'dispose':
      await current().pool.dispose();
      return { connections: current().pool.connectionCount };
  }
}

/** Types `input` into an interactive shell (a pty) and returns what the terminal showed. */
async function shellSession(to: SshTarget, input: string): Promise<{ output: string }> {
  const lease = await current().pool.acquire(to);
  try {
    const shell = await lease.shell({ rows: 24, cols: 80, term: 'xterm' });
    let output = '';
    shell.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const closed = new Promise((resolve) => shell.once('close', resolve));
    shell.write(input);
    await closed;
    return { output };
  } finally {
    lease.release();
  }
}

/**
 * Floods a PTY shell, pauses its channel as a terminal does while the user types elsewhere, and
 * measures what still arrives in a second; then resumes it and reads the flood to its end.
 */
async function pausedFlood(
  to: SshTarget,
  receiveWindow: number | undefined,
): Promise<{ afterPause: number; total: number }> {
  const lease = await current().pool.acquire(to);
  try {
    const shell = await lease.shell({ rows: 24, cols: 80, term: 'xterm' }, receiveWindow);
    limitReadAhead(shell);
    let total = 0;
    let tail = '';
    const ended = new Promise<void>((resolve) =>
      shell.on('data', (chunk: Buffer) => {
        total += chunk.byteLength;
        tail = (tail + chunk.toString('latin1')).slice(-64);
        if (tail.includes('flood-42')) resolve();
      }),
    );
    shell.write('head -c 30000000 /dev/zero | base64; echo flood-$((6*7))\n');
    while (total < 2_000_000) await sleep(5);
    shell.pause();
    await sleep(1000);
    const afterPause = shell.readableLength;
    shell.resume();
    await ended;
    return { afterPause, total };
  } finally {
    lease.release();
  }
}

function errorData(error: unknown): unknown {
  if (!(error instanceof Error)) return { message: String(error) };
  const { failure, hostKey } = error as Error & { failure?: string; hostKey?: { reason: string } };
  return { message: error.message, name: error.name, failure, reason: hostKey?.reason };
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    try {
      const value = await handle(JSON.parse(line) as DriverRequest);
      process.stdout.write(`${JSON.stringify({ ok: true, value })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: errorData(error) })}\n`);
    }
  });
});
lines.on('close', () => {
  void queue.then(() => session?.pool.dispose());
});
