/** The Electron entry: starts the services, opens the window, binds the contract. Kept thin. */
import { app, session } from 'electron';
import path from 'node:path';
import { createDispatcher } from '../ipc/dispatcher.js';
import { createHandlers } from '../ipc/handlers.js';
import { Services } from '../services/services.js';
import { electronProfileStore, keychainVault } from './desktop-stores.js';
import { bindContract } from './ipc-bridge.js';
import { createMainWindow, trustedSenderCheck } from './window.js';

async function start(): Promise<void> {
  app.enableSandbox();
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, decide) => decide(false));

  const appRoot = app.getAppPath();
  const demoRoot = app.isPackaged
    ? path.join(process.resourcesPath, 'demo-cluster')
    : path.join(appRoot, 'resources', 'demo-cluster');
  const services = await Services.create({
    appInfo: { name: 'Clusterdeck', version: app.getVersion(), mode: 'desktop' },
    demoRoot,
    profileStore: electronProfileStore(),
    secretVault: keychainVault(),
  });

  const paths = {
    preload: path.join(appRoot, 'out', 'electron', 'preload.cjs'),
    index: path.join(appRoot, 'out', 'renderer', 'index.html'),
  };
  const window = createMainWindow(paths);
  const unbind = bindContract({
    dispatcher: createDispatcher(createHandlers(services)),
    events: services.events,
    target: window.webContents,
    isTrustedSender: trustedSenderCheck(window, paths.index),
  });
  window.on('closed', unbind);
  app.on('window-all-closed', () => app.quit());
}

start().catch((error: unknown) => {
  console.error('Clusterdeck failed to start:', error);
  app.exit(1);
});
