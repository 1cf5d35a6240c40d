/** Desktop: the contract through the preload's `window.clusterdeck`; stream bytes on MessagePorts. */
import { STREAM_PORT_MESSAGE_KEY, type ClusterdeckBridge } from '../../shared/ipc/bridge.js';
import { PortMessageSchema, type StreamControl } from '../../shared/ipc/wire.js';
import type { OpenedStream, StreamReceiver, Transport } from './transport.js';

export function createElectronTransport(bridge: ClusterdeckBridge): Transport {
  const arrivedPorts = new Map<number, MessagePort>();
  const waitingForPort = new Map<number, (port: MessagePort) => void>();

  window.addEventListener('message', (event: MessageEvent) => {
    const id: unknown = (event.data as Record<string, unknown> | null)?.[STREAM_PORT_MESSAGE_KEY];
    const [port] = event.ports;
    if (event.source !== window || typeof id !== 'number' || !port) return;
    const waiter = waitingForPort.get(id);
    waitingForPort.delete(id);
    if (waiter) waiter(port);
    else arrivedPorts.set(id, port);
  });

  const portFor = (id: number) =>
    new Promise<MessagePort>((resolve) => {
      const port = arrivedPorts.get(id);
      arrivedPorts.delete(id);
      if (port) resolve(port);
      else waitingForPort.set(id, resolve);
    });

  const attach = (port: MessagePort, receiver: StreamReceiver) => {
    port.onmessage = ({ data }) => {
      const message = PortMessageSchema.safeParse(data);
      if (!message.success) return;
      if (message.data.type === 'chunk') {
        receiver.chunk(message.data.data);
        return;
      }
      port.close();
      if (message.data.type === 'end') receiver.end();
      else receiver.fail(message.data.error);
    };
  };

  return {
    kind: 'desktop',
    invoke: (channel, input) => bridge.invoke(channel, input),
    subscribe: (channel, listener) => bridge.subscribe(channel, listener),
    openStream(channel, input, receiver): OpenedStream {
      let port: MessagePort | undefined;
      let cancelled = false;
      const control = (message: StreamControl) => port?.postMessage(message);
      void bridge.openStream(channel, input).then(async (opened) => {
        if (!opened.ok) {
          receiver.fail(opened.error);
          return;
        }
        port = await portFor(opened.value);
        if (cancelled) {
          control({ type: 'cancel' });
          port.close();
        } else {
          attach(port, receiver);
        }
      });
      return {
        ack: (bytes) => control({ type: 'ack', bytes }),
        send: (payload) => control({ type: 'message', payload }),
        cancel: () => {
          cancelled = true;
          control({ type: 'cancel' });
          port?.close();
        },
      };
    },
    linkState: () => 'connected',
    onLinkState: () => () => undefined,
  };
}
