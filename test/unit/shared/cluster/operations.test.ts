import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../../shared/cluster/model.js';
import { runOperation, type Operation } from '../../../../shared/cluster/operations.js';
import { parseCluster, type ClusterInput } from '../../../../shared/cluster/parse-cluster.js';
import { readDemo } from '../../../support/demo-cluster.js';

async function demoInput(): Promise<ClusterInput> {
  return (await readDemo()).input;
}

function run(input: ClusterInput, operation: Operation) {
  const result = runOperation(input, operation);
  if (!result.ok) throw new Error(result.error);
  return result;
}

const changed = (result: ReturnType<typeof run>) => result.changes.map((change) => change.path).sort();

describe('adding a node', () => {
  it('writes hosts (both copies), a host block and the map (both copies), each in the file’s style', async () => {
    const input = await demoInput();
    const result = run(input, {
      kind: 'add',
      nodes: [{ name: 'node254', address: '192.168.1.1', mac: '00:E0:06:E8:01:00' }],
    });
    expect(changed(result)).toEqual([
      '/etc/dhcpd.conf',
      '/etc/hosts',
      '/etc/mosix.map',
      '/opt/ltsp/i386/etc/hosts',
      '/opt/ltsp/i386/etc/mosix.map',
    ]);
    const diff = (path: string) => result.changes.find((change) => change.path === path)?.diff;
    expect(diff('/etc/hosts')).toBe(
      [
        '--- a/etc/hosts',
        '+++ b/etc/hosts',
        '@@ -252,4 +252,5 @@',
        ' 192.168.0.251 node251',
        ' 192.168.0.252 node252',
        ' 192.168.0.253 node253',
        '+192.168.1.1 node254',
        ' 127.0.0.1 localhost.localdomain localhost',
        '',
      ].join('\n'),
    );
    expect(diff('/etc/mosix.map')).toBe(
      [
        '--- a/etc/mosix.map',
        '+++ b/etc/mosix.map',
        '@@ -1,2 +1,3 @@',
        ' 1 192.168.0.254 1',
        ' 2 192.168.0.1 253',
        '+255 192.168.1.1 1',
        '',
      ].join('\n'),
    );
    expect(diff('/etc/dhcpd.conf')).toContain(
      ['+host node254 {', '+hardware ethernet 00:E0:06:E8:01:00;', '+fixed-address 192.168.1.1;'].join('\n'),
    );
  });

  it('then removing it gives back every file byte for byte', async () => {
    const input = await demoInput();
    const added = run(input, {
      kind: 'add',
      nodes: [{ name: 'node254', address: '192.168.1.1', mac: '00:E0:06:E8:01:00' }],
    });
    const removed = run(added.input, { kind: 'remove', names: ['node254'] });
    for (const [role, file] of Object.entries(input.files)) {
      expect(removed.input.files[role as keyof typeof input.files]?.text, role).toBe(file.text);
    }
  });

  it('re-adds removed nodes by extending the map line they continue', async () => {
    const input = await demoInput();
    const names = ['node250', 'node251', 'node252', 'node253'];
    const removed = run(input, { kind: 'remove', names });
    expect(removed.input.files['mosix-map']?.text).toBe('1 192.168.0.254 1\n2 192.168.0.1 249\n');
    const nodes = names.map((name, i) => ({ name, address: `192.168.0.${250 + i}` }));
    const readded = run(removed.input, { kind: 'add', nodes });
    expect(readded.input.files['mosix-map']?.text).toBe(input.files['mosix-map']?.text);
    expect(readded.input.files.hosts?.text).toBe(input.files.hosts?.text);
  });

  it.each([
    [
      { name: 'node007', address: '192.168.1.9' },
      'node007 already exists at 192.168.0.7 (use node set to change it)',
    ],
    [{ name: 'node300', address: '192.168.0.9' }, '192.168.0.9 already belongs to node009'],
    [
      { name: 'node007', address: '192.168.0.7' },
      'node007 is already in every file at 192.168.0.7: nothing to add; give a MAC to add its DHCP host block',
    ],
    [
      { name: 'node300', address: '192.168.1.9', mac: '00:E0:06:E8:00:84' },
      '00:E0:06:E8:00:84 already belongs to node001',
    ],
    [
      { name: 'node300', address: '192.168.1.9', mac: 'zz' },
      "'zz' is not a MAC address (like 00:E0:06:E8:00:84)",
    ],
    [{ name: 'bad name', address: '192.168.1.9' }, "'bad name' is not a valid host name"],
    [{ name: 'node300', address: '192.168.1.9', id: 7 }, 'openMosix ID 7 is already used in /etc/mosix.map'],
  ])('refuses %j: %s', async (node, error) => {
    expect(runOperation(await demoInput(), { kind: 'add', nodes: [node] })).toEqual({ ok: false, error });
  });
});

describe('adopting a machine from the leases', () => {
  it('gives the first free fixed address and the name hosts already has for it, in the file’s MAC style', async () => {
    const input = await demoInput();
    const result = run(input, { kind: 'adopt', macs: ['00:01:02:3a:7c:e1'] });
    expect(changed(result)).toEqual(['/etc/dhcpd.conf']);
    expect(result.changes[0]?.diff).toContain(
      ['+host node004 {', '+hardware ethernet 00:01:02:3A:7C:E1;', '+fixed-address 192.168.0.4;'].join('\n'),
    );
    const model = buildModel(parseCluster(result.input));
    expect(model.nodes.find((node) => node.name === 'node004')).toMatchObject({
      dhcp: { kind: 'fixed' },
      mosixId: { value: 5 },
    });
    expect(model.newMachines.map((machine) => machine.mac)).not.toContain('00:01:02:3a:7c:e1');
  });

  it('adopts several machines at once, each at the next free address', async () => {
    const result = run(await demoInput(), {
      kind: 'adopt',
      macs: ['00:01:02:3a:7c:e1', '00:0c:29:4f:8e:35'],
    });
    const model = buildModel(parseCluster(result.input));
    expect(
      model.nodes
        .filter((node) => ['node004', 'node005'].includes(node.name))
        .map((node) => node.macs[0]?.value),
    ).toEqual(['00:01:02:3A:7C:E1', '00:0C:29:4F:8E:35']);
  });

  it('refuses a MAC that took no lease', async () => {
    expect(runOperation(await demoInput(), { kind: 'adopt', macs: ['00:11:22:33:44:55'] })).toEqual({
      ok: false,
      error: 'no active lease without a host block has MAC 00:11:22:33:44:55',
    });
  });
});

describe('changing a node', () => {
  it('renames it in both hosts files and its host block', async () => {
    const result = run(await demoInput(), { kind: 'set', name: 'node001', newName: 'n001' });
    expect(changed(result)).toEqual(['/etc/dhcpd.conf', '/etc/hosts', '/opt/ltsp/i386/etc/hosts']);
    expect(result.changes.find((c) => c.path === '/etc/hosts')?.diff).toContain(
      '-192.168.0.1 node001\n+192.168.0.1 n001\n',
    );
    expect(result.changes.find((c) => c.path === '/etc/dhcpd.conf')?.diff).toContain(
      '-host node001 {\n+host n001 {\n',
    );
  });

  it('moves it to a free address, keeping its openMosix ID', async () => {
    const input = await demoInput();
    const removed = run(input, { kind: 'remove', names: ['node050'] });
    const result = run(removed.input, { kind: 'set', name: 'node003', address: '192.168.0.50' });
    const model = buildModel(parseCluster(result.input));
    expect(model.nodes.find((node) => node.name === 'node003')).toMatchObject({
      addresses: [{ value: '192.168.0.50' }, { value: '192.168.0.50' }].slice(0, 1),
      mosixId: { value: 4 },
    });
  });

  it('refuses an address another node holds', async () => {
    expect(
      runOperation(await demoInput(), { kind: 'set', name: 'node003', address: '192.168.0.50' }),
    ).toEqual({
      ok: false,
      error: '192.168.0.50 already belongs to node050',
    });
  });

  it('records a new MAC in the host block, in the case the file writes MACs in', async () => {
    const result = run(await demoInput(), { kind: 'set', name: 'node002', mac: '00:09:30:6a:1c:02' });
    expect(result.changes[0]?.diff).toContain(
      '-hardware ethernet 000:09:30:6A:1C;\n+hardware ethernet 00:09:30:6A:1C:02;\n',
    );
  });
});
