import type { Finding } from '../../shared/ipc/contract.js';

const severityWords = { error: 'error', warning: 'warning', info: 'note' } as const;

/** One finding of the config engine: its place (which opens the file there), message, code and fix. */
export function FindingItem({ finding, onOpen }: { finding: Finding; onOpen: (finding: Finding) => void }) {
  return (
    <li className={`finding finding-${finding.severity}`}>
      <button type="button" className="finding-open" onClick={() => onOpen(finding)}>
        <span className="finding-severity">{severityWords[finding.severity]}</span>
        <span className="mono">
          {finding.location.file}:{finding.location.line}
        </span>
      </button>
      <span className="finding-message">{finding.message}</span>
      <span className="finding-code mono">{finding.code}</span>
      {finding.fix !== undefined && <span className="finding-fix">Fix available: {finding.fix}</span>}
    </li>
  );
}
