import { useSyncExternalStore } from 'react';
import { link, type LinkState } from '../api/api.js';

/** Whether this window can reach the backend right now. */
export function useLinkState(): LinkState {
  return useSyncExternalStore(link.subscribe, link.state);
}
