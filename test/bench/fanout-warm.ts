/**
 * Runs inside the lab's admin host for `npm run bench:fanout`: `uptime` on N nodes through the
 * gateway with one pool, twice — the first run opens every connection, the second reuses them.
 * Prints `{ "coldMs": …, "warmMs": …, "failed": … }`.
 */
import { succeeded } from '../../shared/fanout/gather.js';
import { resolveCliTarget } from '../../main/cli/cli-ssh.js';
import { batchSshPool } from '../../main/ssh/batch-pool.js';
import { fanOut } from '../../main/fanout/fan-out.js';
import { nodeThroughGateway, sshRunner } from '../../main/fanout/ssh-runner.js';
import { nodeName, OFFICE } from '../lab/topology.js';

const count = Number(process.argv[2]);
const nodes = Array.from({ length: count }, (_, i) => nodeName(i + 1));
const gateway = await resolveCliTarget(`root@${OFFICE.gateway}`);
const pool = batchSshPool({ acceptNew: false, maxHandshakes: 64 });
const runner = sshRunner(pool, nodeThroughGateway(gateway, 'root'), 'uptime');
const timed = async () => {
  const started = performance.now();
  const runs = await fanOut(nodes, runner, { fanout: 64 });
  return { ms: performance.now() - started, failed: runs.filter((run) => !succeeded(run)).length };
};
const cold = await timed();
const warm = await timed();
await pool.dispose();
process.stdout.write(
  `${JSON.stringify({ coldMs: cold.ms, warmMs: warm.ms, failed: cold.failed + warm.failed })}\n`,
);
