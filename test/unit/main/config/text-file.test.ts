import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeText } from '../../../../main/config/text-file.js';

describe('writeText', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clusterdeck-text-file-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const written = async (name: string, text: string) => {
    const file = path.join(dir, name);
    const handle = await open(file, 'w');
    await writeText(handle, text).finally(() => handle.close());
    return readFile(file);
  };

  it('writes texts of several megabytes as UTF-8, characters across the megabyte boundaries whole', async () => {
    // 'é' is 2 bytes, '🖧' a surrogate pair of 4: the chunks end in the middle of neither.
    const text = `# ${'hôte é 🖧 node001\n'.repeat(150_000)}`;
    expect((await written('big.conf', text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('writes an empty text as an empty file, and two texts at once each whole', async () => {
    expect((await written('empty', '')).length).toBe(0);
    const [a, b] = await Promise.all([written('a', 'a'.repeat(3e6)), written('b', 'b'.repeat(2e6))]);
    expect(a.toString()).toBe('a'.repeat(3e6));
    expect(b.toString()).toBe('b'.repeat(2e6));
  });
});
