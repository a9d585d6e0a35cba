// The scenario files: the catalogue as shipped loads (at least eight, each step with hints in both
// languages), and a wrong file is refused with its name and the field, case by case.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario, readScenarioDir, ScenarioFileError } from '../../../lab/scenarios/scenario-file.js';

const GOOD = `
id: demo
order: 1
title: { ru: Пример, en: Example }
goal: { ru: Цель, en: Goal }
handout: { ru: Раздел, en: Section }
steps:
  - id: one
    title: { ru: Шаг, en: Step }
    instructions: { ru: Сделайте, en: Do it }
    check: { kind: session, listener: smtp, commands: [mail, rcpt] }
    hints: [{ ru: Подсказка, en: Hint }]
`;

describe('scenario files', () => {
  it('the shipped catalogue: at least eight scenarios, ordered, every text in both languages', async () => {
    const scenarios = await readScenarioDir(join(import.meta.dirname, '../../../scenarios'));
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
    expect(scenarios.map((s) => s.order)).toEqual([...scenarios.map((s) => s.order)].sort((a, b) => a - b));
    for (const s of scenarios) {
      for (const step of s.steps) {
        expect(step.instructions.ru, `${s.id}/${step.id}`).toMatch(/[а-яё]/i);
        expect(step.hints.length, `${s.id}/${step.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('a good file reads, commands upper-cased', () => {
    expect(readScenario(GOOD, 'scenarios/demo.yaml').steps[0]?.check).toEqual({ kind: 'session', listener: 'smtp', commands: ['MAIL', 'RCPT'] });
  });

  it.each([
    ['not YAML', 'id: [', ''],
    ['no id', GOOD.replace('id: demo', 'id: ""'), 'id'],
    ['a bad id', GOOD.replace('id: demo', 'id: Demo Scenario'), 'id'],
    ['no English title', GOOD.replace('title: { ru: Пример, en: Example }', 'title: { ru: Пример }'), 'title.en'],
    ['no steps', GOOD.replace(/steps:[\s\S]*/, 'steps: []'), 'steps'],
    ['an unknown check', GOOD.replace('kind: session', 'kind: magic'), 'steps[0].check.kind'],
    ['a bad code', GOOD.replace('commands: [mail, rcpt]', 'replies: [{ command: DATA, code: 7xx }]'), 'steps[0].check.replies[0].code'],
    ['no hints', GOOD.replace('hints: [{ ru: Подсказка, en: Hint }]', 'hints: []'), 'steps[0].hints'],
    [
      'a bad regex',
      GOOD.replace('check: { kind: session, listener: smtp, commands: [mail, rcpt] }', 'check: { kind: alert, subject: "(" }'),
      'steps[0].check.subject',
    ],
    [
      'after an unknown step',
      GOOD.replace('check: { kind: session, listener: smtp, commands: [mail, rcpt] }', 'check: { kind: test-email, outcome: sent, after: two }'),
      'steps[0].check.after',
    ],
  ])('%s: refused, naming the file and the field', (_what, source, field) => {
    let caught: unknown;
    try {
      readScenario(source, 'scenarios/demo.yaml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ScenarioFileError);
    expect((caught as ScenarioFileError).field).toBe(field);
    expect((caught as Error).message).toMatch(/^scenarios\/demo\.yaml: /);
  });
});
