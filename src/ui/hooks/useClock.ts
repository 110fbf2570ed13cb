import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from "react";

/**
 * The screen's one clock: what time it is, and a beat to re-read the time-dependent text by. A
 * component never re-renders because the clock beat: it re-renders when the text it draws from the
 * clock changes (see `useClockValue`), so an idle screen whose ages read "12m" commits nothing for a
 * minute, and a screen whose every string holds still commits nothing at all.
 */
export interface ScreenClock {
  now(): number;
  /** Called on every beat; returns how to stop. */
  subscribe(listener: () => void): () => void;
}

/**
 * A clock beating every `periodMs` on one timer for the whole screen, running only while something
 * listens (a screen showing no time-dependent text keeps no timer).
 */
export function intervalClock(periodMs = 1000, now: () => number = Date.now): ScreenClock {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const beat = () => {
    for (const listener of listeners) listener();
  };
  return {
    now,
    subscribe(listener) {
      listeners.add(listener);
      timer ??= setInterval(beat, periodMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };
}

/** The real clock, shared; tests provide their own through `ClockContext`. */
export const ClockContext = createContext<ScreenClock>(intervalClock());

export function useClock(): ScreenClock {
  return useContext(ClockContext);
}

/** Something else the value is read from, which says when it changes (the dashboard's store). */
export type Subscribe = (listener: () => void) => () => void;

/**
 * A value drawn from the clock, e.g. a row's text at `now`: read again on every beat, and the
 * component re-renders only when it differs from the last one read (by `same`, `Object.is` unless
 * told). `read` may change at every render; it is read at render too. Without `ticking` the value
 * is read at render only (a row with no age in it need not be read every second). `alsoOn` is read
 * too, at once when it says it changed (a memoised leaf is not re-rendered by its parent).
 */
export function useClockValue<T>(
  read: (now: number) => T,
  {
    same = Object.is,
    ticking = true,
    alsoOn,
  }: { same?: (a: T, b: T) => boolean; ticking?: boolean; alsoOn?: Subscribe } = {},
): T {
  const clock = useClock();
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = [ticking ? clock.subscribe(listener) : undefined, alsoOn?.(listener)];
      return () => stops.forEach((stop) => stop?.());
    },
    [clock, ticking, alsoOn],
  );
  // useSyncExternalStore wants the same value back while nothing changed: an equal value read again
  // (a new row object with the same text) is replaced by the one held.
  const held = useRef<{ value: T } | undefined>(undefined);
  const getValue = () => {
    const value = read(clock.now());
    if (held.current && same(held.current.value, value)) return held.current.value;
    held.current = { value };
    return value;
  };
  return useSyncExternalStore(subscribe, getValue);
}
