import { useEffect, useState } from 'preact/hooks';
import type { Observable } from './observable.js';

/** The current value of an observable; the component re-renders when it changes. */
export function useObservable<T>(observable: Observable<T>): T {
  const [value, setValue] = useState<T>(() => observable.get());
  useEffect(() => {
    setValue(() => observable.get());
    return observable.subscribe((next) => setValue(() => next));
  }, [observable]);
  return value;
}

/**
 * Like useObservable, but renders at most once per `ms`: for views that are costly to render
 * and need not change sixty times a second (a dialogue streaming hundreds of lines a second).
 */
export function useThrottledObservable<T>(observable: Observable<T>, ms: number): T {
  const [value, setValue] = useState<T>(() => observable.get());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    setValue(() => observable.get());
    const unsubscribe = observable.subscribe(() => {
      if (timer !== undefined) return;
      const wait = Math.max(0, last + ms - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = performance.now();
        const next = observable.get();
        setValue(() => next);
      }, wait);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [observable, ms]);
  return value;
}
