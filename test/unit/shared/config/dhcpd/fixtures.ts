import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { demoClusterDir, packageRoot } from '../../../../../main/paths.js';

export const fixtureDir = path.join(packageRoot, 'test', 'fixtures', 'dhcpd');
export const seedConfPath = path.join(demoClusterDir, 'etc', 'dhcpd.conf');
export const seedLeasesPath = path.join(demoClusterDir, 'var', 'lib', 'dhcp', 'dhcpd.leases');

export interface Fixture {
  name: string;
  text: string;
}

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

export const seedConf = readFileSync(seedConfPath, 'utf8');

/** The seed's dhcpd.conf and every dhcpd.conf fixture, byte for byte. */
export const confFixtures: Fixture[] = [
  { name: 'seed dhcpd.conf', text: seedConf },
  ...readdirSync(fixtureDir)
    .filter((name) => name.endsWith('.conf'))
    .sort()
    .map((name) => ({ name, text: readFixture(name) })),
];
