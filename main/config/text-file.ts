/**
 * Writing a text file through one reused buffer. `FileHandle.writeFile(text)` encodes the whole
 * text into a fresh buffer first: for a 6 MB dhcpd.conf that is 1,500 new memory pages to touch,
 * several times the cost of the write itself.
 */
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;
const encoder = new TextEncoder();
/** The buffer the last write gave back; a write running beside another one makes its own. */
let spare: Uint8Array | undefined;

/** Writes `text` as UTF-8 at the handle's position, a megabyte at a time. */
export async function writeText(handle: FileHandle, text: string): Promise<void> {
  const chunk = spare ?? new Uint8Array(CHUNK_BYTES);
  spare = undefined;
  try {
    // encodeInto stops before a character that does not fit whole, so no character is split.
    for (let offset = 0; offset < text.length;) {
      const { read, written } = encoder.encodeInto(offset === 0 ? text : text.slice(offset), chunk);
      offset += read;
      for (let done = 0; done < written;)
        done += (await handle.write(chunk, done, written - done)).bytesWritten;
    }
  } finally {
    spare = chunk;
  }
}
