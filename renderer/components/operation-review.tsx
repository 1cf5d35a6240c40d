import { useEffect, useState } from 'react';
import type {
  Applied,
  NodeOperation,
  Preview,
  ServiceRestart,
  Workspace,
} from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';

type ReviewState =
  | { kind: 'previewing' }
  | { kind: 'previewed'; preview: Preview }
  | { kind: 'applying'; preview: Preview }
  | { kind: 'applied'; applied: Applied }
  | { kind: 'failed'; error: IpcError; preview?: Preview };

function DiffLines({ diff }: { diff: string }) {
  return (
    <pre className="diff">
      {diff.split('\n').map((line, index) => {
        const kind = line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : undefined;
        return (
          <span key={index} className={kind}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

/** A service the write restarted (dhcpd after dhcpd.conf changed): did it come back? */
function Restarted({ restart }: { restart: ServiceRestart }) {
  return (
    <li className={restart.state === 'running' ? undefined : 'error'}>
      Restarted <span className="mono">{restart.service}</span>:{' '}
      {restart.state === 'running'
        ? 'running again'
        : restart.state === 'stopped'
          ? 'not running'
          : 'not restarted'}
      {restart.output !== '' && <pre className="service-output">{restart.output}</pre>}
    </li>
  );
}

interface OperationReviewProps {
  title: string;
  operation: NodeOperation;
  workspace: Workspace;
  onClose: () => void;
}

/** What an edit changes in every file, shown before anything is written; then written on request. */
export function OperationReview({ title, operation, workspace, onClose }: OperationReviewProps) {
  const [state, setState] = useState<ReviewState>({ kind: 'previewing' });
  useEffect(() => {
    let live = true;
    void invoke('nodes:preview', { operation }).then((result) => {
      if (!live) return;
      setState(
        result.ok ? { kind: 'previewed', preview: result.value } : { kind: 'failed', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [operation]);

  const apply = (preview: Preview) => {
    setState({ kind: 'applying', preview });
    void invoke('nodes:apply', { operation, basis: preview.basis }).then((result) =>
      setState(
        result.ok
          ? { kind: 'applied', applied: result.value }
          : { kind: 'failed', error: result.error, preview },
      ),
    );
  };
  const preview = 'preview' in state ? state.preview : undefined;

  return (
    <section className="operation-review" aria-label={title}>
      <h2>{title}</h2>
      {state.kind === 'previewing' && <p className="subtle">Working out what changes…</p>}
      {state.kind === 'applying' && (
        <p className="subtle" role="status">
          {workspace.kind === 'gateway' ? 'Writing on the gateway…' : 'Writing…'}
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="error multiline">
          {state.error.message}
        </p>
      )}
      {state.kind === 'applied' ? (
        <>
          <ul aria-label="Written">
            {state.applied.written.map((file) => (
              <li key={file.path}>
                Wrote <span className="mono">{file.path}</span>
                {file.backup !== undefined && (
                  <>
                    {' '}
                    (previous version kept as <span className="mono">{file.backup}</span>)
                  </>
                )}
              </li>
            ))}
          </ul>
          {state.applied.restarted && state.applied.restarted.length > 0 && (
            <ul aria-label="Services">
              {state.applied.restarted.map((restart) => (
                <Restarted key={restart.service} restart={restart} />
              ))}
            </ul>
          )}
        </>
      ) : (
        preview?.changes.map((change) => (
          <div key={change.path} className="diff-file">
            <h3 className="mono">{change.path}</h3>
            <DiffLines diff={change.diff} />
          </div>
        ))
      )}
      <div className="review-actions">
        {state.kind === 'previewed' && (
          <button type="button" disabled={workspace.readOnly} onClick={() => apply(state.preview)}>
            Apply to {preview?.changes.length === 1 ? '1 file' : `${preview?.changes.length ?? 0} files`}
          </button>
        )}
        {state.kind === 'previewed' && workspace.readOnly && (
          <span className="subtle">
            {workspace.label} is read-only: open a folder or a gateway to change files.
          </span>
        )}
        <button type="button" onClick={onClose}>
          {state.kind === 'applied' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </section>
  );
}
