import { useState, type FormEvent } from 'react';
import type { Workspace } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { ErrorLine } from './error-line.js';

/** Switches between the built-in demo cluster and a local folder mirroring a gateway's `/`. */
export function WorkspaceSwitcher({ workspace }: { workspace: Workspace }) {
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<IpcError>();

  const openFolder = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invoke('workspace:open-folder', { path: folder });
    setError(result.ok ? undefined : result.error);
  };

  const openDemo = async () => {
    const result = await invoke('workspace:open-demo', {});
    setError(result.ok ? undefined : result.error);
  };

  return (
    <div className="workspace-switcher">
      <span className="workspace-name">{workspace.label}</span>
      <button type="button" onClick={() => void openDemo()} disabled={workspace.kind === 'demo'}>
        Demo cluster
      </button>
      <form onSubmit={(event) => void openFolder(event)}>
        <label>
          Folder mirroring a gateway
          <input
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
            placeholder="/srv/mirror/mosix"
            spellCheck={false}
          />
        </label>
        <button type="submit" disabled={folder.trim() === ''}>
          Open folder
        </button>
      </form>
      <ErrorLine error={error} />
    </div>
  );
}
