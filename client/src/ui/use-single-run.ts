// One call of a panel at a time, and how it went: busy, done (in words), or failed (in words, as
// `badStatus` puts the error). The Automaton and Faults pages' actions share it.
import { useRef, useState } from 'preact/hooks';
import type { Bilingual } from '../i18n/bilingual.js';

export type RunState<Bad extends { state: 'bad'; text: Bilingual }> = { state: 'idle' } | { state: 'busy' } | { state: 'ok'; text: Bilingual } | Bad;

export interface SingleRun<Bad extends { state: 'bad'; text: Bilingual }> {
  status: RunState<Bad>;
  busy: boolean;
  /** Runs `work` unless a run is under way; says `done` when it resolves, the error when it rejects (and rethrows). */
  run<T>(work: () => Promise<T>, done?: Bilingual | ((value: T) => Bilingual)): Promise<T | undefined>;
  fail(text: Bilingual): void;
  clear(): void;
}

export function useSingleRun<Bad extends { state: 'bad'; text: Bilingual }>(badStatus: (err: unknown) => Bad): SingleRun<Bad> {
  const [status, setStatus] = useState<RunState<Bad>>({ state: 'idle' });
  const running = useRef(false);
  return {
    status,
    busy: status.state === 'busy',
    async run(work, done) {
      if (running.current) return undefined;
      running.current = true;
      setStatus({ state: 'busy' });
      try {
        const value = await work();
        setStatus(done ? { state: 'ok', text: typeof done === 'function' ? done(value) : done } : { state: 'idle' });
        return value;
      } catch (err) {
        setStatus(badStatus(err));
        throw err;
      } finally {
        running.current = false;
      }
    },
    fail(text) {
      setStatus({ state: 'bad', text } as Bad);
    },
    clear() {
      setStatus({ state: 'idle' });
    },
  };
}
