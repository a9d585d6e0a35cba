// One message: Mailpit's message, headers, raw, part and view routes. Mail is untrusted input:
// HTML views go out with a sandboxing Content-Security-Policy, so that even opened on their own
// they run no script and load nothing remote unless asked (`?remote=1`).
import { Router, type Request, type Response } from 'express';
import { mailboxFor, scopeOf } from '../../inboxes/request-scope.js';
import type { MailboxView, StoredMail } from '../../mailbox/mailbox.js';
import { canonicalHeaderName, readHeaderFields } from '../../mailbox/header-block.js';
import { endpoint } from '../endpoint.js';
import { notFound } from '../http-error.js';
import { stringParam } from '../query-params.js';

function mailOr404(mailbox: MailboxView, id: string): StoredMail {
  const mail = mailbox.get(id);
  if (!mail) throw notFound(`message ${id}`);
  return mail;
}

function headersOf(raw: Buffer): Record<string, string[]> {
  const map = readHeaderFields(raw, 0, raw.length).headers;
  const out: Record<string, string[]> = {};
  for (const name of [...map.keys()].sort()) out[canonicalHeaderName(name)] = map.get(name) ?? [];
  return out;
}

/** The policy for a mail's HTML: an opaque origin, no scripts, forms, plugins or remote loads. */
export function htmlViewPolicy(req: Request, allowRemote: boolean): string {
  const self = `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
  const images = allowRemote ? `img-src ${self} data: https: http:` : `img-src ${self} data:`;
  const styles = allowRemote ? "style-src 'unsafe-inline' https: http:" : "style-src 'unsafe-inline'";
  return ['sandbox allow-popups allow-popups-to-escape-sandbox', "default-src 'none'", images, styles, 'font-src data:', "form-action 'none'"].join('; ');
}

/** Inline images of the HTML (cid: references, RFC 2392) point at the part route instead. */
function linkInlineParts(html: string, messageId: string, inline: Array<{ ContentID: string; PartID: string }>): string {
  if (inline.length === 0) return html;
  const byCid = new Map(inline.map((part) => [part.ContentID.replace(/^<|>$/g, ''), part.PartID]));
  return html.replace(/cid:([^"'\s)>]+)/gi, (whole, cid: string) => {
    const partId = byCid.get(decodeURIComponent(cid));
    return partId ? `/api/v1/message/${encodeURIComponent(messageId)}/part/${encodeURIComponent(partId)}` : whole;
  });
}

async function sendView(all: MailboxView, req: Request, res: Response): Promise<void> {
  const mailbox = mailboxFor(all, res);
  const file = String(req.params.file ?? '');
  const match = /^(.+)\.(html|txt)$/.exec(file);
  if (!match) throw notFound(`view ${file}`);
  const [, id = '', kind] = match;
  mailOr404(mailbox, id);
  const parsed = await mailbox.parsed(id);
  if (!parsed) throw notFound(`message ${id}`);
  const { message } = parsed;
  res.set('X-Content-Type-Options', 'nosniff');
  if (kind === 'txt') {
    res.type('text/plain; charset=utf-8').send(message.Text);
    return;
  }
  if (!message.HTML) throw notFound(`an HTML part in message ${id}`);
  const allowRemote = stringParam(req, 'remote') === '1';
  res.set('Content-Security-Policy', htmlViewPolicy(req, allowRemote));
  res.set('Referrer-Policy', 'no-referrer');
  res.type('text/html; charset=utf-8').send(linkInlineParts(message.HTML, message.ID, message.Inline));
}

export function messageRoutes(all: MailboxView): Router {
  const router = Router();

  endpoint(router, '/api/v1/message/:id', {
    get: async (req, res) => {
      const mailbox = mailboxFor(all, res);
      const id = String(req.params.id);
      mailOr404(mailbox, id);
      // An instructor looking as a student leaves the student's unread mail unread.
      const scope = scopeOf(res);
      const message = await mailbox.message(id, { markRead: !(scope.kind === 'inbox' && scope.readOnly) });
      if (!message) throw notFound(`message ${id}`);
      res.json(message);
    },
  });

  endpoint(router, '/api/v1/message/:id/headers', {
    get(req, res) {
      res.json(headersOf(mailOr404(mailboxFor(all, res), String(req.params.id)).raw));
    },
  });

  endpoint(router, '/api/v1/message/:id/raw', {
    get(req, res) {
      const mail = mailOr404(mailboxFor(all, res), String(req.params.id));
      res.set('X-Content-Type-Options', 'nosniff');
      if (stringParam(req, 'dl') === '1') res.attachment(`${mail.summary.ID}.eml`);
      res.type('text/plain; charset=utf-8').send(mail.raw);
    },
  });

  endpoint(router, '/api/v1/message/:id/part/:partId', {
    get: async (req, res) => {
      const id = String(req.params.id);
      const partId = String(req.params.partId);
      const mailbox = mailboxFor(all, res);
      mailOr404(mailbox, id);
      const parsed = await mailbox.parsed(id);
      const part = parsed?.parts.get(partId);
      if (!part) throw notFound(`part ${partId} of message ${id}`);
      res.set('X-Content-Type-Options', 'nosniff');
      // A part is never rendered as a page of ours: scripts in an HTML attachment stay inert.
      res.set('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      if (stringParam(req, 'dl') === '1' || !/^image\//.test(part.contentType)) {
        res.attachment(part.fileName || `part-${partId}`);
      }
      res.type(part.contentType).send(part.content);
    },
  });

  endpoint(router, '/view/:file', { get: (req, res) => sendView(all, req, res) });

  return router;
}
