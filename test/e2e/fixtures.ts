import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { packageRoot } from '../../main/paths.js';
import { missingChromium } from '../support/chromium.js';
import { skipReason } from '../support/prerequisites.js';

export interface ConsoleServer {
  /** The printed URL, with its one-time token. */
  url: string;
  origin: string;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/;

/** Starts `clusterdeck serve` as a user would and waits for the URL it prints. */
async function startServe(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(packageRoot, 'main/cli/bin.js'), 'serve', ...args], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clusterdeck serve printed no URL:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`clusterdeck serve exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ prerequisites: void; consoleServer: ConsoleServer }>({
  prerequisites: [
    async ({}, use, testInfo) => {
      const reason = skipReason(missingChromium());
      testInfo.skip(reason !== undefined, reason);
      await use();
    },
    { auto: true },
  ],
  consoleServer: async ({}, use) => {
    const { child, url } = await startServe(['--port', '0']);
    await use({ url, origin: new URL(url).origin });
    await stop(child);
  },
});

export { expect } from '@playwright/test';
