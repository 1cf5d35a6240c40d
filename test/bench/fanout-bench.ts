/**
 * `npm run bench:fanout [-- --nodes N]`: `uptime` on N lab nodes through the gateway, from the
 * admin desktop, side by side in the same run: Clusterdeck's CLI (cold: a new process, new
 * connections), Clusterdeck with pooled connections (warm), ClusterShell's `clush -f 64` and
 * `pdsh -R ssh`, both going through the gateway with OpenSSH's ProxyJump. Needs root and the
 * lab's Debian packages plus clustershell and pdsh. Ends with `warm ratio: Y` and `ratio: X`
 * (cold ÷ clush).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { foldNodeSet } from '../../shared/cluster/nodeset.js';
import { down, Lab } from '../lab/lab.js';
import { nodeName, OFFICE } from '../lab/topology.js';

const RUNS = 5;
const REPO = path.resolve(import.meta.dirname, '../..');
const GATEWAY = `root@${OFFICE.gateway}`;
const { values } = parseArgs({ options: { nodes: { type: 'string', default: '32' } } });
const count = Number(values.nodes);
const nodeSet = foldNodeSet(Array.from({ length: count }, (_, i) => nodeName(i + 1)));

/** OpenSSH (for clush and pdsh) reaches the nodes through the gateway, as Clusterdeck does. */
const SSH_CONFIG = `Host node*\n  User root\n  ProxyJump ${GATEWAY}\n  StrictHostKeyChecking yes\n  BatchMode yes\n`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timedInAdmin(lab: Lab, command: string[]): number {
  const started = performance.now();
  const result = lab.exec('admin', command, { cwd: REPO, timeoutMs: 120_000 });
  const ms = performance.now() - started;
  const lines = result.stdout
    .toString()
    .trim()
    .split('\n')
    .filter((line) => line.includes('load average'));
  if (result.status !== 0 || lines.length !== count) {
    throw new Error(`${command[0]} failed (${lines.length}/${count} answers): ${result.stderr.toString()}`);
  }
  return ms;
}

/**
 * OpenSSH's default MaxStartups (10:30:100) drops most of clush's and pdsh's simultaneous
 * ProxyJump connections to the gateway; a gateway serving them is configured to take them.
 */
const GATEWAY_SSHD = 'MaxStartups 200:30:400\n';

const lab = await Lab.up(count);
try {
  lab.writeFile('admin', '/root/.ssh/config', SSH_CONFIG);
  lab.writeFile('gateway', '/etc/ssh/sshd_config.d/00-bench.conf', GATEWAY_SSHD);
  await lab.restartService('gateway', 'sshd');
  // Every node's host key is learned first, so no run below is slowed by a question.
  const learn = lab.exec(
    'admin',
    ['node', 'main/cli/bin.js', 'run', nodeSet, '--host', GATEWAY, '--accept-new', '--', 'true'],
    { cwd: REPO },
  );
  if (learn.status !== 0) throw new Error(`cannot reach the nodes: ${learn.stdout.toString()}`);
  const oursCommand = [
    'node',
    'main/cli/bin.js',
    'run',
    nodeSet,
    '--host',
    GATEWAY,
    '--fanout',
    '64',
    '--',
    'uptime',
  ];
  const clush = ['clush', '-w', nodeSet, '-f', '64', 'uptime'];
  const pdsh = ['pdsh', '-R', 'ssh', '-f', '64', '-w', nodeSet, 'uptime'];
  const times = { ours: [] as number[], warm: [] as number[], clush: [] as number[], pdsh: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    times.ours.push(timedInAdmin(lab, oursCommand));
    times.clush.push(timedInAdmin(lab, clush));
    times.pdsh.push(timedInAdmin(lab, pdsh));
    const pooled = lab.exec(
      'admin',
      ['node', '--import', 'tsx', 'test/bench/fanout-warm.ts', String(count)],
      { cwd: REPO },
    );
    const { warmMs, failed } = JSON.parse(pooled.stdout.toString()) as { warmMs: number; failed: number };
    if (failed > 0) throw new Error(`${failed} pooled runs failed`);
    times.warm.push(warmMs);
  }
  const [ours, warm, clushMs, pdshMs] = [times.ours, times.warm, times.clush, times.pdsh].map(median) as [
    number,
    number,
    number,
    number,
  ];
  console.log(`uptime on ${count} nodes through the gateway (median of ${RUNS}):`);
  console.log(`clusterdeck run, cold (new process and connections): ${ours.toFixed(0)} ms`);
  console.log(`clusterdeck, warm (pooled connections):               ${warm.toFixed(0)} ms`);
  console.log(`clush -f 64:                                          ${clushMs.toFixed(0)} ms`);
  console.log(
    `pdsh -R ssh -f 64:                                    ${pdshMs.toFixed(0)} ms (${(ours / pdshMs).toFixed(2)}x ours cold)`,
  );
  console.log(`warm ratio: ${(warm / clushMs).toFixed(2)}`);
  console.log(`ratio: ${(ours / clushMs).toFixed(2)}`);
} finally {
  await down();
}
