// The lab's simulator on an automaton it does not know: its temperature goes to the automaton's
// own temperature parameter (temperatureC in the platform's temperature-control export, for
// instance), and its door to a door parameter only when the automaton has one.
import type { Automaton, Model } from '../automaton/automaton-types.js';
import { automatonParameters } from '../automaton/infer-parameters.js';
import type { SimulatorKnobs } from '../automaton/telemetry-simulator.js';

export function simulatorKnobsFor(automaton: Automaton, model: Model | null, preset: 'overheat' | 'steady' = 'overheat'): Partial<SimulatorKnobs> {
  const parameters = automatonParameters(automaton, model);
  const numeric = parameters.filter((p) => p.dataType === 'number');
  // The parameter the automaton's conditions test comes first: the kettle model has temperature
  // (°F) and temperatureC, and temperature-control reacts to temperatureC only.
  const tested = new Set(automatonParameters(automaton, null).map((p) => p.id));
  const ranked = [...numeric.filter((p) => tested.has(p.id)), ...numeric.filter((p) => !tested.has(p.id))];
  const temperature = ranked.find((p) => /temp/i.test(p.id)) ?? ranked[0];
  const door = parameters.find((p) => /door|двер/i.test(p.id));
  return {
    ...(temperature ? { temperatureParam: temperature.id } : {}),
    doorParam: door ? door.id : null,
    ...(preset === 'steady' ? { overheatAt: null } : {}),
  };
}
