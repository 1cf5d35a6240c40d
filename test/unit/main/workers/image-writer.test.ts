import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drivesToShow } from '../../../../shared/image/drives.js';
import type { WriteProgress } from '../../../../shared/image/writer-protocol.js';
import { diskHolding, listDrives } from '../../../../main/bootdisk/drives.js';
import {
  newToken,
  WORKER_BIN,
  workerCommand,
  writeWithWorker,
} from '../../../../main/bootdisk/image-writer-client.js';
import { BLOCK_BYTES, writeImage } from '../../../../main/workers/image-writer/write-image.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function image(bytes: number, name = 'image.img') {
  const dir = await tempDir();
  const data = randomBytes(bytes);
  const source = path.join(dir, name);
  await writeFile(source, data);
  return { dir, data, source, target: path.join(dir, 'target.img') };
}

const running = () => new AbortController().signal;

describe('the image writer', () => {
  it('writes a gzip image through the worker process and verifies it by reading it back', async () => {
    const { dir, data } = await image(9 * 1024 * 1024 + 1000);
    const source = path.join(dir, 'floppy.dsk.gz');
    await writeFile(source, gzipSync(data));
    const target = path.join(dir, 'out.img');
    const progress: WriteProgress[] = [];
    const outcome = await writeWithWorker(
      { source, target, verify: true },
      { onProgress: (p) => progress.push(p) },
    );
    expect(outcome).toMatchObject({ state: 'verified', bytes: data.length });
    expect((await readFile(target)).equals(data)).toBe(true);
    expect(progress.map((p) => p.phase)).toContain('verifying');
    expect(progress.at(-1)).toMatchObject({
      phase: 'verifying',
      bytes: data.length,
      totalBytes: data.length,
    });
  });

  it('catches a byte flipped on the target between writing and verifying, naming where', async () => {
    const { source, target, data } = await image(3 * BLOCK_BYTES);
    const flipped = BLOCK_BYTES + 12_345;
    const outcome = await writeImage({
      request: { source, target, verify: true },
      signal: running(),
      onProgress: () => undefined,
      beforeVerify: async () => {
        const file = await open(target, 'r+');
        await file.write(Buffer.from([(data[flipped] ?? 0) ^ 0x20]), 0, 1, flipped);
        await file.close();
      },
    });
    expect(outcome).toEqual({
      state: 'mismatch',
      bytes: data.length,
      firstMismatch: { offset: flipped, length: 1 },
    });
  });

  it('cancelled mid-write, leaves a target without its first block and says so', async () => {
    const { source, target } = await image(6 * BLOCK_BYTES);
    const controller = new AbortController();
    const outcome = await writeImage({
      request: { source, target, verify: true },
      signal: controller.signal,
      // The first report comes as writing starts; the writer stops before the next block.
      onProgress: () => controller.abort(),
    });
    expect(outcome).toMatchObject({ state: 'cancelled' });
    if (outcome.state !== 'cancelled') return;
    expect(outcome.message).toBe(
      `cancelled after ${outcome.bytesWritten} bytes: ${target} holds a partial image without its first block, so it will not boot; write it again`,
    );
    expect(outcome.bytesWritten).toBeLessThan(6 * BLOCK_BYTES);
    const head = (await readFile(target)).subarray(0, BLOCK_BYTES);
    expect(head.some((byte) => byte !== 0)).toBe(false);
  });

  it('runs the worker with Electron’s binary as plain Node in the desktop app', async () => {
    const { data, source, target } = await image(64 * 1024);
    // What Electron's main process reports; the Node running this test stands in for its binary.
    Object.defineProperty(process.versions, 'electron', { value: '41.0.0', configurable: true });
    try {
      const command = await workerCommand(target);
      expect(command.slice(0, 3)).toEqual(['env', 'ELECTRON_RUN_AS_NODE=1', process.execPath]);
      expect(await writeWithWorker({ source, target, verify: true })).toMatchObject({ state: 'verified' });
      expect((await readFile(target)).equals(data)).toBe(true);
    } finally {
      Reflect.deleteProperty(process.versions, 'electron');
    }
  });

  it('cancels through the worker’s channel: the worker stops and says what the target holds', async () => {
    const { source, target } = await image(48 * 1024 * 1024);
    const controller = new AbortController();
    const outcome = await writeWithWorker(
      { source, target, verify: true },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(outcome).toMatchObject({ state: 'cancelled' });
    if (outcome.state !== 'cancelled') return;
    expect(outcome.bytesWritten).toBeLessThan(48 * 1024 * 1024);
    expect(outcome.message).toMatch(
      /so it will not boot; write it again$|holds the whole image, not verified$/,
    );
  });

  it('reports progress at most ten times a second', async () => {
    const { source, target } = await image(64 * 1024 * 1024);
    const times: number[] = [];
    await writeImage({
      request: { source, target, verify: true },
      signal: running(),
      onProgress: () => times.push(performance.now()),
    });
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    // Phase starts and ends are sent at once; everything else keeps 100 ms apart.
    expect(gaps.filter((gap) => gap < 99).length).toBeLessThanOrEqual(3);
  });

  it('fails clearly on a source that is not there, and on a corrupt archive', async () => {
    const dir = await tempDir();
    const missing = path.join(dir, 'nothing.img');
    const target = path.join(dir, 'out.img');
    expect(await writeWithWorker({ source: missing, target, verify: true })).toEqual({
      state: 'failed',
      message: `cannot open ${missing}: ENOENT: no such file or directory, stat '${missing}'`,
    });
    const corrupt = path.join(dir, 'broken.img.gz');
    await writeFile(
      corrupt,
      Buffer.concat([gzipSync(randomBytes(100_000)).subarray(0, 5000), Buffer.alloc(4)]),
    );
    const outcome = await writeWithWorker({ source: corrupt, target, verify: true });
    expect(outcome).toMatchObject({ state: 'failed' });
  });
});

describe('the worker’s channel', () => {
  function talk(lines: string[]): Promise<{ code: number | null; output: string }> {
    const worker = spawn(process.execPath, [WORKER_BIN], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stdin.write(lines.map((line) => `${line}\n`).join(''));
    return new Promise((resolve) => worker.once('close', (code) => resolve({ code, output })));
  }

  it('refuses a message without the token (or with another) and writes nothing', async () => {
    const { source, target } = await image(4096);
    const token = newToken();
    const request = { source, target, verify: true };
    for (const message of [
      { type: 'write', request },
      { token: newToken(), type: 'write', request },
    ]) {
      const { code, output } = await talk([token, JSON.stringify(message)]);
      expect(code).toBe(3);
      expect(JSON.parse(output)).toMatchObject({ token, type: 'refused' });
      expect(existsSync(target)).toBe(false);
    }
  });

  it('refuses a message of the wrong shape', async () => {
    const token = newToken();
    const { code, output } = await talk([
      token,
      JSON.stringify({ token, type: 'write', request: { source: 1 } }),
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(output)).toMatchObject({ type: 'refused' });
  });
});

describe('the real machine’s drives', () => {
  it('never lists the drive holding / or this checkout, even with show all', async () => {
    const shown = drivesToShow(await listDrives(), true);
    expect(shown.flatMap((drive) => drive.mountpoints)).not.toContain('/');
    const holding = await diskHolding(process.cwd());
    if (holding) expect(shown.map((drive) => drive.path)).not.toContain(holding);
  });
});
