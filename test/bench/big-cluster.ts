/**
 * A 65,535-node cluster for the config benchmark: one /15 served by one dhcpd subnet with a
 * host block per node, a map of 16 ranges of consecutive addresses with the 15 gateway
 * nodes between them listed again as ALIAS lines, and a leases file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addToIpv4 } from '../../shared/config/net.js';

export const BIG_NODE_COUNT = 65_535;
const FIRST_NODE = '10.0.0.1';
const GATEWAY = '10.1.255.254';
const RANGE = 4096;

function mac(i: number): string {
  const hex = (i + 0x100000).toString(16).padStart(6, '0');
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

function nodes(): Array<{ name: string; address: string; mac: string }> {
  return Array.from({ length: BIG_NODE_COUNT - 1 }, (_, i) => ({
    name: `node${String(i + 1).padStart(5, '0')}`,
    address: addToIpv4(FIRST_NODE, i) ?? '',
    mac: mac(i),
  }));
}

export function bigClusterFiles(): Record<string, string> {
  const all = nodes();
  const hosts = [`${GATEWAY} gw`, ...all.map((n) => `${n.address} ${n.name}`), '127.0.0.1 localhost'].join(
    '\n',
  );
  const map = ['# ID  address  count', `1 ${GATEWAY} 1`];
  for (let start = 0; start < all.length; start += RANGE) {
    const first = all[start];
    if (!first) break;
    map.push(`${start + 2} ${first.address} ${Math.min(RANGE, all.length - start)}`);
    if (start > 0) map.push(`${start + 2} 10.2.${start / RANGE}.1 ALIAS`);
  }
  const dhcpd = [
    'ddns-update-style none;',
    'default-lease-time 21600;',
    'max-lease-time 21600;',
    'allow booting;',
    'option routers 10.1.255.254;',
    'option root-path "10.1.255.254:/opt/ltsp/i386";',
    'next-server 10.1.255.254;',
    'subnet 10.0.0.0 netmask 255.254.0.0 {',
    '  filename "/lts/vmlinuz-2.4.18-om2";',
    '}',
    'group {',
    ...all.flatMap((n) => [
      `  host ${n.name} {`,
      `    hardware ethernet ${n.mac};`,
      `    fixed-address ${n.address};`,
      '  }',
    ]),
    '}',
  ].join('\n');
  const leases = all
    .slice(0, 4000)
    .map((n, i) =>
      [
        `lease ${n.address} {`,
        '  starts 2 2026/11/24 08:00:00;',
        '  ends 2 2026/11/24 14:00:00;',
        '  binding state active;',
        `  hardware ethernet ${i % 10 === 0 ? mac(i + 200_000) : n.mac};`,
        '}',
      ].join('\n'),
    )
    .join('\n');
  const exports = '/opt/ltsp/i386 10.0.0.0/255.254.0.0(ro,no_root_squash)\n';
  return {
    '/etc/hosts': `${hosts}\n`,
    '/etc/mosix.map': `${map.join('\n')}\n`,
    '/etc/dhcpd.conf': `${dhcpd}\n`,
    '/etc/exports': exports,
    '/var/lib/dhcp/dhcpd.leases': `${leases}\n`,
    '/opt/ltsp/i386/etc/hosts': `${hosts}\n`,
    '/opt/ltsp/i386/etc/mosix.map': `${map.join('\n')}\n`,
    '/opt/ltsp/i386/etc/fstab': 'none /mfs mfs dfsa=1 0 0\n',
  };
}

/** Writes the big cluster's files under `root`, at their gateway paths. */
export async function writeBigCluster(root: string): Promise<void> {
  for (const [gatewayPath, text] of Object.entries(bigClusterFiles())) {
    await mkdir(path.dirname(path.join(root, gatewayPath)), { recursive: true });
    await writeFile(path.join(root, gatewayPath), text);
  }
}
