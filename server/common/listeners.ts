// A typed set of listeners: how stores tell the live hub (and waitFor) what changed, without
// knowing who listens. A throwing listener is reported and does not stop the others.

export interface Listeners<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
  readonly count: number;
}

export function createListeners<T>(onError: (err: unknown) => void = defaultOnError): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value) {
      for (const listener of set) {
        try {
          listener(value);
        } catch (err) {
          onError(err);
        }
      }
    },
    get count() {
      return set.size;
    },
  };
}

function defaultOnError(err: unknown): void {
  console.error('smtp-lab: a listener failed:', err);
}
