/**
 * A live gateway's cluster files over SFTP: listed and read like a mirror folder's, and written
 * safely. A write never leaves a partial file, whatever fails when: the new bytes go to a temp
 * file beside the target, are fsynced, validated there (dhcpd.conf with the gateway's own
 * `dhcpd -t`), given the original's owner and mode, and renamed over the target in one step;
 * the previous version stays as a timestamped backup (a hard link to its inode), and the result
 * is read back. A file that changed on the gateway since it was read is not overwritten.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/ipc/errors.js';
import {
  knownFilesFor,
  CLIENT_ROOT,
  type ClusterFile,
  type FileRole,
  type KnownFile,
} from '../../shared/workspace/cluster-files.js';
import type { SshLease, SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';
import { isRemoteMissing, ownership, RemoteFs } from './remote-fs.js';

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface RemoteFile {
  path: string;
  bytes: Buffer;
  hash: string;
}

export interface FileChange {
  path: string;
  bytes: Buffer;
  /** The hash of the version the change was made from; the write is refused if the gateway's differs. */
  baseHash: string;
}

export interface WrittenFile {
  path: string;
  /** The file actually replaced (a symlinked path is written through to its target). */
  realPath: string;
  hash: string;
  /** The previous version, kept beside it. */
  backup: string;
}

export type WriteOutcome =
  | { kind: 'written'; files: WrittenFile[] }
  | {
      kind: 'conflict';
      /** Each file that changed underneath: what the gateway has now and what was to be written. */
      conflicts: Array<{ path: string; current: string; proposed: string }>;
    }
  | { kind: 'invalid'; path: string; output: string };

const SYSTEM_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Checks a candidate file on the gateway; returns the checker's complaint, or undefined when it passes. */
type Validator = (lease: SshLease, file: string) => Promise<string | undefined>;

const validators: Partial<Record<FileRole, Validator>> = {
  'dhcpd-conf': async (lease, file) => {
    const result = await lease.exec(['env', SYSTEM_PATH, 'dhcpd', '-t', '-cf', file]);
    return result.code === 0 ? undefined : `${result.stdout}${result.stderr}`.trim();
  },
};

function backupName(realPath: string, now: Date, attempt: number): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${realPath}.${stamp}${attempt === 0 ? '' : `-${attempt}`}.clusterdeck-backup`;
}

const TEMP_PATTERN = /^\.(.+)\.clusterdeck-[0-9a-f]{12}\.tmp$/;
/** A temp file this old was left by a write that was cut off (no write takes an hour). */
const STALE_TEMP_MS = 60 * 60 * 1000;

function tempName(realPath: string): string {
  return path.posix.join(
    path.posix.dirname(realPath),
    `.${path.posix.basename(realPath)}.clusterdeck-${randomBytes(6).toString('hex')}.tmp`,
  );
}

/** Removes temp files of earlier writes to this file that were cut off (the connection died). */
async function sweepStaleTemps(fs: RemoteFs, realPath: string, now: number): Promise<void> {
  const dir = path.posix.dirname(realPath);
  const base = path.posix.basename(realPath);
  for (const entry of await fs.readdir(dir)) {
    const owner = TEMP_PATTERN.exec(entry.filename)?.[1];
    if (owner === base && entry.attrs.isFile() && now - entry.attrs.mtime * 1000 > STALE_TEMP_MS)
      await fs.unlink(path.posix.join(dir, entry.filename));
  }
}

interface Staged {
  change: FileChange;
  realPath: string;
  temp: string;
}

export class GatewayFiles {
  private readonly known: KnownFile[];

  constructor(
    private readonly pool: SshPool,
    readonly target: SshTarget,
    clientRoot = CLIENT_ROOT,
  ) {
    this.known = knownFilesFor(clientRoot);
  }

  listFiles(): Promise<ClusterFile[]> {
    return this.pool.withSftp(this.target, (sftp) => {
      const fs = new RemoteFs(sftp);
      return Promise.all(this.known.map((known) => describe(fs, known)));
    });
  }

  async read(gatewayPath: string): Promise<RemoteFile> {
    this.roleOf(gatewayPath);
    return this.pool.withSftp(this.target, async (sftp) => {
      try {
        const bytes = await new RemoteFs(sftp).readFile(gatewayPath);
        return { path: gatewayPath, bytes, hash: contentHash(bytes) };
      } catch (error) {
        if (isRemoteMissing(error))
          throw new AppError('not-found', `${gatewayPath} does not exist on the gateway`);
        throw error;
      }
    });
  }

  /** Writes one or more files as one change: all are checked and staged before any is replaced. */
  async write(changes: readonly FileChange[]): Promise<WriteOutcome> {
    for (const change of changes) this.roleOf(change.path);
    const lease = await this.pool.acquire(this.target);
    // Validation runs commands, so it needs a second session beside the SFTP one.
    const checker = await this.pool.acquire(this.target);
    try {
      const fs = new RemoteFs(await lease.sftp());
      const conflicts = await this.conflicts(fs, changes);
      if (conflicts.length > 0) return { kind: 'conflict', conflicts };
      const staged: Staged[] = [];
      try {
        for (const change of changes) {
          const realPath = await fs.realpath(change.path);
          await sweepStaleTemps(fs, realPath, Date.now());
          const temp = tempName(realPath);
          await fs.createDurably(temp, change.bytes, ownership(await fs.stat(realPath)));
          staged.push({ change, realPath, temp });
          const complaint = await validators[this.roleOf(change.path)]?.(checker, temp);
          if (complaint !== undefined) return { kind: 'invalid', path: change.path, output: complaint };
        }
        // The last look before replacing anything: the window left is the rename itself.
        const late = await this.conflicts(fs, changes);
        if (late.length > 0) return { kind: 'conflict', conflicts: late };
        const files: WrittenFile[] = [];
        for (const item of staged.splice(0)) files.push(await this.replace(fs, item));
        return { kind: 'written', files };
      } finally {
        await Promise.allSettled(staged.map((item) => fs.unlink(item.temp)));
      }
    } finally {
      checker.release();
      lease.release();
    }
  }

  private async replace(fs: RemoteFs, { change, realPath, temp }: Staged): Promise<WrittenFile> {
    const backup = await this.keepBackup(fs, realPath);
    await fs.posixRename(temp, realPath);
    const hash = contentHash(change.bytes);
    const readBack = contentHash(await fs.readFile(realPath));
    if (readBack !== hash)
      throw new AppError(
        'io-error',
        `${change.path}: the file read back after writing differs from what was written`,
      );
    return { path: change.path, realPath, hash, backup };
  }

  /** A hard link to the current version: it keeps its bytes when the rename replaces the name. */
  private async keepBackup(fs: RemoteFs, realPath: string): Promise<string> {
    const now = new Date();
    for (let attempt = 0; ; attempt++) {
      const name = backupName(realPath, now, attempt);
      try {
        await fs.hardlink(realPath, name);
        return name;
      } catch (error) {
        if (attempt >= 20) throw error;
        // The name is taken (two writes in one millisecond): try the next.
        try {
          await fs.lstat(name);
        } catch {
          throw error;
        }
      }
    }
  }

  private async conflicts(fs: RemoteFs, changes: readonly FileChange[]) {
    const found = await Promise.all(
      changes.map(async (change) => {
        const current = await fs.readFile(change.path);
        if (contentHash(current) === change.baseHash) return undefined;
        return {
          path: change.path,
          current: current.toString('utf8'),
          proposed: change.bytes.toString('utf8'),
        };
      }),
    );
    return found.filter((conflict) => conflict !== undefined);
  }

  private roleOf(gatewayPath: string): FileRole {
    const known = this.known.find((file) => file.paths.includes(gatewayPath));
    if (!known)
      throw new AppError(
        'invalid-input',
        `${gatewayPath} is not one of the cluster files Clusterdeck manages`,
      );
    return known.role;
  }
}

async function describe(fs: RemoteFs, known: KnownFile): Promise<ClusterFile> {
  for (const gatewayPath of known.paths) {
    try {
      const link = await fs.lstat(gatewayPath);
      const stats = link.isSymbolicLink() ? await fs.stat(gatewayPath) : link;
      if (!stats.isFile()) continue;
      const base = { role: known.role, title: known.title, path: gatewayPath, found: true as const };
      const facts = { size: stats.size, modifiedMs: stats.mtime * 1000 };
      return link.isSymbolicLink()
        ? { ...base, ...facts, symlinkTarget: await fs.readlink(gatewayPath) }
        : { ...base, ...facts };
    } catch (error) {
      if (!isRemoteMissing(error)) throw error;
    }
  }
  const [primary = '', ...alsoTried] = known.paths;
  return { role: known.role, title: known.title, path: primary, found: false, alsoTried };
}
