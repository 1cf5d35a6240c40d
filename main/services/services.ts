import type { AppInfo } from '../../shared/ipc/contract.js';
import { EventBus } from './event-bus.js';
import { ImageService } from './image-service.js';
import { WorkspaceService } from './workspace-service.js';

export interface ServicesOptions {
  appInfo: AppInfo;
  /** The bundled demo cluster: a folder mirroring the seed's gateway. */
  demoRoot: string;
  /** A folder to open instead of the demo cluster. */
  initialFolder?: string | undefined;
}

/** The plain Node services behind the contract, shared by Electron, web mode and the CLI. */
export class Services {
  readonly events = new EventBus();
  readonly workspace: WorkspaceService;
  readonly appInfo: AppInfo;
  readonly image: ImageService;

  private constructor(options: ServicesOptions) {
    this.appInfo = options.appInfo;
    this.workspace = new WorkspaceService(options.demoRoot, this.events);
    this.image = new ImageService(this.events, () => this.workspace.workspace.root);
  }

  static async create(options: ServicesOptions): Promise<Services> {
    const services = new Services(options);
    if (options.initialFolder !== undefined) await services.workspace.openFolder(options.initialFolder);
    return services;
  }
}
