import type { HostKeyQuestion } from '../../shared/ipc/contract.js';
import { invoke } from '../api/api.js';

type Decision = 'accept-and-remember' | 'accept-once' | 'refuse';

/** The unknown-host-key question: the host, its key type and SHA256 fingerprint, three answers. */
export function HostKeyDialog({
  question,
  onAnswered,
}: {
  question: HostKeyQuestion;
  onAnswered: () => void;
}) {
  const answer = async (decision: Decision) => {
    await invoke('connections:answer-host-key', { id: question.id, decision });
    onAnswered();
  };
  const where = question.port === 22 ? question.host : `${question.host} port ${question.port}`;
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="host-key-title" className="dialog">
      <h2 id="host-key-title">Unknown host key</h2>
      <p>
        {where} is not in your known_hosts. Check its {question.keyType} key fingerprint with the
        gateway&apos;s administrator before trusting it:
      </p>
      <p className="mono fingerprint">{question.fingerprint}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => void answer('accept-and-remember')}>
          Trust and remember
        </button>
        <button type="button" onClick={() => void answer('accept-once')}>
          Trust this time only
        </button>
        <button type="button" onClick={() => void answer('refuse')}>
          Refuse
        </button>
      </div>
    </div>
  );
}
