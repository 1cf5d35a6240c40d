import { execFileSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBootTools } from '../../../../main/bootdisk/boot-tools.js';
import { buildBootdisk } from '../../../../main/bootdisk/build-bootdisk.js';
import { skipReason, MissingPrerequisite } from '../../../support/prerequisites.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tools = await checkBootTools();
const skip = skipReason(
  tools.ready ? undefined : new MissingPrerequisite(tools.missing.join(', '), tools.install ?? ''),
);
const script = '#!ipxe\ndhcp\nchain tftp://${next-server}/${filename}\n';

function listing(image: string): string {
  return execFileSync('mdir', ['-a', '-b', '-i', image, '::'], { encoding: 'utf8' });
}

describe.skipIf(skip !== undefined)(skip ?? 'building boot disks', () => {
  const tempDir = useTempDirs();

  it('makes a 1.44 MB FAT12 floppy holding SYSLINUX, iPXE, its config and the script', async () => {
    const out = path.join(await tempDir(), 'floppy.img');
    expect(await buildBootdisk({ format: 'floppy', script, out })).toBe(1_474_560);
    expect(listing(out).split('\n').filter(Boolean).sort()).toEqual([
      '::/boot.ipxe',
      '::/ipxe.krn',
      '::/ldlinux.c32',
      '::/ldlinux.sys',
      '::/syslinux.cfg',
    ]);
    expect(execFileSync('mtype', ['-i', out, '::boot.ipxe'], { encoding: 'utf8' })).toBe(script);
    const boot = await readFile(out);
    expect(boot.subarray(54, 59).toString()).toBe('FAT12');
  });

  it('makes a USB disk: SYSLINUX MBR, one active FAT16 partition from sector 2048 with the same files', async () => {
    const out = path.join(await tempDir(), 'usb.img');
    expect(await buildBootdisk({ format: 'usb', script, out })).toBe(8 * 1024 * 1024);
    const disk = await readFile(out);
    expect(disk.subarray(0, 440)).toEqual((await readFile('/usr/lib/syslinux/mbr/mbr.bin')).subarray(0, 440));
    expect([disk[446], disk[450], disk.readUInt32LE(454), disk.readUInt32LE(458)]).toEqual([
      0x80, 0x0e, 2048, 14336,
    ]);
    expect(disk.readUInt16BE(510)).toBe(0x55aa);
    expect(listing(`${out}@@1048576`)).toContain('::/boot.ipxe');
  });

  it('never replaces an existing file and leaves no partial one', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'taken.img');
    await writeFile(out, 'mine');
    await expect(buildBootdisk({ format: 'floppy', script, out })).rejects.toThrow(
      `${out} already exists; it was left as it was`,
    );
    expect(await readFile(out, 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(['taken.img']);
  });
});
