/**
 * Runs inside the lab's admin desktop for `bench:terminal`: the ceiling, Clusterdeck's own ssh2
 * channel (a PTY shell from the pool, as a terminal opens it) read as fast as it comes, with
 * nothing rendered. Prints one JSON line: { bytes, ms }.
 */
import os from 'node:os';
import { KnownHostsFile } from '../../main/ssh/known-hosts.js';
import { SshPool } from '../../main/ssh/ssh-pool.js';
import { resolveTarget } from '../../main/ssh/target.js';

const [destination = '', command = '', marker = ''] = process.argv.slice(2);
const home = os.homedir();
const pool = new SshPool({
  knownHosts: new KnownHostsFile(`${home}/.ssh/known_hosts`),
  hostKeys: { askUnknown: () => Promise.resolve('refuse') },
});
const target = resolveTarget(destination, { sshConfig: '', localUser: os.userInfo().username, home });
const lease = await pool.acquire(target);
const shell = await lease.shell({ term: 'xterm-256color', cols: 120, rows: 40, width: 0, height: 0 });
await new Promise((resolve) => setTimeout(resolve, 500)); // the prompt
let bytes = 0;
let tail = '';
const started = performance.now();
await new Promise<void>((resolve) => {
  shell.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
    tail = (tail + chunk.toString('latin1')).slice(-256);
    if (tail.includes(marker)) resolve();
  });
  shell.write(`${command}\n`);
});
console.log(JSON.stringify({ bytes, ms: performance.now() - started }));
lease.release();
await pool.dispose();
