/**
 * `npm run bench:config`: the config engine on a 65,535-node cluster against ISC dhcpd's own
 * `dhcpd -t` on the same dhcpd.conf, in the same run. Ends with `ratio: X` (ours ÷ dhcpd's).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../main/paths.js';
import { BIG_NODE_COUNT, writeBigCluster } from './big-cluster.js';
import { median } from './median.js';

const RUNS = 9;

function timeDhcpd(conf: string, leases: string): number {
  const started = performance.now();
  const result = spawnSync('dhcpd', ['-t', '-q', '-cf', conf, '-lf', leases], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.error)
    throw new Error(`cannot run dhcpd (apt-get install isc-dhcp-server): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`dhcpd -t rejected the benchmark's dhcpd.conf:\n${result.stderr}`);
  return ms;
}

function runOurs(
  root: string,
  out: string,
): { ms: number; peakMb: number; nodes: number; diagnostics: number } {
  const script = path.join(packageRoot, 'test/bench/config-pipeline.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, root, out], {
    encoding: 'utf8',
    cwd: packageRoot,
  });
  if (result.status !== 0) throw new Error(`the config pipeline failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as { ms: number; peakMb: number; nodes: number; diagnostics: number };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'clusterdeck-bench-config-'));
try {
  const root = path.join(dir, 'root');
  await writeBigCluster(root);
  const conf = path.join(root, 'etc/dhcpd.conf');
  const leases = path.join(dir, 'dhcpd.leases');
  await writeFile(leases, '');
  const dhcpdTimes: number[] = [];
  const ours: Array<ReturnType<typeof runOurs>> = [];
  for (let run = 0; run < RUNS; run++) {
    dhcpdTimes.push(timeDhcpd(conf, leases));
    ours.push(runOurs(root, path.join(dir, `out-${run}`)));
  }
  const dhcpdMs = median(dhcpdTimes);
  const oursMs = median(ours.map((run) => run.ms));
  const peakMb = Math.max(...ours.map((run) => run.peakMb));
  const [first] = ours;
  console.log(
    `cluster: ${BIG_NODE_COUNT} openMosix IDs, ${first?.nodes ?? 0} nodes in the model, ${first?.diagnostics ?? 0} findings`,
  );
  console.log(`dhcpd -t on dhcpd.conf alone:             ${dhcpdMs.toFixed(0)} ms (median of ${RUNS})`);
  console.log(
    `clusterdeck parse+validate+write, all files: ${oursMs.toFixed(0)} ms (median of ${RUNS}), peak ${peakMb.toFixed(0)} MB`,
  );
  console.log(`ratio: ${(oursMs / dhcpdMs).toFixed(2)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
