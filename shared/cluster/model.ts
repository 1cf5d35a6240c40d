/**
 * One merged inventory of the cluster: each node with what every file says about it, and
 * where it says it. Built from a parsed file set; the validation rules read the same model.
 */
import { HostsTable, type HostsFile } from '../config/hosts.js';
import type { MapEntry, MosixMap } from '../config/mosix-map.js';
import type { SourceLocation } from '../config/diagnostic.js';
import { ipv4ToNumber, isIpv4, normalizeMac } from '../config/net.js';
import type { DhcpdFacts, DhcpdHostTableFacts, LineValue } from './dhcpd-facts.js';
import { fact, type Fact } from './facts.js';
import { MacIndex, macKey, type MacKey } from './mac-index.js';
import type { ParsedCluster } from './parse-cluster.js';

export type DhcpState =
  { kind: 'fixed'; host: Fact<string> } | { kind: 'dynamic'; range: Fact<string> } | { kind: 'none' };

export interface LeaseState {
  address: string;
  mac: string;
  state: string;
  ends?: string | undefined;
}

/** Read-only: the model makes a node's facts when they are read. */
export interface ClusterNode {
  readonly name: string;
  readonly role: 'gateway' | 'node';
  readonly addresses: readonly Fact<string>[];
  readonly macs: readonly Fact<string>[];
  readonly mosixId?: Fact<number> | undefined;
  /** Whether it has a `mosixId`, known without making the fact. */
  readonly hasMosixId: boolean;
  readonly dhcp: DhcpState;
  /** The boot file the node is given: its host block's, else the subnet/global defaults. */
  readonly bootFiles: readonly Fact<string>[];
  readonly ltsSection?: Fact<string> | undefined;
  readonly lease?: Fact<LeaseState> | undefined;
}

/** A machine that took a lease but that no host block knows: a candidate for adoption. */
export interface NewMachine extends LeaseState {
  clientHostname?: string | undefined;
  vendorClass?: string | undefined;
  source: SourceLocation;
}

/** The same name, address or MAC met twice while merging the files, with both places. */
export interface Collision {
  kind: 'hosts-address' | 'hosts-name' | 'dhcpd-name' | 'dhcpd-mac' | 'dhcpd-address';
  /** The value as written where it was met again. */
  value: string;
  first: Fact<string>;
  again: Fact<string>;
}

export interface ClusterModel {
  nodes: ClusterNode[];
  /** Found while indexing the files; the duplicate rules word them. */
  collisions: Collision[];
  newMachines: NewMachine[];
  gatewayAddress?: string;
  /** openMosix IDs by address, from the gateway's map. */
  mosixIds: MapIndex;
}

const ADDRESS_OF_URL = /^([0-9.]+):/;

interface MapRange {
  first: number;
  count: number;
  id: number;
  line: number;
}

const holds = (range: MapRange, value: number) => value >= range.first && value < range.first + range.count;

/** The map's ranges by first address, to find the openMosix ID of any address. */
export class MapIndex {
  private readonly ranges: MapRange[] = [];

  constructor(
    private readonly file: string,
    map: MosixMap | undefined,
    hosts: HostsFile | undefined,
  ) {
    for (const entry of map?.entries ?? []) {
      const first = resolveMapHost(entry, hosts);
      if (first === undefined) continue;
      const count = entry.kind === 'range' ? entry.count : 1;
      this.ranges.push({ first: ipv4ToNumber(first), count, id: entry.id, line: entry.line });
    }
    this.ranges.sort((a, b) => a.first - b.first);
  }

  /** The openMosix ID of `address`, if the map covers it. */
  idOf(address: string): Fact<number> | undefined {
    return this.idAt(ipv4ToNumber(address));
  }

  /** The same, for an IPv4 address as a number (-1: not one). */
  idAt(value: number): Fact<number> | undefined {
    const range = this.rangeHolding(value);
    return range && fact(range.id + value - range.first, this.file, range.line);
  }

  covers(value: number): boolean {
    return this.rangeHolding(value) !== undefined;
  }

  private rangeHolding(value: number): MapRange | undefined {
    if (value === -1) return undefined;
    let low = 0;
    let high = this.ranges.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.ranges[middle]?.first ?? 0) <= value) low = middle;
      else high = middle - 1;
    }
    const range = this.ranges[low];
    if (range && holds(range, value)) return range;
    // Overlapping ranges defeat the binary search: fall back to reading every line.
    return this.ranges.find((candidate) => holds(candidate, value));
  }
}

export function resolveMapHost(entry: MapEntry, hosts: HostsFile | undefined): string | undefined {
  if (isIpv4(entry.host)) return entry.host;
  const table = hosts?.table;
  for (let at = 0; table && at < table.count; at++) {
    if (table.ipv4(at) !== -1 && table.hasName(at, entry.host)) return table.address(at);
  }
  return undefined;
}

function gatewayAddress(dhcpd: DhcpdFacts | undefined): string | undefined {
  const candidates = [
    dhcpd?.routers?.text,
    ADDRESS_OF_URL.exec(dhcpd?.rootPath?.text ?? '')?.[1],
    dhcpd?.nextServer?.text,
  ];
  return candidates.find((candidate) => candidate !== undefined && isIpv4(candidate));
}

/**
 * An address as the address tables key it: an IPv4 address as its number (read in place from a
 * file's text, it needs no string), anything else as its text.
 */
export type AddressKey = number | string;

export function addressKey(address: string): AddressKey {
  const value = ipv4ToNumber(address);
  return value === -1 ? address : value;
}

/** Fixed address `position` of host block `host`, read in place when it is a plain dotted quad. */
export function fixedAddressKey(hosts: DhcpdHostTableFacts, host: number, position: number): AddressKey {
  const value = hosts.addressIpv4(host, position);
  return value === -1 ? addressKey(hosts.addressTexts(host)[position] ?? '') : value;
}

/**
 * Addresses and what holds them. IPv4 addresses go into pages of 256 by their /24: a cluster's
 * consecutive addresses share a page, so 65,535 lookups stay in cache instead of probing a
 * 65,535-entry hash table each time.
 */
export class AddressTable<T> {
  private readonly pages = new Map<number, (T | undefined)[]>();
  private readonly others = new Map<string, T>();

  get(key: AddressKey): T | undefined {
    if (typeof key === 'string') return this.others.get(key);
    return this.pages.get(key >>> 8)?.[key & 255];
  }

  set(key: AddressKey, item: T): void {
    if (typeof key === 'string') {
      this.others.set(key, item);
      return;
    }
    let page = this.pages.get(key >>> 8);
    if (!page) this.pages.set(key >>> 8, (page = new Array<T | undefined>(256).fill(undefined)));
    page[key & 255] = item;
  }
}

/** One item, several, or none: most nodes are named by one hosts entry and one host block. */
type OneOrMore<T> = T | T[] | undefined;

const NONE: readonly never[] = [];

function each<T>(items: OneOrMore<T>): readonly T[] {
  if (items === undefined) return NONE;
  return Array.isArray(items) ? items : [items];
}

function countOf<T>(items: OneOrMore<T>): number {
  if (items === undefined) return 0;
  return Array.isArray(items) ? items.length : 1;
}

/** Item `at` (below `countOf`). */
function itemAt<T>(items: OneOrMore<T>, at: number): T {
  return (Array.isArray(items) ? items[at] : items) as T;
}

function appended<T>(items: OneOrMore<T>, item: T): OneOrMore<T> {
  if (items === undefined) return item;
  if (!Array.isArray(items)) return [items, item];
  items.push(item);
  return items;
}

function lastOf<T>(items: OneOrMore<T>): T | undefined {
  return Array.isArray(items) ? items.at(-1) : items;
}

/** What every node's facts are read from. */
interface Sources {
  hostsFile: string;
  hosts: HostsTable;
  dhcpdFile: string;
  dhcpdHosts: DhcpdHostTableFacts;
  /** The boot files a node in a dynamic range is given. */
  defaultBootFiles: readonly Fact<string>[];
  mosixIds: MapIndex;
}

const NO_DHCP: DhcpState = { kind: 'none' };

/** The host blocks of a cluster without dhcpd.conf. */
const NO_HOST_BLOCKS: DhcpdHostTableFacts = {
  count: 0,
  name: () => '',
  line: () => 0,
  macs: () => [],
  addresses: () => [],
  macText: () => undefined,
  addressTexts: () => [],
  filename: () => undefined,
  nameIs: () => false,
  macNumber: () => -1,
  addressCount: () => 0,
  addressIpv4: () => -1,
};

/**
 * A node as the files describe it. It keeps the hosts entries and host blocks that name it and
 * makes its facts when they are read: building the model does not give each of 65,535 nodes a
 * dozen objects to keep, and most readers want a few facts of a few nodes.
 */
class ModelNode implements ClusterNode {
  // Set on few nodes: the prototype holds the default, a node gets its own value when it differs.
  declare role: ClusterNode['role'];
  declare ltsSection: Fact<string> | undefined;
  declare dynamicRange: Fact<string> | undefined;
  lease: Fact<LeaseState> | undefined = undefined;
  /** The hosts entries naming it (their places in the hosts table), in file order. */
  hostsEntries: OneOrMore<number> = undefined;
  /** The host blocks merged into it (their positions in dhcpd.conf), in file order. */
  dhcpHosts: OneOrMore<number> = undefined;

  constructor(
    readonly name: string,
    private readonly sources: Sources,
  ) {}

  /** Its hosts addresses, then its host blocks' fixed addresses that hosts did not give. */
  get addresses(): Fact<string>[] {
    const { hostsFile, hosts, dhcpdFile, dhcpdHosts } = this.sources;
    const facts = each(this.hostsEntries).map((entry) =>
      fact(hosts.address(entry), hostsFile, hosts.line(entry)),
    );
    for (const host of each(this.dhcpHosts)) {
      for (const address of dhcpdHosts.addresses(host)) {
        if (!facts.some((known) => known.value === address.text))
          facts.push(fact(address.text, dhcpdFile, address.line));
      }
    }
    return facts;
  }

  get macs(): Fact<string>[] {
    const { dhcpdFile, dhcpdHosts } = this.sources;
    return each(this.dhcpHosts).flatMap((host) =>
      dhcpdHosts.macs(host).map((mac) => fact(mac.text, dhcpdFile, mac.line)),
    );
  }

  /** Fixed by the last host block naming it, else dynamic when a range holds its address. */
  get dhcp(): DhcpState {
    const host = lastOf(this.dhcpHosts);
    const { dhcpdFile, dhcpdHosts } = this.sources;
    if (host !== undefined)
      return { kind: 'fixed', host: fact(dhcpdHosts.name(host), dhcpdFile, dhcpdHosts.line(host)) };
    return this.dynamicRange ? { kind: 'dynamic', range: this.dynamicRange } : NO_DHCP;
  }

  /** The last of its host blocks' boot files, else the defaults when it boots from a dynamic range. */
  get bootFiles(): readonly Fact<string>[] {
    const { dhcpdFile, dhcpdHosts } = this.sources;
    const hosts = each(this.dhcpHosts);
    for (let last = hosts.length - 1; last >= 0; last--) {
      const filename = dhcpdHosts.filename(hosts[last] ?? -1);
      if (filename) return [fact(filename.text, dhcpdFile, filename.line)];
    }
    return this.dhcpHosts === undefined && this.dynamicRange ? this.sources.defaultBootFiles : [];
  }

  /** The ID the map gives its first address that has one. */
  get mosixId(): Fact<number> | undefined {
    const address = this.mappedAddress();
    return address === -1 ? undefined : this.sources.mosixIds.idAt(address);
  }

  get hasMosixId(): boolean {
    return this.mappedAddress() !== -1;
  }

  /** Its first IPv4 address the map covers (-1: none), read without making the address facts. */
  private mappedAddress(): number {
    const { mosixIds, hosts, dhcpdHosts } = this.sources;
    // By index: `each` would make an array for each node of 65,535 that validation asks.
    for (let at = 0; at < countOf(this.hostsEntries); at++) {
      const value = hosts.ipv4(itemAt(this.hostsEntries, at));
      if (mosixIds.covers(value)) return value;
    }
    for (let at = 0; at < countOf(this.dhcpHosts); at++) {
      const host = itemAt(this.dhcpHosts, at);
      for (let position = 0; position < dhcpdHosts.addressCount(host); position++) {
        const key = fixedAddressKey(dhcpdHosts, host, position);
        if (typeof key === 'number' && mosixIds.covers(key)) return key;
      }
    }
    return -1;
  }
}

Object.assign(ModelNode.prototype, { role: 'node', ltsSection: undefined, dynamicRange: undefined });

class NodeIndex {
  readonly nodes: ModelNode[] = [];
  readonly collisions: Collision[] = [];
  /** Every MAC of a host block and the position of that host block. */
  readonly byMac: MacIndex;
  /** The node each host block was merged into, by the host block's position. */
  readonly nodeOfHost: ModelNode[];
  /** Host blocks whose name is not their node's (found by address), by name: for duplicate names. */
  readonly declaredElsewhere = new Map<string, number>();
  /** Each name's position in `nodes`. */
  private readonly byName = new Map<string, number>();
  private readonly byAddress = new AddressTable<ModelNode>();
  /** The host block that gave each address as its fixed-address first. */
  private readonly fixedBy = new AddressTable<number>();

  constructor(readonly sources: Sources) {
    this.byMac = new MacIndex(sources.dhcpdHosts.count);
    this.nodeOfHost = new Array<ModelNode>(sources.dhcpdHosts.count);
  }

  find(name: string): ModelNode | undefined {
    const position = this.byName.get(name);
    return position === undefined ? undefined : this.nodes[position];
  }

  /**
   * The node named `name`, trying the one after `cursor` first: files usually list nodes in
   * the same order, so this is mostly a comparison rather than a lookup. Returns its position.
   */
  findFrom(cursor: number, name: string): number {
    if (this.nodes[cursor]?.name === name) return cursor;
    return this.byName.get(name) ?? -1;
  }

  /** A new node; the caller knows there is none of that name. */
  create(name: string): ModelNode {
    const node = new ModelNode(name, this.sources);
    this.byName.set(name, this.nodes.length);
    this.nodes.push(node);
    return node;
  }

  /** The node that holds an address: the first one given it. */
  at(address: AddressKey): ModelNode | undefined {
    return this.byAddress.get(address);
  }

  /** `holder`: what `at(address)` said, when the caller asked already. */
  addAddress(node: ModelNode, address: AddressKey, holder = this.at(address)): void {
    if (!holder) this.byAddress.set(address, node);
  }

  /** The host block that gave an address first, recording `host` if none did. */
  fixAddress(address: AddressKey, host: number): number {
    const first = this.fixedBy.get(address);
    if (first === undefined) this.fixedBy.set(address, host);
    return first ?? host;
  }

  collide(kind: Collision['kind'], value: string, first: Fact<string>, again: Fact<string>): void {
    this.collisions.push({ kind, value, first, again });
  }
}

/** The fact that `entry` of the hosts file names `name`, made only where a collision or an alias needs it. */
function namedIn(hosts: HostsFile, entry: number, name: string): Fact<string> {
  return fact(name, hosts.file, hosts.table.line(entry));
}

/** Records the aliases of `entry` (its names after the first), and any named before. */
function addAliases(index: NodeIndex, hosts: HostsFile, entry: number, aliases: Map<string, Fact<string>>) {
  const [name = '', ...others] = hosts.table.names(entry);
  for (const alias of others) {
    const before = aliases.get(alias) ?? index.find(alias)?.addresses[0];
    if (before)
      index.collide('hosts-name', alias, fact(alias, before.file, before.line), namedIn(hosts, entry, name));
    else aliases.set(alias, namedIn(hosts, entry, name));
  }
}

/** An entry's address as the address tables key it, made a string only when it is not IPv4. */
export function entryKey(table: HostsTable, entry: number): AddressKey {
  const value = table.ipv4(entry);
  return value === -1 ? table.address(entry) : value;
}

function addHostsNodes(index: NodeIndex, hosts: HostsFile): void {
  const { table } = hosts;
  const aliases = new Map<string, Fact<string>>();
  for (let entry = 0; entry < table.count; entry++) {
    if (table.isLoopback(entry)) continue;
    const name = table.name(entry);
    const key = entryKey(table, entry);
    const holder = index.at(key);
    if (holder && holder.name !== name) {
      const address = table.address(entry);
      const first = holder.addresses.find((known) => known.value === address);
      if (first)
        index.collide(
          'hosts-address',
          address,
          fact(holder.name, first.file, first.line),
          namedIn(hosts, entry, name),
        );
    }
    const named = index.find(name);
    const earlier = named?.addresses[0] ?? aliases.get(name);
    if (earlier)
      index.collide('hosts-name', name, fact(name, earlier.file, earlier.line), namedIn(hosts, entry, name));
    if (table.nameCount(entry) > 1) addAliases(index, hosts, entry, aliases);
    const node = named ?? index.create(name);
    node.hostsEntries = appended(node.hostsEntries, entry);
    index.addAddress(node, key, holder);
  }
}

function nodeAtAny(index: NodeIndex, addresses: readonly string[]): ModelNode | undefined {
  for (const address of addresses) {
    const node = index.at(addressKey(address));
    if (node) return node;
  }
  return undefined;
}

const lineOf = (values: readonly LineValue[], value: string) =>
  values.find((candidate) => candidate.text === value)?.line ?? 0;

const macLine = (hosts: DhcpdHostTableFacts, host: number, key: string) =>
  hosts.macs(host).find((mac) => normalizeMac(mac.text) === key)?.line ?? hosts.line(host);

/** The host block of the same name met before, if any. */
function earlierDeclaration(index: NodeIndex, node: ModelNode, host: number, name: string) {
  const last = lastOf(node.dhcpHosts);
  if (node.name === name && last !== undefined && index.sources.dhcpdHosts.name(last) === name) return last;
  const elsewhere = index.declaredElsewhere.size > 0 ? index.declaredElsewhere.get(name) : undefined;
  if (node.name !== name && elsewhere === undefined) index.declaredElsewhere.set(name, host);
  return elsewhere;
}

/** What host block `host`, named `name`, says on `line`: made only for a collision. */
function saidBy(index: NodeIndex, host: number, line: number): Fact<string> {
  return fact(index.sources.dhcpdHosts.name(host), index.sources.dhcpdFile, line);
}

/** A host block's MAC as the index keys it (read in place when it is six hex octets), if it has one. */
function hostMacKey(hosts: DhcpdHostTableFacts, host: number): MacKey | undefined {
  const value = hosts.macNumber(host);
  if (value !== -1) return value;
  const mac = hosts.macText(host);
  return mac === undefined ? undefined : macKey(mac);
}

function addHostMac(index: NodeIndex, host: number): void {
  const hosts = index.sources.dhcpdHosts;
  const key = hostMacKey(hosts, host);
  if (key === undefined) return;
  const first = index.byMac.get(key);
  if (first === undefined) {
    index.byMac.set(key, host);
    return;
  }
  const mac = hosts.macText(host) ?? '';
  const normal = normalizeMac(mac);
  const again = saidBy(index, host, macLine(hosts, host, normal));
  index.collide('dhcpd-mac', mac, saidBy(index, first, macLine(hosts, first, normal)), again);
}

/** The `position`th fixed address of host block `host`, merged into `node`. */
function addFixedAddress(index: NodeIndex, host: number, node: ModelNode, position: number) {
  const hosts = index.sources.dhcpdHosts;
  const key = fixedAddressKey(hosts, host, position);
  index.addAddress(node, key);
  const fixedBy = index.fixAddress(key, host);
  if (fixedBy === host) return;
  const address = hosts.addressTexts(host)[position] ?? '';
  const first = saidBy(index, fixedBy, lineOf(hosts.addresses(fixedBy), address));
  const again = saidBy(index, host, hosts.addresses(host)[position]?.line ?? hosts.line(host));
  index.collide('dhcpd-address', address, first, again);
}

/** Merges host block `host`, named `name`, into `node`, recording what it gives twice. */
function addDhcpdHost(index: NodeIndex, host: number, name: string, node: ModelNode): void {
  const hosts = index.sources.dhcpdHosts;
  const earlier = earlierDeclaration(index, node, host, name);
  if (earlier !== undefined)
    index.collide(
      'dhcpd-name',
      name,
      saidBy(index, earlier, hosts.line(earlier)),
      saidBy(index, host, hosts.line(host)),
    );
  node.dhcpHosts = appended(node.dhcpHosts, host);
  index.nodeOfHost[host] = node;
  addHostMac(index, host);
  const count = hosts.addressCount(host);
  for (let position = 0; position < count; position++) addFixedAddress(index, host, node, position);
}

function addDhcpdHosts(index: NodeIndex): void {
  const hosts = index.sources.dhcpdHosts;
  let cursor = 0;
  for (let host = 0; host < hosts.count; host++) {
    // Mostly the node after the last one: its name string serves, and none is made.
    const next = index.nodes[cursor];
    const name = next && hosts.nameIs(host, next.name) ? next.name : hosts.name(host);
    const position = index.findFrom(cursor, name);
    if (position !== -1) cursor = position + 1;
    const named = position === -1 ? undefined : index.nodes[position];
    const node = named ?? nodeAtAny(index, hosts.addressTexts(host)) ?? index.create(name);
    addDhcpdHost(index, host, name, node);
  }
}

function markDynamicNodes(nodes: readonly ModelNode[], dhcpd: DhcpdFacts): void {
  const ranges = dhcpd.subnets.flatMap((subnet) => subnet.ranges);
  if (ranges.length === 0) return;
  for (const node of nodes) {
    if (node.dhcpHosts !== undefined) continue;
    const range = ranges.find((candidate) =>
      node.addresses.some((address) => inRange(address.value, candidate)),
    );
    if (range) node.dynamicRange = fact(`${range.start}–${range.end}`, dhcpd.file, range.line);
  }
}

export function inRange(address: string, range: { start: string; end: string }): boolean {
  if (!isIpv4(address) || !isIpv4(range.start)) return false;
  const value = ipv4ToNumber(address);
  return (
    value >= ipv4ToNumber(range.start) && value <= ipv4ToNumber(isIpv4(range.end) ? range.end : range.start)
  );
}

function addLtsSections(nodes: readonly ModelNode[], cluster: ParsedCluster): void {
  const lts = cluster.lts;
  if (!lts) return;
  const sections = new Map(lts.sections.map((section) => [normalizeMac(section.name), section]));
  for (const node of nodes) {
    const keys = [
      node.name,
      ...node.addresses.map((a) => a.value),
      ...node.macs.map((m) => normalizeMac(m.value)),
    ];
    const section = keys.map((key) => sections.get(key.toLowerCase())).find((found) => found !== undefined);
    if (section) node.ltsSection = fact(section.name, lts.file, section.line);
  }
}

function addLeases(index: NodeIndex, cluster: ParsedCluster): NewMachine[] {
  const leases = cluster.leases;
  if (!leases) return [];
  const current = new Map(leases.leases.map((lease) => [lease.address, lease]));
  const newMachines: NewMachine[] = [];
  for (const lease of current.values()) {
    if (lease.mac === undefined) continue;
    const state: LeaseState = {
      address: lease.address,
      mac: lease.mac,
      state: lease.state ?? 'unknown',
      ends: lease.ends,
    };
    const hostPosition = index.byMac.get(macKey(lease.mac));
    const known = hostPosition === undefined ? undefined : index.nodeOfHost[hostPosition];
    const node = known ?? (lease.state === 'active' ? index.at(addressKey(lease.address)) : undefined);
    if (node) node.lease = fact(state, leases.file, lease.line);
    if (!known && lease.state === 'active') {
      const source = { file: leases.file, line: lease.line, column: 1 };
      newMachines.push({
        ...state,
        clientHostname: lease.clientHostname,
        vendorClass: lease.vendorClass,
        source,
      });
    }
  }
  return newMachines;
}

export function buildModel(cluster: ParsedCluster): ClusterModel {
  const { hosts, dhcpd, map } = cluster;
  const dhcpdFile = dhcpd?.facts.file ?? '';
  const mosixIds = new MapIndex(map?.file ?? '', map, hosts);
  const index = new NodeIndex({
    hostsFile: hosts?.file ?? '',
    hosts: hosts?.table ?? new HostsTable(''),
    dhcpdFile,
    dhcpdHosts: dhcpd?.facts.hostTable ?? NO_HOST_BLOCKS,
    defaultBootFiles: (dhcpd?.facts.defaultFilenames ?? []).map(({ text, line }) =>
      fact(text, dhcpdFile, line),
    ),
    mosixIds,
  });
  if (hosts) addHostsNodes(index, hosts);
  if (dhcpd) addDhcpdHosts(index);
  if (dhcpd) markDynamicNodes(index.nodes, dhcpd.facts);
  addLtsSections(index.nodes, cluster);
  const gateway = gatewayAddress(dhcpd?.facts);
  const gatewayNode = gateway === undefined ? undefined : index.at(addressKey(gateway));
  if (gatewayNode) gatewayNode.role = 'gateway';
  const newMachines = addLeases(index, cluster);
  const model: ClusterModel = { nodes: index.nodes, collisions: index.collisions, newMachines, mosixIds };
  if (gateway !== undefined) model.gatewayAddress = gateway;
  return model;
}
