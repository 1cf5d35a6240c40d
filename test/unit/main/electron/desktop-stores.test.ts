import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronProfileStore, keychainVault } from '../../../../main/electron/desktop-stores.js';
import { fakeApp, fakeSafeStorage } from '../../../support/fake-electron.js';
import { useTempDirs } from '../../../support/temp-dir.js';

vi.mock('electron', async () => {
  const fake = await import('../../../support/fake-electron.js');
  const electron = { app: fake.fakeApp, ipcMain: fake.fakeIpcMain, safeStorage: fake.fakeSafeStorage };
  return { ...electron, default: electron };
});

describe('the desktop app’s stores', () => {
  const tempDir = useTempDirs();
  beforeEach(async () => {
    fakeApp.userData = await tempDir();
    fakeSafeStorage.available = true;
    fakeSafeStorage.backend = 'gnome_libsecret';
  });

  it('keeps gateway profiles in electron-store, in the app’s own folder, across restarts', async () => {
    const profiles = [{ id: 'a', label: 'mosix', destination: 'root@10.193.15.169' }];
    await electronProfileStore().write(profiles);
    expect(await electronProfileStore().read()).toEqual(profiles);
    const onDisk: unknown = JSON.parse(
      await readFile(path.join(fakeApp.userData, 'connections.json'), 'utf8'),
    );
    expect(onDisk).toEqual({ profiles });
  });

  it('starts with no profiles', async () => {
    expect(await electronProfileStore().read()).toEqual([]);
  });

  it('seals remembered secrets with the keychain: the file never holds the plain text', async () => {
    const vault = keychainVault();
    if (!vault) throw new Error('expected a vault with a real keychain');
    vault.remember('password:root@mosix', 'hunter2-cluster');
    vault.remember('passphrase:/home/admin/.ssh/id_ed25519', 'open sesame');
    const onDisk = await readFile(path.join(fakeApp.userData, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain('hunter2-cluster');
    expect(onDisk).toContain('password:root@mosix');

    const reopened = keychainVault();
    expect(reopened?.recall('password:root@mosix')).toBe('hunter2-cluster');
    reopened?.forget('password:root@mosix');
    expect(keychainVault()?.recall('password:root@mosix')).toBeUndefined();
    expect(keychainVault()?.recall('passphrase:/home/admin/.ssh/id_ed25519')).toBe('open sesame');
    keychainVault()?.forgetAll();
    expect(keychainVault()?.recall('passphrase:/home/admin/.ssh/id_ed25519')).toBeUndefined();
  });

  it('has no vault when the OS cannot encrypt, or Linux falls back to its hard-coded key', () => {
    fakeSafeStorage.available = false;
    expect(keychainVault()).toBeUndefined();
    fakeSafeStorage.available = true;
    fakeSafeStorage.backend = 'basic_text';
    expect(keychainVault() === undefined).toBe(process.platform === 'linux');
  });

  it('recalls nothing from a secret the keychain cannot open (sealed by another keychain)', async () => {
    const file = path.join(fakeApp.userData, 'secrets.json');
    const notSealedHere = Buffer.from('by another keychain').toString('base64');
    await writeFile(file, JSON.stringify({ secrets: { 'password:root@mosix': notSealedHere } }));
    expect(keychainVault()?.recall('password:root@mosix')).toBeUndefined();
  });
});
