/**
 * One simulated host: a holder process in its own network and mount namespaces, whose root
 * is an overlay over the machine's `/` (writes land in a tmpfs, so no host sees another's
 * files and atomic renames work everywhere), with its own /proc, /sys, /run and a private
 * /dev. Everything the host runs is entered into the holder's namespaces; when the holder
 * dies, its namespaces and mounts go with it, leaving nothing on the machine.
 */
import { mkdirSync } from 'node:fs';
import { LAB_DIR } from './topology.js';
import { run, startDetached, type Recorded } from './processes.js';

const DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'];

/** What programs inside a host see: the system's own tools, not the caller's PATH. */
export const LAB_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
  TERM: process.env['TERM'] ?? 'xterm',
};

/** Runs inside the new namespaces before the holder sleeps: builds the host's view of `/`. */
const SETUP_VIEW = `
set -e
name="$0"
base="$1"
hostname "$name"
mount -t tmpfs -o mode=755 tmpfs "$base"
mkdir -p "$base/upper" "$base/work" "$base/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root"
root="$base/root"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs -o mode=755 tmpfs "$root/run"
mount -t tmpfs -o mode=755 tmpfs "$root/dev"
for device in ${DEVICES.join(' ')}; do touch "$root/dev/$device"; mount --bind "/dev/$device" "$root/dev/$device"; done
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs tmpfs "$root/dev/shm"
cd "$root"
exec chroot . sleep infinity
`;

/** A network namespace only (the cluster LAN's switch, where the bridge and QEMU's taps live). */
export function startNetworkHolder(): Recorded {
  return startDetached('unshare', ['--net', '--', 'sleep', 'infinity']);
}

/** A host with its own network and its own view of the filesystem. */
export function startHostHolder(name: string): Recorded {
  const base = `${LAB_DIR}/${name}`;
  mkdirSync(base, { recursive: true });
  const namespaces = ['--net', '--mount', '--uts', '--propagation', 'private'];
  return startDetached('unshare', [...namespaces, '--', 'bash', '-c', SETUP_VIEW, name, base], {
    env: LAB_ENV,
  });
}

/** Arguments that enter a host's namespaces (and its root) to run a command. */
export function enter(holder: Recorded, withRoot = true): string[] {
  // --wd without a value: the holder's own working directory, the root of its view.
  return ['-t', String(holder.pid), '--net', '--mount', '--uts', ...(withRoot ? ['--root', '--wd'] : [])];
}

/** Runs a shell command inside a host, from `cwd` (a path the host sees too). */
export function hostShell(holder: Recorded, script: string, cwd = '/', input?: string): string {
  return run('nsenter', [...enter(holder), 'sh', '-c', `cd "$0" && ${script}`, cwd], input, LAB_ENV);
}

/** Runs only in the host's network namespace (for `ip`, which needs no view of files). */
export function netShell(holder: Recorded, script: string): string {
  return run('nsenter', ['-t', String(holder.pid), '--net', 'sh', '-c', script], undefined, LAB_ENV);
}

/** Starts a long-running program inside a host, its output appended to `log` (a path in the host). */
export function startDaemon(holder: Recorded, command: string, log: string): Recorded {
  return startDetached('nsenter', [...enter(holder), 'sh', '-c', `exec ${command} >>${log} 2>&1`], {
    env: LAB_ENV,
  });
}
