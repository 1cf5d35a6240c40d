/**
 * Gathering a fan-out's results the way ClusterShell's `clubak -b` does: nodes that answered
 * the same thing become one group, `node[001-040] (40)`, so forty identical lines read as one.
 */
import { foldNodeSet } from '../cluster/nodeset.js';
import { labelledDiff } from '../config/diff.js';

/** How a node's run ended. */
export type RunOutcome =
  | { kind: 'exited'; code: number }
  | { kind: 'signalled'; signal: string }
  /** No SSH session could be opened (node down, sshd stopped, refused key). */
  | { kind: 'unreachable'; message: string }
  | { kind: 'timed-out'; seconds: number };

export interface NodeRun {
  node: string;
  outcome: RunOutcome;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunGroup {
  /** The nodes, folded: `node[001-040]`. */
  nodeSet: string;
  nodes: string[];
  outcome: RunOutcome;
  stdout: string;
  stderr: string;
}

/** Plain words for an outcome: `exit 0`, `unreachable: …`. */
export function describeOutcome(outcome: RunOutcome): string {
  switch (outcome.kind) {
    case 'exited':
      return `exit ${outcome.code}`;
    case 'signalled':
      return `killed by ${outcome.signal}`;
    case 'unreachable':
      return `unreachable: ${outcome.message}`;
    case 'timed-out':
      return `no answer within ${outcome.seconds} s`;
  }
}

export function succeeded(run: NodeRun): boolean {
  return run.outcome.kind === 'exited' && run.outcome.code === 0;
}

/** Groups identical answers (output, errors and outcome alike); the biggest group first. */
export function gatherRuns(runs: readonly NodeRun[]): RunGroup[] {
  const groups = new Map<string, { runs: NodeRun[] }>();
  for (const run of runs) {
    const key = JSON.stringify([describeOutcome(run.outcome), run.stdout, run.stderr]);
    const group = groups.get(key);
    if (group) group.runs.push(run);
    else groups.set(key, { runs: [run] });
  }
  return [...groups.values()]
    .map(({ runs: members }) => {
      const [first] = members as [NodeRun];
      const nodes = members.map((run) => run.node);
      return {
        nodeSet: foldNodeSet(nodes),
        nodes,
        outcome: first.outcome,
        stdout: first.stdout,
        stderr: first.stderr,
      };
    })
    .sort((a, b) => b.nodes.length - a.nodes.length || a.nodeSet.localeCompare(b.nodeSet));
}

function groupSucceeded(group: RunGroup): boolean {
  return group.outcome.kind === 'exited' && group.outcome.code === 0;
}

/** A group's output and errors, ending with a newline. */
function answerText(group: RunGroup): string {
  const body = `${group.stdout}${group.stderr}`;
  return body === '' || body.endsWith('\n') ? body : `${body}\n`;
}

/** A group as `clubak -b` prints it: a header with the node set and its size, then the output. */
export function formatGroup(group: RunGroup): string {
  const rule = '-'.repeat(15);
  const outcome = groupSucceeded(group) ? '' : ` [${describeOutcome(group.outcome)}]`;
  return `${rule}\n${group.nodeSet} (${group.nodes.length})${outcome}\n${rule}\n${answerText(group)}`;
}

/**
 * Like `clush --diff`: every other answer as a unified diff against the most common one (the
 * first group), a failed outcome shown as a last line, so forty answers and two odd ones read
 * as two short diffs.
 */
export function diffGroups(groups: readonly RunGroup[]): string {
  const [reference, ...others] = groups;
  if (reference === undefined) return '';
  const label = (group: RunGroup) => `${group.nodeSet} (${group.nodes.length})`;
  const text = (group: RunGroup) =>
    answerText(group) + (groupSucceeded(group) ? '' : `[${describeOutcome(group.outcome)}]\n`);
  return others
    .map((group) => labelledDiff(label(reference), label(group), text(reference), text(group)))
    .join('');
}

/** One node's output as pdsh and clush print it: every line prefixed with `node: `. */
export function formatLines(run: NodeRun): string {
  const lines = `${run.stdout}${run.stderr}`.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const tail = succeeded(run) ? [] : [`${run.node}: [${describeOutcome(run.outcome)}]`];
  return [...lines.map((line) => `${run.node}: ${line}`), ...tail].map((line) => `${line}\n`).join('');
}
