import type { Result } from '../../shared/ipc/errors.js';

export type LinkState = 'connecting' | 'connected' | 'disconnected';

/** Receives one stream's bytes; `ack` is called by the reader once a chunk is consumed. */
export interface StreamReceiver {
  chunk(data: Uint8Array): void;
  end(): void;
  fail(error: { code: string; message: string }): void;
}

export interface OpenedStream {
  /** Tells the backend this many bytes were consumed (flow control). */
  ack(bytes: number): void;
  /** Sends a message back on a two-way stream (a terminal's keystrokes and size). */
  send(payload: unknown): void;
  cancel(): void;
}

/** How the renderer reaches the backend: Electron IPC or the web-mode WebSocket. */
export interface Transport {
  readonly kind: 'desktop' | 'web';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
  openStream(channel: string, input: unknown, receiver: StreamReceiver): OpenedStream;
  linkState(): LinkState;
  onLinkState(listener: (state: LinkState) => void): () => void;
}
