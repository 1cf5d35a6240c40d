/**
 * The transport-independent half of every transport: looks a channel up in the contract,
 * parses the raw input, runs the handler and checks its output. Whatever goes wrong comes
 * back as an error value, never as an exception.
 */
import {
  invokeChannels,
  isInvokeChannel,
  isStreamChannel,
  streamChannels,
} from '../../shared/ipc/contract.js';
import { AppError, describeIssues, toIpcError, type Result } from '../../shared/ipc/errors.js';
import type { z } from 'zod';
import type { Handlers } from './handlers.js';
import { isDuplex, type DuplexSource } from './stream-pump.js';

export interface Dispatcher {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
  openStream(channel: string, rawInput: unknown): Result<AsyncIterable<Uint8Array>>;
}

function fail(code: 'invalid-input' | 'unknown-channel', message: string): Result<never> {
  return { ok: false, error: new AppError(code, message).toData() };
}

/** Hands a two-way stream only the reader's messages its channel's schema accepts. */
function checkingMessages(source: AsyncIterable<Uint8Array>, schema: z.ZodType): DuplexSource {
  return {
    [Symbol.asyncIterator]: () => source[Symbol.asyncIterator](),
    receive(raw) {
      const message = schema.safeParse(raw);
      if (message.success && isDuplex(source)) source.receive(message.data);
    },
    detach: () => (isDuplex(source) ? source.detach?.() : undefined),
    ...(isDuplex(source) && source.watermarks ? { watermarks: source.watermarks } : {}),
  };
}

export function createDispatcher(handlers: Handlers): Dispatcher {
  return {
    async invoke(channel, rawInput) {
      if (!isInvokeChannel(channel)) return fail('unknown-channel', `no such channel: ${channel}`);
      const spec = invokeChannels[channel];
      const input = spec.input.safeParse(rawInput);
      if (!input.success) return fail('invalid-input', `${channel}: ${describeIssues(input.error)}`);
      try {
        const handler = handlers.invoke[channel] as (input: unknown) => unknown;
        const output = spec.output.safeParse(await handler(input.data));
        if (!output.success) {
          const message = `${channel} produced an invalid answer: ${describeIssues(output.error)}`;
          return { ok: false, error: { code: 'invalid-output', message } };
        }
        return { ok: true, value: output.data };
      } catch (error) {
        return { ok: false, error: toIpcError(error) };
      }
    },

    openStream(channel, rawInput) {
      if (!isStreamChannel(channel)) return fail('unknown-channel', `no such stream: ${channel}`);
      const input = streamChannels[channel].input.safeParse(rawInput);
      if (!input.success) return fail('invalid-input', `${channel}: ${describeIssues(input.error)}`);
      const spec = streamChannels[channel];
      const handler = handlers.streams[channel] as (input: unknown) => AsyncIterable<Uint8Array>;
      try {
        const source = handler(input.data);
        return { ok: true, value: 'messages' in spec ? checkingMessages(source, spec.messages) : source };
      } catch (error) {
        return { ok: false, error: toIpcError(error) };
      }
    },
  };
}
