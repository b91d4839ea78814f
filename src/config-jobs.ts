/** How this process takes part in scheduled work, read for `loadConfig`. */

/** What `jobsConfig` needs from the settings reader: numbers in a range, and a list of problems. */
export interface NumberSettings {
  number(key: string, fallback: number, min: number, max: number): number;
  readonly problems: string[];
}

/** How this process takes part in scheduled work; several processes may share one database. */
export interface JobsConfig {
  /** Deliveries in flight at once (`DELIVERY_CONCURRENCY`). */
  readonly concurrency: number;
  /** How long a claimed delivery stays this process's (`DELIVERY_LEASE_SECONDS`); also bounds crash recovery. */
  readonly leaseMs: number;
  /** Seconds between sweeps (`SWEEP_EVERY_SECONDS`, 60 = once a minute). */
  readonly sweepEverySeconds: number;
}

/**
 * Defaults: 160 deliveries in flight keep Slack's workspace pace even though each item holds its
 * slot through its thread message's second after the card, and fill Discord's 50 requests/s; a 5-minute lease
 * outlasts the slowest call with its retries.
 */
export function jobsConfig(read: NumberSettings): JobsConfig {
  const sweepEverySeconds = read.number('SWEEP_EVERY_SECONDS', 60, 1, 60);
  if (60 % sweepEverySeconds !== 0) {
    read.problems.push(`SWEEP_EVERY_SECONDS=${sweepEverySeconds} must divide 60 (e.g. 1, 5, 30, 60).`);
  }
  return {
    concurrency: read.number('DELIVERY_CONCURRENCY', 160, 1, 512),
    leaseMs: read.number('DELIVERY_LEASE_SECONDS', 300, 1, 3600) * 1000,
    sweepEverySeconds,
  };
}
