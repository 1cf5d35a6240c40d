import { accessSync, constants } from 'node:fs';
import { MissingPrerequisite } from './prerequisites.js';

/** The system Chromium Playwright drives (no browser download): CHROMIUM_PATH or Debian's. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function missingChromium(): MissingPrerequisite | undefined {
  try {
    accessSync(chromiumPath, constants.X_OK);
    return undefined;
  } catch {
    return new MissingPrerequisite(`Chromium (${chromiumPath})`, 'apt-get install chromium');
  }
}

/** Flags for a headless Chromium on a machine with no network but loopback, run as root. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
