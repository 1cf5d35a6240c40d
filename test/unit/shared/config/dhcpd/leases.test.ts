import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentLeases, parseLeases } from '../../../../../shared/config/dhcpd/leases.js';
import { readFixture, seedLeasesPath } from './fixtures.js';

describe('the seed cluster dhcpd.leases', () => {
  const parsed = parseLeases(readFileSync(seedLeasesPath, 'utf8'), '/var/lib/dhcp/dhcpd.leases');

  it('parses without diagnostics, every entry in file order', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.leases.map((lease) => [lease.ip, lease.line, lease.lastLine])).toEqual([
      ['192.168.0.101', 7, 15],
      ['192.168.0.100', 16, 24],
      ['192.168.0.102', 25, 35],
      ['192.168.0.103', 36, 45],
      ['192.168.0.100', 46, 54],
    ]);
  });

  it('reads a lease’s times as written and as dates, its states, MAC, uid and vendor class', () => {
    expect(parsed.leases[2]).toEqual({
      ip: '192.168.0.102',
      starts: '2 2026/11/24 08:03:55',
      startsAt: new Date(Date.UTC(2026, 10, 24, 8, 3, 55)),
      ends: '2 2026/11/24 14:03:55',
      endsAt: new Date(Date.UTC(2026, 10, 24, 14, 3, 55)),
      bindingState: 'active',
      nextBindingState: 'free',
      hardwareType: 'ethernet',
      mac: '00:0c:29:4f:8e:35',
      macAsWritten: '00:0c:29:4f:8e:35',
      uid: '\\001\\000\\014)O\\2165',
      clientHostname: undefined,
      vendorClass: 'PXEClient:Arch:00000:UNDI:002001',
      abandoned: false,
      variables: { 'vendor-class-identifier': 'PXEClient:Arch:00000:UNDI:002001' },
      line: 25,
      lastLine: 35,
    });
    expect(parsed.leases[3]?.clientHostname).toBe('node117');
    expect(parsed.leases[0]?.bindingState).toBe('free');
  });

  it('keeps the last entry of each address as the current lease', () => {
    const current = currentLeases(parsed);
    expect(current.map((lease) => [lease.ip, lease.starts])).toEqual([
      ['192.168.0.101', '3 2026/11/18 07:42:10'],
      ['192.168.0.100', '2 2026/11/24 11:01:12'],
      ['192.168.0.102', '2 2026/11/24 08:03:55'],
      ['192.168.0.103', '2 2026/11/24 08:05:31'],
    ]);
  });
});

describe('a dhcpd 4.4 lease file with OMAPI hosts', () => {
  const parsed = parseLeases(readFixture('isc-dhcp-4.4.leases'), 'dhcpd.leases');

  it('parses without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
  });

  it('reads `ends never`, upper-case MACs, abandoned leases and set variables', () => {
    const [first, never, abandoned, renewed] = parsed.leases;
    expect(first).toMatchObject({ ip: '10.0.200.7', bindingState: 'free', uid: '\\001RT\\000k\\037\\012' });
    expect(never).toMatchObject({ ends: 'never', endsAt: undefined, clientHostname: 'render-spare' });
    expect(never).toMatchObject({ mac: '52:54:00:6b:1f:0b', macAsWritten: '52:54:00:6B:1F:0B' });
    expect(abandoned).toMatchObject({
      ip: '10.0.200.9',
      bindingState: 'abandoned',
      abandoned: true,
      mac: undefined,
    });
    expect(renewed?.variables).toEqual({
      'ddns-fwd-name': 'render07.cluster.com',
      'ddns-txt': '31a4a0b2c6d1e2f3a4b5c6d7e8f90a1b2c',
      'vendor-class-identifier': 'PXEClient:Arch:00007:UNDI:003016',
    });
    expect(renewed?.vendorClass).toBe('PXEClient:Arch:00007:UNDI:003016');
    expect(currentLeases(parsed).map((lease) => [lease.ip, lease.bindingState])).toEqual([
      ['10.0.200.7', 'active'],
      ['10.0.200.8', 'active'],
      ['10.0.200.9', 'abandoned'],
    ]);
  });

  it('reads the host blocks dhcpd keeps for OMAPI hosts, deletions included', () => {
    expect(
      parsed.hosts.map(({ name, mac, fixedAddresses, dynamic, deleted }) => [
        name,
        mac,
        fixedAddresses,
        dynamic,
        deleted,
      ]),
    ).toEqual([
      ['cn001', '42:3e:0a:00:00:01', ['10.0.1.1'], true, false],
      ['cn002', '42:3e:0a:00:00:02', ['10.0.1.2'], true, false],
      ['cn002', undefined, [], true, true],
    ]);
  });
});

describe('other lease files', () => {
  it('reads epoch times, as dhcpd writes them with db-time-format local', () => {
    const parsed = parseLeases(
      'lease 10.0.0.5 {\n  starts epoch 1795075330; # Wed Nov 18 07:42:10 2026\n  ends never;\n}\n',
      'dhcpd.leases',
    );
    expect(parsed.leases[0]).toMatchObject({
      starts: 'epoch 1795075330',
      startsAt: new Date(1795075330 * 1000),
      ends: 'never',
      endsAt: undefined,
    });
  });

  it('passes over DHCPv6 leases and failover states', () => {
    const parsed = parseLeases(
      'server-duid 00:01:00:01:2e:e5:b6:8f:52:54:00:12:04:35;\n' +
        'failover peer "fo" state {\n  my state normal at 3 2026/11/18 07:42:10;\n  partner state normal at 3 2026/11/18 07:42:11;\n}\n' +
        'ia-na "\\001\\000\\000\\000\\000\\001" {\n  cltt 3 2026/11/18 07:42:10;\n' +
        '  iaaddr 2001:db8:0:1::129 {\n    binding state active;\n    preferred-life 375;\n    max-life 600;\n' +
        '    ends 3 2026/11/18 07:52:10;\n  }\n}\n',
      'dhcpd6.leases',
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.leases).toEqual([]);
    expect(parsed.body.map((node) => node.keyword)).toEqual(['server-duid', 'failover', 'ia-na']);
  });

  it('reports a broken entry and reads the others', () => {
    const parsed = parseLeases(
      'lease 10.0.0.5 {\n  starts 3 2026/11/18 07:42:10\n  binding state active;\n}\nlease 10.0.0.6 {\n  binding state free;\n}\n',
      'dhcpd.leases',
    );
    expect(parsed.diagnostics.map((d) => `${d.location.line}:${d.location.column} ${d.message}`)).toEqual([
      "2:31 expected ';' after 'starts 3 2026/11/18 07:42:10'",
    ]);
    expect(parsed.leases.map((lease) => [lease.ip, lease.bindingState])).toEqual([
      ['10.0.0.5', 'active'],
      ['10.0.0.6', 'free'],
    ]);
  });
});
