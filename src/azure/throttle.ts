import { AzureRequestError, EndpointUnreachableError, toAzureRequestError } from "./azureError.js";
import { systemClock, type Clock } from "./clock.js";
import { ReadOnlyRefusalError } from "./readOnlyGuard.js";

/** How long a request may go unanswered before it is abandoned, unless the options say otherwise. */
export const defaultRequestTimeoutMs = 30_000;

export interface ThrottleOptions {
  /** Requests to the account in flight at once. */
  maxConcurrent?: number;
  /** A request without an answer after this long is aborted. */
  timeoutMs?: number;
  /** Tries per read, the first included; writes are always tried once. */
  maxAttempts?: number;
  /** The first backoff after a failure without Retry-After; it doubles per consecutive failure. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  clock?: Clock;
  /** In [0, 1); spreads backoffs so clients that failed together do not retry together. */
  random?: () => number;
}

/** Why no request to the account may leave yet. */
export type ThrottleBlock =
  /** 429 with Retry-After. */
  | "throttled"
  /** 503 with Retry-After. */
  | "unavailable"
  /** The endpoint could not be reached: refused, DNS, TLS, no route. */
  | "unreachable"
  /** Other failures: 5xx, timeouts, connection resets. */
  | "backoff";

/** What the store shows next to stale data: "stale 34 s: 429 throttled, retrying in 12 s". */
export interface ThrottleState {
  /** Epoch milliseconds before which no request leaves; absent when requests may go now. */
  blockedUntil?: number;
  blockedBy?: ThrottleBlock;
  consecutiveFailures: number;
  /** The latest failure, cleared by the next success. */
  lastError?: AzureRequestError;
  /** What the latest failure says about the account, cleared with it. */
  lastFailure?: Exclude<FailureKind, "final">;
  inFlight: number;
  /** Requests waiting for the gate to open or for a free slot. */
  waiting: number;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** False for mutations: a retry could apply a resize or a reboot twice. */
  retry?: boolean;
}

/** How a failure bears on the account. */
export type FailureKind = "retry-after" | "unreachable" | "transient" | "final";

export function classifyFailure(error: AzureRequestError): FailureKind {
  if (error instanceof ReadOnlyRefusalError) return "final";
  if (error instanceof EndpointUnreachableError) return "unreachable";
  const status = error.statusCode;
  if ((status === 429 || status === 503) && error.retryAfterMs !== undefined) return "retry-after";
  // No status means no answer: a reset, a refused connection or a timeout.
  if (status === undefined || status === 408 || status === 429 || status >= 500) return "transient";
  return "final";
}

/**
 * "Equal jitter": half the exponential delay is fixed, half random, so retries spread out yet never
 * come sooner than half the delay. `failures` counts from 1.
 */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

function timeoutError(timeoutMs: number): AzureRequestError {
  return new AzureRequestError(
    `no answer within ${timeoutMs / 1000} s; the request was abandoned`,
    undefined,
    "RequestTimeout",
    undefined,
    undefined,
  );
}

/**
 * One account's request gate. The SDKs' own retries are off; this decides when a request may
 * leave: never while a Retry-After from that account runs (whichever request received it), never
 * more than `maxConcurrent` at once, and after other failures only once a jittered backoff passed.
 *
 * An unreachable endpoint is not retried within one read: the caller hears of it at once (a poller
 * asks again on its own rhythm, behind the backoff), where retrying first kept the screen on
 * "loading…" for 20 s and `snapshot` silent for 30 s.
 */
export class AccountThrottle {
  private readonly maxConcurrent: number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;

  private blockedUntil = 0;
  private blockedBy: ThrottleBlock | undefined;
  private consecutiveFailures = 0;
  /**
   * Counts the failures recorded so far. Requests sent together fail together: only a request that
   * left after the latest recorded failure adds to consecutiveFailures, so an overview's three
   * parallel reads refused at once are one failure, and the backoff doubles per round, not per read.
   */
  private failureGeneration = 0;
  private lastError: AzureRequestError | undefined;
  private lastFailure: Exclude<FailureKind, "final"> | undefined;
  private inFlight = 0;
  private waiting = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: ThrottleOptions = {}) {
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  state(): ThrottleState {
    const blocked = this.blockedUntil > this.clock.now();
    return {
      // blockedBy is set with blockedUntil, so it is there whenever a block is.
      ...(blocked && this.blockedBy ? { blockedUntil: this.blockedUntil, blockedBy: this.blockedBy } : {}),
      consecutiveFailures: this.consecutiveFailures,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}),
      inFlight: this.inFlight,
      waiting: this.waiting,
    };
  }

  /**
   * Calls `listener` whenever a failure or a recovery changes state(): a screen shows a 429 while
   * the read that got it still waits to retry, not only once the read gives up.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends one request (`operation` must honour the signal it is given) under the account's rules. */
  async run<T>(operation: (signal: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const { signal, retry = true } = options;
    for (let attempt = 1; ; attempt++) {
      await this.admit(signal);
      const generation = this.failureGeneration;
      try {
        const result = await this.attempt(operation, signal);
        this.succeeded();
        return result;
      } catch (caught) {
        const error = toAzureRequestError(caught);
        if (signal?.aborted) throw error;
        const kind = this.failed(error, generation);
        if (kind === "final" || kind === "unreachable" || !retry || attempt >= this.maxAttempts) throw error;
      } finally {
        this.releaseSlot();
      }
    }
  }

  /** Waits until the gate is open and a slot is free, and takes the slot. */
  private async admit(signal: AbortSignal | undefined): Promise<void> {
    this.waiting += 1;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const wait = this.blockedUntil - this.clock.now();
        if (wait > 0) {
          await this.clock.sleep(wait, signal);
          continue;
        }
        await this.acquireSlot(signal);
        // A Retry-After may have arrived while this request queued for its slot.
        if (this.blockedUntil <= this.clock.now()) return;
        this.releaseSlot();
      }
    } catch (error) {
      throw toAzureRequestError(error);
    } finally {
      this.waiting -= 1;
    }
  }

  private acquireSlot(signal: AbortSignal | undefined): Promise<void> {
    if (this.inFlight < this.maxConcurrent) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.slotWaiters.indexOf(handOver);
        if (index !== -1) this.slotWaiters.splice(index, 1);
        reject(signal?.reason);
      };
      // The releasing request hands its slot over: inFlight stays the same.
      const handOver = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.slotWaiters.push(handOver);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next) next();
    else this.inFlight -= 1;
  }

  private async attempt<T>(
    operation: (signal: AbortSignal) => Promise<T>,
    callerSignal: AbortSignal | undefined,
  ): Promise<T> {
    const request = new AbortController();
    const forwardAbort = () => request.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", forwardAbort, { once: true });
    const timer = new AbortController();
    // Races the operation, so a request that ignores its signal still cannot hold the caller.
    const timedOut = new Promise<never>((_, reject) => {
      this.clock.sleep(this.timeoutMs, timer.signal).then(
        () => {
          // Rejected before the abort, so the race reports the timeout, not the abort it causes.
          reject(timeoutError(this.timeoutMs));
          request.abort();
        },
        () => undefined,
      );
    });
    try {
      return await Promise.race([operation(request.signal), timedOut]);
    } finally {
      timer.abort();
      callerSignal?.removeEventListener("abort", forwardAbort);
    }
  }

  private succeeded(): void {
    const recovered = this.lastError !== undefined;
    this.consecutiveFailures = 0;
    this.lastError = undefined;
    this.lastFailure = undefined;
    // A Retry-After stands until it elapses; a backoff was only caution, and the account answers.
    if (this.blockedBy === "backoff" || this.blockedBy === "unreachable") this.blockedUntil = 0;
    if (recovered) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** `generation`: failureGeneration when the failed request left. */
  private failed(error: AzureRequestError, generation: number): FailureKind {
    const kind = classifyFailure(error);
    // A 404 or a 409 is the service answering normally: the account is not in trouble.
    if (kind === "final") return kind;
    if (generation === this.failureGeneration) {
      this.consecutiveFailures += 1;
      this.failureGeneration += 1;
    }
    this.lastError = error;
    this.lastFailure = kind;
    const now = this.clock.now();
    if (kind === "retry-after") {
      this.block(now + (error.retryAfterMs ?? 0), error.statusCode === 429 ? "throttled" : "unavailable");
    } else {
      const pause = backoffDelay(
        this.consecutiveFailures,
        this.backoffBaseMs,
        this.backoffMaxMs,
        this.random,
      );
      this.block(now + pause, kind === "unreachable" ? "unreachable" : "backoff");
    }
    this.notify();
    return kind;
  }

  /** Extends the block, never shortens it: the longest wait any answer asked for wins. */
  private block(until: number, reason: ThrottleBlock): void {
    if (until <= this.blockedUntil) return;
    this.blockedUntil = until;
    this.blockedBy = reason;
  }
}
