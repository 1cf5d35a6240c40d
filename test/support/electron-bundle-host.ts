/**
 * Loads the built Electron main bundle (out/electron/main.cjs) in plain Node with the fake
 * `electron` module, as far as the console window and a first call from its page: what the
 * desktop app does at start-up, short of Electron's binary, which cannot be downloaded here.
 * Prints one JSON line: the page's file, and the page's `app:get-info` answer.
 * Usage: tsx electron-bundle-host.ts BUNDLE APP_ROOT USER_DATA
 */
import Module, { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import * as fake from './fake-electron.js';

const [bundle, appRoot, userData] = process.argv.slice(2);
if (bundle === undefined || appRoot === undefined || userData === undefined)
  throw new Error('usage: electron-bundle-host BUNDLE APP_ROOT USER_DATA');
fake.fakeApp.appPath = appRoot;
fake.fakeApp.userData = userData;
fake.fakeSafeStorage.available = false;
const electron = {
  app: fake.fakeApp,
  session: fake.fakeSession,
  BrowserWindow: fake.FakeBrowserWindow,
  ipcMain: fake.fakeIpcMain,
  MessageChannelMain: fake.FakeMessageChannelMain,
  safeStorage: fake.fakeSafeStorage,
};

type Load = (request: string, ...rest: unknown[]) => unknown;
const modules = Module as unknown as { _load: Load };
const load = modules._load;
modules._load = (request, ...rest) => (request === 'electron' ? electron : load(request, ...rest));

createRequire(import.meta.url)(bundle);

for (let waited = 0; !fake.fakeIpcMain.handlers.has('app:get-info'); waited += 50) {
  if (fake.fakeApp.exitCode !== undefined || waited > 20_000) {
    console.log(JSON.stringify({ exitCode: fake.fakeApp.exitCode ?? 'timeout' }));
    process.exit(1);
  }
  await sleep(50);
}
const window = fake.FakeBrowserWindow.created[0];
if (!window) throw new Error('the bundle bound the contract without opening a window');
const contents = window.webContents;
const info = await fake.fakeIpcMain.invoke(
  'app:get-info',
  { sender: contents, senderFrame: contents.mainFrame },
  {},
);
console.log(JSON.stringify({ page: window.loadedFile, info }));
process.exit(0);
