import { describe, expect, it } from 'vitest';
import { ClusterProfileSchema, generateCluster } from '../../../../shared/cluster/generate.js';
import { runOperation, type Operation } from '../../../../shared/cluster/operations.js';
import { checkConf, missingDhcpd } from '../../../support/dhcpd.js';
import { skipReason } from '../../../support/prerequisites.js';
import { readDemo } from '../../../support/demo-cluster.js';

/** Every dhcpd.conf the engine writes must pass ISC dhcpd's own check. */
describe.skipIf(skipReason(missingDhcpd) !== undefined)('dhcpd -t accepts what the engine writes', () => {
  it('accepts the demo cluster’s own dhcpd.conf (the baseline)', async () => {
    const { input } = await readDemo();
    expect(checkConf(input.files['dhcpd-conf']?.text ?? '')).toMatchObject({ ok: true });
  });

  const operations: Array<[string, Operation]> = [
    [
      'add a node with a MAC',
      { kind: 'add', nodes: [{ name: 'node254', address: '192.168.1.1', mac: '00:E0:06:E8:01:00' }] },
    ],
    ['adopt two machines', { kind: 'adopt', macs: ['00:01:02:3a:7c:e1', '00:04:76:9b:21:0f'] }],
    ['remove a host block', { kind: 'remove', names: ['node002'] }],
    ['rename a host', { kind: 'set', name: 'node001', newName: 'render01' }],
    ['move a host', { kind: 'set', name: 'node001', address: '192.168.0.99', mac: '00:e0:06:e8:00:85' }],
  ];

  it.each(operations)('after: %s', async (_title, operation) => {
    const { input } = await readDemo();
    const moved =
      operation.kind === 'set' && operation.address
        ? runOperation(input, { kind: 'remove', names: ['node099'] })
        : undefined;
    const result = runOperation(moved?.ok ? moved.input : input, operation);
    if (!result.ok) throw new Error(result.error);
    const conf = result.input.files['dhcpd-conf']?.text ?? '';
    expect(result.changes.map((change) => change.path)).toContain('/etc/dhcpd.conf');
    expect(checkConf(conf)).toMatchObject({ ok: true });
  });

  it('accepts a generated cluster, with and without PXE', () => {
    const base = {
      gateway: { name: 'mosix', address: '192.168.0.254' },
      network: { address: '192.168.0.0', netmask: '255.255.255.0' },
      nodes: { count: 24, firstAddress: '192.168.0.1', macs: { node001: '00:E0:06:E8:00:84' } },
      dynamicRange: { start: '192.168.0.100', end: '192.168.0.200' },
    };
    for (const profile of [base, { ...base, pxeBootFile: '/lts/pxe/pxelinux.0', domainName: 'mosix' }]) {
      const files = generateCluster(ClusterProfileSchema.parse(profile));
      expect(checkConf(files['/etc/dhcpd.conf'] ?? '')).toMatchObject({ ok: true });
    }
  });

  it('and rejects what the engine would flag, so the check is real', () => {
    expect(
      checkConf('subnet 192.168.0.0 netmask 255.255.255.0 {\nrange 192.168.0.10 192.168.0.20\n}\n').ok,
    ).toBe(false);
  });
});
