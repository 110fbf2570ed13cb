/** Anything that can be moved forward in simulated time (a World). */
export interface Advanceable {
  advance(ms: number): void;
}

export interface ClockOptions {
  /** Simulated milliseconds per real millisecond (1 = real time). */
  speed: number;
  /** Real milliseconds between ticks (default 250). */
  tickMs?: number;
}

/**
 * Drives a world from the real clock. The timer is unref'd so it never keeps the process alive on
 * its own; call the returned function to stop it.
 */
export function startClock(world: Advanceable, options: ClockOptions): () => void {
  const tickMs = options.tickMs ?? 250;
  const timer = setInterval(() => world.advance(tickMs * options.speed), tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
