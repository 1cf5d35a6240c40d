/**
 * `npm run bench:image`: write + verify of a 256 MiB image with our writer (worker process,
 * O_DIRECT, read-back) against `dd bs=1M oflag=direct conv=fsync` followed by `cmp`, in the
 * same run, to a file and (as root) to a loop device. Ends with `ratio: X` (ours ÷ dd+cmp).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeWithWorker } from '../../main/bootdisk/image-writer-client.js';
import { median } from './median.js';

const IMAGE_BYTES = 256 * 1024 * 1024;
const RUNS = 3;

function ddAndCmp(source: string, target: string): number {
  const started = performance.now();
  for (const [command, args] of [
    ['dd', [`if=${source}`, `of=${target}`, 'bs=1M', 'oflag=direct', 'conv=fsync', 'status=none']],
    ['cmp', [source, target]],
  ] as const) {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  }
  return performance.now() - started;
}

async function ours(source: string, target: string): Promise<number> {
  const started = performance.now();
  const outcome = await writeWithWorker({ source, target, verify: true });
  if (outcome.state !== 'verified') throw new Error(`our writer: ${JSON.stringify(outcome)}`);
  return performance.now() - started;
}

async function compare(label: string, source: string, target: string, reset: () => Promise<void>) {
  const oursMs: number[] = [];
  const ddMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset();
    oursMs.push(await ours(source, target));
    await reset();
    ddMs.push(ddAndCmp(source, target));
  }
  const [a, b] = [median(oursMs), median(ddMs)];
  const speed = (ms: number) => `${(IMAGE_BYTES / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
  console.log(
    `${label}: ours ${a.toFixed(0)} ms (${speed(a)}), dd+cmp ${b.toFixed(0)} ms (${speed(b)}), ratio ${(a / b).toFixed(2)}`,
  );
  return { ours: a, reference: b };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'clusterdeck-bench-image-'));
let loop: string | undefined;
try {
  const source = path.join(dir, 'image.img');
  await writeFile(source, randomBytes(IMAGE_BYTES));
  console.log(
    `write + verify of a ${IMAGE_BYTES / 1024 / 1024} MiB image, median of ${RUNS} runs each, in ${dir}`,
  );
  const target = path.join(dir, 'target.img');
  const results = [await compare('file', source, target, () => rm(target, { force: true }))];
  if (process.getuid?.() === 0) {
    const backing = path.join(dir, 'loop.bin');
    await writeFile(backing, Buffer.alloc(0));
    execFileSync('truncate', ['-s', String(IMAGE_BYTES), backing]);
    loop = execFileSync('losetup', ['--find', '--show', backing], { encoding: 'utf8' }).trim();
    results.push(await compare(`loop device ${loop}`, source, loop, () => Promise.resolve()));
  } else {
    console.log('loop device: skipped (needs root)');
  }
  const total = (key: 'ours' | 'reference') => results.reduce((sum, result) => sum + result[key], 0);
  console.log(`ratio: ${(total('ours') / total('reference')).toFixed(2)}`);
} finally {
  if (loop !== undefined) execFileSync('losetup', ['--detach', loop]);
  await rm(dir, { recursive: true, force: true });
}
