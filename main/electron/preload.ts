/**
 * Runs in the sandboxed page before the console loads: exposes the contract's channels,
 * and nothing else, as `window.clusterdeck`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  BRIDGE_GLOBAL,
  bridgeIpc,
  STREAM_PORT_MESSAGE_KEY,
  type ClusterdeckBridge,
} from '../../shared/ipc/bridge.js';
import { isEventChannel, isInvokeChannel, isStreamChannel } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/errors.js';

function unknownChannel(channel: string): Promise<Result<never>> {
  return Promise.resolve({
    ok: false,
    error: { code: 'unknown-channel', message: `no such channel: ${channel}` },
  });
}

const bridge: ClusterdeckBridge = {
  invoke: (channel, input) =>
    isInvokeChannel(channel)
      ? (ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>)
      : unknownChannel(channel),
  subscribe(channel, listener) {
    if (!isEventChannel(channel)) throw new Error(`no such event: ${channel}`);
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
  openStream: (channel, input) =>
    isStreamChannel(channel)
      ? (ipcRenderer.invoke(bridgeIpc.openStream, channel, input) as Promise<Result<number>>)
      : unknownChannel(channel),
};

// MessagePorts cannot cross the context bridge; the window's own message event carries them.
ipcRenderer.on(bridgeIpc.streamPort, (event, meta: { id: number }) => {
  window.postMessage({ [STREAM_PORT_MESSAGE_KEY]: meta.id }, '*', event.ports);
});

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
