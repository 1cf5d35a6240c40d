/**
 * Main's side of the image writer: starts the worker process (through pkexec or sudo only
 * when this user cannot write the target), hands it a one-time token, and checks every
 * message it sends back against the schema and the token.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from '../paths.js';
import {
  FromWorkerSchema,
  type ToWorker,
  type WriteOutcome,
  type WriteProgress,
  type WriteRequest,
} from '../../shared/image/writer-protocol.js';

export const WORKER_BIN = path.join(packageRoot, 'main/workers/image-writer/bin.js');
/** Made by `npm run build:workers`: starts in a tenth of the time tsx needs to compile the sources. */
export const WORKER_BUNDLE = path.join(packageRoot, 'out/workers/image-writer.mjs');
const WORKER_SOURCES = ['main/workers/image-writer', 'shared/image', 'shared/ipc'].map((dir) =>
  path.join(packageRoot, dir),
);

async function newestSource(): Promise<number> {
  let newest = 0;
  for (const dir of WORKER_SOURCES) {
    for (const name of await readdir(dir))
      newest = Math.max(newest, (await stat(path.join(dir, name))).mtimeMs);
  }
  return newest;
}

/** The bundle when it is there and newer than every source it was made from, else the sources. */
export async function workerEntry(): Promise<string> {
  const bundle = await stat(WORKER_BUNDLE).catch(() => undefined);
  if (bundle && bundle.mtimeMs >= (await newestSource().catch(() => Infinity))) return WORKER_BUNDLE;
  return WORKER_BIN;
}

export interface WriteOptions {
  onProgress?: (progress: WriteProgress) => void;
  signal?: AbortSignal;
}

/** True when this process may write the target (or create it, for a new image file). */
export async function canWrite(target: string): Promise<boolean> {
  const writable = (file: string) =>
    access(file, constants.W_OK).then(
      () => true,
      () => false,
    );
  const exists = await access(target).then(
    () => true,
    () => false,
  );
  return writable(exists ? target : path.dirname(target));
}

/**
 * The program that runs the worker as plain Node: this one, or, in the desktop app, Electron's
 * binary told so by ELECTRON_RUN_AS_NODE (set with env(1), since sudo and pkexec reset the
 * environment).
 */
function nodeRuntime(): string[] {
  return process.versions.electron === undefined
    ? [process.execPath]
    : ['env', 'ELECTRON_RUN_AS_NODE=1', process.execPath];
}

/** The command that runs the worker: directly, or elevated for just this write. */
export async function workerCommand(target: string): Promise<string[]> {
  const direct = [...nodeRuntime(), await workerEntry()];
  if (process.getuid?.() === 0 || (await canWrite(target))) return direct;
  const graphical = process.env['DISPLAY'] !== undefined || process.env['WAYLAND_DISPLAY'] !== undefined;
  return graphical ? ['pkexec', ...direct] : ['sudo', '--', ...direct];
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export async function writeWithWorker(
  request: WriteRequest,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const [command = process.execPath, ...args] = await workerCommand(request.target);
  const token = newToken();
  const worker = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const send = (message: ToWorker) => worker.stdin.write(`${JSON.stringify(message)}\n`);
  let stderr = '';
  worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  worker.stdin.on('error', () => undefined);
  worker.stdin.write(`${token}\n`);
  send({ token, type: 'write', request });
  const cancel = () => send({ token, type: 'cancel' });
  options.signal?.addEventListener('abort', cancel, { once: true });
  const exited = new Promise<number | null>((resolve) => worker.once('close', resolve));
  let outcome: WriteOutcome | undefined;
  try {
    for await (const line of createInterface({ input: worker.stdout, crlfDelay: Infinity })) {
      const parsed = FromWorkerSchema.safeParse(JSON.parse(line));
      if (!parsed.success || parsed.data.token !== token) {
        worker.kill();
        return {
          state: 'failed',
          message: 'the image writer sent a message that was not its own; stopped it',
        };
      }
      const message = parsed.data;
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'outcome') outcome = message.outcome;
      else return { state: 'failed', message: `the image writer refused: ${message.reason}` };
    }
  } catch (error) {
    worker.kill();
    return {
      state: 'failed',
      message: `the image writer's output was unreadable: ${(error as Error).message}`,
    };
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    worker.stdin.end();
  }
  const code = await exited;
  return (
    outcome ?? {
      state: 'failed',
      message: `the image writer ended (exit ${code}) without a result: ${stderr.trim()}`,
    }
  );
}
