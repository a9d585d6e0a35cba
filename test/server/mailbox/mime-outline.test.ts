// The fast summary (made before the 250 reply from the MIME outline) must tell the same story as
// the full mailparser parse made later: the same count of real attachments, a snippet taken from
// the same body text, the same subject and addresses. mailparser's rules are the reference, so
// every case also states what a reader of the message sees in it (the count, a phrase of the
// body), and both sides must match that too.
import { parseAddressHeader, simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../server/mailbox/message-parse.js';
import { summarizeMessage } from '../../../server/mailbox/message-summary.js';
import type { Envelope, MailAddress } from '../../../server/wire/mailbox.js';
import { corpus } from './mime-corpus.js';

const envelope: Envelope = { MailFrom: 'sender@lab.test', RcptTo: ['student@lab.test'] };

function flatten(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (list: Array<{ name?: string; address?: string; group?: unknown[] }>) => {
    for (const entry of list) {
      if (Array.isArray(entry.group)) visit(entry.group as typeof list);
      else if (entry.address) out.push({ Name: entry.name ?? '', Address: entry.address });
    }
  };
  for (const object of value === undefined ? [] : Array.isArray(value) ? value : [value]) visit(object.value);
  return out;
}

/**
 * mailparser's reading of an address header, with one deliberate difference: the domain stays in
 * the ASCII (punycode) form the header and the SMTP envelope carry, as Mailpit keeps it, so that
 * `to:` searches and the envelope-derived Bcc list compare like with like.
 */
function addressesOf(parsed: ParsedMail, name: string): MailAddress[] {
  const values = parsed.headerLines
    .filter((h) => h.key === name)
    // mailparser keeps header lines as bytes in a latin1 string; raw UTF-8 (RFC 6532) is read back.
    .map((h) => Buffer.from(h.line.slice(h.line.indexOf(':') + 1), 'latin1').toString('utf8'));
  return values.length ? flatten(parseAddressHeader(values, { decodePunycode: false })) : [];
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('summary (MIME outline) agrees with the full mailparser parse', () => {
  it.each(corpus)('$name', async (c) => {
    const raw = await c.build();
    const { summary } = summarizeMessage({ id: 'm1', raw, envelope, sessionId: 's1', username: '', created: new Date() });
    const full = await parseMessage(raw, { ...summary }, envelope);
    const parsed = await simpleParser(raw);

    // Attachment count: the reader's count, and both sides agree on it.
    expect(full.message.Attachments.length, 'mailparser attachments').toBe(c.attachments);
    expect(full.message.Inline.length, 'mailparser inline parts').toBe(c.inline ?? 0);
    expect(summary.Attachments, 'summary attachment count').toBe(c.attachments);

    // Snippet: the start of the text mailparser finds, whitespace collapsed, at most 250 characters.
    const text = normalize(full.message.Text);
    expect(text, 'mailparser text').toContain(normalize(c.snippet));
    expect(summary.Snippet.length).toBeLessThanOrEqual(250);
    const cut = summary.Snippet.endsWith('...') && text.length > 250;
    const shown = cut ? summary.Snippet.slice(0, -3) : summary.Snippet;
    expect(text.startsWith(shown), `snippet ${JSON.stringify(summary.Snippet)} begins ${JSON.stringify(text)}`).toBe(true);
    if (c.snippetStopsAtEmbeddedMessage) {
      // mailparser writes the forwarded message's From/Subject/... lines into its text; the
      // summary's snippet ends where the forwarded message begins.
      expect(shown).toBe(normalize(c.snippet));
    } else if (cut) {
      expect(shown.length).toBeGreaterThan(200);
    } else {
      expect(summary.Snippet).toBe(text);
    }

    // Subject, addresses, Message-ID.
    expect(summary.Subject).toBe(parsed.subject ?? '');
    if (c.subject !== undefined) expect(summary.Subject).toBe(c.subject);
    expect(summary.From ? [summary.From] : []).toEqual(addressesOf(parsed, 'from'));
    expect(summary.To).toEqual(addressesOf(parsed, 'to'));
    expect(summary.Cc).toEqual(addressesOf(parsed, 'cc'));
    expect(summary.ReplyTo).toEqual(addressesOf(parsed, 'reply-to'));
    expect(summary.MessageID).toBe((parsed.messageId ?? '').replace(/^<|>$/g, ''));
  });
});
