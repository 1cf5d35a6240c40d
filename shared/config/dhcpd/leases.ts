import type { Diagnostic } from '../diagnostic.js';
import { BLOCK, STATEMENT, type NodeTable } from './nodes.js';
import { parseStructure } from './structure.js';
import type { DhcpdNode } from './syntax.js';
import type { TokenTable } from './tokenize.js';
import { DhcpdTree } from './tree.js';

/**
 * dhcpd.leases(5): the leases dhcpd granted, appended as it goes, so one address appears
 * many times and its last entry is the current one. Also the `host` blocks dhcpd writes for
 * hosts created over OMAPI (xCAT's makedhcp does that). DHCPv6 entries (`ia-na`, …) parse
 * and are left out of the views.
 */

export interface Lease {
  ip: string;
  /** As written (`3 2026/11/18 07:42:10`, `epoch 1795075330`), and as a date. */
  starts: string | undefined;
  startsAt: Date | undefined;
  /** As written, `never` included; the date is undefined for `never`. */
  ends: string | undefined;
  endsAt: Date | undefined;
  bindingState: string | undefined;
  nextBindingState: string | undefined;
  hardwareType: string | undefined;
  /** Lowercased, and as written. */
  mac: string | undefined;
  macAsWritten: string | undefined;
  /** As written (a string's escapes kept). */
  uid: string | undefined;
  clientHostname: string | undefined;
  /** `set vendor-class-identifier = "…";` or `vendor-class-identifier "…";`. */
  vendorClass: string | undefined;
  /** `binding state abandoned;`, or `abandoned;` as dhcpd 3 wrote it. */
  abandoned: boolean;
  /** `set name = value;`, values unquoted. */
  variables: Record<string, string>;
  line: number;
  lastLine: number;
}

/**
 * A lease without `startsAt` and `endsAt`, which cost more to make than all the rest (a regular
 * expression and a `Date` each).
 */
export type UndatedLease = Omit<Lease, 'startsAt' | 'endsAt'>;

/** A `host` block of the leases file; `deleted` when dhcpd recorded its removal. */
export interface LeaseHost {
  name: string;
  mac: string | undefined;
  macAsWritten: string | undefined;
  fixedAddresses: string[];
  dynamic: boolean;
  deleted: boolean;
  line: number;
  lastLine: number;
}

export interface DhcpdLeases {
  readonly file: string;
  readonly text: string;
  /** The statement tree, built when first read. */
  readonly body: DhcpdNode[];
  /** Every lease entry in file order, several per address. */
  leases: Lease[];
  hosts: LeaseHost[];
  diagnostics: Diagnostic[];
}

const statementKeywords = new Set([
  'abandoned',
  'atsfp',
  'authoring-byte-order',
  'binding',
  'bootp',
  'client-hostname',
  'cltt',
  'deleted',
  'dynamic',
  'ends',
  'failover',
  'fixed-address',
  'hardware',
  'host',
  'ia-na',
  'ia-pd',
  'ia-ta',
  'iaaddr',
  'iaprefix',
  'lease',
  'max-life',
  'next',
  'on',
  'option',
  'preferred-life',
  'reserved',
  'rewind',
  'server-duid',
  'set',
  'starts',
  'tsfp',
  'tstp',
  'uid',
  'vendor-class-identifier',
]);

/** Never throws: what it cannot parse becomes a diagnostic. */
export function parseLeases(text: string, file: string): DhcpdLeases {
  const { tokens, nodes, leases, hosts, diagnostics } = readLeaseFile(text, file);
  const tree = new DhcpdTree(tokens, nodes);
  return {
    file,
    text,
    leases: leases.map(withDates),
    hosts,
    diagnostics,
    get body() {
      return tree.body;
    },
  };
}

/** `parseLeases`'s leases and diagnostics without the dates, for readers that use none. */
export function parseUndatedLeases(
  text: string,
  file: string,
): { leases: UndatedLease[]; diagnostics: Diagnostic[] } {
  const { leases, diagnostics } = readLeaseFile(text, file);
  return { leases, diagnostics };
}

function readLeaseFile(text: string, file: string) {
  const { tokens, nodes, diagnostics } = parseStructure(text, file, statementKeywords);
  const reader = new LeaseReader(tokens, nodes);
  const leases: UndatedLease[] = [];
  const hosts: LeaseHost[] = [];
  for (let node = 0; node < nodes.count; node = nodes.next(node)) {
    if (nodes.kind(node) !== BLOCK || nodes.word(node, 1) < 0) continue;
    if (nodes.isKeyword(node, 'lease')) leases.push(reader.lease(node));
    if (nodes.isKeyword(node, 'host')) hosts.push(reader.host(node));
  }
  return { tokens, nodes, leases, hosts, diagnostics };
}

function withDates(lease: UndatedLease): Lease {
  return { ...lease, startsAt: leaseTime(lease.starts), endsAt: leaseTime(lease.ends) };
}

/** The last entry of each address, in the order the addresses first appear. */
export function currentLeases(parsed: Pick<DhcpdLeases, 'leases'>): Lease[] {
  const byAddress = new Map<string, Lease>();
  for (const lease of parsed.leases) byAddress.set(lease.ip, lease);
  return [...byAddress.values()];
}

class LeaseReader {
  constructor(
    private readonly tokens: TokenTable,
    private readonly nodes: NodeTable,
  ) {}

  lease(block: number): UndatedLease {
    const lease: UndatedLease = {
      ip: this.value(block, 1) ?? '',
      starts: undefined,
      ends: undefined,
      bindingState: undefined,
      nextBindingState: undefined,
      hardwareType: undefined,
      mac: undefined,
      macAsWritten: undefined,
      uid: undefined,
      clientHostname: undefined,
      vendorClass: undefined,
      abandoned: false,
      variables: Object.create(null) as Record<string, string>,
      line: this.nodes.firstLine(block),
      lastLine: this.nodes.lastLine(block),
    };
    this.forEachStatement(block, (statement) => this.leaseStatement(lease, statement));
    return lease;
  }

  private leaseStatement(lease: UndatedLease, statement: number): void {
    switch (this.tokens.textOf(this.nodes.first(statement))) {
      case 'starts':
        lease.starts = this.nodes.wordsFrom(statement, 1);
        return;
      case 'ends':
        lease.ends = this.nodes.wordsFrom(statement, 1);
        return;
      case 'binding':
        lease.bindingState = this.value(statement, 2);
        if (lease.bindingState === 'abandoned') lease.abandoned = true;
        return;
      case 'next':
        lease.nextBindingState = this.value(statement, 3);
        return;
      case 'hardware':
        lease.hardwareType = this.value(statement, 1);
        lease.macAsWritten = this.value(statement, 2);
        lease.mac = lease.macAsWritten?.toLowerCase();
        return;
      case 'uid':
        lease.uid = this.value(statement, 1);
        return;
      case 'client-hostname':
        lease.clientHostname = this.value(statement, 1);
        return;
      case 'vendor-class-identifier':
        lease.vendorClass = this.value(statement, 1);
        return;
      case 'abandoned':
        lease.abandoned = true;
        return;
      case 'set':
        return this.setVariable(lease, statement);
    }
  }

  /** `set name = value;` */
  private setVariable(lease: UndatedLease, statement: number): void {
    const name = this.nodes.word(statement, 1);
    const equals = this.nodes.word(statement, 2);
    if (equals < 0 || !this.tokens.isPunct(equals, '=')) return;
    const single = this.nodes.wordEnd(statement) - this.nodes.first(statement) === 4;
    const value = single ? this.value(statement, 3) : this.nodes.wordsFrom(statement, 3);
    if (value === undefined) return;
    const variable = this.tokens.textOf(name);
    lease.variables[variable] = value;
    if (variable === 'vendor-class-identifier') lease.vendorClass = value;
  }

  host(block: number): LeaseHost {
    const host: LeaseHost = {
      name: this.value(block, 1) ?? '',
      mac: undefined,
      macAsWritten: undefined,
      fixedAddresses: [],
      dynamic: false,
      deleted: false,
      line: this.nodes.firstLine(block),
      lastLine: this.nodes.lastLine(block),
    };
    this.forEachStatement(block, (statement) => this.hostStatement(host, statement));
    return host;
  }

  /** The statements directly in `block`, read without an array of them. */
  private forEachStatement(block: number, visit: (statement: number) => void): void {
    const { nodes } = this;
    for (let node = block + 1; node < nodes.childrenEnd(block); node = nodes.next(node))
      if (nodes.kind(node) === STATEMENT) visit(node);
  }

  private hostStatement(host: LeaseHost, statement: number): void {
    if (this.nodes.isKeyword(statement, 'dynamic')) host.dynamic = true;
    if (this.nodes.isKeyword(statement, 'deleted')) host.deleted = true;
    if (this.nodes.isKeyword(statement, 'hardware')) {
      host.macAsWritten = this.value(statement, 2);
      host.mac = host.macAsWritten?.toLowerCase();
    }
    if (this.nodes.isKeyword(statement, 'fixed-address')) host.fixedAddresses = this.list(statement);
  }

  /** `keyword a, b, c`: the values, commas left out. */
  private list(statement: number): string[] {
    const values: string[] = [];
    for (let at = this.nodes.first(statement) + 1; at < this.nodes.wordEnd(statement); at += 1) {
      if (!this.tokens.isPunct(at, ',')) values.push(this.tokens.valueOf(at));
    }
    return values;
  }

  private value(node: number, k: number): string | undefined {
    const at = this.nodes.word(node, k);
    return at < 0 ? undefined : this.tokens.valueOf(at);
  }
}

const utcTime = /^\d\s+(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})$/;
const epochTime = /^epoch\s+(\d+)$/;

/** `W YYYY/MM/DD HH:MM:SS` (UTC, dhcpd's default) or `epoch N` (db-time-format local); `never` has none. */
function leaseTime(written: string | undefined): Date | undefined {
  if (written === undefined) return undefined;
  const epoch = epochTime.exec(written);
  if (epoch) return new Date(Number(epoch[1]) * 1000);
  const utc = utcTime.exec(written);
  if (!utc) return undefined;
  const [year, month, day, hours, minutes, seconds] = utc.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}
