/** Binds the contract to Electron IPC: one handler per channel, events, and a MessagePort per stream. */
import { ipcMain, MessageChannelMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { bridgeIpc } from '../../shared/ipc/bridge.js';
import { invokeChannelNames } from '../../shared/ipc/contract.js';
import { AppError, type Result } from '../../shared/ipc/errors.js';
import { StreamControlSchema, type PortMessage } from '../../shared/ipc/wire.js';
import type { Dispatcher } from '../ipc/dispatcher.js';
import { pumpStream } from '../ipc/stream-pump.js';
import type { EventBus } from '../services/event-bus.js';

export interface BridgeOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  /** The window whose renderer may use the contract and receives its events. */
  target: WebContents;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

function forbidden(channel: string): Result<never> {
  return {
    ok: false,
    error: new AppError('forbidden', `${channel}: refused, the sender is not the console`).toData(),
  };
}

export function bindContract(options: BridgeOptions): () => void {
  const { dispatcher } = options;
  const isTrustedSender = (event: IpcMainInvokeEvent) => options.isTrustedSender(event);
  let nextStreamId = 1;

  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedSender(event) ? dispatcher.invoke(channel, input) : forbidden(channel),
    );
  }

  ipcMain.handle(bridgeIpc.openStream, (event, channel: unknown, input: unknown): Result<number> => {
    if (!isTrustedSender(event)) return forbidden(bridgeIpc.openStream);
    const opened = dispatcher.openStream(String(channel), input);
    if (!opened.ok) return opened;
    const id = nextStreamId++;
    const { port1, port2 } = new MessageChannelMain();
    const post = (message: PortMessage) => port1.postMessage(message);
    const pumped = pumpStream(opened.value, {
      send: (data) => post({ type: 'chunk', data }),
      end: () => post({ type: 'end' }),
      fail: (error) => post({ type: 'error', error }),
    });
    port1.on('message', ({ data }) => {
      const control = StreamControlSchema.safeParse(data);
      if (control.success) pumped.control(control.data);
    });
    port1.on('close', () => pumped.control({ type: 'cancel' }));
    port1.start();
    event.sender.postMessage(bridgeIpc.streamPort, { id }, [port2]);
    return { ok: true, value: id };
  });

  const stopEvents = options.events.onAny((channel, payload) => {
    if (!options.target.isDestroyed()) options.target.send(channel, payload);
  });

  return () => {
    for (const channel of invokeChannelNames) ipcMain.removeHandler(channel);
    ipcMain.removeHandler(bridgeIpc.openStream);
    stopEvents();
  };
}
