import { stat } from 'node:fs/promises';
import path from 'node:path';
import { validate } from '../../shared/cluster/rules.js';
import type { CheckReport, Workspace } from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/ipc/errors.js';
import type { ClusterFile } from '../../shared/workspace/cluster-files.js';
import { loadClusterFolder, summarise } from '../config/load-cluster.js';
import type { EventBus } from './event-bus.js';
import type { GatewaySnapshot } from './gateway-snapshot.js';
import { isMissing, listClusterFiles, readMirroredFile } from './mirror-folder.js';

export const DEMO_LABEL = 'Demo cluster (mosix, 253 nodes)';

/** The workspace the console is looking at: the built-in demo cluster or a local folder. */
export class WorkspaceService {
  private current: Workspace;
  /** The local copy of a live gateway's files, while one is open. */
  private snapshot: GatewaySnapshot | undefined;

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

  /** Opens a live gateway's files, as copied when connecting (read-only for now). */
  openGateway(label: string, snapshot: GatewaySnapshot): Workspace {
    return this.switchTo({ kind: 'gateway', label, root: snapshot.root, readOnly: true }, snapshot);
  }

  async dispose(): Promise<void> {
    await this.snapshot?.dispose();
    this.snapshot = undefined;
  }

  listFiles(): Promise<ClusterFile[]> {
    return listClusterFiles(this.current.root);
  }

  /** Validates the workspace's files with the config engine's rules. */
  async check(): Promise<CheckReport> {
    const { cluster, model } = await loadClusterFolder(this.current.root);
    const diagnostics = validate(cluster, model);
    const findings = diagnostics.map(({ code, severity, message, location, related, fix }) => ({
      code,
      severity,
      message,
      location,
      related: related ?? [],
      ...(fix ? { fix: fix.title } : {}),
    }));
    return { findings, summary: summarise(diagnostics) };
  }

  fileBytes(gatewayPath: string): AsyncGenerator<Uint8Array> {
    return readMirroredFile(this.current.root, gatewayPath);
  }

  private switchTo(workspace: Workspace, snapshot?: GatewaySnapshot): Workspace {
    const previous = this.snapshot;
    this.snapshot = snapshot;
    if (previous && previous !== snapshot) void previous.dispose();
    this.current = workspace;
    this.events.emit('workspace:workspace-changed', workspace);
    return workspace;
  }
}

function demoWorkspace(root: string): Workspace {
  return { kind: 'demo', label: DEMO_LABEL, root, readOnly: true };
}
