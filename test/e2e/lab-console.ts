/**
 * The console as the lab's admin uses it: `clusterdeck serve` runs inside the admin namespace,
 * and Chromium runs in its network (a wrapper enters it; Playwright talks to Chromium over a pipe).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { packageRoot } from '../../main/paths.js';
import { enter, LAB_ENV } from '../lab/host.js';
import type { Lab } from '../lab/lab.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/;

export interface AdminConsole {
  /** The printed URL, with its one-time token. */
  url: string;
  browser: Browser;
  /** One context: the URL's token is exchanged once for a session cookie. */
  context: BrowserContext;
  /** The serve process, for measuring it (its PID is in the host's PID namespace). */
  serve: ChildProcess;
  close(): Promise<void>;
}

/** The admin desktop as on a first start: no known hosts, no saved connections. */
export function resetAdminDesktop(lab: Lab): void {
  lab.writeFile('admin', '/root/.ssh/known_hosts', '');
  lab.shell('admin', 'rm -rf /root/.config/clusterdeck');
}

/** `clusterdeck serve` on the admin desktop; resolves once it printed its URL. */
export function startServe(lab: Lab): Promise<{ serve: ChildProcess; url: string }> {
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
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) resolve({ serve, url: match[0] });
    };
    serve.stdout?.on('data', read);
    serve.stderr?.on('data', read);
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

export async function openAdminConsole(lab: Lab): Promise<AdminConsole> {
  const { serve, url } = await startServe(lab);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-e2e-'));
  const wrapper = path.join(scratch, 'chromium-in-admin');
  const admin = String(lab.holder('admin').pid);
  writeFileSync(wrapper, `#!/bin/sh\nexec nsenter -t ${admin} --net -- ${chromiumPath} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  const close = async () => {
    await browser.close();
    if (serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      serve.kill('SIGTERM');
      await exited;
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  return { url, browser, context, serve, close };
}
