import type net from 'node:net';

/**
 * Lets a socket deliver one read per turn of the event loop. libuv reads a ready socket up to 32
 * times, 64 kB each, before it looks at anything else: a flooding shell's connection held the
 * console's loop for 100–300 ms at a time, and with it every keystroke, timer and page message.
 * Paused, the socket stops reading once its stream buffer is full, so the turn ends there.
 */
export function readOncePerTurn(socket: net.Socket): void {
  socket.on('data', () => {
    socket.pause();
    setImmediate(() => socket.resume());
  });
}
