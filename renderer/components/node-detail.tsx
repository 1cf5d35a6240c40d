import { useEffect, useState } from 'react';
import type { Finding, NodeDetail } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { FindingItem } from './finding-item.js';

export interface FilePlace {
  path: string;
  line: number;
}

interface NodeDetailPaneProps {
  name: string;
  /** Changes when the workspace's files may have: the detail is asked for again. */
  revision: unknown;
  onOpenFile: (place: FilePlace) => void;
}

/** One node: every fact with the file and line it came from, and its problems. */
export function NodeDetailPane({ name, revision, onOpenFile }: NodeDetailPaneProps) {
  const [detail, setDetail] = useState<{ of: string; value?: NodeDetail; error?: IpcError }>();
  useEffect(() => {
    let live = true;
    void invoke('nodes:detail', { name }).then((result) => {
      if (live) setDetail(result.ok ? { of: name, value: result.value } : { of: name, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [name, revision]);
  const shown = detail?.of === name ? detail : undefined;
  const openFinding = (finding: Finding) =>
    onOpenFile({ path: finding.location.file, line: finding.location.line });
  return (
    <section className="node-detail" aria-label={`Node ${name}`}>
      <h2>
        {name}
        {shown?.value?.role === 'gateway' && <span className="badge">gateway</span>}
      </h2>
      {shown?.error && (
        <p role="alert" className="error">
          Could not read {name}: {shown.error.message}
        </p>
      )}
      {!shown && <p className="subtle">Reading…</p>}
      {shown?.value && (
        <>
          <table className="facts">
            <tbody>
              {shown.value.facts.map((fact, index) => (
                <tr key={index}>
                  <th scope="row">{fact.label}</th>
                  <td>
                    <div className="mono fact-value">{fact.value}</div>
                    <button
                      type="button"
                      className="link mono fact-source"
                      onClick={() => onOpenFile({ path: fact.file, line: fact.line })}
                    >
                      {fact.file}:{fact.line}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Problems</h3>
          {shown.value.findings.length === 0 ? (
            <p className="subtle">None.</p>
          ) : (
            <ul className="problems">
              {shown.value.findings.map((finding, index) => (
                <FindingItem key={index} finding={finding} onOpen={openFinding} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
