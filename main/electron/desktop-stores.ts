/**
 * The desktop app's persistence: gateway profiles in electron-store, and remembered passwords
 * and passphrases encrypted with the OS keychain through safeStorage. Where the OS offers no
 * real keychain (Linux falling back to a hard-coded key), there is no vault at all: a secret
 * the user asks to remember must not end up on disk in what amounts to plain text.
 */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { ProfileStore, SecretVault } from '../services/connection-stores.js';

export function electronProfileStore(): ProfileStore {
  const store = new Store<{ profiles: unknown[] }>({ name: 'connections', defaults: { profiles: [] } });
  return {
    location: store.path,
    read: () => Promise.resolve(store.get('profiles')),
    write: (profiles) => Promise.resolve(store.set('profiles', profiles)),
  };
}

function keychainAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/** Call after the app is ready; undefined when the OS has no keychain to encrypt with. */
export function keychainVault(): SecretVault | undefined {
  if (!keychainAvailable()) return undefined;
  const store = new Store<{ secrets: Record<string, string> }>({
    name: 'secrets',
    defaults: { secrets: {} },
  });
  const secrets = () => store.get('secrets');
  return {
    recall(key) {
      const sealed = secrets()[key];
      if (sealed === undefined) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return undefined;
      }
    },
    remember(key, secret) {
      const sealed = safeStorage.encryptString(secret).toString('base64');
      store.set('secrets', { ...secrets(), [key]: sealed });
    },
    forget(key) {
      const kept = secrets();
      delete kept[key];
      store.set('secrets', kept);
    },
    forgetAll() {
      store.set('secrets', {});
    },
  };
}
