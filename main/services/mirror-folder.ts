/**
 * A local folder that mirrors a gateway's `/`. Gateway paths are resolved inside it the
 * way the gateway would resolve them: an absolute symlink such as
 * `/opt/ltsp/i386/etc/hosts -> /etc/hosts` points at the mirror's own `etc/hosts`, and
 * no path or link can lead outside the folder.
 */
import { lstat, open, readlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/ipc/errors.js';
import { knownFiles, type ClusterFile, type KnownFile } from '../../shared/workspace/cluster-files.js';

const MAX_SYMLINK_HOPS = 40;
const READ_CHUNK_BYTES = 256 * 1024;

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Returns the local path that a gateway path names inside the mirror folder. */
export async function resolveInMirror(root: string, gatewayPath: string): Promise<string> {
  let pending = gatewayPath.split('/').filter(Boolean);
  let resolved = '/';
  let hops = 0;
  while (pending.length > 0) {
    const [head = '', ...rest] = pending;
    const candidate = path.posix.join(resolved, head);
    const stats = await lstat(path.join(root, candidate));
    if (stats.isSymbolicLink()) {
      if (++hops > MAX_SYMLINK_HOPS) {
        throw new AppError('io-error', `${gatewayPath}: too many levels of symbolic links`);
      }
      const target = await readlink(path.join(root, candidate));
      const base = target.startsWith('/') ? target : path.posix.join(resolved, target);
      // posix.join normalises "..", and above "/" there is nothing: links stay inside.
      pending = [...path.posix.join('/', base).split('/').filter(Boolean), ...rest];
      resolved = '/';
    } else {
      resolved = candidate;
      pending = rest;
    }
  }
  return path.join(root, resolved);
}

async function describeKnownFile(root: string, known: KnownFile): Promise<ClusterFile> {
  for (const gatewayPath of known.paths) {
    try {
      const linkStats = await lstat(path.join(root, gatewayPath));
      const local = await resolveInMirror(root, gatewayPath);
      const stats = await lstat(local);
      if (!stats.isFile()) continue;
      const base = { role: known.role, title: known.title, path: gatewayPath, found: true as const };
      const facts = { size: stats.size, modifiedMs: stats.mtimeMs };
      return linkStats.isSymbolicLink()
        ? { ...base, ...facts, symlinkTarget: await readlink(path.join(root, gatewayPath)) }
        : { ...base, ...facts };
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  const [primary = '', ...alsoTried] = known.paths;
  return { role: known.role, title: known.title, path: primary, found: false, alsoTried };
}

export function listClusterFiles(root: string): Promise<ClusterFile[]> {
  return Promise.all(knownFiles.map((known) => describeKnownFile(root, known)));
}

/** The bytes of one gateway file, read in chunks as the consumer pulls them. */
export async function* readMirroredFile(root: string, gatewayPath: string): AsyncGenerator<Uint8Array> {
  let local: string;
  try {
    local = await resolveInMirror(root, gatewayPath);
  } catch (error) {
    if (isMissing(error)) throw new AppError('not-found', `${gatewayPath} does not exist in ${root}`);
    throw error;
  }
  const handle = await open(local, 'r');
  try {
    for (;;) {
      const buffer = new Uint8Array(READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
