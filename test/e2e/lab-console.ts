/**
 * The admin's desktop is the lab's admin namespace: `clusterdeck serve` runs inside it, and
 * Chromium runs in its network (a wrapper enters it; Playwright talks to Chromium over a pipe).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { packageRoot } from '../../main/paths.js';
import { enter, LAB_ENV } from '../lab/host.js';
import type { Lab } from '../lab/lab.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/;

export interface AdminConsole {
  /** The printed URL, with its one-time token. */
  url: string;
  browser: Browser;
  /** The serve process, for measuring it (its PID is in the host's PID namespace). */
  serve: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `clusterdeck serve` on the admin desktop, with no known hosts and no saved connections. */
export async function startAdminConsole(lab: Lab): Promise<AdminConsole> {
  lab.writeFile('admin', '/root/.ssh/known_hosts', '');
  lab.shell('admin', 'rm -rf /root/.config/clusterdeck');
  const serve = spawn(
    'nsenter',
    [
      ...enter(lab.holder('admin')),
      'sh',
      '-c',
      'cd "$0" && exec node main/cli/bin.js serve --port 0',
      packageRoot,
    ],
    { env: LAB_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) resolve(match[0]);
    };
    serve.stdout?.on('data', read);
    serve.stderr?.on('data', read);
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-e2e-'));
  const wrapper = path.join(scratch, 'chromium-in-admin');
  const admin = String(lab.holder('admin').pid);
  writeFileSync(wrapper, `#!/bin/sh\nexec nsenter -t ${admin} --net -- ${chromiumPath} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, args: chromiumArgs });
  return {
    url,
    browser,
    serve,
    async stop() {
      await browser.close();
      if (serve.exitCode === null) {
        const exited = new Promise((resolve) => serve.once('exit', resolve));
        serve.kill('SIGTERM');
        await exited;
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
