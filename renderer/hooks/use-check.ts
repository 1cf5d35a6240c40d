import { useEffect, useState } from 'react';
import type { CheckReport, Workspace } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';

export interface CheckState {
  report?: CheckReport;
  error?: IpcError;
}

/** The config engine's findings on the workspace, checked again whenever the workspace changes. */
export function useCheck(workspace: Workspace | undefined): CheckState {
  const [checked, setChecked] = useState<CheckState & { of?: Workspace }>({});
  useEffect(() => {
    if (!workspace) return;
    let live = true;
    void invoke('workspace:check', {}).then((result) => {
      if (!live) return;
      setChecked(
        result.ok ? { of: workspace, report: result.value } : { of: workspace, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [workspace]);
  return checked.of === workspace ? checked : {};
}
