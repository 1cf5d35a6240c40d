/** An image to write: its size and kind, and its bytes decompressed (gzip by node:zlib, xz by the `xz` program). */
import { execFile, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../../shared/ipc/errors.js';
import {
  compressionOf,
  detectImageKind,
  DETECTION_BYTES,
  type Compression,
  type ImageKind,
} from '../../../shared/image/image-kind.js';

export interface SourceInfo {
  path: string;
  /** Bytes the image has once decompressed: what lands on the target. */
  bytes: number;
  kind: ImageKind;
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new AppError('io-error', `cannot read ${file}: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}

async function readTail(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, size - 4);
    return buffer;
  } finally {
    await handle.close();
  }
}

const execFileAsync = promisify(execFile);

async function xzSize(file: string): Promise<number> {
  try {
    const { stdout } = await execFileAsync('xz', ['--robot', '--list', file]);
    const totals = stdout.split('\n').find((line) => line.startsWith('totals\t'));
    const bytes = Number(totals?.split('\t')[4]);
    if (!Number.isFinite(bytes)) throw new Error('xz --list gave no size');
    return bytes;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT')
      throw new AppError('not-found', 'xz images need the xz program (Debian package xz-utils)');
    throw new AppError('invalid-input', `${file} is not a readable xz file: ${message}`);
  }
}

/** The decompressed first bytes, enough to tell the image's kind. */
async function decompressedHead(file: string, compression: Compression): Promise<Buffer> {
  if (compression === 'none') return readHead(file, DETECTION_BYTES);
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = openSourceStream(file, compression);
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= DETECTION_BYTES) break;
    }
  } catch (error) {
    throw new AppError('invalid-input', `${file}: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, DETECTION_BYTES);
}

export async function inspectSource(file: string): Promise<SourceInfo> {
  const stats = await stat(file).catch((error: Error) => {
    throw new AppError('not-found', `cannot open ${file}: ${error.message}`);
  });
  if (!stats.isFile()) throw new AppError('invalid-input', `${file} is not a regular file`);
  if (stats.size === 0) throw new AppError('invalid-input', `${file} is empty`);
  const compression = compressionOf(path.basename(file), await readHead(file, 6));
  const bytes =
    compression === 'gzip'
      ? // gzip keeps the size modulo 2^32 in its last four bytes: right for images under 4 GiB.
        (await readTail(file, stats.size)).readUInt32LE(0)
      : compression === 'xz'
        ? await xzSize(file)
        : stats.size;
  const kind = detectImageKind(path.basename(file), await decompressedHead(file, compression), compression);
  return { path: file, bytes, kind };
}

/** The image's bytes, decompressed; errors (a corrupt archive) surface on the stream. */
export function openSourceStream(file: string, compression: Compression): Readable {
  const highWaterMark = 1024 * 1024;
  if (compression === 'none') return createReadStream(file, { highWaterMark });
  if (compression === 'gzip')
    return createReadStream(file, { highWaterMark }).pipe(createGunzip({ chunkSize: highWaterMark }));
  const xz = spawn('xz', ['--decompress', '--stdout', '--', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xz.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  xz.on('exit', (code) => {
    if (code !== 0 && code !== null) xz.stdout.destroy(new Error(`xz: ${stderr.trim() || `exit ${code}`}`));
  });
  xz.on('error', (error) => xz.stdout.destroy(error));
  const stdout = xz.stdout;
  stdout.on('close', () => xz.kill());
  return stdout;
}
