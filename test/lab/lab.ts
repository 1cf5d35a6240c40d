/**
 * The lab: the seed's cluster on this machine, in namespaces (see docs/lab.md). `up` records
 * every process it starts in a state file; `down` stops those, by PID and start time, and then
 * whatever still runs inside the lab's own network namespaces (a console that a failed run left
 * on the admin desktop, and the sshd sessions it holds open on the gateway, would keep those
 * namespaces alive). A lab left behind by a killed run is cleaned up by the next `up` or `down`.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoClusterDir } from '../../main/paths.js';
import { shellCommand } from '../../shared/shell.js';
import {
  enter,
  hostShell,
  LAB_ENV,
  netShell,
  startDaemon,
  startHostHolder,
  startNetworkHolder,
} from './host.js';
import { isAlive, othersInNamespaceOf, run, stop, type Recorded } from './processes.js';
import {
  CLUSTER,
  KEY_FILE,
  KEYBOARD_USER,
  LAB_DIR,
  LINK_PREFIX,
  MAX_NODES,
  nodeAddress,
  nodeName,
  OFFICE,
  PASSWORD_USER,
  STATE_FILE,
} from './topology.js';

export interface LabState {
  nodes: number;
  holders: Record<string, Recorded>;
  daemons: Array<Recorded & { host: string; name: string }>;
  /** Temporary folders made for the lab (boot images, serial logs), removed by `down`. */
  dirs: string[];
}

const REQUIRED = [
  ['/usr/sbin/sshd', 'openssh-server'],
  ['/usr/bin/ssh', 'openssh-client'],
  ['/usr/sbin/dhcpd', 'isc-dhcp-server'],
  ['/usr/sbin/in.tftpd', 'tftpd-hpa'],
  ['/usr/bin/python3', 'python3-minimal'],
  ['/usr/bin/nsenter', 'util-linux'],
  ['/usr/sbin/ip', 'iproute2'],
] as const;

/** What is missing to run the lab, as the command that installs it; undefined when ready. */
export function missingForLab(): string | undefined {
  if (process.getuid?.() !== 0) return 'the lab needs root (network namespaces and mounts)';
  const packages = REQUIRED.filter(([file]) => !existsSync(file)).map(([, name]) => name);
  return packages.length > 0 ? `apt-get install ${packages.join(' ')}` : undefined;
}

const SSHD_CONFIG = `# Clusterdeck lab
HostKey /etc/ssh/lab_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication yes
KbdInteractiveAuthentication yes
UsePAM yes
AllowTcpForwarding yes
Match User ${PASSWORD_USER.name}
  AuthenticationMethods password
Match User ${KEYBOARD_USER.name}
  AuthenticationMethods keyboard-interactive
`;

/** Collects syslog datagrams (tftpd logs only there) into a file. */
const SYSLOG = `import socket, os
path = '/dev/log'
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
with open('/var/log/lab-syslog.log', 'ab', buffering=0) as log:
    while True:
        log.write(sock.recv(65536) + b'\\n')
`;

/**
 * Runs a daemon as its child and restarts it on request, like a service manager: the lab records
 * this process, so \`down\` still stops exactly what it started, while the gateway's init script
 * (below) stops and starts the real daemon through the control socket. The child dies with it.
 */
const SERVICE = `import ctypes, os, signal, socket, subprocess, sys
SOCKETS = '/run/lab-services'

def control(name, action):
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(f'{SOCKETS}/{name}.sock')
    except OSError:
        print(f'{name} is not managed here (its supervisor is not running)')
        sys.exit(3 if action == 'status' else 1)
    client.sendall(action.encode() + b'\\n')
    answer = client.makefile().read()
    print(answer.strip())
    wanted = 'stopped' if action == 'stop' else 'running'
    sys.exit(0 if answer.startswith(wanted) else 3 if action == 'status' else 1)

def supervise(name, command):
    child = None
    def prepare_child():
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    def start():
        nonlocal child
        if child is None or child.poll() is not None:
            # A SIGTERM during Popen would find no child to stop and leave it, killed by
            # PDEATHSIG but never reaped, holding its PID file; so it waits until 'child' is set.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            try:
                child = subprocess.Popen(command, preexec_fn=prepare_child)
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    def stop():
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(1)  # well within the 2 s the lab gives this supervisor
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    def status():
        running = child is not None and child.poll() is None
        return f'running (pid {child.pid})' if running else 'stopped'
    def quit(*_):
        stop()
        sys.exit(0)
    signal.signal(signal.SIGTERM, quit)
    os.makedirs(SOCKETS, exist_ok=True)
    path = f'{SOCKETS}/{name}.sock'
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    start()
    actions = {'start': start, 'stop': stop, 'restart': lambda: (stop(), start()), 'status': lambda: None}
    while True:
        connection, _ = server.accept()
        with connection:
            action = connection.makefile().readline().strip()
            if action in actions:
                actions[action]()
                connection.sendall(status().encode() + b'\\n')
            else:
                connection.sendall(b'usage: start|stop|restart|status\\n')

if sys.argv[1] == 'control':
    control(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else '')
else:
    supervise(sys.argv[2], sys.argv[3:])
`;

const DHCPD_PID_FILE = '/run/dhcpd.pid';

/** The gateway's init script for dhcpd, under the name Debian gives it, as \`service\` finds it. */
const DHCPD_INIT_SCRIPT = `#!/bin/sh
# The lab's dhcpd runs under a supervisor the lab records; this script asks it to act.
case "$1" in
  start|stop|restart|status) exec /usr/bin/python3 /usr/local/lib/lab-service.py control dhcpd "$1" ;;
  force-reload) exec /usr/bin/python3 /usr/local/lib/lab-service.py control dhcpd restart ;;
  *) echo "Usage: $0 {start|stop|restart|force-reload|status}" >&2; exit 2 ;;
esac
`;

export class Lab {
  private constructor(readonly state: LabState) {}

  static current(): Lab | undefined {
    if (!existsSync(STATE_FILE)) return undefined;
    return new Lab(JSON.parse(readFileSync(STATE_FILE, 'utf8')) as LabState);
  }

  get hosts(): string[] {
    return Object.keys(this.state.holders).filter((host) => host !== 'switch');
  }

  holder(host: string): Recorded {
    const holder = this.state.holders[host];
    if (!holder || !isAlive(holder)) throw new Error(`the lab has no running host ${host}`);
    return holder;
  }

  /** Runs a shell command inside a host and returns its output. */
  shell(host: string, script: string, cwd = '/'): string {
    return hostShell(this.holder(host), script, cwd);
  }

  /** Runs a command inside a host; the result as spawnSync gives it. */
  exec(host: string, command: string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}) {
    const cwd = options.cwd ?? '/';
    return spawnSync(
      'nsenter',
      [...enter(this.holder(host)), 'sh', '-c', 'cd "$0" && exec "$@"', cwd, ...command],
      {
        encoding: 'utf8',
        input: options.input,
        env: LAB_ENV,
        timeout: options.timeoutMs ?? 60_000,
      },
    );
  }

  readFile(host: string, file: string): string {
    return readFileSync(path.join(this.rootOf(host), file), 'utf8');
  }

  writeFile(host: string, file: string, text: string): void {
    const target = path.join(this.rootOf(host), file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }

  /** The host's `/` as this process can reach it (through the holder's /proc entry). */
  rootOf(host: string): string {
    const holder = this.holder(host);
    return `/proc/${holder.pid}/root`;
  }

  static async up(nodes: number): Promise<Lab> {
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES)
      throw new Error(`--nodes must be 1–${MAX_NODES}`);
    const existing = Lab.current();
    if (existing?.isComplete(nodes)) return existing;
    await down();
    mkdirSync(LAB_DIR, { recursive: true, mode: 0o700 });
    const lab = new Lab({ nodes, holders: {}, daemons: [], dirs: [] });
    lab.save();
    try {
      await lab.build(nodes);
    } catch (error) {
      await down();
      throw error;
    }
    return lab;
  }

  private isComplete(nodes: number): boolean {
    const hosts = ['admin', 'gateway', 'switch', ...Array.from({ length: nodes }, (_, i) => nodeName(i + 1))];
    const alive = [...Object.values(this.state.holders), ...this.state.daemons].every(isAlive);
    return this.state.nodes === nodes && alive && hosts.every((host) => host in this.state.holders);
  }

  private save(): void {
    writeFileSync(STATE_FILE, JSON.stringify(this.state, null, 2), { mode: 0o600 });
  }

  private async build(nodes: number): Promise<void> {
    const names = ['admin', 'gateway', ...Array.from({ length: nodes }, (_, i) => nodeName(i + 1))];
    this.state.holders['switch'] = startNetworkHolder();
    for (const name of names) this.state.holders[name] = startHostHolder(name);
    this.save();
    await Promise.all(names.map((name) => this.viewReady(name)));
    if (!existsSync(KEY_FILE))
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'clusterdeck-lab', '-f', KEY_FILE]);
    this.wire(nodes);
    for (const name of names) this.prepareHost(name);
    this.installCluster();
    for (const name of names.filter((n) => n !== 'admin')) this.startSshd(name);
    this.startGatewayServices();
    this.save();
    await this.waitForSshd(names.filter((n) => n !== 'admin'));
    await this.waitForDhcpd();
  }

  private async viewReady(host: string): Promise<void> {
    await waitUntil(
      () => readlinkSync(`/proc/${this.holder(host).pid}/root`) !== '/',
      () => `host ${host} did not get its view of the filesystem`,
      20,
    );
  }

  private veth(inside: string, outside: string): void {
    run('ip', ['link', 'add', inside, 'type', 'veth', 'peer', 'name', outside]);
  }

  /** Office LAN: admin ↔ gateway. Cluster LAN: every cluster host ↔ the switch's bridge. */
  private wire(nodes: number): void {
    const sw = this.holder('switch');
    netShell(sw, 'ip link set lo up && ip link add br0 type bridge && ip link set br0 up');
    const [adminSide, gatewaySide] = [`${LINK_PREFIX}admin`, `${LINK_PREFIX}office`];
    this.veth(adminSide, gatewaySide);
    run('ip', ['link', 'set', adminSide, 'netns', String(this.holder('admin').pid)]);
    run('ip', ['link', 'set', gatewaySide, 'netns', String(this.holder('gateway').pid)]);
    this.address('admin', adminSide, 'eth0', `${OFFICE.admin}/${OFFICE.prefix}`);
    this.address('gateway', gatewaySide, 'eth0', `${OFFICE.gateway}/${OFFICE.prefix}`);
    const cluster = [
      ['gateway', 'eth1', CLUSTER.gateway],
      ...Array.from({ length: nodes }, (_, i) => [nodeName(i + 1), 'eth0', nodeAddress(i + 1)]),
    ];
    cluster.forEach(([host = '', device = '', address = ''], index) => {
      const inside = `${LINK_PREFIX}h${index}`;
      const port = `${LINK_PREFIX}p${index}`;
      this.veth(inside, port);
      run('ip', ['link', 'set', inside, 'netns', String(this.holder(host).pid)]);
      run('ip', ['link', 'set', port, 'netns', String(sw.pid)]);
      netShell(
        sw,
        `${shellCommand(['ip', 'link', 'set', port, 'master', 'br0'])} && ${shellCommand(['ip', 'link', 'set', port, 'up'])}`,
      );
      this.address(host, inside, device, `${address}/${CLUSTER.prefix}`);
    });
  }

  private address(host: string, link: string, device: string, cidr: string): void {
    netShell(
      this.holder(host),
      `ip link set lo up && ip link set ${link} name ${device} && ip addr add ${cidr} dev ${device} && ip link set ${device} up`,
    );
  }

  private prepareHost(host: string): void {
    const publicKey = readFileSync(`${KEY_FILE}.pub`, 'utf8');
    this.shell(
      host,
      `echo ${host} > /etc/hostname && mkdir -p /root/.ssh /run/sshd /var/log && chmod 700 /root/.ssh && rm -f /root/.ssh/known_hosts`,
    );
    if (host === 'admin') {
      this.writeFile(host, '/root/.ssh/id_ed25519', readFileSync(KEY_FILE, 'utf8'));
      this.writeFile(host, '/root/.ssh/id_ed25519.pub', publicKey);
      this.shell(host, 'chmod 600 /root/.ssh/id_ed25519 && : > /root/.ssh/known_hosts');
      return;
    }
    this.writeFile(host, '/root/.ssh/authorized_keys', publicKey);
    this.writeFile(host, '/etc/ssh/sshd_config.d/clusterdeck-lab.conf', SSHD_CONFIG);
    // Root's shell startup as Debian installs it, not this machine's (a build machine's
    // `pyenv init` took 0.6 s per SSH session, serialised by its lock).
    this.shell(
      host,
      'cp /usr/share/base-files/dot.bashrc /root/.bashrc && cp /usr/share/base-files/dot.profile /root/.profile',
    );
    this.shell(
      host,
      "ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/lab_host_ed25519_key && chmod 600 /root/.ssh/authorized_keys",
    );
  }

  /** The demo cluster's files at their real paths on the gateway, its users, its TFTP root. */
  private installCluster(): void {
    const root = this.rootOf('gateway');
    run('cp', ['-a', `${demoClusterDir}/.`, root]);
    for (const user of [PASSWORD_USER, KEYBOARD_USER]) {
      this.shell(
        'gateway',
        `${shellCommand(['id', user.name])} >/dev/null 2>&1 || ${shellCommand(['useradd', '-m', '-s', '/bin/sh', user.name])}`,
      );
      hostShell(this.holder('gateway'), 'chpasswd', '/', `${user.name}:${user.password}\n`);
    }
    this.shell('gateway', 'mkdir -p /tftpboot/lts && touch /var/lib/dhcp/dhcpd.leases');
    this.writeFile('gateway', '/usr/local/lib/lab-syslog.py', SYSLOG);
    this.writeFile('gateway', '/usr/local/lib/lab-service.py', SERVICE);
    this.writeFile('gateway', '/etc/init.d/isc-dhcp-server', DHCPD_INIT_SCRIPT);
    this.shell('gateway', 'chmod 755 /etc/init.d/isc-dhcp-server');
  }

  private startSshd(host: string): void {
    this.daemon(host, 'sshd', '/usr/sbin/sshd -D -e', '/var/log/lab-sshd.log');
  }

  private startGatewayServices(): void {
    this.daemon(
      'gateway',
      'syslog',
      '/usr/bin/python3 /usr/local/lib/lab-syslog.py',
      '/var/log/lab-syslog.err',
    );
    this.startDhcpd();
    const tftpd = `/usr/sbin/in.tftpd --foreground --verbose --verbose --secure --address ${CLUSTER.gateway}:69 /tftpboot`;
    this.daemon('gateway', 'tftpd', tftpd, '/var/log/lab-tftpd.err');
  }

  /** dhcpd in the foreground under the lab's supervisor, so the gateway's init script can restart it. */
  startDhcpd(): void {
    const dhcpd = `/usr/sbin/dhcpd -4 -f -d -cf /etc/dhcpd.conf -lf /var/lib/dhcp/dhcpd.leases -pf ${DHCPD_PID_FILE} eth1`;
    const supervised = `/usr/bin/python3 /usr/local/lib/lab-service.py run dhcpd ${dhcpd}`;
    this.daemon('gateway', 'dhcpd', supervised, '/var/log/lab-dhcpd.log');
  }

  private daemon(host: string, name: string, command: string, log: string): void {
    this.track(host, name, startDaemon(this.holder(host), command, log));
  }

  /** Records a process started for a host, so that `down` stops it. */
  track(host: string, name: string, started: Recorded): void {
    this.state.daemons.push({ pid: started.pid, start: started.start, host, name });
    this.save();
  }

  /** A temporary folder made for the lab, removed by `down`. */
  tempDir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-lab-'));
    this.state.dirs.push(dir);
    this.save();
    return dir;
  }

  untrack(started: Recorded): void {
    this.state.daemons = this.state.daemons.filter((daemon) => daemon.pid !== started.pid);
    this.save();
  }

  /** Stops a service the lab runs (fault injection); `start` brings it back. */
  async stopService(host: string, name: 'sshd' | 'dhcpd'): Promise<void> {
    const running = this.state.daemons.filter((daemon) => daemon.host === host && daemon.name === name);
    for (const daemon of running) await stop(daemon);
    this.state.daemons = this.state.daemons.filter((daemon) => !running.includes(daemon));
    this.save();
  }

  async startService(host: string, name: 'sshd' | 'dhcpd'): Promise<void> {
    if (name === 'sshd') {
      this.startSshd(host);
      await this.waitForSshd([host]);
    } else {
      this.startDhcpd();
      await this.waitForDhcpd();
    }
  }

  async restartService(host: string, name: 'sshd' | 'dhcpd'): Promise<void> {
    await this.stopService(host, name);
    await this.startService(host, name);
  }

  /** Takes a host's cluster-side link down or up (the gateway's office link with `device: 'eth0'`). */
  setLink(host: string, state: 'up' | 'down', device = host === 'gateway' ? 'eth1' : 'eth0'): void {
    netShell(this.holder(host), shellCommand(['ip', 'link', 'set', device, state]));
  }

  /** Adds delay or loss to a host's link (`tc netem` arguments), or clears it with ''. */
  netem(host: string, spec: string, device = host === 'gateway' ? 'eth1' : 'eth0'): void {
    const holder = this.holder(host);
    if (spec === '') {
      netShell(holder, `${shellCommand(['tc', 'qdisc', 'del', 'dev', device, 'root'])} 2>/dev/null || true`);
      return;
    }
    try {
      netShell(
        holder,
        shellCommand(['tc', 'qdisc', 'replace', 'dev', device, 'root', 'netem', ...spec.split(/\s+/)]),
      );
    } catch (error) {
      if (!String(error).includes('qdisc kind is unknown')) throw error;
      throw new Error(
        'this kernel has no netem (the sch_netem module): delay and loss cannot be injected here',
      );
    }
  }

  /** dhcpd's own log (it runs in the foreground with -d). */
  dhcpdLog(): string {
    return this.readFile('gateway', '/var/log/lab-dhcpd.log');
  }

  /** What the gateway's programs sent to syslog: tftpd's requests are only there. */
  syslog(): string {
    return this.readFile('gateway', '/var/log/lab-syslog.log');
  }

  leases(): string {
    return this.readFile('gateway', '/var/lib/dhcp/dhcpd.leases');
  }

  /** Drops established TCP connections to a host's port (the SSH sessions, by default). */
  dropConnections(host: string, port = 22): void {
    netShell(
      this.holder(host),
      `${shellCommand(['ss', '-K', 'state', 'established', `( sport = :${port} )`])} >/dev/null`,
    );
  }

  private async waitForSshd(hosts: string[]): Promise<void> {
    const listening = (host: string) => netShell(this.holder(host), 'ss -ltn').includes(':22 ');
    let waiting = hosts;
    await waitUntil(
      () => {
        waiting = waiting.filter((host) => !listening(host));
        return waiting.length === 0;
      },
      () => `sshd did not start on ${waiting.join(', ')}`,
    );
  }

  /**
   * Waits until the supervisor's dhcpd has written its PID file, which it does once its sockets
   * are open and no other dhcpd runs; a restart before that could leave none.
   */
  private async waitForDhcpd(): Promise<void> {
    const status = `/etc/init.d/isc-dhcp-server status; cat ${DHCPD_PID_FILE}`;
    await waitUntil(
      () => /^running \(pid (\d+)\)\n\1\n/.test(this.exec('gateway', ['sh', '-c', status]).stdout),
      () => `dhcpd did not start on the gateway: ${this.dhcpdLog()}`,
    );
  }

  status(): string[] {
    const line = (name: string, recorded: Recorded) =>
      `${name.padEnd(18)} pid ${recorded.pid} ${isAlive(recorded) ? 'running' : 'gone'}`;
    return [
      ...Object.entries(this.state.holders).map(([name, holder]) => line(name, holder)),
      ...this.state.daemons.map((daemon) => line(`${daemon.host}/${daemon.name}`, daemon)),
    ];
  }
}

/** Checks `ready` every `intervalMs` until it holds; after 10 s, fails with `failure()`. */
async function waitUntil(ready: () => boolean, failure: () => string, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(failure());
    await sleep(intervalMs);
  }
}

/** Stops every recorded process (daemons first), removes leftover links and the lab's files. */
export async function down(): Promise<void> {
  const lab = Lab.current();
  if (lab) {
    for (const daemon of lab.state.daemons) await stop(daemon);
    const holders = Object.values(lab.state.holders);
    await Promise.all(holders.flatMap((holder) => othersInNamespaceOf(holder)).map((other) => stop(other)));
    await Promise.all(holders.map((holder) => stop(holder)));
  }
  // Links are made in this namespace and moved at once; a crash in between leaves them here.
  const links = spawnSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).stdout.matchAll(
    /^\d+: ([\w-]+)[@:]/gm,
  );
  for (const [, link = ''] of links) {
    if (link.startsWith(LINK_PREFIX)) spawnSync('ip', ['link', 'del', link], { stdio: 'ignore' });
  }
  for (const dir of lab?.state.dirs ?? []) rmSync(dir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
  if (existsSync(LAB_DIR)) {
    for (const entry of [
      'admin',
      'gateway',
      'switch',
      ...Array.from({ length: MAX_NODES }, (_, i) => nodeName(i + 1)),
    ]) {
      rmSync(path.join(LAB_DIR, entry), { recursive: true, force: true });
    }
  }
}
