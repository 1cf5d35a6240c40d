import type { CheckReport, Finding } from '../../shared/ipc/contract.js';
import type { QueryState } from '../hooks/use-workspace-query.js';

const severityWords = { error: 'error', warning: 'warning', info: 'note' } as const;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What the config engine finds wrong with the cluster's files; each finding opens its line. */
interface ProblemsPanelProps {
  check: QueryState<CheckReport>;
  onOpen: (finding: Finding) => void;
}

export function ProblemsPanel({ check, onOpen }: ProblemsPanelProps) {
  const { value: report, error } = check;
  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems
        {report && (
          <span className="subtle">
            {' '}
            {plural(report.summary.errors, 'error')}, {plural(report.summary.warnings, 'warning')},{' '}
            {plural(report.summary.notes, 'note')}
          </span>
        )}
      </h2>
      {error && (
        <p role="alert" className="error">
          Could not check the files: {error.message}
        </p>
      )}
      {!report && !error && <p className="subtle">Checking…</p>}
      {report?.findings.length === 0 && <p className="subtle">No problems found.</p>}
      <ul>
        {report?.findings.map((finding, index) => (
          <li key={index} className={`finding finding-${finding.severity}`}>
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
        ))}
      </ul>
    </section>
  );
}
