/**
 * `npm run bench:terminal`: 100 MB of shell output (`cat` of a file holding the base64 of 75 MB
 * of zeros) from the lab's gateway, side by side in one run: rendered by xterm.js in Chromium
 * through the console (serve on the admin desktop, a terminal tab, WebGL where the browser has
 * it), read raw from Clusterdeck's ssh2 channel (the ceiling), and OpenSSH `ssh -tt … >
 * /dev/null`; and, for reference, each end alone: the PTY on the gateway without SSH, and xterm.js
 * in the same Chromium without SSH or console. Prints MB/s of each and ends with `ratio: X`
 * (rendered ÷ raw channel). Needs root, the lab, Chromium, and `npm run build` (the script runs it).
 */
import { down, Lab } from '../lab/lab.js';
import { OFFICE } from '../lab/topology.js';
import { resetAdminDesktop, startServe } from '../e2e/lab-console.js';

const GATEWAY = `root@${OFFICE.gateway}`;
const MARKER = 'bench-done-2';
/**
 * Written before the runs and printed with `cat`, which writes 128 kB at a time. `base64` itself
 * would be the bottleneck: on a terminal it flushes every 77-byte line with a write of its own,
 * and those writes alone keep the PTY under 25 MB/s on a 2-core machine.
 */
const OUTPUT_FILE = '/tmp/clusterdeck-bench-output.txt';
/** The title escape ends the output; `$((1+1))` keeps the typed command itself from matching. */
const COMMAND = `cat ${OUTPUT_FILE}; printf '\\033]0;bench-done-%s\\007' $((1+1))`;
const REPO = process.cwd();

const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

/** Runs one of the bench's scripts on the admin desktop; returns the JSON line it printed last. */
function runOnAdmin<T>(lab: Lab, script: string, args: string[], what: string): T {
  const result = lab.exec('admin', ['node', '--import', 'tsx', `test/bench/${script}`, ...args], {
    cwd: REPO,
    timeoutMs: 300_000,
  });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as T;
}

interface Rendered {
  ms: number;
  renderer: string;
  /** The terminal's size as the console showed it, "cols×rows". */
  size: string;
}

async function rendered(lab: Lab): Promise<Rendered> {
  resetAdminDesktop(lab);
  const { serve, url } = await startServe(lab);
  try {
    const args = [url, GATEWAY, COMMAND, MARKER];
    return runOnAdmin<Rendered>(lab, 'terminal-rendered.ts', args, 'rendering in Chromium');
  } finally {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
}

const rawChannel = (lab: Lab) =>
  runOnAdmin<{ bytes: number; ms: number }>(
    lab,
    'terminal-raw.ts',
    [GATEWAY, COMMAND, MARKER],
    'the raw channel read',
  );

function xtermAlone(lab: Lab, bytes: number, size: string) {
  const [cols = '', rows = ''] = size.split('×');
  const args = [String(bytes), cols, rows];
  return runOnAdmin<{ bytes: number; ms: number }>(lab, 'terminal-xterm-alone.ts', args, 'xterm.js alone');
}

/** Runs `script` (with COMMAND as $0) in a lab host's shell and times it. */
function timedShellMs(lab: Lab, host: string, script: string, what: string): number {
  const started = performance.now();
  const result = lab.exec(host, ['sh', '-c', script, COMMAND], { timeoutMs: 300_000 });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr}`);
  return performance.now() - started;
}

const opensshMs = (lab: Lab) => timedShellMs(lab, 'admin', `ssh -tt ${GATEWAY} "$0" > /dev/null`, 'ssh');

/** For reference: the same output through a pseudo-terminal on the gateway alone (`script`, no SSH), dropped. */
const ptyAloneMs = (lab: Lab) =>
  timedShellMs(lab, 'gateway', 'script -qc "$0" /dev/null > /dev/null', 'script');

const lab = await Lab.up(1);
try {
  lab.shell('gateway', `head -c 75000000 /dev/zero | base64 > ${OUTPUT_FILE}`);
  const page = await rendered(lab); // learns the gateway's key into admin's known_hosts
  const raw = rawChannel(lab);
  const openssh = opensshMs(lab);
  const ptyAlone = ptyAloneMs(lab);
  const alone = xtermAlone(lab, raw.bytes, page.size);
  const renderedRate = mbPerSecond(raw.bytes, page.ms);
  const rawRate = mbPerSecond(raw.bytes, raw.ms);
  console.log(`output: ${(raw.bytes / 1e6).toFixed(1)} MB from ${GATEWAY}`);
  console.log(`(xterm.js renderer in Chromium: ${page.renderer}, ${page.size})`);
  console.log(`rendered by xterm.js in Chromium: ${renderedRate.toFixed(1)} MB/s (target ≥ 30)`);
  console.log(`raw ssh2 channel read:            ${rawRate.toFixed(1)} MB/s`);
  console.log(`OpenSSH ssh -tt > /dev/null:      ${mbPerSecond(raw.bytes, openssh).toFixed(1)} MB/s`);
  console.log(`PTY alone on the gateway (script): ${mbPerSecond(raw.bytes, ptyAlone).toFixed(1)} MB/s`);
  console.log(`xterm.js alone in Chromium:       ${mbPerSecond(alone.bytes, alone.ms).toFixed(1)} MB/s`);
  console.log(`ratio: ${(renderedRate / rawRate).toFixed(2)}`);
} finally {
  await down();
}
