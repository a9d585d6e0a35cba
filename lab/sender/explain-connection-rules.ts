// The explainer's rules for a connection that went wrong before or without a reply: TLS
// mismatches and certificates, refused and silent ports, what is not SMTP, DNS, timeouts. The
// library's own English message is quoted as it is; the advice speaks through the Wording.
import { all, cap, quoted, reply, SECURITY_FOR_PORT, target, type Rule } from './explain-kit.js';

export const CERTIFICATE =
  /self[- ]signed|certificate chain|unable to (get|verify)|UNABLE_TO_VERIFY|DEPTH_ZERO|CERT_HAS_EXPIRED|certificate has expired|SELF_SIGNED/i;
export const NAME_MISMATCH = /ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match|altnames/i;
export const WRONG_VERSION = /wrong version number|WRONG_VERSION_NUMBER|packet length too long|unknown protocol|http request|record layer failure/i;

const EXACT_HOST = { ru: 'точное имя сервера провайдера (например, smtp.gmail.com)', en: "the provider's exact host name (e.g. smtp.gmail.com)" };
const REAL_HOST = { ru: 'его настоящее имя сервера', en: 'its real host name' };

export const CONNECTION_RULES: readonly Rule[] = [
  {
    code: 'certificate-name-mismatch',
    when: (f) => NAME_MISMATCH.test(all(f)),
    explain: (_f, s, { w }) => ({
      cause: {
        ru: `Сертификат сервера выдан на другое имя, не на «${s.host}»: клиент не может убедиться, что говорит с нужным сервером.`,
        en: `The server's certificate is issued for another name than "${s.host}": the client cannot be sure it talks to the right server.`,
      },
      field: 'host',
      fix: {
        ru: `${cap(w.put('host', EXACT_HOST).ru)}, а не его IP-адрес или псевдоним. ${w.retry('host').ru}`,
        en: `${cap(w.put('host', EXACT_HOST).en)}, not its IP address or an alias. ${w.retry('host').en}`,
      },
    }),
  },
  {
    code: 'untrusted-certificate',
    when: (f) => CERTIFICATE.test(all(f)),
    explain: (_f, s, { w }) => ({
      cause: {
        ru: `Сертификат сервера ${target(s)} не доверенный: он самоподписанный (так у лабораторного сервера) или выдан неизвестным центром. Клиент прервал соединение, чтобы не отдать пароль неизвестно кому.`,
        en: `The certificate of ${target(s)} is not trusted: it is self-signed (as the lab server's is) or issued by an unknown authority. The client stopped so as not to hand the password to someone unknown.`,
      },
      field: 'host',
      fix: {
        ru: `Для лабораторного сервера ${w.preset('lab').ru}: он доверяет сертификату лаборатории. Для провайдера ${w.put('host', REAL_HOST).ru} (smtp.gmail.com, smtp.yandex.ru, smtp.mail.ru). ${w.retry('host').ru}`,
        en: `For the lab server ${w.preset('lab').en}: it trusts the lab's certificate. For a provider ${w.put('host', REAL_HOST).en} (smtp.gmail.com, smtp.yandex.ru, smtp.mail.ru). ${w.retry('host').en}`,
      },
    }),
  },
  {
    code: 'tls-on-plain-port',
    when: (f) => WRONG_VERSION.test(all(f)),
    explain: (_f, s, { w }) => ({
      cause: {
        ru: `Клиент сразу начал TLS («SSL/TLS»), а сервер на порту ${s.port} сначала говорит открытым текстом (как порты 25 и 587, где шифрование включают командой STARTTLS): TLS-рукопожатие получило приветствие SMTP — «wrong version number».`,
        en: `The client started TLS at once ("SSL/TLS"), but the server on port ${s.port} talks in clear first (as ports 25 and 587 do, where STARTTLS turns encryption on): the TLS handshake got an SMTP greeting, "wrong version number".`,
      },
      field: 'security',
      fix: {
        ru: `Для этого порта ${w.security('starttls').ru}, либо оставьте «SSL/TLS» и ${w.port(465).ru}. ${SECURITY_FOR_PORT.ru} ${w.retry('security').ru}`,
        en: `For this port ${w.security('starttls').en}, or keep "SSL/TLS" and ${w.port(465).en}. ${SECURITY_FOR_PORT.en} ${w.retry('security').en}`,
      },
    }),
  },
  {
    code: 'greeting-never-received',
    when: (f, s) => /Greeting never received/i.test(f.message) && s.security !== 'ssl',
    explain: (_f, s, { w }) => ({
      cause: {
        ru: `Соединение с ${target(s)} открылось, но приветствия «220» не было («Greeting never received»). Обычно сервер на этом порту ждёт TLS сразу (неявный TLS, как порт 465), а клиент ждёт приветствия открытым текстом — и оба молчат. Реже на порту вообще не SMTP-сервер (например, веб-порт 8025 лаборатории).`,
        en: `The connection to ${target(s)} opened but no "220" greeting came ("Greeting never received"). Usually the server on this port expects TLS at once (implicit TLS, like port 465) while the client waits for a greeting in clear, and both stay silent. Less often the port is not SMTP at all (the lab's web port 8025, for instance).`,
      },
      field: 'security',
      fix: {
        ru: `Для этого порта ${w.security('ssl').ru} (или возьмите порт 587 со STARTTLS). ${SECURITY_FOR_PORT.ru} ${w.retry('security').ru}`,
        en: `For this port ${w.security('ssl').en} (or take port 587 with STARTTLS). ${SECURITY_FOR_PORT.en} ${w.retry('security').en}`,
      },
    }),
  },
  {
    code: 'not-smtp',
    when: (f) => /Invalid greeting|Greeting never received/i.test(f.message) || (f.code === 'EPROTOCOL' && /greeting/i.test(f.message)),
    explain: (f, s, { w }) => ({
      cause: {
        ru: `На ${target(s)} отвечает не SMTP-сервер: SMTP-сервер начинает со строки «220 …»${reply(f) ? `, а здесь пришло «${reply(f).split('\n')[0]}»` : ', а здесь приветствия нет'}.`,
        en: `What answers on ${target(s)} is not an SMTP server: an SMTP server begins with "220 …"${reply(f) ? `, this one sent "${reply(f).split('\n')[0]}"` : ', this one sent no greeting'}.`,
      },
      field: 'port',
      fix: {
        ru: `Проверьте порт: SMTP — 25, 465 (SSL/TLS), 587 (STARTTLS); в лаборатории — 1025, 1465, 1587 (8025 — это веб-страница лаборатории, не SMTP). ${w.retry('port').ru}`,
        en: `Check the port: SMTP uses 25, 465 (SSL/TLS), 587 (STARTTLS); the lab 1025, 1465, 1587 (8025 is the lab's web page, not SMTP). ${w.retry('port').en}`,
      },
    }),
  },
  {
    code: 'connection-refused',
    when: (f) => /ECONNREFUSED/.test(all(f)),
    explain: (_f, s) => ({
      cause: {
        ru: `На ${target(s)} никто не принимает соединения (ECONNREFUSED): порт или адрес сервера неверны, либо сервер не запущен.`,
        en: `Nothing accepts connections on ${target(s)} (ECONNREFUSED): the port or the host is wrong, or the server is not running.`,
      },
      field: 'port',
      fix: {
        ru: 'Проверьте адрес и порт (Gmail, Яндекс, Mail.ru: 465 или 587). Для лаборатории убедитесь, что smtp-lab запущен (npm start), и возьмите порт из его вывода.',
        en: 'Check the host and port (Gmail, Yandex, Mail.ru: 465 or 587). For the lab, make sure smtp-lab is running (npm start) and take the port from what it prints.',
      },
    }),
  },
  {
    code: 'host-not-found',
    when: (f) => /ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(all(f)),
    explain: (_f, s) => ({
      cause: {
        ru: `Имя сервера «${s.host}» не находится в DNS: в нём опечатка, или нет доступа в интернет.`,
        en: `The host name "${s.host}" is not found in DNS: it has a typo, or there is no internet access.`,
      },
      field: 'host',
      fix: {
        ru: 'Проверьте имя сервера (smtp.gmail.com, smtp.yandex.ru, smtp.mail.ru) или возьмите шаблон провайдера; для настоящего провайдера нужен доступ в интернет.',
        en: "Check the host name (smtp.gmail.com, smtp.yandex.ru, smtp.mail.ru) or take the provider's preset; a real provider needs internet access.",
      },
    }),
  },
  {
    code: 'connect-timeout',
    when: (f) => f.code === 'ETIMEDOUT' && /Connection timeout|connect ETIMEDOUT/i.test(all(f)),
    explain: (_f, s) => ({
      cause: {
        ru: `${target(s)} не ответил на соединение: неверный адрес или порт, фильтр сети (многие сети закрывают исходящие 25/465/587) или нет интернета.`,
        en: `${target(s)} did not answer the connection: a wrong host or port, a network filter (many networks block outgoing 25/465/587), or no internet.`,
      },
      field: 'host',
      fix: {
        ru: 'Проверьте адрес и порт; попробуйте другой порт провайдера (465 или 587) или другую сеть.',
        en: "Check the host and port; try the provider's other port (465 or 587) or another network.",
      },
    }),
  },
  {
    code: 'starttls-not-offered',
    when: (f) => f.code === 'ETLS' && /Error upgrading connection with STARTTLS/i.test(f.message),
    explain: (f, s, { w }) => ({
      cause: {
        ru: `Клиент потребовал STARTTLS, а сервер на порту ${s.port} его не поддерживает (ответ «${reply(f).split('\n')[0]}»): это сервер без шифрования (как 1025 в лаборатории).`,
        en: `The client asked for STARTTLS and the server on port ${s.port} does not offer it (reply "${reply(f).split('\n')[0]}"): it is a server without encryption (like the lab's 1025).`,
      },
      field: 'security',
      fix: {
        ru: `Для провайдера возьмите его порт 587 (STARTTLS) или 465 (SSL/TLS). Для открытого порта лаборатории 1025 ${w.security('none').ru}. ${SECURITY_FOR_PORT.ru} ${w.retry('security').ru}`,
        en: `For a provider use its port 587 (STARTTLS) or 465 (SSL/TLS). For the lab's open port 1025 ${w.security('none').en}. ${SECURITY_FOR_PORT.en} ${w.retry('security').en}`,
      },
    }),
  },
  {
    code: 'tls-failed',
    when: (f) => f.code === 'ETLS',
    explain: (f, s) => ({
      cause: {
        ru: `Установить TLS после STARTTLS не удалось: ${quoted(f).ru}.`,
        en: `TLS could not be set up after STARTTLS: ${quoted(f).en}.`,
      },
      field: 'security',
      fix: {
        ru: `Проверьте, что порт ${s.port} и защита соответствуют друг другу. ${SECURITY_FOR_PORT.ru}`,
        en: `Check that port ${s.port} and the security match. ${SECURITY_FOR_PORT.en}`,
      },
    }),
  },
  {
    code: 'connection-closed',
    when: (f) => f.code === 'ECONNECTION' || f.code === 'ESOCKET' || /Connection closed|ECONNRESET|socket hang up/i.test(all(f)),
    explain: (f, s) => ({
      cause: {
        ru: `Сервер ${target(s)} оборвал соединение (${quoted(f).ru}): он перегружен, перезапускается, или ждал на этом порту другого протокола.`,
        en: `The server ${target(s)} dropped the connection (${quoted(f).en}): it is overloaded, restarting, or expected another protocol on this port.`,
      },
      field: null,
      fix: {
        ru: `Отправьте снова. Если повторяется — проверьте порт и защиту. ${SECURITY_FOR_PORT.ru}`,
        en: `Send again. If it repeats, check the port and the security. ${SECURITY_FOR_PORT.en}`,
      },
    }),
  },
  {
    code: 'timeout',
    when: (f) => f.code === 'ETIMEDOUT',
    explain: (f, s) => ({
      cause: { ru: `Сервер ${target(s)} перестал отвечать (${quoted(f).ru}).`, en: `The server ${target(s)} stopped answering (${quoted(f).en}).` },
      field: null,
      fix: { ru: 'Отправьте снова позже.', en: 'Send again later.' },
    }),
  },
];
