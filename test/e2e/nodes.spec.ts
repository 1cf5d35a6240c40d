import type { Locator } from '@playwright/test';
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
