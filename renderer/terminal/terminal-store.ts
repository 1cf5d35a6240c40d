/**
 * The console's terminals, kept outside React so they live on while another page shows: their
 * xterm instances, states, which one is active, the broadcast and the settings.
 */
import type { TerminalState } from '../../shared/ipc/contract.js';
import {
  BROADCAST_OFF,
  broadcastToNodeSet,
  inputTargets,
  toggleExcluded,
  type BroadcastState,
} from '../../shared/terminal/broadcast.js';
import { TypingPriority } from '../../shared/terminal/terminal-flow.js';
import { invoke, onEvent, type IpcError } from '../api/api.js';
import type { TerminalSettings, XtermTerminal } from './xterm-terminal.js';

export interface TerminalEntry {
  id: string;
  state: TerminalState;
  /** The page lost this terminal's stream (the console's server went away). */
  streamLost: boolean;
  size: { cols: number; rows: number };
  /** What the shell calls its window (OSC title), as terminal apps show it. */
  remoteTitle: string;
  xterm: XtermTerminal;
}

export interface TerminalsSnapshot {
  terminals: readonly TerminalEntry[];
  activeId: string | undefined;
  broadcast: BroadcastState;
  settings: TerminalSettings;
  finding: boolean;
  error: IpcError | undefined;
}

const DEFAULT_SIZE = { cols: 80, rows: 24 };

export class TerminalStore {
  private snapshot: TerminalsSnapshot = {
    terminals: [],
    activeId: undefined,
    broadcast: BROADCAST_OFF,
    settings: { fontSize: 14, scrollback: 5000, screenReader: false, webgl: true },
    finding: false,
    error: undefined,
  };
  private readonly listeners = new Set<() => void>();
  /** States that arrived before the terminal:open answer that names them. */
  private readonly early = new Map<string, TerminalState>();
  private readonly typing = new TypingPriority();

  constructor() {
    onEvent('terminal:state-changed', (state) => this.updateState(state));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): TerminalsSnapshot => this.snapshot;

  get active(): TerminalEntry | undefined {
    return this.snapshot.terminals.find((entry) => entry.id === this.snapshot.activeId);
  }

  /** Opens a shell on a node through the gateway, or on the gateway when `node` is undefined. */
  async open(node: string | undefined): Promise<TerminalEntry | undefined> {
    const size = this.active?.xterm.size ?? DEFAULT_SIZE;
    const result = await invoke('terminal:open', { ...(node === undefined ? {} : { node }), ...size });
    if (!result.ok) {
      this.set({ error: result.error });
      return undefined;
    }
    const id = result.value.terminalId;
    // xterm.js and its addons load with the first terminal, not with the console.
    const { XtermTerminal } = await import('./xterm-terminal.js');
    const xterm = new XtermTerminal(id, this.snapshot.settings, {
      onInput: (data) => this.type(id, data),
      onShortcut: (event) => this.shortcut(event),
      onStreamEnded: () => this.update(id, { streamLost: true }),
      onResize: (newSize) => this.update(id, { size: newSize }),
      onTitle: (remoteTitle) => this.update(id, { remoteTitle }),
      outputHeldUntil: () => this.typing.heldUntil(id),
    });
    const state = this.early.get(id) ?? result.value;
    const entry: TerminalEntry = { id, state, streamLost: false, size: xterm.size, remoteTitle: '', xterm };
    this.early.delete(id);
    xterm.connectStream();
    this.set({ terminals: [...this.snapshot.terminals, entry], activeId: id, error: undefined });
    return entry;
  }

  async reconnect(id: string): Promise<void> {
    const entry = this.entry(id);
    if (!entry) return;
    if (entry.streamLost || !entry.xterm.streaming) {
      entry.xterm.connectStream();
      this.update(id, { streamLost: false });
    }
    const result = await invoke('terminal:reconnect', { terminalId: id });
    if (!result.ok) this.set({ error: result.error });
  }

  close(id: string): void {
    const entry = this.entry(id);
    if (!entry) return;
    entry.xterm.dispose();
    this.typing.forget(id);
    void invoke('terminal:close', { terminalId: id });
    const terminals = this.snapshot.terminals.filter((other) => other.id !== id);
    const index = this.snapshot.terminals.indexOf(entry);
    // The tab that takes the closed one's place becomes active.
    const activeId =
      this.snapshot.activeId === id
        ? terminals[Math.min(index, terminals.length - 1)]?.id
        : this.snapshot.activeId;
    this.set({ terminals, activeId, broadcast: toggleExcludedOff(this.snapshot.broadcast, id) });
  }

  activate(id: string): void {
    if (this.entry(id)) this.set({ activeId: id });
  }

  /** Moves to the next (+1) or previous (-1) tab, wrapping around. */
  cycle(step: 1 | -1): void {
    const { terminals } = this.snapshot;
    const index = terminals.findIndex((entry) => entry.id === this.snapshot.activeId);
    const next = terminals[(index + step + terminals.length) % terminals.length];
    if (next) this.activate(next.id);
  }

  toggleBroadcast(): void {
    this.set({ broadcast: { ...this.snapshot.broadcast, on: !this.snapshot.broadcast.on } });
  }

  toggleExcluded(id: string): void {
    this.set({ broadcast: toggleExcluded(this.snapshot.broadcast, id) });
  }

  /** Broadcast to a NodeSet: opens a terminal on each of its nodes that has none, leaves the rest out. */
  async broadcastTo(nodeSet: string): Promise<void> {
    const open = this.snapshot.terminals.map((entry) => ({ id: entry.id, node: entry.state.node }));
    const plan = broadcastToNodeSet(open, nodeSet);
    if (!plan.ok) {
      this.set({ error: { code: 'invalid-input', message: `${nodeSet}: ${plan.error}` } });
      return;
    }
    this.set({ broadcast: plan.broadcast });
    for (const node of plan.open) await this.open(node);
  }

  setSettings(settings: TerminalSettings): void {
    for (const entry of this.snapshot.terminals) entry.xterm.applySettings(settings);
    this.set({ settings });
  }

  setFinding(finding: boolean): void {
    this.set({ finding });
  }

  /** Pastes as typed input (bracketed when the shell asked), so a broadcast pastes into all. */
  paste(text: string): void {
    this.active?.xterm.paste(text);
  }

  /** Console shortcuts, handled before xterm sees the key. */
  shortcut(event: KeyboardEvent): boolean {
    if (!event.ctrlKey || event.altKey || event.metaKey) return false;
    const action =
      SHORTCUTS[
        `${event.shiftKey ? 'Shift+' : ''}${event.key.length === 1 ? event.key.toUpperCase() : event.key}`
      ];
    if (!action) return false;
    event.preventDefault();
    action(this);
    return true;
  }

  private targetsOf(source: string): string[] {
    const ids = this.snapshot.terminals.map((entry) => entry.id);
    return inputTargets(ids, this.snapshot.broadcast, source);
  }

  private type(source: string, data: string): void {
    const targets = this.targetsOf(source);
    this.typing.typed(targets, performance.now());
    for (const id of targets) this.entry(id)?.xterm.send(data);
  }

  private updateState(state: TerminalState): void {
    if (this.entry(state.terminalId)) this.update(state.terminalId, { state });
    else this.early.set(state.terminalId, state);
  }

  private entry(id: string): TerminalEntry | undefined {
    return this.snapshot.terminals.find((entry) => entry.id === id);
  }

  private update(id: string, change: Partial<TerminalEntry>): void {
    const terminals = this.snapshot.terminals.map((entry) =>
      entry.id === id ? { ...entry, ...change } : entry,
    );
    this.set({ terminals });
  }

  private set(change: Partial<TerminalsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

function toggleExcludedOff(broadcast: BroadcastState, id: string): BroadcastState {
  return broadcast.excluded.has(id) ? toggleExcluded(broadcast, id) : broadcast;
}

/** Ctrl+Shift+letter, as terminal apps use them (Ctrl+letter alone belongs to the shell). */
const SHORTCUTS: Record<string, (store: TerminalStore) => void> = {
  'Shift+T': (store) => void store.open(store.active?.state.node),
  'Shift+W': (store) => store.active && store.close(store.active.id),
  PageDown: (store) => store.cycle(1),
  PageUp: (store) => store.cycle(-1),
  'Shift+F': (store) => store.setFinding(true),
  'Shift+B': (store) => store.toggleBroadcast(),
  'Shift+C': (store) => void store.active?.xterm.copySelection(),
  'Shift+V': (store) => void navigator.clipboard.readText().then((text) => store.paste(text)),
};

export const terminals = new TerminalStore();

/** Opens a terminal on a node (or the gateway) and shows the Terminals page. */
export function openTerminal(node: string | undefined): void {
  window.location.hash = 'terminals';
  void terminals.open(node);
}
