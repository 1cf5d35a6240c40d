/** `clusterdeck`: the command line. Exit codes: 0 ok, 1 findings/failure, 2 usage or I/O error. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../paths.js';
import { bootdiskCommand } from './bootdisk-command.js';
import { checkCommand, nodeCommand, nodesCommand } from './cluster-commands.js';
import { CliError, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { generateCommand } from './generate-command.js';
import { imageCommand } from './image-command.js';
import { runCommand } from './run-command.js';
import { processIo, type CliIo } from './io.js';
import { parsePort, serve } from './serve-command.js';
import { findElectronBinary, runElectron } from './start-command.js';

const USAGE = `Usage: clusterdeck <command> [options]

The console for diskless Linux clusters (gateway with DHCP, TFTP and an NFS client root).

Commands:
  serve [--port N] [--host ADDR] [--root DIR]
        Serve the console to a browser (web mode). Binds 127.0.0.1 by default and prints
        a URL with a one-time token. Opens the built-in demo cluster, or --root DIR, a
        folder mirroring a gateway's /. --port 0 (the default) picks a free port.
  start [serve options]
        Start the desktop app; where the Electron binary is missing, web mode instead.

  check --root DIR [--json]
        Validate the cluster's files (hosts, openMosix map, dhcpd.conf, leases, exports,
        the client root's copies, fstab, lts.conf, rc.local). Exit 1 when errors are found.
  nodes --root DIR [--json]
        Every node with what each file says about it, and new machines in the leases.
  node add NAME|NODESET --ip IP [--mac MAC] [--id N] --root DIR [--dry-run]
        Add a node (or a range like node[254-300] from --ip on) to every file.
  node remove NAME|NODESET --root DIR [--dry-run]
  node set NAME [--name NEW] [--ip IP] [--mac MAC] --root DIR [--dry-run]
  node adopt MAC [MAC…] [--name NAME] --root DIR [--dry-run]
        Give machines found in the DHCP leases a name, a fixed address and an openMosix ID.
  generate --profile FILE --out DIR
        Write a new cluster's complete file set from a small JSON profile.
  bootdisk build --root DIR --out FILE [--format floppy|usb] [--nic auto|N]
                 [--chain dhcp|fixed] [--node NAME] [--next-server IP] [--filename PATH]
                 [--static-ip IP [--static-netmask MASK] [--static-gateway IP]]
                 [--menu SECONDS] [--print-script]
        Build a network boot disk (SYSLINUX + iPXE) for the cluster: it does DHCP and chains
        the boot file dhcpd names, or (--chain fixed) the next-server and filename that
        dhcpd.conf gives --node or the cluster; an iPXE shell when it fails. Never replaces
        an existing FILE. (--host, building from a live gateway, is not there yet.)
  image write SOURCE --to DEVICE|FILE [--yes] [--no-verify]
        Write a boot image (.zdsk .lzdsk .dsk .usb .iso .img, also .gz/.xz) to a drive or a
        file, first block last, then read it back and compare. System drives and the drive
        holding SOURCE are refused; asks before erasing unless --yes. Ctrl-C cancels.
  image drives [--all] [--json]
        The removable drives an image may be written to (--all: fixed drives too).

  run NODESET --host USER@GATEWAY [--fanout N] [--timeout S] [--gather|--diff|--json]
      [--user USER] [--accept-new] -- COMMAND…
        Run a command on every node of NODESET (node[001-016,020]) through the gateway,
        at most N at a time (64). Prints each node's output as node: line, or with
        --gather groups identical answers (node[001-040] (40)), or with --diff the most
        common answer and a diff of each other one against it. Exit 1 if any node failed.

  Node commands print the diff of every file they change; without --dry-run they then write
  each file atomically, keeping the previous version as FILE.<time>.clusterdeck.bak. On a
  gateway (--host), dhcpd is then restarted when dhcpd.conf changed, unless --no-restart.
  File locations are detected; override them with --dhcpd-conf PATH, --map PATH and
  --client-root PATH (gateway paths inside --root).

  --host [user@]gateway[:port] instead of --root DIR works on the live gateway over SSH
  (~/.ssh/config honoured, agent or key files, no prompts). An unknown host key fails
  unless --accept-new records it in ~/.ssh/known_hosts; a changed key always fails.

Options:
  -h, --help     Show this help (also after a command)
  -v, --version  Print the version

Exit codes: 0 ok, 1 findings or failure, 2 usage or I/O error.`;

const clusterCommands: Record<string, ((args: string[], io: CliIo) => Promise<number>) | undefined> = {
  check: checkCommand,
  nodes: nodesCommand,
  node: nodeCommand,
  generate: generateCommand,
  bootdisk: bootdiskCommand,
  image: imageCommand,
  run: runCommand,
};

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

const serveOptions = {
  port: { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseServeArgs(args: string[]) {
  const { values } = parseArgs({ args, options: serveOptions, strict: true, allowPositionals: false });
  return {
    help: values.help === true,
    options: { host: values.host, port: parsePort(values.port), root: values.root, version: readVersion() },
  };
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(readVersion());
    return EXIT_OK;
  }
  const clusterCommand = clusterCommands[command];
  if (clusterCommand) return clusterCommand(rest, io);
  if (command !== 'serve' && command !== 'start') {
    throw new CliError(`unknown command '${command}' (see clusterdeck --help)`);
  }
  const { help, options } = parseServeArgs(rest);
  if (help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command === 'start') {
    const electron = findElectronBinary();
    if ('path' in electron) return runElectron(electron.path, io);
    const howTo = '`npm run electron:install` fetches it where reachable';
    io.stdout(`Electron is not available here (${electron.missing}; ${howTo}); starting web mode instead.`);
  }
  await serve(options, io, untilSignalled());
  return EXIT_OK;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.stderr(`clusterdeck: ${(error as Error).message}`);
    return error instanceof CliError ? error.exitCode : EXIT_USAGE;
  }
}
