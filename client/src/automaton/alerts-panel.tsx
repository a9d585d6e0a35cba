// The alerts sent: every alert attempt of the objects, newest first — «Отправить e-mail» and the
// lab's SMS, Telegram and Discord commands, each with its channel — its status (sending, sent,
// failed), what it said and where it went, and when it failed the service's reply verbatim with
// the explanation; a mail links to its mail in the Mailbox tab and its SMTP session in the
// Sessions tab, a channel message names what the lab's simulator captured.
import { describeChannelTarget } from '../../../lab/automaton/describe.js';
import type { AlertRecord } from '../../../lab/objects/alert-log.js';
import { channelAttemptLine } from '../../../lab/objects/channel-alert-words.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { DeliveryAttempts } from '../lab/delivery-attempts.js';
import { zm } from './automaton-messages.js';
import { useAutomatonPage } from './automaton-page.js';
import { CHANNEL_ICONS, zc } from './channel-messages.js';
import { Card } from './ui-bits.js';

const isBilingual = (v: unknown): v is Bilingual =>
  typeof v === 'object' && v !== null && typeof (v as Bilingual).ru === 'string' && typeof (v as Bilingual).en === 'string';

/** The sender's explanation (cause and fix in both languages), when the outcome carries one. */
export function explanationOf(record: AlertRecord): { cause: Bilingual | null; fix: Bilingual | null; code: string | null; field: string | null } | null {
  const e = record.outcome?.explanation;
  if (typeof e !== 'object' || e === null) return null;
  const { cause, fix, code, field } = e as { cause?: unknown; fix?: unknown; code?: unknown; field?: unknown };
  if (!isBilingual(cause) && !isBilingual(fix)) return null;
  return {
    cause: isBilingual(cause) ? cause : null,
    fix: isBilingual(fix) ? fix : null,
    code: typeof code === 'string' ? code : null,
    field: typeof field === 'string' && field !== '' ? field : null,
  };
}

/** A channel alert's message: where it went and what it said. */
function ChannelMessage({ record }: { record: AlertRecord }) {
  const { tr } = useI18n();
  const message = record.channelMessage!;
  return (
    <>
      <p class="z-alert-subject z-wrap" data-testid="alert-target" translate={false}>
        <span aria-hidden="true">{CHANNEL_ICONS[message.channel]}</span> {tr(describeChannelTarget(message.channel, message.to))}
        {message.title ? ` · ${message.title}` : ''}
      </p>
      <p class="small z-wrap z-pre-wrap" data-testid="alert-text" translate={false}>
        {message.text}
      </p>
    </>
  );
}

/** A channel alert's attempts, when there was more to it than one answer (a retry, a wait). */
function ChannelAttempts({ record }: { record: AlertRecord }) {
  const { tr } = useI18n();
  const attempts = record.channelAttempts ?? [];
  if (attempts.length < 2 && !attempts.some((a) => a.transient || a.retryAfterSeconds !== null)) return null;
  return (
    <div class="small" data-testid="alert-attempts">
      <p class="muted">{tr(zc.alert.attempts)}</p>
      <ol class="z-attempts">
        {attempts.map((a) => (
          <li key={a.n} data-status={a.status ?? 'none'} translate={false}>
            {tr(channelAttemptLine(a))}
          </li>
        ))}
      </ol>
    </div>
  );
}

function AlertRow({ record }: { record: AlertRecord }) {
  const { tr, when } = useI18n();
  const { router } = useServices();
  const explanation = record.status === 'failed' ? explanationOf(record) : null;
  const mailId = record.mailId ?? record.outcome?.mailId ?? null;
  const sessionId = record.sessionId ?? record.outcome?.sessionId ?? null;
  const channel = record.channelMessage ? record.channelMessage.channel : null;
  const channelMessageId = record.channelMessageId ?? record.outcome?.messageId ?? null;
  const exchangeId = record.exchangeId ?? record.outcome?.exchangeId ?? null;
  return (
    <li
      class={`z-alert z-alert-${record.status}`}
      data-testid="alert"
      data-id={record.id}
      data-status={record.status}
      data-object={record.objectId}
      data-channel={record.channel ?? 'email'}
    >
      <div class="z-msg-top">
        <span class={`chip z-status z-status-${record.status}`} data-testid="alert-status">
          {record.status === 'sent' ? '✓ ' : record.status === 'failed' ? '✗ ' : '… '}
          {tr(zm.alerts.status[record.status])}
        </span>
        <span class="chip" data-testid="alert-channel">
          <span aria-hidden="true">{CHANNEL_ICONS[channel ?? 'email']}</span> {channel ? tr(zc.channels[channel]) : 'e-mail'}
        </span>
        <span class="small muted">{when(new Date(record.startedAt).toISOString())}</span>
        <span class="small muted z-wrap" translate={false}>
          {record.objectId} · {record.stateName || record.stateId}
        </span>
      </div>
      {record.channelMessage ? (
        <ChannelMessage record={record} />
      ) : (
        <>
          <p class="z-alert-subject z-wrap" data-testid="alert-subject" translate={false}>
            ✉ {record.mail.subject || tr(zm.alerts.noSubject)}
          </p>
          <p class="small z-wrap" data-testid="alert-to">
            <span class="muted">{tr(zm.alerts.to)}:</span> <span translate={false}>{record.mail.to.join(', ')}</span>
          </p>
        </>
      )}
      {record.status === 'failed' ? (
        <div class="z-alert-why" data-testid="alert-failure">
          {record.outcome ? <p class="small error">{tr(record.outcome.message)}</p> : null}
          {record.error ? <p class="small error">{tr(zm.alerts.portError)(record.error.message)}</p> : null}
          {record.outcome?.reply ? (
            <>
              <p class="small muted">{tr(zm.alerts.reply)}</p>
              <pre class="z-reply" data-testid="alert-reply">
                {record.outcome.reply}
              </pre>
            </>
          ) : null}
          {explanation?.cause ? (
            <p class="small" data-testid="alert-cause">
              <strong>{tr(zm.alerts.cause)}:</strong> {tr(explanation.cause)}
            </p>
          ) : null}
          {explanation?.fix ? (
            <p class="small" data-testid="alert-fix">
              <strong>{tr(zm.alerts.fix)}:</strong> {tr(explanation.fix)}
              {explanation.field ? (
                <>
                  {' '}
                  (<code translate={false}>{explanation.field}</code>)
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
      {record.status === 'sent' && record.outcome ? <p class="small z-ok-text">{tr(record.outcome.message)}</p> : null}
      {/* The sender's attempts (the same list as the test e-mail's): live while it waits to retry. */}
      {record.delivery &&
      (record.delivery.attempts.length > 1 ||
        record.delivery.recipients.length > 1 ||
        record.delivery.attempts.some((a) => a.injected.length > 0 || a.retryInSeconds !== null)) ? (
        <DeliveryAttempts
          attempts={record.delivery.attempts}
          running={record.status === 'sending'}
          nextAt={record.delivery.nextAttemptAt}
          recipients={record.delivery.recipients}
        />
      ) : null}
      {channel ? <ChannelAttempts record={record} /> : null}
      {channel ? (
        channelMessageId || exchangeId ? (
          <p class="small muted" data-testid="alert-captured" translate={false}>
            {[channelMessageId ? tr(zc.alert.messageId)(channelMessageId) : '', exchangeId ? tr(zc.alert.exchangeId)(exchangeId) : '']
              .filter(Boolean)
              .join(' · ')}
          </p>
        ) : record.status === 'sent' ? (
          <p class="small muted">{tr(zc.alert.notInLab)}</p>
        ) : null
      ) : mailId || sessionId ? (
        <p class="z-links small">
          {mailId ? (
            <a {...linkProps(router, { tab: 'mailbox', id: mailId })} data-testid="alert-mail-link">
              {tr(zm.alerts.openMail)}
            </a>
          ) : null}
          {sessionId ? (
            <a {...linkProps(router, { tab: 'sessions', id: sessionId })} data-testid="alert-session-link">
              {tr(zm.alerts.openSession)}
            </a>
          ) : null}
        </p>
      ) : record.status === 'sent' ? (
        <p class="small muted">{tr(zm.alerts.notInLab)}</p>
      ) : null}
    </li>
  );
}

export function AlertsPanel() {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const state = useObservable(stores.alerts.state);
  return (
    <Card id="z-alerts" title={tr(zm.alerts.title)} testId="alerts-panel">
      <p class="small muted">{tr(zm.alerts.hint)}</p>
      {state.error ? <p class="error small">{tr(zm.loadFailed)(tr(state.error))}</p> : null}
      {state.alerts.length === 0 ? (
        <p class="muted small">{tr(zm.alerts.none)}</p>
      ) : (
        <ul class="z-alerts" data-testid="alert-list">
          {state.alerts.slice(0, 50).map((a) => (
            <AlertRow record={a} key={a.id} />
          ))}
        </ul>
      )}
    </Card>
  );
}
