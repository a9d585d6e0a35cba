// The class report as files: CSV for a spreadsheet (one row per student and scenario) and a
// printable HTML page (one table: a student a row, a scenario a column). Names come from a
// roster anyone may have typed, so every CSV field is quoted as RFC 4180 needs and kept from
// being read as a spreadsheet formula, and every HTML text is escaped.
import type { Bilingual, Lang } from '../../server/wire/bilingual.js';
import type { ClassReport, StudentScenario } from './class-wire.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: a leading = + - @ (a formula in Excel, LibreOffice, Sheets) gets a ', then quoted when needed. */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = ['address', 'name', 'scenario', 'status', 'steps_passed', 'steps_total', 'completed_at'] as const;

/** With a BOM: Excel then reads the Cyrillic names as UTF-8. CRLF line ends, as RFC 4180 has them. */
export function reportCsv(report: ClassReport): string {
  const rows: string[] = [CSV_HEADER.join(',')];
  for (const student of report.students) {
    for (const s of student.scenarios) {
      rows.push([student.address, student.name, s.scenarioId, s.status, s.stepsPassed, s.stepsTotal, s.completedAt].map(csvField).join(','));
    }
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const W = {
  title: { ru: 'Отчёт по группе', en: 'Class report' },
  generated: { ru: 'Сформирован', en: 'Generated' },
  student: { ru: 'Студент', en: 'Student' },
  address: { ru: 'Адрес', en: 'Address' },
  done: { ru: 'Пройдено', en: 'Done' },
  none: { ru: 'В группе пока нет студентов.', en: 'The class has no students yet.' },
  notStarted: { ru: 'не начат', en: 'not started' },
  inProgress: { ru: 'шаг %s из %s', en: 'step %s of %s' },
  finished: { ru: 'пройден', en: 'done' },
  scenarios: { ru: 'Сценарии', en: 'Scenarios' },
  summary: { ru: 'Студентов: %s. Сценарий пройден: ', en: 'Students: %s. Scenario done by: ' },
} satisfies Record<string, Bilingual>;

const fill = (text: string, ...values: string[]) => text.split('%s').reduce((out, part, i) => out + (values[i - 1] ?? '') + part);

function dateOf(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

function cell(s: StudentScenario, lang: Lang): string {
  if (s.status === 'not-started') return `<td class="not-started">${escapeHtml(W.notStarted[lang])}</td>`;
  if (s.status === 'done')
    return `<td class="done"><b>✓ ${escapeHtml(W.finished[lang])}</b><br><small>${escapeHtml(dateOf(s.completedAt as string, lang))}</small></td>`;
  const step = Math.min(s.stepsPassed + 1, s.stepsTotal);
  const failed = s.failedChecks > 0 ? ' failed' : '';
  return `<td class="in-progress${failed}">${escapeHtml(fill(W.inProgress[lang], String(step), String(s.stepsTotal)))}<br><small>${s.stepsPassed}/${s.stepsTotal}</small></td>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #111; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.meta { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
td.done { background: #e6f4ea; }
td.in-progress { background: #fff8e1; }
td.failed { background: #fdecea; }
td.not-started { color: #777; }
td.total { text-align: right; white-space: nowrap; }
ol.legend { margin: 16px 0 0; padding-left: 20px; color: #333; }
small { color: #555; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  td.done, td.in-progress, td.failed, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

export function reportHtml(report: ClassReport, lang: Lang): string {
  const e = escapeHtml;
  const heads = report.scenarios.map((s, i) => `<th title="${e(s.title[lang])}">${i + 1}. ${e(s.title[lang])}</th>`).join('');
  const rows = report.students.map((student) => {
    const done = student.scenarios.filter((s) => s.status === 'done').length;
    return `<tr><td>${e(student.name ?? '')}</td><td>${e(student.address)}</td>${student.scenarios.map((s) => cell(s, lang)).join('')}<td class="total">${done} / ${student.scenarios.length}</td></tr>`;
  });
  const doneBy = report.scenarios.map((s, i) => `${i + 1}: ${report.students.filter((st) => st.scenarios[i]?.status === 'done').length}`).join(', ');
  const table =
    report.students.length === 0
      ? `<p>${e(W.none[lang])}</p>`
      : `<table><thead><tr><th>${e(W.student[lang])}</th><th>${e(W.address[lang])}</th>${heads}<th>${e(W.done[lang])}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(W.title[lang])}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(W.title[lang])}</h1>
<p class="meta">${e(W.generated[lang])}: ${e(dateOf(report.generatedAt, lang))}. ${e(fill(W.summary[lang], String(report.students.length)))}${e(doneBy)}</p>
${table}
<ol class="legend">${report.scenarios.map((s) => `<li>${e(s.title[lang])} <small>(${e(s.id)})</small></li>`).join('')}</ol>
</body>
</html>
`;
}
