/**
 * QEMU machines on the lab's cluster LAN: each gets a tap device on the switch's bridge, a
 * chosen MAC, and its serial console in a file; the lab records it like every process.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { shellCommand } from '../../shared/shell.js';
import { netShell } from './host.js';
import { run, startDetached, stop, type Recorded } from './processes.js';
import type { Lab } from './lab.js';

export interface QemuMachine extends Recorded {
  tap: string;
  serialLog: string;
}

export interface QemuOptions {
  mac: string;
  index: number;
  /** A floppy or disk image to boot; without one, the NIC's own PXE ROM boots. */
  image?: string;
  /** `usb`: a USB stick on an xHCI controller, first in the boot order. */
  format?: 'floppy' | 'disk' | 'usb';
}

function bootArguments(options: QemuOptions): string[] {
  if (options.image === undefined) return ['-boot', 'n'];
  if (options.format === 'usb') {
    const stick = ['-drive', `if=none,id=stick,file=${options.image},format=raw`];
    return [...stick, '-device', 'qemu-xhci', '-device', 'usb-storage,drive=stick,bootindex=0'];
  }
  const drive = `file=${options.image},format=raw,if=${options.format === 'disk' ? 'ide' : 'floppy'}`;
  return ['-drive', drive, '-boot', options.format === 'disk' ? 'c' : 'a'];
}

export function startQemu(lab: Lab, options: QemuOptions): QemuMachine {
  const tap = `cdl-tap${options.index}`;
  const sw = lab.holder('switch');
  const link = (...args: string[]) => shellCommand(['ip', ...args]);
  netShell(
    sw,
    `${link('tuntap', 'add', tap, 'mode', 'tap')} && ${link('link', 'set', tap, 'master', 'br0')} && ${link('link', 'set', tap, 'up')}`,
  );
  const serialLog = path.join(lab.tempDir(), 'serial.log');
  const qemu = [
    'qemu-system-x86_64',
    '-display',
    'none',
    '-m',
    '128',
    '-no-reboot',
    ...bootArguments(options),
  ];
  const network = [
    '-netdev',
    `tap,id=lan,ifname=${tap},script=no,downscript=no`,
    '-device',
    `e1000,netdev=lan,mac=${options.mac}`,
  ];
  const args = ['-t', String(sw.pid), '--net', '--', ...qemu, ...network, '-serial', `file:${serialLog}`];
  const machine = { ...startDetached('nsenter', args), tap, serialLog };
  lab.track('switch', `qemu${options.index}`, machine);
  return machine;
}

export async function stopQemu(lab: Lab, machine: QemuMachine): Promise<void> {
  await stop(machine);
  lab.untrack(machine);
  netShell(lab.holder('switch'), `${shellCommand(['ip', 'link', 'del', machine.tap])} 2>/dev/null || true`);
}

/**
 * A 1.44 MB FAT12 floppy: SYSLINUX booting Debian's ipxe.lkrn, which does DHCP on every NIC
 * and chains the boot file dhcpd names from its next-server.
 */
export function buildIpxeFloppy(lab: Lab): string {
  const dir = lab.tempDir();
  const image = path.join(dir, 'ipxe-floppy.img');
  writeFileSync(path.join(dir, 'syslinux.cfg'), 'DEFAULT ipxe\nLABEL ipxe\n  KERNEL ipxe.krn\n');
  run('mkfs.fat', ['-C', image, '1440']);
  run('syslinux', ['--install', image]);
  run('mcopy', ['-i', image, '/usr/lib/ipxe/ipxe.lkrn', '::ipxe.krn']);
  run('mcopy', ['-i', image, path.join(dir, 'syslinux.cfg'), '::syslinux.cfg']);
  return image;
}
