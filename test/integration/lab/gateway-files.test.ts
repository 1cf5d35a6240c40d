import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, afterAll, describe, expect, it } from 'vitest';
import { listClusterFiles } from '../../../main/services/mirror-folder.js';
import type { WriteOutcome } from '../../../main/services/gateway-files.js';
import type { ClusterService } from '../../../main/services/gateway-services.js';
import type { ClusterFile } from '../../../shared/workspace/cluster-files.js';
import { AdminDriver } from '../../lab/admin-driver-client.js';
import { OFFICE } from '../../lab/topology.js';
import { labSkipReason, useLab } from '../../lab/with-lab.js';

const skip = labSkipReason();
const GATEWAY = `root@${OFFICE.gateway}`;
const MAP = '/etc/mosix.map';

interface Read {
  text: string;
  hash: string;
}

describe.skipIf(skip !== undefined)(skip ?? 'the live gateway’s files over SFTP', () => {
  const lab = useLab({ nodes: 1 });
  let admin: AdminDriver;
  const read = (file: string) => admin.value<Read>({ op: 'files-read', destination: GATEWAY, path: file });
  const write = (changes: Array<{ path: string; text: string; baseHash: string }>) =>
    admin.value<WriteOutcome>({ op: 'files-write', destination: GATEWAY, changes });
  const onGateway = (file: string) => lab().readFile('gateway', file);
  /** Backups and temp files beside a gateway file, by name. */
  const beside = (file: string, kind: 'backup' | 'temp') => {
    const dir = path.join(lab().rootOf('gateway'), path.dirname(file));
    const base = path.basename(file);
    return readdirSync(dir).filter((name) =>
      kind === 'backup'
        ? name.startsWith(`${base}.`) && name.endsWith('.clusterdeck-backup')
        : name.startsWith(`.${base}.clusterdeck-`),
    );
  };
  let originalMap: string;

  beforeAll(async () => {
    originalMap = onGateway(MAP);
    admin = new AdminDriver(lab());
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once' });
  });
  beforeEach(() => {
    lab().writeFile('gateway', MAP, originalMap);
    lab().shell('gateway', 'rm -f /etc/*.clusterdeck-backup /etc/.*.clusterdeck-*.tmp');
  });
  afterAll(async () => {
    await admin.close();
  });

  it('lists the same cluster files a mirror of the gateway’s / shows', async () => {
    const remote = await admin.value<ClusterFile[]>({ op: 'files-list', destination: GATEWAY });
    const local = await listClusterFiles(lab().rootOf('gateway'));
    const comparable = (files: ClusterFile[]) =>
      files.map((file) => (file.found ? { ...file, modifiedMs: Math.floor(file.modifiedMs / 1000) } : file));
    expect(comparable(remote)).toEqual(comparable(local));
    expect(remote.find((file) => file.role === 'dhcpd-conf')).toMatchObject({
      found: true,
      path: '/etc/dhcpd.conf',
    });
  });

  it('writes a file in one step, keeping its owner and mode and a backup of the previous version', async () => {
    lab().shell('gateway', `chown pwuser:pwuser ${MAP} && chmod 640 ${MAP}`);
    const before = await read(MAP);
    const text = `${before.text}3 192.168.0.100 5\n`;
    const outcome = await write([{ path: MAP, text, baseHash: before.hash }]);
    expect(outcome).toMatchObject({ kind: 'written', files: [{ path: MAP, realPath: MAP }] });
    expect(onGateway(MAP)).toBe(text);
    const stats = statSync(path.join(lab().rootOf('gateway'), MAP));
    expect(stats.mode & 0o7777).toBe(0o640);
    expect(lab().shell('gateway', `stat -c %U:%G ${MAP}`)).toBe('pwuser:pwuser\n');
    const [backup] = beside(MAP, 'backup');
    if (outcome.kind !== 'written' || backup === undefined) throw new Error('no backup');
    expect(outcome.files[0]?.backup).toBe(`/etc/${backup}`);
    expect(onGateway(`/etc/${backup}`)).toBe(before.text);
    expect(beside(MAP, 'temp')).toEqual([]);
    expect((await read(MAP)).hash).toBe(outcome.files[0]?.hash);
  });

  it('removes temp files that cut-off writes left over an hour ago, and no others', async () => {
    lab().shell(
      'gateway',
      "touch -d '2 hours ago' /etc/.mosix.map.clusterdeck-0123456789ab.tmp /etc/.hosts.clusterdeck-0123456789ab.tmp && touch /etc/.mosix.map.clusterdeck-fedcba987654.tmp",
    );
    const before = await read(MAP);
    expect(
      await write([{ path: MAP, text: `${before.text}# swept\n`, baseHash: before.hash }]),
    ).toMatchObject({
      kind: 'written',
    });
    expect(beside(MAP, 'temp')).toEqual(['.mosix.map.clusterdeck-fedcba987654.tmp']);
    expect(beside('/etc/hosts', 'temp')).toEqual(['.hosts.clusterdeck-0123456789ab.tmp']);
    lab().shell(
      'gateway',
      'rm -f /etc/.mosix.map.clusterdeck-fedcba987654.tmp /etc/.hosts.clusterdeck-0123456789ab.tmp',
    );
  });

  it('refuses to write over a file changed on the gateway since it was read, showing both versions', async () => {
    const before = await read(MAP);
    const theirs = `${before.text}# edited on the gateway\n`;
    lab().writeFile('gateway', MAP, theirs);
    const ours = `${before.text}3 192.168.0.100 5\n`;
    expect(await write([{ path: MAP, text: ours, baseHash: before.hash }])).toEqual({
      kind: 'conflict',
      conflicts: [{ path: MAP, current: theirs, proposed: ours }],
    });
    expect(onGateway(MAP)).toBe(theirs);
    expect(beside(MAP, 'backup')).toEqual([]);
  });

  it('shows dhcpd -t’s rejection of a broken dhcpd.conf and writes nothing', async () => {
    const conf = '/etc/dhcpd.conf';
    const before = await read(conf);
    const broken = before.text.replace('subnet', 'subnet-oops');
    const outcome = await write([{ path: conf, text: broken, baseHash: before.hash }]);
    expect(outcome).toMatchObject({ kind: 'invalid', path: conf });
    if (outcome.kind !== 'invalid') return;
    expect(outcome.output).toContain('Configuration file errors encountered');
    expect(onGateway(conf)).toBe(before.text);
    expect(beside(conf, 'temp')).toEqual([]);
    expect(beside(conf, 'backup')).toEqual([]);
  });

  it('writes the hosts pair (gateway and client root) as one change, or neither when one changed underneath', async () => {
    const pair = ['/etc/hosts', '/opt/ltsp/i386/etc/hosts'];
    const [gateway, client] = await Promise.all(pair.map(read));
    if (!gateway || !client) throw new Error('hosts missing');
    const text = `${gateway.text}192.168.0.100\tnode100\n`;
    lab().writeFile('gateway', pair[1] ?? '', `${client.text}# changed\n`);
    const refused = await write(
      pair.map((file, i) => ({ path: file, text, baseHash: [gateway, client][i]?.hash ?? '' })),
    );
    expect(refused).toMatchObject({ kind: 'conflict', conflicts: [{ path: pair[1] }] });
    expect(onGateway('/etc/hosts')).toBe(gateway.text);

    const fresh = await read(pair[1] ?? '');
    const outcome = await write([
      { path: pair[0] ?? '', text, baseHash: gateway.hash },
      { path: pair[1] ?? '', text, baseHash: fresh.hash },
    ]);
    expect(outcome).toMatchObject({ kind: 'written', files: [{ path: pair[0] }, { path: pair[1] }] });
    for (const file of pair) expect(onGateway(file)).toBe(text);
  });

  it('finds each cluster service through what the gateway has (here: init scripts, no systemd)', async () => {
    const status = (service: ClusterService) =>
      admin.value<Record<string, unknown>>({
        op: 'service',
        destination: GATEWAY,
        service,
        action: 'status',
      });
    const dhcpd = await status('dhcpd');
    // The gateway's /etc/init.d/isc-dhcp-server asks the supervisor the lab runs dhcpd under.
    expect(dhcpd).toMatchObject({
      service: 'dhcpd',
      manager: 'service',
      unit: 'isc-dhcp-server',
      state: 'running',
    });
    expect(await status('tftpd')).toMatchObject({ manager: 'service', unit: 'tftpd-hpa' });
    expect(await status('openmosix')).toEqual({
      service: 'openmosix',
      state: 'not-installed',
      tried: ['openmosix', 'mosix'],
    });
  });

  it('restarts dhcpd through the gateway’s init script: the old dhcpd ends and a new one starts', async () => {
    const dhcpdPid = () => Number(lab().readFile('gateway', '/run/dhcpd.pid').trim());
    const starts = () => lab().dhcpdLog().split('Listening on LPF/eth1/').length - 1;
    const before = { pid: dhcpdPid(), starts: starts() };
    const restarted = await admin.value<Record<string, unknown>>({
      op: 'service',
      destination: GATEWAY,
      service: 'dhcpd',
      action: 'restart',
    });
    expect(restarted).toMatchObject({ manager: 'service', unit: 'isc-dhcp-server', state: 'running' });
    expect(restarted).not.toHaveProperty('restartOutput');
    await expect.poll(dhcpdPid).not.toBe(before.pid);
    expect(lab().exec('gateway', ['test', '-e', `/proc/${before.pid}`]).status).toBe(1);
    await expect.poll(starts).toBe(before.starts + 1);
  });

  it('leaves the old or the new file, never a partial one, when the connection is killed during each of 100 writes', async () => {
    const big = `${originalMap}${'x'.repeat(100_000)}\n`;
    const versions = new Set([originalMap, big]);
    // Kill within about twice what one uninterrupted write takes on this machine (connected
    // already), so the rounds see both outcomes however fast or loaded the machine is.
    await read(MAP);
    const started = Date.now();
    await write([{ path: MAP, text: big, baseHash: (await read(MAP)).hash }]);
    const killWithinMs = 2 * (Date.now() - started);
    let completed = 0;
    for (let round = 0; round < 100; round++) {
      const before = await read(MAP);
      // Big enough to take several SFTP writes, different every round.
      const text = `${originalMap}# round ${round}\n${'x'.repeat(100_000 + round)}\n`;
      versions.add(text);
      const writing = admin.request<WriteOutcome>({
        op: 'files-write',
        destination: GATEWAY,
        changes: [{ path: MAP, text, baseHash: before.hash }],
      });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * killWithinMs));
      lab().dropConnections('gateway');
      const outcome = await writing;
      if (outcome.ok) completed++;
      const now = onGateway(MAP);
      expect([before.text, text]).toContain(now);
      if (outcome.ok) expect(now).toBe(text);
    }
    for (const backup of beside(MAP, 'backup')) expect(versions.has(onGateway(`/etc/${backup}`))).toBe(true);
    console.log(
      `fault injection: ${completed} of 100 writes completed before the kill, ${100 - completed} interrupted; temp files left: ${beside(MAP, 'temp').length}`,
    );
    expect(completed).toBeGreaterThan(0);
    expect(completed).toBeLessThan(100);
  }, 300_000);
});
