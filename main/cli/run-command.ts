/**
 * `clusterdeck run NODESET --host USER@GATEWAY -- COMMAND…`: one command on many nodes, through
 * the gateway, with a sliding window of sessions; output as it arrives (`node: line`, like
 * pdsh and clush), gathered by identical answers (`--gather`, like clush -b), or as the most common
 * answer and a diff of each other one against it (`--diff`, like clush --diff).
 */
import { parseArgs } from 'node:util';
import { expandNodeSet } from '../../shared/cluster/nodeset.js';
import {
  diffGroups,
  formatGroup,
  formatLines,
  gatherRuns,
  succeeded,
  type NodeRun,
  type RunGroup,
} from '../../shared/fanout/gather.js';
import { DEFAULT_FANOUT, DEFAULT_TIMEOUT_SECONDS, fanOut } from '../fanout/fan-out.js';
import { nodeThroughGateway, sshRunner } from '../fanout/ssh-runner.js';
import { CliError, EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { batchSshPool } from '../ssh/batch-pool.js';
import { resolveCliTarget } from './cli-ssh.js';
import type { CliIo } from './io.js';

const options = {
  host: { type: 'string' },
  user: { type: 'string' },
  fanout: { type: 'string', short: 'f' },
  timeout: { type: 'string', short: 't' },
  gather: { type: 'boolean', short: 'b' },
  diff: { type: 'boolean' },
  json: { type: 'boolean' },
  'accept-new': { type: 'boolean' },
} as const;

interface RunRequest {
  nodes: string[];
  commandLine: string;
  gateway: string;
  user: string | undefined;
  fanout: number;
  timeoutSeconds: number;
  output: 'lines' | 'gather' | 'diff' | 'json';
  acceptNew: boolean;
}

function positiveNumber(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new CliError(`${what} must be a positive number, not '${text}'`);
  return value;
}

function parseRunArgs(args: string[]): RunRequest {
  const split = args.indexOf('--');
  if (split === -1)
    throw new CliError(
      'run: give the command after --, e.g. clusterdeck run node[001-008] --host root@gw -- uptime',
    );
  const commandWords = args.slice(split + 1);
  const { values, positionals } = parseArgs({
    args: args.slice(0, split),
    options,
    allowPositionals: true,
    strict: true,
  });
  const [nodeSet, ...extra] = positionals;
  if (nodeSet === undefined || extra.length > 0)
    throw new CliError('run: give one NODESET, e.g. node[001-016,020]');
  if (values.host === undefined)
    throw new CliError('run: --host USER@GATEWAY is required (nodes are reached through the gateway)');
  if (commandWords.length === 0) throw new CliError('run: the command after -- is empty');
  const outputs = (['gather', 'diff', 'json'] as const).filter((flag) => values[flag] === true);
  if (outputs.length > 1) throw new CliError(`run: choose one of --${outputs.join(', --')}`);
  const expanded = expandNodeSet(nodeSet);
  if (!expanded.ok) throw new CliError(`run: ${expanded.error}`);
  return {
    nodes: expanded.nodes,
    // As ssh does: the words are joined and the node's shell runs them (pipes and all).
    commandLine: commandWords.join(' '),
    gateway: values.host,
    user: values.user,
    fanout: Math.floor(positiveNumber(values.fanout, DEFAULT_FANOUT, '--fanout')),
    timeoutSeconds: positiveNumber(values.timeout, DEFAULT_TIMEOUT_SECONDS, '--timeout'),
    output: outputs[0] ?? 'lines',
    acceptNew: values['accept-new'] === true,
  };
}

function progressLine(done: NodeRun[], running: number, total: number): string {
  const failed = done.filter((run) => !succeeded(run)).length;
  return `${done.length}/${total} done${failed > 0 ? `, ${failed} failed` : ''}, ${running} running`;
}

function printGathered(output: RunRequest['output'], groups: RunGroup[], io: CliIo): void {
  if (output === 'gather') for (const group of groups) io.stdout(formatGroup(group).trimEnd());
  if (output !== 'diff' || groups[0] === undefined) return;
  io.stdout(formatGroup(groups[0]).trimEnd());
  const diffs = diffGroups(groups);
  if (diffs !== '') io.stdout(diffs.trimEnd());
}

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const request = parseRunArgs(args);
  const gateway = await resolveCliTarget(request.gateway);
  const pool = batchSshPool({ acceptNew: request.acceptNew, maxHandshakes: request.fanout });
  const done: NodeRun[] = [];
  let running = 0;
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once('SIGINT', stop);
  try {
    const runner = sshRunner(
      pool,
      nodeThroughGateway(gateway, request.user ?? gateway.username),
      request.commandLine,
    );
    await fanOut(request.nodes, runner, {
      fanout: request.fanout,
      timeoutSeconds: request.timeoutSeconds,
      signal: interrupt.signal,
      onStart: () => {
        running += 1;
        io.progress?.(progressLine(done, running, request.nodes.length));
      },
      onRun: (run) => {
        running -= 1;
        done.push(run);
        io.progress?.('');
        if (request.output === 'json') io.stdout(JSON.stringify(run));
        else if (request.output === 'lines' && formatLines(run) !== '') io.stdout(formatLines(run).trimEnd());
        io.progress?.(progressLine(done, running, request.nodes.length));
      },
    });
    io.progress?.('');
    printGathered(request.output, gatherRuns(done), io);
    return done.length === request.nodes.length && done.every(succeeded) ? EXIT_OK : EXIT_FAILURE;
  } finally {
    process.removeListener('SIGINT', stop);
    await pool.dispose();
  }
}
