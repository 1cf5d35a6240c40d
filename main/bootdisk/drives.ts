/** The machine's drives as lsblk sees them, classified for writing (see shared/image/drives.ts). */
import { execFile } from 'node:child_process';
import { readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { classifyDrives, LSBLK_COLUMNS, type Drive } from '../../shared/image/drives.js';
import { AppError } from '../../shared/ipc/errors.js';

const execFileAsync = promisify(execFile);

/** The whole disk a file lives on (`/dev/sda` for a file on `/dev/sda2`), when it is on one. */
export async function diskHolding(file: string): Promise<string | undefined> {
  try {
    const { dev } = await stat(file);
    const major = Math.floor(dev / 256) & 0xfff;
    const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    const device = await readlink(`/sys/dev/block/${major}:${minor}`);
    const parts = device.split('/');
    const isPartition = parts.at(-2) !== 'block';
    return `/dev/${isPartition ? parts.at(-2) : parts.at(-1)}`;
  } catch {
    return undefined; // tmpfs, overlay, NFS: no local disk to protect by name
  }
}

export async function readLsblk(): Promise<unknown> {
  try {
    const { stdout } = await execFileAsync('lsblk', ['--json', '-b', '-o', LSBLK_COLUMNS]);
    return JSON.parse(stdout);
  } catch (error) {
    throw new AppError('io-error', `cannot list drives with lsblk: ${(error as Error).message}`);
  }
}

export async function listDrives(sourcePath?: string): Promise<Drive[]> {
  const source = sourcePath === undefined ? undefined : await diskHolding(path.resolve(sourcePath));
  return classifyDrives(await readLsblk(), new Set(source === undefined ? [] : [source]));
}
