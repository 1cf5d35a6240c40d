/** Running a fan-out's command on nodes over the SSH pool, each node reached through the gateway. */
import type { SshLease, SshPool } from '../ssh/ssh-pool.js';
import { chainOf, type SshTarget } from '../ssh/target.js';
import type { NodeRunner } from './fan-out.js';

/**
 * `commandLine` is run by each node's shell, as `ssh node 'cmd | grep x'` would run it: the
 * user's own command. Anything Clusterdeck adds to it must go through shared/shell.ts.
 */
export function sshRunner(
  pool: SshPool,
  targetOf: (node: string) => SshTarget,
  commandLine: string,
): NodeRunner {
  return async (node, signal) => {
    const lease = await leaseUnlessAborted(pool.acquire(targetOf(node)), signal);
    const stop = () => lease.release();
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await lease.execRaw(commandLine);
    } finally {
      signal.removeEventListener('abort', stop);
      lease.release();
    }
  };
}

/** A lease that arrives after its node was given up on is released at once. */
function leaseUnlessAborted(pending: Promise<SshLease>, signal: AbortSignal): Promise<SshLease> {
  return new Promise((resolve, reject) => {
    const giveUp = () => {
      void pending.then(
        (lease) => lease.release(),
        () => undefined,
      );
      reject(new Error('stopped before it connected'));
    };
    if (signal.aborted) return giveUp();
    signal.addEventListener('abort', giveUp, { once: true });
    pending.then(
      (lease) => {
        signal.removeEventListener('abort', giveUp);
        if (signal.aborted) lease.release();
        else resolve(lease);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', giveUp);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A node reached through the gateway's connection, as `ssh -J gateway user@node` would. */
export function nodeThroughGateway(gateway: SshTarget, user: string): (node: string) => SshTarget {
  const jumps = chainOf(gateway);
  return (node) => ({ ...gateway, host: node, port: 22, username: user, jumps });
}
