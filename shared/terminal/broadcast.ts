/**
 * Broadcast typing (ClusterSSH-style): while it is on, what is typed or pasted into one
 * terminal goes to every terminal that takes part; a terminal can be left out, and the one
 * typed into while left out gets its input alone.
 */
import { expandNodeSet } from '../cluster/nodeset.js';

export interface BroadcastState {
  on: boolean;
  /** Terminals left out of the broadcast. */
  excluded: ReadonlySet<string>;
}

export const BROADCAST_OFF: BroadcastState = { on: false, excluded: new Set() };

/** The terminals that receive what is typed into `source`. */
export function inputTargets(
  terminalIds: readonly string[],
  broadcast: BroadcastState,
  source: string,
): string[] {
  if (!broadcast.on || broadcast.excluded.has(source)) return [source];
  return terminalIds.filter((id) => !broadcast.excluded.has(id));
}

export interface OpenTerminal {
  id: string;
  /** The node's name, or undefined for the gateway itself. */
  node: string | undefined;
}

export type NodeSetBroadcast =
  { ok: true; open: string[]; broadcast: BroadcastState } | { ok: false; error: string };

/**
 * Broadcast to a NodeSet: the nodes that have no terminal yet (to open), and a broadcast that
 * leaves out every terminal outside the set.
 */
export function broadcastToNodeSet(terminals: readonly OpenTerminal[], nodeSet: string): NodeSetBroadcast {
  const expanded = expandNodeSet(nodeSet.trim());
  if (!expanded.ok) return expanded;
  const wanted = new Set(expanded.nodes);
  const covered = new Set(terminals.map((terminal) => terminal.node));
  const excluded = terminals
    .filter((terminal) => terminal.node === undefined || !wanted.has(terminal.node))
    .map((terminal) => terminal.id);
  return {
    ok: true,
    open: expanded.nodes.filter((node) => !covered.has(node)),
    broadcast: { on: true, excluded: new Set(excluded) },
  };
}

export function toggleExcluded(broadcast: BroadcastState, id: string): BroadcastState {
  const excluded = new Set(broadcast.excluded);
  if (excluded.has(id)) excluded.delete(id);
  else excluded.add(id);
  return { ...broadcast, excluded };
}
