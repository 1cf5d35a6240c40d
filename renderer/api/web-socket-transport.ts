/**
 * Web mode: the contract over a WebSocket to the server that served this page, and each stream
 * over a socket of its own (`/stream` under the same URL), so no stream's bytes wait behind another's.
 */
import type { Result } from '../../shared/ipc/errors.js';
import {
  decodeStreamFrame,
  ServerMessageSchema,
  type ClientMessage,
  type ServerMessage,
  type StreamControl,
} from '../../shared/ipc/wire.js';
import type { LinkState, OpenedStream, StreamReceiver, Transport } from './transport.js';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];
const lostConnection = { code: 'io-error' as const, message: 'lost the connection to the console server' };

export function createWebSocketTransport(url: string): Transport {
  let socket: WebSocket | undefined;
  let state: LinkState = 'connecting';
  let attempt = 0;
  let nextId = 1;
  const queue: ClientMessage[] = [];
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(state: LinkState) => void>();

  const setState = (next: LinkState) => {
    state = next;
    for (const listener of linkListeners) listener(next);
  };

  const send = (message: ClientMessage) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    else queue.push(message);
  };

  const handle = (message: ServerMessage) => {
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      for (const listener of eventListeners.get(message.channel) ?? []) listener(message.payload);
    }
  };

  const onMessage = (event: MessageEvent) => {
    const message = parseServerMessage(event.data);
    if (message) handle(message);
  };

  const failEverythingInFlight = () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: lostConnection });
    pending.clear();
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      setState('connected');
      for (const message of queue.splice(0)) ws.send(JSON.stringify(message));
    });
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', () => {
      failEverythingInFlight();
      setState('disconnected');
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      setTimeout(connect, delay);
    });
  };
  connect();

  return {
    kind: 'web',
    invoke(channel, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ type: 'invoke', id, channel, input });
      });
    },
    subscribe(channel, listener) {
      const listeners = eventListeners.get(channel) ?? new Set();
      eventListeners.set(channel, listeners);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openStream: (channel, input, receiver) => openStreamSocket(`${url}/stream`, channel, input, receiver),
    linkState: () => state,
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };
}

/** One stream on a socket of its own; the socket closes with the stream. */
function openStreamSocket(
  url: string,
  channel: string,
  input: unknown,
  receiver: StreamReceiver,
): OpenedStream {
  const id = 1;
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const queue: ClientMessage[] = [{ type: 'stream-open', id, channel, input }];
  let finished = false;
  const finish = () => {
    finished = true;
    ws.close();
  };
  const send = (message: ClientMessage) => {
    if (finished) return;
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    else queue.push(message);
  };
  const control = (message: StreamControl) => send({ type: 'stream-control', id, control: message });

  ws.addEventListener('open', () => {
    for (const message of queue.splice(0)) ws.send(JSON.stringify(message));
  });
  ws.addEventListener('message', (event: MessageEvent) => {
    if (finished) return;
    if (event.data instanceof ArrayBuffer) {
      const frame = decodeStreamFrame(new Uint8Array(event.data));
      if (frame?.id === id) receiver.chunk(frame.data);
      return;
    }
    const message = parseServerMessage(event.data);
    if (message?.type !== 'stream-notice') return;
    finish();
    const { notice } = message;
    if (notice.type === 'end') receiver.end();
    else receiver.fail(notice.error);
  });
  ws.addEventListener('close', () => {
    if (finished) return;
    finished = true;
    receiver.fail(lostConnection);
  });
  return {
    ack: (bytes) => control({ type: 'ack', bytes }),
    send: (payload) => control({ type: 'message', payload }),
    cancel: () => {
      control({ type: 'cancel' });
      finish();
    },
  };
}

function parseServerMessage(data: unknown): ServerMessage | undefined {
  const parsed = ServerMessageSchema.safeParse(parseJson(String(data)));
  return parsed.success ? parsed.data : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
