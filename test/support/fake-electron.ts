/**
 * A stand-in for the parts of the `electron` module the shell uses, recording what the
 * shell asked of it. The Electron binary cannot be downloaded on our machines; these tests
 * check the shell's own decisions (security settings, sender checks, input parsing).
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Handler>();
  on(channel: string, listener: Handler): void {
    this.listeners.set(channel, listener);
  }
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as Electron would for `ipcRenderer.invoke(channel, ...args)`. */
  invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(handler(event, ...args));
  }
}

export class FakeMessagePortMain extends EventEmitter {
  peer?: FakeMessagePortMain;
  readonly received: unknown[] = [];
  closed = false;
  postMessage(message: unknown): void {
    this.peer?.received.push(message);
  }
  start(): void {}
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peer?.emit('close');
  }
  /** Delivers a message as if the other side had posted it. */
  deliver(data: unknown): void {
    this.emit('message', { data });
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly posted: Array<{ channel: string; message: unknown; ports: unknown[] }> = [];
  windowOpenHandler?: (details: unknown) => { action: string };
  readonly mainFrame = { url: '' };
  isDestroyed(): boolean {
    return false;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  postMessage(channel: string, message: unknown, ports: unknown[]): void {
    this.posted.push({ channel, message, ports });
  }
  setWindowOpenHandler(handler: (details: unknown) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile?: string;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.mainFrame.url = new URL(`file://${file}`).href;
    return Promise.resolve();
  }
  show(): void {}
}

export const fakeIpcMain = new FakeIpcMain();

/** The renderer side: what the preload asks of `contextBridge` and `ipcRenderer`. */
export class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  invoke(...args: unknown[]): Promise<unknown> {
    this.invoked.push(args);
    return Promise.resolve({ ok: true, value: 'from main' });
  }
}

export const exposed = new Map<string, unknown>();
export const fakeContextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposed.set(key, api);
  },
};
export const fakeIpcRenderer = new FakeIpcRenderer();

/** `app` as electron-store and the shell use it: a userData folder and app folder the test chooses. */
export const fakeApp = {
  userData: '',
  appPath: '',
  isPackaged: false,
  exitCode: undefined as number | undefined,
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app has no path ${name}`);
    return this.userData;
  },
  getAppPath(): string {
    return this.appPath;
  },
  getVersion: () => '0.0.0-test',
  enableSandbox(): void {},
  whenReady: () => Promise.resolve(),
  on(): void {},
  quit(): void {},
  exit(code: number): void {
    this.exitCode = code;
  },
};

export const fakeSession = {
  defaultSession: { setPermissionRequestHandler(): void {} },
};

/**
 * safeStorage with a test cipher (bytes reversed and tagged) and a chosen Linux backend, so a
 * test can tell sealed bytes from plain text and see which keychains count as real.
 */
export const fakeSafeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    return Buffer.concat([Buffer.from('sealed:'), Buffer.from(plain).reverse()]);
  },
  decryptString(sealed: Buffer): string {
    if (!sealed.subarray(0, 7).equals(Buffer.from('sealed:'))) throw new Error('not sealed here');
    return Buffer.from(sealed.subarray(7)).reverse().toString();
  },
};
