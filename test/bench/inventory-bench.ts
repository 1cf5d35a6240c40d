/**
 * `npm run bench:inventory`: the Nodes page on a 65,535-node workspace in Chromium, measured in
 * the page with the User Timing marks the console sets: how long from the inventory reaching
 * the page to its rows painted, and how long each frame takes while a filter is typed (a frame
 * over 16.7 ms is a dropped frame at 60 Hz). Needs `npm run build` (the script runs it) and the
 * system Chromium.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { packageRoot } from '../../main/paths.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { BIG_NODE_COUNT, writeBigCluster } from './big-cluster.js';

const FILTER = 'node0654';

async function serve(root: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['main/cli/bin.js', 'serve', '--root', root], { cwd: packageRoot });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', () => reject(new Error(`clusterdeck serve exited:\n${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * Records the gap between animation frames from now on, in the page. A string, not a function:
 * tsx would wrap a function's inner functions in a helper the page does not have.
 */
const RECORD_FRAMES = `
  window.frameGaps = [];
  let last = performance.now();
  requestAnimationFrame(function tick(now) {
    window.frameGaps.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  });
`;

const dir = await mkdtemp(path.join(os.tmpdir(), 'clusterdeck-bench-inventory-'));
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  await writeBigCluster(dir);
  const server = await serve(dir);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page
      .getByRole('status')
      .filter({ hasText: `${BIG_NODE_COUNT.toLocaleString('en')} shown` })
      .waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByName('nodes rows painted').length > 0);
    const renderMs = await page.evaluate(() => {
      const [received] = performance.getEntriesByName('nodes:list received');
      const [painted] = performance.getEntriesByName('nodes rows painted');
      return (painted?.startTime ?? Number.NaN) - (received?.startTime ?? Number.NaN);
    });
    await page.evaluate(RECORD_FRAMES);
    await page.getByLabel('Filter').pressSequentially(FILTER, { delay: 120 });
    await page.getByRole('status').filter({ hasText: ' 10 shown' }).waitFor();
    await page.waitForTimeout(300);
    const gaps = await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps.slice(1));
    const sorted = [...gaps].sort((a, b) => a - b);
    const worst = sorted.at(-1) ?? Number.NaN;
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
    const dropped = gaps.filter((gap) => gap > 17.5).length;
    console.log(`inventory: ${BIG_NODE_COUNT} nodes`);
    console.log(
      `rows painted ${renderMs.toFixed(0)} ms after the inventory reached the page (target < 200 ms)`,
    );
    console.log(
      `typing "${FILTER}" into the filter: ${gaps.length} frames, p95 ${p95.toFixed(1)} ms, worst ${worst.toFixed(1)} ms, ${dropped} over 16.7 ms (target: none)`,
    );
  } finally {
    server.stop();
  }
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
