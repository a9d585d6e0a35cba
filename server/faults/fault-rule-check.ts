// A fault rule as given (HTTP, CLI, `lab.faults.add()`) checked and completed: a preset filled in,
// defaults set, and every part that makes no sense named at its field, in both languages. A rule
// that cannot fire where it is put (a MAIL FROM pattern at EHLO, a TLS failure at RCPT) is refused
// here rather than silently never firing. No Node imports: the browser checks drafts with it too.
import type { Bilingual } from '../wire/bilingual.js';
import { FAULT_STAGES, type FaultAttempts, type FaultEffect, type FaultLifetime, type FaultMatch, type FaultScope, type FaultStage } from '../wire/faults.js';
import type { FieldErrors } from '../wire/http-errors.js';
import { findPreset } from './fault-presets.js';

export interface CheckedRule {
  name: string;
  preset: string | null;
  stage: FaultStage;
  effect: FaultEffect;
  match: FaultMatch;
  attempts: FaultAttempts;
  lifetime: FaultLifetime;
  enabled: boolean;
}

export type RuleCheck = { ok: true; rule: CheckedRule } | { ok: false; fields: FieldErrors };

const MAX_DELAY_MS = 10 * 60_000;
const MAX_TEXT = 400;
const MAX_PATTERN = 320;
const MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
const LISTENERS = ['smtp', 'smtps', 'submission'];
const MATCH_FIELDS = ['listener', 'user', 'clientAddress', 'helo', 'mailFrom', 'rcptTo'] as const;

/** The first stage at which each match field is known (RFC 5321 §3.3 order of a transaction). */
const KNOWN_FROM: Record<(typeof MATCH_FIELDS)[number], FaultStage> = {
  listener: 'connect',
  clientAddress: 'connect',
  helo: 'helo',
  user: 'auth',
  mailFrom: 'mail',
  rcptTo: 'rcpt',
};

const stageIndex = (stage: FaultStage) => FAULT_STAGES.indexOf(stage);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const wholeIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const numberIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkFaultRule(input: unknown, scope: FaultScope): RuleCheck {
  const fields: FieldErrors = {};
  const fail = (field: string, ru: string, en: string) => {
    fields[field] ??= { ru, en } satisfies Bilingual;
  };
  if (!isRecord(input)) return { ok: false, fields: { rule: { ru: 'Правило — объект JSON', en: 'A rule is a JSON object' } } };

  const presetId = input.preset;
  const preset = typeof presetId === 'string' ? findPreset(presetId) : undefined;
  if (presetId !== undefined && presetId !== null && !preset) fail('preset', `Нет такой заготовки: ${String(presetId)}`, `No such preset: ${String(presetId)}`);

  const stage = (input.stage ?? preset?.stage) as FaultStage | undefined;
  if (stage === undefined) fail('stage', 'Выберите этап диалога', 'Choose a stage of the dialogue');
  else if (!FAULT_STAGES.includes(stage)) fail('stage', `Этап — один из: ${FAULT_STAGES.join(', ')}`, `The stage is one of: ${FAULT_STAGES.join(', ')}`);

  const effect = checkEffect(input.effect ?? preset?.effect, FAULT_STAGES.includes(stage as FaultStage) ? stage : undefined, fail);
  const attempts = checkAttempts(input.attempts ?? preset?.attempts ?? { kind: 'every' }, stage, fail);
  const match = checkMatch(input.match ?? preset?.match ?? {}, stage, fail);
  const lifetime = checkLifetime(input.lifetime ?? {}, fail);

  if (scope.kind === 'test' && stage && stageIndex(stage) < stageIndex('helo') && match && !match.clientAddress)
    fail(
      'stage',
      `Правило теста узнаёт свои сессии по имени в EHLO, а этап «${stage}» раньше EHLO: добавьте правило без области теста или укажите адрес клиента`,
      `A test's rule knows its sessions by their EHLO name, and stage "${stage}" comes before EHLO: add the rule without the test's scope, or match the client address`,
    );
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') fail('enabled', 'Включено — true или false', 'Enabled is true or false');
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 100 || CONTROL.test(input.name)))
    fail('name', 'Имя — строка до 100 символов', 'The name is a string of up to 100 characters');

  if (Object.keys(fields).length > 0 || !stage || !effect || !attempts || !match || !lifetime) return { ok: false, fields };
  const name = typeof input.name === 'string' && input.name.trim() !== '' ? input.name.trim() : defaultName(preset?.id, stage, effect);
  return { ok: true, rule: { name, preset: preset?.id ?? null, stage, effect, match, attempts, lifetime, enabled: input.enabled !== false } };
}

function defaultName(presetId: string | undefined, stage: FaultStage, effect: FaultEffect): string {
  if (presetId) return presetId;
  const what = effect.kind === 'reply' ? `${effect.code}${effect.enhanced ? ` ${effect.enhanced}` : ''}` : effect.kind;
  return `${what} at ${stage}`;
}

type Fail = (field: string, ru: string, en: string) => void;

function checkEffect(value: unknown, stage: FaultStage | undefined, fail: Fail): FaultEffect | undefined {
  if (!isRecord(value)) {
    fail(
      'effect',
      'Выберите действие: ответ, задержка, разрыв, замедление или сбой TLS',
      'Choose an effect: a reply, a delay, a disconnect, a throttle or a TLS failure',
    );
    return undefined;
  }
  const delay = (field: string, v: unknown): number | undefined => {
    if (v === undefined) return undefined;
    if (!wholeIn(v, 0, MAX_DELAY_MS))
      fail(field, 'Задержка — целое число миллисекунд от 0 до 600000', 'The delay is a whole number of milliseconds from 0 to 600000');
    return v as number;
  };
  switch (value.kind) {
    case 'reply': {
      const { code, enhanced, text } = value;
      if (!wholeIn(code, 400, 599))
        fail(
          'effect.code',
          'Код ответа — от 400 до 599 (4xx — временная ошибка, 5xx — окончательная)',
          'The reply code is from 400 to 599 (4xx transient, 5xx permanent)',
        );
      // RFC 3463 §2: the enhanced code's class is the reply's (4.x.x with 4yz, 5.x.x with 5yz).
      if (enhanced !== undefined && enhanced !== '') {
        if (typeof enhanced !== 'string' || !/^[45]\.\d{1,3}\.\d{1,3}$/.test(enhanced))
          fail('effect.enhanced', 'Расширенный код — вида 4.2.2 или 5.1.1 (RFC 3463)', 'The enhanced code looks like 4.2.2 or 5.1.1 (RFC 3463)');
        else if (typeof code === 'number' && enhanced[0] !== String(code)[0])
          fail(
            'effect.enhanced',
            `Класс расширенного кода должен совпадать с кодом ${code} (RFC 3463 §2)`,
            `The enhanced code's class must match the code ${code} (RFC 3463 §2)`,
          );
      }
      if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT || CONTROL.test(text))
        fail('effect.text', 'Текст ответа — одна непустая строка до 400 символов', "The reply's text is one non-empty line of up to 400 characters");
      if (stage === 'connect')
        fail(
          'stage',
          'Ответ вместо приветствия — это этап «greeting»; на этапе «connect» — задержка, разрыв, замедление или сбой TLS',
          'A reply instead of the greeting is stage "greeting"; at "connect": a delay, a disconnect, a throttle or a TLS failure',
        );
      const delayMs = delay('effect.delayMs', value.delayMs);
      return {
        kind: 'reply',
        code: code as number,
        ...(typeof enhanced === 'string' && enhanced !== '' ? { enhanced } : {}),
        text: String(text ?? '').trim(),
        ...(delayMs ? { delayMs } : {}),
      };
    }
    case 'delay':
      if (!wholeIn(value.ms, 1, MAX_DELAY_MS))
        fail('effect.ms', 'Задержка — целое число миллисекунд от 1 до 600000', 'The delay is a whole number of milliseconds from 1 to 600000');
      return { kind: 'delay', ms: value.ms as number };
    case 'disconnect': {
      const delayMs = delay('effect.delayMs', value.delayMs);
      return { kind: 'disconnect', ...(delayMs ? { delayMs } : {}) };
    }
    case 'throttle':
      if (!wholeIn(value.bytesPerSecond, 1, 10_000_000))
        fail(
          'effect.bytesPerSecond',
          'Скорость — целое число байт в секунду от 1 до 10000000',
          'The rate is a whole number of bytes a second from 1 to 10000000',
        );
      return { kind: 'throttle', bytesPerSecond: value.bytesPerSecond as number };
    case 'tls-failure':
      if (stage && stage !== 'connect' && stage !== 'starttls')
        fail(
          'stage',
          'Сбой TLS бывает при подключении (порт с TLS сразу) или на STARTTLS',
          'A TLS failure happens at connect (an implicit-TLS port) or at STARTTLS',
        );
      return { kind: 'tls-failure' };
    default:
      fail('effect.kind', 'Действие — reply, delay, disconnect, throttle или tls-failure', 'The effect is reply, delay, disconnect, throttle or tls-failure');
      return undefined;
  }
}

function checkAttempts(value: unknown, stage: FaultStage | undefined, fail: Fail): FaultAttempts | undefined {
  if (!isRecord(value)) {
    fail('attempts', 'Попытки — объект с полем kind', 'Attempts are an object with a kind');
    return undefined;
  }
  const n = () => {
    if (!wholeIn(value.n, 1, 1_000_000)) fail('attempts.n', 'N — целое число от 1', 'N is a whole number from 1');
    return value.n as number;
  };
  switch (value.kind) {
    case 'every':
      return { kind: 'every' };
    case 'nth':
      return { kind: 'nth', n: n() };
    case 'first':
      return { kind: 'first', n: n() };
    case 'every-nth':
      return { kind: 'every-nth', n: n() };
    case 'probability': {
      if (!numberIn(value.percent, 0, 100) || value.percent === 0)
        fail('attempts.percent', 'Вероятность — больше 0 и до 100 %', 'The probability is above 0 and up to 100 %');
      // Deterministic unless randomness is asked for (seed: null).
      const seed = value.seed === undefined ? 1 : value.seed;
      if (seed !== null && !wholeIn(seed, 0, 2 ** 32 - 1))
        fail('attempts.seed', 'Зерно — целое число от 0 или null (случайно)', 'The seed is a whole number from 0, or null (random)');
      return { kind: 'probability', percent: value.percent as number, seed: seed as number | null };
    }
    case 'greylist':
      if (!numberIn(value.retryAfterSeconds, 0, 86_400))
        fail('attempts.retryAfterSeconds', 'Повтор принимается через 0–86400 секунд', 'A retry is accepted after 0 to 86400 seconds');
      if (stage && stage !== 'rcpt' && stage !== 'data' && stage !== 'body')
        fail(
          'attempts.kind',
          'Грейлистинг знает тройку «клиент, отправитель, получатель» начиная с RCPT TO',
          'Greylisting knows its client/sender/recipient triplet from RCPT TO on',
        );
      return { kind: 'greylist', retryAfterSeconds: value.retryAfterSeconds as number };
    default:
      fail(
        'attempts.kind',
        'Попытки — every, nth, first, every-nth, probability или greylist',
        'Attempts are every, nth, first, every-nth, probability or greylist',
      );
      return undefined;
  }
}

function checkMatch(value: unknown, stage: FaultStage | undefined, fail: Fail): FaultMatch | undefined {
  if (!isRecord(value)) {
    fail('match', 'Условие — объект', 'The match is an object');
    return undefined;
  }
  const match: FaultMatch = {};
  for (const field of MATCH_FIELDS) {
    const v = value[field];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || v.length > MAX_PATTERN || CONTROL.test(v)) {
      fail(`match.${field}`, 'Строка до 320 символов', 'A string of up to 320 characters');
      continue;
    }
    if (field === 'listener' && !LISTENERS.includes(v))
      fail('match.listener', `Слушатель — один из: ${LISTENERS.join(', ')}`, `The listener is one of: ${LISTENERS.join(', ')}`);
    if (stage && stageIndex(stage) < stageIndex(KNOWN_FROM[field]))
      fail(
        `match.${field}`,
        `На этапе «${stage}» это ещё неизвестно: правило никогда не сработает`,
        `This is not known yet at stage "${stage}": the rule would never fire`,
      );
    match[field] = v.trim();
  }
  return match;
}

function checkLifetime(value: unknown, fail: Fail): FaultLifetime | undefined {
  if (!isRecord(value)) {
    fail('lifetime', 'Срок — объект', 'The lifetime is an object');
    return undefined;
  }
  const lifetime: FaultLifetime = {};
  if (value.firings !== undefined && value.firings !== null) {
    if (!wholeIn(value.firings, 1, 1_000_000)) fail('lifetime.firings', 'Число срабатываний — целое от 1', 'The firings are a whole number from 1');
    lifetime.firings = value.firings as number;
  }
  if (value.seconds !== undefined && value.seconds !== null) {
    if (!numberIn(value.seconds, 0.001, MAX_LIFETIME_SECONDS))
      fail('lifetime.seconds', 'Время жизни — от 0 до 604800 секунд', 'The lifetime is from 0 to 604800 seconds');
    lifetime.seconds = value.seconds as number;
  }
  return lifetime;
}

/** `*` stands for any run of characters; the rest compares as is, case-insensitively. */
export function patternMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(value);
}
