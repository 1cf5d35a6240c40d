/** `check`, `nodes` and `node …`: the config engine on a folder mirroring a gateway's `/`. */
import { parseArgs } from 'node:util';
import { formatLocation, type Diagnostic } from '../../shared/config/diagnostic.js';
import { expandNodeSet } from '../../shared/cluster/nodeset.js';
import { addToIpv4 } from '../../shared/config/net.js';
import type { ClusterNode } from '../../shared/cluster/model.js';
import { runOperation, type NewNode, type Operation } from '../../shared/cluster/operations.js';
import { validate } from '../../shared/cluster/rules.js';
import type { LoadedCluster } from '../config/load-cluster.js';
import { summarise } from '../config/load-cluster.js';
import { openCluster, type OpenedCluster, type SourceOptions } from './cluster-source.js';
import { CliError, EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { ServiceRestart } from '../../shared/ipc/contract.js';

const locationOptions = {
  root: { type: 'string' },
  host: { type: 'string' },
  'accept-new': { type: 'boolean' },
  json: { type: 'boolean' },
  'dhcpd-conf': { type: 'string' },
  map: { type: 'string' },
  'client-root': { type: 'string' },
} as const;

/** Opens the cluster (--root or --host), runs `use` on it, and closes it whatever happens. */
async function withCluster<T>(values: SourceOptions, use: (opened: OpenedCluster) => Promise<T>): Promise<T> {
  const opened = await openCluster(values);
  try {
    return await use(opened);
  } finally {
    await opened.dispose();
  }
}

function diagnosticJson(diagnostic: Diagnostic) {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: diagnostic.location.file,
    line: diagnostic.location.line,
    column: diagnostic.location.column,
    related: diagnostic.related ?? [],
    fix: diagnostic.fix ? diagnostic.fix.title : null,
  };
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: locationOptions, strict: true });
  return withCluster(values, ({ loaded, label }) => {
    const { read, cluster, model } = loaded;
    return Promise.resolve(report(read, cluster, model, label, values.json === true, io));
  });
}

function report(
  read: LoadedCluster['read'],
  cluster: LoadedCluster['cluster'],
  model: LoadedCluster['model'],
  label: string,
  json: boolean,
  io: CliIo,
): number {
  const diagnostics = validate(cluster, model);
  const summary = summarise(diagnostics);
  if (json) {
    const files = Object.fromEntries(
      Object.entries(read.input.files).map(([role, file]) => [role, file.path]),
    );
    io.stdout(
      JSON.stringify(
        {
          root: label,
          clientRoot: read.input.clientRoot,
          files,
          diagnostics: diagnostics.map(diagnosticJson),
          summary,
        },
        null,
        2,
      ),
    );
  } else {
    for (const diagnostic of diagnostics) {
      const fix = diagnostic.fix ? ` (fix: ${diagnostic.fix.title})` : '';
      io.stdout(
        `${formatLocation(diagnostic.location)}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]${fix}`,
      );
    }
    const fileCount = Object.keys(read.input.files).length;
    io.stdout(
      `${summary.errors} errors, ${summary.warnings} warnings, ${summary.notes} notes in ${fileCount} files`,
    );
  }
  return summary.errors > 0 ? EXIT_FAILURE : EXIT_OK;
}

/** The JSON of `nodes --json` (documented in docs/cli.md): facts are `{ value, file, line }`. */
function nodeJson(node: ClusterNode) {
  return {
    name: node.name,
    role: node.role,
    addresses: node.addresses,
    macs: node.macs,
    mosixId: node.mosixId ?? null,
    dhcp: node.dhcp.kind,
    dhcpHost: node.dhcp.kind === 'fixed' ? node.dhcp.host : null,
    bootFiles: node.bootFiles,
    ltsSection: node.ltsSection ?? null,
    lease: node.lease ?? null,
  };
}

function table(rows: readonly string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

export async function nodesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: locationOptions, strict: true });
  return withCluster(values, ({ loaded }) =>
    Promise.resolve(listNodes(loaded.model, values.json === true, io)),
  );
}

function listNodes(model: LoadedCluster['model'], json: boolean, io: CliIo): number {
  if (json) {
    io.stdout(JSON.stringify({ nodes: model.nodes.map(nodeJson), newMachines: model.newMachines }, null, 2));
    return EXIT_OK;
  }
  const rows = [
    ['NAME', 'ADDRESS', 'MAC', 'ID', 'DHCP', 'BOOT FILE'],
    ...model.nodes.map((node) => [
      node.role === 'gateway' ? `${node.name} (gateway)` : node.name,
      node.addresses.map((a) => a.value).join(',') || '-',
      node.macs.map((m) => m.value).join(',') || '-',
      String(node.mosixId?.value ?? '-'),
      node.dhcp.kind === 'none' ? '-' : node.dhcp.kind,
      node.bootFiles.map((b) => b.value).join(' | ') || '-',
    ]),
  ];
  for (const line of table(rows)) io.stdout(line);
  if (model.newMachines.length > 0) {
    io.stdout('');
    io.stdout(`New machines (in the leases, unknown to dhcpd.conf): ${model.newMachines.length}`);
    for (const machine of model.newMachines)
      io.stdout(`  ${machine.mac}  ${machine.address}  ${machine.state}`);
  }
  return EXIT_OK;
}

const editOptions = {
  ...locationOptions,
  'dry-run': { type: 'boolean' },
  'no-restart': { type: 'boolean' },
  ip: { type: 'string' },
  mac: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
} as const;

function expandNames(text: string): string[] {
  const expanded = expandNodeSet(text);
  if (!expanded.ok) throw new CliError(`${text}: ${expanded.error}`);
  return expanded.nodes;
}

function parseId(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError(`--id: '${text}' is not a number`);
  return Number(text);
}

function addOperation(
  names: string[],
  values: { ip?: string | undefined; mac?: string | undefined; id?: string | undefined },
): Operation {
  if (values.ip === undefined) throw new CliError('node add needs --ip (the first address, for a range)');
  if (names.length > 1 && values.mac !== undefined)
    throw new CliError('--mac names one machine; add a range without it, then node set each MAC');
  const firstId = parseId(values.id);
  const nodes = names.map((name, i): NewNode => ({
    name,
    address: addToIpv4(values.ip ?? '', i) ?? values.ip ?? '',
    mac: values.mac,
    id: firstId === undefined ? undefined : firstId + i,
  }));
  return { kind: 'add', nodes };
}

function operationFor(
  verb: string | undefined,
  positionals: string[],
  values: {
    ip?: string | undefined;
    mac?: string | undefined;
    id?: string | undefined;
    name?: string | undefined;
  },
): Operation {
  const [target] = positionals;
  if (target === undefined) throw new CliError(`node ${verb ?? ''}: which node? (see clusterdeck --help)`);
  switch (verb) {
    case 'add':
      return addOperation(expandNames(target), values);
    case 'remove':
      return { kind: 'remove', names: positionals.flatMap(expandNames) };
    case 'set':
      return { kind: 'set', name: target, newName: values.name, address: values.ip, mac: values.mac };
    case 'adopt':
      return { kind: 'adopt', macs: positionals, name: values.name };
    default:
      throw new CliError(`unknown node command '${verb ?? ''}' (add, remove, set, adopt)`);
  }
}

export async function nodeCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: editOptions,
    strict: true,
    allowPositionals: true,
  });
  const operation = operationFor(verb, positionals, values);
  const writing =
    values['dry-run'] === true ? 'dry-run' : values['no-restart'] === true ? 'no-restart' : 'write';
  return withCluster(values, (opened) => edit(opened, operation, writing, io));
}

/** What a node command does after printing the diffs. */
type Writing = 'dry-run' | 'write' | 'no-restart';

/** Says how a restart went; false when the service did not come back. */
function reportRestart(restart: ServiceRestart, io: CliIo): boolean {
  switch (restart.state) {
    case 'running':
      io.stdout(`restarted ${restart.service}: running`);
      return true;
    case 'not-installed':
      io.stderr(`clusterdeck: ${restart.output}`);
      return true;
    case 'stopped':
      io.stderr(`clusterdeck: ${restart.service} is not running after its restart:\n${restart.output}`);
      return false;
  }
}

async function edit(
  opened: OpenedCluster,
  operation: Operation,
  writing: Writing,
  io: CliIo,
): Promise<number> {
  const result = runOperation(opened.loaded.read.input, operation);
  if (!result.ok) {
    io.stderr(`clusterdeck: ${result.error}`);
    return EXIT_FAILURE;
  }
  for (const change of result.changes) io.stdout(change.diff.trimEnd());
  if (writing === 'dry-run') return EXIT_OK;
  const { written, restarted } = await opened
    .write(result.changes, writing === 'write')
    .catch((error: unknown) => {
      if (error instanceof CliError) throw error;
      throw new CliError((error as Error).message, EXIT_FAILURE);
    });
  for (const file of written)
    io.stdout(`wrote ${file.path}${file.backup ? ` (previous version kept as ${file.backup})` : ''}`);
  const restartsFine = restarted.map((restart) => reportRestart(restart, io));
  return restartsFine.every(Boolean) ? EXIT_OK : EXIT_FAILURE;
}
