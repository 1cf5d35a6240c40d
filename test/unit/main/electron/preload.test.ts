import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterdeckBridge } from '../../../../shared/ipc/bridge.js';
import { bridgeIpc } from '../../../../shared/ipc/bridge.js';
import { exposed, fakeIpcRenderer } from '../../../support/fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('../../../support/fake-electron.js');
  return { contextBridge: fake.fakeContextBridge, ipcRenderer: fake.fakeIpcRenderer };
});

let bridge: ClusterdeckBridge;

beforeAll(async () => {
  await import('../../../../main/electron/preload.js');
  bridge = exposed.get('clusterdeck') as ClusterdeckBridge;
});

describe('the preload', () => {
  it('exposes one object, window.clusterdeck, with the contract’s three verbs', () => {
    expect([...exposed.keys()]).toEqual(['clusterdeck']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'openStream', 'subscribe']);
  });

  it('forwards a contract channel to main', async () => {
    fakeIpcRenderer.invoked.length = 0;
    await expect(bridge.invoke('workspace:list-files', {})).resolves.toEqual({
      ok: true,
      value: 'from main',
    });
    expect(fakeIpcRenderer.invoked).toEqual([['workspace:list-files', {}]]);
  });

  it('never sends a channel outside the contract to main', async () => {
    fakeIpcRenderer.invoked.length = 0;
    const result = await bridge.invoke('bridge:open-stream', 'workspace:file-bytes');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await bridge.openStream('fs:read', { path: '/etc/shadow' });
    expect(fakeIpcRenderer.invoked).toEqual([]);
  });

  it('opens a contract stream through the bridge channel', async () => {
    fakeIpcRenderer.invoked.length = 0;
    await bridge.openStream('workspace:file-bytes', { path: '/etc/hosts' });
    expect(fakeIpcRenderer.invoked).toEqual([
      [bridgeIpc.openStream, 'workspace:file-bytes', { path: '/etc/hosts' }],
    ]);
  });

  it('subscribes only to contract events and can unsubscribe', () => {
    expect(() => bridge.subscribe('ipc:everything', () => undefined)).toThrow('no such event');
    const seen: unknown[] = [];
    const stop = bridge.subscribe('workspace:workspace-changed', (payload) => seen.push(payload));
    fakeIpcRenderer.emit('workspace:workspace-changed', {}, { kind: 'demo' });
    stop();
    fakeIpcRenderer.emit('workspace:workspace-changed', {}, { kind: 'folder' });
    expect(seen).toEqual([{ kind: 'demo' }]);
  });
});
