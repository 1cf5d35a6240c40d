import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { packageRoot } from '../../main/paths.js';
import { enter, LAB_ENV } from '../lab/host.js';
import { down, Lab } from '../lab/lab.js';
import { OFFICE, PASSWORD_USER } from '../lab/topology.js';
import { labSkipReason } from '../lab/with-lab.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { expect, test } from './fixtures.js';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/;

/**
 * The admin's desktop is the lab's admin namespace: `clusterdeck serve` runs inside it, and
 * Chromium runs in its network (a wrapper enters it; Playwright talks to Chromium over a pipe).
 */
test.describe('Connections page against the lab’s gateway', () => {
  const skip = labSkipReason();
  test.skip(skip !== undefined, skip);
  let lab: Lab;
  let serve: ChildProcess;
  let url: string;
  let browser: Browser;
  /** One context for both tests: the URL's token is exchanged once for a session cookie. */
  let context: BrowserContext;
  let scratch: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    lab = await Lab.up(1);
    lab.writeFile('admin', '/root/.ssh/known_hosts', '');
    lab.shell('admin', 'rm -rf /root/.config/clusterdeck');
    serve = spawn(
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
    url = await new Promise<string>((resolve, reject) => {
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
    scratch = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-e2e-'));
    const wrapper = path.join(scratch, 'chromium-in-admin');
    const admin = String(lab.holder('admin').pid);
    writeFileSync(wrapper, `#!/bin/sh\nexec nsenter -t ${admin} --net -- ${chromiumPath} "$@"\n`);
    chmodSync(wrapper, 0o755);
    browser = await chromium.launch({ executablePath: wrapper, args: chromiumArgs });
    context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  });

  test.afterAll(async () => {
    await browser?.close();
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      serve.kill('SIGTERM');
      await exited;
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await down();
  });

  test('adds the gateway, accepts its key after seeing the fingerprint, and shows its files', async ({}, testInfo) => {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByLabel('Gateway', { exact: true }).fill(`root@${OFFICE.gateway}`);
    await page.getByLabel('Name (optional)').fill('mosix (lab)');
    await page.getByRole('button', { name: 'Add gateway' }).click();
    const profile = page.getByRole('listitem').filter({ hasText: 'mosix (lab)' });
    await profile.getByRole('button', { name: 'Connect' }).click();

    const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
    await expect(dialog).toBeVisible();
    const openssh = lab.exec('gateway', ['ssh-keygen', '-l', '-f', '/etc/ssh/lab_host_ed25519_key.pub']);
    const fingerprint = /(SHA256:\S+)/.exec(openssh.stdout)?.[1] ?? 'no fingerprint';
    await expect(dialog).toContainText(fingerprint);
    await expect(dialog).toContainText(`${OFFICE.gateway} is not in your known_hosts`);
    await expect(dialog).toContainText('ssh-ed25519');
    const shot = testInfo.outputPath('host-key.png');
    await page.screenshot({ path: shot });
    await testInfo.attach('host-key question', { path: shot, contentType: 'image/png' });
    await dialog.getByRole('button', { name: 'Trust and remember' }).click();

    const files = page.getByRole('region', { name: 'Cluster files' });
    await expect(files.getByRole('button', { name: '/etc/dhcpd.conf', exact: true })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Workspace: mosix (lab)');
    await files.getByRole('button', { name: '/etc/mosix.map', exact: true }).click();
    const viewer = page.getByRole('region', { name: 'Contents of /etc/mosix.map' });
    await expect(viewer.getByRole('row').nth(0)).toHaveText(/1 192\.168\.0\.254 1$/);
    expect(lab.readFile('admin', '/root/.ssh/known_hosts')).toMatch(/^10\.193\.15\.169 ssh-ed25519 /);
    const saved = lab.readFile('admin', '/root/.config/clusterdeck/connections.json');
    expect(JSON.parse(saved)).toMatchObject([
      { label: 'mosix (lab)', destination: `root@${OFFICE.gateway}` },
    ]);
    await page.close();
  });

  test('asks for pwuser’s password in a dialog and logs in with it', async () => {
    const page = await context.newPage();
    await page.goto(new URL(url).origin);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByLabel('Gateway', { exact: true }).fill(`${PASSWORD_USER.name}@${OFFICE.gateway}`);
    await page.getByRole('button', { name: 'Add gateway' }).click();
    const profile = page.getByRole('listitem').filter({ hasText: `${PASSWORD_USER.name}@` });
    await profile.getByRole('button', { name: 'Connect' }).click();

    // The key was remembered by the first test: no host-key question now, only the password.
    const dialog = page.getByRole('dialog', { name: `Password for ${PASSWORD_USER.name}@${OFFICE.gateway}` });
    await expect(page.getByText('never stored')).toBeVisible();
    await expect(dialog.getByLabel('Remember in the system keychain')).toHaveCount(0);
    await dialog.getByLabel('Password').fill(PASSWORD_USER.password);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('status')).toContainText(
      `Workspace: ${PASSWORD_USER.name}@${OFFICE.gateway}`,
    );
    await expect(
      page
        .getByRole('region', { name: 'Cluster files' })
        .getByRole('button', { name: '/etc/hosts', exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.close();
  });
});
