/** SSH as the command line uses it: destinations resolved through ~/.ssh/config; pools from batchSshPool. */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultResolveOptions, resolveTarget, type SshTarget } from '../ssh/target.js';

/** `destination` (`user@host`, or a Host of ~/.ssh/config) resolved as OpenSSH would. */
export async function resolveCliTarget(destination: string): Promise<SshTarget> {
  const sshConfig = await readFile(path.join(os.homedir(), '.ssh', 'config'), 'utf8').catch(() => '');
  return resolveTarget(destination, defaultResolveOptions(sshConfig));
}
