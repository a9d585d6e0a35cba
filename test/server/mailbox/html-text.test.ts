// The text of an HTML mail for its snippet and for search: tags dropped, every character
// reference decoded (the WHATWG table, not a handful), scripts and styles left out.
import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from '../../../server/mailbox/message-summary.js';

describe('HTML to text for snippets and search', () => {
  it.each([
    ['named references beyond the basic five', '<p>Alarm &mdash; caf&eacute; &laquo;Перегрев&raquo; &hellip;</p>', 'Alarm — café «Перегрев» …'],
    ['numeric references', '<b>&#8212;&#x2014;&#1055;</b>', '——П'],
    ['the basic five', '&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39;', '<b> & "q" \'s\''],
    ['no-break spaces fold into one space', 'a&nbsp;&nbsp;b', 'a b'],
    ['block ends become line breaks', '<div>one</div><div>two</div>three<br>four', 'one\ntwo\nthree\nfour'],
    ['scripts, styles and the head are not text', '<head><title>t</title></head><style>p{}</style><script>alert(1)</script><p>body</p>', 'body'],
    ['a reference without its semicolon, as browsers read it', 'AT&amp T &copy 2026', 'AT& T © 2026'],
    ['an unknown reference stays as written', '&bogus; &#xZZ;', '&bogus; &#xZZ;'],
  ])('%s', (_name, html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });
});
