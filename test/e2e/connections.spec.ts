import type { BrowserContext } from '@playwright/test';
import { down, Lab } from '../lab/lab.js';
import { OFFICE, PASSWORD_USER } from '../lab/topology.js';
import { labSkipReason } from '../lab/with-lab.js';
import { expect, test } from './fixtures.js';
import { openAdminConsole, resetAdminDesktop, type AdminConsole } from './lab-console.js';

/** The admin's desktop is the lab's admin namespace (see lab-console.ts). */
test.describe('Connections page against the lab’s gateway', () => {
  const skip = labSkipReason();
  test.skip(skip !== undefined, skip);
  let lab: Lab;
  let adminConsole: AdminConsole;
  let url: string;
  /** One context for both tests: the URL's token is exchanged once for a session cookie. */
  let context: BrowserContext;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    lab = await Lab.up(1);
    resetAdminDesktop(lab);
    adminConsole = await openAdminConsole(lab);
    ({ url, context } = adminConsole);
  });

  test.afterAll(async () => {
    await adminConsole?.close();
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
    // Live polls never ask: with only a password to log in, the Nodes page says so once and stops.
    await page.getByRole('link', { name: 'Nodes' }).click();
    await expect(page.getByRole('status', { name: 'Live poll' })).toContainText(
      'No live state: live state needs a login that asks nothing',
    );
    await page.close();
  });
});
