// How many things a mail's HTML would fetch from elsewhere. The server's CSP blocks them until
// the reader asks (/view/{id}.html?remote=1); the page says how many are held back, because
// a remote image is how a sender learns that the mail was opened.

/** Remote resources an HTML body would load: images, backgrounds, sources, CSS url(). */
export function countRemoteResources(html: string): number {
  const attributes = html.match(/\b(?:src|background|srcset|poster)\s*=\s*["']?\s*(?:https?:)?\/\//gi) ?? [];
  const css = html.match(/url\(\s*["']?\s*(?:https?:)?\/\//gi) ?? [];
  return attributes.length + css.length;
}
