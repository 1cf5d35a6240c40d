import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diskHolding } from '../../main/bootdisk/drives.js';
import { expect, test } from './fixtures.js';

test('builds the cluster’s floppy, writes it to an image file and shows it verified', async ({
  page,
  consoleServer,
}) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-e2e-bootdisk-'));
  let built: string | undefined;
  try {
    await page.goto(consoleServer.url);
    await page.getByRole('link', { name: 'Boot disks' }).click();

    const builder = page.getByRole('region', { name: 'Build a boot disk for this cluster' });
    await builder.getByLabel('Menu timeout (s)').fill('3');
    await builder.getByRole('button', { name: 'Build' }).click();
    const builtStatus = builder.getByRole('status');
    await expect(builtStatus).toContainText(
      /Built .*clusterdeck-floppy-.*\.img \(1\.4 MiB\): ready to write below\./,
    );
    built = /Built (\S+\.img)/.exec((await builtStatus.textContent()) ?? '')?.[1];

    const writer = page.getByRole('region', { name: 'Write an image' });
    await expect(writer.getByRole('status', { name: 'Image' })).toHaveText(
      'bootable FAT12 floppy image, 1.4 MiB (1474560 bytes)',
    );
    await writer.getByLabel('Show all drives').check();
    const systemDisk = await diskHolding('/');
    if (systemDisk) await expect(writer.getByText(systemDisk, { exact: true })).toHaveCount(0);

    await writer.getByLabel('an image file').check();
    const target = path.join(dir, 'floppy-copy.img');
    await writer.getByLabel('Target file').fill(target);
    await writer.getByRole('button', { name: 'Write…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm the write' });
    await expect(dialog).toContainText(
      `Erase ${target} and write bootable FAT12 floppy image (1.4 MiB) to it?`,
    );
    await dialog.getByRole('button', { name: `Erase and write ${target}` }).click();

    await expect(writer.getByRole('status').filter({ hasText: 'verified' })).toHaveText(
      new RegExp(`^verified: 1\\.4 MiB on ${target} match the image \\(\\d+\\.\\d s\\)$`),
    );
    expect(readFileSync(target).equals(readFileSync(built ?? ''))).toBe(true);
    await page.screenshot({ path: test.info().outputPath('boot-disks.png'), fullPage: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (built) rmSync(built, { force: true });
  }
});
