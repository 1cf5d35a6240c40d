/**
 * Edits that keep every file of the cluster consistent: add, remove, rename a node, change its
 * address or MAC, adopt a machine found in the leases. Each returns the new text and the
 * unified diff of every file it touches; nothing is written here.
 */
import { DhcpdEditError } from '../config/dhcpd/index.js';
import { unifiedDiff } from '../config/diff.js';
import { findByName, setAddressEdit, renameEdit, type HostsFile } from '../config/hosts.js';
import type { MosixMap } from '../config/mosix-map.js';
import { inNetwork, isIpv4, isMac, normalizeMac, numberToIpv4, parseNetwork } from '../config/net.js';
import { applyEdits, type TextEdit } from '../config/source.js';
import type { FileRole } from '../workspace/cluster-files.js';
import { addHostsEntry, removeHostsName } from './hosts-edits.js';
import { addToMap, coveringRange, nextFreeId, removeFromMap, usedIds } from './map-edits.js';
import { buildModel, inRange, type ClusterModel } from './model.js';
import { parseCluster, type ClusterInput, type ParsedCluster } from './parse-cluster.js';

export interface FileChange {
  role: FileRole;
  path: string;
  before: string;
  after: string;
  diff: string;
}

export type OperationResult =
  { ok: true; changes: FileChange[]; input: ClusterInput } | { ok: false; error: string };

export interface NewNode {
  name: string;
  address: string;
  mac?: string | undefined;
  id?: number | undefined;
}

class OperationError extends Error {}

function fail(message: string): never {
  throw new OperationError(message);
}

/** Collects edits per file for one step, applied together against the texts they were computed on. */
class Step {
  private readonly edits = new Map<FileRole, TextEdit[]>();
  constructor(readonly cluster: ParsedCluster) {}

  edit(role: FileRole, edits: TextEdit | TextEdit[] | undefined): void {
    if (!edits) return;
    this.edits.set(role, [...(this.edits.get(role) ?? []), ...(Array.isArray(edits) ? edits : [edits])]);
  }

  get empty(): boolean {
    return this.edits.size === 0;
  }

  apply(): ClusterInput {
    const files = { ...this.cluster.input.files };
    for (const [role, edits] of this.edits) {
      const file = files[role];
      if (file) files[role] = { ...file, text: applyEdits(file.text, edits) };
    }
    return { ...this.cluster.input, files };
  }
}

/** The gateway's hosts and the client root's copy, each edited on its own text. */
function hostsFiles(cluster: ParsedCluster): Array<[FileRole, HostsFile]> {
  const files: Array<[FileRole, HostsFile]> = [];
  if (cluster.hosts) files.push(['hosts', cluster.hosts]);
  if (cluster.clientHosts) files.push(['client-hosts', cluster.clientHosts]);
  return files;
}

/** The gateway's map and the client root's copy, each with the hosts file that resolves its names. */
function mapFiles(cluster: ParsedCluster): Array<[FileRole, MosixMap, HostsFile | undefined]> {
  const files: Array<[FileRole, MosixMap, HostsFile | undefined]> = [];
  if (cluster.map) files.push(['mosix-map', cluster.map, cluster.hosts]);
  if (cluster.clientMap)
    files.push(['client-mosix-map', cluster.clientMap, cluster.clientHosts ?? cluster.hosts]);
  return files;
}

const NODE_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

function checkNodeName(name: string): void {
  if (!NODE_NAME.test(name)) fail(`'${name}' is not a valid host name`);
}

function checkNewNode(cluster: ParsedCluster, model: ClusterModel, node: NewNode): void {
  checkNodeName(node.name);
  if (!isIpv4(node.address)) fail(`'${node.address}' is not an IPv4 address`);
  if (node.mac !== undefined && !isMac(node.mac))
    fail(`'${node.mac}' is not a MAC address (like 00:E0:06:E8:00:84)`);
  const named = model.nodes.find((existing) => existing.name === node.name);
  const listed = cluster.hosts ? findByName(cluster.hosts, node.name) : undefined;
  if (named?.dhcp.kind === 'fixed' || (named && !listed)) fail(`${node.name} already exists`);
  if (listed && listed.address !== node.address)
    fail(`${node.name} already exists at ${listed.address} (use node set to change it)`);
  const holder = model.nodes.find((existing) => existing.addresses.some((a) => a.value === node.address));
  if (holder && holder.name !== node.name) fail(`${node.address} already belongs to ${holder.name}`);
  const macHolder =
    node.mac === undefined
      ? undefined
      : model.nodes.find((n) => n.macs.some((m) => normalizeMac(m.value) === normalizeMac(node.mac ?? '')));
  if (macHolder) fail(`${node.mac ?? ''} already belongs to ${macHolder.name}`);
  if (node.id !== undefined && (!Number.isInteger(node.id) || node.id < 1 || node.id > 65535))
    fail(`openMosix ID ${node.id} is outside 1–65535`);
}

function addNodeStep(cluster: ParsedCluster, model: ClusterModel, node: NewNode): ClusterInput {
  checkNewNode(cluster, model, node);
  const step = new Step(cluster);
  for (const [role, hosts] of hostsFiles(cluster)) {
    if (!findByName(hosts, node.name)) step.edit(role, addHostsEntry(hosts, node.address, node.name));
  }
  if (node.mac !== undefined) {
    if (!cluster.dhcpd) fail('there is no dhcpd.conf to add the host block to');
    step.edit(
      'dhcpd-conf',
      cluster.dhcpd.editor.addHost({ name: node.name, mac: node.mac, address: node.address }),
    );
  }
  const id = chooseId(cluster, node);
  for (const [role, map, hosts] of mapFiles(cluster)) {
    if (id !== undefined && !coveringRange(map, hosts, node.address))
      step.edit(role, addToMap(map, hosts, node.address, id));
  }
  if (step.empty) {
    const hint = node.mac === undefined ? '; give a MAC to add its DHCP host block' : '';
    fail(`${node.name} is already in every file at ${node.address}: nothing to add${hint}`);
  }
  return step.apply();
}

function chooseId(cluster: ParsedCluster, node: NewNode): number | undefined {
  const map = cluster.map;
  if (!map) return undefined;
  const covering = coveringRange(map, cluster.hosts, node.address);
  if (covering) {
    const id = covering.entry.id + covering.offset;
    if (node.id !== undefined && node.id !== id)
      fail(`${node.address} already has openMosix ID ${id} in ${map.file}`);
    return id;
  }
  if (node.id !== undefined && usedIds(map).has(node.id))
    fail(`openMosix ID ${node.id} is already used in ${map.file}`);
  return node.id ?? nextFreeId(map) ?? fail(`${map.file} has no free openMosix ID left`);
}

function nodeNamed(model: ClusterModel, name: string) {
  return model.nodes.find((node) => node.name === name) ?? fail(`there is no node ${name}`);
}

function removeNodeStep(cluster: ParsedCluster, model: ClusterModel, name: string): ClusterInput {
  const node = nodeNamed(model, name);
  const step = new Step(cluster);
  for (const [role, hosts] of hostsFiles(cluster)) step.edit(role, removeHostsName(hosts, name));
  if (node.dhcp.kind === 'fixed' && cluster.dhcpd)
    step.edit('dhcpd-conf', cluster.dhcpd.editor.removeHost(node.dhcp.host.value));
  for (const [role, map, hosts] of mapFiles(cluster)) {
    for (const address of new Set(node.addresses.map((a) => a.value))) {
      const edits = removeFromMap(map, hosts, address);
      step.edit(role, typeof edits === 'string' ? fail(edits) : edits);
    }
  }
  return step.apply();
}

function renameStep(
  cluster: ParsedCluster,
  model: ClusterModel,
  name: string,
  newName: string,
): ClusterInput {
  const node = nodeNamed(model, name);
  if (model.nodes.some((other) => other.name === newName)) fail(`${newName} already exists`);
  checkNodeName(newName);
  const step = new Step(cluster);
  for (const [role, hosts] of hostsFiles(cluster)) {
    const entry = findByName(hosts, name);
    if (entry) step.edit(role, renameEdit(hosts, entry, name, newName));
  }
  if (node.dhcp.kind === 'fixed' && cluster.dhcpd)
    step.edit('dhcpd-conf', cluster.dhcpd.editor.renameHost(node.dhcp.host.value, newName));
  return step.apply();
}

function setAddressStep(
  cluster: ParsedCluster,
  model: ClusterModel,
  name: string,
  address: string,
): ClusterInput {
  const node = nodeNamed(model, name);
  if (!isIpv4(address)) fail(`'${address}' is not an IPv4 address`);
  const holder = model.nodes.find((other) => other.addresses.some((a) => a.value === address));
  if (holder) fail(`${address} already belongs to ${holder.name}`);
  const [old] = node.addresses;
  const step = new Step(cluster);
  for (const [role, hosts] of hostsFiles(cluster)) {
    const entry = findByName(hosts, name);
    if (entry) step.edit(role, setAddressEdit(hosts, entry, address));
  }
  if (node.dhcp.kind === 'fixed' && cluster.dhcpd)
    step.edit('dhcpd-conf', cluster.dhcpd.editor.setHostAddress(node.dhcp.host.value, address));
  const id = node.mosixId?.value;
  for (const [role, map, hosts] of mapFiles(cluster)) {
    if (!old || id === undefined) continue;
    const removal = removeFromMap(map, hosts, old.value);
    step.edit(role, typeof removal === 'string' ? fail(removal) : removal);
  }
  const moved = parseCluster(step.apply());
  if (id === undefined) return moved.input;
  const next = new Step(moved);
  for (const [role, map, hosts] of mapFiles(moved)) next.edit(role, addToMap(map, hosts, address, id));
  return next.apply();
}

function setMacStep(cluster: ParsedCluster, model: ClusterModel, name: string, mac: string): ClusterInput {
  const node = nodeNamed(model, name);
  if (!isMac(mac)) fail(`'${mac}' is not a MAC address (like 00:E0:06:E8:00:84)`);
  const holder = model.nodes.find(
    (other) => other !== node && other.macs.some((m) => normalizeMac(m.value) === normalizeMac(mac)),
  );
  if (holder) fail(`${mac} already belongs to ${holder.name}`);
  const dhcpd = cluster.dhcpd ?? fail('there is no dhcpd.conf to record the MAC in');
  const step = new Step(cluster);
  if (node.dhcp.kind === 'fixed') step.edit('dhcpd-conf', dhcpd.editor.setHostMac(node.dhcp.host.value, mac));
  else {
    const [address] = node.addresses;
    if (!address) fail(`${name} has no address to give its host block`);
    step.edit('dhcpd-conf', dhcpd.editor.addHost({ name, mac, address: address.value }));
  }
  return step.apply();
}

/** A free fixed address for an adopted machine in the lease's subnet, and the name hosts gives it. */
function adoptionTarget(
  cluster: ParsedCluster,
  model: ClusterModel,
  leaseAddress: string,
  name: string | undefined,
) {
  const dhcpd = cluster.dhcpd ?? fail('there is no dhcpd.conf to add the machine to');
  if (name !== undefined) {
    const listed = cluster.hosts ? findByName(cluster.hosts, name) : undefined;
    if (listed) return { name, address: listed.address };
  }
  const subnet = dhcpd.facts.subnets.find((candidate) => {
    const net = parseNetwork(candidate.network, candidate.netmask);
    return net && inNetwork(leaseAddress, net);
  });
  const net = subnet ? parseNetwork(subnet.network, subnet.netmask) : undefined;
  if (!subnet || !net) fail(`no subnet in ${dhcpd.facts.file} holds ${leaseAddress}`);
  const fixed = new Set(dhcpd.facts.hosts.flatMap((host) => host.addresses.map((a) => a.text)));
  const size = 2 ** 32 - net.mask;
  for (let offset = 1; offset < size - 1; offset++) {
    const address = numberToIpv4(net.network + offset);
    if (fixed.has(address) || address === model.gatewayAddress) continue;
    if (subnet.ranges.some((range) => inRange(address, range))) continue;
    const holder = model.nodes.find((node) => node.addresses.some((a) => a.value === address));
    if (holder && (name === undefined ? false : holder.name !== name)) continue;
    if (holder) return { name: holder.name, address };
    return { name: name ?? nextName(model), address };
  }
  return fail(`subnet ${subnet.network} has no free fixed address outside its dynamic ranges`);
}

/** The next name in the cluster's naming pattern: `node254` after `node253`. */
export function nextName(model: ClusterModel): string {
  const numbered = model.nodes
    .filter((node) => node.role === 'node')
    .map((node) => /^(.*?)(\d+)$/.exec(node.name))
    .filter((match): match is RegExpExecArray => match !== null);
  const last = numbered.sort((a, b) => Number(a[2]) - Number(b[2])).at(-1);
  if (!last) return 'node001';
  const digits = last[2] ?? '1';
  return `${last[1] ?? 'node'}${String(Number(digits) + 1).padStart(digits.length, '0')}`;
}

function adoptStep(
  cluster: ParsedCluster,
  model: ClusterModel,
  mac: string,
  name: string | undefined,
): ClusterInput {
  const machine = model.newMachines.find((candidate) => normalizeMac(candidate.mac) === normalizeMac(mac));
  if (!machine) fail(`no active lease without a host block has MAC ${mac}`);
  const target = adoptionTarget(cluster, model, machine.address, name);
  return addNodeStep(cluster, model, { ...target, mac: machine.mac });
}

export type Operation =
  | { kind: 'add'; nodes: NewNode[] }
  | { kind: 'remove'; names: string[] }
  | {
      kind: 'set';
      name: string;
      newName?: string | undefined;
      address?: string | undefined;
      mac?: string | undefined;
    }
  | { kind: 'adopt'; macs: string[]; name?: string | undefined };

function steps(operation: Operation): Array<(cluster: ParsedCluster, model: ClusterModel) => ClusterInput> {
  switch (operation.kind) {
    case 'add':
      return operation.nodes.map((node) => (cluster, model) => addNodeStep(cluster, model, node));
    case 'remove':
      return operation.names.map((name) => (cluster, model) => removeNodeStep(cluster, model, name));
    case 'adopt':
      return operation.macs.map(
        (mac) => (cluster, model) =>
          adoptStep(cluster, model, mac, operation.macs.length === 1 ? operation.name : undefined),
      );
    case 'set': {
      const { name, newName, address, mac } = operation;
      const current = newName ?? name;
      return [
        ...(address === undefined
          ? []
          : [(c: ParsedCluster, m: ClusterModel) => setAddressStep(c, m, name, address)]),
        ...(mac === undefined ? [] : [(c: ParsedCluster, m: ClusterModel) => setMacStep(c, m, name, mac)]),
        ...(newName === undefined
          ? []
          : [(c: ParsedCluster, m: ClusterModel) => renameStep(c, m, name, current)]),
      ];
    }
  }
}

/** Runs an operation step by step (each on the files the previous one produced) and diffs the result. */
export function runOperation(input: ClusterInput, operation: Operation): OperationResult {
  let current = input;
  try {
    const allSteps = steps(operation);
    if (allSteps.length === 0) fail('nothing to change');
    for (const step of allSteps) {
      const cluster = parseCluster(current);
      current = step(cluster, buildModel(cluster));
    }
  } catch (error) {
    if (error instanceof OperationError || error instanceof DhcpdEditError)
      return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, changes: changesBetween(input, current), input: current };
}

export function changesBetween(before: ClusterInput, after: ClusterInput): FileChange[] {
  return (Object.keys(after.files) as FileRole[]).flatMap((role) => {
    const old = before.files[role];
    const updated = after.files[role];
    if (!updated || old?.text === updated.text) return [];
    const previous = old?.text ?? '';
    return [
      {
        role,
        path: updated.path,
        before: previous,
        after: updated.text,
        diff: unifiedDiff(updated.path, previous, updated.text),
      },
    ];
  });
}
