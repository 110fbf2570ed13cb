/** The kinds of trouble the demo account can cause, as Azure causes them under load. */
export type FaultKind = "throttle" | "unavailable" | "reset";

export interface FaultSettings {
  /** Share of requests answered 429 with Retry-After (0..1). */
  throttle: number;
  /** Share of requests answered 503 with Retry-After (0..1). */
  unavailable: number;
  /** Share of connections reset without an answer (0..1). */
  reset: number;
  /** Latency added to every request, in milliseconds. */
  latencyMs: number;
  /** Retry-After, in seconds, on injected 429 and 503 answers. */
  retryAfterSeconds: number;
  /** Services the shares apply to; all when empty. Scripted faults apply everywhere. */
  services: string[];
}

export interface Fault {
  kind: FaultKind;
  retryAfterSeconds: number;
}

export const noFaults: FaultSettings = {
  throttle: 0,
  unavailable: 0,
  reset: 0,
  latencyMs: 0,
  retryAfterSeconds: 5,
  services: [],
};

/**
 * Parses `--faults throttle=0.1,unavailable=0.05,reset=0.01,latency=200,retry-after=3`. Returns an
 * error message instead of throwing, so the command line can print it in one line.
 */
export function parseFaultSpec(spec: string): FaultSettings | string {
  const settings: FaultSettings = { ...noFaults, services: [] };
  for (const part of spec.split(",").filter(Boolean)) {
    const [name = "", raw = ""] = part.split("=");
    const value = Number(raw);
    if (raw === "" || !Number.isFinite(value) || value < 0) {
      return `--faults: "${part}" needs a non-negative number, e.g. throttle=0.1`;
    }
    const isShare = name === "throttle" || name === "unavailable" || name === "reset";
    if (isShare && value > 1) return `--faults: ${name} is a share of requests between 0 and 1, got ${raw}`;
    if (isShare) settings[name] = value;
    else if (name === "latency") settings.latencyMs = value;
    else if (name === "retry-after") settings.retryAfterSeconds = value;
    else return `--faults: unknown fault "${name}"; use throttle, unavailable, reset, latency or retry-after`;
  }
  return settings;
}

/**
 * Decides, request by request, whether a fault answers instead of the service. Random shares use a
 * seeded generator so a drill replays the same way; scripted faults (`injectNext`) let a test say
 * exactly which requests fail.
 */
export class FaultInjector {
  private settings: FaultSettings;
  private readonly scripted: Fault[] = [];
  private state: number;

  constructor(settings: FaultSettings = noFaults, seed = 1) {
    this.settings = settings;
    this.state = seed >>> 0 || 1;
  }

  configure(settings: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  current(): FaultSettings {
    return this.settings;
  }

  /** The next `count` requests (of any service) are answered with this fault. */
  injectNext(kind: FaultKind, count = 1, retryAfterSeconds = this.settings.retryAfterSeconds): void {
    for (let i = 0; i < count; i++) this.scripted.push({ kind, retryAfterSeconds });
  }

  latencyMs(): number {
    return this.settings.latencyMs;
  }

  next(service: string): Fault | undefined {
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    const { services, throttle, unavailable, reset, retryAfterSeconds } = this.settings;
    if (services.length > 0 && !services.includes(service)) return undefined;
    if (throttle + unavailable + reset === 0) return undefined;
    const roll = this.random();
    if (roll < throttle) return { kind: "throttle", retryAfterSeconds };
    if (roll < throttle + unavailable) return { kind: "unavailable", retryAfterSeconds };
    if (roll < throttle + unavailable + reset) return { kind: "reset", retryAfterSeconds };
    return undefined;
  }

  /** xorshift32: tiny, seedable, good enough to pick which requests fail. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x1_0000_0000;
  }
}
