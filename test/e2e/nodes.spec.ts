import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { demoClusterDir } from '../../main/paths.js';
import { expect, test } from './fixtures.js';

/** The grid's row of one node, found by its name cell. */
const rowOf = (grid: Locator, name: string) =>
  grid.getByRole('row').filter({ has: grid.page().getByRole('gridcell', { name, exact: true }) });

test('opens on every node of the demo cluster, with the problems on the rows they concern', async ({
  page,
  consoleServer,
}) => {
  await page.goto(consoleServer.url);
  const inventory = page.getByRole('region', { name: 'Inventory' });
  await expect(inventory.getByRole('heading', { name: 'Nodes' })).toBeVisible();
  await expect(inventory.getByRole('status')).toHaveText('254 nodes, 254 shown, 0 selected');
  const grid = inventory.getByRole('grid', { name: 'Nodes' });
  await expect(rowOf(grid, 'node002')).toContainText('000:09:30:6A:1C');
  await expect(rowOf(grid, 'node002')).toContainText('1 error');
  await expect(rowOf(grid, 'node001')).not.toContainText('error');
  const newMachines = page.getByRole('region', { name: 'New machines' });
  await expect(newMachines.getByRole('row')).toHaveCount(4);
  await expect(newMachines).toContainText('00:01:02:3a:7c:e1');
});

test('filters by text and by NodeSet, sorts, and selects by NodeSet and shift-click', async ({
  page,
  consoleServer,
}) => {
  await page.goto(consoleServer.url);
  const inventory = page.getByRole('region', { name: 'Inventory' });
  const status = inventory.getByRole('status');
  const rows = inventory.getByRole('grid', { name: 'Nodes' }).getByRole('row');

  await inventory.getByLabel('Filter').fill('node25');
  await expect(status).toHaveText('254 nodes, 4 shown, 0 selected');
  await expect(rows.nth(1)).toHaveText(/^node250/);
  await inventory.getByLabel('Filter').fill('');

  await inventory.getByLabel('NodeSet').fill('node[001-016,020]');
  await expect(status).toHaveText('254 nodes, 17 shown, 0 selected');
  await inventory.getByRole('button', { name: 'Select these' }).click();
  await expect(status).toContainText('17 selected (node[001-016,020])');

  await inventory.getByLabel('NodeSet').fill('node[1-');
  await expect(inventory.getByRole('alert')).toBeVisible();
  await inventory.getByLabel('NodeSet').fill('');

  await inventory.getByRole('button', { name: 'openMosix ID' }).click();
  await inventory.getByRole('button', { name: 'openMosix ID' }).click();
  await expect(rows.nth(1)).toHaveText(/^node253/);
  await rows.nth(1).click();
  await rows.nth(3).click({ modifiers: ['Shift'] });
  await expect(status).toContainText('3 selected (node[251-253])');
});

test('shows where each fact of a node comes from, and opens the file at that line', async ({
  page,
  consoleServer,
}) => {
  await page.goto(consoleServer.url);
  const grid = page.getByRole('grid', { name: 'Nodes' });
  await rowOf(grid, 'node002').click();
  const detail = page.getByRole('region', { name: 'Node node002' });
  await expect(detail.getByRole('row', { name: /^Address/ })).toHaveText(/192\.168\.0\.2\s*\/etc\/hosts:3$/);
  await expect(detail.getByRole('row', { name: /^openMosix ID/ })).toHaveText(/3\s*\/etc\/mosix\.map:2$/);
  await expect(detail.getByRole('listitem')).toContainText("'000:09:30:6A:1C' is not a MAC address");

  await detail.getByRole('button', { name: '/etc/dhcpd.conf:39' }).first().click();
  await expect(page).toHaveURL(/#files$/);
  const viewer = page.getByRole('region', { name: 'Contents of /etc/dhcpd.conf' });
  await expect(viewer.locator('[aria-current="true"]')).toHaveText(
    /^39\s*hardware ethernet 000:09:30:6A:1C;$/,
  );
});

/** Opens a writable copy of the demo cluster as a folder workspace. */
async function openDemoCopy(page: Page, url: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-e2e-'));
  cpSync(demoClusterDir, dir, { recursive: true });
  await page.goto(url);
  await page.getByLabel('Folder mirroring a gateway').fill(dir);
  await page.getByRole('button', { name: 'Open folder' }).click();
  // The status bar, not the inventory's count (also a status, and first once the page shows it).
  const statusBar = page.getByRole('status').filter({ hasText: 'Workspace:' });
  await expect(statusBar).toContainText(`Workspace: ${path.basename(dir)}`);
  return dir;
}

test('adopts a new machine: the diff of every file it changes first, then written with a backup', async ({
  page,
  consoleServer,
}) => {
  const dir = await openDemoCopy(page, consoleServer.url);
  try {
    const inventory = page.getByRole('region', { name: 'Inventory' });
    await expect(inventory.getByRole('status')).toHaveText('254 nodes, 254 shown, 0 selected');
    const newMachines = page.getByRole('region', { name: 'New machines' });
    await newMachines.getByLabel('Adopt 00:01:02:3a:7c:e1').check();
    await newMachines.getByRole('button', { name: 'Adopt 1 machine…' }).click();

    // The lease's address already has a name (node004) in hosts and the map: only dhcpd.conf changes.
    const review = page.getByRole('region', { name: 'Adopt 1 new machine' });
    await expect(review.getByRole('heading', { level: 3 })).toHaveText(['/etc/dhcpd.conf']);
    await expect(review).toContainText('+host node004 {');
    await expect(review).toContainText('+hardware ethernet 00:01:02:3A:7C:E1;');
    expect(readFileSync(path.join(dir, 'etc/dhcpd.conf'), 'utf8')).not.toContain('00:01:02:3A:7C:E1');

    await review.getByRole('button', { name: 'Apply to 1 file' }).click();
    await expect(review.getByRole('list', { name: 'Written' })).toHaveText(
      /^Wrote \/etc\/dhcpd\.conf \(previous version kept as etc\/dhcpd\.conf\.\d{8}T\d{6}\.clusterdeck\.bak\)$/,
    );
    expect(readFileSync(path.join(dir, 'etc/dhcpd.conf'), 'utf8')).toContain(
      'hardware ethernet 00:01:02:3A:7C:E1;',
    );
    expect(
      readdirSync(path.join(dir, 'etc')).filter((name) => name.endsWith('.clusterdeck.bak')),
    ).toHaveLength(1);

    await review.getByRole('button', { name: 'Close' }).click();
    const node004 = rowOf(inventory.getByRole('grid', { name: 'Nodes' }), 'node004');
    await expect(node004).toContainText('00:01:02:3A:7C:E1');
    await expect(node004).toContainText('fixed');
    await expect(newMachines.getByRole('row')).toHaveCount(3);
    await expect(newMachines).not.toContainText('00:01:02:3a:7c:e1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shows what renaming a node would change on the read-only demo, and writes nothing', async ({
  page,
  consoleServer,
}) => {
  await page.goto(consoleServer.url);
  await rowOf(page.getByRole('grid', { name: 'Nodes' }), 'node005').click();
  const edit = page.getByRole('form', { name: 'Edit node005' });
  await edit.getByLabel('Name').fill('render05');
  await edit.getByRole('button', { name: 'Preview changes' }).click();
  const review = page.getByRole('region', { name: 'Change node005' });
  await expect(review).toContainText('-192.168.0.5 node005');
  await expect(review).toContainText('+192.168.0.5 render05');
  await expect(review.getByRole('button', { name: /^Apply/ })).toBeDisabled();
  await expect(review).toContainText('read-only: open a folder or a gateway to change files');
});
