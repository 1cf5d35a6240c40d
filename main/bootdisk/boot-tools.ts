/**
 * The Debian packages a boot disk is built from (ipxe, syslinux, syslinux-common, mtools,
 * dosfstools): found on this machine, or named plainly when missing.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../shared/ipc/errors.js';

export const IPXE_LKRN = '/usr/lib/ipxe/ipxe.lkrn';
export const SYSLINUX_MBR = '/usr/lib/syslinux/mbr/mbr.bin';

interface Requirement {
  what: string;
  debianPackage: string;
  /** A program looked up on PATH (and the sbin folders), or an absolute file. */
  program?: string;
  file?: string;
}

const REQUIREMENTS: readonly Requirement[] = [
  { what: 'iPXE kernel image', debianPackage: 'ipxe', file: IPXE_LKRN },
  { what: 'SYSLINUX installer', debianPackage: 'syslinux', program: 'syslinux' },
  { what: 'SYSLINUX MBR', debianPackage: 'syslinux-common', file: SYSLINUX_MBR },
  { what: 'mtools', debianPackage: 'mtools', program: 'mcopy' },
  { what: 'FAT formatter', debianPackage: 'dosfstools', program: 'mkfs.fat' },
];

const SEARCH_PATH = [...(process.env['PATH'] ?? '').split(':'), '/usr/sbin', '/sbin'];

async function isReadable(file: string, mode: number): Promise<boolean> {
  return access(file, mode).then(
    () => true,
    () => false,
  );
}

async function findProgram(name: string): Promise<string | undefined> {
  for (const dir of SEARCH_PATH.filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isReadable(candidate, constants.X_OK)) return candidate;
  }
  return undefined;
}

export interface ToolStatus {
  ready: boolean;
  /** One line per missing piece, with the package that provides it. */
  missing: string[];
  /** The apt-get line that installs what is missing. */
  install?: string;
}

export async function checkBootTools(): Promise<ToolStatus> {
  const absent: Requirement[] = [];
  for (const requirement of REQUIREMENTS) {
    const found = requirement.file
      ? await isReadable(requirement.file, constants.R_OK)
      : (await findProgram(requirement.program ?? '')) !== undefined;
    if (!found) absent.push(requirement);
  }
  const missing = absent.map(
    (r) => `${r.what} (${r.file ?? r.program}) is missing: Debian package ${r.debianPackage}`,
  );
  if (absent.length === 0) return { ready: true, missing };
  const packages = [...new Set(absent.map((r) => r.debianPackage))].join(' ');
  return { ready: false, missing, install: `apt-get install ${packages}` };
}

const execFileAsync = promisify(execFile);

/** Runs one of the tools; its stderr becomes the error message. */
export async function runTool(program: string, args: string[]): Promise<void> {
  const resolved = (await findProgram(program)) ?? program;
  try {
    await execFileAsync(resolved, args, { maxBuffer: 1024 * 1024 });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new AppError('io-error', `${program} failed: ${(stderr ?? '').trim() || message}`);
  }
}
