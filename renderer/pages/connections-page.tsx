import { useState, type FormEvent } from 'react';
import type { ConnectionState, Workspace } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { ConnectionQuestions } from '../components/connection-questions.js';
import { KeychainNote } from '../components/keychain-note.js';
import { useConnections } from '../hooks/use-connections.js';

const STATE_WORDS: Record<ConnectionState['state'], string> = {
  connecting: 'Connecting…',
  ready: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
  failed: 'Could not connect',
};

/** Gateways: add one (typed, or a Host of ~/.ssh/config), connect, and answer what SSH asks. */
export function ConnectionsPage({ workspace, onOpened }: { workspace: Workspace; onOpened: () => void }) {
  const connections = useConnections();
  const [destination, setDestination] = useState('');
  const [label, setLabel] = useState('');
  const [connecting, setConnecting] = useState<string>();
  const [error, setError] = useState<IpcError>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invoke('connections:add-profile', { label, destination });
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setDestination('');
    setLabel('');
    connections.reload();
  };

  const connect = async (id: string) => {
    setConnecting(id);
    setError(undefined);
    const result = await invoke('connections:connect', { id });
    setConnecting(undefined);
    if (!result.ok) return setError(result.error);
    onOpened();
  };

  const states = Object.values(connections.states);
  return (
    <section className="connections-page" aria-labelledby="connections-title">
      <h1 id="connections-title">Connections</h1>
      <p>
        Current workspace: <strong>{workspace.label}</strong>
      </p>
      <ul className="profiles">
        {connections.profiles.map((profile) => (
          <li key={profile.id}>
            <span className="profile-label">{profile.label}</span>{' '}
            <span className="mono">{profile.destination}</span>
            {profile.source === 'ssh-config' && <span className="file-title"> from ~/.ssh/config</span>}{' '}
            <button
              type="button"
              disabled={connecting !== undefined}
              onClick={() => void connect(profile.id)}
            >
              {connecting === profile.id ? 'Connecting…' : 'Connect'}
            </button>
          </li>
        ))}
        {connections.profiles.length === 0 && <li>No gateways yet: add one below.</li>}
      </ul>
      <form onSubmit={(event) => void add(event)} className="add-profile">
        <label>
          Gateway
          <input
            value={destination}
            onChange={(event) => setDestination(event.target.value)}
            placeholder="root@mosix"
            spellCheck={false}
          />
        </label>
        <label>
          Name (optional)
          <input value={label} onChange={(event) => setLabel(event.target.value)} placeholder="mosix" />
        </label>
        <button type="submit" disabled={destination.trim() === ''}>
          Add gateway
        </button>
      </form>
      <KeychainNote />
      {states.length > 0 && (
        <ul className="connection-states" aria-label="Connection states">
          {states.map((state) => (
            <li key={state.key}>
              <span className="mono">{state.key}</span>: {STATE_WORDS[state.state]}
              {state.message ? ` (${state.message})` : ''}
            </li>
          ))}
        </ul>
      )}
      {(error ?? connections.error) && (
        <p role="alert" className="error">
          {(error ?? connections.error)?.message}
        </p>
      )}
      <ConnectionQuestions connections={connections} />
    </section>
  );
}
