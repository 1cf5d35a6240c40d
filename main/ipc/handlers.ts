import type {
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
  StreamChannel,
  StreamInput,
  StreamMessage,
} from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/ipc/errors.js';
import { GatewayWorkspace } from '../services/gateway-workspace.js';
import type { Services } from '../services/services.js';
import { SshConnectError } from '../ssh/connect.js';
import type { DuplexSource } from './stream-pump.js';

/** One handler per channel: a channel the contract declares but nobody handles does not compile. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (input: InvokeInput<C>) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
};

export type StreamHandlers = {
  [S in StreamChannel]: (
    input: StreamInput<S>,
  ) => [StreamMessage<S>] extends [never] ? AsyncIterable<Uint8Array> : DuplexSource<StreamMessage<S>>;
};

export interface Handlers {
  invoke: InvokeHandlers;
  streams: StreamHandlers;
}

/** Connects to a saved or configured gateway and makes its files the workspace. */
async function openGateway(services: Services, id: string) {
  const { profile, target } = await services.connections.targetOf(id);
  try {
    const gateway = await GatewayWorkspace.open(services.connections.pool, target);
    services.terminals.useGateway(profile.label, target);
    return services.workspace.openGateway(profile.label, gateway);
  } catch (error) {
    // Refused keys, failed logins and unreachable hosts are the user's to read, not internal errors.
    if (error instanceof SshConnectError)
      throw new AppError('io-error', error.message, { failure: error.failure });
    throw error;
  }
}

export function createHandlers(services: Services): Handlers {
  const { workspace, image, connections, terminals } = services;
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
      'nodes:get-live': () => services.live.current(),
      'nodes:set-live-interval': ({ seconds }) => services.live.setInterval(seconds),
      'connections:list-profiles': () => connections.listProfiles(),
      'connections:add-profile': ({ label, destination }) => connections.addProfile(label, destination),
      'connections:connect': ({ id }) => openGateway(services, id),
      'connections:answer-host-key': ({ id, decision }) => {
        connections.answerHostKey(id, decision);
        return {};
      },
      'connections:answer-credential': ({ id, answers, remember }) => {
        connections.answerCredential(id, answers, remember);
        return {};
      },
      'connections:forget-secrets': () => {
        connections.forgetSecrets();
        return {};
      },
      'terminal:open': ({ node, cols, rows }) => terminals.open(node, { cols, rows }),
      'terminal:reconnect': ({ terminalId }) => terminals.reconnect(terminalId),
      'terminal:close': ({ terminalId }) => {
        terminals.close(terminalId);
        return {};
      },
    },
    streams: {
      'workspace:file-bytes': ({ path }) => workspace.fileBytes(path),
      'terminal:io': ({ terminalId }) => terminals.stream(terminalId),
    },
  };
}
