/**
 * Messages of the transports. Stream control and notices are the same on both; the
 * WebSocket of web mode wraps them with ids and adds invoke/event framing, while Electron
 * carries invokes and events on ipc channels and each stream on its own MessagePort.
 */
import { z } from 'zod';
import { IpcErrorSchema, ResultSchema } from './errors.js';

/** Renderer → backend, about one open stream. */
export const StreamControlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ack'), bytes: z.number().int().positive() }),
  z.object({ type: z.literal('cancel') }),
  /** For a two-way stream (a terminal): what the reader sends, checked by its channel's schema. */
  z.object({ type: z.literal('message'), payload: z.unknown() }),
]);
export type StreamControl = z.infer<typeof StreamControlSchema>;

/** Backend → renderer, about one open stream (its bytes travel separately). */
export const StreamNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('error'), error: IpcErrorSchema }),
]);
export type StreamNotice = z.infer<typeof StreamNoticeSchema>;

/** A chunk of a stream on a MessagePort (Electron). */
export const PortChunkSchema = z.object({
  type: z.literal('chunk'),
  data: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes'),
});
export const PortMessageSchema = z.union([PortChunkSchema, StreamNoticeSchema]);
export type PortMessage = z.infer<typeof PortMessageSchema>;

const RequestId = z.number().int().nonnegative();

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: RequestId, channel: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('stream-open'), id: RequestId, channel: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('stream-control'), id: RequestId, control: StreamControlSchema }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: RequestId, result: ResultSchema }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('stream-notice'), id: RequestId, notice: StreamNoticeSchema }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Binary WebSocket frames carry stream bytes: a 4-byte big-endian stream id, then data. */
export const STREAM_FRAME_HEADER_BYTES = 4;

export function encodeStreamFrame(id: number, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(STREAM_FRAME_HEADER_BYTES + data.byteLength);
  new DataView(frame.buffer).setUint32(0, id);
  frame.set(data, STREAM_FRAME_HEADER_BYTES);
  return frame;
}

export function decodeStreamFrame(frame: Uint8Array): { id: number; data: Uint8Array } | undefined {
  if (frame.byteLength < STREAM_FRAME_HEADER_BYTES) return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { id: view.getUint32(0), data: frame.subarray(STREAM_FRAME_HEADER_BYTES) };
}
