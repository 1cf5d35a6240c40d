import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/** Opens the console and goes to its Files page (it opens on the nodes). */
async function openFiles(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Files' }).click();
}

test('opens on the demo cluster, lists its files and shows /etc/mosix.map', async ({
  page,
  consoleServer,
}, testInfo) => {
  await openFiles(page, consoleServer.url);
  await expect(page).toHaveURL(`${consoleServer.origin}/#files`);

  const files = page.getByRole('region', { name: 'Cluster files' });
  await expect(files.getByRole('heading', { name: 'Cluster files' })).toBeVisible();
  for (const path of ['/etc/hosts', '/etc/dhcpd.conf', '/etc/mosix.map', '/opt/ltsp/i386/etc/lts.conf']) {
    await expect(files.getByRole('button', { name: path, exact: true })).toBeVisible();
  }
  const status = page.getByRole('status');
  await expect(status).toContainText('Workspace: Demo cluster (mosix, 253 nodes) (read-only)');
  await expect(status).toContainText('10 of 10 cluster files found');
  await expect(status).toContainText('Web mode: connected');

  await files.getByRole('button', { name: '/etc/mosix.map', exact: true }).click();
  const viewer = page.getByRole('region', { name: 'Contents of /etc/mosix.map' });
  const rows = viewer.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText(/^1\s*1 192\.168\.0\.254 1$/);
  await expect(rows.nth(1)).toHaveText(/^2\s*2 192\.168\.0\.1 253$/);
  await expect(viewer).toContainText('2 lines · 36 B · read-only');

  const screenshot = testInfo.outputPath('console.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('console', { path: screenshot, contentType: 'image/png' });
});

test('streams a 255-line file and shows its last line when scrolled', async ({ page, consoleServer }) => {
  await openFiles(page, consoleServer.url);
  await page.getByRole('button', { name: '/etc/hosts', exact: true }).click();
  const viewer = page.getByRole('region', { name: 'Contents of /etc/hosts' });
  await expect(viewer).toContainText('255 lines');
  await viewer
    .getByRole('table', { name: 'Lines' })
    .evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(
    viewer.getByRole('row').filter({ hasText: '127.0.0.1 localhost.localdomain localhost' }),
  ).toBeVisible();
});

test('switches between a folder and the demo cluster, with a clear error for a bad folder', async ({
  page,
  consoleServer,
}) => {
  await openFiles(page, consoleServer.url);
  const folder = page.getByLabel('Folder mirroring a gateway');
  await folder.fill('/nonexistent/mirror');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await expect(page.getByRole('alert')).toHaveText('/nonexistent/mirror does not exist');

  await folder.fill('/');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await expect(page.getByRole('status')).toContainText('Workspace: /');
  await expect(page.getByRole('status')).not.toContainText('read-only');

  await page.getByRole('button', { name: 'Demo cluster' }).click();
  await expect(page.getByRole('status')).toContainText('10 of 10 cluster files found');
});

test('switches to the dark theme and remembers it', async ({ page, consoleServer }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openFiles(page, consoleServer.url);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Light theme' })).toBeVisible();
});

test('refuses a browser without the token', async ({ page, consoleServer }) => {
  const response = await page.goto(consoleServer.origin);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('open the URL that `clusterdeck serve` printed');
});

test('shows what the config engine finds and opens the line of a finding', async ({
  page,
  consoleServer,
}) => {
  await openFiles(page, consoleServer.url);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('heading')).toHaveText('Problems 2 errors, 0 warnings, 3 notes');
  const files = page.getByRole('region', { name: 'Cluster files' });
  await expect(files.getByRole('row', { name: /\/etc\/dhcpd\.conf/ })).toContainText('2 problems');

  await problems.getByRole('button', { name: '/etc/dhcpd.conf:39' }).click();
  const viewer = page.getByRole('region', { name: 'Contents of /etc/dhcpd.conf' });
  const marked = viewer.locator('[aria-current="true"]');
  await expect(marked).toHaveText(/^39\s*hardware ethernet 000:09:30:6A:1C;$/);
  await expect(marked).toBeInViewport();
});
