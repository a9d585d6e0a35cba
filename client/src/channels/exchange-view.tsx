// A channel's exchanges: every request a simulator answered (an SMPP session from bind to
// unbind), newest first, and the one opened line by line in the lanes of the SMTP dialogue —
// what the client sent, what the service answered, the events between — each with its time
// from the start and the mark where a secret was masked; a refusal explained (why, what to do,
// the field) in the page's language, and the messages it delivered.
import { useEffect } from 'preact/hooks';
import type { ChannelExchange, ChannelId, ExchangeSummary } from '../../../lab/channels/channel-wire.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { memo } from '../ui/memo.js';
import { useObservable } from '../ui/use-observable.js';
import { cm } from './channels-messages.js';
import { channelsRouteId } from './channels-route.js';
import { lineTone, TONE_CLASS } from './exchange-lines.js';
import { useChannels } from './world-parts.js';
import './exchange-view.css';

const routeOf = (channel: ChannelId, id?: string) => ({ tab: 'messages', id: channelsRouteId({ channel, section: 'exchanges', ...(id ? { id } : {}) }) });

function RowView({ exchange, selected }: { exchange: ExchangeSummary; selected: boolean }) {
  const { router } = useServices();
  const { tr, when } = useI18n();
  const state = exchange.Ended === null ? 'open' : exchange.Ok ? 'ok' : 'refused';
  return (
    <li>
      <a
        class={`cx-row is-${state}`}
        {...linkProps(router, routeOf(exchange.Channel, exchange.ID))}
        aria-current={selected ? 'true' : undefined}
        data-testid="exchange-row"
        data-exchange={exchange.ID}
        data-state={state}
      >
        <code class="cx-summary" translate={false}>
          {exchange.Summary}
        </code>
        <span class="cx-row-meta">
          <span class={`chip cx-chip is-${state}`}>
            {exchange.Status ?? '—'} · {tr(state === 'open' ? cm.exchanges.open : state === 'ok' ? cm.exchanges.ok : cm.exchanges.refused)}
          </span>
          <span>{tr(cm.services[exchange.Service])}</span>
          <span>{tr(cm.exchanges.lines)(exchange.LineCount)}</span>
          <time dateTime={exchange.Started}>{when(exchange.Started)}</time>
        </span>
      </a>
    </li>
  );
}

const Row = memo(RowView);

function Lines({ exchange }: { exchange: ChannelExchange }) {
  const { tr, offset } = useI18n();
  return (
    <>
      <div class="lane-labels" aria-hidden="true">
        <span />
        <span>{tr(cm.exchanges.clientLane)}</span>
        <span>{tr(cm.exchanges.serviceLane)}</span>
      </div>
      <ol class="dialogue cx-dialogue" aria-label={tr(cm.exchanges.lanes)} data-testid="exchange-lines">
        {exchange.Lines.map((line, i) => {
          const tone = lineTone(line);
          return (
            <li
              class={['dline', `dir-${line.Dir}`, tone ? TONE_CLASS[tone] : '', line.Masked ? 'is-masked' : ''].filter(Boolean).join(' ')}
              data-dir={line.Dir}
              data-n={i}
              data-masked={line.Masked ? 'true' : undefined}
            >
              <span class="dline-time">{offset(line.Ms)}</span>
              <div class="dline-bubble">
                <code class="dline-text" translate={false}>
                  {line.Dir !== 'E' ? (
                    <span class="arrow" aria-hidden="true">
                      {line.Dir === 'C' ? '→ ' : '← '}
                    </span>
                  ) : null}
                  {line.Text}
                </code>
                {line.Masked ? <span class="badge badge-masked">{tr(cm.exchanges.masked)}</span> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Detail({ channel, id }: { channel: ChannelId; id: string }) {
  const store = useChannels();
  const { router } = useServices();
  const { tr, dateTime } = useI18n();
  const detail = useObservable(store.exchange);
  useEffect(() => store.selectExchange(id), [id]);
  const back = (
    <a class="btn back" {...linkProps(router, routeOf(channel))}>
      ← {tr(cm.messages.back)}
    </a>
  );
  if (detail.id !== id || detail.status === 'loading' || detail.status === 'idle')
    return (
      <div class="cx-detail">
        {back}
        <p class="muted">{tr(cm.loading)}</p>
      </div>
    );
  if (detail.status !== 'ready' || !detail.exchange) {
    return (
      <div class="cx-detail">
        {back}
        <p class="error">{detail.status === 'missing' ? tr(cm.exchanges.missing) : tr(cm.loadFailed)(detail.error ? tr(detail.error) : '')}</p>
      </div>
    );
  }
  const ex = detail.exchange;
  const explanation = ex.Explanation;
  return (
    <div class="cx-detail" data-testid="exchange-view" data-exchange={ex.ID} data-ok={ex.Ok ? 'true' : 'false'}>
      {back}
      <h3 class="cx-title">
        <code translate={false}>{ex.Summary}</code>
      </h3>
      <dl class="facts">
        <dt>{tr(cm.exchanges.service)}</dt>
        <dd>{tr(cm.services[ex.Service])}</dd>
        <dt>{tr(cm.exchanges.client)}</dt>
        <dd translate={false}>{ex.Client}</dd>
        <dt>{tr(cm.exchanges.started)}</dt>
        <dd>{dateTime(ex.Started)}</dd>
      </dl>
      {explanation ? (
        <dl class="explanation" data-testid="exchange-explanation" data-code={explanation.code} data-field={explanation.field ?? ''}>
          <dt>{tr(cm.test.cause)}</dt>
          <dd data-testid="exchange-cause">{tr(explanation.cause)}</dd>
          <dt>{tr(cm.test.fix)}</dt>
          <dd data-testid="exchange-fix">{tr(explanation.fix)}</dd>
          {explanation.field ? (
            <>
              <dt>{tr(cm.test.field)}</dt>
              <dd>
                <a {...linkProps(router, { tab: 'messages', id: channelsRouteId({ channel, section: 'setup' }) })}>
                  <code>{explanation.field}</code>
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {ex.MessageIDs.length > 0 ? (
        <p class="small">
          {tr(cm.exchanges.delivered)}:{' '}
          {ex.MessageIDs.map((mid, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a {...linkProps(router, { tab: 'messages', id: channelsRouteId({ channel, section: 'messages', id: mid }) })} data-testid="exchange-message">
                {mid.slice(0, 8)}
              </a>
            </>
          ))}
        </p>
      ) : null}
      <h4 class="result-sub">{tr(cm.exchanges.lanes)}</h4>
      <Lines exchange={ex} />
    </div>
  );
}

export function ExchangesView({ channel, id }: { channel: ChannelId; id: string | undefined }) {
  const store = useChannels();
  const { tr } = useI18n();
  const data = useObservable(store.data)[channel];
  useEffect(() => () => store.selectExchange(undefined), []);
  return (
    <div class={`cx${id ? ' has-detail' : ''}`} data-testid="exchanges" data-channel={channel}>
      <section class="cx-list" aria-label={tr(cm.exchanges.list)}>
        {data.exchanges.length === 0 ? <p class="muted small">{data.loaded ? tr(cm.exchanges.none) : tr(cm.loading)}</p> : null}
        <ul>
          {data.exchanges.map((exchange) => (
            <Row exchange={exchange} selected={exchange.ID === id} key={exchange.ID} />
          ))}
        </ul>
      </section>
      {id ? <Detail channel={channel} id={id} key={id} /> : <p class="muted small cx-pick">{tr(cm.exchanges.pick)}</p>}
    </div>
  );
}
