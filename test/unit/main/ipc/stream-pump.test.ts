import { describe, expect, it } from 'vitest';
import { pumpStream, type StreamSink } from '../../../../main/ipc/stream-pump.js';
import { STREAM_HIGH_WATERMARK } from '../../../../shared/ipc/flow-window.js';
import type { IpcError } from '../../../../shared/ipc/errors.js';
import { recordingDuplex } from '../../../support/fake-duplex.js';

const CHUNK = 64 * 1024;

/** A source that counts how many chunks were pulled from it. */
function countingSource(chunks: number) {
  const state = { pulled: 0, closed: false };
  async function* generate() {
    try {
      for (let i = 0; i < chunks; i++) {
        state.pulled += 1;
        yield await Promise.resolve(new Uint8Array(CHUNK));
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: generate() };
}

function recordingSink() {
  const record = { bytes: 0, ended: false, error: undefined as IpcError | undefined };
  const sink: StreamSink = {
    send: (chunk) => (record.bytes += chunk.byteLength),
    end: () => (record.ended = true),
    fail: (error) => (record.error = error),
  };
  return { record, sink };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('pumpStream', () => {
  it('stops pulling from the source at the high watermark until acknowledged', async () => {
    const { state, source } = countingSource(64);
    const { record, sink } = recordingSink();
    const pumped = pumpStream(source, sink);
    await settle();

    expect(record.bytes).toBe(STREAM_HIGH_WATERMARK);
    expect(state.pulled).toBe(STREAM_HIGH_WATERMARK / CHUNK);

    pumped.control({ type: 'ack', bytes: record.bytes });
    await settle();
    expect(record.bytes).toBe(2 * STREAM_HIGH_WATERMARK);
  });

  it('ends the sink after the last chunk', async () => {
    const { source } = countingSource(3);
    const { record, sink } = recordingSink();
    await pumpStream(source, sink).done;
    expect(record).toMatchObject({ bytes: 3 * CHUNK, ended: true, error: undefined });
  });

  it('closes the source when the receiver cancels while paused', async () => {
    const { state, source } = countingSource(64);
    const { record, sink } = recordingSink();
    const pumped = pumpStream(source, sink);
    await settle();
    pumped.control({ type: 'cancel' });
    await pumped.done;
    expect(state.closed).toBe(true);
    expect(record.ended).toBe(false);
  });

  it('reports a failing source as an error value', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(new Uint8Array(1));
      throw new Error('EIO: read failed');
    }
    const { record, sink } = recordingSink();
    await pumpStream(failing(), sink).done;
    expect(record.error).toEqual({ code: 'internal', message: 'EIO: read failed' });
  });

  it('hands a two-way source its reader’s messages, and tells it when the reader is gone', async () => {
    const { record, source } = recordingDuplex();
    const pumped = pumpStream(source, recordingSink().sink);
    pumped.control({ type: 'message', payload: { type: 'input', data: 'ls\n' } });
    pumped.control({ type: 'cancel' });
    pumped.control({ type: 'message', payload: { type: 'input', data: 'late' } });
    source.end();
    await pumped.done;
    expect(record).toEqual({ received: [{ type: 'input', data: 'ls\n' }], detached: true });
  });
});
