/**
 * One merged inventory of the cluster: each node with what every file says about it, and
 * where it says it. Built from a parsed file set; the validation rules read the same model.
 */
import type { HostsEntry, HostsFile } from '../config/hosts.js';
import type { MapEntry, MosixMap } from '../config/mosix-map.js';
import type { SourceLocation } from '../config/diagnostic.js';
import { ipv4ToNumber, isIpv4, isLoopback, normalizeMac } from '../config/net.js';
import type { DhcpdFacts, DhcpdHostFacts, LineValue } from './dhcpd-facts.js';
import { fact, type Fact } from './facts.js';
import type { ParsedCluster } from './parse-cluster.js';

export type DhcpState =
  { kind: 'fixed'; host: Fact<string> } | { kind: 'dynamic'; range: Fact<string> } | { kind: 'none' };

export interface LeaseState {
  address: string;
  mac: string;
  state: string;
  ends?: string | undefined;
}

export interface ClusterNode {
  name: string;
  role: 'gateway' | 'node';
  addresses: Fact<string>[];
  macs: Fact<string>[];
  mosixId?: Fact<number> | undefined;
  dhcp: DhcpState;
  /** The boot file the node is given: its host block's, else the subnet/global defaults. */
  bootFiles: Fact<string>[];
  ltsSection?: Fact<string> | undefined;
  lease?: Fact<LeaseState> | undefined;
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

/** The map's ranges by first address, to find the openMosix ID of any address. */
export class MapIndex {
  private readonly ranges: Array<{ first: number; count: number; id: number; line: number }> = [];

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
    const value = ipv4ToNumber(address);
    if (value === -1) return undefined;
    let low = 0;
    let high = this.ranges.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.ranges[middle]?.first ?? 0) <= value) low = middle;
      else high = middle - 1;
    }
    const range = this.ranges[low];
    if (range && value >= range.first && value < range.first + range.count) {
      return fact(range.id + value - range.first, this.file, range.line);
    }
    return this.scan(value);
  }

  /** Overlapping ranges defeat the binary search: fall back to reading every line. */
  private scan(value: number): Fact<number> | undefined {
    const range = this.ranges.find(
      (candidate) => value >= candidate.first && value < candidate.first + candidate.count,
    );
    return range ? fact(range.id + value - range.first, this.file, range.line) : undefined;
  }
}

export function resolveMapHost(entry: MapEntry, hosts: HostsFile | undefined): string | undefined {
  if (isIpv4(entry.host)) return entry.host;
  return hosts?.entries.find(
    (hostsEntry) => hostsEntry.names.includes(entry.host) && isIpv4(hostsEntry.address),
  )?.address;
}

function gatewayAddress(dhcpd: DhcpdFacts | undefined): string | undefined {
  const candidates = [
    dhcpd?.routers?.text,
    ADDRESS_OF_URL.exec(dhcpd?.rootPath?.text ?? '')?.[1],
    dhcpd?.nextServer?.text,
  ];
  return candidates.find((candidate) => candidate !== undefined && isIpv4(candidate));
}

/** Where an address was met: the node holding it and the host block giving it as fixed-address. */
interface AddressHolder {
  node: ClusterNode;
  fixedBy: DhcpdHostFacts | undefined;
}

/**
 * Addresses and what holds them. IPv4 addresses go into pages of 256 by their /24: a cluster's
 * consecutive addresses share a page, so 65,535 lookups stay in cache instead of probing a
 * 65,535-entry hash table each time.
 */
export class AddressTable<T> {
  private readonly pages = new Map<number, (T | undefined)[]>();
  private readonly others = new Map<string, T>();

  get(address: string): T | undefined {
    const value = ipv4ToNumber(address);
    if (value === -1) return this.others.get(address);
    return this.pages.get(value >>> 8)?.[value & 255];
  }

  set(address: string, item: T): void {
    const value = ipv4ToNumber(address);
    if (value === -1) {
      this.others.set(address, item);
      return;
    }
    let page = this.pages.get(value >>> 8);
    if (!page) this.pages.set(value >>> 8, (page = new Array<T | undefined>(256).fill(undefined)));
    page[value & 255] = item;
  }
}

/**
 * What a new node shares until it learns a fact: `withFact` gives it a list of its own then.
 * Most nodes never have a boot file of their own.
 */
const NO_FACTS: Fact<string>[] = [];
const NO_DHCP: DhcpState = { kind: 'none' };

/**
 * `list` with `item` at its end. A first item gets an array of exactly its size: pushing onto an
 * empty array reserves room for 17, and 65,535 nodes mostly hold one address and one MAC.
 */
function withFact(list: Fact<string>[], item: Fact<string>): Fact<string>[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

class NodeIndex {
  readonly nodes: ClusterNode[] = [];
  readonly collisions: Collision[] = [];
  /** Every MAC of a host block (lower case, colons) and the host that gave it. */
  readonly byMac = new Map<string, { node: ClusterNode; host: DhcpdHostFacts }>();
  /** Host blocks whose name is not their node's (found by address): for duplicate names. */
  readonly declaredElsewhere = new Map<string, DhcpdHostFacts>();
  /** Each name's position in `nodes`. */
  private readonly byName = new Map<string, number>();
  private readonly byAddress = new AddressTable<AddressHolder>();

  find(name: string): ClusterNode | undefined {
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

  /**
   * A new node; the caller knows there is none of that name. Every property is there from the
   * start, so filling one in later does not give each node a second object to hold it.
   */
  create(name: string): ClusterNode {
    const node: ClusterNode = {
      name,
      role: 'node',
      addresses: NO_FACTS,
      macs: NO_FACTS,
      mosixId: undefined,
      dhcp: NO_DHCP,
      bootFiles: NO_FACTS,
      ltsSection: undefined,
      lease: undefined,
    };
    this.byName.set(name, this.nodes.length);
    this.nodes.push(node);
    return node;
  }

  holding(address: string): AddressHolder | undefined {
    return this.byAddress.get(address);
  }

  at(address: string): ClusterNode | undefined {
    return this.byAddress.get(address)?.node;
  }

  /** `holder`: what `holding(address.value)` said, when the caller asked already. */
  addAddress(node: ClusterNode, address: Fact<string>, holder = this.holding(address.value)): void {
    node.addresses = withFact(node.addresses, address);
    // `fixedBy` is there from the start: adding it later would give each holder a property array.
    if (!holder) this.byAddress.set(address.value, { node, fixedBy: undefined });
  }

  collide(kind: Collision['kind'], value: string, first: Fact<string>, again: Fact<string>): void {
    this.collisions.push({ kind, value, first, again });
  }
}

/** The fact that `entry` of the hosts file names `name`, made only where a collision or an alias needs it. */
function namedIn(hosts: HostsFile, entry: HostsEntry, name: string): Fact<string> {
  return fact(name, hosts.file, entry.line);
}

function addHostsNodes(index: NodeIndex, hosts: HostsFile): void {
  const aliases = new Map<string, Fact<string>>();
  for (const entry of hosts.entries) {
    const name = entry.names[0];
    if (name === undefined || isLoopback(entry.address)) continue;
    const holder = index.holding(entry.address);
    if (holder && holder.node.name !== name) {
      const first = holder.node.addresses.find((known) => known.value === entry.address);
      if (first)
        index.collide(
          'hosts-address',
          entry.address,
          fact(holder.node.name, first.file, first.line),
          namedIn(hosts, entry, name),
        );
    }
    const named = index.find(name);
    const earlier = named?.addresses[0] ?? aliases.get(name);
    if (earlier)
      index.collide('hosts-name', name, fact(name, earlier.file, earlier.line), namedIn(hosts, entry, name));
    for (let alias = 1; alias < entry.names.length; alias++) {
      const aliasName = entry.names[alias] ?? '';
      const before = aliases.get(aliasName) ?? index.find(aliasName)?.addresses[0];
      if (before)
        index.collide(
          'hosts-name',
          aliasName,
          fact(aliasName, before.file, before.line),
          namedIn(hosts, entry, name),
        );
      else aliases.set(aliasName, namedIn(hosts, entry, name));
    }
    index.addAddress(named ?? index.create(name), fact(entry.address, hosts.file, entry.line), holder);
  }
}

function nodeAtAny(index: NodeIndex, addresses: readonly LineValue[]): ClusterNode | undefined {
  for (const address of addresses) {
    const node = index.at(address.text);
    if (node) return node;
  }
  return undefined;
}

const lineOf = (values: readonly LineValue[], value: string) =>
  values.find((candidate) => candidate.text === value)?.line ?? 0;

const macLine = (host: DhcpdHostFacts, key: string) =>
  host.macs.find((mac) => normalizeMac(mac.text) === key)?.line ?? host.line;

function hasAddress(node: ClusterNode, address: string): boolean {
  for (const known of node.addresses) if (known.value === address) return true;
  return false;
}

/** The host block of the same name met before, if any. */
function earlierDeclaration(index: NodeIndex, node: ClusterNode, host: DhcpdHostFacts) {
  if (node.name === host.name && node.dhcp.kind === 'fixed' && node.dhcp.host.value === host.name) {
    return { name: host.name, line: node.dhcp.host.line };
  }
  const elsewhere = index.declaredElsewhere.size > 0 ? index.declaredElsewhere.get(host.name) : undefined;
  if (node.name !== host.name && !elsewhere) index.declaredElsewhere.set(host.name, host);
  return elsewhere;
}

/** Merges one host block into its node: by name, else by an address hosts gave it, else a new node. */
function addDhcpdHost(index: NodeIndex, host: DhcpdHostFacts, node: ClusterNode, file: string): void {
  const earlier = earlierDeclaration(index, node, host);
  if (earlier) {
    const again = fact(host.name, file, host.line);
    index.collide('dhcpd-name', host.name, fact(earlier.name, file, earlier.line), again);
  }
  node.dhcp = { kind: 'fixed', host: fact(host.name, file, host.line) };
  for (const mac of host.macs) {
    node.macs = withFact(node.macs, fact(mac.text, file, mac.line));
    const key = normalizeMac(mac.text);
    const holder = index.byMac.get(key);
    if (!holder) index.byMac.set(key, { node, host });
    else {
      const first = fact(holder.host.name, file, macLine(holder.host, key));
      index.collide('dhcpd-mac', mac.text, first, fact(host.name, file, mac.line));
    }
  }
  for (const address of host.addresses) {
    const holder = index.holding(address.text);
    if (!hasAddress(node, address.text))
      index.addAddress(node, fact(address.text, file, address.line), holder);
    const fixed = holder ?? index.holding(address.text);
    if (!fixed) continue;
    if (!fixed.fixedBy) fixed.fixedBy = host;
    else if (fixed.fixedBy !== host) {
      const first = fact(fixed.fixedBy.name, file, lineOf(fixed.fixedBy.addresses, address.text));
      index.collide('dhcpd-address', address.text, first, fact(host.name, file, address.line));
    }
  }
  const { filename } = host;
  if (filename) node.bootFiles = [fact(filename.text, file, filename.line)];
}

function addDhcpdHosts(index: NodeIndex, dhcpd: DhcpdFacts): void {
  let cursor = 0;
  for (const host of dhcpd.hosts) {
    const position = index.findFrom(cursor, host.name);
    if (position !== -1) cursor = position + 1;
    const named = position === -1 ? undefined : index.nodes[position];
    const node = named ?? nodeAtAny(index, host.addresses) ?? index.create(host.name);
    addDhcpdHost(index, host, node, dhcpd.file);
  }
}

function markDynamicNodes(nodes: readonly ClusterNode[], dhcpd: DhcpdFacts): void {
  const ranges = dhcpd.subnets.flatMap((subnet) => subnet.ranges);
  if (ranges.length === 0) return;
  const defaults = dhcpd.defaultFilenames.map((filename) => fact(filename.text, dhcpd.file, filename.line));
  for (const node of nodes) {
    if (node.dhcp.kind === 'fixed') continue;
    const range = ranges.find((candidate) =>
      node.addresses.some((address) => inRange(address.value, candidate)),
    );
    if (!range) continue;
    node.dhcp = { kind: 'dynamic', range: fact(`${range.start}–${range.end}`, dhcpd.file, range.line) };
    node.bootFiles = defaults;
  }
}

export function inRange(address: string, range: { start: string; end: string }): boolean {
  if (!isIpv4(address) || !isIpv4(range.start)) return false;
  const value = ipv4ToNumber(address);
  return (
    value >= ipv4ToNumber(range.start) && value <= ipv4ToNumber(isIpv4(range.end) ? range.end : range.start)
  );
}

function addLtsSections(nodes: readonly ClusterNode[], cluster: ParsedCluster): void {
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
    const known = index.byMac.get(normalizeMac(lease.mac))?.node;
    const node = known ?? (lease.state === 'active' ? index.at(lease.address) : undefined);
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
  const index = new NodeIndex();
  if (cluster.hosts) addHostsNodes(index, cluster.hosts);
  if (cluster.dhcpd) addDhcpdHosts(index, cluster.dhcpd.facts);
  if (cluster.dhcpd) markDynamicNodes(index.nodes, cluster.dhcpd.facts);
  const mosixIds = new MapIndex(cluster.map?.file ?? '', cluster.map, cluster.hosts);
  for (const node of index.nodes) {
    for (const address of node.addresses) {
      const id = mosixIds.idOf(address.value);
      if (id) {
        node.mosixId = id;
        break;
      }
    }
  }
  addLtsSections(index.nodes, cluster);
  const gateway = gatewayAddress(cluster.dhcpd?.facts);
  const gatewayNode = gateway === undefined ? undefined : index.at(gateway);
  if (gatewayNode) gatewayNode.role = 'gateway';
  const newMachines = addLeases(index, cluster);
  const model: ClusterModel = { nodes: index.nodes, collisions: index.collisions, newMachines, mosixIds };
  if (gateway !== undefined) model.gatewayAddress = gateway;
  return model;
}
