/**
 * Writes an image to a drive or file and verifies it: large aligned blocks with direct I/O,
 * the first block last (an interrupted write never looks bootable), fsync, then a read-back
 * with direct I/O compared byte for byte with the source. Cancel at any block.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/ipc/errors.js';
import {
  PROGRESS_PER_SECOND,
  type WriteOutcome,
  type WritePhase,
  type WriteProgress,
  type WriteRequest,
} from '../../../shared/image/writer-protocol.js';
import { inspectSource, openSourceStream, type SourceInfo } from './image-source.js';
import { isReadOnlyDevice, openTarget, unmountAll, type OpenTarget } from './target.js';

export const BLOCK_BYTES = 4 * 1024 * 1024;
const WASM_PAGE_BYTES = 64 * 1024;

/** The one piece of the WebAssembly API used here (main's tsconfig has no DOM/WebAssembly lib). */
declare const WebAssembly: { Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer } };

export interface WriteJob {
  request: WriteRequest;
  signal: AbortSignal;
  onProgress: (progress: WriteProgress) => void;
  /** Runs between writing and verifying (tests use it to damage the target). */
  beforeVerify?: () => Promise<void>;
}

/**
 * Page-aligned buffers, as O_DIRECT needs: a WebAssembly memory starts on a page boundary,
 * which no Buffer allocation promises.
 */
function alignedBuffers(count: number): Buffer[] {
  const memory = new WebAssembly.Memory({ initial: (count * BLOCK_BYTES) / WASM_PAGE_BYTES });
  return Array.from({ length: count }, (_, index) =>
    Buffer.from(memory.buffer, index * BLOCK_BYTES, BLOCK_BYTES),
  );
}

interface SourceBlocks {
  /** Fills `target` with the next bytes of the image; fewer only at its end. */
  fill(target: Buffer): Promise<number>;
  dispose(): Promise<void>;
}

/** Fills whole blocks from a stream of arbitrary chunks (a decompressor's output). */
class StreamBlocks implements SourceBlocks {
  private readonly chunks: AsyncIterator<Buffer>;
  private carry: Buffer | undefined;

  constructor(private readonly stream: Readable) {
    this.chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  async fill(target: Buffer): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      let chunk = this.carry;
      this.carry = undefined;
      if (!chunk) {
        const next = await this.chunks.next();
        if (next.done === true) break;
        chunk = next.value;
      }
      const taken = Math.min(chunk.length, target.length - filled);
      chunk.copy(target, filled, 0, taken);
      filled += taken;
      if (taken < chunk.length) this.carry = chunk.subarray(taken);
    }
    return filled;
  }

  dispose(): Promise<void> {
    this.stream.destroy();
    return Promise.resolve();
  }
}

/** An uncompressed image read straight into the aligned buffers, with no stream or copy between. */
class FileBlocks implements SourceBlocks {
  private position = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async open(file: string): Promise<FileBlocks> {
    return new FileBlocks(await open(file, 'r'));
  }

  async fill(target: Buffer): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      const { bytesRead } = await this.handle.read(target, filled, target.length - filled, this.position);
      if (bytesRead === 0) break;
      filled += bytesRead;
      this.position += bytesRead;
    }
    return filled;
  }

  dispose(): Promise<void> {
    return this.handle.close();
  }
}

function sourceBlocks(source: SourceInfo): Promise<SourceBlocks> {
  const { compression } = source.kind;
  if (compression === 'none') return FileBlocks.open(source.path);
  return Promise.resolve(new StreamBlocks(openSourceStream(source.path, compression)));
}

function progressReporter(totalBytes: number, onProgress: (progress: WriteProgress) => void) {
  const interval = 1000 / PROGRESS_PER_SECOND;
  let phase: WritePhase = 'preparing';
  let phaseStart = performance.now();
  let lastSent = -Infinity;
  const report = (bytes: number, force: boolean) => {
    const now = performance.now();
    if (!force && now - lastSent < interval) return;
    lastSent = now;
    const seconds = (now - phaseStart) / 1000;
    const bytesPerSecond = seconds > 0 ? bytes / seconds : 0;
    const progress: WriteProgress = { phase, bytes, totalBytes, bytesPerSecond };
    if (bytesPerSecond > 0) progress.etaSeconds = (totalBytes - bytes) / bytesPerSecond;
    onProgress(progress);
  };
  return {
    enter(next: WritePhase) {
      phase = next;
      phaseStart = performance.now();
      report(0, true);
    },
    report,
  };
}

class Cancelled extends Error {
  constructor(readonly bytesWritten: number) {
    super('cancelled');
  }
}

function explain(error: unknown, target: string, position: number): string {
  if (error instanceof AppError) return error.message;
  const { code, message } = error as NodeJS.ErrnoException;
  const at = `at byte ${position}`;
  switch (code) {
    case 'EIO':
      return `I/O error on ${target} ${at}: the drive may be failing or was removed`;
    case 'ENXIO':
    case 'ENODEV':
      return `${target} went away ${at}: was the drive removed?`;
    case 'ENOSPC':
      return `${target} is full ${at}`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to open ${target}: writing it needs administrator rights`;
    case 'EBUSY':
      return `${target} is in use (mounted, or opened by another program)`;
    case 'EROFS':
      return `${target} is read-only (write-protect switch?)`;
    default:
      return `${target} ${at}: ${message}`;
  }
}

async function writeBlocks(
  job: WriteJob,
  source: SourceInfo,
  target: OpenTarget,
  onBytes: (bytes: number) => void,
): Promise<number> {
  const [first, current, next] = alignedBuffers(3);
  if (!first || !current || !next) throw new Error('no buffers');
  const reader = await sourceBlocks(source);
  try {
    const firstLength = await reader.fill(first);
    let written = 0;
    let position = firstLength;
    let [writing, reading] = [current, next];
    let length = await reader.fill(writing);
    while (length > 0) {
      if (job.signal.aborted) throw new Cancelled(written);
      // Read the next block while this one goes to the target.
      const [, nextLength] = await Promise.all([
        target.writeAt(writing, length, position),
        reader.fill(reading),
      ]);
      written += length;
      position += length;
      onBytes(written);
      [writing, reading] = [reading, writing];
      length = nextLength;
    }
    if (job.signal.aborted) throw new Cancelled(written);
    await target.sync();
    await target.writeAt(first, firstLength, 0);
    await target.sync();
    onBytes(position);
    return position;
  } finally {
    await reader.dispose();
  }
}

/** The first byte where two blocks differ, and how many differ from there on. */
function firstDifference(expected: Buffer, actual: Buffer) {
  let start = 0;
  while (start < expected.length && expected[start] === actual[start]) start++;
  let end = start;
  while (end < expected.length && expected[end] !== actual[end]) end++;
  return { start, length: Math.max(end - start, 1) };
}

/**
 * Reads the target back with direct I/O and compares it block by block with the source's
 * bytes: a full comparison, cheaper here than hashing both sides.
 */
async function verifyBlocks(
  job: WriteJob,
  source: SourceInfo,
  onBytes: (bytes: number) => void,
): Promise<WriteOutcome | undefined> {
  const target = await openTarget(job.request.target, 'read');
  const [expected, actual] = alignedBuffers(2);
  if (!expected || !actual) throw new Error('no buffers');
  const reader = await sourceBlocks(source);
  try {
    for (let position = 0; position < source.bytes; position += BLOCK_BYTES) {
      if (job.signal.aborted) throw new Cancelled(source.bytes);
      const [length, read] = await Promise.all([
        reader.fill(expected),
        target.readAt(actual, Math.min(BLOCK_BYTES, source.bytes - position), position),
      ]);
      const [want, got] = [expected.subarray(0, length), actual.subarray(0, read)];
      if (!want.equals(got)) {
        const { start, length: differing } =
          read < length ? { start: read, length: length - read } : firstDifference(want, got);
        return {
          state: 'mismatch',
          bytes: source.bytes,
          firstMismatch: { offset: position + start, length: differing },
        };
      }
      onBytes(position + length);
    }
    return undefined;
  } finally {
    await reader.dispose();
    await target.dispose();
  }
}

async function prepare(request: WriteRequest): Promise<{ source: SourceInfo; target: OpenTarget }> {
  const source = await inspectSource(request.source);
  const probe = await openTarget(request.target, 'read').catch(() => undefined);
  const isDevice = probe?.isDevice ?? false;
  await probe?.dispose();
  if (isDevice && (await isReadOnlyDevice(request.target)))
    throw new AppError('forbidden', `${request.target} is read-only (write-protect switch?)`);
  if (isDevice) await unmountAll(request.target);
  const target = await openTarget(request.target, 'write');
  if (target.capacity !== undefined && source.bytes > target.capacity) {
    await target.dispose();
    throw new AppError(
      'invalid-input',
      `the image (${source.bytes} bytes) is larger than ${request.target} (${target.capacity} bytes)`,
    );
  }
  return { source, target };
}

export async function writeImage(job: WriteJob): Promise<WriteOutcome> {
  const { request } = job;
  const started = performance.now();
  let position = 0;
  let phase: WritePhase = 'preparing';
  try {
    const { source, target } = await prepare(request);
    const progress = progressReporter(source.bytes, job.onProgress);
    let written: number;
    try {
      progress.enter((phase = 'writing'));
      written = await writeBlocks(job, source, target, (bytes) => progress.report((position = bytes), false));
    } finally {
      await target.dispose();
    }
    progress.report(written, true);
    const seconds = () => (performance.now() - started) / 1000;
    if (!request.verify) return { state: 'written', bytes: written, seconds: seconds() };
    await job.beforeVerify?.();
    progress.enter((phase = 'verifying'));
    const mismatch = await verifyBlocks(job, source, (bytes) => progress.report((position = bytes), false));
    if (mismatch) return mismatch;
    progress.report(written, true);
    return { state: 'verified', bytes: written, seconds: seconds() };
  } catch (error) {
    if (error instanceof Cancelled) {
      const message =
        phase === 'verifying'
          ? `verification cancelled: ${request.target} holds the whole image, not verified`
          : `cancelled after ${error.bytesWritten} bytes: ${request.target} holds a partial image without its first block, so it will not boot; write it again`;
      return {
        state: 'cancelled',
        bytesWritten: phase === 'verifying' ? position : error.bytesWritten,
        message,
      };
    }
    return { state: 'failed', message: explain(error, request.target, position) };
  }
}
