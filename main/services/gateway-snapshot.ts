/**
 * A gateway's cluster files copied into a local folder that mirrors its `/` (symlinks kept,
 * the TFTP root's file names listed), so the config engine reads a live gateway exactly as it
 * reads any mirror folder. The hash of each file as copied lets a write back refuse to
 * overwrite what changed on the gateway meanwhile.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLIENT_ROOT, knownFilesFor } from '../../shared/workspace/cluster-files.js';
import { readClusterFolder } from '../config/cluster-folder.js';
import type { SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';
import { contentHash } from './gateway-files.js';
import { isRemoteMissing, RemoteFs } from './remote-fs.js';

const TFTP_ROOTS = ['/tftpboot', '/srv/tftp', '/var/lib/tftpboot'];
const MAX_TFTP_ENTRIES = 20_000;

export interface GatewaySnapshot {
  /** The local folder mirroring the gateway's `/`. */
  root: string;
  clientRoot: string;
  /** Gateway path → SHA-256 of its content when copied (through symlinks). */
  hashes: ReadonlyMap<string, string>;
  dispose(): Promise<void>;
}

class Copier {
  readonly hashes = new Map<string, string>();

  constructor(
    private readonly fs: RemoteFs,
    private readonly root: string,
  ) {}

  private local(gatewayPath: string): string {
    return path.join(this.root, gatewayPath);
  }

  /** Copies one gateway path if it exists; a symlink is recreated and its target copied too. */
  async copy(gatewayPath: string): Promise<void> {
    if (this.hashes.has(gatewayPath)) return;
    try {
      const link = await this.fs.lstat(gatewayPath);
      const bytes = await this.fs.readFile(gatewayPath);
      this.hashes.set(gatewayPath, contentHash(bytes));
      await mkdir(path.dirname(this.local(gatewayPath)), { recursive: true });
      if (!link.isSymbolicLink()) {
        await writeFile(this.local(gatewayPath), bytes);
        return;
      }
      await symlink(await this.fs.readlink(gatewayPath), this.local(gatewayPath));
      const real = await this.fs.realpath(gatewayPath);
      await mkdir(path.dirname(this.local(real)), { recursive: true });
      await writeFile(this.local(real), bytes);
    } catch (error) {
      if (!isRemoteMissing(error) && (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  /** The names under the TFTP root (as empty files): the engine checks boot files against them. */
  async listTftp(): Promise<void> {
    for (const tftpRoot of TFTP_ROOTS) {
      let pending = [tftpRoot];
      let seen = 0;
      try {
        await this.fs.stat(tftpRoot);
      } catch {
        continue;
      }
      while (pending.length > 0 && seen < MAX_TFTP_ENTRIES) {
        const [dir = '', ...rest] = pending;
        pending = rest;
        await mkdir(this.local(dir), { recursive: true });
        for (const entry of await this.fs.readdir(dir)) {
          const full = path.posix.join(dir, entry.filename);
          seen++;
          if (entry.attrs.isDirectory()) pending.push(full);
          else await writeFile(this.local(full), '');
        }
      }
      return;
    }
  }
}

export async function snapshotGateway(pool: SshPool, target: SshTarget): Promise<GatewaySnapshot> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'clusterdeck-gateway-'));
  const dispose = () => rm(root, { recursive: true, force: true });
  try {
    return await pool.withSftp(target, async (sftp) => {
      const copier = new Copier(new RemoteFs(sftp), root);
      const copyAll = async (clientRoot: string) => {
        for (const known of knownFilesFor(clientRoot))
          for (const file of known.paths) await copier.copy(file);
      };
      await copyAll(CLIENT_ROOT);
      // The client root is named in dhcpd.conf or exports: known only once those are here.
      const { clientRoot } = (await readClusterFolder(root)).input;
      if (clientRoot !== CLIENT_ROOT) await copyAll(clientRoot);
      await copier.listTftp();
      return { root, clientRoot, hashes: copier.hashes, dispose };
    });
  } catch (error) {
    await dispose();
    throw error;
  }
}
