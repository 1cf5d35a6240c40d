/**
 * Validation rules across the cluster's files: each has a stable code and severity, says
 * what is wrong in words an admin understands, points at the file and line, and carries a
 * fix where one is safe. The seed tutorial's FAQ is the first source of these checks.
 */
import type { Diagnostic, Severity, SourceLocation } from '../config/diagnostic.js';
import { renameEdit, type HostsEntry, type HostsFile } from '../config/hosts.js';
import {
  inNetwork,
  ipv4ToNumber,
  isIpv4,
  isMac,
  numberToIpv4,
  parseNetwork,
  type Ipv4Network,
} from '../config/net.js';
import { insertLines } from '../config/source.js';
import type { DhcpdFacts, DhcpdHostTableFacts } from './dhcpd-facts.js';
import type { Fact } from './facts.js';
import {
  AddressTable,
  type AddressKey,
  entryKey,
  fixedAddressKey,
  inRange,
  resolveMapHost,
  type ClusterModel,
  type Collision,
} from './model.js';
import type { ParsedCluster } from './parse-cluster.js';

export type Rule = (cluster: ParsedCluster, model: ClusterModel) => Diagnostic[];

const at = (file: string, line: number, column = 1): SourceLocation => ({ file, line, column });

function finding(code: string, severity: Severity, message: string, location: SourceLocation): Diagnostic {
  return { code, severity, message, location };
}

function collisionMessage({ kind, value, first, again }: Collision): string {
  switch (kind) {
    case 'hosts-address':
      return `${value} is given to ${again.value} here and to ${first.value} on line ${first.line}`;
    case 'hosts-name':
      return `${value} is named here and on line ${first.line}`;
    case 'dhcpd-name':
      return `host ${value} is declared here and on line ${first.line}`;
    case 'dhcpd-mac':
      return `${value} belongs to host ${again.value} here and to ${first.value} on line ${first.line}`;
    case 'dhcpd-address':
      return `fixed address ${value} is given to ${again.value} here and to ${first.value} on line ${first.line}`;
  }
}

const collisionCodes: Record<Collision['kind'], string> = {
  'hosts-address': 'cluster/duplicate-address',
  'hosts-name': 'cluster/duplicate-name',
  'dhcpd-name': 'cluster/duplicate-name',
  'dhcpd-mac': 'cluster/duplicate-mac',
  'dhcpd-address': 'cluster/duplicate-address',
};

/** The same name, address or MAC twice: found by the model while it merged the files. */
const duplicates: Rule = (_cluster, model) =>
  model.collisions.map((collision) => ({
    ...finding(
      collisionCodes[collision.kind],
      'error',
      collisionMessage(collision),
      at(collision.again.file, collision.again.line),
    ),
    related: [at(collision.first.file, collision.first.line)],
  }));

function subnetsOf(facts: DhcpdFacts) {
  return facts.subnets.flatMap((subnet) => {
    const net = parseNetwork(subnet.network, subnet.netmask);
    return net ? [{ subnet, net }] : [];
  });
}

/** The dynamic ranges as numbers, to place 65,535 fixed addresses without parsing each range again. */
function numericRanges(facts: DhcpdFacts) {
  return facts.subnets.flatMap((subnet) =>
    subnet.ranges.flatMap((range) => {
      const first = ipv4ToNumber(range.start);
      const last = isIpv4(range.end) ? ipv4ToNumber(range.end) : first;
      return first === -1 ? [] : [{ range, first, last }];
    }),
  );
}

/** Indexed loops, not `find`/`some` or for-of (a closure or an iterator each): they run for each of 65,535 addresses. */
function rangeHolding(ranges: ReturnType<typeof numericRanges>, value: number) {
  for (let at = 0; at < ranges.length; at++) {
    const numeric = ranges[at];
    if (numeric && value >= numeric.first && value <= numeric.last) return numeric.range;
  }
  return undefined;
}

function inAnyNetwork(networks: readonly Ipv4Network[], value: number): boolean {
  for (let at = 0; at < networks.length; at++) {
    const net = networks[at];
    if (net && (value & net.mask) >>> 0 === net.network) return true;
  }
  return false;
}

/**
 * The checks of each host block: its MACs, where its fixed addresses lie, and whether hosts
 * calls those addresses by the block's name. They share one pass, as a host block's values are
 * made anew each time they are read.
 */
class HostBlockChecks {
  readonly invalidMacs: Diagnostic[] = [];
  readonly misplaced: Diagnostic[] = [];
  readonly misnamed: Diagnostic[] = [];
  private readonly file: string;
  private readonly blocks: DhcpdHostTableFacts;
  private readonly networks: Ipv4Network[];
  private readonly ranges: ReturnType<typeof numericRanges>;
  /** The first hosts entry of each address. */
  private readonly entryAt: AddressTable<number> | undefined;

  constructor(
    facts: DhcpdFacts,
    private readonly hosts: HostsFile | undefined,
  ) {
    this.file = facts.file;
    this.blocks = facts.hostTable;
    this.networks = subnetsOf(facts).map(({ net }) => net);
    this.ranges = numericRanges(facts);
    this.entryAt = hosts && entriesByAddress(hosts);
  }

  /** Reads in place: a host block's texts and lines are made only for a finding. */
  check(host: number): void {
    if (this.blocks.macNumber(host) === -1) {
      const mac = this.blocks.macText(host);
      if (mac !== undefined && !isMac(mac)) this.invalidMac(host, mac);
    }
    const count = this.blocks.addressCount(host);
    for (let position = 0; position < count; position++) {
      const key = fixedAddressKey(this.blocks, host, position);
      if (typeof key === 'number') this.placement(host, key, position);
      this.naming(host, key, position);
    }
  }

  private addressText(host: number, position: number): string {
    return this.blocks.addressTexts(host)[position] ?? '';
  }

  private invalidMac(host: number, mac: string): void {
    const name = this.blocks.name(host);
    const message = `host ${name}: '${mac}' is not a MAC address (six two-digit hex numbers, like 00:E0:06:E8:00:84)`;
    const line = this.blocks.macs(host)[0]?.line ?? this.blocks.line(host);
    this.invalidMacs.push(finding('dhcpd/invalid-mac', 'error', message, at(this.file, line)));
  }

  private placement(host: number, value: number, position: number): void {
    const range = rangeHolding(this.ranges, value);
    const outside = this.networks.length > 0 && !inAnyNetwork(this.networks, value);
    if (!range && !outside) return;
    const name = this.blocks.name(host);
    const address = this.addressText(host, position);
    const line = this.blocks.addresses(host)[position]?.line ?? this.blocks.line(host);
    if (range) {
      const message = `host ${name}'s fixed address ${address} lies in the dynamic range ${range.start}–${range.end} (line ${range.line}); dhcpd may lease it to another machine`;
      this.misplaced.push({
        ...finding('dhcpd/fixed-in-dynamic-range', 'warning', message, at(this.file, line)),
        related: [at(this.file, range.line)],
      });
    }
    if (outside) {
      const message = `host ${name}'s fixed address ${address} is in no subnet this dhcpd.conf declares`;
      this.misplaced.push(finding('dhcpd/outside-subnet', 'warning', message, at(this.file, line)));
    }
  }

  private naming(host: number, key: AddressKey, position: number): void {
    const entry = this.entryAt?.get(key);
    if (!this.hosts || entry === undefined) return;
    const { table } = this.hosts;
    if (this.blocks.nameIs(host, table.name(entry))) return;
    const name = this.blocks.name(host);
    if (table.hasName(entry, name)) return;
    const address = this.addressText(host, position);
    const message = `host ${name} has fixed address ${address}, which ${this.hosts.file} calls ${table.name(entry)}`;
    const location = at(this.file, this.blocks.line(host));
    this.misnamed.push(finding('dhcpd/host-name-mismatch', 'warning', message, location));
  }
}

function entriesByAddress({ table }: HostsFile): AddressTable<number> {
  const entryAt = new AddressTable<number>();
  for (let entry = 0; entry < table.count; entry++) {
    const key = entryKey(table, entry);
    if (entryAt.get(key) === undefined) entryAt.set(key, entry);
  }
  return entryAt;
}

const hostBlocks: Rule = ({ dhcpd, hosts }) => {
  if (!dhcpd) return [];
  const checks = new HostBlockChecks(dhcpd.facts, hosts);
  for (let host = 0; host < dhcpd.facts.hostTable.count; host++) checks.check(host);
  return [...checks.invalidMacs, ...checks.misplaced, ...checks.misnamed];
};

const rangesInsideSubnets: Rule = ({ dhcpd }) => {
  if (!dhcpd) return [];
  return subnetsOf(dhcpd.facts).flatMap(({ subnet, net }) =>
    subnet.ranges
      .filter((range) =>
        [range.start, range.end].some((address) => isIpv4(address) && !inNetwork(address, net)),
      )
      .map((range) =>
        finding(
          'dhcpd/outside-subnet',
          'error',
          `range ${range.start}–${range.end} leaves subnet ${subnet.network} netmask ${subnet.netmask}`,
          at(dhcpd.facts.file, range.line),
        ),
      ),
  );
};

const mapOverlaps: Rule = ({ map }) => {
  if (!map) return [];
  const ranges = map.entries
    .flatMap((entry) => (entry.kind === 'range' ? [entry] : []))
    .sort((a, b) => a.id - b.id);
  const found: Diagnostic[] = [];
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1];
    const current = ranges[i];
    if (previous && current && current.id <= previous.id + previous.count - 1) {
      found.push({
        ...finding(
          'map/overlapping-ids',
          'error',
          `IDs ${current.id}–${current.id + current.count - 1} overlap IDs ${previous.id}–${previous.id + previous.count - 1} of line ${previous.line}`,
          at(map.file, current.line),
        ),
        related: [at(map.file, previous.line)],
      });
    }
  }
  return found;
};

/** The hosts file's IPv4 addresses as sorted numbers: map ranges of thousands are checked against them in one walk. */
function sortedAddresses({ table }: HostsFile): Uint32Array {
  const values = new Uint32Array(table.count);
  let count = 0;
  for (let entry = 0; entry < table.count; entry++) {
    const value = table.ipv4(entry);
    if (value !== -1) values[count++] = value;
  }
  return values.subarray(0, count).sort();
}

/** The addresses of [first, first + count) that `known` (sorted) lacks. */
function missingFrom(known: Uint32Array, first: number, count: number): number[] {
  let at = 0;
  let high = known.length;
  while (at < high) {
    const middle = (at + high) >> 1;
    if ((known[middle] ?? 0) < first) at = middle + 1;
    else high = middle;
  }
  const missing: number[] = [];
  for (let value = first; value < first + count; value++) {
    while (at < known.length && (known[at] ?? 0) < value) at++;
    if (known[at] !== value) missing.push(value);
  }
  return missing;
}

const mapAgainstHosts: Rule = ({ map, hosts }) => {
  if (!map || !hosts) return [];
  const known = sortedAddresses(hosts);
  const found: Diagnostic[] = [];
  for (const entry of map.entries) {
    const first = resolveMapHost(entry, hosts);
    if (first === undefined) {
      const message = `'${entry.host}' is neither an address nor a name in ${hosts.file}`;
      found.push(
        finding('map/unresolved-host', 'error', message, at(map.file, entry.line, entry.columns[1] + 1)),
      );
      continue;
    }
    const missing = missingFrom(known, ipv4ToNumber(first), entry.kind === 'range' ? entry.count : 1);
    const [from] = missing;
    const to = missing.at(-1);
    if (from === undefined || to === undefined) continue;
    const span =
      missing.length === 1
        ? numberToIpv4(from)
        : `${missing.length} addresses between ${numberToIpv4(from)} and ${numberToIpv4(to)}`;
    const message = `the map lists ${span}, but ${hosts.file} names no host there`;
    found.push(finding('map/not-in-hosts', 'warning', message, at(map.file, entry.line)));
  }
  return found;
};

const nodesMissingFromMap: Rule = ({ map }, model) => {
  if (!map) return [];
  return model.nodes
    .filter((node) => node.role === 'node' && !node.hasMosixId && node.addresses.some((a) => isIpv4(a.value)))
    .map((node) => {
      const [address] = node.addresses as [Fact<string>];
      return finding(
        'hosts/not-in-map',
        'warning',
        `${node.name} (${address.value}) has no openMosix ID in ${map.file}`,
        at(address.file, address.line),
      );
    });
};

const gatewayInMap: Rule = ({ map, dhcpd }, model) => {
  const gateway = model.gatewayAddress;
  if (!map || gateway === undefined || model.mosixIds.idOf(gateway)) return [];
  const source = dhcpd?.facts.routers ?? dhcpd?.facts.rootPath;
  const message = `the gateway ${gateway} is not in ${map.file}: openMosix on the gateway will not join its own cluster`;
  return [
    {
      ...finding('map/gateway-missing', 'error', message, at(map.file, 1)),
      ...(source ? { related: [at(dhcpd?.facts.file ?? '', source.line)] } : {}),
    },
  ];
};

const LOCAL_NAMES = /^(localhost|localhost\.localdomain|localhost4|localhost6|ip6-.*|localhost\..*)$/;

/** Whether an entry other than a loopback one names `name`. */
function namedOffLoopback({ table }: HostsFile, name: string): boolean {
  for (let entry = 0; entry < table.count; entry++) {
    if (!table.isLoopback(entry) && table.hasName(entry, name)) return true;
  }
  return false;
}

function loopbackFindings(hosts: HostsFile, entry: HostsEntry): Diagnostic[] {
  return entry.names
    .filter((name) => !LOCAL_NAMES.test(name))
    .map((name) => {
      const message = `${name} is on the ${entry.address} line: openMosix's setpe then finds "my IP address (127.0.0.1) is not there"; give ${name} its real address only`;
      const diagnostic = finding('hosts/name-on-loopback', 'error', message, at(hosts.file, entry.line));
      if (!namedOffLoopback(hosts, name)) return diagnostic;
      const removal = renameEdit(hosts, entry, name, '');
      const spaceBefore = /\s$/.test(hosts.text.slice(0, removal.start)) ? 1 : 0;
      return {
        ...diagnostic,
        fix: {
          title: `Remove ${name} from the ${entry.address} line`,
          edits: { [hosts.file]: [{ ...removal, start: removal.start - spaceBefore }] },
        },
      };
    });
}

const nameOnLoopback: Rule = ({ hosts }) => {
  if (!hosts) return [];
  const found: Diagnostic[] = [];
  for (let entry = 0; entry < hosts.table.count; entry++) {
    if (hosts.table.isLoopback(entry)) found.push(...loopbackFindings(hosts, hosts.table.entry(entry)));
  }
  return found;
};

const generatedNamesAgreeWithHosts: Rule = ({ dhcpd, hosts }) => {
  const prefix = dhcpd?.facts.generatedNamePrefix;
  if (!dhcpd || !hosts || !prefix) return [];
  const ranges = dhcpd.facts.subnets.flatMap((subnet) => subnet.ranges);
  const wrong = hosts.entries.filter((entry) => {
    const generated = `${prefix.text}${entry.address.split('.').at(-1) ?? ''}`;
    return ranges.some((range) => inRange(entry.address, range)) && !entry.names.includes(generated);
  });
  const [first] = wrong;
  if (!first) return [];
  const example = `${prefix.text}${first.address.split('.').at(-1) ?? ''}`;
  const message = `dhcpd names dynamic clients "${prefix.text}" + the address's last number (${first.address} becomes ${example}), but ${hosts.file} calls it ${first.names[0] ?? '?'}${wrong.length > 1 ? `; ${wrong.length} addresses disagree` : ''}`;
  return [
    {
      ...finding('dhcpd/generated-name-mismatch', 'warning', message, at(dhcpd.facts.file, prefix.line)),
      related: [at(hosts.file, first.line)],
    },
  ];
};

function copyCheck(role: 'hosts' | 'map', cluster: ParsedCluster): Diagnostic[] {
  const gateway = role === 'hosts' ? cluster.input.files.hosts : cluster.input.files['mosix-map'];
  const client =
    role === 'hosts' ? cluster.input.files['client-hosts'] : cluster.input.files['client-mosix-map'];
  const what = role === 'hosts' ? 'host names' : 'openMosix map';
  if (!gateway) return [];
  const expected =
    role === 'hosts'
      ? `${cluster.input.clientRoot}/etc/hosts`
      : `${cluster.input.clientRoot}${gateway.path.slice(gateway.path.lastIndexOf('/'))}`;
  const copyFix = (path: string, current: string) => ({
    title: `Copy ${gateway.path} to ${path}`,
    edits: { [path]: [{ start: 0, end: current.length, replacement: gateway.text }] },
  });
  if (!client) {
    return [
      {
        ...finding(
          `client-root/${role}-missing`,
          'error',
          `the client root has no copy of ${gateway.path}: nodes will not know the cluster's ${what}`,
          at(expected, 1),
        ),
        fix: copyFix(expected, ''),
      },
    ];
  }
  if (client.symlinkTarget !== undefined && role === 'hosts') {
    return [
      finding(
        'client-root/hosts-symlink',
        'error',
        `${client.path} is a symlink to ${client.symlinkTarget}; the nodes mount the client root alone, so it must be a real copy of ${gateway.path}`,
        at(client.path, 1),
      ),
    ];
  }
  if (client.text === gateway.text) return [];
  const code = role === 'hosts' ? 'client-root/hosts-differs' : 'client-root/map-differs';
  const why =
    role === 'hosts'
      ? 'nodes will resolve names differently from the gateway'
      : 'openMosix will not start on the nodes';
  return [
    {
      ...finding(code, 'error', `${client.path} differs from ${gateway.path}: ${why}`, at(client.path, 1)),
      related: [at(gateway.path, 1)],
      fix: copyFix(client.path, client.text),
    },
  ];
}

const clientRootCopies: Rule = (cluster) => [...copyCheck('hosts', cluster), ...copyCheck('map', cluster)];

const rootPathExported: Rule = ({ dhcpd, exports }) => {
  const rootPath = dhcpd?.facts.rootPath;
  if (!rootPath || !exports) return [];
  const path = rootPath.text.includes(':')
    ? rootPath.text.slice(rootPath.text.indexOf(':') + 1)
    : rootPath.text;
  if (exports.entries.some((entry) => entry.path === path.replace(/\/+$/, ''))) return [];
  return [
    finding(
      'exports/root-path-not-exported',
      'error',
      `dhcpd tells nodes to mount ${path} (root-path), but ${exports.file} does not export it`,
      at(dhcpd.facts.file, rootPath.line),
    ),
  ];
};

const mfsMounted: Rule = ({ rcLocal, fstab, input }) => {
  if (!rcLocal?.steps.mountsMfs) return [];
  const found: Diagnostic[] = [];
  const fstabFile = input.files['client-fstab'];
  if (!fstab?.entries.some((entry) => entry.mountPoint === '/mfs' && entry.type === 'mfs')) {
    const path = fstabFile?.path ?? `${input.clientRoot}/etc/fstab`;
    const line = 'none /mfs mfs dfsa=1 0 0';
    const edit = fstab
      ? insertLines(fstab.lines, fstab.lines.length, [line])
      : { start: 0, end: 0, replacement: `${line}\n` };
    found.push({
      ...finding(
        'fstab/mfs-missing',
        'error',
        `rc.local mounts /mfs (line ${rcLocal.steps.mountsMfs}), but ${path} has no mfs line`,
        at(path, 1),
      ),
      related: [at(rcLocal.file, rcLocal.steps.mountsMfs)],
      fix: { title: `Add "${line}" to ${path}`, edits: { [path]: [edit] } },
    });
  }
  if (rcLocal.steps.startsOpenMosix !== undefined && rcLocal.steps.setsLstay === undefined) {
    found.push(
      finding(
        'rc-local/lstay-missing',
        'warning',
        `rc.local starts openMosix without "echo 1 > /proc/mosix/admin/lstay": terminal processes may migrate away`,
        at(rcLocal.file, rcLocal.steps.startsOpenMosix),
      ),
    );
  }
  return found;
};

const bootFilesPresent: Rule = ({ dhcpd, input }) => {
  const tftp = input.tftp;
  if (!dhcpd || !tftp) return [];
  const filenames = [
    ...dhcpd.facts.defaultFilenames,
    ...dhcpd.facts.hosts.flatMap((host) => (host.filename ? [host.filename] : [])),
  ];
  const reported = new Set<string>();
  return filenames.flatMap((filename) => {
    const path = filename.text.startsWith('/') ? filename.text : `/${filename.text}`;
    if (tftp.files.has(path) || reported.has(path)) return [];
    reported.add(path);
    return [
      finding(
        'tftp/boot-file-missing',
        'error',
        `boot file ${filename.text} is not under the TFTP root ${tftp.root}: nodes given it will not boot`,
        at(dhcpd.facts.file, filename.line),
      ),
    ];
  });
};

const newMachines: Rule = (_cluster, model) =>
  model.newMachines.map((machine) =>
    finding(
      'leases/new-machine',
      'info',
      `a new machine ${machine.mac} took ${machine.address}; no host block knows it (adopt it to give it a fixed name and address)`,
      machine.source,
    ),
  );

export const rules: readonly Rule[] = [
  duplicates,
  hostBlocks,
  rangesInsideSubnets,
  mapOverlaps,
  mapAgainstHosts,
  nodesMissingFromMap,
  gatewayInMap,
  nameOnLoopback,
  generatedNamesAgreeWithHosts,
  clientRootCopies,
  rootPathExported,
  mfsMounted,
  bootFilesPresent,
  newMachines,
];

/** Every file's own diagnostics and every rule's findings, errors first, then by place. */
export function validate(cluster: ParsedCluster, model: ClusterModel): Diagnostic[] {
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...cluster.diagnostics, ...rules.flatMap((rule) => rule(cluster, model))].sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line,
  );
}
