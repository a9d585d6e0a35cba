// A list of thousands of rows that renders only those in view (rows have one fixed height).
// Rows are keyed by slot, not by item, so a new item on top changes the text in the slots
// instead of moving every row: nothing shifts on screen while events stream in. A reader who
// has scrolled down keeps their place: rows inserted above move the scroll position with them,
// and a pill offers to jump up to the new ones. Keyboard: the list is one tab stop (a listbox);
// arrows, Page Up/Down, Home and End move, Enter opens.
import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey(item: T): string;
  renderRow(item: T, state: { active: boolean; selected: boolean }): VNode;
  selectedKey: string | undefined;
  onOpen(item: T): void;
  label: string;
  idPrefix: string;
  /** Shown instead of rows when there are none. */
  empty?: ComponentChildren;
  /** Below the last row (e.g. "load older"). */
  footer?: ComponentChildren;
  newAboveLabel(count: number): string;
}

const OVERSCAN = 6;

export function VirtualList<T>(props: VirtualListProps<T>): VNode {
  const { items, rowHeight, getKey } = props;
  const container = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [activeKey, setActiveKey] = useState<string | undefined>(undefined);
  const [newAbove, setNewAbove] = useState(0);
  const anchor = useRef<{ key: string; index: number } | undefined>(undefined);
  const scrollTop = useRef(0);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the first row in view where it was when rows are inserted above it. The scroll
  // position is tracked from scroll events, not read here: reading it right after the DOM
  // changed would force a layout on every batch.
  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    const previous = anchor.current;
    if (previous && scrollTop.current > 0) {
      const index =
        previous.index < items.length && getKey(items[previous.index]!) === previous.key
          ? previous.index
          : items.findIndex((item) => getKey(item) === previous.key);
      if (index > previous.index) {
        scrollTop.current += (index - previous.index) * rowHeight;
        el.scrollTop = scrollTop.current;
        setNewAbove((n) => n + index - previous.index);
      }
    }
    setAnchor();
  }, [items]);

  function setAnchor(): void {
    const first = Math.min(items.length - 1, Math.floor(scrollTop.current / rowHeight));
    anchor.current = first >= 0 ? { key: getKey(items[first]!), index: first } : undefined;
  }

  const onScroll = () => {
    const el = container.current;
    if (!el) return;
    scrollTop.current = el.scrollTop;
    setAnchor();
    if (el.scrollTop < rowHeight) setNewAbove(0);
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };

  const activeIndex = (() => {
    const key = activeKey ?? props.selectedKey;
    if (key === undefined) return -1;
    return items.findIndex((item) => getKey(item) === key);
  })();

  const moveTo = (index: number) => {
    const el = container.current;
    if (!el || items.length === 0) return;
    const clamped = Math.max(0, Math.min(items.length - 1, index));
    setActiveKey(getKey(items[clamped]!));
    const top = clamped * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
    const from = activeIndex < 0 ? -1 : activeIndex;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: Math.max(0, from - 1),
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: items.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && activeIndex >= 0) {
      event.preventDefault();
      props.onOpen(items[activeIndex]!);
    }
  };

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN);
  // Each rendered row lives in a slot (index modulo the number of rows in view) and keeps its
  // element whatever item it shows: new items or scrolling change text and position, never
  // create or reorder elements. DOM order is thus not list order; aria-posinset gives the order.
  const pool = Math.max(1, last - first);
  const rows: VNode[] = new Array<VNode>(pool);
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    const key = getKey(item);
    const selected = key === props.selectedKey;
    const active = index === activeIndex;
    const slot = index % pool;
    rows[slot] = (
      <div
        key={slot}
        id={`${props.idPrefix}-${index}`}
        role="option"
        aria-selected={selected}
        aria-posinset={index + 1}
        aria-setsize={items.length}
        class={`vlist-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
        style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
        data-key={key}
        data-index={index}
        onClick={() => {
          setActiveKey(key);
          props.onOpen(item);
        }}
      >
        {props.renderRow(item, { active, selected })}
      </div>
    );
  }

  return (
    <div class="vlist-frame">
      {newAbove > 0 && viewport.top > 0 ? (
        <button
          type="button"
          class="vlist-new"
          onClick={() => {
            if (container.current) container.current.scrollTop = 0;
            setNewAbove(0);
          }}
        >
          {props.newAboveLabel(newAbove)}
        </button>
      ) : null}
      <div
        ref={container}
        class="vlist"
        role="listbox"
        tabIndex={0}
        aria-label={props.label}
        aria-activedescendant={activeIndex >= first && activeIndex < last ? `${props.idPrefix}-${activeIndex}` : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex < 0 && items.length > 0) setActiveKey(getKey(items[0]!));
        }}
      >
        {items.length === 0 ? (
          <div class="vlist-empty">{props.empty}</div>
        ) : (
          <div class="vlist-spacer" style={{ height: `${items.length * rowHeight}px` }}>
            {rows}
          </div>
        )}
        {props.footer ? <div class="vlist-footer">{props.footer}</div> : null}
      </div>
    </div>
  );
}
