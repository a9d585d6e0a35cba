// The running objects, each with its state as it is now, and the form that creates one. An
// object's row is a link: /automaton/{id} selects it (its controls, chart and log, and its
// state on the diagram).
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { zm } from './automaton-messages.js';
import { useAutomatonPage } from './automaton-page.js';
import { ObjectCreate } from './object-create.js';
import { Card } from './ui-bits.js';

export function stateLabel(object: ObjectSnapshot, tr: <T>(t: { ru: T; en: T }) => T): string {
  if (!object.state) return tr(zm.objects.noState);
  return object.state.name || object.state.id;
}

function ObjectRow({ object, selected }: { object: ObjectSnapshot; selected: boolean }) {
  const { router } = useServices();
  const { tr } = useI18n();
  return (
    <li class={`z-orow${selected ? ' is-selected' : ''}`} data-testid="object-row" data-id={object.id} data-state={object.state?.id ?? ''}>
      <a class="z-orow-link" {...linkProps(router, { tab: 'automaton', id: object.id })} aria-current={selected ? 'true' : undefined}>
        <span class="z-orow-id">{object.id}</span>
        <span class="chip">{tr(zm.objects.sourceShort[object.source])}</span>
        <span class="z-orow-state" data-testid="object-row-state" translate={object.state ? false : undefined}>
          {stateLabel(object, tr)}
        </span>
        {object.finished ? <span class="chip">{tr(zm.objects.finished)}</span> : object.paused ? <span class="chip">{tr(zm.objects.paused)}</span> : null}
        {object.mqtt ? (
          <span class={`chip ${object.mqtt.connected ? 'chip-ok' : ''}`}>{object.mqtt.connected ? tr(zm.objects.connected) : tr(zm.objects.disconnected)}</span>
        ) : null}
      </a>
      <span class="z-orow-automaton small muted" translate={false}>
        {object.automaton.name}
      </span>
    </li>
  );
}

export function ObjectsPanel({ selectedId }: { selectedId: string | undefined }) {
  const { tr } = useI18n();
  const { router } = useServices();
  const { stores } = useAutomatonPage();
  const state = useObservable(stores.objects.state);
  return (
    <Card id="z-objects" title={tr(zm.objects.title)} testId="objects-panel">
      {state.error ? <p class="error small">{tr(zm.loadFailed)(tr(state.error))}</p> : null}
      {state.unknownClients.length > 0 ? (
        <ul class="z-unknown small" data-testid="unknown-clients">
          {state.unknownClients
            .filter((c) => !state.objects.some((o) => o.id === c.clientId))
            .map((c) => (
              <li class="notice" key={c.clientId}>
                {tr(zm.objects.unknownClient)(c.clientId, c.topic)}
              </li>
            ))}
        </ul>
      ) : null}
      {state.objects.length === 0 ? (
        <p class="muted small">{tr(zm.objects.none)}</p>
      ) : (
        <ul class="z-list z-objects" aria-label={tr(zm.objects.listLabel)} data-testid="object-list">
          {state.objects.map((o) => (
            <ObjectRow object={o} selected={o.id === selectedId} key={o.id} />
          ))}
        </ul>
      )}
      <ObjectCreate onCreated={(id) => router.navigate({ tab: 'automaton', id })} />
    </Card>
  );
}
