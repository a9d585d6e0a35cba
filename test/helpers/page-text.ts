// What a reader of a page reads: the title, visible text, titles, placeholders, labels, alt texts,
// option groups and options — not code, the diagrams' SVG, or what is marked translate="no"
// (file names, device values, mails). The Russian-only tests check these for English prose.
import type { Page } from 'playwright-core';

export function readableTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SKIP = 'code, pre, kbd, samp, script, style, iframe, svg, [translate="no"]';
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(SKIP) || el.closest('option, optgroup')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const text = (node.textContent ?? '').trim();
      if (text) out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[title], [placeholder], [aria-label], [alt]'))) {
      if (el.closest('[translate="no"], iframe, svg')) continue;
      for (const name of ['title', 'placeholder', 'aria-label', 'alt']) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    for (const el of Array.from(document.querySelectorAll('optgroup'))) out.push(el.label);
    for (const el of Array.from(document.querySelectorAll('option'))) if (!el.closest('[translate="no"]')) out.push(el.textContent ?? '');
    return out;
  });
}
