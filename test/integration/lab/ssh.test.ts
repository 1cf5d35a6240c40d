import { spawn } from 'node:child_process';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AdminDriver } from '../../lab/admin-driver-client.js';
import { enter, LAB_ENV } from '../../lab/host.js';
import { KEYBOARD_USER, OFFICE, PASSWORD_USER } from '../../lab/topology.js';
import { labSkipReason, useLab } from '../../lab/with-lab.js';
import type { ExecResult } from '../../../main/ssh/ssh-pool.js';
import type { HostKeyQuestion } from '../../../main/ssh/host-keys.js';

const skip = labSkipReason();
const GATEWAY = `root@${OFFICE.gateway}`;
const NODE = 'root@192.168.0.2';

interface Status {
  connections: number;
  hostKeyQuestions: HostKeyQuestion[];
  credentialRequests: Array<{ kind: string }>;
  events: Array<{ key: string; state: string; message?: string }>;
}

describe.skipIf(skip !== undefined)(skip ?? 'SSH from the admin desktop, with Clusterdeck’s pool', () => {
  const lab = useLab({ nodes: 2 });
  const drivers: AdminDriver[] = [];
  const driver = (env: Record<string, string> = {}) => {
    const started = new AdminDriver(lab(), env);
    drivers.push(started);
    return started;
  };
  const knownHosts = () => lab().readFile('admin', '/root/.ssh/known_hosts');

  beforeEach(async () => {
    await Promise.all(drivers.splice(0).map((d) => d.close()));
    lab().writeFile('admin', '/root/.ssh/known_hosts', '');
  });
  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
  });

  it('asks about the gateway’s unknown key with its SHA256 fingerprint, remembers it on accept, and asks no more', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-and-remember' });
    const result = await admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['hostname'] });
    expect(result).toEqual({ stdout: 'gateway\n', stderr: '', code: 0 });

    const openssh = lab().exec('gateway', ['ssh-keygen', '-l', '-f', '/etc/ssh/lab_host_ed25519_key.pub']);
    const expected = /(SHA256:\S+)/.exec(openssh.stdout)?.[1];
    const status = await admin.value<Status>({ op: 'status' });
    expect(status.hostKeyQuestions).toEqual([
      { host: OFFICE.gateway, port: 22, keyType: 'ssh-ed25519', fingerprint: expected },
    ]);
    // OpenSSH itself now trusts what we wrote: BatchMode with strict checking logs in.
    const strict = lab().exec('admin', [
      'ssh',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      GATEWAY,
      'echo trusted',
    ]);
    expect(strict.stdout).toBe('trusted\n');

    await admin.value({ op: 'open', hostKeyAnswer: 'refuse' });
    await admin.value({ op: 'exec', destination: GATEWAY, argv: ['true'] });
    expect((await admin.value<Status>({ op: 'status' })).hostKeyQuestions).toHaveLength(1);
  });

  it('connects once without writing known_hosts, and refuses when told to', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once' });
    expect((await admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['true'] })).code).toBe(
      0,
    );
    expect(knownHosts()).toBe('');
    await admin.value({ op: 'open', hostKeyAnswer: 'refuse' });
    const refused = await admin.request({ op: 'exec', destination: GATEWAY, argv: ['true'] });
    expect(refused).toMatchObject({ ok: false, error: { failure: 'host-key', reason: 'refused' } });
    expect(knownHosts()).toBe('');
  });

  it('logs in with the agent alone (SSH_AUTH_SOCK), no key file offered', async () => {
    const socket = '/run/lab-test-agent.sock';
    lab().shell('admin', `rm -f ${socket}`);
    const agent = spawn('nsenter', [...enter(lab().holder('admin')), 'ssh-agent', '-D', '-a', socket], {
      env: LAB_ENV,
      stdio: 'ignore',
    });
    try {
      await expect.poll(() => lab().exec('admin', ['test', '-S', socket]).status).toBe(0);
      const added = lab().exec('admin', [
        'env',
        `SSH_AUTH_SOCK=${socket}`,
        'ssh-add',
        '/root/.ssh/id_ed25519',
      ]);
      expect(added.status).toBe(0);
      const admin = driver({ SSH_AUTH_SOCK: socket });
      await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', useAgent: true, identityFiles: [] });
      const result = await admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['whoami'] });
      expect(result.stdout).toBe('root\n');
      expect((await admin.value<Status>({ op: 'status' })).credentialRequests).toEqual([]);

      await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', identityFiles: [] });
      const without = await admin.request({ op: 'exec', destination: GATEWAY, argv: ['whoami'] });
      expect(without).toMatchObject({ ok: false, error: { failure: 'auth' } });
    } finally {
      agent.kill();
    }
  });

  it.each([
    [PASSWORD_USER.name, PASSWORD_USER.password, 'password'],
    [KEYBOARD_USER.name, KEYBOARD_USER.password, 'keyboard-interactive'],
  ])('logs %s in by asking for the secret (%s)', async (user, secret, kind) => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', secrets: [secret] });
    const result = await admin.value<ExecResult>({
      op: 'exec',
      destination: `${user}@${OFFICE.gateway}`,
      argv: ['whoami'],
    });
    expect(result.stdout).toBe(`${user}\n`);
    const asked = (await admin.value<Status>({ op: 'status' })).credentialRequests.map((r) => r.kind);
    expect(asked).toEqual([kind]);

    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', secrets: ['wrong'] });
    const wrong = await admin.request({
      op: 'exec',
      destination: `${user}@${OFFICE.gateway}`,
      argv: ['true'],
    });
    expect(wrong).toMatchObject({ ok: false, error: { failure: 'auth' } });
  });

  it('asks again for a password the gateway refused, as OpenSSH does, up to three times', async () => {
    const admin = driver();
    const destination = `${PASSWORD_USER.name}@${OFFICE.gateway}`;
    await admin.value({
      op: 'open',
      hostKeyAnswer: 'accept-once',
      secrets: ['wrong', PASSWORD_USER.password],
    });
    const result = await admin.value<ExecResult>({ op: 'exec', destination, argv: ['whoami'] });
    expect(result.stdout).toBe(`${PASSWORD_USER.name}\n`);
    const asked = (await admin.value<Status>({ op: 'status' })).credentialRequests;
    expect(asked).toEqual([
      { kind: 'password', username: PASSWORD_USER.name, host: OFFICE.gateway, retry: false },
      { kind: 'password', username: PASSWORD_USER.name, host: OFFICE.gateway, retry: true },
    ]);

    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', secrets: ['wrong'] });
    await admin.request({ op: 'exec', destination, argv: ['true'] });
    const status = await admin.value<Status>({ op: 'status' });
    expect(status.credentialRequests.slice(2).map((request) => request.kind)).toEqual([
      'password',
      'password',
      'password',
    ]);
  });

  it('reaches a node through the gateway (ProxyJump from ~/.ssh/config), checking both hosts’ keys', async () => {
    const admin = driver();
    const sshConfig = `Host node2\n  HostName 192.168.0.2\n  User root\n  ProxyJump ${GATEWAY}\n`;
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-and-remember', sshConfig });
    const result = await admin.value<ExecResult>({ op: 'exec', destination: 'node2', argv: ['hostname'] });
    expect(result.stdout).toBe('node002\n');
    const status = await admin.value<Status>({ op: 'status' });
    expect(status.hostKeyQuestions.map((q) => q.host)).toEqual([OFFICE.gateway, '192.168.0.2']);
    expect(status.connections).toBe(2);
    expect(
      knownHosts()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[0]),
    ).toEqual([OFFICE.gateway, '192.168.0.2']);
    expect(await admin.value({ op: 'dispose' })).toEqual({ connections: 0 });
  });

  it('follows a ProxyJump chain of two hops (gateway, then node001) to node002', async () => {
    const admin = driver();
    const sshConfig = `Host far\n  HostName 192.168.0.2\n  User root\n  ProxyJump ${GATEWAY},root@192.168.0.1\n`;
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', sshConfig });
    const result = await admin.value<ExecResult>({
      op: 'exec',
      destination: 'far',
      argv: ['sh', '-c', 'hostname; echo $SSH_CLIENT'],
    });
    // node002 sees the connection coming from node001, the last jump host.
    expect(result.stdout).toMatch(/^node002\n192\.168\.0\.1 /);
    const status = await admin.value<Status>({ op: 'status' });
    expect(status.hostKeyQuestions.map((q) => q.host)).toEqual([
      OFFICE.gateway,
      '192.168.0.1',
      '192.168.0.2',
    ]);
    expect(status.connections).toBe(3);
    expect(await admin.value({ op: 'dispose' })).toEqual({ connections: 0 });
  });

  it('opens an interactive shell on a node through the gateway', async () => {
    const admin = driver();
    const sshConfig = `Host node2\n  HostName 192.168.0.2\n  User root\n  ProxyJump ${GATEWAY}\n`;
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', sshConfig });
    const { output } = await admin.value<{ output: string }>({
      op: 'shell',
      destination: 'node2',
      input: 'echo "shell on $(hostname), tty $(tty)"; exit\n',
    });
    expect(output).toMatch(/shell on node002, tty \/dev\/pts\/\d+/);
  });

  it('lets a paused terminal shell send at most its 256 kB window more, where ssh2 alone lets 1–2 MB through', async () => {
    const admin = driver();
    const sshConfig = `Host node2\n  HostName 192.168.0.2\n  User root\n  ProxyJump ${GATEWAY}\n`;
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', sshConfig });
    type Flood = { afterPause: number; total: number };
    const limited = await admin.value<Flood>({
      op: 'paused-flood',
      destination: 'node2',
      receiveWindow: 256 * 1024,
    });
    const ssh2Default = await admin.value<Flood>({ op: 'paused-flood', destination: 'node2' });
    // The window, the 64 kB read-ahead and one 32 kB packet at most.
    expect(limited.afterPause).toBeLessThanOrEqual(256 * 1024 + 64 * 1024 + 32 * 1024);
    expect(ssh2Default.afterPause).toBeGreaterThan(900_000);
    // Top-ups kept coming once it resumed: all 40 MB of base64 (and its CR LFs) arrived.
    expect(limited.total).toBeGreaterThan(40_000_000);
  });

  it('cannot reach a node directly: the admin desktop has no route to the cluster LAN', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once' });
    const direct = await admin.request({ op: 'exec', destination: NODE, argv: ['hostname'] });
    expect(direct).toMatchObject({ ok: false, error: { failure: 'network' } });
    if (!direct.ok) expect(direct.error.message).toContain('ENETUNREACH');
  });

  it('runs 40 commands at once on one host over one connection despite MaxSessions 10', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once' });
    const { results } = await admin.value<{ results: ExecResult[] }>({
      op: 'parallel',
      destination: GATEWAY,
      argv: ['sh', '-c', 'sleep 0.3; echo $$'],
      count: 40,
    });
    expect(results.filter((r) => r.code !== 0)).toEqual([]);
    expect(results).toHaveLength(40);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(40);
    expect((await admin.value<Status>({ op: 'status' })).connections).toBe(1);
    expect(await admin.value({ op: 'dispose' })).toEqual({ connections: 0 });
    const sshd = lab().exec('gateway', ['ss', '-Htn', 'state', 'established', '( sport = :22 )']);
    await expect
      .poll(() => lab().exec('gateway', ['ss', '-Htn', 'state', 'established', '( sport = :22 )']).stdout)
      .toBe('');
    expect(sshd.status).toBe(0);
  });

  it('passes hostile values to the remote program as plain arguments', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once' });
    const hostile = ['a;rm -rf /', '$(id)', '`id`', "it's", '"q"', 'line\nbreak', '*', '&& echo pwned', ''];
    const result = await admin.value<ExecResult>({
      op: 'exec',
      destination: GATEWAY,
      argv: ['printf', '[%s]\\n', ...hostile],
    });
    expect(result.stdout).toBe(hostile.map((value) => `[${value}]\n`).join(''));
  });

  it('reconnects after the gateway’s sshd restarts and its connections drop', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once' });
    expect((await admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['true'] })).code).toBe(
      0,
    );
    await lab().stopService('gateway', 'sshd');
    lab().dropConnections('gateway');
    const during = admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['echo', 'back'] });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await lab().startService('gateway', 'sshd');
    expect((await during).stdout).toBe('back\n');
    const states = (await admin.value<Status>({ op: 'status' })).events.map((e) => e.state);
    expect(states).toEqual(['connecting', 'ready', 'closed', 'reconnecting', 'ready']);
  });

  it('notices a silent link failure by keepalive, then connects again once the link is back', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-once', keepaliveMs: 300 });
    expect((await admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['true'] })).code).toBe(
      0,
    );
    // A link going down sends no reset: only unanswered keepalives can tell.
    lab().setLink('gateway', 'down', 'eth0');
    try {
      await expect
        .poll(async () => (await admin.value<Status>({ op: 'status' })).events.map((e) => e.state), {
          timeout: 5000,
        })
        .toEqual(['connecting', 'ready', 'closed']);
      expect((await admin.value<Status>({ op: 'status' })).connections).toBe(0);
    } finally {
      lab().setLink('gateway', 'up', 'eth0');
    }
    const again = await admin.value<ExecResult>({ op: 'exec', destination: GATEWAY, argv: ['echo', 'back'] });
    expect(again.stdout).toBe('back\n');
  });

  it('refuses a changed host key with a clear warning, and writes nothing', async () => {
    const admin = driver();
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-and-remember' });
    await admin.value({ op: 'exec', destination: GATEWAY, argv: ['true'] });
    const remembered = knownHosts();
    lab().shell(
      'gateway',
      "rm -f /etc/ssh/lab_host_ed25519_key /etc/ssh/lab_host_ed25519_key.pub && ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/lab_host_ed25519_key",
    );
    await lab().restartService('gateway', 'sshd');
    lab().dropConnections('gateway');
    await admin.value({ op: 'open', hostKeyAnswer: 'accept-and-remember' });
    const changed = await admin.request({ op: 'exec', destination: GATEWAY, argv: ['true'] });
    expect(changed).toMatchObject({ ok: false, error: { failure: 'host-key', reason: 'changed' } });
    if (!changed.ok)
      expect(changed.error.message).toMatch(
        /WARNING: the ssh-ed25519 host key of 10\.193\.15\.169 has changed.*line 1/,
      );
    expect((await admin.value<Status>({ op: 'status' })).hostKeyQuestions).toHaveLength(1);
    expect(knownHosts()).toBe(remembered);
  });
});
