/**
 * The target of a write: a block device or an image file, opened for direct I/O where the
 * file system allows it (tmpfs, for one, refuses O_DIRECT: then the page cache is used, and
 * fsync makes the bytes durable).
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { open, readFile, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/ipc/errors.js';

/** Direct I/O needs lengths in whole logical sectors; 4096 covers every device we meet. */
export const SECTOR_BYTES = 512;

export interface OpenTarget {
  path: string;
  isDevice: boolean;
  /** The device's capacity; undefined for a file (it grows). */
  capacity: number | undefined;
  /** False where the file system refused O_DIRECT. */
  directIo: boolean;
  /** Writes or reads `length` bytes of `buffer` at `position`, the unaligned tail through the page cache. */
  writeAt(buffer: Buffer, length: number, position: number): Promise<void>;
  readAt(buffer: Buffer, length: number, position: number): Promise<number>;
  sync(): Promise<void>;
  dispose(): Promise<void>;
}

const execFileAsync = promisify(execFile);

async function sysfsValue(device: string, attribute: 'size' | 'ro'): Promise<number> {
  const name = path.basename(await realpath(device));
  return Number((await readFile(`/sys/class/block/${name}/${attribute}`, 'utf8')).trim());
}

export async function deviceCapacity(device: string): Promise<number> {
  return (await sysfsValue(device, 'size')) * 512;
}

/** Read-only drives (a write-protect switch, a read-only loop device) refuse every write. */
export async function isReadOnlyDevice(device: string): Promise<boolean> {
  return (await sysfsValue(device, 'ro')) === 1;
}

/** Unmounts every mounted file system on the device and its partitions. */
export async function unmountAll(device: string): Promise<string[]> {
  const { stdout } = await execFileAsync('lsblk', ['--json', '-o', 'PATH,MOUNTPOINTS', device]);
  const mounts = [...stdout.matchAll(/"(\/[^"]*)"/g)]
    .map((match) => match[1] ?? '')
    .filter((mount) => !mount.startsWith('/dev/'));
  for (const mount of mounts) {
    await execFileAsync('umount', [mount]).catch((error: { stderr?: string }) => {
      throw new AppError(
        'io-error',
        `cannot unmount ${mount} on ${device}: ${error.stderr?.trim() ?? 'umount failed'}`,
      );
    });
  }
  return mounts;
}

async function openDirect(file: string, flags: number): Promise<{ handle: FileHandle; direct: boolean }> {
  try {
    return { handle: await open(file, flags | constants.O_DIRECT), direct: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
    return { handle: await open(file, flags), direct: false };
  }
}

export async function openTarget(file: string, mode: 'write' | 'read'): Promise<OpenTarget> {
  const existing = await stat(file).catch(() => undefined);
  const isDevice = existing?.isBlockDevice() ?? false;
  if (existing && !isDevice && !existing.isFile())
    throw new AppError('invalid-input', `${file} is neither a block device nor a regular file`);
  const writeFlags =
    constants.O_WRONLY | (isDevice ? constants.O_EXCL : constants.O_CREAT | constants.O_TRUNC);
  const flags = mode === 'write' ? writeFlags : constants.O_RDONLY;
  const opened = await openDirect(file, flags);
  const buffered = await open(file, mode === 'write' ? constants.O_WRONLY : constants.O_RDONLY);
  let direct = opened.handle;
  let directIo = opened.direct;
  const alignedLength = (length: number) => length - (length % SECTOR_BYTES);
  /** A file system may accept O_DIRECT at open and refuse it at the first transfer. */
  async function transfer(run: (handle: FileHandle) => Promise<number>): Promise<number> {
    try {
      return await run(directIo ? direct : buffered);
    } catch (error) {
      if (!directIo || (error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      await direct.close();
      direct = buffered;
      directIo = false;
      return run(buffered);
    }
  }
  return {
    path: file,
    isDevice,
    capacity: isDevice ? await deviceCapacity(file) : undefined,
    get directIo() {
      return directIo;
    },
    async writeAt(buffer, length, position) {
      const aligned = directIo ? alignedLength(length) : length;
      if (aligned > 0)
        await transfer(async (handle) => (await handle.write(buffer, 0, aligned, position)).bytesWritten);
      if (aligned < length) await buffered.write(buffer, aligned, length - aligned, position + aligned);
    },
    async readAt(buffer, length, position) {
      // Reading whole sectors past a file's end just returns fewer bytes.
      const whole = Math.ceil(length / SECTOR_BYTES) * SECTOR_BYTES;
      const read = await transfer(
        async (handle) => (await handle.read(buffer, 0, Math.min(whole, buffer.length), position)).bytesRead,
      );
      return Math.min(read, length);
    },
    async sync() {
      await direct.sync();
      if (direct !== buffered) await buffered.sync();
    },
    async dispose() {
      if (direct !== buffered) await direct.close();
      await buffered.close();
    },
  };
}
