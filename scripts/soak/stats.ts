/** Per-minute figures of a soak run: requests, 5xx, other failures, p50 and p99 latency, from raw samples. */
export interface MinuteFigures {
  minute: number;
  requests: number;
  serverErrors: number;
  otherFailures: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export class MinuteBuckets {
  readonly #started: number;
  readonly #buckets: Array<{ latencies: number[]; serverErrors: number; otherFailures: number }> = [];
  /** Each failed exchange's status and what it was, counted: the report names what failed. */
  readonly failures = new Map<string, number>();

  constructor(started: number) {
    this.#started = started;
  }

  /** One HTTP exchange: its status (0 when it failed without one) and how long it took. */
  record(at: number, status: number, ms: number, what = ''): void {
    if (status === 0 || status >= 400) this.failures.set(`${status} ${what}`, (this.failures.get(`${status} ${what}`) ?? 0) + 1);
    const index = Math.floor((at - this.#started) / 60_000);
    const bucket = (this.#buckets[index] ??= { latencies: [], serverErrors: 0, otherFailures: 0 });
    bucket.latencies.push(ms);
    if (status >= 500) bucket.serverErrors++;
    else if (status === 0 || status >= 400) bucket.otherFailures++;
  }

  figures(): MinuteFigures[] {
    return [...this.#buckets.entries()].filter(([, b]) => b !== undefined).map(([index, b]) => {
      const sorted = [...b.latencies].sort((x, y) => x - y);
      return { minute: index + 1, requests: sorted.length, serverErrors: b.serverErrors, otherFailures: b.otherFailures, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    });
  }
}
