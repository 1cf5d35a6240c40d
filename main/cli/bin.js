#!/usr/bin/env node
// Runs the TypeScript CLI directly (through tsx), so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
