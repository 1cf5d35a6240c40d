import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/main.js';
import { OFFICE } from '../../lab/topology.js';
import { labSkipReason, useLab } from '../../lab/with-lab.js';

const skip = labSkipReason();
const REPO = path.resolve(import.meta.dirname, '../../..');
const HOST = `root@${OFFICE.gateway}`;

/** The CLI against a folder, run here (no network involved). */
async function local(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { stdout: (line) => out.push(line), stderr: (line) => err.push(line) });
  return { status, stdout: out.map((line) => `${line}\n`).join(''), stderr: err.join('\n') };
}

describe.skipIf(skip !== undefined)(
  skip ?? 'clusterdeck --host user@gateway, run on the admin desktop',
  () => {
    const lab = useLab({ nodes: 1 });
    const cli = (...argv: string[]) =>
      lab().exec('admin', ['node', 'main/cli/bin.js', ...argv], { cwd: REPO, timeoutMs: 60_000 });

    beforeEach(() => {
      lab().writeFile('admin', '/root/.ssh/known_hosts', '');
    });

    it('refuses an unknown host key without --accept-new, and writes nothing', () => {
      const result = cli('check', '--host', HOST);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/The host key of 10\.193\.15\.169 \(SHA256:\S+\) was not accepted/);
      expect(lab().readFile('admin', '/root/.ssh/known_hosts')).toBe('');
    });

    it('checks and lists the live gateway exactly as a mirror of its / (--root)', async () => {
      const mirror = lab().rootOf('gateway');
      const remote = cli('check', '--host', HOST, '--accept-new');
      const folder = await local(['check', '--root', mirror]);
      expect(remote.stderr).toBe('');
      expect(remote.stdout).toBe(folder.stdout);
      expect(remote.status).toBe(folder.status);
      expect(remote.stdout).toMatch(/\d+ errors, \d+ warnings, \d+ notes in \d+ files\n$/);
      expect(lab().readFile('admin', '/root/.ssh/known_hosts')).toMatch(/^10\.193\.15\.169 ssh-ed25519 /);

      const nodes = cli('nodes', '--host', HOST, '--json');
      expect(JSON.parse(nodes.stdout)).toEqual(
        JSON.parse((await local(['nodes', '--root', mirror, '--json'])).stdout),
      );
      const json = JSON.parse(cli('check', '--host', HOST, '--json').stdout) as { root: string };
      expect(json.root).toBe(`ssh://root@${OFFICE.gateway}`);
    });

    const dhcpdPid = () => Number(lab().readFile('gateway', '/run/dhcpd.pid').trim());

    it('adds a node on the gateway: all five files changed (dhcpd.conf passing dhcpd -t there), previous versions kept, dhcpd restarted', () => {
      const hostsBefore = lab().readFile('gateway', '/etc/hosts');
      const pidBefore = dhcpdPid();
      const added = cli(
        ...['node', 'add', 'node300', '--ip', '192.168.1.44', '--mac', '52:54:00:12:34:56'],
        ...['--host', HOST, '--accept-new'],
      );
      expect(added.stderr).toBe('');
      expect(added.status).toBe(0);
      const written = [...added.stdout.matchAll(/^wrote (\S+) \(previous version kept as (\S+)\)$/gm)];
      expect(written.map((match) => match[1]).sort()).toEqual([
        '/etc/dhcpd.conf',
        '/etc/hosts',
        '/etc/mosix.map',
        '/opt/ltsp/i386/etc/hosts',
        '/opt/ltsp/i386/etc/mosix.map',
      ]);
      for (const [, file = '', backup = ''] of written) {
        expect(lab().readFile('gateway', file)).toContain('192.168.1.44');
        expect(lab().readFile('gateway', backup)).not.toContain('192.168.1.44');
      }
      expect(lab().exec('gateway', ['dhcpd', '-t', '-cf', '/etc/dhcpd.conf']).status).toBe(0);
      const backupOfHosts = written.find((match) => match[1] === '/etc/hosts')?.[2] ?? '';
      expect(lab().readFile('gateway', backupOfHosts)).toBe(hostsBefore);
      const nodes = cli('nodes', '--host', HOST);
      expect(nodes.stdout).toMatch(/^node300\s+192\.168\.1\.44\s+52:54:00:12:34:56/m);
      expect(added.stdout).toMatch(/^restarted isc-dhcp-server: running$/m);
      expect(dhcpdPid()).not.toBe(pidBefore);
      expect(lab().exec('gateway', ['test', '-e', `/proc/${pidBefore}`]).status).toBe(1);
    }, 60_000);

    it('removes that node again with --no-restart: the files as they were, dhcpd left alone', () => {
      const dhcpdConf = lab().readFile('gateway', '/etc/dhcpd.conf');
      cli(
        'node',
        'add',
        'node301',
        '--ip',
        '192.168.1.45',
        '--mac',
        '52:54:00:12:34:57',
        '--host',
        HOST,
        '--accept-new',
      );
      const pidBefore = dhcpdPid();
      const removed = cli('node', 'remove', 'node301', '--no-restart', '--host', HOST);
      expect(removed.status).toBe(0);
      expect(removed.stdout).not.toContain('restarted');
      expect(lab().readFile('gateway', '/etc/dhcpd.conf')).toBe(dhcpdConf);
      expect(dhcpdPid()).toBe(pidBefore);
    }, 60_000);
  },
);
