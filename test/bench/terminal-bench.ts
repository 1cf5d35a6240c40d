/**
 * `npm run bench:terminal`: 100 MB of shell output (base64 of 75 MB of zeros) from the lab's
 * gateway, side by side in one run: rendered by xterm.js in Chromium through the console
 * (serve on the admin desktop, a terminal tab, WebGL where the browser has it), read raw from
 * Clusterdeck's ssh2 channel (the ceiling), and OpenSSH `ssh -tt … > /dev/null`; and, for
 * reference, the PTY alone without SSH. Prints MB/s of each and ends with `ratio: X` (rendered ÷
 * raw channel). Needs root, the lab, Chromium, and `npm run build` (the script runs it).
 */
import { down, Lab } from '../lab/lab.js';
import { OFFICE } from '../lab/topology.js';
import { resetAdminDesktop, startServe } from '../e2e/lab-console.js';

const GATEWAY = `root@${OFFICE.gateway}`;
const MARKER = 'bench-done-2';
/** The title escape ends the output; `$((1+1))` keeps the typed command itself from matching. */
const COMMAND = `head -c 75000000 /dev/zero | base64; printf '\\033]0;bench-done-%s\\007' $((1+1))`;
const REPO = process.cwd();

const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

async function renderedMs(lab: Lab): Promise<number> {
  resetAdminDesktop(lab);
  const { serve, url } = await startServe(lab);
  try {
    const result = lab.exec(
      'admin',
      ['node', '--import', 'tsx', 'test/bench/terminal-rendered.ts', url, GATEWAY, COMMAND, MARKER],
      { cwd: REPO, timeoutMs: 300_000 },
    );
    if (result.status !== 0) throw new Error(`rendering in Chromium failed: ${result.stderr}`);
    const { ms, renderer } = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as {
      ms: number;
      renderer: string;
    };
    console.log(`(xterm.js renderer in Chromium: ${renderer})`);
    return ms;
  } finally {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
}

function rawChannel(lab: Lab): { bytes: number; ms: number } {
  const result = lab.exec(
    'admin',
    ['node', '--import', 'tsx', 'test/bench/terminal-raw.ts', GATEWAY, COMMAND, MARKER],
    { cwd: REPO, timeoutMs: 300_000 },
  );
  if (result.status !== 0) throw new Error(`the raw channel read failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as { bytes: number; ms: number };
}

/** Runs `script` (with COMMAND as $0) in a lab host's shell and times it. */
function timedShellMs(lab: Lab, host: string, script: string, what: string): number {
  const started = performance.now();
  const result = lab.exec(host, ['sh', '-c', script, COMMAND], { timeoutMs: 300_000 });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr}`);
  return performance.now() - started;
}

const opensshMs = (lab: Lab) => timedShellMs(lab, 'admin', `ssh -tt ${GATEWAY} "$0" > /dev/null`, 'ssh');

/**
 * The ceiling under all three: the same output through a pseudo-terminal on the gateway alone
 * (`script`, no SSH), read and dropped. The kernel's PTY costs its CPU for every byte.
 */
const ptyAloneMs = (lab: Lab) =>
  timedShellMs(lab, 'gateway', 'script -qc "$0" /dev/null > /dev/null', 'script');

const lab = await Lab.up(1);
try {
  const rendered = await renderedMs(lab); // learns the gateway's key into admin's known_hosts
  const raw = rawChannel(lab);
  const openssh = opensshMs(lab);
  const ptyAlone = ptyAloneMs(lab);
  const renderedRate = mbPerSecond(raw.bytes, rendered);
  const rawRate = mbPerSecond(raw.bytes, raw.ms);
  console.log(`output: ${(raw.bytes / 1e6).toFixed(1)} MB from ${GATEWAY}`);
  console.log(`rendered by xterm.js in Chromium: ${renderedRate.toFixed(1)} MB/s (target ≥ 30)`);
  console.log(`raw ssh2 channel read:            ${rawRate.toFixed(1)} MB/s`);
  console.log(`OpenSSH ssh -tt > /dev/null:      ${mbPerSecond(raw.bytes, openssh).toFixed(1)} MB/s`);
  console.log(`PTY alone on the gateway (script): ${mbPerSecond(raw.bytes, ptyAlone).toFixed(1)} MB/s`);
  console.log(`ratio: ${(renderedRate / rawRate).toFixed(2)}`);
} finally {
  await down();
}
