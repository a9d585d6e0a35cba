// An insertion-ordered collection with O(1) append, O(1) drop of the oldest, O(1) lookup by id
// and newest-first paging. Both the mailbox and the session store keep their records in one.
// A plain array would make dropping the oldest O(n) per insert once the cap is reached.

export interface OrderedStore<T> {
  readonly size: number;
  add(id: string, item: T): void;
  get(id: string): T | undefined;
  has(id: string): boolean;
  delete(id: string): boolean;
  /** Removes and returns the oldest item. */
  shift(): T | undefined;
  clear(): void;
  newest(): T | undefined;
  /** Newest first. */
  values(): IterableIterator<T>;
  /** Oldest first. */
  valuesOldestFirst(): IterableIterator<T>;
}

export function createOrderedStore<T>(): OrderedStore<T> {
  // Slots hold items or `undefined` for deleted ones; `head` is the first live-or-hole slot.
  let slots: (T | undefined)[] = [];
  let ids: (string | undefined)[] = [];
  let head = 0;
  const index = new Map<string, number>();

  function compact(): void {
    const nextSlots: (T | undefined)[] = [];
    const nextIds: (string | undefined)[] = [];
    index.clear();
    for (let i = head; i < slots.length; i++) {
      const id = ids[i];
      if (id === undefined) continue;
      index.set(id, nextSlots.length);
      nextSlots.push(slots[i]);
      nextIds.push(id);
    }
    slots = nextSlots;
    ids = nextIds;
    head = 0;
  }

  function maybeCompact(): void {
    const holes = slots.length - index.size;
    if (holes > 1024 && holes > index.size) compact();
  }

  return {
    get size() {
      return index.size;
    },
    add(id, item) {
      if (index.has(id)) throw new Error(`duplicate id ${id}`);
      index.set(id, slots.length);
      slots.push(item);
      ids.push(id);
    },
    get(id) {
      const at = index.get(id);
      return at === undefined ? undefined : slots[at];
    },
    has(id) {
      return index.has(id);
    },
    delete(id) {
      const at = index.get(id);
      if (at === undefined) return false;
      index.delete(id);
      slots[at] = undefined;
      ids[at] = undefined;
      maybeCompact();
      return true;
    },
    shift() {
      while (head < slots.length) {
        const id = ids[head];
        const item = slots[head];
        slots[head] = undefined;
        ids[head] = undefined;
        head++;
        if (id !== undefined) {
          index.delete(id);
          maybeCompact();
          return item;
        }
      }
      return undefined;
    },
    clear() {
      slots = [];
      ids = [];
      head = 0;
      index.clear();
    },
    newest() {
      for (let i = slots.length - 1; i >= head; i--) {
        if (ids[i] !== undefined) return slots[i];
      }
      return undefined;
    },
    *values() {
      for (let i = slots.length - 1; i >= head; i--) {
        if (ids[i] !== undefined) yield slots[i] as T;
      }
    },
    *valuesOldestFirst() {
      for (let i = head; i < slots.length; i++) {
        if (ids[i] !== undefined) yield slots[i] as T;
      }
    },
  };
}
