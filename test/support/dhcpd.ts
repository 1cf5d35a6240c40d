import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MissingPrerequisite } from './prerequisites.js';

/**
 * ISC dhcpd as the judge of what a dhcpd.conf may say. `dhcpd -t` only parses the config (no
 * sockets, no lease file read, no PID file written; it works as any user) and exits 1 on an
 * error; `-4` keeps it from looking for a DHCPv6 setup; `-lf` points the lease path into a
 * temporary folder so nothing of the machine's is named. Messages go to stderr (and syslog).
 */

const candidates = ['/usr/sbin/dhcpd', '/usr/local/sbin/dhcpd'];

export const dhcpdPath = candidates.find((candidate) => existsSync(candidate));

const missing = (): MissingPrerequisite =>
  new MissingPrerequisite('ISC dhcpd', 'apt-get install isc-dhcp-server');

export const missingDhcpd = dhcpdPath ? undefined : missing();

export interface DhcpdVerdict {
  ok: boolean;
  output: string;
}

/** `dhcpd -t` on a text written to a temporary dhcpd.conf. */
export function checkConf(conf: string): DhcpdVerdict {
  return inTempDir((dir) => {
    const { status, output } = run([
      '-t',
      '-4',
      '-cf',
      write(dir, 'dhcpd.conf', conf),
      '-lf',
      path.join(dir, 'dhcpd.leases'),
    ]);
    return { ok: status === 0, output };
  });
}

/**
 * `dhcpd -T` reads a lease file against a config. It exits 0 even when the lease file has
 * errors, so the verdict also looks for its `FILE line N:` messages.
 */
export function checkLeases(conf: string, leases: string): DhcpdVerdict {
  return inTempDir((dir) => {
    const args = [
      '-T',
      '-4',
      '-cf',
      write(dir, 'dhcpd.conf', conf),
      '-lf',
      write(dir, 'dhcpd.leases', leases),
    ];
    const { status, output } = run(args);
    return { ok: status === 0 && !/ line \d+: /.test(output), output };
  });
}

function run(args: string[]): { status: number | null; output: string } {
  if (!dhcpdPath) throw missing();
  const result = spawnSync(dhcpdPath, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function inTempDir<T>(use: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-dhcpd-'));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
