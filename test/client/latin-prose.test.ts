// The guard of "every text a student reads is Russian" (issue 8): it finds the English the
// student met, and lets through what a Russian text may hold in Latin letters — protocol
// tokens, codes, commands, flags, identifiers, names and what is quoted verbatim.
import { describe, expect, it } from 'vitest';
import { latinProse, withoutDialogueLines } from '../helpers/latin-prose.js';

const words = (text: string) => latinProse(text).map((finding) => finding.word);

describe('latinProse', () => {
  it.each([
    ['12:00:01 письмо ciZe8sqyg7MglbIyHnl5rw от a@b.c → ops@lab.local "x" (185 B, session 3q0aQm6QbK7o4CU1EwC0rw)', ['B', 'session']],
    ['      хранить письма [по умолчанию: (memory)]', ['memory']],
    ['где хранится сертификат [по умолчанию: <data-dir>/tls or ~/.config/smtp-lab/tls]', ['or']],
    ['  --host <value>   SMTP_LAB_HOST', ['value']],
    ['Не хватает: MAIL FROM — Secure connection established to 127.0.0.1:1465', ['Secure', 'connection', 'established', 'to']],
    ["smtp-lab integration: Unknown option '--bogus'", ['Unknown', 'option']],
    ['Состояние: В эфире · Live', ['Live']],
  ])('finds the English in %s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    'AUTH отправлена, но отклонена с кодом 535: «535-5.7.8 Username and Password not accepted. For more information, go to»',
    'Выполните smtp-lab integration set --password ПАРОЛЬ_ПРИЛОЖЕНИЯ, затем отправьте снова: smtp-lab send-test --to АДРЕС.',
    'Подробности: nodemailer, код EAUTH, шаг AUTH PLAIN; порт 1465 — «SSL/TLS», профиль gmail',
    'Команда пишется MAIL FROM: — с пробелом: MAIL FROM:<alerts@plant.example>; RFC 5321 §4.1.1.2, 2.6.0',
    'напечатать результат в JSON: { ok, message, reply, explanation, clientLog, sessionId }',
    'сессия a6egb4boeamsoj9q, пароль приложения ID «FilpGlyO», https://support.google.com/mail/?p=BadCredentials',
    '  --data-dir <каталог>  SMTP_LAB_DATA_DIR [по умолчанию: нет: только в памяти]',
  ])('lets through %s', (text) => {
    expect(words(text)).toEqual([]);
  });

  it('leaves out the lines of the SMTP dialogue itself', () => {
    const text = 'Ответ сервера:\n  ← 535 5.7.8 Username and Password not accepted\n  → AUTH PLAIN ••••••••\nПричина: пароль';
    expect(words(withoutDialogueLines(text))).toEqual([]);
    expect(words(text)).not.toEqual([]);
  });
});
