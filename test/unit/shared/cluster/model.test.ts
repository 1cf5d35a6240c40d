import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, type ClusterModel } from '../../../../shared/cluster/model.js';
import { parseCluster } from '../../../../shared/cluster/parse-cluster.js';

const hostBlock = (name: string, mac: string, address: string) =>
  `host ${name} { hardware ethernet ${mac}; fixed-address ${address}; }\n`;

function model(hosts: string, dhcpd: string, map = ''): ClusterModel {
  const files = {
    hosts: { path: '/etc/hosts', text: hosts },
    'dhcpd-conf': { path: '/etc/dhcpd.conf', text: dhcpd },
    'mosix-map': { path: '/etc/mosix.map', text: map },
  };
  return buildModel(parseCluster({ files, clientRoot: '/opt/ltsp/i386' }));
}

/** Each node as a user reads it: name, addresses, MACs and the host block's line. */
const summary = (built: ClusterModel) =>
  built.nodes.map((node) => ({
    name: node.name,
    addresses: node.addresses.map((address) => `${address.value}@${address.file}`),
    macs: node.macs.map((mac) => mac.value),
    host: node.dhcp.kind === 'fixed' ? node.dhcp.host.value : undefined,
  }));

describe('the cluster model', () => {
  const hosts = ['192.168.0.254 mosix', '192.168.0.1 node001', '192.168.0.2 node002', ''].join('\n');

  it('merges a host block into the node hosts names, whatever order the files list them in', () => {
    const names = fc.constantFrom('node001', 'node002', 'node003', 'mosix');
    fc.assert(
      fc.property(fc.uniqueArray(names, { minLength: 1 }), (order) => {
        const blocks = order.map((name, i) => hostBlock(name, `00:e0:06:e8:00:0${i}`, `10.0.0.${i + 1}`));
        const built = model(hosts, blocks.join(''));
        for (const name of order) {
          const node = built.nodes.filter((candidate) => candidate.name === name);
          expect(node).toHaveLength(1);
          expect(node[0]?.dhcp.kind).toBe('fixed');
        }
        expect(built.collisions).toEqual([]);
      }),
    );
  });

  it('finds a host block named otherwise by its address, without inventing a node', () => {
    const built = model(hosts, hostBlock('n2', '00:e0:06:e8:00:02', '192.168.0.2'));
    expect(summary(built)).toContainEqual({
      name: 'node002',
      addresses: ['192.168.0.2@/etc/hosts'],
      macs: ['00:e0:06:e8:00:02'],
      host: 'n2',
    });
    expect(built.nodes.map((node) => node.name)).not.toContain('n2');
  });

  it('records a host block declared twice, also when the first was found by address', () => {
    const dhcpd =
      hostBlock('n2', '00:e0:06:e8:00:02', '192.168.0.2') + hostBlock('n2', '00:e0:06:e8:00:03', '10.0.0.9');
    const [collision] = model(hosts, dhcpd).collisions;
    expect(collision).toMatchObject({
      kind: 'dhcpd-name',
      value: 'n2',
      first: { line: 1 },
      again: { line: 2 },
    });
  });

  it('records the same fixed address and the same MAC in two host blocks, with both lines', () => {
    const dhcpd =
      hostBlock('node001', '00:e0:06:e8:00:01', '192.168.0.1') +
      hostBlock('node002', '00:E0:06:E8:00:01', '192.168.0.1');
    const kinds = model(hosts, dhcpd).collisions.map(({ kind, first, again }) => [
      kind,
      first.line,
      again.line,
    ]);
    expect(kinds).toEqual([
      ['dhcpd-mac', 1, 2],
      ['dhcpd-address', 1, 2],
    ]);
  });

  it('matches quoted, dashed and upper-case spellings as the plain ones', () => {
    const dhcpd =
      'host n1 { hardware ethernet 00-E0-06-E8-00-01; fixed-address "192.168.0.1"; }\n' +
      hostBlock('n9', '00:e0:06:e8:00:01', '"192.168.0.1"');
    const built = model(hosts, dhcpd);
    expect(summary(built).find((node) => node.name === 'node001')).toMatchObject({ host: 'n9' });
    expect(built.nodes.map((node) => node.name)).not.toContain('n1');
    expect(built.collisions.map(({ kind, value }) => [kind, value])).toEqual([
      ['dhcpd-mac', '00:e0:06:e8:00:01'],
      ['dhcpd-address', '192.168.0.1'],
    ]);
  });

  it('gives a node the openMosix ID of its first mapped address, quoted fixed addresses too', () => {
    const dhcpd =
      hostBlock('node009', '00:e0:06:e8:00:09', '"10.0.0.9"') +
      hostBlock('node010', '00:e0:06:e8:00:0a', 'node010');
    const built = model(hosts, dhcpd, '1 192.168.0.1 2\n5 10.0.0.8 2\n');
    const ids = built.nodes.map((node) => [
      node.name,
      node.hasMosixId,
      node.mosixId?.value,
      node.mosixId?.line,
    ]);
    expect(ids).toEqual([
      ['mosix', false, undefined, undefined],
      ['node001', true, 1, 1],
      ['node002', true, 2, 1],
      ['node009', true, 6, 2],
      ['node010', false, undefined, undefined],
    ]);
  });

  it('keeps IPv6 hosts entries as addresses of their nodes', () => {
    const built = model(`${hosts}fe80::1 node001\n`, '');
    expect(built.nodes.find((node) => node.name === 'node001')?.addresses.map((a) => a.value)).toEqual([
      '192.168.0.1',
      'fe80::1',
    ]);
  });
});
