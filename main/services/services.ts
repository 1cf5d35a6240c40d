import type { AppInfo } from '../../shared/ipc/contract.js';
import os from 'node:os';
import path from 'node:path';
import { ConnectionService } from './connection-service.js';
import { EventBus } from './event-bus.js';
import { ImageService } from './image-service.js';
import { TerminalService } from '../terminal/terminal-service.js';
import { WorkspaceService } from './workspace-service.js';

export interface ServicesOptions {
  appInfo: AppInfo;
  /** The bundled demo cluster: a folder mirroring the seed's gateway. */
  demoRoot: string;
  /** A folder to open instead of the demo cluster. */
  initialFolder?: string | undefined;
  /** Saved gateway connections (a JSON file); by default in the user's config folder. */
  profilesFile?: string | undefined;
}

function defaultProfilesFile(): string {
  const config = process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config');
  return path.join(config, 'clusterdeck', 'connections.json');
}

/** The plain Node services behind the contract, shared by Electron, web mode and the CLI. */
export class Services {
  readonly events = new EventBus();
  readonly workspace: WorkspaceService;
  readonly connections: ConnectionService;
  readonly appInfo: AppInfo;
  readonly image: ImageService;
  readonly terminals: TerminalService;

  private constructor(options: ServicesOptions) {
    this.appInfo = options.appInfo;
    this.workspace = new WorkspaceService(options.demoRoot, this.events);
    this.image = new ImageService(this.events, () => this.workspace.workspace.root);
    this.connections = new ConnectionService(
      { profilesFile: options.profilesFile ?? defaultProfilesFile() },
      this.events,
    );
    this.terminals = new TerminalService({
      pool: this.connections.pool,
      events: this.events,
      addressOf: (node) => this.addressOf(node),
    });
  }

  /** Where the gateway reaches a node: its first address in the workspace's files, else its name. */
  private async addressOf(node: string): Promise<string> {
    const detail = await this.workspace.nodeDetail(node).catch(() => undefined);
    return detail?.facts.find((fact) => fact.label === 'Address')?.value ?? node;
  }

  /** Closes every connection and removes the gateway snapshot. */
  async dispose(): Promise<void> {
    this.terminals.dispose();
    await this.workspace.dispose();
    await this.connections.dispose();
  }

  static async create(options: ServicesOptions): Promise<Services> {
    const services = new Services(options);
    if (options.initialFolder !== undefined) await services.workspace.openFolder(options.initialFolder);
    return services;
  }
}
