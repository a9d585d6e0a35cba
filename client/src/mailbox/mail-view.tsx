// One mail: who sent it to whom, the SMTP envelope and the session that delivered it, and its
// views (HTML sandboxed, text, headers, source, attachments). Opening it marks it read (the API
// does that on GET /api/v1/message/{id}).
import { useEffect, useState } from 'preact/hooks';
import type { MailAddress, Message } from '../../../server/wire/mailbox.js';
import { ApiError } from '../api/api-client.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { MailBody } from './mail-body.js';
import { addressText } from './mail-list.js';

type Loaded = { status: 'loading' } | { status: 'ready'; message: Message } | { status: 'missing' } | { status: 'error'; error: string };

function Addresses({ list }: { list: MailAddress[] }) {
  return <span translate={false}>{list.map(addressText).join(', ')}</span>;
}

export function MailView({ id }: { id: string }) {
  const { api, mailbox, router } = useServices();
  const { tr, dateTime, bytes } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const state = useObservable(mailbox.state);
  const listed = state.search ? state.search.messages : state.messages;
  const stillThere = listed.some((mail) => mail.ID === id) || !state.loaded;

  useEffect(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    api.json<Message>(`/api/v1/message/${encodeURIComponent(id)}`).then(
      (message) => live && setLoaded({ status: 'ready', message }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setLoaded({ status: 'missing' });
        else setLoaded({ status: 'error', error: (err as Error).message });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  const back = (
    <a class="btn back" {...linkProps(router, { tab: 'mailbox' })}>
      ← {tr(m.common.back)}
    </a>
  );
  if (loaded.status === 'loading') {
    return (
      <div class="detail">
        {back}
        <p class="muted">{tr(m.common.loading)}</p>
      </div>
    );
  }
  if (loaded.status !== 'ready') {
    return (
      <div class="detail">
        {back}
        <p class="error" data-testid="mail-missing">
          {loaded.status === 'missing' ? tr(m.mailbox.missing) : tr(m.common.error)(loaded.error)}
        </p>
      </div>
    );
  }
  const { message } = loaded;
  const remove = async () => {
    const index = listed.findIndex((mail) => mail.ID === id);
    const next = listed[index + 1] ?? listed[index - 1];
    await mailbox.delete([id]);
    router.navigate(next && next.ID !== id ? { tab: 'mailbox', id: next.ID } : { tab: 'mailbox' }, { replace: true });
  };
  return (
    <article class="detail detail-scroll mail" data-testid="mail-view" data-mail={id}>
      <div class="detail-head">
        {back}
        <div class="detail-actions">
          {message.SessionID ? (
            <a class="btn" {...linkProps(router, { tab: 'sessions', id: message.SessionID })} data-testid="mail-session-link">
              {tr(m.mail.session)}
            </a>
          ) : null}
          <button type="button" class="btn btn-danger" data-testid="delete-mail" onClick={() => void remove()}>
            {tr(m.mailbox.delete)}
          </button>
        </div>
      </div>
      {stillThere ? null : <p class="notice">{tr(m.mailbox.deleted)}</p>}
      <h2 class="mail-subject" data-testid="mail-view-subject" translate={message.Subject ? false : undefined}>
        {message.Subject || tr(m.mailbox.noSubject)}
      </h2>
      <dl class="facts">
        <dt>{tr(m.mail.from)}</dt>
        {message.From ? (
          <dd data-testid="mail-view-from" translate={false}>
            {addressText(message.From)}
          </dd>
        ) : (
          // No From header: the envelope still says who sent it (or that nobody did: a bounce).
          <dd data-testid="mail-view-from">{message.Envelope.MailFrom ? tr(m.mailbox.envelopeSender)(message.Envelope.MailFrom) : tr(m.mailbox.nullSender)}</dd>
        )}
        <dt>{tr(m.mail.to)}</dt>
        <dd>
          <Addresses list={message.To} />
        </dd>
        {message.Cc.length > 0 ? (
          <>
            <dt>{tr(m.mail.cc)}</dt>
            <dd>
              <Addresses list={message.Cc} />
            </dd>
          </>
        ) : null}
        <dt>{tr(m.mail.date)}</dt>
        <dd>{dateTime(message.Date)}</dd>
        <dt>{tr(m.mail.size)}</dt>
        <dd>{bytes(message.Size)}</dd>
        <dt>{tr(m.mail.envelope)}</dt>
        <dd class="envelope">
          <code>MAIL FROM:&lt;{message.Envelope.MailFrom}&gt;</code>
          {message.Envelope.RcptTo.map((rcpt) => (
            <code>RCPT TO:&lt;{rcpt}&gt;</code>
          ))}
        </dd>
        {message.Username ? (
          <>
            <dt>{tr(m.mail.user)}</dt>
            <dd translate={false}>{message.Username}</dd>
          </>
        ) : null}
      </dl>
      <MailBody message={message} />
    </article>
  );
}
