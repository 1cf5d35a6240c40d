/** `image write SOURCE --to DEVICE|FILE` and `image drives`: the boot-disk writer on the command line. */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { drivesToShow, type Drive } from '../../shared/image/drives.js';
import type { WriteOutcome, WriteProgress } from '../../shared/image/writer-protocol.js';
import { listDrives } from '../bootdisk/drives.js';
import { writeWithWorker } from '../bootdisk/image-writer-client.js';
import { checkTarget } from '../bootdisk/write-target.js';
import { inspectSource } from '../workers/image-writer/image-source.js';
import { CliError, EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function describeDrive(drive: Drive): string {
  const about = [drive.model, drive.bus?.toUpperCase(), megabytes(drive.bytes)].filter(Boolean).join(', ');
  const mounts = drive.mountpoints.length > 0 ? `, mounted at ${drive.mountpoints.join(' ')}` : '';
  return `${drive.path} (${about}${mounts})`;
}

function progressLine(progress: WriteProgress): string {
  const share = progress.totalBytes > 0 ? progress.bytes / progress.totalBytes : 1;
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, ' ');
  const eta = progress.etaSeconds === undefined ? '' : ` ETA ${Math.ceil(progress.etaSeconds)} s`;
  const speed = `${megabytes(progress.bytesPerSecond)}/s`;
  return `${progress.phase.padEnd(9)} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${speed}${eta}`;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** What will be erased, after the checks a drive must pass; throws when it may not be written. */
async function describeTarget(target: string, sourcePath: string, imageBytes: number): Promise<string> {
  // Naming the device on the command line is the typed confirmation a fixed drive needs.
  const checked = await checkTarget(target, sourcePath, imageBytes, target).catch((error: Error) => {
    throw new CliError(error.message);
  });
  if (checked.kind === 'drive') return `${describeDrive(checked.drive)}: everything on it is erased`;
  const { existingBytes } = checked;
  return existingBytes === undefined
    ? `the new file ${target}`
    : `the file ${target} (replacing its ${existingBytes} bytes)`;
}

function report(outcome: WriteOutcome, target: string, io: CliIo): number {
  switch (outcome.state) {
    case 'verified':
      io.stdout(
        `verified: ${outcome.bytes} bytes on ${target} match the image, ${outcome.seconds.toFixed(1)} s`,
      );
      return EXIT_OK;
    case 'written':
      io.stdout(`written, not verified: ${outcome.bytes} bytes to ${target}`);
      return EXIT_OK;
    case 'mismatch': {
      const { offset, length } = outcome.firstMismatch;
      io.stderr(
        `verification FAILED: ${target} differs from the image at bytes ${offset}–${offset + length - 1}`,
      );
      return EXIT_FAILURE;
    }
    case 'cancelled':
      io.stderr(outcome.message);
      return EXIT_FAILURE;
    case 'failed':
      io.stderr(`write failed: ${outcome.message}`);
      return EXIT_FAILURE;
  }
}

async function writeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { to: { type: 'string' }, yes: { type: 'boolean' }, 'no-verify': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [source] = positionals;
  if (source === undefined || values.to === undefined || positionals.length > 1)
    throw new CliError('image write needs SOURCE and --to DEVICE|FILE');
  const image = await inspectSource(source).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const erased = await describeTarget(values.to, source, image.bytes);
  io.stdout(`${source}: ${image.kind.label}, ${image.bytes} bytes`);
  if (values.yes !== true && !(await confirm(`Write it to ${erased}?`)))
    throw new CliError(`not written: confirm with --yes (writing to ${erased})`);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY;
  let lastPhase = '';
  try {
    const outcome = await writeWithWorker(
      { source, target: values.to, verify: values['no-verify'] !== true },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          if (tty) process.stderr.write(`\r${progressLine(progress)}`);
          else if (progress.phase !== lastPhase) io.stderr(`${progress.phase} ${values.to}…`);
          lastPhase = progress.phase;
        },
      },
    );
    if (tty) process.stderr.write('\n');
    return report(outcome, values.to, io);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function drivesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
    strict: true,
  });
  const drives = drivesToShow(await listDrives(), values.all === true);
  if (values.json === true) io.stdout(JSON.stringify(drives, null, 2));
  else if (drives.length === 0) io.stdout('no removable drive found (--all shows fixed drives too)');
  for (const drive of values.json === true ? [] : drives) {
    const note = drive.verdict.offered ? '' : ` — ${drive.verdict.reason}: name it with --to to write it`;
    io.stdout(`${describeDrive(drive)}${note}`);
  }
  return EXIT_OK;
}

export async function imageCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'write') return writeCommand(rest, io);
  if (verb === 'drives') return drivesCommand(rest, io);
  throw new CliError(`unknown image command '${verb ?? ''}' (see clusterdeck --help)`);
}
