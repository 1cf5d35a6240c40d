/** Serves the contract to one browser over one WebSocket (with the backend's events, if given). */
import type { WebSocket } from 'ws';
import { ClientMessageSchema, encodeStreamFrame, type ServerMessage } from '../../shared/ipc/wire.js';
import type { Dispatcher } from '../ipc/dispatcher.js';
import { pumpStream, type PumpedStream } from '../ipc/stream-pump.js';
import type { EventBus } from '../services/event-bus.js';

export function serveContract(socket: WebSocket, dispatcher: Dispatcher, events: EventBus | undefined): void {
  const streams = new Map<number, PumpedStream>();
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  const stopEvents = events?.onAny((channel, payload) => send({ type: 'event', channel, payload }));

  const openStream = (id: number, channel: string, input: unknown) => {
    const opened = dispatcher.openStream(channel, input);
    if (!opened.ok || streams.has(id)) {
      const error = opened.ok
        ? { code: 'invalid-input' as const, message: `stream ${id} is already open` }
        : opened.error;
      send({ type: 'stream-notice', id, notice: { type: 'error', error } });
      return;
    }
    const pumped = pumpStream(opened.value, {
      send: (chunk) => socket.send(encodeStreamFrame(id, chunk), { binary: true }),
      end: () => send({ type: 'stream-notice', id, notice: { type: 'end' } }),
      fail: (error) => send({ type: 'stream-notice', id, notice: { type: 'error', error } }),
    });
    streams.set(id, pumped);
    void pumped.done.finally(() => streams.delete(id));
  };

  socket.on('message', (data, isBinary) => {
    const message =
      !isBinary && Buffer.isBuffer(data) ? parseClientMessage(data.toString('utf8')) : undefined;
    if (message === undefined) {
      socket.close(1008, 'malformed message');
      return;
    }
    switch (message.type) {
      case 'invoke':
        void dispatcher
          .invoke(message.channel, message.input)
          .then((result) => send({ type: 'result', id: message.id, result }));
        break;
      case 'stream-open':
        openStream(message.id, message.channel, message.input);
        break;
      case 'stream-control':
        streams.get(message.id)?.control(message.control);
        break;
    }
  });

  socket.on('close', () => {
    stopEvents?.();
    for (const stream of streams.values()) stream.control({ type: 'cancel' });
  });
}

function parseClientMessage(text: string) {
  try {
    const parsed = ClientMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
