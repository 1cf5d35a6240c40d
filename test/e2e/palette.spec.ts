import { expect, test } from './fixtures.js';

test('the command palette finds a page, and a node’s terminal, by a few letters', async ({
  page,
  consoleServer,
}) => {
  await page.goto(consoleServer.url);
  await expect(page.getByRole('grid', { name: 'Nodes' })).toBeVisible();

  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const command = palette.getByRole('combobox', { name: 'Command' });
  await expect(command).toBeFocused();
  await command.fill('boot');
  await expect(palette.getByRole('option').first()).toHaveText('Go to Boot disks');
  await command.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/#bootdisks$/);

  await page.getByRole('button', { name: /Command palette/ }).click();
  await command.fill('node013');
  const options = palette.getByRole('option');
  await expect(options).toHaveText(['Open terminal on node013']);
  await command.fill('node01');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await command.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.first()).toHaveAttribute('aria-selected', 'false');
  await command.fill('zzzz');
  await expect(palette).toContainText('No command matches “zzzz”.');
  await command.press('Escape');
  await expect(palette).toBeHidden();
});
