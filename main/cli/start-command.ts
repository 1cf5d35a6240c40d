import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { packageRoot } from '../paths.js';
import type { CliIo } from './io.js';

/** The Electron binary's path, or why there is none (its download is not possible everywhere). */
export function findElectronBinary(): { path: string } | { missing: string } {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string'
      ? { path: binary }
      : { missing: 'the electron package exports no binary path' };
  } catch (error) {
    const reason = (error as Error).message.includes('failed to install correctly')
      ? 'its binary was not downloaded'
      : ((error as Error).message.split('\n')[0] ?? 'unknown error');
    return { missing: reason };
  }
}

/** Runs the desktop app and resolves with its exit code. */
export function runElectron(binary: string, io: CliIo): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, [packageRoot], { stdio: 'inherit' });
    child.on('error', (error) => {
      io.stderr(`clusterdeck: cannot start Electron: ${error.message}`);
      resolve(2);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
