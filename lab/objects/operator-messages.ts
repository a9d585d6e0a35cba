// The operator's message panel: what «Сообщение оператору» (send-push-message) actions say. The
// platform shows them grouped by text or by object and sorted by time or by importance, and a
// critical message lights an alert indicator until the operator acknowledges it. Bounded: the
// oldest messages go beyond the cap, counted.
import type { Importance } from '../automaton/automaton-types.js';

export interface OperatorMessage {
  /** `msg-1`, `msg-2`, … in arrival order. */
  id: string;
  objectId: string;
  owner: string;
  stateId: string;
  stateName: string;
  importance: Importance;
  text: string;
  /** Wall-clock epoch ms. */
  time: number;
  /** The object's clock when the state was entered (simulated for playback objects). */
  objectTime: number;
  acknowledged: boolean;
  acknowledgedAt: number | null;
}

export type OperatorMessageInput = Omit<OperatorMessage, 'id' | 'acknowledged' | 'acknowledgedAt'>;

export interface OperatorIndicator {
  /** Critical messages nobody has acknowledged: the alert indicator is lit while this is > 0. */
  unacknowledgedCritical: number;
  unacknowledged: number;
  total: number;
  /** Messages dropped by the cap (all owners). */
  dropped: number;
}

export type MessageGrouping = 'text' | 'object' | 'none';
export type MessageOrder = 'time' | 'importance';

export interface MessageQuery {
  owner?: string;
  objectId?: string;
  /** Default 'time': newest first. 'importance': critical first, then newest. */
  sort?: MessageOrder;
  limit?: number;
}

export interface MessageGroup {
  /** The text or the object id the group shares ('' for grouping 'none'). */
  key: string;
  count: number;
  unacknowledged: number;
  /** The highest importance in the group. */
  importance: Importance;
  latestTime: number;
  /** In the query's order. */
  messages: OperatorMessage[];
}

export interface OperatorMessageStore {
  add(input: OperatorMessageInput): OperatorMessage;
  get(id: string): OperatorMessage | undefined;
  list(query?: MessageQuery): OperatorMessage[];
  groups(groupBy: MessageGrouping, query?: MessageQuery): MessageGroup[];
  indicator(owner?: string): OperatorIndicator;
  /** Acknowledge one message by id, or every message ('all'), of `owner` when given; returns those newly acknowledged. */
  acknowledge(target: string, owner?: string): OperatorMessage[];
  readonly size: number;
}

export const DEFAULT_MESSAGE_CAP = 1000;
export const IMPORTANCE_RANK: Readonly<Record<Importance, number>> = Object.freeze({ information: 0, important: 1, critical: 2 });

const byTime = (a: OperatorMessage, b: OperatorMessage) => b.time - a.time || b.id.localeCompare(a.id, 'en', { numeric: true });
const byImportance = (a: OperatorMessage, b: OperatorMessage) => IMPORTANCE_RANK[b.importance] - IMPORTANCE_RANK[a.importance] || byTime(a, b);

/** The messages in the panel's order: newest first, or critical first and then newest. */
export function sortMessages<M extends OperatorMessage>(messages: readonly M[], sort: MessageOrder = 'time'): M[] {
  return [...messages].sort(sort === 'importance' ? byImportance : byTime);
}

/**
 * Sorted messages grouped by their text or their object, each group where its first message
 * stands. Pure, so the browser groups what it holds by the same rules without a round trip.
 */
export function groupMessages(sorted: readonly OperatorMessage[], groupBy: MessageGrouping, limit?: number): MessageGroup[] {
  const groups = new Map<string, OperatorMessage[]>();
  for (const m of sorted) {
    const key = groupBy === 'text' ? m.text : groupBy === 'object' ? m.objectId : '';
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  return [...groups].map(([key, list]) => ({
    key,
    count: list.length,
    unacknowledged: list.filter((m) => !m.acknowledged).length,
    importance: list.reduce<Importance>((top, m) => (IMPORTANCE_RANK[m.importance] > IMPORTANCE_RANK[top] ? m.importance : top), 'information'),
    latestTime: Math.max(...list.map((m) => m.time)),
    messages: limit === undefined ? list : list.slice(0, Math.max(0, limit)),
  }));
}

export function createOperatorMessageStore(options: { cap?: number; now?: () => number } = {}): OperatorMessageStore {
  const cap = Math.max(1, Math.trunc(options.cap ?? DEFAULT_MESSAGE_CAP));
  const now = options.now ?? Date.now;
  // Insertion order is arrival order; a Map drops the oldest in O(1).
  const messages = new Map<string, OperatorMessage>();
  let next = 1;
  let dropped = 0;

  const select = (query: MessageQuery = {}) => {
    const found = [...messages.values()].filter(
      (m) => (query.owner === undefined || m.owner === query.owner) && (query.objectId === undefined || m.objectId === query.objectId),
    );
    return sortMessages(found, query.sort);
  };
  const copy = (m: OperatorMessage): OperatorMessage => ({ ...m });

  return {
    add(input) {
      const message: OperatorMessage = { ...input, id: `msg-${next++}`, acknowledged: false, acknowledgedAt: null };
      messages.set(message.id, message);
      while (messages.size > cap) {
        messages.delete(messages.keys().next().value!);
        dropped++;
      }
      return copy(message);
    },
    get(id) {
      const m = messages.get(id);
      return m ? copy(m) : undefined;
    },
    list(query = {}) {
      const found = select(query);
      return (query.limit === undefined ? found : found.slice(0, Math.max(0, query.limit))).map(copy);
    },
    groups(groupBy, query = {}) {
      return groupMessages(select(query).map(copy), groupBy, query.limit);
    },
    indicator(owner) {
      let unacknowledgedCritical = 0;
      let unacknowledged = 0;
      let total = 0;
      for (const m of messages.values()) {
        if (owner !== undefined && m.owner !== owner) continue;
        total++;
        if (m.acknowledged) continue;
        unacknowledged++;
        if (m.importance === 'critical') unacknowledgedCritical++;
      }
      return { unacknowledgedCritical, unacknowledged, total, dropped };
    },
    acknowledge(target, owner) {
      const chosen = target === 'all' ? [...messages.values()] : [messages.get(target)].filter((m): m is OperatorMessage => m !== undefined);
      const time = now();
      const done: OperatorMessage[] = [];
      for (const m of chosen) {
        if (m.acknowledged || (owner !== undefined && m.owner !== owner)) continue;
        m.acknowledged = true;
        m.acknowledgedAt = time;
        done.push(copy(m));
      }
      return done;
    },
    get size() {
      return messages.size;
    },
  };
}
