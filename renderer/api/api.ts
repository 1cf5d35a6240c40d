/** The renderer's only way to the backend: typed calls over whichever transport this window has. */
import { BRIDGE_GLOBAL, type ClusterdeckBridge } from '../../shared/ipc/bridge.js';
import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeOutput,
  type InvokeRequest,
  type StreamChannel,
  type StreamRequest,
  type TerminalMessage,
} from '../../shared/ipc/contract.js';
import { describeIssues, type IpcError, type Result } from '../../shared/ipc/errors.js';
import { createElectronTransport } from './electron-transport.js';
import type { LinkState, Transport } from './transport.js';
import { createWebSocketTransport } from './web-socket-transport.js';

export type { LinkState } from './transport.js';
export type { IpcError } from '../../shared/ipc/errors.js';

function pickTransport(): Transport {
  const bridge = (window as unknown as Record<string, ClusterdeckBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return createElectronTransport(bridge);
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketTransport(`${scheme}//${window.location.host}/api`);
}

const transport = pickTransport();

export const backendKind = transport.kind;

export async function invoke<C extends InvokeChannel>(
  channel: C,
  input: InvokeRequest<C>,
): Promise<Result<InvokeOutput<C>>> {
  const result = await transport.invoke(channel, input);
  if (!result.ok) return result;
  const output = invokeChannels[channel].output.safeParse(result.value);
  if (output.success) return { ok: true, value: output.data as InvokeOutput<C> };
  return {
    ok: false,
    error: { code: 'invalid-output', message: `${channel}: ${describeIssues(output.error)}` },
  };
}

export function onEvent<E extends EventChannel>(
  channel: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return transport.subscribe(channel, (payload) => {
    const parsed = eventChannels[channel].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}

export interface StreamReading {
  done: Promise<Result<void>>;
  cancel(): void;
}

/** Reads a byte stream, handing each chunk to `consume` and acknowledging it once consumed. */
export function readStream<S extends StreamChannel>(
  channel: S,
  input: StreamRequest<S>,
  consume: (chunk: Uint8Array) => void,
): StreamReading {
  let settle: (result: Result<void>) => void = () => undefined;
  const done = new Promise<Result<void>>((resolve) => (settle = resolve));
  const opened = transport.openStream(channel, input, {
    chunk(data) {
      consume(data);
      opened.ack(data.byteLength);
    },
    end: () => settle({ ok: true, value: undefined }),
    fail: (error) => settle({ ok: false, error: error as IpcError }),
  });
  return {
    done,
    cancel() {
      opened.cancel();
      settle({ ok: false, error: { code: 'cancelled', message: 'cancelled' } });
    },
  };
}

export interface TerminalStream {
  send(message: TerminalMessage): void;
  /** Acknowledges output once xterm.js has parsed it (its write callback), not when it arrived. */
  ack(bytes: number): void;
  close(): void;
}

/** A terminal's two-way stream: output to `write`, keystrokes and size back with `send`. */
export function openTerminalStream(
  terminalId: string,
  write: (chunk: Uint8Array) => void,
  ended: (error: IpcError | undefined) => void,
): TerminalStream {
  const opened = transport.openStream(
    'terminal:io',
    { terminalId },
    {
      chunk: write,
      end: () => ended(undefined),
      fail: (error) => ended(error as IpcError),
    },
  );
  return {
    send: (message) => opened.send(message),
    ack: (bytes) => opened.ack(bytes),
    close: () => opened.cancel(),
  };
}

export const link = {
  state: (): LinkState => transport.linkState(),
  subscribe: (listener: (state: LinkState) => void) => transport.onLinkState(listener),
};
