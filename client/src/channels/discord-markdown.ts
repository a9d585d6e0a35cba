// Discord's markdown subset, as a channel shows a webhook's `content` and an embed's description
// and field values (support.discord.com, "Markdown Text 101"): **bold**, *italic* and _italic_,
// __underline__, ~~strikethrough~~, ||spoiler||, `code`, ```code blocks``` (a language on the
// first line), [masked links](https://…), <https://…> and bare https:// links, and a backslash
// that escapes the next mark. The result is a tree of nodes the view renders as DOM elements:
// nothing in a message is ever markup.
import { safeHref } from './telegram-entities.js';

export type MdStyle = 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler';

export type MdNode =
  | { kind: 'text'; text: string }
  | { kind: MdStyle; children: MdNode[] }
  | { kind: 'code'; text: string }
  | { kind: 'codeblock'; language: string | null; text: string }
  | { kind: 'link'; href: string; children: MdNode[] };

interface Rule {
  re: RegExp;
  make(match: RegExpExecArray, src: string, at: number): MdNode | null;
}

/** Marks around nothing but marks (`****`, `~~ ~~`) style nothing: they stay as typed. */
const MARKS_ONLY = /^[\s*_~|]*$/;

const styled =
  (kind: MdStyle): Rule['make'] =>
  (m) =>
    MARKS_ONLY.test(m[1] ?? '') ? null : { kind, children: parseDiscordMarkdown(m[1] ?? '') };

const WORD = /[\p{L}\p{N}_]/u;

// Sticky (y): each rule is tried exactly at the current position. Order matters: code first
// (nothing inside it is markdown), ** before *, __ before _.
const RULES: readonly Rule[] = [
  { re: /\\([^\p{L}\p{N}\s])/uy, make: (m) => ({ kind: 'text', text: m[1] ?? '' }) },
  {
    // The line break after the closing fence belongs to the block (the app starts the next line there).
    re: /```(?:([\w+#.-]+)\n)?\n*([\s\S]*?)\n*```\n?/y,
    make: (m) => (m[2] ? { kind: 'codeblock', language: m[1] ?? null, text: m[2] } : null),
  },
  // One or two backticks open inline code (two let the code hold one); a run of three is a block's.
  { re: /(``?)(?!`)([\s\S]*?[^`])\1(?!`)/y, make: (m) => ({ kind: 'code', text: (m[2] ?? '').trim() || (m[2] ?? '') }) },
  { re: /\*\*((?:\\[\s\S]|[^\\])+?)\*\*(?!\*)/y, make: styled('bold') },
  { re: /__((?:\\[\s\S]|[^\\])+?)__(?!_)/y, make: styled('underline') },
  { re: /\*(?=\S)((?:\\[\s\S]|\*\*(?:\\[\s\S]|[^\\])+?\*\*|[^\\*])+?)\*(?!\*)/y, make: styled('italic') },
  {
    re: /_((?:__|\\[\s\S]|[^\\_])+?)_(?![\p{L}\p{N}_])/uy,
    // _italic_ only starts a word: snake_case_names stay as they are.
    make: (m, src, at) => (at > 0 && WORD.test(src[at - 1] ?? '') ? null : styled('italic')(m, src, at)),
  },
  { re: /~~((?:\\[\s\S]|[^\\])+?)~~/y, make: styled('strike') },
  { re: /\|\|((?:\\[\s\S]|[^\\])+?)\|\|/y, make: styled('spoiler') },
  {
    re: /\[([^\]\n]+)\]\(\s*<?(https?:\/\/[^\s)>]+)>?\s*\)/y,
    make: (m) => {
      const href = safeHref(m[2] ?? '');
      return href ? { kind: 'link', href, children: parseDiscordMarkdown(m[1] ?? '') } : null;
    },
  },
  {
    re: /<(https?:\/\/[^\s>]+)>/y,
    make: (m) => {
      const href = safeHref(m[1] ?? '');
      return href ? { kind: 'link', href, children: [{ kind: 'text', text: m[1] ?? '' }] } : null;
    },
  },
  {
    // A trailing full stop, comma or bracket ends the sentence, not the address.
    re: /https?:\/\/[^\s<]+[^<.,:;"')\]\s]/y,
    make: (m) => {
      const href = safeHref(m[0]);
      return href ? { kind: 'link', href, children: [{ kind: 'text', text: m[0] }] } : null;
    },
  },
];

/** Where plain text may stop: a character that can open a mark, or the start of a link. */
const PLAIN = /[^\\`*_~|[<h]+|h(?!ttps?:\/\/)/y;

function pushText(nodes: MdNode[], text: string): void {
  if (!text) return;
  const last = nodes.at(-1);
  if (last?.kind === 'text') nodes[nodes.length - 1] = { kind: 'text', text: last.text + text };
  else nodes.push({ kind: 'text', text });
}

function tryRules(src: string, at: number): { node: MdNode; end: number } | undefined {
  for (const rule of RULES) {
    rule.re.lastIndex = at;
    const match = rule.re.exec(src);
    if (!match) continue;
    // The end comes from the match itself: make() parses the inside with the same (sticky) rules.
    const end = at + match[0].length;
    const node = rule.make(match, src, at);
    if (node) return { node, end };
  }
  return undefined;
}

export function parseDiscordMarkdown(src: string): MdNode[] {
  const nodes: MdNode[] = [];
  let at = 0;
  while (at < src.length) {
    const found = tryRules(src, at);
    if (found) {
      if (found.node.kind === 'text') pushText(nodes, found.node.text);
      else nodes.push(found.node);
      at = found.end;
      continue;
    }
    PLAIN.lastIndex = at;
    const plain = PLAIN.exec(src);
    const end = plain && plain[0].length > 0 ? PLAIN.lastIndex : at + 1;
    pushText(nodes, src.slice(at, end));
    at = end;
  }
  return nodes;
}

/** The text a tree holds, marks removed (for a list's one-line preview). */
export function markdownText(nodes: readonly MdNode[]): string {
  return nodes.map((n) => ('children' in n ? markdownText(n.children) : n.text)).join('');
}

/** An embed's colour (an integer 0xRRGGBB) as CSS, or null for none or nonsense. */
export function embedColor(color: number | undefined): string | null {
  if (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff) return null;
  return `#${color.toString(16).padStart(6, '0')}`;
}
