/**
 * Writes an image to a drive or file and verifies it: large aligned blocks with direct I/O,
 * the first block last (an interrupted write never looks bootable), fsync, then a read-back
 * with direct I/O whose per-block SHA-256 must match what was written. Cancel at any block.
 */
import { createHash } from 'node:crypto';
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
import { openTarget, unmountAll, type OpenTarget } from './target.js';

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

/** Fills whole blocks from a stream of arbitrary chunks. */
class BlockReader {
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

  dispose(): void {
    this.stream.destroy();
  }
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

interface Written {
  blockHashes: string[];
  sha256: string;
}

async function writeBlocks(
  job: WriteJob,
  source: SourceInfo,
  target: OpenTarget,
  onBytes: (bytes: number) => void,
) {
  const [first, ...spare] = alignedBuffers(3);
  if (!first) throw new Error('no buffers');
  const reader = new BlockReader(openSourceStream(source.path, source.kind.compression));
  const whole = createHash('sha256');
  const blockHashes: string[] = [];
  const take = async (buffer: Buffer) => {
    const length = await reader.fill(buffer);
    if (length > 0) {
      const view = buffer.subarray(0, length);
      whole.update(view);
      blockHashes.push(createHash('sha256').update(view).digest('hex'));
    }
    return length;
  };
  try {
    const firstLength = await take(first);
    let written = 0;
    let position = firstLength;
    let current = spare[0] as Buffer;
    let next = spare[1] as Buffer;
    let length = await take(current);
    while (length > 0) {
      if (job.signal.aborted) throw new Cancelled(written);
      // Read the next block while this one goes to the target.
      const [, nextLength] = await Promise.all([target.writeAt(current, length, position), take(next)]);
      written += length;
      position += length;
      onBytes(written);
      [current, next] = [next, current];
      length = nextLength;
    }
    if (job.signal.aborted) throw new Cancelled(written);
    await target.sync();
    await target.writeAt(first, firstLength, 0);
    await target.sync();
    onBytes(written + firstLength);
    return { blockHashes, sha256: whole.digest('hex'), bytes: position } satisfies Written & {
      bytes: number;
    };
  } finally {
    reader.dispose();
  }
}

/** The first differing byte in block `index` and how many differ from there on, from the source itself. */
async function locateMismatch(source: SourceInfo, onTarget: Buffer, index: number) {
  const [expected] = alignedBuffers(1);
  if (!expected) throw new Error('no buffer');
  const reader = new BlockReader(openSourceStream(source.path, source.kind.compression));
  try {
    let length = 0;
    for (let block = 0; block <= index; block++) length = await reader.fill(expected);
    let start = 0;
    while (start < length && expected[start] === onTarget[start]) start++;
    let end = start;
    while (end < length && expected[end] !== onTarget[end]) end++;
    return { offset: index * BLOCK_BYTES + start, length: Math.max(end - start, 1) };
  } finally {
    reader.dispose();
  }
}

async function verifyBlocks(
  job: WriteJob,
  source: SourceInfo,
  written: Written,
  onBytes: (bytes: number) => void,
): Promise<WriteOutcome | undefined> {
  const target = await openTarget(job.request.target, 'read');
  const [buffer] = alignedBuffers(1);
  if (!buffer) throw new Error('no buffer');
  try {
    for (const [index, hash] of written.blockHashes.entries()) {
      if (job.signal.aborted) throw new Cancelled(source.bytes);
      const position = index * BLOCK_BYTES;
      const length = Math.min(BLOCK_BYTES, source.bytes - position);
      const read = await target.readAt(buffer, length, position);
      const view = buffer.subarray(0, read);
      if (read < length || createHash('sha256').update(view).digest('hex') !== hash) {
        const firstMismatch =
          read < length
            ? { offset: position + read, length: length - read }
            : await locateMismatch(source, view, index);
        return { state: 'mismatch', bytes: source.bytes, firstMismatch };
      }
      onBytes(position + length);
    }
    return undefined;
  } finally {
    await target.dispose();
  }
}

async function prepare(request: WriteRequest): Promise<{ source: SourceInfo; target: OpenTarget }> {
  const source = await inspectSource(request.source);
  const probe = await openTarget(request.target, 'read').catch(() => undefined);
  const isDevice = probe?.isDevice ?? false;
  await probe?.dispose();
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
    let written: Written & { bytes: number };
    try {
      progress.enter((phase = 'writing'));
      written = await writeBlocks(job, source, target, (bytes) => progress.report((position = bytes), false));
    } finally {
      await target.dispose();
    }
    progress.report(written.bytes, true);
    const seconds = () => (performance.now() - started) / 1000;
    if (!request.verify)
      return { state: 'written', bytes: written.bytes, sha256: written.sha256, seconds: seconds() };
    await job.beforeVerify?.();
    progress.enter((phase = 'verifying'));
    const mismatch = await verifyBlocks(job, source, written, (bytes) =>
      progress.report((position = bytes), false),
    );
    if (mismatch) return mismatch;
    progress.report(written.bytes, true);
    return { state: 'verified', bytes: written.bytes, sha256: written.sha256, seconds: seconds() };
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
