// In-page links: a real href (open in a new tab, copy the address) that navigates without a
// reload on a plain click.
import type { Router } from '../app/browser-router.js';
import { routePath, type Route } from '../app/router.js';

export function linkProps(router: Router, route: Route): { href: string; onClick: (event: MouseEvent) => void } {
  return {
    href: routePath(route),
    onClick(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      router.navigate(route);
    },
  };
}
