// The printable report at /report: a page of its own, without the app's bar and side panel, for
// the student of this page (the signed-in account, or "local"). On screen a few tools above the
// paper (print, the same report as JSON, the language, back); in print only the paper. The
// document itself is report-document.tsx; print rules are report.css.
import { useEffect, useState } from 'preact/hooks';
import type { ScenarioReport } from '../../../lab/scenarios/scenario-types.js';
import { useServices } from '../app/services.js';
import type { TabDefinition } from '../app/tab-registry.js';
import { LANGS, type Bilingual } from '../i18n/bilingual.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { reportFileName } from '../scenarios/scenario-logic.js';
import { LOCAL_STUDENT } from '../scenarios/scenario-parts.js';
import { REPORT_PATH, type ScenariosApi } from '../scenarios/scenarios-api.js';
import { actionError } from '../scenarios/use-scenario-action.js';
import { ReportDocument } from './report-document.js';
import { rm } from './report-messages.js';
import './report.css';

export function createReportPage(api: ScenariosApi): TabDefinition {
  function ReportPage() {
    const { tr, lang, setLang } = useI18n();
    const { router } = useServices();
    const [report, setReport] = useState<ScenarioReport | undefined>(undefined);
    const [error, setError] = useState<Bilingual | undefined>(undefined);
    const load = () =>
      api.report().then(
        (value) => {
          setReport(value);
          setError(undefined);
        },
        (err: unknown) => setError(actionError(err)),
      );
    useEffect(() => {
      void load();
    }, []);
    // The title names the file a browser prints to PDF.
    useEffect(() => {
      const before = document.title;
      const who = report?.student === LOCAL_STUDENT ? tr(rm.thisComputer) : report?.student;
      if (report && who) document.title = tr(rm.documentTitle)(who, report.generatedAt.slice(0, 10));
      return () => {
        document.title = before;
      };
    }, [report, lang]);
    return (
      <div class="report-page" data-testid="report-page">
        <div class="report-tools">
          <a class="btn" {...linkProps(router, { tab: 'scenarios' })} data-testid="report-back">
            {tr(rm.back)}
          </a>
          <button type="button" class="btn" onClick={() => window.print()} data-testid="report-print">
            {tr(rm.print)}
          </button>
          <a
            class="btn"
            href={REPORT_PATH}
            download={report ? reportFileName(report.student, report.generatedAt) : 'scenario-report.json'}
            data-testid="report-json"
          >
            {tr(rm.download)}
          </a>
          <button type="button" class="btn" onClick={() => void load()} data-testid="report-refresh">
            {tr(rm.refresh)}
          </button>
          <span class="report-lang" role="group" aria-label={tr(rm.language)}>
            {LANGS.map((code) => (
              <button type="button" class="btn btn-small" lang={code} aria-pressed={lang === code} onClick={() => setLang(code)} data-lang={code}>
                {code.toUpperCase()}
              </button>
            ))}
          </span>
        </div>
        {error ? (
          <p class="error report-paper" role="alert">
            {tr(rm.loadFailed)(tr(error))}
          </p>
        ) : report ? (
          <div class="report-paper">
            <ReportDocument report={report} />
          </div>
        ) : (
          <p class="muted report-paper">{tr(rm.loading)}</p>
        )}
      </div>
    );
  }

  return { id: 'report', label: rm.label, order: 1000, View: ReportPage, standalone: true };
}
