import { access } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher } from '../ipc/dispatcher.js';
import { createHandlers } from '../ipc/handlers.js';
import { demoClusterDir, rendererDir } from '../paths.js';
import { Services } from '../services/services.js';
import { startWebServer } from '../web/web-server.js';
import { CliError } from './exit-codes.js';
import type { CliIo } from './io.js';

export interface ServeOptions {
  host: string;
  port: number;
  root?: string | undefined;
  version: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new CliError(`--port: '${text}' is not a port number (0-65535)`);
  return port;
}

/** Serves web mode until the process is told to stop; resolves once everything is closed. */
export async function serve(options: ServeOptions, io: CliIo, stopped: Promise<void>): Promise<void> {
  try {
    await access(path.join(rendererDir, 'index.html'));
  } catch {
    throw new CliError('the console is not built yet: run `npm run build` first');
  }
  const services = await Services.create({
    appInfo: { name: 'Clusterdeck', version: options.version, mode: 'web' },
    demoRoot: demoClusterDir,
    initialFolder: options.root,
  }).catch((error: unknown) => {
    throw new CliError(`--root: ${(error as Error).message}`);
  });
  if (!LOOPBACK.has(options.host)) {
    io.stderr(
      `warning: listening on ${options.host}; anyone who can reach it and learns the URL can use the console`,
    );
  }
  const server = await startWebServer({
    host: options.host,
    port: options.port,
    rendererDir,
    dispatcher: createDispatcher(createHandlers(services)),
    events: services.events,
  }).catch((error: unknown) => {
    throw new CliError(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
  });
  io.stdout(`Clusterdeck web console (${services.workspace.workspace.label}): ${server.url}`);
  io.stdout('Open that URL in a browser on this machine; press Ctrl+C to stop.');
  await stopped;
  await server.dispose();
  await services.dispose();
}
