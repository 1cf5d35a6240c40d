import { useEffect, useState } from 'react';
import type { Workspace } from '../../shared/ipc/contract.js';
import { invoke, onEvent, type IpcError } from '../api/api.js';

export interface WorkspaceState {
  workspace?: Workspace;
  error?: IpcError;
}

/** The current workspace, following every switch (from this window or elsewhere). */
export function useWorkspace(): WorkspaceState {
  const [state, setState] = useState<WorkspaceState>({});
  useEffect(() => {
    let live = true;
    const stop = onEvent('workspace:workspace-changed', (workspace) => setState({ workspace }));
    void invoke('workspace:get-current', {}).then((result) => {
      if (live) setState(result.ok ? { workspace: result.value } : { error: result.error });
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return state;
}
