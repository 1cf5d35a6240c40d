import { useCallback, useEffect, useState } from 'react';
import type {
  ConnectionProfile,
  ConnectionState,
  CredentialQuestion,
  HostKeyQuestion,
} from '../../shared/ipc/contract.js';
import { invoke, onEvent, type IpcError } from '../api/api.js';

export interface ConnectionsState {
  profiles: ConnectionProfile[];
  /** The latest state of each connection, by its key (user@host:port and jump chain). */
  states: Record<string, ConnectionState>;
  hostKeyQuestion?: HostKeyQuestion;
  credentialQuestion?: CredentialQuestion;
  error?: IpcError;
  reload: () => void;
  clearHostKeyQuestion: () => void;
  clearCredentialQuestion: () => void;
}

/** Profiles, connection states and the questions the backend puts to the user. */
export function useConnections(): ConnectionsState {
  const [profiles, setProfiles] = useState<ConnectionProfile[]>([]);
  const [states, setStates] = useState<Record<string, ConnectionState>>({});
  // Several connections may ask at once (terminals on three new nodes): one question at a time.
  const [hostKeyQuestions, setHostKeyQuestions] = useState<HostKeyQuestion[]>([]);
  const [credentialQuestions, setCredentialQuestions] = useState<CredentialQuestion[]>([]);
  const [hostKeyQuestion] = hostKeyQuestions;
  const [credentialQuestion] = credentialQuestions;
  const [error, setError] = useState<IpcError>();

  const reload = useCallback(() => {
    void invoke('connections:list-profiles', {}).then((result) => {
      if (result.ok) setProfiles(result.value);
      else setError(result.error);
    });
  }, []);

  useEffect(() => {
    reload();
    const stops = [
      onEvent('connections:state-changed', (state) => setStates((all) => ({ ...all, [state.key]: state }))),
      onEvent('connections:host-key-question-changed', (question) =>
        setHostKeyQuestions((asked) => [...asked, question]),
      ),
      onEvent('connections:credential-question-changed', (question) =>
        setCredentialQuestions((asked) => [...asked, question]),
      ),
    ];
    return () => stops.forEach((stop) => stop());
  }, [reload]);

  return {
    profiles,
    states,
    ...(hostKeyQuestion ? { hostKeyQuestion } : {}),
    ...(credentialQuestion ? { credentialQuestion } : {}),
    ...(error ? { error } : {}),
    reload,
    clearHostKeyQuestion: () => setHostKeyQuestions((asked) => asked.slice(1)),
    clearCredentialQuestion: () => setCredentialQuestions((asked) => asked.slice(1)),
  };
}
