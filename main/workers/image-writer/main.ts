/** The worker process's entry (bundled to out/workers/image-writer.mjs by `npm run build:workers`). */
import { runWorker } from './worker.js';

process.exitCode = await runWorker(process.stdin, process.stdout);
// A refusal ends the worker while main may still hold its stdin open.
process.stdin.destroy();
