/**
 * Builds a network boot disk: a 1.44 MB FAT12 floppy or a whole-disk USB image (SYSLINUX MBR,
 * one bootable FAT16 partition), each holding SYSLINUX, Debian's ipxe.lkrn and an iPXE script.
 * The image is made in a temporary file beside the output and linked into place only when
 * complete, never over an existing file.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mbrPartitionTable, USB_LAYOUT } from '../../shared/bootdisk/disk-layout.js';
import { IPXE_KERNEL_FILE, SCRIPT_FILE, syslinuxConfig } from '../../shared/bootdisk/ipxe-script.js';
import { AppError } from '../../shared/ipc/errors.js';
import { checkBootTools, IPXE_LKRN, runTool, SYSLINUX_MBR } from './boot-tools.js';

export type BootdiskFormat = 'floppy' | 'usb';

export interface BuildBootdiskRequest {
  format: BootdiskFormat;
  script: string;
  /** Where the image goes; an existing file is never replaced. */
  out: string;
}

const FLOPPY_KIB = 1440;

async function copyFiles(image: string, script: string): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'clusterdeck-bootdisk-'));
  try {
    const files = { 'syslinux.cfg': syslinuxConfig(), [SCRIPT_FILE]: script };
    for (const [name, text] of Object.entries(files)) {
      await writeFile(path.join(scratch, name), text);
      await runTool('mcopy', ['-i', image, path.join(scratch, name), `::${name}`]);
    }
    await runTool('mcopy', ['-i', image, IPXE_LKRN, `::${IPXE_KERNEL_FILE}`]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function buildFloppy(image: string, script: string): Promise<void> {
  await runTool('mkfs.fat', ['-C', '-n', 'CLUSTERBOOT', image, String(FLOPPY_KIB)]);
  await runTool('syslinux', ['--install', image]);
  await copyFiles(image, script);
}

async function buildUsb(image: string, script: string): Promise<void> {
  const { diskBytes, partitionStartSector, partitionSectors } = USB_LAYOUT;
  const offsetBytes = partitionStartSector * 512;
  const file = await open(image, 'wx');
  try {
    await file.truncate(diskBytes);
    const mbr = Buffer.alloc(512);
    (await readFile(SYSLINUX_MBR)).copy(mbr, 0, 0, 440);
    Buffer.from(mbrPartitionTable()).copy(mbr, 440);
    await file.write(mbr, 0, 512, 0);
  } finally {
    await file.close();
  }
  const partitionKib = String(partitionSectors / 2);
  const fat = ['-F', '16', '-s', '1', '-n', 'CLUSTERBOOT', '-h', String(partitionStartSector)];
  await runTool('mkfs.fat', [...fat, '--offset', String(partitionStartSector), image, partitionKib]);
  await runTool('syslinux', ['--install', '--offset', String(offsetBytes), image]);
  await copyFiles(`${image}@@${offsetBytes}`, script);
}

/** Builds the image and returns its size in bytes. */
export async function buildBootdisk(request: BuildBootdiskRequest): Promise<number> {
  const tools = await checkBootTools();
  if (!tools.ready) {
    throw new AppError(
      'not-found',
      `cannot build a boot disk: ${tools.missing.join('; ')} (${tools.install})`,
    );
  }
  const out = path.resolve(request.out);
  const partial = path.join(
    path.dirname(out),
    `.${path.basename(out)}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    await (request.format === 'floppy' ? buildFloppy : buildUsb)(partial, request.script);
    await link(partial, out).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST')
        throw new AppError('invalid-input', `${out} already exists; it was left as it was`);
      throw new AppError('io-error', `cannot write ${out}: ${error.message}`);
    });
  } finally {
    await rm(partial, { force: true });
  }
  return request.format === 'floppy' ? FLOPPY_KIB * 1024 : USB_LAYOUT.diskBytes;
}
