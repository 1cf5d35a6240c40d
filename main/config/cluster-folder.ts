/**
 * A cluster's files in a local folder that mirrors the gateway's `/`: read them (detecting
 * which of the conventional paths each lives at, and the client root), and write edits back
 * atomically with a backup, refusing to overwrite a file that changed since it was read.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, lstat, open, readdir, readFile, readlink, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseExports } from '../../shared/config/exports.js';
import { parseDhcpdFacts, type ParsedDhcpd } from '../../shared/cluster/dhcpd-adapter.js';
import type { FileChange } from '../../shared/cluster/operations.js';
import {
  detectClientRoot,
  type ClusterInput,
  type ClusterTexts,
} from '../../shared/cluster/parse-cluster.js';
import { AppError } from '../../shared/ipc/errors.js';
import {
  CLIENT_ROOT,
  clientRootRoles,
  knownFilesFor,
  type FileRole,
  type KnownFile,
} from '../../shared/workspace/cluster-files.js';
import { isMissing, resolveInMirror } from '../services/mirror-folder.js';
import { writeText } from './text-file.js';

export type PathOverrides = Partial<Record<FileRole, string>> & { clientRoot?: string };

export interface ReadCluster {
  root: string;
  input: ClusterInput;
  /** dhcpd.conf as parsed to find the client root, for `parseCluster` to reuse. */
  dhcpd?: ParsedDhcpd | undefined;
}

const TFTP_ROOTS = ['/tftpboot', '/srv/tftp', '/var/lib/tftpboot'];
const MAX_TFTP_ENTRIES = 20_000;

async function readIfPresent(root: string, gatewayPath: string) {
  try {
    const local = await resolveInMirror(root, gatewayPath);
    // Bytes, then one decode: given an encoding, readFile decodes 512 kB chunks and joins them,
    // and the parsers' first pass then copies the joined string flat again.
    const text = (await readFile(local)).toString('utf8');
    const link = await lstat(path.join(root, gatewayPath));
    const symlinkTarget = link.isSymbolicLink() ? await readlink(path.join(root, gatewayPath)) : undefined;
    return { path: gatewayPath, text, symlinkTarget };
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
}

/** Where a file may be: its override, else its conventional paths in order. */
function pathsFor(known: KnownFile, overrides: PathOverrides): readonly string[] {
  const override = overrides[known.role];
  return override === undefined ? known.paths : [override];
}

/** The first of `paths` that exists. */
async function readFirst(root: string, paths: readonly string[]) {
  for (const gatewayPath of paths) {
    const file = await readIfPresent(root, gatewayPath);
    if (file) return file;
  }
  return undefined;
}

async function readRoles(
  root: string,
  roles: readonly FileRole[],
  clientRoot: string,
  overrides: PathOverrides,
) {
  const wanted = knownFilesFor(clientRoot).filter((file) => roles.includes(file.role));
  // Side by side: each file is several lstat and read round trips, and one after the other they add up.
  const found = await Promise.all(wanted.map((known) => readFirst(root, pathsFor(known, overrides))));
  const files: ClusterTexts = {};
  wanted.forEach((known, index) => {
    const file = found[index];
    const override = overrides[known.role];
    if (file) files[known.role] = file;
    else if (override !== undefined) {
      throw new AppError('not-found', `${override} (given for ${known.title}) does not exist under ${root}`);
    }
  });
  return files;
}

async function listTftpRoot(root: string): Promise<ClusterInput['tftp']> {
  for (const tftpRoot of TFTP_ROOTS) {
    const local = path.join(root, tftpRoot);
    try {
      if (!(await stat(local)).isDirectory()) continue;
    } catch {
      continue;
    }
    const entries = await readdir(local, { recursive: true, withFileTypes: true });
    const files = new Set(
      entries
        .slice(0, MAX_TFTP_ENTRIES)
        .filter((entry) => !entry.isDirectory())
        .map(
          (entry) =>
            `/${path.relative(local, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`,
        ),
    );
    return { root: tftpRoot, files };
  }
  return undefined;
}

export async function readClusterFolder(folder: string, overrides: PathOverrides = {}): Promise<ReadCluster> {
  const root = path.resolve(folder);
  try {
    if (!(await stat(root)).isDirectory()) throw new AppError('invalid-input', `${root} is not a folder`);
  } catch (error) {
    if (isMissing(error)) throw new AppError('not-found', `${root} does not exist`);
    throw error;
  }
  const gatewayRoles = knownFilesFor(CLIENT_ROOT)
    .map((file) => file.role)
    .filter((role) => !clientRootRoles.includes(role));
  const files = await readRoles(root, gatewayRoles, CLIENT_ROOT, overrides);
  const conf = files['dhcpd-conf'];
  const dhcpd = conf ? parseDhcpdFacts(conf.text, conf.path) : undefined;
  const rootPath = dhcpd?.facts.rootPath?.text;
  const exports = files.exports ? parseExports(files.exports.text, files.exports.path) : undefined;
  const clientRoot = overrides.clientRoot ?? detectClientRoot(rootPath, exports) ?? CLIENT_ROOT;
  const [clientFiles, tftp] = await Promise.all([
    readRoles(root, clientRootRoles, clientRoot, overrides),
    listTftpRoot(root),
  ]);
  const input: ClusterInput = { files: { ...files, ...clientFiles }, clientRoot, tftp };
  return { root, input, dhcpd };
}

function backupName(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `${file}.${stamp}.clusterdeck.bak`;
}

/** Writes one file atomically: temp file in the same folder, fsync, same mode, rename over, fsync folder. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const previous = await stat(file).catch(() => undefined);
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.clusterdeck-${randomBytes(6).toString('hex')}`,
  );
  const handle = await open(temp, 'wx', previous ? previous.mode & 0o7777 : 0o644);
  try {
    await writeText(handle, text);
    if (previous) await handle.chown(previous.uid, previous.gid).catch(() => undefined);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw error;
  });
  const folder = await open(path.dirname(file), 'r');
  await folder.sync().finally(() => folder.close());
}

export interface WrittenFile {
  path: string;
  backup?: string;
}

/**
 * Writes the changes of an operation. Every file must still hold what was read (else nothing
 * is written); each is replaced atomically after its previous version is kept as a backup.
 */
export async function writeClusterChanges(
  read: ReadCluster,
  changes: readonly FileChange[],
  now = new Date(),
): Promise<WrittenFile[]> {
  const asRead = new Map(Object.values(read.input.files).map((file) => [file.path, file.text]));
  for (const change of changes) {
    const current = await readIfPresent(read.root, change.path);
    if (current?.text !== asRead.get(change.path)) {
      throw new AppError(
        'io-error',
        `${change.path} changed on disk since it was read; nothing was written. Run the command again.`,
      );
    }
  }
  const written: WrittenFile[] = [];
  for (const change of changes) {
    const file = path.join(read.root, change.path);
    const existed = asRead.has(change.path);
    const backup = existed ? backupName(file, now) : undefined;
    if (backup) await copyFile(await resolveInMirror(read.root, change.path), backup);
    await writeAtomically(file, change.after);
    written.push(
      backup ? { path: change.path, backup: path.relative(read.root, backup) } : { path: change.path },
    );
  }
  return written;
}
