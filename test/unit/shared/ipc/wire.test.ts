import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientMessageSchema, decodeStreamFrame, encodeStreamFrame } from '../../../../shared/ipc/wire.js';

describe('stream frames', () => {
  it('carry any stream id and bytes unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ maxLength: 512 }), (id, data) => {
        const decoded = decodeStreamFrame(encodeStreamFrame(id, data));
        expect(decoded?.id).toBe(id);
        expect(Array.from(decoded?.data ?? [])).toEqual(Array.from(data));
      }),
    );
  });

  it('refuse a frame too short to hold a stream id', () => {
    expect(decodeStreamFrame(new Uint8Array([1, 2]))).toBeUndefined();
  });

  it('decode a frame that is a view into a larger buffer', () => {
    const backing = new Uint8Array(16);
    backing.set(encodeStreamFrame(7, new Uint8Array([9, 8])), 5);
    expect(decodeStreamFrame(backing.subarray(5, 11))).toEqual({ id: 7, data: new Uint8Array([9, 8]) });
  });
});

describe('client messages', () => {
  it('accept an invoke and refuse a message of no known type', () => {
    expect(
      ClientMessageSchema.safeParse({ type: 'invoke', id: 1, channel: 'app:get-info', input: {} }).success,
    ).toBe(true);
    expect(ClientMessageSchema.safeParse({ type: 'shell', id: 1 }).success).toBe(false);
  });
});
