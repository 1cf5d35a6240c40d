import { describe, expect, it } from 'vitest';
import { classifyDrives, drivesToShow, refusalFor } from '../../../../shared/image/drives.js';

const disk = (name: string, fields: Record<string, unknown>, children?: unknown[]) => ({
  name,
  path: `/dev/${name}`,
  size: 16_000_000_000,
  model: null,
  tran: null,
  rm: false,
  hotplug: false,
  mountpoints: [null],
  type: 'disk',
  ro: false,
  ...fields,
  ...(children ? { children } : {}),
});
const part = (name: string, mountpoints: (string | null)[]) => ({
  ...disk(name, { mountpoints }),
  type: 'part',
});

/** A laptop: NVMe system disk, a data disk, a USB stick with a desktop mount, an SD card holding the image, a DVD. */
const laptop = {
  blockdevices: [
    disk('nvme0n1', { tran: 'nvme', size: 512_110_190_592 }, [
      part('nvme0n1p1', ['/boot/efi']),
      part('nvme0n1p2', ['/']),
    ]),
    disk('sdb', { tran: 'sata', size: '2000398934016' }, [part('sdb1', [null])]),
    disk('sdc', { tran: 'usb', rm: '1', hotplug: '1', model: 'Cruzer Blade    ', size: 15_631_122_432 }, [
      part('sdc1', ['/media/admin/STICK']),
    ]),
    disk('mmcblk0', { rm: true, hotplug: true, size: 31_914_983_424 }, [
      part('mmcblk0p1', ['/media/admin/SD']),
    ]),
    disk('sr0', { type: 'rom', rm: true }),
    disk('fd0', { rm: true, size: 1_474_560 }),
    disk('sdd', { tran: 'usb', rm: true, hotplug: true, ro: true }),
    disk('sde', { tran: 'usb', hotplug: true }, [part('sde1', ['[SWAP]'])]),
  ],
};

describe('the drives an image may be written to', () => {
  const drives = classifyDrives(laptop, new Set(['/dev/mmcblk0']));
  const shown = (showAll: boolean) => drivesToShow(drives, showAll).map((drive) => drive.path);

  it('offers the USB stick and the floppy only; show all adds the fixed data disk, never a system drive', () => {
    expect(shown(false)).toEqual(['/dev/sdc', '/dev/fd0']);
    expect(shown(true)).toEqual(['/dev/sdb', '/dev/sdc', '/dev/fd0']);
  });

  it('says why each other drive is not offered', () => {
    const reasons = Object.fromEntries(
      drives.map((drive) => [drive.name, drive.verdict.offered ? 'offered' : drive.verdict.reason]),
    );
    expect(reasons).toEqual({
      nvme0n1: 'system drive (mounted at /boot/efi)',
      sdb: 'fixed drive (not removable)',
      sdc: 'offered',
      mmcblk0: 'holds the image being written',
      fd0: 'offered',
      sdd: 'read-only',
      sde: 'system drive (mounted at [SWAP])',
    });
    expect(drives.find((drive) => drive.name === 'sdc')).toMatchObject({ model: 'Cruzer Blade', bus: 'usb' });
  });

  it('refuses an image larger than the drive, and a fixed drive until its name is typed', () => {
    const byName = (name: string) => drives.find((drive) => drive.name === name)!;
    expect(refusalFor(byName('fd0'), 1_474_561)).toBe(
      'the image (1474561 bytes) is larger than /dev/fd0 (1474560 bytes)',
    );
    expect(refusalFor(byName('fd0'), 1_474_560)).toBeUndefined();
    expect(refusalFor(byName('sdb'), 1024)).toBe(
      '/dev/sdb is a fixed drive (not removable): type its name (sdb) to write to it',
    );
    expect(refusalFor(byName('sdb'), 1024, 'sdb')).toBeUndefined();
    expect(refusalFor(byName('nvme0n1'), 1024, 'nvme0n1')).toBe(
      '/dev/nvme0n1 is not offered: system drive (mounted at /boot/efi)',
    );
  });
});
