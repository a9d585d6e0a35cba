// The report as a document to print (issue 12, point 4): a title with the student and the date,
// a summary of every scenario, then each scenario with each step — its state, when it passed, how
// many attempts it took, the hints shown. Made for paper first: tables that wrap within A4's
// width, sections that keep together where they fit (report.css).
import type { ScenarioReport } from '../../../lab/scenarios/scenario-types.js';
import { useI18n } from '../i18n/use-i18n.js';
import { InstructionText } from '../scenarios/instruction-text.js';
import { LOCAL_STUDENT, Mark } from '../scenarios/scenario-parts.js';
import { stepMark, stepProgress } from '../scenarios/scenario-logic.js';
import { sm } from '../scenarios/scenarios-messages.js';
import { rm } from './report-messages.js';

type ReportScenario = ScenarioReport['scenarios'][number];

const passedOf = (s: ReportScenario) => s.steps.filter((step) => stepProgress(s.progress, step.id)?.state === 'passed').length;
const stateOf = (s: ReportScenario) => (!s.progress ? 'not-started' : s.progress.completedAt ? 'completed' : 'running');

function Summary({ report }: { report: ScenarioReport }) {
  const { tr, dateTime } = useI18n();
  return (
    <section class="report-block">
      <h2>{tr(rm.summary)}</h2>
      <table class="report-table report-summary" data-testid="report-summary">
        <thead>
          <tr>
            <th class="c-n">{tr(rm.col.n)}</th>
            <th>{tr(rm.col.scenario)}</th>
            <th class="c-state">{tr(rm.col.state)}</th>
            <th class="c-count">{tr(rm.col.steps)}</th>
            <th class="c-when">{tr(rm.col.started)}</th>
            <th class="c-when">{tr(rm.col.completed)}</th>
          </tr>
        </thead>
        <tbody>
          {report.scenarios.map((s, i) => {
            const state = stateOf(s);
            return (
              <tr key={s.id} data-scenario={s.id} data-status={state}>
                <td class="c-n">{i + 1}</td>
                <td>{tr(s.title)}</td>
                <td class="c-state">{tr(rm.state[state])}</td>
                <td class="c-count">{tr(rm.of)(passedOf(s), s.steps.length)}</td>
                <td class="c-when">{s.progress ? dateTime(s.progress.startedAt) : tr(rm.none)}</td>
                <td class="c-when">{s.progress?.completedAt ? dateTime(s.progress.completedAt) : tr(rm.none)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ScenarioSection({ scenario, n }: { scenario: ReportScenario; n: number }) {
  const { tr, dateTime } = useI18n();
  const { progress } = scenario;
  return (
    <section class="report-block report-scenario" data-testid="report-scenario" data-scenario={scenario.id} data-status={stateOf(scenario)}>
      <h2>
        {n}. {tr(scenario.title)}
      </h2>
      {progress ? (
        <p class="report-when">{tr(rm.when)(dateTime(progress.startedAt), progress.completedAt ? dateTime(progress.completedAt) : undefined)}</p>
      ) : (
        // Nothing to tell of a scenario not started but its steps: a line, not a table of dashes.
        <p class="report-when">
          {tr(rm.notStarted)} {tr(rm.stepsList)}{' '}
          {scenario.steps.map((step, i) => (
            <span key={step.id} class="report-step-name" data-testid="report-step" data-step={step.id} data-state="not-started">
              {i + 1}) {tr(step.title)}
              {i < scenario.steps.length - 1 ? '; ' : '.'}
            </span>
          ))}
        </p>
      )}
      {progress ? (
        <table class="report-table report-steps">
          <thead>
            <tr>
              <th class="c-n">{tr(rm.col.n)}</th>
              <th class="c-step">{tr(rm.col.step)}</th>
              <th class="c-state">{tr(rm.col.state)}</th>
              <th class="c-when">{tr(rm.col.passedAt)}</th>
              <th class="c-count">{tr(rm.col.attempts)}</th>
              <th>{tr(rm.col.hints)}</th>
            </tr>
          </thead>
          <tbody>
            {scenario.steps.map((step, i) => {
              const mark = stepMark(progress, step.id);
              const sp = stepProgress(progress, step.id);
              return (
                <tr key={step.id} data-testid="report-step" data-step={step.id} data-state={mark}>
                  <td class="c-n">{i + 1}</td>
                  <td class="c-step">
                    {tr(step.title)}
                    {sp?.state === 'failed' && sp.reason ? (
                      <div class="report-reason">
                        <span>{tr(rm.lastReason)}</span> <InstructionText text={tr(sp.reason)} />
                      </div>
                    ) : null}
                  </td>
                  <td class="c-state">
                    <Mark mark={mark} /> {tr(sm.mark[mark])}
                  </td>
                  <td class="c-when" data-testid="report-passed-at">
                    {sp?.passedAt ? dateTime(sp.passedAt) : tr(rm.none)}
                  </td>
                  <td class="c-count" data-testid="report-attempts">
                    {sp?.attempts ?? 0}
                  </td>
                  <td data-testid="report-hints" data-count={sp?.hints.length ?? 0}>
                    {sp && sp.hints.length > 0 ? (
                      <ol class="report-hints">
                        {sp.hints.map((hint, j) => (
                          <li key={j}>
                            <InstructionText text={tr(hint)} />
                          </li>
                        ))}
                      </ol>
                    ) : (
                      tr(rm.none)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function ReportDocument({ report }: { report: ScenarioReport }) {
  const { tr, dateTime } = useI18n();
  const done = report.scenarios.filter((s) => s.progress?.completedAt).length;
  return (
    <article class="report" data-testid="report">
      <header class="report-head">
        <h1>{tr(rm.title)}</h1>
        <dl class="report-meta">
          <div>
            <dt>{tr(rm.student)}</dt>
            <dd>
              <strong translate={false} data-testid="report-student">
                {report.student}
              </strong>
              {report.student === LOCAL_STUDENT ? <> {tr(rm.local)}</> : null}
            </dd>
          </div>
          <div>
            <dt>{tr(rm.date)}</dt>
            <dd data-testid="report-date">{dateTime(report.generatedAt)}</dd>
          </div>
          <div>
            <dt>{tr(rm.total)}</dt>
            <dd data-testid="report-total">{tr(rm.completed)(done, report.scenarios.length)}</dd>
          </div>
        </dl>
      </header>
      <Summary report={report} />
      {report.scenarios.map((scenario, i) => (
        <ScenarioSection key={scenario.id} scenario={scenario} n={i + 1} />
      ))}
    </article>
  );
}
