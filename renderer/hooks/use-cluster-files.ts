import { useEffect, useState } from 'react';
import type { Workspace } from '../../shared/ipc/contract.js';
import type { ClusterFile } from '../../shared/workspace/cluster-files.js';
import { invoke, type IpcError } from '../api/api.js';

export interface ClusterFilesState {
  files?: ClusterFile[];
  error?: IpcError;
}

/** The workspace's cluster files, listed again whenever the workspace changes. */
export function useClusterFiles(workspace: Workspace | undefined): ClusterFilesState {
  const [listed, setListed] = useState<ClusterFilesState & { of?: Workspace }>({});
  useEffect(() => {
    if (!workspace) return;
    let live = true;
    void invoke('workspace:list-files', {}).then((result) => {
      if (!live) return;
      setListed(result.ok ? { of: workspace, files: result.value } : { of: workspace, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [workspace]);
  return listed.of === workspace ? listed : {};
}
