import type { EventChannel, EventPayload } from '../../shared/ipc/contract.js';

type Listener<E extends EventChannel> = (payload: EventPayload<E>) => void;
type AnyListener = (channel: EventChannel, payload: unknown) => void;

/** Services announce changes here; every transport forwards them to its renderers. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(channel, payload);
  }

  /** Listens to every event; returns the function that stops listening. */
  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventChannel>(channel: E, listener: Listener<E>): () => void {
    return this.onAny((name, payload) => {
      if (name === channel) listener(payload as EventPayload<E>);
    });
  }
}
