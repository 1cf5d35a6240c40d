/**
 * A pool that never asks anything, for scripts and background work: keys from known_hosts
 * (an unknown one refused, or accepted and remembered with `acceptNew`), the agent and
 * unencrypted key files; a password or passphrase prompt is declined, as with BatchMode.
 */
import os from 'node:os';
import path from 'node:path';
import { defaultAgent } from './auth.js';
import { nonInteractiveHostKeys } from './host-keys.js';
import { KnownHostsFile } from './known-hosts.js';
import { SshPool, type PoolOptions } from './ssh-pool.js';

export interface BatchPoolOptions extends Pick<PoolOptions, 'maxHandshakes' | 'connectAttempts' | 'idleMs'> {
  acceptNew: boolean;
  /** The user's home, for ~/.ssh/known_hosts. */
  home?: string;
}

export function batchSshPool({ acceptNew, home = os.homedir(), ...limits }: BatchPoolOptions): SshPool {
  return new SshPool({
    knownHosts: new KnownHostsFile(path.join(home, '.ssh', 'known_hosts')),
    hostKeys: nonInteractiveHostKeys(acceptNew),
    agent: defaultAgent(),
    ...limits,
  });
}
