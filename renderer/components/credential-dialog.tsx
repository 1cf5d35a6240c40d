import { useState, type FormEvent } from 'react';
import type { CredentialQuestion } from '../../shared/ipc/contract.js';
import { invoke } from '../api/api.js';

/**
 * A password, passphrase or keyboard-interactive question. The answer is stored only when the
 * backend has an OS keychain and the user ticks "remember".
 */
export function CredentialDialog({
  question,
  onAnswered,
}: {
  question: CredentialQuestion;
  onAnswered: () => void;
}) {
  const [answers, setAnswers] = useState(() => question.prompts.map(() => ''));
  const [remember, setRemember] = useState(false);
  const send = async (given: string[] | null) => {
    await invoke('connections:answer-credential', { id: question.id, answers: given, remember });
    onAnswered();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(answers);
  };
  return (
    <form
      role="dialog"
      aria-modal="true"
      aria-labelledby="credential-title"
      className="dialog"
      onSubmit={submit}
    >
      <h2 id="credential-title">{question.title}</h2>
      {question.prompts.map((prompt, index) => (
        <label key={index}>
          {prompt.prompt}
          <input
            type={prompt.echo ? 'text' : 'password'}
            value={answers[index] ?? ''}
            autoFocus={index === 0}
            onChange={(event) =>
              setAnswers((all) => all.map((v, i) => (i === index ? event.target.value : v)))
            }
          />
        </label>
      ))}
      {question.canRemember && (
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          Remember in the system keychain
        </label>
      )}
      <div className="dialog-buttons">
        <button type="submit">Log in</button>
        <button type="button" onClick={() => void send(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
