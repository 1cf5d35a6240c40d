import { useEffect, useState } from 'react';
import type { LiveState } from '../../shared/ipc/contract.js';
import { invoke, onEvent } from '../api/api.js';

/** The latest live poll of the gateway's nodes, pushed by the backend after every poll. */
export function useLiveState(): LiveState | undefined {
  const [state, setState] = useState<LiveState>();
  useEffect(() => {
    let live = true;
    const stop = onEvent('nodes:live-changed', (next) => setState(next));
    void invoke('nodes:get-live', {}).then((result) => {
      // An event that arrived meanwhile is newer than this answer.
      if (live && result.ok) setState((current) => current ?? result.value);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return state;
}
