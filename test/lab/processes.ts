/**
 * Processes the lab starts, recorded by PID and start time so that only they are ever stopped,
 * and the processes found in the lab's own network namespaces when it goes down.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface Recorded {
  pid: number;
  /** Field 22 of /proc/PID/stat: tells a recorded process from a later one with its PID. */
  start: string;
}

export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function isAlive(process: Recorded): boolean {
  return startTime(process.pid) === process.start;
}

/** Starts a detached process and records it. */
export function startDetached(command: string, args: string[], options: SpawnOptions = {}): Recorded {
  const child = spawn(command, args, { detached: true, stdio: 'ignore', ...options });
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${command}`);
  const start = startTime(pid);
  if (start === undefined) throw new Error(`${command} exited at once`);
  return { pid, start };
}

/** Stops a recorded process: SIGTERM, then SIGKILL after a grace period. */
export async function stop(process: Recorded, graceMs = 2000): Promise<void> {
  if (!isAlive(process)) return;
  globalThis.process.kill(process.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(process)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (isAlive(process)) globalThis.process.kill(process.pid, 'SIGKILL');
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input, env, timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** The network namespace a process runs in ("net:[…]"); undefined once it is gone or a zombie. */
export function networkNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

/** The live processes in a network namespace. */
export function processesIn(namespace: string): number[] {
  return readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && networkNamespace(pid) === namespace);
}

/**
 * The other processes in a holder's network namespace, which the lab made: the children of
 * its daemons, and what ran there through nsenter. Never the namespace this process runs in.
 */
export function othersInNamespaceOf(holder: Recorded): Recorded[] {
  const namespace = isAlive(holder) ? networkNamespace(holder.pid) : undefined;
  if (namespace === undefined || namespace === networkNamespace(process.pid)) return [];
  return processesIn(namespace).flatMap((pid) => {
    const start = pid === holder.pid ? undefined : startTime(pid);
    return start === undefined ? [] : [{ pid, start }];
  });
}
