import type { CheckReport, Finding } from '../../shared/ipc/contract.js';
import type { QueryState } from '../hooks/use-workspace-query.js';
import { FindingItem } from './finding-item.js';
import { plural } from '../format.js';

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
          <FindingItem key={index} finding={finding} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
