import type { Workspace } from '../../shared/ipc/contract.js';
import type { ClusterFile } from '../../shared/workspace/cluster-files.js';
import { backendKind } from '../api/api.js';
import { useLinkState } from '../hooks/use-link-state.js';

const linkWords = {
  connected: 'connected',
  connecting: 'connecting…',
  disconnected: 'disconnected, retrying…',
} as const;

/** What the console is looking at and whether it can reach its backend. */
export function StatusBar({
  workspace,
  files,
}: {
  workspace?: Workspace | undefined;
  files?: ClusterFile[] | undefined;
}) {
  const link = useLinkState();
  const found = files?.filter((file) => file.found).length;
  return (
    <footer className="status-bar" role="status">
      <span>
        Workspace: {workspace ? workspace.label : '…'}
        {workspace?.readOnly && ' (read-only)'}
      </span>
      {files && found !== undefined && (
        <span>
          {found} of {files.length} cluster files found
        </span>
      )}
      <span className={`link link-${link}`}>
        {backendKind === 'web' ? 'Web mode' : 'Desktop'}: {linkWords[link]}
      </span>
    </footer>
  );
}
