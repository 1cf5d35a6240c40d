import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readClusterFolder } from '../../../main/config/cluster-folder.js';
import { runOperation } from '../../../shared/cluster/operations.js';
import { parseCluster } from '../../../shared/cluster/parse-cluster.js';
import { packageRoot } from '../../../main/paths.js';
import { startQemu, stopQemu, type QemuOptions } from '../../lab/qemu.js';
import { labSkipReason, useLab } from '../../lab/with-lab.js';

const skip = labSkipReason();
const machines = [
  { name: 'node004', address: '192.168.0.4', mac: '52:54:00:c1:06:04' },
  { name: 'node005', address: '192.168.0.5', mac: '52:54:00:c1:06:05' },
  { name: 'node006', address: '192.168.0.6', mac: '52:54:00:c1:06:06' },
];

describe.skipIf(skip !== undefined)(skip ?? 'boot disks in the lab', () => {
  const lab = useLab({ nodes: 1 });

  /** Gives the machines host blocks in the gateway's dhcpd.conf; returns each one's boot file and the cluster default. */
  async function configureDhcpd() {
    const read = await readClusterFolder(lab().rootOf('gateway'));
    const added = runOperation(read.input, { kind: 'add', nodes: machines });
    if (!added.ok) throw new Error(added.error);
    // ISC dhcpd sends no server address unless told (as lab.test.ts does too).
    const conf = `next-server 192.168.0.254;\n${added.input.files['dhcpd-conf']?.text ?? ''}`;
    lab().writeFile('gateway', '/etc/dhcpd.conf', conf);
    await lab().restartService('gateway', 'dhcpd');
    const facts = parseCluster(added.input).dhcpd?.facts;
    const hostFile = (name: string) => facts?.hosts.find((host) => host.name === name)?.filename?.text;
    return { hostFile, defaultFile: facts?.defaultFilenames[0]?.text };
  }

  /** Runs our CLI on the admin's desktop, against a copy of the gateway's `/` (as a mirror folder). */
  function clusterdeck(...args: string[]) {
    const result = lab().exec('admin', ['node', path.join(packageRoot, 'main/cli/bin.js'), ...args], {
      cwd: packageRoot,
      timeoutMs: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  }

  /** Writes the image with our writer to a file on the admin's desktop; returns that file as QEMU sees it. */
  function writeWithOurWriter(image: string, bytes: number): string {
    const written = `${image}.written`;
    expect(clusterdeck('image', 'write', image, '--to', written, '--yes')).toContain(
      `verified: ${bytes} bytes on ${written} match the image`,
    );
    return path.join(lab().rootOf('admin'), written);
  }

  /** Boots the machine until tftpd logs its request for `filename` from `address`. */
  async function bootUntilRequested(options: QemuOptions, address: string, filename: string) {
    const machine = startQemu(lab(), options);
    try {
      const escaped = filename.replaceAll('.', '\\.');
      await expect
        .poll(() => lab().syslog(), { timeout: 150_000, interval: 1000 })
        .toMatch(new RegExp(`RRQ from ${address.replaceAll('.', '\\.')} filename ${escaped}`));
    } finally {
      await stopQemu(lab(), machine);
    }
  }

  async function bootAndExpect(options: QemuOptions, address: string, filename: string) {
    await bootUntilRequested(options, address, filename);
    expect(lab().dhcpdLog()).toContain(`DHCPACK on ${address} to ${options.mac} via eth1`);
  }

  let dhcpd: Awaited<ReturnType<typeof configureDhcpd>>;
  beforeAll(async () => {
    dhcpd = await configureDhcpd();
  });

  const gatewayMirror = () => `/proc/${lab().holder('gateway').pid}/root`;

  it('builds the floppy for the lab cluster and writes it with our writer; booted, it gets its fixed address and asks tftpd for the host’s boot file', async () => {
    const { hostFile } = dhcpd;
    const [node004] = machines;
    const floppy = '/root/cluster-floppy.img';
    expect(clusterdeck('bootdisk', 'build', '--root', gatewayMirror(), '--out', floppy)).toBe(
      `wrote ${floppy}: floppy image, 1474560 bytes\n`,
    );
    const image = writeWithOurWriter(floppy, 1_474_560);
    await bootAndExpect({ image, mac: node004!.mac, index: 0 }, node004!.address, hostFile('node004') ?? '?');
  }, 180_000);

  it.each([
    ['a USB stick', 'usb', 1],
    ['a hard disk', 'disk', 2],
  ] as const)(
    'builds and writes the USB image with a fixed boot file and a menu; booted as %s, it chains that file, not dhcpd’s',
    async (_, format, machineIndex) => {
      const { hostFile, defaultFile } = dhcpd;
      const machine = machines[machineIndex]!;
      // The host block names another file: the request below can only come from our script.
      expect(hostFile(machine.name)).not.toBe(defaultFile);
      const usb = `/root/cluster-usb-${format}.img`;
      const options = ['--format', 'usb', '--chain', 'fixed', '--menu', '1'];
      const built = clusterdeck('bootdisk', 'build', '--root', gatewayMirror(), '--out', usb, ...options);
      expect(built).toBe(
        `wrote ${usb}: usb image, 8388608 bytes (boot file ${defaultFile} from 192.168.0.254)\n`,
      );
      const image = writeWithOurWriter(usb, 8_388_608);
      await bootAndExpect(
        { image, format, mac: machine.mac, index: machineIndex },
        machine.address,
        defaultFile ?? '?',
      );
    },
    180_000,
  );

  it('falls back to its static address when no DHCP server answers, and still chains the fixed boot file', async () => {
    const { defaultFile } = dhcpd;
    const floppy = '/root/static-floppy.img';
    const args = ['--chain', 'fixed', '--static-ip', '192.168.0.66', '--static-netmask', '255.255.255.0'];
    clusterdeck('bootdisk', 'build', '--root', gatewayMirror(), '--out', floppy, ...args);
    const image = writeWithOurWriter(floppy, 1_474_560);
    await lab().stopService('gateway', 'dhcpd');
    try {
      await bootUntilRequested(
        { image, mac: '52:54:00:c1:06:66', index: 3 },
        '192.168.0.66',
        defaultFile ?? '?',
      );
    } finally {
      await lab().startService('gateway', 'dhcpd');
    }
  }, 240_000);
});
