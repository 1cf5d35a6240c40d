#!/usr/bin/env node
// The image-writer worker's entry: runs its TypeScript through tsx, like the CLI's bin.js.
import { register } from 'tsx/esm/api';

register();
const { runWorker } = await import('./worker.ts');
process.exitCode = await runWorker(process.stdin, process.stdout);
// A refusal ends the worker while main may still hold its stdin open.
process.stdin.destroy();
