/**
 * One run of the config engine on a folder, in its own process so its peak memory is its own:
 * read every file, parse, build the model, validate, and write every file back out (as the
 * console writes a file it edited).
 * Prints `{ "ms": …, "peakMb": …, "nodes": …, "diagnostics": … }`.
 */
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { loadClusterFolder } from '../../main/config/load-cluster.js';
import { writeText } from '../../main/config/text-file.js';
import { validate } from '../../shared/cluster/rules.js';

const [root = '', out = ''] = process.argv.slice(2);
const started = performance.now();
const { read, cluster, model } = await loadClusterFolder(root);
const diagnostics = validate(cluster, model);
for (const file of Object.values(read.input.files)) {
  const target = path.join(out, file.path);
  await mkdir(path.dirname(target), { recursive: true });
  const handle = await open(target, 'w');
  await writeText(handle, file.text).finally(() => handle.close());
}
const ms = performance.now() - started;
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ ms, peakMb, nodes: model.nodes.length, diagnostics: diagnostics.length })}\n`,
);
