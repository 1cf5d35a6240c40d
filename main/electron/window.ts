import { BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';

export interface WindowPaths {
  preload: string;
  /** The built renderer's index.html. */
  index: string;
}

/** The console window: isolated, sandboxed, no Node in the page, no new windows, no navigation. */
export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Clusterdeck',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(paths.index);
  return window;
}

/** A sender is trusted when it is the console window's own page, loaded from the app's files. */
export function trustedSenderCheck(window: BrowserWindow, indexPath: string) {
  const expected = pathToFileURL(indexPath).href;
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (event.sender !== window.webContents || !frame || frame !== event.sender.mainFrame) return false;
    const url = frame.url.split(/[?#]/)[0];
    return url === expected;
  };
}
