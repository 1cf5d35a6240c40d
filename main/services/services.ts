import type { AppInfo } from '../../shared/ipc/contract.js';
import os from 'node:os';
import path from 'node:path';
import { ConnectionService } from './connection-service.js';
import { jsonFileProfileStore, type ProfileStore, type SecretVault } from './connection-stores.js';
import { EventBus } from './event-bus.js';
import { ImageService } from './image-service.js';
import type { GatewayWorkspace } from './gateway-workspace.js';
import { createLivePool, LiveStateService } from './live-state-service.js';
import { TerminalService } from '../terminal/terminal-service.js';
import { WorkspaceService } from './workspace-service.js';

export interface ServicesOptions {
  appInfo: Omit<AppInfo, 'keychain'>;
  /** The bundled demo cluster: a folder mirroring the seed's gateway. */
  demoRoot: string;
  /** A folder to open instead of the demo cluster. */
  initialFolder?: string | undefined;
  /** Saved gateway connections (a JSON file); by default in the user's config folder. */
  profilesFile?: string | undefined;
  /** The desktop app keeps profiles in electron-store instead of the JSON file. */
  profileStore?: ProfileStore | undefined;
  /** The desktop app's keychain for secrets the user asks to remember; nowhere else has one. */
  secretVault?: SecretVault | undefined;
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
  readonly live: LiveStateService;
  /** The gateway whose nodes are being polled. */
  private polled: GatewayWorkspace | undefined;
  readonly terminals: TerminalService;

  private constructor(options: ServicesOptions) {
    this.appInfo = { ...options.appInfo, keychain: options.secretVault !== undefined };
    this.workspace = new WorkspaceService(options.demoRoot, this.events);
    this.image = new ImageService(this.events, () => this.workspace.workspace.root);
    this.connections = new ConnectionService(
      {
        profiles: options.profileStore ?? jsonFileProfileStore(options.profilesFile ?? defaultProfilesFile()),
        vault: options.secretVault,
      },
      this.events,
    );
    this.live = new LiveStateService(this.events, createLivePool());
    this.events.on('workspace:workspace-changed', () => void this.followWorkspace());
    this.terminals = new TerminalService({
      pool: this.connections.pool,
      events: this.events,
      addressOf: async (node) => (await this.workspace.nodeAddress(node).catch(() => undefined)) ?? node,
    });
  }

  /** Polls the nodes of a gateway workspace (again when its files list other nodes); nothing otherwise. */
  private async followWorkspace(): Promise<void> {
    const gateway = this.workspace.liveGateway;
    if (!gateway) {
      this.polled = undefined;
      this.live.unwatch();
      return;
    }
    const nodes = await this.workspace.nodeNames().catch(() => []);
    if (gateway !== this.workspace.liveGateway) return;
    if (this.polled === gateway) return this.live.updateNodes(nodes);
    this.polled = gateway;
    this.live.watch({ gateway: gateway.target, nodes, beforePoll: () => this.workspace.refreshGateway() });
  }

  /** Closes every connection and removes the gateway snapshot. */
  async dispose(): Promise<void> {
    await this.live.dispose();
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
