// The class as a table, one row per student: who, where in the scenarios, the current
// scenario's checks, the last sessions (those that went wrong marked; each opens in a new tab
// as the student sees it), alerts, mails, faults, last activity. Every text is data put in as
// text (Preact escapes it): names and HELO names come from students.
import { useI18n } from '../i18n/use-i18n.js';
import { FaultControls } from './class-faults.js';
import { sessionHighlighted, type ClassRow } from './class-rows.js';
import type { InstructorStore } from './instructor-store.js';
import { im } from './instructor-messages.js';
import { viewAsPath } from './view-as.js';

function Checks({ row }: { row: ClassRow }) {
  const { tr } = useI18n();
  const { passed, pending, failed } = row.checks;
  return (
    <span class="ins-checks">
      <span class="ins-badge is-passed" aria-hidden="true" data-testid="checks-passed" data-count={passed} title={tr(im.row.passed)(passed)}>
        ✓ {passed}
      </span>
      <span class="ins-badge is-pending" aria-hidden="true" data-testid="checks-pending" data-count={pending} title={tr(im.row.pending)(pending)}>
        … {pending}
      </span>
      <span
        class={`ins-badge is-failed${failed > 0 ? ' is-on' : ''}`}
        aria-hidden="true"
        data-testid="checks-failed"
        data-count={failed}
        title={tr(im.row.failed)(failed)}
      >
        ✗ {failed}
      </span>
      <span class="sr-only">{[tr(im.row.passed)(passed), tr(im.row.pending)(pending), tr(im.row.failed)(failed)].join(', ')}</span>
    </span>
  );
}

function Scenario({ row }: { row: ClassRow }) {
  const { tr } = useI18n();
  const current = row.current;
  return (
    <div data-testid="row-scenario" data-scenario={current?.scenario.scenarioId ?? ''} data-status={current?.scenario.status ?? 'none'}>
      {current ? (
        <>
          <div class="ins-strong">{tr(current.title)}</div>
          <div class="small" data-testid="row-step" data-step={current.scenario.currentStep?.id ?? ''}>
            {current.scenario.status === 'done' ? (
              tr(im.row.allDone)
            ) : (
              <>
                {tr(im.row.step)(current.stepNumber, current.scenario.stepsTotal)}
                {current.scenario.currentStep ? (
                  <>
                    {': '}
                    <span class={current.scenario.currentStep.state === 'failed' ? 'error' : ''}>{tr(current.scenario.currentStep.title)}</span>
                  </>
                ) : null}
              </>
            )}
          </div>
        </>
      ) : (
        <div class="small muted">{tr(im.row.notStarted)}</div>
      )}
      <div class="small muted">{tr(im.row.scenariosDone)(row.scenariosDone, row.scenariosTotal)}</div>
    </div>
  );
}

function Sessions({ row }: { row: ClassRow }) {
  const { tr, clock } = useI18n();
  const { lastSessions, sessionCount, sessionsWithErrors, address } = row.student;
  if (lastSessions.length === 0) return <span class="small muted">{tr(im.row.noSessions)}</span>;
  return (
    <div>
      <ul class="ins-sessions">
        {lastSessions.map((s) => {
          const bad = sessionHighlighted(s);
          const helo = s.Helo ?? tr(im.row.noHelo);
          return (
            <li>
              <a
                class={`ins-session${bad ? ' is-bad' : ''}`}
                href={viewAsPath(`/sessions/${encodeURIComponent(s.ID)}`, address)}
                target="_blank"
                rel="noopener"
                title={tr(im.row.sessionTitle)(helo, s.ErrorCount)}
                data-testid="row-session"
                data-session={s.ID}
                data-highlighted={bad}
              >
                <span class="ins-session-time">{clock(s.Started)}</span> <span translate={false}>{helo}</span>
                {s.ErrorCount > 0 ? <span class="ins-session-errors"> ✗ {s.ErrorCount}</span> : null}
                {s.FaultCount ? <span class="ins-session-fault"> ⚡</span> : null}
              </a>
            </li>
          );
        })}
      </ul>
      <div class="small muted" data-testid="row-session-count" data-count={sessionCount}>
        {tr(im.row.sessionsTotal)(sessionCount, sessionsWithErrors)}
      </div>
    </div>
  );
}

function Row({ row, store }: { row: ClassRow; store: InstructorStore }) {
  const { tr, when, dateTime } = useI18n();
  const s = row.student;
  return (
    <tr class={`ins-row${row.attention ? ' needs-attention' : ''}`} data-testid="class-row" data-student={s.address} data-attention={row.attention}>
      <th scope="row" class="ins-who">
        <div class="ins-strong" data-testid="row-name">
          {row.label}
        </div>
        <div class="small ins-address" translate={false} data-testid="row-address">
          {s.address}
        </div>
        <a class="small" href={viewAsPath('/mailbox', s.address)} target="_blank" rel="noopener" title={tr(im.row.openAsHint)} data-testid="open-as">
          {tr(im.row.openAs)} ↗
        </a>
      </th>
      <td>
        <Scenario row={row} />
      </td>
      <td>
        <Checks row={row} />
      </td>
      <td>
        <Sessions row={row} />
      </td>
      <td data-testid="row-alerts" data-sent={s.alertsSent} data-failed={s.alertsFailed} class={s.alertsFailed > 0 ? 'error' : ''}>
        {tr(im.row.alerts)(s.alertsSent, s.alertsFailed)}
      </td>
      <td class="ins-num" data-testid="row-mails" data-count={s.messages}>
        {s.messages}
      </td>
      <td>
        <FaultControls store={store} student={s.address} who={row.label} rules={s.faults} />
      </td>
      <td class="small" data-testid="row-activity">
        {s.lastActivityAt ? (
          <time dateTime={s.lastActivityAt} title={dateTime(s.lastActivityAt)}>
            {when(s.lastActivityAt)}
          </time>
        ) : (
          tr(im.row.never)
        )}
      </td>
    </tr>
  );
}

export function ClassTable({ rows, store, empty }: { rows: readonly ClassRow[]; store: InstructorStore; empty: string }) {
  const { tr } = useI18n();
  return (
    <div class="ins-table-wrap">
      <table class="ins-table" data-testid="class-table">
        <caption class="sr-only">{tr(im.table.caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(im.table.student)}</th>
            <th scope="col">{tr(im.table.scenario)}</th>
            <th scope="col">{tr(im.table.checks)}</th>
            <th scope="col">{tr(im.table.sessions)}</th>
            <th scope="col">{tr(im.table.alerts)}</th>
            <th scope="col">{tr(im.table.mails)}</th>
            <th scope="col">{tr(im.table.faults)}</th>
            <th scope="col">{tr(im.table.activity)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8} class="muted" data-testid="class-empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => <Row key={row.student.address} row={row} store={store} />)
          )}
        </tbody>
      </table>
    </div>
  );
}
