// Units of model parameters as shown next to a value. The exports seen so far use
// temperature-celsius and temperature-fahrenheit; the rest of the table are the platform's
// likely ids for the quantities the lab's devices report. An id not in the table is shown as
// it is, so nothing is hidden when the platform uses one the lab does not know.
import type { ParameterValue } from './automaton-types.js';

export const UNIT_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  'temperature-celsius': '°C',
  'temperature-fahrenheit': '°F',
  'temperature-kelvin': 'K',
  percent: '%',
  'humidity-percent': '%',
  lux: 'lx',
  'illuminance-lux': 'lx',
  volt: 'V',
  ampere: 'A',
  watt: 'W',
  'kilowatt-hour': 'kWh',
  pascal: 'Pa',
  hectopascal: 'hPa',
  'pressure-mmhg': 'mmHg',
  meter: 'm',
  second: 's',
  ppm: 'ppm',
});

export function unitText(unit: string | null | undefined): string | null {
  if (unit === null || unit === undefined || unit === '') return null;
  return Object.hasOwn(UNIT_SYMBOLS, unit) ? UNIT_SYMBOLS[unit]! : unit;
}

/** A value with its unit, as a mail or the screen shows it: `101 °C`, `true`, `on`. */
export function formatValue(value: ParameterValue, unit: string | null | undefined): string {
  const text = String(value);
  const symbol = unitText(unit);
  return symbol === null || typeof value === 'boolean' ? text : `${text} ${symbol}`;
}
