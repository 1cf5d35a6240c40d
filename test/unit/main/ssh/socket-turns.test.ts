import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readOncePerTurn } from '../../../../main/ssh/socket-turns.js';

describe('readOncePerTurn', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  /**
   * The most reads a socket delivered within one turn of the event loop, once 8 MB sat in the
   * kernel's buffers waiting for it (as a flood does behind a busy loop).
   */
  async function mostReadsInOneTurn(takeTurns: boolean): Promise<{ most: number; bytes: number }> {
    const payload = Buffer.alloc(8 * 1024 * 1024, 'A');
    const server = net.createServer((peer) => peer.end(payload));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect({ port, host: '127.0.0.1' });
    cleanups.push(() => {
      socket.destroy();
      server.close();
    });
    socket.pause();
    await sleep(300);
    if (takeTurns) readOncePerTurn(socket);
    let most = 0;
    let thisTurn = 0;
    let bytes = 0;
    let ended = false;
    // Marks each turn; scheduled a turn ahead, it runs before what the socket's reads schedule.
    const nextTurn = () => {
      thisTurn = 0;
      if (!ended) setImmediate(nextTurn);
    };
    setImmediate(nextTurn);
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
        most = Math.max(most, ++thisTurn);
      });
      socket.once('end', resolve);
      socket.resume();
    });
    ended = true;
    return { most, bytes };
  }

  it('delivers one read per turn, where libuv alone delivers many, and every byte still arrives', async () => {
    const alone = await mostReadsInOneTurn(false);
    const taking = await mostReadsInOneTurn(true);
    expect(alone.most).toBeGreaterThan(1);
    expect(taking.most).toBe(1);
    expect(taking.bytes).toBe(8 * 1024 * 1024);
  });
});
