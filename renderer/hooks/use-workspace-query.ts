import { useEffect, useState } from 'react';
import type { InvokeOutput, InvokeRequest, Workspace } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';

/** Channels that answer a question about the current workspace and take no input. */
type WorkspaceQuery = 'workspace:list-files' | 'workspace:check' | 'nodes:list';

export interface QueryState<T> {
  value?: T;
  error?: IpcError;
}

/** Asks the backend `channel` about the workspace, again whenever the workspace changes. */
export function useWorkspaceQuery<C extends WorkspaceQuery>(
  channel: C,
  workspace: Workspace | undefined,
): QueryState<InvokeOutput<C>> {
  const [answer, setAnswer] = useState<QueryState<InvokeOutput<C>> & { of?: Workspace }>({});
  useEffect(() => {
    if (!workspace) return;
    let live = true;
    // Every WorkspaceQuery takes the empty input; TypeScript cannot see that through the generic.
    void invoke(channel, {} as InvokeRequest<C>).then((result) => {
      if (!live) return;
      // User timing for the benchmarks: when the answer reached the page.
      performance.mark(`${channel} received`);
      setAnswer(result.ok ? { of: workspace, value: result.value } : { of: workspace, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [channel, workspace]);
  return answer.of === workspace ? answer : {};
}
