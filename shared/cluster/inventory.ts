/**
 * The node inventory as the console shows it: one row per node, in columns (65,535 rows cross
 * the wire and fill a table without an object each), every finding attached to the nodes it
 * is about, and a node's facts with the file and line each came from.
 */
import type { Diagnostic } from '../config/diagnostic.js';
import type { Fact } from './facts.js';
import type { ClusterModel, ClusterNode } from './model.js';

export interface InventoryColumns {
  name: string[];
  role: Array<'gateway' | 'node'>;
  /** Space-separated, as a cell shows them. */
  addresses: string[];
  macs: string[];
  /** 0: not in the openMosix map. */
  mosixId: number[];
  bootFile: string[];
  dhcp: Array<'fixed' | 'dynamic' | 'none'>;
  /** The lease's binding state ('' without a lease). */
  lease: string[];
  errors: number[];
  warnings: number[];
}

export interface NewMachineRow {
  mac: string;
  address: string;
  state: string;
  clientHostname: string;
  line: number;
}

export interface Inventory {
  columns: InventoryColumns;
  newMachines: NewMachineRow[];
}

/** A node's fact as the detail pane lists it. */
export interface NodeFact {
  label: string;
  value: string;
  file: string;
  line: number;
}

const placeKey = (file: string, line: number) => `${file}\n${line}`;

/** The facts that belong to this node alone: a finding at one of their lines is about it. */
function ownFacts(node: ClusterNode): Array<Fact<unknown>> {
  const facts: Array<Fact<unknown>> = [...node.addresses, ...node.macs];
  if (node.dhcp.kind === 'fixed') facts.push(node.dhcp.host);
  if (node.lease) facts.push(node.lease);
  if (node.ltsSection) facts.push(node.ltsSection);
  return facts;
}

/** Each node's findings, by the lines of its own facts (a finding's place or a related one). */
export function findingsByNode(
  model: ClusterModel,
  diagnostics: readonly Diagnostic[],
): Map<ClusterNode, Diagnostic[]> {
  const nodesAt = new Map<string, ClusterNode[]>();
  for (const node of model.nodes) {
    for (const fact of ownFacts(node)) {
      const key = placeKey(fact.file, fact.line);
      const here = nodesAt.get(key);
      if (!here) nodesAt.set(key, [node]);
      else if (!here.includes(node)) here.push(node);
    }
  }
  const byNode = new Map<ClusterNode, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const places = [diagnostic.location, ...(diagnostic.related ?? [])];
    const concerned = new Set(places.flatMap((place) => nodesAt.get(placeKey(place.file, place.line)) ?? []));
    for (const node of concerned) {
      const list = byNode.get(node);
      if (list) list.push(diagnostic);
      else byNode.set(node, [diagnostic]);
    }
  }
  return byNode;
}

const values = (facts: ReadonlyArray<Fact<string>>) => facts.map((fact) => fact.value).join(' ');
const count = (found: readonly Diagnostic[] | undefined, severity: Diagnostic['severity']) =>
  found?.filter((diagnostic) => diagnostic.severity === severity).length ?? 0;

export function buildInventory(model: ClusterModel, findings: Map<ClusterNode, Diagnostic[]>): Inventory {
  const columns: InventoryColumns = {
    name: [],
    role: [],
    addresses: [],
    macs: [],
    mosixId: [],
    bootFile: [],
    dhcp: [],
    lease: [],
    errors: [],
    warnings: [],
  };
  for (const node of model.nodes) {
    const found = findings.get(node);
    columns.name.push(node.name);
    columns.role.push(node.role);
    columns.addresses.push(values(node.addresses));
    columns.macs.push(values(node.macs));
    columns.mosixId.push(node.mosixId?.value ?? 0);
    columns.bootFile.push(node.bootFiles.map((file) => file.value).join(' | '));
    columns.dhcp.push(node.dhcp.kind);
    columns.lease.push(node.lease?.value.state ?? '');
    columns.errors.push(count(found, 'error'));
    columns.warnings.push(count(found, 'warning'));
  }
  const newMachines = model.newMachines.map((machine) => ({
    mac: machine.mac,
    address: machine.address,
    state: machine.state,
    clientHostname: machine.clientHostname ?? '',
    line: machine.source.line,
  }));
  return { columns, newMachines };
}

/** Every fact about a node, each with its file and line, in the order an admin reads them. */
export function nodeFacts(node: ClusterNode): NodeFact[] {
  const fact = (label: string, { value, file, line }: Fact<unknown>): NodeFact => ({
    label,
    value: String(value),
    file,
    line,
  });
  const facts = [
    ...node.addresses.map((address) => fact('Address', address)),
    ...node.macs.map((mac) => fact('MAC', mac)),
  ];
  if (node.mosixId) facts.push(fact('openMosix ID', node.mosixId));
  if (node.dhcp.kind === 'fixed') facts.push(fact('DHCP host block', node.dhcp.host));
  if (node.dhcp.kind === 'dynamic') facts.push(fact('DHCP dynamic range', node.dhcp.range));
  facts.push(...node.bootFiles.map((file) => fact('Boot file', file)));
  if (node.ltsSection) facts.push(fact('lts.conf section', node.ltsSection));
  if (node.lease) {
    const { value, file, line } = node.lease;
    facts.push({
      label: 'Lease',
      value: `${value.address} ${value.state}${value.ends ? ` until ${value.ends}` : ''}`,
      file,
      line,
    });
  }
  return facts;
}
