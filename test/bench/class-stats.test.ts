// The class bench's own arithmetic and switches: a leak count, a latency or a ratio in
// bench/README.md is only as good as these.
import { describe, expect, it } from 'vitest';
import { parseClassArgs, ClassUsageError } from '../../bench/class/class-config.js';
import { studentAddress, studentName } from '../../bench/class/class-protocol.js';
import { otherStudentsIn, pairLatency, planLanes, plusAddress, ratioCheck } from '../../bench/class/class-stats.js';

describe('otherStudentsIn: the students a frame names besides its reader', () => {
  it.each([
    { text: '{"Type":"new","Data":{"From":{"Address":"stu0001@lab.local"}}}', own: 'stu0001', others: [] },
    { text: '{"Type":"session","Data":{"Summary":{"Inbox":"stu0002@lab.local","User":"stu0002@lab.local"}}}', own: 'stu0001', others: ['stu0002'] },
    { text: '{"Type":"alert","Data":{"owner":"stu0003@lab.local","objectId":"stu0004-kettle"}}', own: 'stu0003', others: ['stu0004'] },
    { text: '{"Type":"stats","Data":{"Total":3,"Unread":1}}', own: 'stu0001', others: [] },
    { text: 'stu0010 stu0011 stu0010', own: 'stu0001', others: ['stu0010', 'stu0011'] },
  ])('$text as $own → $others', ({ text, own, others }) => {
    expect(otherStudentsIn(text, own)).toEqual(others);
  });
});

describe('student names', () => {
  it('are four digits from 1, so that a regex finds them in any frame', () => {
    expect([studentName(0), studentName(41), studentName(299)]).toEqual(['stu0001', 'stu0042', 'stu0300']);
    expect(studentAddress(0)).toBe('stu0001@lab.local');
    expect(plusAddress(41)).toBe('x+stu0042@lab.local');
  });
});

describe('pairLatency', () => {
  it('matches starts to arrivals by key; a start without its arrival is missing', () => {
    const starts = new Map(Array.from({ length: 10 }, (_, i) => [`m${i}`, 1000 + i]));
    const arrivals = new Map(Array.from({ length: 9 }, (_, i) => [`m${i}`, 1000 + i + (i + 1) * 10]));
    arrivals.set('stranger', 5);
    expect(pairLatency(starts, arrivals)).toEqual({ samples: 9, missing: 1, p50Ms: 50, p95Ms: 90, p99Ms: 90, maxMs: 90 });
  });
  it('has NaN figures without samples', () => {
    const figures = pairLatency(new Map([['a', 1]]), new Map());
    expect(figures.missing).toBe(1);
    expect(figures.p50Ms).toBeNaN();
    expect(figures.maxMs).toBeNaN();
  });
});

describe('planLanes: the capture load spread over every student', () => {
  it.each([
    { students: 300, lanes: 10, mails: 20_000 },
    { students: 30, lanes: 10, mails: 2_000 },
    { students: 7, lanes: 10, mails: 100 },
    { students: 300, lanes: 10, mails: 200 },
  ])('$students students, $lanes lanes, $mails mails', ({ students, lanes, mails }) => {
    const plan = planLanes(students, lanes, mails);
    const runs = plan.flat();
    expect(runs.reduce((sum, r) => sum + r.mails, 0)).toBe(mails);
    expect(plan.length).toBeLessThanOrEqual(Math.min(lanes, students));
    // Every student once at most, and each lane's students apart by the number of lanes.
    expect(new Set(runs.map((r) => r.student)).size).toBe(runs.length);
    if (mails >= students) expect(runs.length).toBe(students);
    const counts = runs.map((r) => r.mails);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const lane of plan) for (const [i, run] of lane.entries()) if (i > 0) expect(run.student - lane[i - 1]!.student).toBe(plan.length);
  });
});

describe('ratioCheck', () => {
  it('takes the median of the rounds against the target', () => {
    const check = ratioCheck(
      [
        { scoped: 105, baseline: 100 },
        { scoped: 102, baseline: 100 },
        { scoped: 120, baseline: 100 },
      ],
      1.05,
    );
    expect(check.ratio).toMatchObject({ median: 1.05, min: 1.02, max: 1.2 });
    expect(check.met).toBe(true);
    expect(ratioCheck([{ scoped: 110, baseline: 100 }], 1.05).met).toBe(false);
  });
  it('is not met without a baseline', () => {
    expect(ratioCheck([{ scoped: 1, baseline: 0 }], 1.05).met).toBe(false);
  });
});

describe('parseClassArgs', () => {
  it('defaults to 300 students all at once, three rounds of 20,000 mails', () => {
    expect(parseClassArgs([])).toMatchObject({ students: 300, wave: 300, mails: 20_000, rounds: 3, lanes: 10, parts: { scale: true, filter: true } });
  });
  it('--quick is small whatever the order of the other switches; a given wave stays', () => {
    expect(parseClassArgs(['--students', '50', '--quick'])).toMatchObject({ students: 50, wave: 50, mails: 2_000, rounds: 1 });
    expect(parseClassArgs(['--quick', '--wave', '10'])).toMatchObject({ students: 30, wave: 10 });
    expect(parseClassArgs(['--wave', '500', '--students', '20'])).toMatchObject({ wave: 20 });
  });
  it('--only picks a part', () => {
    expect(parseClassArgs(['--only', 'filter']).parts).toEqual({ scale: false, filter: true });
  });
  it.each([['--students', '0'], ['--rounds', 'x'], ['--only', 'both'], ['--out'], ['--fast']])('refuses %s', (...argv) => {
    expect(() => parseClassArgs(argv)).toThrow(ClassUsageError);
  });
});
