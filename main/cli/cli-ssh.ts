/** SSH as the command line uses it: ~/.ssh/config, known_hosts and the agent; nothing is ever asked. */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultAgent } from '../ssh/auth.js';
import { nonInteractiveHostKeys } from '../ssh/host-keys.js';
import { KnownHostsFile } from '../ssh/known-hosts.js';
import { SshPool } from '../ssh/ssh-pool.js';
import { defaultResolveOptions, resolveTarget, type SshTarget } from '../ssh/target.js';

/** `destination` (`user@host`, or a Host of ~/.ssh/config) resolved as OpenSSH would. */
export async function resolveCliTarget(destination: string): Promise<SshTarget> {
  const sshConfig = await readFile(path.join(os.homedir(), '.ssh', 'config'), 'utf8').catch(() => '');
  return resolveTarget(destination, defaultResolveOptions(sshConfig));
}

/**
 * Unknown host keys are refused, or accepted and remembered with `acceptNew` (--accept-new).
 * Scripts cannot answer: a password or passphrase prompt is declined, as with BatchMode.
 */
export function cliSshPool(options: {
  acceptNew: boolean;
  maxHandshakes?: number;
  connectAttempts?: number;
}): SshPool {
  const { acceptNew, ...limits } = options;
  return new SshPool({
    knownHosts: new KnownHostsFile(path.join(os.homedir(), '.ssh', 'known_hosts')),
    hostKeys: nonInteractiveHostKeys(acceptNew),
    agent: defaultAgent(),
    ...limits,
  });
}
