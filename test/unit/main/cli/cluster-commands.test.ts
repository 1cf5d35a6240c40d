import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli/main.js';
import { readClusterFolder, writeClusterChanges } from '../../../../main/config/cluster-folder.js';
import { demoClusterDir } from '../../../../main/paths.js';
import { runOperation } from '../../../../shared/cluster/operations.js';
import { useDemoCopies } from '../../../support/demo-cluster.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const demoCopy = useDemoCopies();
const tempDir = useTempDirs();

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (line) => out.push(line), stderr: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err };
}

const CLUSTER_FILES = [
  'etc/hosts',
  'etc/dhcpd.conf',
  'etc/mosix.map',
  'opt/ltsp/i386/etc/hosts',
  'opt/ltsp/i386/etc/mosix.map',
];
const snapshot = (root: string) =>
  Object.fromEntries(CLUSTER_FILES.map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));

describe('clusterdeck check', () => {
  it('finds the seed’s garbled MACs: exit 1, one line per finding, a summary', async () => {
    const { code, stdout } = await run('check', '--root', demoClusterDir);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      "/etc/dhcpd.conf:39:1: error: host node002: '000:09:30:6A:1C' is not a MAC address (six two-digit hex numbers, like 00:E0:06:E8:00:84) [dhcpd/invalid-mac]",
    );
    expect(lines.at(-1)).toBe('2 errors, 0 warnings, 3 notes in 10 files');
  });

  it('prints the documented JSON with --json', async () => {
    const { stdout } = await run('check', '--root', demoClusterDir, '--json');
    const report = JSON.parse(stdout) as {
      clientRoot: string;
      files: Record<string, string>;
      diagnostics: unknown[];
      summary: unknown;
    };
    expect(report.clientRoot).toBe('/opt/ltsp/i386');
    expect(report.files['dhcpd-conf']).toBe('/etc/dhcpd.conf');
    expect(report.summary).toEqual({ errors: 2, warnings: 0, notes: 3 });
    expect(report.diagnostics[0]).toEqual({
      code: 'dhcpd/invalid-mac',
      severity: 'error',
      message: expect.stringContaining('000:09:30:6A:1C') as string,
      file: '/etc/dhcpd.conf',
      line: 39,
      column: 1,
      related: [],
      fix: null,
    });
  });

  it('exits 0 once the errors are fixed (warnings and notes allowed)', async () => {
    const root = demoCopy();
    const conf = path.join(root, 'etc/dhcpd.conf');
    writeFileSync(
      conf,
      readFileSync(conf, 'utf8')
        .replace('000:09:30:6A:1C', '00:09:30:6A:1C:01')
        .replace('000:09:30:28:B2', '00:09:30:28:B2:01'),
    );
    expect((await run('check', '--root', root)).code).toBe(0);
  });

  it('reads a file given by its option, and exits 2 naming it when it is missing', async () => {
    const root = demoCopy();
    renameSync(path.join(root, 'etc/dhcpd.conf'), path.join(root, 'etc/dhcpd-lab.conf'));
    expect((await run('check', '--root', root, '--dhcpd-conf', '/etc/dhcpd-lab.conf')).code).toBe(1);
    expect(
      await run('check', '--root', root, '--dhcpd-conf', '/etc/dhcpd.conf', '--map', '/etc/no.map'),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: [`clusterdeck: /etc/no.map (given for openMosix map) does not exist under ${root}`],
    });
  });

  it('exits 2 with one line for a folder that does not exist', async () => {
    expect(await run('check', '--root', '/nonexistent/mirror')).toEqual({
      code: 2,
      stdout: '',
      stderr: ['clusterdeck: /nonexistent/mirror does not exist'],
    });
  });
});

describe('clusterdeck nodes', () => {
  it('lists the gateway, the 253 nodes and the new machines', async () => {
    const { code, stdout } = await run('nodes', '--root', demoClusterDir, '--json');
    const { nodes, newMachines } = JSON.parse(stdout) as {
      nodes: Array<{ name: string; role: string; dhcp: string; mosixId: { value: number } }>;
      newMachines: unknown[];
    };
    expect(code).toBe(0);
    expect(nodes).toHaveLength(254);
    expect(nodes[0]).toMatchObject({ name: 'mosix', role: 'gateway', mosixId: { value: 1 } });
    expect(nodes.find((node) => node.name === 'node150')).toMatchObject({
      dhcp: 'dynamic',
      mosixId: { value: 151 },
    });
    expect(newMachines).toHaveLength(3);
  });

  it('prints a table', async () => {
    const { stdout } = await run('nodes', '--root', demoClusterDir);
    expect(stdout.split('\n')[2]).toBe(
      'node001          192.168.0.1    00:E0:06:E8:00:84  2    fixed    /lts/boot/bootp/vmlinuz.eepro100.bootp',
    );
  });
});

describe('clusterdeck node', () => {
  it('adds a node to every file with backups, and removing it restores every byte', async () => {
    const root = demoCopy();
    const before = snapshot(root);
    const added = await run(
      'node',
      'add',
      'node254',
      '--ip',
      '192.168.1.1',
      '--mac',
      '00:E0:06:E8:01:00',
      '--root',
      root,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('+192.168.1.1 node254');
    expect(added.stdout).toMatch(
      /wrote \/etc\/hosts \(previous version kept as etc\/hosts\.\d{8}T\d{6}\.clusterdeck\.bak\)/,
    );
    expect(readFileSync(path.join(root, 'etc/mosix.map'), 'utf8')).toBe(
      '1 192.168.0.254 1\n2 192.168.0.1 253\n255 192.168.1.1 1\n',
    );

    expect((await run('node', 'remove', 'node254', '--root', root)).code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    expect(
      readdirSync(path.join(root, 'etc')).filter((name) => name.endsWith('.clusterdeck.bak')).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('adds a NodeSet range with consecutive addresses', async () => {
    const root = demoCopy();
    const { code } = await run('node', 'add', 'node[254-256]', '--ip', '192.168.1.1', '--root', root);
    expect(code).toBe(0);
    expect(readFileSync(path.join(root, 'etc/mosix.map'), 'utf8')).toBe(
      '1 192.168.0.254 1\n2 192.168.0.1 253\n255 192.168.1.1 3\n',
    );
    expect(readFileSync(path.join(root, 'etc/hosts'), 'utf8')).toContain(
      '192.168.1.1 node254\n192.168.1.2 node255\n192.168.1.3 node256\n',
    );
  });

  it('shows the diff and writes nothing with --dry-run', async () => {
    const root = demoCopy();
    const before = snapshot(root);
    const { code, stdout } = await run('node', 'adopt', '00:01:02:3a:7c:e1', '--root', root, '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('+host node004 {');
    expect(snapshot(root)).toEqual(before);
  });

  it('exits 1 with the reason when an edit is refused', async () => {
    const { code, stderr } = await run(
      'node',
      'set',
      'node003',
      '--ip',
      '192.168.0.50',
      '--root',
      demoCopy(),
    );
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: ['clusterdeck: 192.168.0.50 already belongs to node050'],
    });
  });

  it('never overwrites a file that changed after it was read', async () => {
    const root = demoCopy();
    const read = await readClusterFolder(root);
    const result = runOperation(read.input, {
      kind: 'add',
      nodes: [{ name: 'node254', address: '192.168.1.1' }],
    });
    if (!result.ok) throw new Error(result.error);
    writeFileSync(path.join(root, 'etc/mosix.map'), '1 192.168.0.254 1\n');
    await expect(writeClusterChanges(read, result.changes)).rejects.toThrow(
      '/etc/mosix.map changed on disk since it was read; nothing was written',
    );
    expect(readFileSync(path.join(root, 'etc/hosts'), 'utf8')).not.toContain('node254');
  });
});

describe('clusterdeck generate', () => {
  const profile = {
    name: 'lab',
    gateway: { name: 'mosix', address: '192.168.0.254' },
    network: { address: '192.168.0.0', netmask: '255.255.255.0' },
    nodes: { count: 24, firstAddress: '192.168.0.1' },
    pxeBootFile: '/lts/pxe/pxelinux.0',
  };

  it('writes a file set that passes check, and never over existing files', async () => {
    const dir = await tempDir();
    const profileFile = path.join(dir, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(profile));
    const out = path.join(dir, 'out');
    const generated = await run('generate', '--profile', profileFile, '--out', out);
    expect(generated.code).toBe(0);
    expect(generated.stdout.split('\n')).toHaveLength(9);
    expect(await run('check', '--root', out)).toMatchObject({
      code: 0,
      stdout: '0 errors, 0 warnings, 0 notes in 9 files',
    });
    const again = await run('generate', '--profile', profileFile, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr[0]).toContain('already exists; generate writes only into an empty tree');
  });

  it('names the file and the field of a bad profile', async () => {
    const dir = await tempDir();
    const profileFile = path.join(dir, 'profile.json');
    writeFileSync(
      profileFile,
      JSON.stringify({ ...profile, gateway: { name: 'mosix', address: '192.168.0.300' } }),
    );
    expect(await run('generate', '--profile', profileFile, '--out', path.join(dir, 'out'))).toEqual({
      code: 2,
      stdout: '',
      stderr: [`clusterdeck: ${profileFile}: gateway.address: is not an IPv4 address`],
    });
  });
});
