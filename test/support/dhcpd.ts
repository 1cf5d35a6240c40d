import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MissingPrerequisite, skipReason } from './prerequisites.js';

const DHCPD = '/usr/sbin/dhcpd';

function missingDhcpd(): MissingPrerequisite | undefined {
  const probe = spawnSync(DHCPD, ['--version'], { encoding: 'utf8' });
  return probe.error ? new MissingPrerequisite('ISC dhcpd', 'apt-get install isc-dhcp-server') : undefined;
}

/** Why the dhcpd tests skip here (outside CI), or undefined when dhcpd is installed. */
export const dhcpdSkipReason = skipReason(missingDhcpd());

/** Runs the real `dhcpd -t` on a text: exit code and what it printed. */
export function dhcpdTest(text: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-dhcpd-'));
  try {
    const conf = path.join(dir, 'dhcpd.conf');
    const leases = path.join(dir, 'dhcpd.leases');
    writeFileSync(conf, text);
    writeFileSync(leases, '');
    const result = spawnSync(DHCPD, ['-t', '-q', '-cf', conf, '-lf', leases], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
