import { toIpcError, type IpcError } from '../../shared/ipc/errors.js';
import { FlowWindow, STREAM_HIGH_WATERMARK, STREAM_LOW_WATERMARK } from '../../shared/ipc/flow-window.js';
import type { StreamControl } from '../../shared/ipc/wire.js';

/** Where a transport puts one stream's bytes and its end. */
export interface StreamSink {
  send(chunk: Uint8Array): void;
  end(): void;
  fail(error: IpcError): void;
}

export interface PumpedStream {
  /** Feed the receiver's acknowledgements and cancellation here. */
  control(message: StreamControl): void;
  /** Settles when the source is exhausted, failed or cancelled. */
  done: Promise<void>;
}

/**
 * Moves a source's bytes to a sink, never letting more than the high watermark sit
 * unacknowledged; stops reading the source while paused, so backpressure reaches it.
 */
export function pumpStream(source: AsyncIterable<Uint8Array>, sink: StreamSink): PumpedStream {
  const window = new FlowWindow(STREAM_HIGH_WATERMARK, STREAM_LOW_WATERMARK);
  let cancelled = false;
  let wake: (() => void) | undefined;
  const resume = () => {
    wake?.();
    wake = undefined;
  };

  async function run(): Promise<void> {
    try {
      for await (const chunk of source) {
        if (cancelled) return;
        sink.send(chunk);
        if (window.sent(chunk.byteLength)) await new Promise<void>((resolve) => (wake = resolve));
        if (cancelled) return;
      }
      sink.end();
    } catch (error) {
      if (!cancelled) sink.fail(toIpcError(error));
    }
  }

  return {
    control(message) {
      if (message.type === 'cancel') {
        cancelled = true;
        resume();
      } else if (window.acknowledged(message.bytes)) {
        resume();
      }
    },
    done: run(),
  };
}
