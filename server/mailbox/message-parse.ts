// The full parse of a mail with mailparser, done the first time somebody needs the bodies or
// the attachments, then kept with the mail.
import { createHash } from 'node:crypto';
import type { Attachment as ParsedAttachment } from 'mailparser';
import { htmlToPlainText } from './message-summary.js';
import type { Attachment, Message, MessageSummary, Envelope } from '../wire/mailbox.js';

export interface MessagePart {
  content: Buffer;
  contentType: string;
  fileName: string;
}

export interface ParsedMessage {
  message: Omit<Message, 'Read'>;
  parts: Map<string, MessagePart>;
}

export async function parseMessage(raw: Buffer, summary: MessageSummary, envelope: Envelope): Promise<ParsedMessage> {
  // Loaded on the first full parse: mailparser and its HTML-to-text stack weigh ~20 MB of
  // memory, which a capture server that nobody reads from never needs.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const inline: Attachment[] = [];
  const attachments: Attachment[] = [];
  const parts = new Map<string, MessagePart>();
  parsed.attachments.forEach((attachment, i) => {
    const partId = attachment.partId ?? String(i + 1);
    const wire = toWireAttachment(attachment, partId);
    (attachment.related ? inline : attachments).push(wire);
    parts.set(partId, {
      content: attachment.content,
      contentType: wire.ContentType,
      fileName: wire.FileName,
    });
  });
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const returnPath = firstAddress(parsed.headers.get('return-path')) || envelope.MailFrom;
  const message: Omit<Message, 'Read'> = {
    ID: summary.ID,
    MessageID: summary.MessageID,
    From: summary.From,
    To: summary.To,
    Cc: summary.Cc,
    Bcc: summary.Bcc,
    ReplyTo: summary.ReplyTo,
    ReturnPath: returnPath,
    Subject: summary.Subject,
    Date: validDate(parsed.date)?.toISOString() ?? summary.Created,
    Tags: summary.Tags,
    Username: summary.Username,
    Text: textOf(parsed.text, html),
    HTML: html,
    Size: summary.Size,
    Inline: inline,
    Attachments: attachments,
    SessionID: summary.SessionID,
    Envelope: envelope,
    Created: summary.Created,
  };
  return { message, parts };
}

function toWireAttachment(attachment: ParsedAttachment, partId: string): Attachment {
  const content = attachment.content;
  return {
    PartID: partId,
    FileName: attachment.filename ?? '',
    ContentType: attachment.contentType,
    ContentID: (attachment.cid ?? '').trim(),
    Size: content.length,
    Checksums: {
      MD5: createHash('md5').update(content).digest('hex'),
      SHA1: createHash('sha1').update(content).digest('hex'),
      SHA256: createHash('sha256').update(content).digest('hex'),
    },
  };
}

/**
 * mailparser leaves the text empty when the only body is HTML inside a multipart; Mailpit (enmime)
 * makes the text from the HTML then, and so does the summary's snippet.
 */
function textOf(text: string | undefined, html: string): string {
  if (text) return text;
  return html ? htmlToPlainText(html) : '';
}

function validDate(date: Date | undefined): Date | undefined {
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function firstAddress(value: unknown): string {
  if (value && typeof value === 'object' && 'value' in value) {
    const list = (value as { value: Array<{ address?: string }> }).value;
    return list[0]?.address ?? '';
  }
  return typeof value === 'string' ? value.replace(/^<|>$/g, '') : '';
}
