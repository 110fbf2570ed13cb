/** One request as the demo account saw it: what tests and benchmarks count. */
export interface LoggedRequest {
  /** Sequence number, so a test can take a mark and read what came after it. */
  seq: number;
  time: Date;
  service: string;
  method: string;
  path: string;
  query: string;
  status: number;
  /** Request body bytes received. */
  requestBytes: number;
  /** Response body bytes sent. */
  responseBytes: number;
  durationMs: number;
  /** The injected fault, when one answered instead of the service. */
  fault?: string;
}

const defaultCapacity = 100_000;

/** A bounded, in-memory log of requests; the oldest entries go first once it is full. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = defaultCapacity) {}

  record(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    const logged = { ...entry, seq: this.nextSeq++ };
    this.entries.push(logged);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return logged;
  }

  /** The sequence number the next request will get: pass it to `since` later. */
  mark(): number {
    return this.nextSeq;
  }

  since(mark: number): LoggedRequest[] {
    return this.entries.filter((entry) => entry.seq >= mark);
  }

  all(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
