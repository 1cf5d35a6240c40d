import { describe, expect, it } from 'vitest';
import { buildInventory, findingsByNode, nodeFacts } from '../../../../shared/cluster/inventory.js';
import {
  allRows,
  clickSelection,
  filterRows,
  nodeSetFilter,
  rowsNamed,
  sortRows,
} from '../../../../shared/cluster/inventory-view.js';
import { buildModel } from '../../../../shared/cluster/model.js';
import { parseCluster } from '../../../../shared/cluster/parse-cluster.js';
import { validate } from '../../../../shared/cluster/rules.js';

const HOSTS = [
  '192.168.0.254 mosix',
  '192.168.0.1 node1',
  '192.168.0.2 node2',
  '192.168.0.10 node10',
  '',
].join('\n');
const DHCPD = [
  'option routers 192.168.0.254;',
  'subnet 192.168.0.0 netmask 255.255.255.0 { }',
  'host node2 { hardware ethernet 000:09:30:6A:1C; fixed-address 192.168.0.2; }',
  '',
].join('\n');

function analysed() {
  const files = {
    hosts: { path: '/etc/hosts', text: HOSTS },
    'dhcpd-conf': { path: '/etc/dhcpd.conf', text: DHCPD },
    'mosix-map': { path: '/etc/mosix.map', text: '1 192.168.0.254 1\n2 192.168.0.1 2\n' },
  };
  const cluster = parseCluster({ files, clientRoot: '/opt/ltsp/i386' });
  const model = buildModel(cluster);
  const findings = findingsByNode(model, validate(cluster, model));
  return { model, findings, inventory: buildInventory(model, findings) };
}

describe('the inventory', () => {
  it('has one row per node, in columns, with the problems of the node counted on its row', () => {
    const { columns } = analysed().inventory;
    expect(columns.name).toEqual(['mosix', 'node1', 'node2', 'node10']);
    expect(columns.role).toEqual(['gateway', 'node', 'node', 'node']);
    expect(columns.mosixId).toEqual([1, 2, 3, 0]);
    expect(columns.dhcp).toEqual(['none', 'none', 'fixed', 'none']);
    expect(columns.errors).toEqual([0, 0, 1, 0]);
    expect(columns.warnings).toEqual([0, 0, 0, 1]);
  });

  it('lists a node’s facts with the file and line each came from', () => {
    const node2 = analysed().model.nodes.find((node) => node.name === 'node2');
    expect(node2 && nodeFacts(node2)).toEqual([
      { label: 'Address', value: '192.168.0.2', file: '/etc/hosts', line: 3 },
      { label: 'MAC', value: '000:09:30:6A:1C', file: '/etc/dhcpd.conf', line: 3 },
      { label: 'openMosix ID', value: '3', file: '/etc/mosix.map', line: 2 },
      { label: 'DHCP host block', value: 'node2', file: '/etc/dhcpd.conf', line: 3 },
    ]);
  });
});

describe('the inventory table', () => {
  const { columns } = analysed().inventory;

  it('filters by name, address or MAC in any case, and by NodeSet', () => {
    const every = allRows(columns);
    expect(filterRows(columns, every, '6a:1c', undefined)).toEqual([2]);
    expect(filterRows(columns, [3, 2, 1], '192.168.0.1', undefined)).toEqual([3, 1]);
    const nodeSet = nodeSetFilter('node[1-2]');
    expect(nodeSet.ok && filterRows(columns, every, '', nodeSet.names)).toEqual([1, 2]);
    expect(nodeSetFilter('node[1-').ok).toBe(false);
  });

  it('sorts names naturally, addresses by value, and the nodes with problems first', () => {
    const all = allRows(columns);
    expect(
      sortRows(columns, all, { column: 'name', descending: false }).map((row) => columns.name[row]),
    ).toEqual(['mosix', 'node1', 'node2', 'node10']);
    expect(sortRows(columns, all, { column: 'addresses', descending: true })[0]).toBe(0);
    expect(sortRows(columns, all, { column: 'problems', descending: false }).slice(0, 2)).toEqual([2, 3]);
    expect(sortRows(columns, all, { column: 'mosixId', descending: false }).at(-1)).toBe(3);
  });

  it('sorts by a live column: answering nodes by value, then unreadable, unreachable, not polled', () => {
    const all = allRows(columns);
    const up = (load: number, uptimeSeconds: number) => ({
      state: 'up' as const,
      load: [load, 0, 0] as [number, number, number],
      memTotalKiB: 1000,
      memAvailableKiB: 500,
      uptimeSeconds,
    });
    const live = {
      node1: up(0.5, 100),
      node2: { state: 'unreachable' as const, message: 'no route' },
      node10: up(2.25, 50),
      mosix: { state: 'failed' as const, message: 'no /proc/meminfo' },
    };
    const names = (column: 'load' | 'uptime' | 'reachable', descending = false) =>
      sortRows(columns, all, { column, descending }, live).map((row) => columns.name[row]);
    expect(names('load')).toEqual(['node1', 'node10', 'mosix', 'node2']);
    expect(names('load', true)).toEqual(['node2', 'mosix', 'node10', 'node1']);
    expect(names('uptime')).toEqual(['node10', 'node1', 'mosix', 'node2']);
    expect(names('reachable', true)[0]).toBe('node2');
    expect(sortRows(columns, all, { column: 'reachable', descending: false }).length).toBe(4);
  });

  it('selects by click, shift-click over the rows as shown, ctrl-click and NodeSet', () => {
    const shown = [3, 2, 1, 0];
    const one = clickSelection(new Set(), shown, undefined, 2, { shift: false, toggle: false });
    expect([...one]).toEqual([2]);
    expect([...clickSelection(one, shown, 2, 0, { shift: true, toggle: false })]).toEqual([2, 1, 0]);
    expect([...clickSelection(one, shown, 2, 3, { shift: false, toggle: true })]).toEqual([2, 3]);
    expect([...clickSelection(one, shown, 2, 2, { shift: false, toggle: true })]).toEqual([]);
    expect([...rowsNamed(columns, new Set(['node10', 'mosix']))]).toEqual([0, 3]);
  });
});
