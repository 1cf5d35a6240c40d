/**
 * Where the connection service keeps what outlives a session: saved gateway profiles, and —
 * in the desktop app only — the passwords and passphrases the user asked it to remember.
 * Web mode and the CLI keep profiles in a JSON file and have no vault: they never store a secret.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/ipc/errors.js';

export interface ProfileStore {
  /** Where the profiles live, for error messages. */
  readonly location: string;
  /** The saved list as stored (validated by the caller); an empty list when none was saved. */
  read(): Promise<unknown>;
  write(profiles: unknown[]): Promise<void>;
}

/** Secrets kept encrypted by the operating system's keychain; keys name what they unlock. */
export interface SecretVault {
  recall(key: string): string | undefined;
  remember(key: string, secret: string): void;
  forget(key: string): void;
  forgetAll(): void;
}

/** Profiles as a JSON file written atomically with mode 0600 (web mode and the CLI). */
export function jsonFileProfileStore(file: string): ProfileStore {
  return {
    location: file,
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return [];
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new AppError('io-error', `${file} is not valid JSON: ${(error as Error).message}`);
      }
    },
    async write(profiles) {
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(profiles, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, file);
    },
  };
}
