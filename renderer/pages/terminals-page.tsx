import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import type { TerminalState } from '../../shared/ipc/contract.js';
import { ConnectionQuestions } from '../components/connection-questions.js';
import { useConnections } from '../hooks/use-connections.js';
import { terminals, type TerminalEntry } from '../terminal/terminal-store.js';
import type { TerminalSettings } from '../terminal/xterm-terminal.js';

const STATE_WORDS: Record<TerminalState['state'], string> = {
  connecting: 'connecting…',
  open: 'connected',
  closed: 'disconnected',
  failed: 'failed',
};

const included = (entry: TerminalEntry, excluded: ReadonlySet<string>) => !excluded.has(entry.id);

function isDown(entry: TerminalEntry): boolean {
  return entry.streamLost || entry.state.state === 'closed' || entry.state.state === 'failed';
}

/** Opens a terminal on the gateway, or on a node through it. */
function NewTerminalForm() {
  const [node, setNode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void terminals.open(node.trim() === '' ? undefined : node.trim());
  };
  return (
    <form className="terminal-tools" aria-label="New terminal" onSubmit={submit}>
      <label>
        Node <input value={node} placeholder="gateway" onChange={(event) => setNode(event.target.value)} />
      </label>
      <button type="submit">New terminal</button>
    </form>
  );
}

function BroadcastForm({ on, count }: { on: boolean; count: number }) {
  const [nodeSet, setNodeSet] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void terminals.broadcastTo(nodeSet);
  };
  return (
    <form className="terminal-tools" aria-label="Broadcast" onSubmit={submit}>
      <button type="button" aria-pressed={on} onClick={() => terminals.toggleBroadcast()}>
        {on ? 'Stop broadcast' : 'Broadcast'}
      </button>
      <label>
        to NodeSet{' '}
        <input
          value={nodeSet}
          placeholder="node[001-003]"
          onChange={(event) => setNodeSet(event.target.value)}
        />
      </label>
      <button type="submit" disabled={nodeSet.trim() === ''}>
        Broadcast to set
      </button>
      {on && (
        <span role="status" className="broadcast-on">
          Broadcasting to {count} terminals — Ctrl+Shift+B stops
        </span>
      )}
    </form>
  );
}

function SettingsForm() {
  const { settings } = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  const number = (value: string, fallback: number) =>
    Number.isFinite(Number(value)) ? Number(value) : fallback;
  return (
    <div className="terminal-tools" aria-label="Terminal settings" role="group">
      <label>
        Font size{' '}
        <input
          type="number"
          min={8}
          max={32}
          value={settings.fontSize}
          onChange={(event) =>
            terminals.setSettings({ ...settings, fontSize: number(event.target.value, settings.fontSize) })
          }
        />
      </label>
      <label>
        Scrollback{' '}
        <input
          type="number"
          min={0}
          max={100000}
          step={1000}
          value={settings.scrollback}
          onChange={(event) =>
            terminals.setSettings({
              ...settings,
              scrollback: number(event.target.value, settings.scrollback),
            })
          }
        />
      </label>
      <SettingSwitch settings={settings} name="screenReader" label="Screen reader mode" />
      <SettingSwitch settings={settings} name="webgl" label="WebGL" />
    </div>
  );
}

function SettingSwitch({
  settings,
  name,
  label,
}: {
  settings: TerminalSettings;
  name: 'screenReader' | 'webgl';
  label: string;
}) {
  return (
    <label>
      <input
        type="checkbox"
        checked={settings[name]}
        onChange={(event) => terminals.setSettings({ ...settings, [name]: event.target.checked })}
      />{' '}
      {label}
    </label>
  );
}

function FindBar({ entry }: { entry: TerminalEntry }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<boolean>();
  const find = (backwards: boolean) => {
    const search = entry.xterm.search;
    setFound(backwards ? search.findPrevious(text) : search.findNext(text));
  };
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Escape') terminals.setFinding(false);
    if (event.key === 'Enter') {
      event.preventDefault();
      find(event.shiftKey);
    }
  };
  return (
    <div className="terminal-tools" role="search" aria-label="Find in terminal">
      <label>
        Find{' '}
        <input autoFocus value={text} onKeyDown={keys} onChange={(event) => setText(event.target.value)} />
      </label>
      <button type="button" onClick={() => find(true)}>
        Previous
      </button>
      <button type="button" onClick={() => find(false)}>
        Next
      </button>
      {found === false && <span className="subtle">Not found</span>}
      <button type="button" onClick={() => terminals.setFinding(false)}>
        Close
      </button>
    </div>
  );
}

/** Where the active terminal's screen goes; a terminal that stops showing gives its WebGL context back. */
function Screen({ entry }: { entry: TerminalEntry }) {
  const holder = useRef<HTMLDivElement>(null);
  const { xterm } = entry;
  useEffect(() => {
    const container = holder.current;
    if (!container) return;
    xterm.show(container);
    container.dataset['renderer'] = xterm.renderer;
    const observer = new ResizeObserver(() => xterm.fitToContainer());
    observer.observe(container);
    return () => {
      observer.disconnect();
      xterm.hide();
      xterm.element.remove();
    };
  }, [xterm]);
  return (
    <div
      ref={holder}
      className="terminal-holder"
      role="region"
      aria-label={`Terminal ${entry.state.title}`}
    />
  );
}

/** Shells on the gateway and its nodes, in tabs, with broadcast typing. */
export function TerminalsPage() {
  const snapshot = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  const connections = useConnections();
  useEffect(() => {
    // Shortcuts also work while the focus is outside the terminal (a tab, a setting).
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.defaultPrevented) terminals.shortcut(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const { broadcast } = snapshot;
  const active = snapshot.terminals.find((entry) => entry.id === snapshot.activeId);
  const broadcastCount = snapshot.terminals.filter((entry) => included(entry, broadcast.excluded)).length;
  return (
    <section
      className={`terminals-page${broadcast.on ? ' broadcasting' : ''}`}
      aria-labelledby="terminals-title"
    >
      <h1 id="terminals-title">Terminals</h1>
      <div className="terminal-bar">
        <NewTerminalForm />
        <BroadcastForm on={broadcast.on} count={broadcastCount} />
        <SettingsForm />
      </div>
      {snapshot.error && (
        <p role="alert" className="error">
          {snapshot.error.message}
        </p>
      )}
      <div role="tablist" aria-label="Terminals" className="terminal-tabs">
        {snapshot.terminals.map((entry) => (
          <div key={entry.id} className={`terminal-tab${isDown(entry) ? ' down' : ''}`}>
            <button
              type="button"
              role="tab"
              aria-selected={entry.id === snapshot.activeId}
              onClick={() => terminals.activate(entry.id)}
            >
              {entry.state.title} — {entry.streamLost ? 'disconnected' : STATE_WORDS[entry.state.state]}
              {broadcast.on && included(entry, broadcast.excluded) && (
                <span className="badge">broadcast</span>
              )}
            </button>
            {broadcast.on && (
              <label className="subtle">
                <input
                  type="checkbox"
                  aria-label={`Broadcast to ${entry.state.title}`}
                  checked={included(entry, broadcast.excluded)}
                  onChange={() => terminals.toggleExcluded(entry.id)}
                />
              </label>
            )}
            <button
              type="button"
              aria-label={`Close ${entry.state.title}`}
              onClick={() => terminals.close(entry.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {active && (
        <p className="subtle terminal-status">
          {active.state.title} · {active.xterm.renderer === 'webgl' ? 'WebGL' : 'DOM'} renderer ·{' '}
          <span aria-label="Terminal size">
            {active.size.cols}×{active.size.rows}
          </span>
          {active.remoteTitle && ` · ${active.remoteTitle}`}
        </p>
      )}
      {active && snapshot.finding && <FindBar entry={active} />}
      {active && isDown(active) && (
        <div role="alert" className="terminal-down">
          {active.state.title} is disconnected
          {active.state.message ? `: ${active.state.message}` : ''}.{' '}
          <button type="button" onClick={() => void terminals.reconnect(active.id)}>
            Reconnect
          </button>
        </div>
      )}
      {active ? (
        <Screen key={active.id} entry={active} />
      ) : (
        <p className="subtle">
          No terminal open. Open one on the gateway here, or on a node from its pane on the Nodes page.
        </p>
      )}
      <ConnectionQuestions connections={connections} />
    </section>
  );
}
