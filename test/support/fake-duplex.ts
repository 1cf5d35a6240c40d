import type { DuplexSource } from '../../main/ipc/stream-pump.js';

/** A two-way stream source that records what its reader sent, and yields nothing until ended. */
export function recordingDuplex() {
  const record = { received: [] as unknown[], detached: false };
  let finish: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const source: DuplexSource & { end(): void } = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        await ended;
        return { done: true, value: undefined };
      },
    }),
    receive: (message) => record.received.push(message),
    detach: () => (record.detached = true),
    end: () => finish(),
  };
  return { record, source };
}
