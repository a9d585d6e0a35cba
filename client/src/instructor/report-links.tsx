// The class report: the printable page (the server's own HTML, in the page's language, opened in a
// new tab to print or save as PDF), and the same report as CSV and JSON files.
import { useI18n } from '../i18n/use-i18n.js';
import { REPORT_PATHS } from './instructor-api.js';
import { im } from './instructor-messages.js';

export function ReportLinks() {
  const { tr, lang } = useI18n();
  const day = new Date().toISOString().slice(0, 10);
  return (
    <section class="card ins-card" aria-labelledby="ins-report" data-testid="class-report">
      <h2 id="ins-report" class="card-title">
        {tr(im.report.title)}
      </h2>
      <p class="small muted">{tr(im.report.hint)}</p>
      <p class="ins-actions">
        <a class="btn btn-primary" href={`${REPORT_PATHS.html}?lang=${lang}`} target="_blank" rel="noopener" data-testid="report-print">
          {tr(im.report.print)}
        </a>
        <a class="btn" href={REPORT_PATHS.csv} download={`class-report-${day}.csv`} data-testid="report-csv">
          {tr(im.report.csv)}
        </a>
        <a class="btn" href={REPORT_PATHS.json} download={`class-report-${day}.json`} data-testid="report-json">
          {tr(im.report.json)}
        </a>
      </p>
    </section>
  );
}
