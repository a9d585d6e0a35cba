// The selected object: its state, clock, values, timers and feed as they are now; play, pause and
// speed (not for an MQTT object, which lives in real time); the simulator's knobs while it runs;
// telemetry typed in and custom events; and the mosquitto_pub command that publishes to it, to
// copy.
import { useEffect, useState } from 'preact/hooks';
import { parseEvent } from '../../../lab/automaton/events.js';
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import type { AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { sentence } from '../i18n/sentence.js';
import { fieldErrors } from './automaton-errors.js';
import { zm } from './automaton-messages.js';
import { zc } from './channel-messages.js';
import { useAccount, useAutomatonPage } from './automaton-page.js';
import { KnobFields } from './knob-fields.js';
import { changedKnobs, knobsFromTexts, knobTexts, mosquittoCommand, typedValue, type KnobTexts } from './object-draft.js';
import { stateLabel } from './objects-panel.js';
import { CopyButton, StatusLine, useRun } from './ui-bits.js';

const SPEEDS = [1, 10, 60, 100, 1000];

function Controls({ object }: { object: ObjectSnapshot }) {
  const { tr, number } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const action = useRun();
  const [speed, setSpeed] = useState(String(object.speed));
  useEffect(() => setSpeed(String(object.speed)), [object.id, object.speed]);
  if (object.realTime || object.source === 'mqtt')
    return (
      <p class="small muted" data-testid="real-time">
        {tr(zm.object.realTime)}
      </p>
    );
  const control = (request: Parameters<typeof stores.objects.control>[1]) =>
    action.run(() => stores.objects.control(object.id, request)).catch(() => undefined);
  return (
    <div class="z-controls" data-testid="controls">
      <button
        type="button"
        class="btn"
        disabled={!account || action.busy || object.finished}
        onClick={() => control(object.paused ? { action: 'resume' } : { action: 'pause' })}
        data-testid={object.paused ? 'resume' : 'pause'}
      >
        {object.paused ? `▶ ${tr(zm.object.resume)}` : `❚❚ ${tr(zm.object.pause)}`}
      </button>
      <label class="z-inline" for="z-speed">
        {tr(zm.objects.speed)}
      </label>
      <input
        id="z-speed"
        class="input z-narrow"
        type="text"
        inputMode="decimal"
        list="z-speeds"
        value={speed}
        disabled={!account}
        onInput={(e) => setSpeed((e.currentTarget as HTMLInputElement).value)}
        data-testid="speed"
      />
      <datalist id="z-speeds">
        {SPEEDS.map((s) => (
          <option value={String(s)} key={s} />
        ))}
      </datalist>
      <button
        type="button"
        class="btn"
        disabled={!account || action.busy}
        onClick={() => control({ action: 'speed', speed: Number(speed.replace(',', '.')) })}
        data-testid="apply-speed"
      >
        {tr(zm.object.setSpeed)}
      </button>
      <span class="chip" data-testid="speed-now">
        {tr(zm.object.speedNow)(number(object.speed))}
      </span>
      <StatusLine status={action.status} />
    </div>
  );
}

function Knobs({ object }: { object: ObjectSnapshot }) {
  const { tr, lang } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const action = useRun();
  const base = object.feed?.knobs;
  const [texts, setTexts] = useState<KnobTexts | undefined>(base ? knobTexts(base) : undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setTexts(base ? knobTexts(base) : undefined);
    setErrors({});
  }, [object.id]);
  if (!base || !texts) return null;
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const changes = changedKnobs(base, knobsFromTexts(texts));
    if (Object.keys(changes).length === 0) return;
    try {
      await action.run(() => stores.objects.knobs(object.id, changes), zm.done);
      setErrors({});
    } catch (err) {
      const placed: Record<string, string> = {};
      for (const [key, text] of Object.entries(fieldErrors(err))) placed[key.replace(/^knobs\./, '')] = sentence(text[lang]);
      setErrors(placed);
    }
  };
  return (
    <form class="z-sub" noValidate onSubmit={onSubmit} aria-labelledby="z-knobs-title" data-testid="knobs-form">
      <h3 class="sub-title" id="z-knobs-title">
        {tr(zm.object.knobs)}
      </h3>
      <p class="small muted">{tr(zm.object.knobsHint)}</p>
      <fieldset class="z-fieldset" disabled={!account}>
        <KnobFields idPrefix="z-knob" texts={texts} onChange={setTexts} errors={errors} parameters={[]} />
        <div class="form-actions">
          <button type="submit" class="btn" disabled={action.busy} data-testid="apply-knobs">
            {tr(zm.object.applyKnobs)}
          </button>
          <StatusLine status={action.status} />
        </div>
      </fieldset>
    </form>
  );
}

function Telemetry({ object, onPick }: { object: ObjectSnapshot; onPick(parameter: string, value: string): void }) {
  const { tr, lang } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const action = useRun();
  const params = object.values;
  const first = params.find((v) => v.dataType === 'number') ?? params[0];
  const [parameter, setParameter] = useState(first?.parameter ?? '');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setParameter(first?.parameter ?? '');
    setValue('');
  }, [object.id]);
  useEffect(() => onPick(parameter, value), [parameter, value]);
  const chosen = params.find((v) => v.parameter === parameter);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!parameter.trim()) return;
    if (value.trim() === '') {
      setError(tr(zm.object.valueMissing));
      document.getElementById('z-tel-value')?.focus();
      return;
    }
    setError(undefined);
    try {
      await action.run(() => stores.objects.telemetry(object.id, { [parameter.trim()]: typedValue(value, chosen?.dataType) }), zm.object.sent);
    } catch (err) {
      const fields = fieldErrors(err);
      const text = fields[`values.${parameter}`] ?? fields[parameter] ?? fields.values;
      if (text) setError(sentence(text[lang]));
    }
  };
  return (
    <form class="z-sub" noValidate onSubmit={onSubmit} aria-labelledby="z-tel-title" data-testid="telemetry-form">
      <h3 class="sub-title" id="z-tel-title">
        {tr(zm.object.telemetry)}
      </h3>
      <p class="small muted">{tr(zm.object.telemetryHint)}</p>
      <fieldset class="z-fieldset" disabled={!account}>
        <div class="z-tel">
          <div class="field">
            <label class="field-label" for="z-tel-param">
              {tr(zm.object.parameter)}
            </label>
            <input
              id="z-tel-param"
              class="input z-mono"
              type="text"
              list="z-tel-params"
              autocomplete="off"
              spellcheck={false}
              value={parameter}
              onInput={(e) => setParameter((e.currentTarget as HTMLInputElement).value)}
              data-testid="telemetry-parameter"
            />
            <datalist id="z-tel-params" translate={false}>
              {params.map((p) => (
                <option value={p.parameter} key={p.parameter}>
                  {p.name}
                </option>
              ))}
            </datalist>
          </div>
          <div class={`field${error ? ' has-error' : ''}`}>
            <label class="field-label" for="z-tel-value">
              {tr(zm.object.value)}
              {chosen?.unitText ? <span class="field-aside"> · {chosen.unitText}</span> : null}
            </label>
            <input
              id="z-tel-value"
              class="input z-mono"
              type="text"
              autocomplete="off"
              spellcheck={false}
              value={value}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? 'z-tel-error' : undefined}
              onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
              data-testid="telemetry-value"
            />
          </div>
          <button type="submit" class="btn btn-primary z-tel-send" disabled={action.busy} data-testid="send-telemetry">
            {tr(zm.object.send)}
          </button>
        </div>
        {error ? (
          <p class="field-error" id="z-tel-error" data-testid="telemetry-error">
            {error}
          </p>
        ) : null}
        <StatusLine status={action.status} testId="telemetry-status" />
      </fieldset>
    </form>
  );
}

function EventForm({ object, entry }: { object: ObjectSnapshot; entry: AutomatonEntry | undefined }) {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const action = useRun();
  const custom = [
    ...new Set(
      (entry?.automaton.transitions ?? []).map((t) => t.event).filter((e) => ['custom', 'geofence-enter', 'geofence-leave'].includes(parseEvent(e).kind)),
    ),
  ];
  const [event, setEvent] = useState('');
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!event.trim()) return;
    void action.run(() => stores.objects.fire(object.id, event.trim()), zm.object.fired).catch(() => undefined);
  };
  return (
    <form class="z-sub" noValidate onSubmit={onSubmit} aria-labelledby="z-ev-title" data-testid="event-form">
      <h3 class="sub-title" id="z-ev-title">
        {tr(zm.object.event)}
      </h3>
      <p class="small muted">{tr(zm.object.eventHint)}</p>
      <fieldset class="z-fieldset" disabled={!account}>
        <div class="z-tel is-two">
          <div class="field">
            <label class="field-label" for="z-ev-name">
              {tr(zm.object.eventName)}
            </label>
            <input
              id="z-ev-name"
              class="input z-mono"
              type="text"
              list="z-ev-names"
              autocomplete="off"
              spellcheck={false}
              value={event}
              onInput={(e) => setEvent((e.currentTarget as HTMLInputElement).value)}
              data-testid="event-name"
            />
            <datalist id="z-ev-names" translate={false}>
              {[...custom, 'geofence-enter', 'geofence-leave']
                .filter((v, i, all) => all.indexOf(v) === i)
                .map((name) => (
                  <option value={name} key={name} />
                ))}
            </datalist>
          </div>
          <button type="submit" class="btn z-tel-send" disabled={action.busy} data-testid="fire-event">
            {tr(zm.object.fire)}
          </button>
        </div>
        <StatusLine status={action.status} />
      </fieldset>
    </form>
  );
}

function MqttCommand({ object, parameter, value }: { object: ObjectSnapshot; parameter: string; value: string }) {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const mqtt = useObservable(stores.objects.state).mqtt;
  const current = object.values.find((v) => v.parameter === parameter);
  const shown = value.trim() || (current?.value !== null && current?.value !== undefined ? String(current.value) : '23');
  return (
    <section class="z-sub" aria-labelledby="z-mqtt-title" data-testid="mqtt-command">
      <h3 class="sub-title" id="z-mqtt-title">
        {tr(zm.object.mqtt)}
      </h3>
      {object.source !== 'mqtt' ? (
        <p class="small muted" data-testid="mqtt-not-mqtt">
          {tr(zm.object.mqttOnlyForMqtt)(tr(zm.objects.sourceShort[object.source]))}
        </p>
      ) : !mqtt ? null : !mqtt.enabled ? (
        <p class="small notice">{tr(zm.object.mqttOff)}</p>
      ) : (
        <>
          <p class="small muted">{tr(zm.object.mqttHint)}</p>
          <div class="z-command">
            <code class="z-command-text" data-testid="mqtt-command-text" aria-label={tr(zm.object.commandLabel)}>
              {mosquittoCommand(mqtt, window.location.hostname, object.id, parameter || 'temperature', shown)}
            </code>
            <CopyButton text={mosquittoCommand(mqtt, window.location.hostname, object.id, parameter || 'temperature', shown)} testId="copy-mqtt-command" />
          </div>
          {object.mqtt ? (
            <p class="small" data-testid="mqtt-status" data-connected={object.mqtt.connected ? 'true' : 'false'}>
              <span class={`chip ${object.mqtt.connected ? 'chip-ok' : ''}`}>
                {object.mqtt.connected ? tr(zm.objects.connected) : tr(zm.objects.disconnected)}
              </span>
              {object.mqtt.lastTopic ? (
                <span class="muted z-wrap"> {tr(zm.object.lastMessage)(object.mqtt.lastTopic, object.mqtt.lastPayload ?? '')}</span>
              ) : null}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ObjectDetail({ object, entry }: { object: ObjectSnapshot; entry: AutomatonEntry | undefined }) {
  const { tr, dateTime, number } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const [pick, setPick] = useState<{ parameter: string; value: string }>({ parameter: '', value: '' });
  const feed = object.feed;
  return (
    <div class="z-detail" data-testid="object-detail" data-id={object.id}>
      <div class="z-detail-head">
        <p class="z-state-now">
          <span class="muted small">{tr(zm.object.state)}</span>{' '}
          <strong data-testid="object-state" data-state={object.state?.id ?? ''} translate={object.state ? false : undefined}>
            {stateLabel(object, tr)}
          </strong>
          {object.finished ? <span class="chip">{tr(zm.objects.finished)}</span> : null}
          {object.paused ? <span class="chip">{tr(zm.objects.paused)}</span> : null}
        </p>
        {account ? (
          <ConfirmButton
            label={tr(zm.remove)}
            question={tr(zm.objects.removeQuestion)}
            confirm={tr(zm.yes)}
            cancel={tr(zm.cancel)}
            onConfirm={() => stores.objects.remove(object.id).catch(() => undefined)}
            testId="remove-object"
          />
        ) : null}
      </div>
      <dl class="z-facts small">
        <dt>{tr(zm.objects.automaton)}</dt>
        <dd translate={false}>{object.automaton.name}</dd>
        {object.model ? (
          <>
            <dt>{tr(zm.objects.model)}</dt>
            <dd translate={false}>{object.model.name}</dd>
          </>
        ) : null}
        <dt>{tr(zm.objects.source)}</dt>
        <dd>{tr(zm.objects.sourceShort[object.source])}</dd>
        <dt>{tr(zm.object.clock)}</dt>
        <dd data-testid="object-clock">{dateTime(object.objectTime)}</dd>
        {feed ? (
          <>
            <dt>{tr(zm.object.feed)}</dt>
            <dd>
              {tr(zm.object.feedState[feed.state])}
              {feed.progress !== null ? ` · ${tr(zm.object.progress)(`${Math.round(feed.progress * 100)} %`)}` : ''}
              {feed.seed !== null ? ` · ${tr(zm.object.seedIs)(feed.seed)}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <table class="z-values small" data-testid="object-values">
        <caption class="sr-only">{tr(zm.object.values)}</caption>
        <tbody>
          {object.values.map((v) => (
            <tr data-parameter={v.parameter} key={v.parameter}>
              <th scope="row">
                <code>{v.parameter}</code>
                {v.name && v.name !== v.parameter ? (
                  <span class="muted" translate={false}>
                    {' '}
                    {v.name}
                  </span>
                ) : null}
              </th>
              <td data-testid="object-value">{v.text ?? <span class="muted">{tr(zm.object.noValue)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {object.timers.length > 0 ? (
        <p class="small" data-testid="object-timers">
          <span class="muted">{tr(zm.object.timers)}:</span>{' '}
          {object.timers.map((t) => tr(zm.object.timerLeft)(t.timer, number(Math.ceil(t.remainingMs / 1000)))).join(' · ')}
        </p>
      ) : null}
      <p class="small muted" data-testid="object-counts">
        {tr(zm.object.counts)(object.counts.telemetry, object.counts.transitions, object.counts.mailsSent, object.counts.mailsFailed)}
        {object.counts.channelAlertsSent + object.counts.channelAlertsFailed > 0
          ? ` · ${tr(zc.alert.counts)(object.counts.channelAlertsSent, object.counts.channelAlertsFailed)}`
          : ''}
      </p>
      <Controls object={object} />
      <Telemetry object={object} onPick={(parameter, value) => setPick({ parameter, value })} />
      <MqttCommand object={object} parameter={pick.parameter} value={pick.value} />
      {object.source === 'simulator' ? <Knobs object={object} /> : null}
      <EventForm object={object} entry={entry} />
    </div>
  );
}
