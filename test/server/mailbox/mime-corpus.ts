// The corpus of mime-outline.test.ts: varied messages, built with nodemailer's MailComposer the way
// applications send them and written by hand the way odd or older clients do, each with what a
// reader sees in it (the attachment count, the start of the body text).
import { encode as qpEncode } from 'libqp';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { encodeSingleByte, encodedWord } from '../../helpers/legacy-charset.js';

export interface MimeCase {
  name: string;
  build: () => Promise<Buffer>;
  /** Attachments a reader sees (not the inline images of the HTML). */
  attachments: number;
  /** Inline (related) parts. */
  inline?: number;
  /** A phrase the body text (and so the snippet) begins with or contains. */
  snippet: string;
  subject?: string;
  /** The body holds a forwarded message (inline message/rfc822) right after `snippet`. */
  snippetStopsAtEmbeddedMessage?: boolean;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]), Buffer.from('\n%%EOF\n')]);

function compose(mail: MailComposerOptions): () => Promise<Buffer> {
  return () =>
    new MailComposer({
      from: '"Лаборатория" <lab@lab.test>',
      to: 'Студент <student@lab.test>',
      date: new Date('2025-03-01T10:00:00Z'),
      messageId: '<corpus@lab.test>',
      ...mail,
    })
      .compile()
      .build();
}

type Encoding = '8bit' | 'base64' | 'quoted-printable';

function encodeBody(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'base64') return Buffer.from(body.toString('base64').replace(/.{76}/g, '$&\r\n'));
  if (encoding === 'quoted-printable') return Buffer.from(qpEncode(body));
  return body;
}

/** A MIME part written by hand: nodemailer re-encodes text parts as UTF-8 otherwise. */
function rawPart(contentType: string, encoding: Encoding, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`Content-Type: ${contentType}\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`), encodeBody(body, encoding)]);
}

/** A single-part message in a legacy charset, subject and body alike, as old Russian clients send. */
function legacyMessage(charset: string, encoding: Encoding, subject: string, text: string): () => Promise<Buffer> {
  return async () =>
    Buffer.concat([
      Buffer.from(
        [
          'From: =?utf-8?B?0JvQsNCx0L7RgNCw0YLQvtGA0LjRjw==?= <lab@lab.test>',
          'To: student@lab.test',
          `Subject: ${encodedWord(subject, charset)}`,
          'MIME-Version: 1.0',
          `Content-Type: text/plain; charset=${charset}`,
          `Content-Transfer-Encoding: ${encoding}`,
          '',
          '',
        ].join('\r\n'),
      ),
      encodeBody(encodeSingleByte(text, charset), encoding),
      Buffer.from('\r\n'),
    ]);
}

/** A hand-written message: lines joined with CRLF unless told otherwise. */
function handWritten(lines: string[], eol = '\r\n'): () => Promise<Buffer> {
  return async () => Buffer.from(lines.join(eol), 'utf8');
}

const koi8Text = 'Авария на насосной станции: давление 9,5 бар';
const cp1251Text = 'Тревога: температура в серверной 41 °C';

const embeddedMessage = [
  'From: Inner <inner@lab.test>',
  'To: student@lab.test',
  'Subject: the forwarded alert',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Inner body text of the forwarded alert.',
  '',
].join('\r\n');

export const corpus: MimeCase[] = [
  {
    name: 'plain text, UTF-8 Russian, quoted-printable',
    build: compose({ subject: 'Проверка связи', text: 'Привет! Это тестовое письмо из лабораторной.\nВторая строка.' }),
    attachments: 0,
    snippet: 'Привет! Это тестовое письмо из лабораторной. Вторая строка.',
    subject: 'Проверка связи',
  },
  {
    name: 'multipart/alternative text + HTML',
    build: compose({ subject: 'Alt', text: 'Text version of the alert.', html: '<p>HTML <b>version</b> of the alert.</p>' }),
    attachments: 0,
    snippet: 'Text version of the alert.',
  },
  {
    name: 'HTML only',
    build: compose({ subject: 'HTML only', html: '<p>Only HTML here, nothing else.</p>' }),
    attachments: 0,
    snippet: 'Only HTML here, nothing else.',
  },
  {
    name: 'attachments: binary PDF and a text/plain file',
    build: compose({
      subject: 'Report',
      text: 'See the attached report.',
      attachments: [
        { filename: 'report.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'notes.txt', content: 'plain notes\n', contentType: 'text/plain' },
      ],
    }),
    attachments: 2,
    snippet: 'See the attached report.',
  },
  {
    name: 'inline cid image beside HTML, plus one attachment',
    build: compose({
      subject: 'Logo',
      text: 'Logo inside.',
      html: '<p>Logo inside: <img src="cid:logo@lab"></p>',
      attachments: [
        { filename: 'logo.png', content: PNG, cid: 'logo@lab' },
        { filename: 'data.csv', content: 'a,b\n1,2\n', contentType: 'text/csv' },
      ],
    }),
    attachments: 1,
    inline: 1,
    snippet: 'Logo inside.',
  },
  {
    name: 'koi8-r body (8bit) and koi8-r encoded-word subject',
    build: legacyMessage('koi8-r', '8bit', 'Авария: насос', koi8Text),
    attachments: 0,
    snippet: koi8Text,
    subject: 'Авария: насос',
  },
  {
    name: 'windows-1251 body (base64) and windows-1251 encoded-word subject',
    build: legacyMessage('windows-1251', 'base64', 'Тревога в серверной', cp1251Text),
    attachments: 0,
    snippet: cp1251Text,
    subject: 'Тревога в серверной',
  },
  {
    name: 'windows-1251 HTML (quoted-printable) beside koi8-r text',
    build: compose({
      subject: 'Две кодировки',
      text: { raw: rawPart('text/plain; charset=koi8-r', '8bit', encodeSingleByte(koi8Text, 'koi8-r')) },
      html: { raw: rawPart('text/html; charset=windows-1251', 'quoted-printable', encodeSingleByte(`<p>${cp1251Text}</p>`, 'windows-1251')) },
    }),
    attachments: 0,
    snippet: koi8Text,
    subject: 'Две кодировки',
  },
  {
    name: 'encoded-word subject (Q, split over two words) and encoded display names',
    build: handWritten([
      'From: =?utf-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@lab.test>',
      'To: =?utf-8?Q?=D0=9C=D0=B0=D1=80=D0=B8=D1=8F?= <maria@lab.test>, plain@lab.test',
      'Cc: Team: a@lab.test, "B, Person" <b@lab.test>;',
      'Subject: =?utf-8?Q?=D0=9E=D1=82=D1=87=D1=91=D1=82_?=',
      ' =?utf-8?Q?=D0=B7=D0=B0_=D0=BC=D0=B0=D1=80=D1=82?=',
      'Message-ID: <q@lab.test>',
      '',
      'Body of the encoded-word mail.',
      '',
    ]),
    attachments: 0,
    snippet: 'Body of the encoded-word mail.',
    subject: 'Отчёт за март',
  },
  {
    name: 'message/rfc822 attachment (nodemailer default: inline disposition)',
    build: compose({
      subject: 'Forward',
      text: 'Forwarded below.',
      attachments: [{ filename: 'alert.eml', content: embeddedMessage, contentType: 'message/rfc822' }],
    }),
    attachments: 0,
    snippet: 'Forwarded below.',
    snippetStopsAtEmbeddedMessage: true,
  },
  {
    name: 'message/rfc822 attachment with Content-Disposition: attachment',
    build: compose({
      subject: 'Forward as file',
      text: 'Forwarded as a file.',
      attachments: [{ filename: 'alert.eml', content: embeddedMessage, contentType: 'message/rfc822', contentDisposition: 'attachment' }],
    }),
    attachments: 1,
    snippet: 'Forwarded as a file.',
  },
  {
    name: 'attachment with an RFC 2231 filename (long, non-ASCII)',
    build: compose({
      subject: 'Отчёт',
      text: 'Отчёт во вложении.',
      attachments: [{ filename: 'Отчёт о работе насосной станции за первый квартал 2025 года.pdf', content: PDF }],
    }),
    attachments: 1,
    snippet: 'Отчёт во вложении.',
  },
  {
    name: 'no Content-Type at all',
    build: handWritten(['From: a@lab.test', 'To: b@lab.test', 'Subject: bare', '', 'Just text, no MIME headers.', '']),
    attachments: 0,
    snippet: 'Just text, no MIME headers.',
    subject: 'bare',
  },
  {
    name: 'bare LF line endings, multipart with an attachment',
    build: handWritten(
      [
        'From: a@lab.test',
        'To: b@lab.test',
        'Subject: lf only',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="LF"',
        '',
        '--LF',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Unix line endings everywhere.',
        '--LF',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="blob.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        'AAECAwQ=',
        '--LF--',
        '',
      ],
      '\n',
    ),
    attachments: 1,
    snippet: 'Unix line endings everywhere.',
    subject: 'lf only',
  },
  {
    name: 'missing closing boundary',
    build: handWritten([
      'From: a@lab.test',
      'To: b@lab.test',
      'Subject: unterminated',
      'Content-Type: multipart/mixed; boundary=XX',
      '',
      '--XX',
      'Content-Type: text/plain',
      '',
      'Text before the cut.',
      '--XX',
      'Content-Type: application/zip',
      'Content-Disposition: attachment; filename=cut.zip',
      'Content-Transfer-Encoding: base64',
      '',
      'UEsDBA==',
    ]),
    attachments: 1,
    snippet: 'Text before the cut.',
  },
  {
    name: 'nested multipart/mixed > alternative > related',
    build: handWritten([
      'From: a@lab.test',
      'To: b@lab.test',
      'Subject: nested',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      'preamble is ignored',
      '--m',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Nested text part with a soft=',
      ' break.',
      '--alt',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Nested HTML <img src="cid:pic"></p>',
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <pic>',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--rel--',
      '--alt--',
      '--m',
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--m--',
      'epilogue is ignored',
    ]),
    attachments: 1,
    inline: 1,
    snippet: 'Nested text part with a soft break.',
  },
  {
    name: 'text/plain attachment by disposition',
    build: handWritten([
      'From: a@lab.test',
      'To: b@lab.test',
      'Subject: log',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'The log is attached.',
      '--b',
      'Content-Type: text/plain; name=server.log',
      'Content-Disposition: attachment; filename=server.log',
      '',
      'line 1 of the log',
      '--b--',
    ]),
    attachments: 1,
    snippet: 'The log is attached.',
  },
  {
    name: 'unknown disposition counts as attachment',
    build: handWritten([
      'From: a@lab.test',
      'Subject: form-data',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Body first.',
      '--b',
      'Content-Type: text/plain',
      'Content-Disposition: form-data; name=field',
      '',
      'value',
      '--b--',
    ]),
    attachments: 1,
    snippet: 'Body first.',
  },
  {
    name: 'part without Content-Type but with a filename',
    build: handWritten([
      'From: a@lab.test',
      'Subject: no type, filename',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Photo attached.',
      '--b',
      'Content-Disposition: inline; filename="photo.png"',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--b--',
    ]),
    attachments: 1,
    snippet: 'Photo attached.',
  },
  {
    name: 'two text/plain parts around an image (Apple Mail style)',
    build: handWritten([
      'From: a@lab.test',
      'Subject: two texts',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Before the picture.',
      '--b',
      'Content-Type: image/png; name=p.png',
      'Content-Disposition: inline; filename=p.png',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--b',
      'Content-Type: text/plain',
      '',
      'After the picture.',
      '--b--',
    ]),
    attachments: 1,
    snippet: 'Before the picture.',
  },
  {
    name: 'boundary with a comment after it',
    build: handWritten([
      'From: a@lab.test',
      'Subject: commented boundary',
      'Content-Type: multipart/mixed; boundary="cb" (the boundary)',
      '',
      '--cb',
      'Content-Type: text/plain',
      '',
      'Commented boundary body.',
      '--cb',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename=x.bin',
      '',
      'xx',
      '--cb--',
    ]),
    attachments: 1,
    snippet: 'Commented boundary body.',
  },
  {
    name: 'unquoted boundary with a comment after it',
    build: handWritten([
      'From: a@lab.test',
      'Subject: commented boundary, unquoted',
      'Content-Type: multipart/mixed; boundary=ub (a comment)',
      '',
      '--ub',
      'Content-Type: text/plain',
      '',
      'Unquoted boundary body.',
      '--ub',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename=x.bin',
      '',
      'xx',
      '--ub--',
    ]),
    attachments: 1,
    snippet: 'Unquoted boundary body.',
  },
  {
    name: 'outer boundary is a prefix of the inner one',
    build: handWritten([
      'From: a@lab.test',
      'Subject: prefix boundaries',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: multipart/alternative; boundary="b1_alt"',
      '',
      '--b1_alt',
      'Content-Type: text/plain',
      '',
      'Prefix boundary text.',
      '--b1_alt',
      'Content-Type: text/html',
      '',
      '<p>Prefix boundary HTML.</p>',
      '--b1_alt--',
      '--b1',
      'Content-Type: application/pdf',
      'Content-Disposition: attachment; filename=p.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--b1--',
    ]),
    attachments: 1,
    snippet: 'Prefix boundary text.',
  },
  {
    name: 'a body line that starts like a delimiter but is not one',
    build: handWritten([
      'From: a@lab.test',
      'Subject: delimiter look-alike',
      'Content-Type: multipart/mixed; boundary="sep"',
      '',
      '--sep',
      'Content-Type: text/plain',
      '',
      'Look-alike line follows.',
      '--separator line in the text, not a delimiter',
      'Still the same part.',
      '--sep',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename=s.bin',
      '',
      'xx',
      '--sep--',
    ]),
    attachments: 1,
    snippet: 'Look-alike line follows. --separator line in the text, not a delimiter Still the same part.',
  },
  {
    name: 'multipart without a boundary parameter',
    build: handWritten(['From: a@lab.test', 'Subject: no boundary', 'Content-Type: multipart/mixed', '', 'nothing can be split here', '']),
    attachments: 0,
    snippet: '',
  },
  {
    name: 'HTML and an attachment, no text/plain part',
    build: handWritten([
      'From: a@lab.test',
      'Subject: html with file',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>HTML body beside a file.</p><p>&#1055;&#x440;&#1080;&#1074;&#1077;&#1090; &amp; bye</p>',
      '--b',
      'Content-Type: application/pdf; name=f.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--b--',
    ]),
    attachments: 1,
    snippet: 'HTML body beside a file. Привет & bye',
  },
  {
    name: 'inline message/rfc822 holding its own attachment',
    build: handWritten([
      'From: a@lab.test',
      'Subject: forwarded with file',
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      'Content-Type: text/plain',
      '',
      'See the forwarded mail.',
      '--outer',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      'From: Inner <inner@lab.test>',
      'Subject: inner',
      'Content-Type: multipart/mixed; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'Inner text.',
      '--inner',
      'Content-Type: application/pdf; name=inner.pdf',
      'Content-Disposition: attachment; filename=inner.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--inner',
      'Content-Type: image/png; name=inner.png',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--inner--',
      '--outer--',
    ]),
    attachments: 2,
    snippet: 'See the forwarded mail.',
    snippetStopsAtEmbeddedMessage: true,
  },
  {
    name: 'internationalized (punycode) domain in To',
    build: handWritten(['From: a@lab.test', 'To: Иван <ivan@xn--e1afmkfd.xn--p1ai>', 'Subject: idn', '', 'IDN body.', '']),
    attachments: 0,
    snippet: 'IDN body.',
  },
  {
    name: 'raw UTF-8 in the Subject header (RFC 6532)',
    build: handWritten(['From: a@lab.test', 'Subject: Письмо без кодирования', 'Content-Type: text/plain; charset=utf-8', '', 'Тело письма.', '']),
    attachments: 0,
    snippet: 'Тело письма.',
    subject: 'Письмо без кодирования',
  },
  {
    name: 'long body: snippet cut at 250 characters',
    build: compose({ subject: 'long', text: 'word '.repeat(200) }),
    attachments: 0,
    snippet: 'word word word',
  },
];
