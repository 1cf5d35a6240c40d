import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoClusterDir } from '../../main/paths.js';
import { startWebServer, type WebServer } from '../../main/web/web-server.js';
import { decodeStreamFrame, type ServerMessage } from '../../shared/ipc/wire.js';
import { demoBackend } from '../support/services.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let server: WebServer;
let base: string;
let token: string;

beforeEach(async () => {
  const rendererDir = await tempDir();
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Clusterdeck</title>');
  const { dispatcher, services } = await demoBackend();
  server = await startWebServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    dispatcher,
    events: services.events,
  });
  const url = new URL(server.url);
  token = url.searchParams.get('token') ?? '';
  base = `http://127.0.0.1:${server.port}`;
});

afterEach(() => server.dispose());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP GET, so the Host header can be anything (fetch would not let us lie). */
function get(urlPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${urlPath}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function signIn(): Promise<string> {
  const reply = await get(`/?token=${token}`);
  expect(reply.status).toBe(303);
  const cookie = String(reply.headers['set-cookie']).split(';')[0] ?? '';
  expect(cookie).toMatch(/^clusterdeck_session=/);
  return cookie;
}

function openSocket(headers: Record<string, string>, socketPath = '/api'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${socketPath}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;

describe('web mode access', () => {
  it('refuses a request without the token or cookie (401)', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('open the URL that `clusterdeck serve` printed');
  });

  it('refuses a wrong token (403)', async () => {
    expect((await get('/?token=guess')).status).toBe(403);
  });

  it('exchanges the token once for an HttpOnly, SameSite cookie that opens the console', async () => {
    const reply = await get(`/?token=${token}`);
    expect(reply.headers['location']).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const cookie = String(reply.headers['set-cookie']).split(';')[0] ?? '';

    const page = await get('/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Clusterdeck</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");

    expect((await get(`/?token=${token}`)).status).toBe(403);
  });

  it('refuses a request whose Host is not this server (DNS rebinding)', async () => {
    const cookie = await signIn();
    const reply = await get('/', { Cookie: cookie, Host: `rebind.attacker.example:${server.port}` });
    expect(reply.status).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = await signIn();
    expect((await get('/..%2f..%2fetc%2fpasswd', { Cookie: cookie })).status).toBe(404);
  });

  it.each(['/api', '/api/stream'])(
    'refuses a WebSocket to %s without the session cookie',
    async (socketPath) => {
      await expect(openSocket({ Origin: origin() }, socketPath)).rejects.toThrow('HTTP 401');
    },
  );

  it('has no WebSocket anywhere else', async () => {
    const cookie = await signIn();
    await expect(openSocket({ Cookie: cookie, Origin: origin() }, '/api/other')).rejects.toThrow('HTTP 404');
  });

  it('refuses a WebSocket from a foreign Origin, even with the cookie', async () => {
    const cookie = await signIn();
    await expect(openSocket({ Cookie: cookie, Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a WebSocket with a rebound Host', async () => {
    const cookie = await signIn();
    const headers = { Cookie: cookie, Origin: origin(), Host: `evil.example:${server.port}` };
    await expect(openSocket(headers)).rejects.toThrow('HTTP 403');
  });
});

describe('the contract over the WebSocket', () => {
  async function connect(socketPath = '/api', cookie?: string) {
    const socket = await openSocket({ Cookie: cookie ?? (await signIn()), Origin: origin() }, socketPath);
    const messages: ServerMessage[] = [];
    const frames: Array<{ id: number; data: Uint8Array }> = [];
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) frames.push(decodeStreamFrame(new Uint8Array(data))!);
      else messages.push(JSON.parse(data.toString()) as ServerMessage);
    });
    const next = async (predicate: (message: ServerMessage) => boolean) => {
      await expect.poll(() => messages.some(predicate)).toBe(true);
      return messages.find(predicate)!;
    };
    return {
      socket,
      messages,
      frames,
      next,
      send: (message: object) => socket.send(JSON.stringify(message)),
    };
  }

  it('lists the demo cluster’s files', async () => {
    const { socket, send, next } = await connect();
    send({ type: 'invoke', id: 1, channel: 'workspace:list-files', input: {} });
    const reply = await next((m) => m.type === 'result' && m.id === 1);
    const files = (reply as { result: { value: Array<{ path: string; found: boolean }> } }).result.value;
    expect(files.filter((file) => file.found).map((file) => file.path)).toContain('/etc/mosix.map');
    socket.close();
  });

  it('streams a file’s exact bytes and ends the stream', async () => {
    const { socket, send, next, frames } = await connect();
    send({ type: 'stream-open', id: 5, channel: 'workspace:file-bytes', input: { path: '/etc/hosts' } });
    await next((m) => m.type === 'stream-notice' && m.id === 5);
    const received = Buffer.concat(frames.filter((f) => f.id === 5).map((f) => f.data));
    expect(received.equals(await readFile(path.join(demoClusterDir, 'etc/hosts')))).toBe(true);
    socket.close();
  });

  it('streams over a socket of its own, which carries no events', async () => {
    const cookie = await signIn();
    const main = await connect('/api', cookie);
    const own = await connect('/api/stream', cookie);
    own.send({ type: 'stream-open', id: 1, channel: 'workspace:file-bytes', input: { path: '/etc/hosts' } });
    await own.next((m) => m.type === 'stream-notice' && m.id === 1);
    const received = Buffer.concat(own.frames.map((f) => f.data));
    expect(received.equals(await readFile(path.join(demoClusterDir, 'etc/hosts')))).toBe(true);

    main.send({ type: 'invoke', id: 2, channel: 'workspace:open-folder', input: { path: '/tmp' } });
    await main.next((m) => m.type === 'event');
    await main.next((m) => m.type === 'result' && m.id === 2);
    expect(own.messages.map((m) => m.type)).toEqual(['stream-notice']);
    main.socket.close();
    own.socket.close();
  });

  it('pushes an event when the workspace changes', async () => {
    const { socket, send, next } = await connect();
    send({ type: 'invoke', id: 2, channel: 'workspace:open-folder', input: { path: '/tmp' } });
    const event = await next((m) => m.type === 'event');
    expect(event).toMatchObject({
      channel: 'workspace:workspace-changed',
      payload: { kind: 'folder', root: '/tmp' },
    });
    socket.close();
  });

  it('closes the socket on a message outside the protocol', async () => {
    const { socket } = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send('{"type":"exec","command":"id"}');
    expect(await closed).toBe(1008);
  });
});
