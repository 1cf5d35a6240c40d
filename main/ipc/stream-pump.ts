import { toIpcError, type IpcError } from '../../shared/ipc/errors.js';
import { FlowWindow, STREAM_HIGH_WATERMARK, STREAM_LOW_WATERMARK } from '../../shared/ipc/flow-window.js';
import type { StreamControl } from '../../shared/ipc/wire.js';

/** Where a transport puts one stream's bytes and its end. */
export interface StreamSink {
  send(chunk: Uint8Array): void;
  end(): void;
  fail(error: IpcError): void;
}

/** A source that also hears from its reader: a terminal's keystrokes and size. */
export interface DuplexSource<M = unknown> extends AsyncIterable<Uint8Array> {
  receive(message: M): void;
  /** The reader is gone (cancelled): it will take no more output. */
  detach?(): void;
  /** Watermarks of its own (an interactive stream wants little in flight ahead of an echo). */
  watermarks?: { high: number; low: number };
}

export function isDuplex(source: AsyncIterable<Uint8Array>): source is DuplexSource {
  return typeof (source as Partial<DuplexSource>).receive === 'function';
}

export interface PumpedStream {
  /** Feed the receiver's acknowledgements, messages and cancellation here. */
  control(message: StreamControl): void;
  /** Settles when the source is exhausted, failed or cancelled. */
  done: Promise<void>;
}

/**
 * Moves a source's bytes to a sink, never letting more than the high watermark sit
 * unacknowledged; stops reading the source while paused, so backpressure reaches it.
 */
export function pumpStream(source: AsyncIterable<Uint8Array>, sink: StreamSink): PumpedStream {
  const own = isDuplex(source) ? source.watermarks : undefined;
  const window = new FlowWindow(own?.high ?? STREAM_HIGH_WATERMARK, own?.low ?? STREAM_LOW_WATERMARK);
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
      switch (message.type) {
        case 'cancel':
          cancelled = true;
          resume();
          if (isDuplex(source)) source.detach?.();
          break;
        case 'ack':
          if (window.acknowledged(message.bytes)) resume();
          break;
        case 'message':
          if (!cancelled && isDuplex(source)) source.receive(message.payload);
          break;
      }
    },
    done: run(),
  };
}
