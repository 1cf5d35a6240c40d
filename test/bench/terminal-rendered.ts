/**
 * Runs inside the lab's admin desktop for `bench:terminal`: the console at URL in Chromium, a
 * terminal on the gateway, COMMAND typed; then Playwright disconnects (its Network domain would
 * copy every WebSocket frame to it, a cost no user has) and a bare DevTools client presses
 * Enter and waits for the page's own measurement: from the keydown to the status line showing
 * MARKER. Prints one JSON line: { ms, renderer, size } (size: the terminal's "cols×rows").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { DevtoolsPage } from '../support/devtools-client.js';

const [url = '', gateway = '', command = '', marker = ''] = process.argv.slice(2);

/** A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks. */
const TIME_UNTIL_MARKER = `(() => {
  const status = () => document.querySelector('.terminal-status');
  window.benchDone = new Promise((resolve) => {
    window.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (!status()?.textContent?.includes(${JSON.stringify(marker)})) return;
        observer.disconnect();
        resolve(performance.now() - started);
      });
      observer.observe(status(), { subtree: true, childList: true, characterData: true });
    }, { capture: true, once: true });
  });
})()`;

/** Chromium with a DevTools port on the admin desktop's loopback; resolves to the port. */
function launchChromium(profile: string) {
  const browser = spawn(
    chromiumPath,
    [
      ...chromiumArgs,
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      '--window-size=1360,820',
      '--hide-scrollbars',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      'about:blank',
    ],
    // A process group of its own, helpers included, to stop it whole.
    { detached: true },
  );
  const port = new Promise<number>((resolve, reject) => {
    let output = '';
    browser.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    });
    browser.once('exit', (code) => reject(new Error(`Chromium exited with ${code}: ${output}`)));
  });
  return { browser, port };
}

async function openTerminalOnGateway(page: Page): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Connections' }).click();
  await page.getByLabel('Gateway', { exact: true }).fill(gateway);
  await page.getByRole('button', { name: 'Add gateway' }).click();
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('button', { name: 'Trust and remember' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Workspace: ${gateway}` })
    .waitFor();
  await page.getByRole('link', { name: 'Terminals' }).click();
  await page.getByRole('button', { name: 'New terminal' }).click();
  await page.getByRole('tab', { name: /— connected/ }).waitFor({ timeout: 30_000 });
  await page.locator('.terminal-holder').click();
  await page.waitForTimeout(500);
  await page.keyboard.type(command);
  await page.evaluate(TIME_UNTIL_MARKER);
}

const profile = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-bench-chromium-'));
const { browser, port } = launchChromium(profile);
try {
  const devtoolsPort = await port;
  const playwright = await chromium.connectOverCDP(`http://127.0.0.1:${devtoolsPort}`);
  const [context] = playwright.contexts();
  if (!context) throw new Error('Chromium has no default browser context');
  const page = context.pages()[0] ?? (await context.newPage());
  await openTerminalOnGateway(page);
  const renderer = await page.locator('.terminal-holder').getAttribute('data-renderer');
  const size = await page.getByLabel('Terminal size').textContent();
  await playwright.close();

  const devtools = await DevtoolsPage.attach(devtoolsPort, new URL(url).origin);
  await devtools.pressEnter();
  const ms = await devtools.evaluate<number>('window.benchDone');
  devtools.close();
  console.log(JSON.stringify({ ms, renderer, size }));
} finally {
  await stopProcessGroup(browser);
  rmSync(profile, { recursive: true, force: true });
}

/** Stops Chromium and its helpers, which can write to the profile for a moment after it exits. */
async function stopProcessGroup(leader: ChildProcess): Promise<void> {
  const group = -(leader.pid ?? 0);
  if (leader.exitCode === null) {
    const exited = new Promise((resolve) => leader.once('exit', resolve));
    process.kill(group, 'SIGTERM');
    await exited;
  }
  for (let tries = 0; groupAlive(group) && tries < 50; tries++) await sleep(100);
  if (groupAlive(group)) process.kill(group, 'SIGKILL');
}

function groupAlive(group: number): boolean {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}
