import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindContract } from '../../../../main/electron/ipc-bridge.js';
import { bridgeIpc } from '../../../../shared/ipc/bridge.js';
import { invokeChannelNames } from '../../../../shared/ipc/contract.js';
import { recordingDuplex } from '../../../support/fake-duplex.js';
import { demoBackend } from '../../../support/services.js';
import type { FakeMessagePortMain } from '../../../support/fake-electron.js';
import { fakeIpcMain, FakeWebContents } from '../../../support/fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('../../../support/fake-electron.js');
  return { ipcMain: fake.fakeIpcMain, MessageChannelMain: fake.FakeMessageChannelMain };
});

const trusted = new FakeWebContents();
const stranger = new FakeWebContents();
const eventFrom = (sender: FakeWebContents) => ({ sender });

let unbind: () => void;
let backend: Awaited<ReturnType<typeof demoBackend>>;

beforeEach(async () => {
  backend = await demoBackend('desktop');
  unbind = bindContract({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    target: trusted as never,
    isTrustedSender: (event) => (event as unknown as { sender: unknown }).sender === trusted,
  });
});

afterEach(() => unbind());

describe('the Electron IPC bridge', () => {
  it('registers exactly the contract’s channels and the stream opener', () => {
    expect([...fakeIpcMain.handlers.keys()].sort()).toEqual(
      [...invokeChannelNames, bridgeIpc.openStream].sort(),
    );
  });

  it('answers the console window', async () => {
    const result = await fakeIpcMain.invoke('app:get-info', eventFrom(trusted), {});
    expect(result).toEqual({
      ok: true,
      value: { name: 'Clusterdeck', version: '0.0.0-test', mode: 'desktop', keychain: false },
    });
  });

  it('rejects an untrusted sender without running the handler', async () => {
    const openFolder = vi.spyOn(backend.services.workspace, 'openFolder');
    const result = await fakeIpcMain.invoke('workspace:open-folder', eventFrom(stranger), { path: '/' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(openFolder).not.toHaveBeenCalled();
  });

  it('rejects malformed input', async () => {
    const result = await fakeIpcMain.invoke('workspace:open-folder', eventFrom(trusted), {
      path: ['/', '/etc'],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses to open a stream for an untrusted sender', async () => {
    const result = await fakeIpcMain.invoke(
      bridgeIpc.openStream,
      eventFrom(stranger),
      'workspace:file-bytes',
      {
        path: '/etc/hosts',
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(stranger.posted).toEqual([]);
  });

  it('streams a file’s bytes on a MessagePort handed to the window', async () => {
    const result = await fakeIpcMain.invoke(
      bridgeIpc.openStream,
      eventFrom(trusted),
      'workspace:file-bytes',
      {
        path: '/etc/mosix.map',
      },
    );
    expect(result).toEqual({ ok: true, value: 1 });
    const [posted] = trusted.posted;
    expect(posted).toMatchObject({ channel: bridgeIpc.streamPort, message: { id: 1 } });
    const port = posted?.ports[0] as FakeMessagePortMain;
    await vi.waitFor(() => expect(port.received.at(-1)).toEqual({ type: 'end' }));
    const chunk = port.received[0] as { type: string; data: Uint8Array };
    expect(Buffer.from(chunk.data).toString()).toBe('1 192.168.0.254 1\n2 192.168.0.1 253\n');
  });

  it('carries a terminal’s keystrokes and size back on its MessagePort, and lets go when the port closes', async () => {
    const { record, source } = recordingDuplex();
    vi.spyOn(backend.services.terminals, 'stream').mockReturnValue(source as never);
    await fakeIpcMain.invoke(bridgeIpc.openStream, eventFrom(trusted), 'terminal:io', { terminalId: 't1' });
    const page = trusted.posted.at(-1)?.ports[0] as FakeMessagePortMain;
    const main = page.peer as FakeMessagePortMain;
    main.deliver({ type: 'message', payload: { type: 'input', data: 'hostname\r' } });
    main.deliver({ type: 'message', payload: { type: 'resize', cols: 120, rows: 40 } });
    main.deliver({ type: 'message', payload: { type: 'input', data: 42 } });
    page.close();
    expect(record).toEqual({
      received: [
        { type: 'input', data: 'hostname\r' },
        { type: 'resize', cols: 120, rows: 40 },
      ],
      detached: true,
    });
    source.end();
  });

  it('forwards service events to the window', async () => {
    await backend.services.workspace.openFolder('/tmp');
    expect(trusted.sent).toContainEqual({
      channel: 'workspace:workspace-changed',
      payload: expect.objectContaining({ kind: 'folder', root: '/tmp' }) as unknown,
    });
  });

  it('removes every handler when unbound', () => {
    unbind();
    expect(fakeIpcMain.handlers.size).toBe(0);
    unbind = () => undefined;
  });
});
