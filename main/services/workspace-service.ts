import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../shared/config/diagnostic.js';
import { buildInventory, findingsByNode, nodeFacts } from '../../shared/cluster/inventory.js';
import type { ClusterModel, ClusterNode } from '../../shared/cluster/model.js';
import { validate } from '../../shared/cluster/rules.js';
import { runOperation } from '../../shared/cluster/operations.js';
import type { ClusterInput } from '../../shared/cluster/parse-cluster.js';
import type {
  Applied,
  CheckReport,
  Finding,
  Inventory,
  NodeDetail,
  NodeOperation,
  Preview,
  Workspace,
} from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/ipc/errors.js';
import type { ClusterFile } from '../../shared/workspace/cluster-files.js';
import { readClusterFolder, writeClusterChanges } from '../config/cluster-folder.js';
import { loadClusterFolder, summarise } from '../config/load-cluster.js';
import type { EventBus } from './event-bus.js';
import type { GatewayWorkspace } from './gateway-workspace.js';
import { isMissing, listClusterFiles, readMirroredFile, resolveInMirror } from './mirror-folder.js';

/** The workspace's files read, merged and validated; kept while none of the files changes. */
interface Analysis {
  root: string;
  readPaths: string[];
  signature: string;
  model: ClusterModel;
  diagnostics: Diagnostic[];
  findings: Map<ClusterNode, Diagnostic[]>;
}

/** A digest of every file's path and text: what an operation was previewed against. */
function basisOf(input: ClusterInput): string {
  const hash = createHash('sha256');
  for (const file of Object.values(input.files)) hash.update(`${file.path}\0${file.text}\0`);
  return hash.digest('hex');
}

function toFinding({ code, severity, message, location, related, fix }: Diagnostic): Finding {
  return { code, severity, message, location, related: related ?? [], ...(fix ? { fix: fix.title } : {}) };
}

/** Size and modification time of the files read and of every file the workspace might hold. */
async function signatureOf(root: string, readPaths: readonly string[]): Promise<string> {
  const listing = await listClusterFiles(root);
  const paths = new Set([...readPaths, ...listing.map((file) => file.path)]);
  const stamps = await Promise.all(
    [...paths].map(async (gatewayPath) => {
      const info = await resolveInMirror(root, gatewayPath)
        .then((local) => stat(local))
        .catch(() => undefined);
      return `${gatewayPath} ${info?.size ?? -1} ${info?.mtimeMs ?? -1}`;
    }),
  );
  return stamps.join('\n');
}

function nodeNamed(model: ClusterModel, name: string): ClusterNode | undefined {
  return model.nodes.find((candidate) => candidate.name === name);
}

export const DEMO_LABEL = 'Demo cluster (mosix, 253 nodes)';

/** The workspace the console is looking at: the built-in demo cluster or a local folder. */
export class WorkspaceService {
  private current: Workspace;
  private analysis: Analysis | undefined;
  /** The live gateway, while one is open. */
  private gateway: GatewayWorkspace | undefined;

  constructor(
    private readonly demoRoot: string,
    private readonly events: EventBus,
  ) {
    this.current = demoWorkspace(demoRoot);
  }

  get workspace(): Workspace {
    return this.current;
  }

  openDemo(): Workspace {
    return this.switchTo(demoWorkspace(this.demoRoot));
  }

  async openFolder(folder: string): Promise<Workspace> {
    const root = path.resolve(folder);
    try {
      if (!(await stat(root)).isDirectory()) {
        throw new AppError('invalid-input', `${root} is not a folder`);
      }
    } catch (error) {
      if (isMissing(error)) throw new AppError('not-found', `${root} does not exist`);
      throw error;
    }
    return this.switchTo({ kind: 'folder', label: path.basename(root) || root, root, readOnly: false });
  }

  /** Opens a live gateway's files, as copied when connecting; edits are written back to it. */
  openGateway(label: string, gateway: GatewayWorkspace): Workspace {
    return this.switchTo({ kind: 'gateway', label, root: gateway.snapshot.root, readOnly: false }, gateway);
  }

  /** The open gateway, if the workspace is one. */
  get liveGateway(): GatewayWorkspace | undefined {
    return this.gateway;
  }

  /** Copies the gateway's files again when they changed there (a new lease, an edit by someone else). */
  async refreshGateway(): Promise<void> {
    const gateway = this.gateway;
    if (gateway && (await gateway.refreshIfChanged()) && gateway === this.gateway)
      this.followGateway(gateway);
  }

  async dispose(): Promise<void> {
    await this.gateway?.dispose();
    this.gateway = undefined;
  }

  listFiles(): Promise<ClusterFile[]> {
    return listClusterFiles(this.current.root);
  }

  /** Validates the workspace's files with the config engine's rules. */
  async check(): Promise<CheckReport> {
    const { diagnostics } = await this.analyse();
    return { findings: diagnostics.map(toFinding), summary: summarise(diagnostics) };
  }

  /** Every node, in columns, with its problems counted. */
  async inventory(): Promise<Inventory> {
    const { model, findings } = await this.analyse();
    return buildInventory(model, findings);
  }

  /** The names of the nodes (not the gateway) the files list. */
  async nodeNames(): Promise<string[]> {
    const { model } = await this.analyse();
    return model.nodes.filter((node) => node.role === 'node').map((node) => node.name);
  }

  /** A node's first address in the files, or undefined when they give none (or no such node). */
  async nodeAddress(name: string): Promise<string | undefined> {
    const { model } = await this.analyse();
    return nodeNamed(model, name)?.addresses[0]?.value;
  }

  /** One node's facts, each with its file and line, and its problems. */
  async nodeDetail(name: string): Promise<NodeDetail> {
    const { model, findings } = await this.analyse();
    const node = nodeNamed(model, name);
    if (!node) throw new AppError('not-found', `no node is named ${name}`);
    const facts = nodeFacts(node);
    return { name, role: node.role, facts, findings: (findings.get(node) ?? []).map(toFinding) };
  }

  /** What an edit would change in every file, as unified diffs; nothing is written. */
  async preview(operation: NodeOperation): Promise<Preview> {
    const { read, changes } = await this.plan(operation);
    return {
      changes: changes.map(({ path: file, diff }) => ({ path: file, diff })),
      basis: basisOf(read.input),
    };
  }

  /**
   * Writes what `preview` showed, if the files are still what it was computed on: each file
   * atomically, its previous version kept as a backup.
   */
  async apply(operation: NodeOperation, basis: string): Promise<Applied> {
    if (this.current.readOnly) {
      throw new AppError(
        'forbidden',
        `${this.current.label} is read-only: open a folder or a gateway to change files`,
      );
    }
    const { read, changes } = await this.plan(operation);
    if (basisOf(read.input) !== basis) {
      throw new AppError(
        'conflict',
        'the files changed since this preview; nothing was written. Preview again.',
      );
    }
    const gateway = this.gateway;
    if (gateway) {
      return await gateway.write(changes).finally(() => this.followGateway(gateway));
    }
    const written = await writeClusterChanges(read, changes).catch((error: unknown) => {
      throw new AppError('conflict', (error as Error).message);
    });
    this.events.emit('workspace:workspace-changed', this.current);
    return { written };
  }

  private async plan(operation: NodeOperation) {
    const read = await readClusterFolder(this.current.root);
    const result = runOperation(read.input, operation);
    if (!result.ok) throw new AppError('invalid-input', result.error);
    return { read, changes: result.changes };
  }

  /** The files merged and validated, again only when one of them changed. */
  private async analyse(): Promise<Analysis> {
    const { root } = this.current;
    const known = this.analysis?.root === root ? this.analysis : undefined;
    // Taken before reading: a file changed while it is read makes the next call read again.
    const signature = await signatureOf(root, known?.readPaths ?? []);
    if (known?.signature === signature) return known;
    const { read, cluster, model } = await loadClusterFolder(root);
    const readPaths = Object.values(read.input.files).map((file) => file.path);
    const diagnostics = validate(cluster, model);
    const analysis = {
      root,
      readPaths,
      signature,
      model,
      diagnostics,
      findings: findingsByNode(model, diagnostics),
    };
    this.analysis = analysis;
    return analysis;
  }

  fileBytes(gatewayPath: string): AsyncGenerator<Uint8Array> {
    return readMirroredFile(this.current.root, gatewayPath);
  }

  /** The gateway's files were copied afresh: the workspace now reads the new copy. */
  private followGateway(gateway: GatewayWorkspace): void {
    if (gateway !== this.gateway) return;
    this.current = { ...this.current, root: gateway.snapshot.root };
    this.events.emit('workspace:workspace-changed', this.current);
  }

  private switchTo(workspace: Workspace, gateway?: GatewayWorkspace): Workspace {
    const previous = this.gateway;
    this.gateway = gateway;
    if (previous && previous !== gateway) void previous.dispose();
    this.current = workspace;
    this.events.emit('workspace:workspace-changed', workspace);
    return workspace;
  }
}

function demoWorkspace(root: string): Workspace {
  return { kind: 'demo', label: DEMO_LABEL, root, readOnly: true };
}
