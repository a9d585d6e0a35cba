// The shell's tabs come from a registry, not from markup: Sessions and Mailbox register here,
// and later features (the Lab page, the Instructor view) register theirs the same way, with
// their own path segment, label, order and view.
import type { ComponentType } from 'preact';
import type { Bilingual } from '../i18n/bilingual.js';
import type { Observable } from '../ui/observable.js';
import type { Route } from './router.js';

export interface TabViewProps {
  route: Route;
}

export interface TabDefinition {
  /** The path segment (/sessions) and a stable id for tests. */
  id: string;
  label: Bilingual;
  /** Lower comes first. */
  order: number;
  View: ComponentType<TabViewProps>;
  /** Rendered beside the label, e.g. an unread count; keep it fixed-width (no layout jumps). */
  Badge?: ComponentType;
  /** A page of its own (the printable report): not in the bar, and shown without the app's bar and side panel. */
  standalone?: boolean;
  /** In the bar only while this is true (the Instructor tab: an instructor signed in); its path opens it regardless. */
  shown?: Observable<boolean>;
}

export interface TabRegistry {
  register(tab: TabDefinition): void;
  list(): TabDefinition[];
  get(id: string): TabDefinition | undefined;
}

export function createTabRegistry(): TabRegistry {
  const tabs = new Map<string, TabDefinition>();
  return {
    register(tab) {
      if (!/^[a-z][a-z0-9-]*$/.test(tab.id)) throw new Error(`tab id "${tab.id}" must be a lower-case path segment`);
      if (tabs.has(tab.id)) throw new Error(`tab "${tab.id}" is registered twice`);
      tabs.set(tab.id, tab);
    },
    list() {
      return [...tabs.values()].sort((a, b) => a.order - b.order);
    },
    get(id) {
      return tabs.get(id);
    },
  };
}
