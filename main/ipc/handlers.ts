import type {
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
  StreamChannel,
  StreamInput,
} from '../../shared/ipc/contract.js';
import type { Services } from '../services/services.js';

/** One handler per channel: a channel the contract declares but nobody handles does not compile. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (input: InvokeInput<C>) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
};

export type StreamHandlers = {
  [S in StreamChannel]: (input: StreamInput<S>) => AsyncIterable<Uint8Array>;
};

export interface Handlers {
  invoke: InvokeHandlers;
  streams: StreamHandlers;
}

export function createHandlers(services: Services): Handlers {
  const { workspace, image } = services;
  return {
    invoke: {
      'app:get-info': () => services.appInfo,
      'workspace:get-current': () => workspace.workspace,
      'workspace:list-files': () => workspace.listFiles(),
      'workspace:check': () => workspace.check(),
      'workspace:open-demo': () => workspace.openDemo(),
      'workspace:open-folder': ({ path }) => workspace.openFolder(path),
      'image:inspect': ({ path }) => image.inspect(path),
      'image:list-drives': ({ source, showAll }) => image.listDrives(source, showAll),
      'image:write': (request) => image.write(request),
      'image:cancel': ({ jobId }) => image.cancel(jobId),
      'bootdisk:check-tools': () => image.checkTools(),
      'bootdisk:build': (request) => image.build(request),
      'nodes:list': () => workspace.inventory(),
      'nodes:detail': ({ name }) => workspace.nodeDetail(name),
      'nodes:preview': ({ operation }) => workspace.preview(operation),
      'nodes:apply': ({ operation, basis }) => workspace.apply(operation, basis),
    },
    streams: {
      'workspace:file-bytes': ({ path }) => workspace.fileBytes(path),
    },
  };
}
