/** Promise-returning SFTP calls (ssh2's are callback-style), with missing files told apart. */
import { hasEnded } from '../ssh/ssh-pool.js';
import type { Attributes, FileEntryWithStats, InputAttributes, SFTPWrapper, Stats } from 'ssh2';

/** SSH_FX_NO_SUCH_FILE */
const NO_SUCH_FILE = 2;

export function isRemoteMissing(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === NO_SUCH_FILE;
}

type Callback<T> = (error: Error | undefined | null, value: T) => void;

export class RemoteFs {
  private ended: Error | undefined;
  private readonly pending = new Set<(error: Error) => void>();

  constructor(readonly sftp: SFTPWrapper) {
    // ssh2 neither answers requests pending when the channel closes nor sends those made after.
    const end = () => {
      this.ended = new Error('the SFTP session ended (the connection was lost)');
      for (const fail of this.pending) fail(this.ended);
      this.pending.clear();
    };
    if (hasEnded(sftp)) end();
    else sftp.once('close', end);
  }

  private call<T>(run: (callback: Callback<T>) => void): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      run((error, value) => {
        this.pending.delete(reject);
        if (error) reject(error);
        else resolve(value);
      });
    });
  }

  stat(path: string): Promise<Stats> {
    return this.call((cb) => this.sftp.stat(path, cb));
  }

  lstat(path: string): Promise<Stats> {
    return this.call((cb) => this.sftp.lstat(path, cb));
  }

  readdir(path: string): Promise<FileEntryWithStats[]> {
    return this.call((cb) => this.sftp.readdir(path, cb));
  }

  readlink(path: string): Promise<string> {
    return this.call((cb) => this.sftp.readlink(path, cb));
  }

  realpath(path: string): Promise<string> {
    return this.call((cb) => this.sftp.realpath(path, cb));
  }

  readFile(path: string): Promise<Buffer> {
    return this.call((cb) => this.sftp.readFile(path, cb));
  }

  unlink(path: string): Promise<void> {
    return this.call<void>((cb) => this.sftp.unlink(path, (error) => cb(error, undefined)));
  }

  hardlink(target: string, link: string): Promise<void> {
    return this.call<void>((cb) =>
      this.sftp.ext_openssh_hardlink(target, link, (error) => cb(error, undefined)),
    );
  }

  /** rename(2) semantics: replaces `to` in one step (OpenSSH's posix-rename extension). */
  posixRename(from: string, to: string): Promise<void> {
    return this.call<void>((cb) => this.sftp.ext_openssh_rename(from, to, (error) => cb(error, undefined)));
  }

  /** Creates `path` (which must not exist), writes `bytes`, sets `attributes`, and fsyncs it before closing. */
  async createDurably(path: string, bytes: Buffer, attributes: InputAttributes): Promise<void> {
    const handle = await this.call<Buffer>((cb) => this.sftp.open(path, 'wx', { mode: 0o600 }, cb));
    try {
      for (let offset = 0; offset < bytes.length;) {
        const length = Math.min(32 * 1024, bytes.length - offset);
        await this.call<void>((cb) =>
          this.sftp.write(handle, bytes, offset, length, offset, (error) => cb(error, undefined)),
        );
        offset += length;
      }
      await this.call<void>((cb) => this.sftp.fsetstat(handle, attributes, (error) => cb(error, undefined)));
      await this.call<void>((cb) => this.sftp.ext_openssh_fsync(handle, (error) => cb(error, undefined)));
    } finally {
      await this.call<void>((cb) => this.sftp.close(handle, (error) => cb(error, undefined)));
    }
  }
}

/** The owner and permission bits of `stats`, for a replacement file to keep. */
export function ownership(stats: Attributes): InputAttributes {
  return { uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o7777 };
}
