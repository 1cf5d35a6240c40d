/**
 * What the Electron preload exposes to the renderer as `window.clusterdeck`: the contract
 * and nothing else. Stream bytes arrive on a MessagePort posted to the window with
 * `{ clusterdeckStream: id }` (ports cannot cross contextBridge).
 */
import type { Result } from './errors.js';

export interface ClusterdeckBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
  /** Resolves with the id whose MessagePort will be posted to the window. */
  openStream(channel: string, input: unknown): Promise<Result<number>>;
}

export const BRIDGE_GLOBAL = 'clusterdeck';
export const STREAM_PORT_MESSAGE_KEY = 'clusterdeckStream';

/** Electron IPC channels the preload and main use beside the contract's own names. */
export const bridgeIpc = {
  openStream: 'bridge:open-stream',
  streamPort: 'bridge:stream-port',
} as const;
