/**
 * Delivery keys name a post in the exactly-once ledger (`../jobs/deliveries.ts`), e.g.
 * `digest:4:2026-W02` or `rg:7:3:thread`. Each feature declares its key family once, and
 * builds and reads its keys only through it, so the prefix the outbox routes by cannot
 * drift from the keys a feature writes.
 */
export interface DeliveryKeys {
  /** What every key of the family starts with, colon included (`digest:`). */
  readonly prefix: string;
  /** The key made of these parts: `key(4, '2026-W02')` is `digest:4:2026-W02`. */
  key(...parts: readonly (string | number)[]): string;
  /** The parts after the prefix, or undefined when the key is not of this family. */
  parts(key: string): string[] | undefined;
}

export function deliveryKeys(name: string): DeliveryKeys {
  const prefix = `${name}:`;
  return {
    prefix,
    key: (...parts) => prefix + parts.join(':'),
    parts: (key) => (key.startsWith(prefix) ? key.slice(prefix.length).split(':') : undefined),
  };
}
