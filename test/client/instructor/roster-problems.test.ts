// A roster the server refuses (400 roster_invalid) as the Instructor page reads it
// (client/src/instructor/instructor-api.ts rosterProblems): every problem with its line, from the
// real server's answer; and, from an answer that carries them only in `error.fields` ("line 3"),
// the same lines in order.
import { describe, expect, it } from 'vitest';
import { apiErrorOf } from '../../../client/src/api/api-error.js';
import { rosterProblems } from '../../../client/src/instructor/instructor-api.js';
import { startLab } from '../../helpers/lab.js';

describe('the problems of a refused roster', () => {
  it('read from the real server’s 400, each with its line; nothing imported', async () => {
    const lab = await startLab({ classMode: true, smtpsPort: false, submissionPort: false });
    const res = await fetch(`${lab.url}/api/lab/class/roster`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${lab.adminToken}`, 'Content-Type': 'text/csv', Origin: lab.url },
      body: 'name,address\nАнна,anna@lab.local\nБорис,not an address\nГлеб,\nВера,vera@lab.local\n',
    });
    expect(res.status).toBe(400);
    const err = await apiErrorOf(res.clone());
    expect(err.code).toBe('roster_invalid');
    const problems = rosterProblems(await res.json(), err);
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    for (const p of problems) {
      expect(p.text.ru.length).toBeGreaterThan(0);
      expect(p.text.en.length).toBeGreaterThan(0);
    }
    expect(lab.accounts.size()).toBe(0);
  });

  it('from error.fields when the body has no problems beside it', async () => {
    const res = new Response(
      JSON.stringify({
        error: {
          code: 'roster_invalid',
          message: 'x',
          fields: { 'line 12': { ru: 'нет адреса', en: 'no address' }, 'line 3': { ru: 'плохой адрес', en: 'bad address' }, name: { ru: 'н', en: 'n' } },
        },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    );
    const err = await apiErrorOf(res);
    expect(rosterProblems(null, err)).toEqual([
      { line: 3, text: { ru: 'плохой адрес', en: 'bad address' } },
      { line: 12, text: { ru: 'нет адреса', en: 'no address' } },
    ]);
    expect(rosterProblems({ problems: [{ line: 2, text: { ru: 'а', en: 'a' } }, { line: 'x' }] }, err)).toEqual([{ line: 2, text: { ru: 'а', en: 'a' } }]);
  });
});
