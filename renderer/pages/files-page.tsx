import { useState } from 'react';
import type { Finding, Workspace } from '../../shared/ipc/contract.js';
import type { ClusterFile } from '../../shared/workspace/cluster-files.js';
import { FileViewer } from '../components/file-viewer.js';
import { ProblemsPanel } from '../components/problems-panel.js';
import { formatBytes, formatTime } from '../format.js';
import { useWorkspaceQuery, type QueryState } from '../hooks/use-workspace-query.js';

interface FilesPageProps {
  workspace: Workspace;
  listing: QueryState<ClusterFile[]>;
  /** A file to open first, at a line (from another page). */
  focus?: Opened | undefined;
}

interface Opened {
  path: string;
  line?: number;
}

function problemCount(findings: readonly Finding[] | undefined, path: string): string | undefined {
  const mine =
    findings?.filter((finding) => finding.location.file === path && finding.severity !== 'info') ?? [];
  return mine.length === 0 ? undefined : `${mine.length} problem${mine.length === 1 ? '' : 's'}`;
}

interface FileRowProps {
  file: ClusterFile;
  selected: boolean;
  problems: string | undefined;
  onOpen: () => void;
}

function FileRow({ file, selected, problems, onOpen }: FileRowProps) {
  if (!file.found) {
    const tried = file.alsoTried.length > 0 ? ` (also looked for ${file.alsoTried.join(', ')})` : '';
    return (
      <tr className="missing">
        <td>
          <span className="mono">{file.path}</span>
          <span className="file-title">{file.title}</span>
        </td>
        <td colSpan={2}>not found{tried}</td>
      </tr>
    );
  }
  return (
    <tr className={selected ? 'selected' : undefined} aria-selected={selected}>
      <td>
        <button type="button" className="link" onClick={onOpen}>
          {file.path}
        </button>
        {file.symlinkTarget !== undefined && <span className="badge">symlink → {file.symlinkTarget}</span>}
        {problems !== undefined && <span className="badge badge-problem">{problems}</span>}
        <span className="file-title">{file.title}</span>
      </td>
      <td className="number">{formatBytes(file.size)}</td>
      <td className="nowrap">{formatTime(file.modifiedMs)}</td>
    </tr>
  );
}

/** The workspace's cluster files: which were found, and each one opened read-only. */
export function FilesPage({ workspace, listing, focus }: FilesPageProps) {
  const [open, setOpen] = useState<Opened | undefined>(focus);
  const check = useWorkspaceQuery('workspace:check', workspace);
  const opened = listing.value?.find((file) => file.found && file.path === open?.path);

  return (
    <div className="files-page">
      <section className="file-list" aria-label="Cluster files">
        <h1>Cluster files</h1>
        <p className="subtle">
          As the gateway sees them, from <span className="mono">{workspace.root}</span>
        </p>
        {listing.error && (
          <p role="alert" className="error">
            Could not list the files: {listing.error.message}
          </p>
        )}
        {!listing.value && !listing.error && <p className="subtle">Looking for files…</p>}
        {listing.value && (
          <table>
            <thead>
              <tr>
                <th scope="col">Path on the gateway</th>
                <th scope="col">Size</th>
                <th scope="col">Modified</th>
              </tr>
            </thead>
            <tbody>
              {listing.value.map((file) => (
                <FileRow
                  key={file.role}
                  file={file}
                  selected={file.path === open?.path}
                  problems={problemCount(check.value?.findings, file.path)}
                  onOpen={() => setOpen({ path: file.path })}
                />
              ))}
            </tbody>
          </table>
        )}
        <ProblemsPanel
          check={check}
          onOpen={(finding) => setOpen({ path: finding.location.file, line: finding.location.line })}
        />
      </section>
      {opened?.found ? (
        <FileViewer key={`${opened.path}@${opened.modifiedMs}`} file={opened} focusLine={open?.line} />
      ) : (
        <p className="viewer-empty subtle">Choose a file to read it.</p>
      )}
    </div>
  );
}
