// One line of the dialogue in its lane: client lines on the left, server replies on the right
// (coloured by reply class), connection events across both; each with its time offset and,
// when explanations are on, what it means. A line the lab injected (a fault rule) is ringed in
// the lab's colour and badged with its rule, and explained as injected.
import type { DialogueLine as Line, ListenerSecurity, SessionSummary } from '../../../server/wire/sessions.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { TLS_HANDSHAKE_PLACEHOLDER } from '../smtp/context-explanations.js';
import { isTlsHandshake, type ClosingKind } from '../smtp/dialogue-analysis.js';
import { explainLine, replyClass } from '../smtp/explain-line.js';
import { MANDATORY_LABELS } from '../smtp/explanations.js';
import { linkProps } from '../ui/links.js';
import { memo } from '../ui/memo.js';
import { FaultBadge } from './fault-mark.js';

export interface DialogueLineProps {
  line: Line;
  offsetMs: number;
  answers: Line | undefined;
  /** Client lines: the reply that answered it. */
  reply: Line | undefined;
  /** Read as a command after a refused DATA (or the reply to such a line). */
  stray: boolean;
  /** TLS was on when the line was sent. */
  secure: boolean;
  profile: string;
  security: ListenerSecurity;
  /** Connection events only (the others do not need it, and it changes with every frame). */
  summary: SessionSummary | undefined;
  closing: ClosingKind | undefined;
  explain: boolean;
}

const STEP: Record<string, number> = { MAIL: 1, RCPT: 2, DATA: 3 };

/** The size of TLS record bytes: the server gives it; an older record holds the bytes themselves. */
function handshakeBytes(line: Line): number {
  return line.Bytes ?? Number(/(\d+) bytes/.exec(line.Text)?.[1] ?? line.Text.length);
}

function DialogueLineView({ line, offsetMs, answers, reply, stray, secure, profile, security, summary, closing, explain }: DialogueLineProps) {
  const { router } = useServices();
  const { tr, lang, offset, bytes } = useI18n();
  const explanation = explainLine(line, lang, {
    answers,
    reply,
    stray,
    secure,
    profile,
    security,
    ...(summary ? { summary } : {}),
    ...(closing ? { closing } : {}),
    formatBytes: bytes,
  });
  const binary = isTlsHandshake(line);
  const cls = line.Dir === 'S' ? replyClass(line.Code) : undefined;
  const mandatory = explanation.mandatory;
  const classes = [
    'dline',
    `dir-${line.Dir}`,
    cls ? `cls-${cls}xx` : '',
    mandatory ? 'is-mandatory' : '',
    line.Masked ? 'is-masked' : '',
    binary ? 'is-binary' : '',
    stray ? 'is-stray' : '',
    line.Fault ? 'is-fault' : '',
  ];
  return (
    <li
      class={classes.filter(Boolean).join(' ')}
      data-seq={line.Seq}
      data-dir={line.Dir}
      data-command={line.Command}
      data-code={line.Code}
      data-event={line.Event}
      data-mandatory={mandatory}
      data-fault={line.Fault?.ruleId}
    >
      <span class="dline-time">{offset(offsetMs)}</span>
      <div class="dline-bubble">
        {mandatory ? (
          <span class="badge badge-mandatory" title={tr(m.session.mandatory)}>
            {MANDATORY_LABELS[mandatory]} · {tr(m.session.step)(STEP[mandatory] ?? 0)}
          </span>
        ) : null}
        {line.Fault ? <FaultBadge fault={line.Fault} /> : null}
        {line.Dir === 'E' ? (
          <span class="dline-event">
            {explanation.headline ?? explanation.text}
            {explanation.fault && line.Text ? (
              <>
                {' '}
                <code class="dline-event-raw" translate={false}>
                  {line.Text}
                </code>
              </>
            ) : null}
          </span>
        ) : binary ? (
          // Binary bytes are never shown as if typed: their size stands in for them.
          <code class="dline-text" data-testid="binary-line">
            <span class="arrow" aria-hidden="true">
              →{' '}
            </span>
            <span class="body-placeholder">{tr(TLS_HANDSHAKE_PLACEHOLDER)(bytes(handshakeBytes(line)))}</span>
          </code>
        ) : line.Command === 'DATA-BODY' ? (
          // The body is not in the record line by line (only its size): show what went over the
          // wire in its place, then the dot that ended it.
          <code class="dline-text">
            <span class="arrow" aria-hidden="true">
              →{' '}
            </span>
            <span class="body-placeholder">{tr(m.session.body)(bytes(line.Bytes ?? 0))}</span>
            {'\n'}
            <span class="arrow" aria-hidden="true">
              →{' '}
            </span>
            .
          </code>
        ) : (
          <code class="dline-text" translate={false}>
            {line.Dir === 'C' ? (
              <span class="arrow" aria-hidden="true">
                →{' '}
              </span>
            ) : (
              <span class="arrow" aria-hidden="true">
                ←{' '}
              </span>
            )}
            {line.Text}
          </code>
        )}
        {line.Masked ? <span class="badge badge-masked">{tr(m.session.masked)}</span> : null}
        {line.Command === 'DATA-BODY' && line.MessageID ? (
          <a class="dline-mail" {...linkProps(router, { tab: 'mailbox', id: line.MessageID })} data-testid="open-mail">
            {tr(m.session.openMail)}
          </a>
        ) : null}
        {explain && (line.Dir !== 'E' || explanation.fault) ? (
          <div class={`dline-explain${explanation.fault ? ' is-fault' : ''}`} data-testid={explanation.fault ? 'fault-explanation' : undefined}>
            <p>{explanation.text}</p>
            {explanation.enhanced ? (
              <p class="enhanced">
                <code>{line.Enhanced}</code> {explanation.enhanced}
              </p>
            ) : null}
            {explanation.items ? (
              <dl class="ext-list">
                {explanation.items.map((item) => (
                  <>
                    <dt>
                      <code>{item.label}</code>
                    </dt>
                    <dd>{item.text}</dd>
                  </>
                ))}
              </dl>
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** Lines do not change once written: a line renders again only when its props do. */
export const DialogueLine = memo(DialogueLineView);
