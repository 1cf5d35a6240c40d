/**
 * Web mode: the built renderer and the contract over HTTP and a WebSocket, for a browser
 * on this machine (or through an SSH tunnel). Binds loopback unless told otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dispatcher } from '../ipc/dispatcher.js';
import type { EventBus } from '../services/event-bus.js';
import { readStaticFile } from './static-files.js';
import { WebAuth } from './web-auth.js';
import { serveContract } from './ws-connection.js';

export const API_PATH = '/api';
/**
 * A socket for one stream (the page opens one per terminal): its bytes never queue behind
 * another stream's, so a flood in one terminal does not delay the echo in another.
 */
export const STREAM_PATH = '/api/stream';
const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  dispatcher: Dispatcher;
  events: EventBus;
}

export interface WebServer {
  /** The URL with the one-time token, to print for the user. */
  url: string;
  port: number;
  dispose(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

function hostNames(host: string): string[] {
  return LOOPBACK_NAMES.includes(host) ? LOOPBACK_NAMES : [host];
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  // The Host and Origin checks need the port, known only now; no request is handled before.
  const port = (server.address() as AddressInfo).port;
  const auth = new WebAuth(hostNames(options.host), port);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  sockets.on('connection', (socket, request: IncomingMessage) =>
    serveContract(socket, options.dispatcher, pathOf(request) === API_PATH ? options.events : undefined),
  );

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void handleRequest(auth, options.rendererDir, request, response);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(auth, request);
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.reason);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  return {
    url: `http://${urlHost(options.host)}:${port}/?token=${auth.token}`,
    port,
    async dispose() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Refusal {
  status: number;
  reason: string;
}

const pathOf = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://placeholder').pathname;

function upgradeRefusal(auth: WebAuth, request: IncomingMessage): Refusal | undefined {
  if (pathOf(request) !== API_PATH && pathOf(request) !== STREAM_PATH)
    return { status: 404, reason: 'Not Found' };
  if (!auth.isAllowedHost(request.headers.host)) return { status: 403, reason: 'Forbidden Host' };
  if (!auth.isAllowedOrigin(request.headers.origin)) return { status: 403, reason: 'Forbidden Origin' };
  if (!auth.hasSession(request.headers.cookie)) return { status: 401, reason: 'Unauthorized' };
  return undefined;
}

async function handleRequest(
  auth: WebAuth,
  rendererDir: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!auth.isAllowedHost(request.headers.host)) {
    reply(response, 403, 'Forbidden: unexpected Host header.');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    reply(response, 405, 'Method not allowed.');
    return;
  }
  const url = new URL(request.url ?? '/', 'http://placeholder');
  const token = url.searchParams.get('token');
  if (token !== null) {
    redeemToken(auth, token, request, response);
    return;
  }
  if (!auth.hasSession(request.headers.cookie)) {
    reply(
      response,
      401,
      'Clusterdeck: open the URL that `clusterdeck serve` printed (it carries a one-time token).',
    );
    return;
  }
  try {
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) {
      reply(response, 404, 'Not found.');
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  } catch (error) {
    reply(response, 500, `Could not read the console's files: ${(error as Error).message}`);
  }
}

function redeemToken(auth: WebAuth, token: string, request: IncomingMessage, response: ServerResponse): void {
  const session = auth.redeem(token);
  if (session === undefined && !auth.hasSession(request.headers.cookie)) {
    reply(
      response,
      403,
      'Forbidden: this token is wrong or was already used. Restart `clusterdeck serve` for a new URL.',
    );
    return;
  }
  const headers: Record<string, string> = {
    Location: '/',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  };
  if (session !== undefined) headers['Set-Cookie'] = auth.sessionCookie(session);
  response.writeHead(303, headers);
  response.end();
}
