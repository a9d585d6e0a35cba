// The operator's message panel: what «Сообщение оператору» (send-push-message) actions said,
// fetched on (re)connect and kept current from the live `operator-message` and
// `operator-acknowledged` frames. The page groups (by text or by object) and sorts (by time or
// importance) what it holds the way the server does (lab/objects/operator-messages.ts), so a
// change of grouping needs no round trip; the alert indicator is lit while a critical message
// the page shows is not acknowledged.
import type { LiveEvent } from '../../../lab/live-events.js';
import {
  groupMessages,
  sortMessages,
  type MessageGroup,
  type MessageGrouping,
  type MessageOrder,
  type OperatorMessage,
} from '../../../lab/objects/operator-messages.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { createState, type Observable } from '../ui/observable.js';
import type { AutomatonApi } from './automaton-api.js';
import { errorText } from './automaton-errors.js';

/** As many as the server keeps (DEFAULT_MESSAGE_CAP). */
export const MAX_MESSAGES = 1000;

export interface OperatorState {
  loaded: boolean;
  error: Bilingual | undefined;
  /** Newest first. */
  messages: readonly OperatorMessage[];
  group: Exclude<MessageGrouping, 'none'>;
  sort: MessageOrder;
  /** Critical messages not acknowledged: the alert indicator is lit while > 0. */
  critical: number;
  unacknowledged: number;
}

export interface OperatorStore {
  state: Observable<OperatorState>;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  setGroup(group: OperatorState['group']): void;
  setSort(sort: MessageOrder): void;
  /** `owner`: the signed-in account ('all' acknowledges only its own messages, as the server does). */
  acknowledge(ids: string[] | 'all', owner?: string): Promise<void>;
}

/** Messages grouped by their text or their object, in the order asked: the server's rules. */
export function groupByRules(messages: readonly OperatorMessage[], group: MessageGrouping, sort: MessageOrder): MessageGroup[] {
  return groupMessages(sortMessages(messages, sort), group);
}

function counts(messages: readonly OperatorMessage[]): Pick<OperatorState, 'critical' | 'unacknowledged'> {
  let critical = 0;
  let unacknowledged = 0;
  for (const m of messages) {
    if (m.acknowledged) continue;
    unacknowledged++;
    if (m.importance === 'critical') critical++;
  }
  return { critical, unacknowledged };
}

export function createOperatorStore(api: AutomatonApi): OperatorStore {
  const state = createState<OperatorState>({ loaded: false, error: undefined, messages: [], group: 'text', sort: 'time', critical: 0, unacknowledged: 0 });
  const withMessages = (s: OperatorState, messages: readonly OperatorMessage[]): OperatorState => ({ ...s, messages, ...counts(messages) });
  const markAcknowledged = (messages: readonly OperatorMessage[], ids: ReadonlySet<string> | 'all', at: number, owner?: string): readonly OperatorMessage[] => {
    let changed = false;
    const next = messages.map((m) => {
      if (m.acknowledged || (ids !== 'all' && !ids.has(m.id)) || (owner !== undefined && m.owner !== owner)) return m;
      changed = true;
      return { ...m, acknowledged: true, acknowledgedAt: at };
    });
    return changed ? next : messages;
  };

  return {
    state,
    async resync() {
      try {
        const { groups } = await api.operatorMessages('none', 'time');
        const messages = sortMessages(groups.flatMap((g) => g.messages)).slice(0, MAX_MESSAGES);
        state.update((s) => withMessages({ ...s, loaded: true, error: undefined }, messages));
      } catch (err) {
        state.update((s) => ({ ...s, loaded: true, error: errorText(err) }));
      }
    },
    apply(events) {
      let messages = state.get().messages;
      const start = messages;
      for (const event of events) {
        if (event.Type === 'operator-message') {
          const message = event.Data.message;
          if (messages.some((m) => m.id === message.id)) continue;
          messages = sortMessages([message, ...messages]).slice(0, MAX_MESSAGES);
        } else if (event.Type === 'operator-acknowledged') {
          messages = markAcknowledged(messages, new Set(event.Data.ids), Date.now());
        }
      }
      if (messages !== start) state.update((s) => withMessages(s, messages));
    },
    setGroup(group) {
      state.update((s) => ({ ...s, group }));
    },
    setSort(sort) {
      state.update((s) => ({ ...s, sort }));
    },
    async acknowledge(ids, owner) {
      await api.acknowledge(ids);
      // The frame that follows says which the server acknowledged (only the account's own);
      // until then the page shows what it asked for.
      const chosen = ids === 'all' ? 'all' : new Set(ids);
      state.update((s) => withMessages(s, markAcknowledged(s.messages, chosen, Date.now(), owner)));
    },
  };
}
