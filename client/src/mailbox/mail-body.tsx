// A mail's views as tabs. The HTML is the untrusted part: it is shown in an iframe with the
// sandbox attribute and no allow-scripts / allow-same-origin / allow-forms, loaded from
// /view/{id}.html, which the server sends with a sandboxing CSP that also blocks remote
// images until the reader asks for them (?remote=1).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment, Message } from '../../../server/wire/mailbox.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { countRemoteResources } from './remote-content.js';

type View = 'html' | 'text' | 'headers' | 'raw' | 'attachments';
const RAW_SHOWN = 512 * 1024;

function useText(path: string | undefined): { text?: string; error?: string } {
  const { api } = useServices();
  const [result, setResult] = useState<{ text?: string; error?: string }>({});
  useEffect(() => {
    if (!path) return;
    let live = true;
    setResult({});
    api.text(path).then(
      (text) => live && setResult({ text }),
      (err: unknown) => live && setResult({ error: (err as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return result;
}

function HtmlView({ message }: { message: Message }) {
  const { tr } = useI18n();
  const [remote, setRemote] = useState(false);
  const remoteCount = countRemoteResources(message.HTML);
  const id = encodeURIComponent(message.ID);
  return (
    <div class="html-view">
      <p class="muted small">{tr(m.mail.sandboxNote)}</p>
      {remoteCount > 0 ? (
        <p class="remote-bar" data-testid="remote-bar">
          {remote ? tr(m.mail.remoteShown) : tr(m.mail.remoteBlocked)(remoteCount)}{' '}
          {remote ? null : (
            <button type="button" class="btn btn-small" data-testid="show-remote" onClick={() => setRemote(true)}>
              {tr(m.mail.showRemote)}
            </button>
          )}
        </p>
      ) : null}
      <iframe
        class="mail-frame"
        title={tr(m.mail.htmlFrame)}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerpolicy="no-referrer"
        src={`/view/${id}.html${remote ? '?remote=1' : ''}`}
        data-testid="mail-html"
      />
    </div>
  );
}

function HeadersView({ id }: { id: string }) {
  const { tr } = useI18n();
  const { text, error } = useText(`/api/v1/message/${encodeURIComponent(id)}/headers`);
  if (error) return <p class="error">{tr(m.common.error)(error)}</p>;
  if (text === undefined) return <p class="muted">{tr(m.common.loading)}</p>;
  const headers = JSON.parse(text) as Record<string, string[]>;
  return (
    <table class="headers" data-testid="mail-headers" translate={false}>
      <tbody>
        {Object.entries(headers).flatMap(([name, values]) =>
          values.map((value) => (
            <tr>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function RawView({ id }: { id: string }) {
  const { tr, bytes } = useI18n();
  const path = `/api/v1/message/${encodeURIComponent(id)}/raw`;
  const { text, error } = useText(path);
  return (
    <div>
      <p>
        <a class="btn btn-small" href={`${path}?dl=1`} download={`${id}.eml`}>
          {tr(m.mail.downloadRaw)}
        </a>
      </p>
      {error ? <p class="error">{tr(m.common.error)(error)}</p> : null}
      {text === undefined && !error ? <p class="muted">{tr(m.common.loading)}</p> : null}
      {text !== undefined && text.length > RAW_SHOWN ? <p class="muted small">{tr(m.mail.rawCut)(bytes(RAW_SHOWN))}</p> : null}
      {text !== undefined ? (
        <pre class="raw" data-testid="mail-raw">
          {text.length > RAW_SHOWN ? text.slice(0, RAW_SHOWN) : text}
        </pre>
      ) : null}
    </div>
  );
}

function AttachmentsView({ message }: { message: Message }) {
  const { tr, bytes } = useI18n();
  const all: Array<Attachment & { inline: boolean }> = [
    ...message.Attachments.map((a) => ({ ...a, inline: false })),
    ...message.Inline.map((a) => ({ ...a, inline: true })),
  ];
  if (all.length === 0) return <p class="muted">{tr(m.mail.noAttachments)}</p>;
  return (
    <ul class="attachments" data-testid="mail-attachments">
      {all.map((a) => (
        <li>
          <a
            href={`/api/v1/message/${encodeURIComponent(message.ID)}/part/${encodeURIComponent(a.PartID)}?dl=1`}
            download={a.FileName || `part-${a.PartID}`}
            data-testid="attachment-link"
          >
            {a.FileName ? <span translate={false}>{a.FileName}</span> : tr(m.mail.part)(a.PartID)}
          </a>{' '}
          <span class="muted small">
            <span translate={false}>{a.ContentType}</span> · {bytes(a.Size)}
            {a.inline ? ` · ${tr(m.mail.inline)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function MailBody({ message }: { message: Message }) {
  const { tr } = useI18n();
  const attachmentCount = message.Attachments.length + message.Inline.length;
  const views: Array<{ id: View; label: string }> = [
    { id: 'html', label: tr(m.mail.html) },
    { id: 'text', label: tr(m.mail.text) },
    { id: 'headers', label: tr(m.mail.headers) },
    { id: 'raw', label: tr(m.mail.raw) },
    { id: 'attachments', label: tr(m.mail.attachments)(attachmentCount) },
  ];
  const [view, setView] = useState<View>(message.HTML ? 'html' : 'text');
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const select = (index: number) => {
    const wrapped = (index + views.length) % views.length;
    setView(views[wrapped]!.id);
    tabRefs.current[wrapped]?.focus();
  };
  const current = views.findIndex((v) => v.id === view);
  return (
    <div class="mail-body">
      <div
        class="subtabs"
        role="tablist"
        aria-label={tr(m.mail.views)}
        onKeyDown={(event) => {
          const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: views.length - 1 };
          const target = moves[event.key];
          if (target === undefined) return;
          event.preventDefault();
          select(target);
        }}
      >
        {views.map((v, index) => (
          <button
            ref={(el) => {
              tabRefs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`mail-tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls="mail-panel"
            tabIndex={view === v.id ? 0 : -1}
            class="subtab"
            data-view={v.id}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div class="mail-panel" id="mail-panel" role="tabpanel" aria-labelledby={`mail-tab-${view}`}>
        {view === 'html' ? message.HTML ? <HtmlView message={message} /> : <p class="muted">{tr(m.mail.noHtml)}</p> : null}
        {view === 'text' ? (
          message.Text ? (
            <pre class="mail-text" data-testid="mail-text">
              {message.Text}
            </pre>
          ) : (
            <p class="muted">{tr(m.mail.noText)}</p>
          )
        ) : null}
        {view === 'headers' ? <HeadersView id={message.ID} /> : null}
        {view === 'raw' ? <RawView id={message.ID} /> : null}
        {view === 'attachments' ? <AttachmentsView message={message} /> : null}
      </div>
    </div>
  );
}
