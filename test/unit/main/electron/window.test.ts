import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, trustedSenderCheck } from '../../../../main/electron/window.js';
import type { FakeBrowserWindow } from '../../../support/fake-electron.js';
import { type FakeWebContents } from '../../../support/fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('../../../support/fake-electron.js');
  return { BrowserWindow: fake.FakeBrowserWindow };
});

const paths = { preload: '/app/out/electron/preload.cjs', index: '/app/out/renderer/index.html' };

function openWindow() {
  const window = createMainWindow(paths) as unknown as FakeBrowserWindow;
  return { window, contents: window.webContents };
}

function preventable() {
  return { preventDefault: vi.fn() };
}

describe('the console window', () => {
  it('isolates the page: context isolation, sandbox, no Node', () => {
    const { window } = openWindow();
    expect(window.options['webPreferences']).toMatchObject({
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.loadedFile).toBe(paths.index);
  });

  it('denies window.open', () => {
    const { contents } = openWindow();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (eventName) => {
    const { contents } = openWindow();
    const event = preventable();
    contents.emit(eventName, event, 'https://example.org/');
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('the trusted-sender check', () => {
  const check = () => {
    const { window, contents } = openWindow();
    return { contents, isTrusted: trustedSenderCheck(window as never, paths.index) };
  };
  const event = (sender: FakeWebContents, frame: { url: string } | null) =>
    ({ sender, senderFrame: frame }) as never;

  it('trusts the console page in the main frame of its own window', () => {
    const { contents, isTrusted } = check();
    expect(isTrusted(event(contents, contents.mainFrame))).toBe(true);
  });

  it('rejects another window, a sub-frame, a foreign page and a missing frame', () => {
    const { contents, isTrusted } = check();
    const other = openWindow().contents;
    expect(isTrusted(event(other, other.mainFrame))).toBe(false);
    expect(isTrusted(event(contents, { url: contents.mainFrame.url }))).toBe(false);
    contents.mainFrame.url = 'https://attacker.example/index.html';
    expect(isTrusted(event(contents, contents.mainFrame))).toBe(false);
    expect(isTrusted(event(contents, null))).toBe(false);
  });
});
