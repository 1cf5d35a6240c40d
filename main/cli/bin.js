#!/usr/bin/env node
// Runs the TypeScript CLI directly (through tsx), so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
