import { useEffect, useState, type FormEvent } from 'react';
import type { Finding, NodeDetail, NodeOperation } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { openTerminal } from '../terminal/terminal-store.js';
import { FindingItem } from './finding-item.js';

export interface FilePlace {
  path: string;
  line: number;
}

/** An edit to review before it is written. */
export interface ReviewRequest {
  title: string;
  operation: NodeOperation;
}

interface NodeDetailPaneProps {
  name: string;
  /** Changes when the workspace's files may have: the detail is asked for again. */
  revision: unknown;
  onOpenFile: (place: FilePlace) => void;
  onReview: (request: ReviewRequest) => void;
}

const firstValue = (detail: NodeDetail, label: string) =>
  detail.facts.find((fact) => fact.label === label)?.value ?? '';

/** Name, address and MAC of a node, changed together; only what differs is sent. */
function EditForm({ detail, onReview }: { detail: NodeDetail; onReview: (request: ReviewRequest) => void }) {
  const [name, setName] = useState(detail.name);
  const [address, setAddress] = useState(firstValue(detail, 'Address'));
  const [mac, setMac] = useState(firstValue(detail, 'MAC'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const operation: NodeOperation = { kind: 'set', name: detail.name };
    if (name.trim() !== detail.name) operation.newName = name.trim();
    if (address.trim() !== firstValue(detail, 'Address')) operation.address = address.trim();
    if (mac.trim() !== firstValue(detail, 'MAC')) operation.mac = mac.trim();
    onReview({ title: `Change ${detail.name}`, operation });
  };
  return (
    <form className="node-edit" aria-label={`Edit ${detail.name}`} onSubmit={submit}>
      <label>
        Name <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Address <input value={address} onChange={(event) => setAddress(event.target.value)} />
      </label>
      <label>
        MAC <input value={mac} onChange={(event) => setMac(event.target.value)} />
      </label>
      <button type="submit">Preview changes</button>
    </form>
  );
}

/** One node: every fact with the file and line it came from, and its problems. */
export function NodeDetailPane({ name, revision, onOpenFile, onReview }: NodeDetailPaneProps) {
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
          <button
            type="button"
            onClick={() => openTerminal(shown.value?.role === 'gateway' ? undefined : name)}
          >
            Open terminal
          </button>
          <EditForm key={name} detail={shown.value} onReview={onReview} />
          <button
            type="button"
            onClick={() =>
              onReview({ title: `Remove ${name}`, operation: { kind: 'remove', names: [name] } })
            }
          >
            Remove {name}…
          </button>
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
