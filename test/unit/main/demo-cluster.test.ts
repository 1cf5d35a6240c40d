import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoClusterDir } from '../../../main/paths.js';
import { listClusterFiles } from '../../../main/services/mirror-folder.js';

const read = (gatewayPath: string) => readFile(path.join(demoClusterDir, gatewayPath), 'utf8');

describe('the built-in demo cluster (the seed’s 253-node cluster)', () => {
  it('has every cluster file the seed lists, at the seed’s paths', async () => {
    const files = await listClusterFiles(demoClusterDir);
    expect(files.filter((file) => !file.found)).toEqual([]);
    expect(files.map((file) => file.path)).toEqual([
      '/etc/hosts',
      '/etc/mosix.map',
      '/etc/dhcpd.conf',
      '/etc/exports',
      '/var/lib/dhcp/dhcpd.leases',
      '/opt/ltsp/i386/etc/hosts',
      '/opt/ltsp/i386/etc/mosix.map',
      '/opt/ltsp/i386/etc/fstab',
      '/opt/ltsp/i386/etc/lts.conf',
      '/opt/ltsp/i386/etc/rc.local',
    ]);
  });

  it('names the gateway and all 253 nodes in hosts, the part the seed elides filled in', async () => {
    const lines = (await read('/etc/hosts')).trimEnd().split('\n');
    expect(lines[0]).toBe('192.168.0.254 mosix');
    expect(lines.slice(1, 254)).toEqual(
      Array.from({ length: 253 }, (_, i) => `192.168.0.${i + 1} node${String(i + 1).padStart(3, '0')}`),
    );
    expect(lines[254]).toBe('127.0.0.1 localhost.localdomain localhost');
  });

  it('keeps the client root’s hosts and map as real copies of the gateway’s', async () => {
    expect(await read('/opt/ltsp/i386/etc/hosts')).toBe(await read('/etc/hosts'));
    expect(await read('/opt/ltsp/i386/etc/mosix.map')).toBe('1 192.168.0.254 1\n2 192.168.0.1 253\n');
  });

  it('keeps the seed’s own inconsistencies for the config engine to find', async () => {
    const dhcpd = await read('/etc/dhcpd.conf');
    // The seed's garbled MACs (five octets) and its dynamic range over the fixed nodes' addresses.
    expect(dhcpd).toContain('hardware ethernet 000:09:30:6A:1C;');
    expect(dhcpd).toContain('range dynamic-bootp 192.168.0.100 192.168.0.253;');
    expect(dhcpd).toContain('option root-path "192.168.0.254:/opt/ltsp/i386";');
  });

  it('has leases with MACs that no host block knows', async () => {
    const leases = await read('/var/lib/dhcp/dhcpd.leases');
    const dhcpd = (await read('/etc/dhcpd.conf')).toLowerCase();
    const leasedMacs = [...leases.matchAll(/hardware ethernet ([0-9a-f:]+);/g)].map(
      (match) => match[1] ?? '',
    );
    const unknown = new Set(leasedMacs.filter((mac) => !dhcpd.includes(mac)));
    expect(unknown.size).toBeGreaterThanOrEqual(2);
    expect(leasedMacs.some((mac) => dhcpd.includes(mac))).toBe(true);
  });
});
