// A component that renders again only when one of its props changed (shallow comparison), for
// long lists of rows whose parent renders often.
import { Component, type ComponentType, type FunctionComponent, h } from 'preact';

export function memo<P extends object>(Inner: FunctionComponent<P>): ComponentType<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const current = this.props as Record<string, unknown>;
      const incoming = next as Record<string, unknown>;
      for (const key in incoming) if (key !== 'children' && !Object.is(current[key], incoming[key])) return true;
      for (const key in current) if (!(key in incoming)) return true;
      return false;
    }

    override render(props: P) {
      return h(Inner, props);
    }
  }
  return Memo as ComponentType<P>;
}
