// Which parameter the lab's simulator drives on an automaton it does not know: the one the
// automaton's conditions test, even when the model lists another temperature first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importAutomaton } from '../../../lab/automaton/import-automaton.js';
import { importModel } from '../../../lab/automaton/import-model.js';
import { simulatorKnobsFor } from '../../../lab/objects/simulator-defaults.js';

const read = (dir: string, name: string) => readFileSync(join(import.meta.dirname, dir, name), 'utf8');
const temperatureControl = importAutomaton(read('../../fixtures/platform', 'temperature-control.automaton.json')).automaton;
const smartHome = importAutomaton(read('../../fixtures/platform', 'smart-home.automaton.json')).automaton;
const kettle = importModel(read('../../fixtures/platform', 'kettle.model.json'));

describe('simulatorKnobsFor', () => {
  test.each([
    ['temperature-control with the kettle model (temperature °F listed first)', temperatureControl, kettle, 'temperatureC'],
    ['temperature-control alone', temperatureControl, null, 'temperatureC'],
    ['smart-home alone', smartHome, null, 'temperature'],
  ])('%s → %s', (_name, automaton, model, expected) => {
    expect(simulatorKnobsFor(automaton, model).temperatureParam).toBe(expected);
  });

  test('steady has no overheat; no door parameter, no door', () => {
    expect(simulatorKnobsFor(temperatureControl, null, 'steady')).toMatchObject({ overheatAt: null, doorParam: null });
  });
});
