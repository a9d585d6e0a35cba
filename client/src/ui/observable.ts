// A value that components can watch. Stores keep their state in these and replace it (never
// mutate it), so a component re-renders when, and only when, what it shows has changed.

export interface Observable<T> {
  get(): T;
  subscribe(listener: (value: T) => void): () => void;
}

export interface State<T> extends Observable<T> {
  set(value: T): void;
  update(change: (value: T) => T): void;
}

export function createState<T>(initial: T): State<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener(value);
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
