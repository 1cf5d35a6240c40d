import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDrives } from '../../main/bootdisk/drives.js';
import { writeWithWorker } from '../../main/bootdisk/image-writer-client.js';
import { packageRoot } from '../../main/paths.js';
import { loopSkipReason, useLoopDevices } from '../support/loop-device.js';
import { useTempDirs } from '../support/temp-dir.js';

const skip = loopSkipReason();

function clusterdeck(...args: string[]) {
  return spawnSync(process.execPath, [path.join(packageRoot, 'main/cli/bin.js'), ...args], {
    encoding: 'utf8',
  });
}

describe.skipIf(skip !== undefined)(skip ?? 'writing to a loop device', () => {
  const tempDir = useTempDirs();
  const attach = useLoopDevices();

  it('writes and verifies an image on the device with `image write`, the bytes then on the device', async () => {
    const dir = await tempDir();
    const device = attach(dir, 8 * 1024 * 1024);
    const data = randomBytes(1_474_560);
    const source = path.join(dir, 'floppy.dsk');
    writeFileSync(source, data);
    const result = clusterdeck('image', 'write', source, '--to', device, '--yes');
    expect(result.stderr).toBe(
      `clusterdeck: writing ${device}…\nverifying ${device}…\n`.replace('clusterdeck: ', ''),
    );
    expect(result.stdout).toMatch(`${source}: floppy image (Etherboot/iPXE), 1474560 bytes\n`);
    expect(result.stdout).toContain(`verified: 1474560 bytes on ${device} match the image`);
    expect(result.status).toBe(0);
    expect(readFileSync(device).subarray(0, data.length).equals(data)).toBe(true);
  });

  it('refuses an image larger than the device, leaving the device untouched', async () => {
    const dir = await tempDir();
    const device = attach(dir, 1024 * 1024);
    const source = path.join(dir, 'big.img');
    writeFileSync(source, randomBytes(1024 * 1024 + 512));
    const result = clusterdeck('image', 'write', source, '--to', device, '--yes');
    expect(result.stderr).toBe(
      `clusterdeck: the image (1049088 bytes) is larger than ${device} (1048576 bytes)\n`,
    );
    expect(result.status).toBe(2);
    expect(readFileSync(device).some((byte) => byte !== 0)).toBe(false);
  });

  it('says plainly when the drive is write-protected, listing it as read-only and failing a write to it', async () => {
    const dir = await tempDir();
    const device = attach(dir, 1024 * 1024, { readOnly: true });
    const source = path.join(dir, 'small.img');
    writeFileSync(source, randomBytes(4096));
    const listed = (await listDrives()).find((drive) => drive.path === device);
    expect(listed?.verdict).toEqual({ offered: false, reason: 'read-only', overridable: false });
    const outcome = await writeWithWorker({ source, target: device, verify: true });
    expect(outcome).toEqual({ state: 'failed', message: `${device} is read-only (write-protect switch?)` });
  });
});
