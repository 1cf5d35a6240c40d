import type { WriteJob } from '../../shared/ipc/contract.js';
import { formatBytes } from '../format.js';

function outcomeText(
  outcome: Extract<WriteJob['state'], { kind: 'finished' }>['outcome'],
  target: string,
): string {
  switch (outcome.state) {
    case 'verified':
      return `verified: ${formatBytes(outcome.bytes)} on ${target} match the image (${outcome.seconds.toFixed(1)} s)`;
    case 'written':
      return `written (not verified): ${formatBytes(outcome.bytes)} to ${target}`;
    case 'mismatch': {
      const { offset, length } = outcome.firstMismatch;
      return `verification FAILED: ${target} differs from the image at bytes ${offset}–${offset + length - 1}`;
    }
    case 'cancelled':
      return outcome.message;
    case 'failed':
      return `write failed: ${outcome.message}`;
  }
}

/** Progress (phase, bar, speed, ETA) while a write runs; its outcome when it ends. */
export function WriteStatus({
  state,
  target,
  onCancel,
}: {
  state: WriteJob['state'];
  target: string;
  onCancel: () => void;
}) {
  if (state.kind === 'finished') {
    const good = state.outcome.state === 'verified' || state.outcome.state === 'written';
    return (
      <p role={good ? 'status' : 'alert'} className={good ? 'outcome-good' : 'error'}>
        {outcomeText(state.outcome, target)}
      </p>
    );
  }
  const { phase, bytes, totalBytes, bytesPerSecond, etaSeconds } = state.progress;
  return (
    <div className="write-progress">
      <label>
        {phase} {target}
        <progress max={totalBytes} value={bytes} />
      </label>
      <span>
        {formatBytes(bytes)} of {formatBytes(totalBytes)} · {formatBytes(bytesPerSecond)}/s
        {etaSeconds === undefined ? '' : ` · ETA ${Math.ceil(etaSeconds)} s`}
      </span>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
