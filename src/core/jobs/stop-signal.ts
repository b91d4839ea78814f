/**
 * How an outbox stops without holding on to work it has not started. Once `stop()` is called,
 * every wait made through `interruptible` sleeps ends at once with `STOPPED`: a delivery still
 * waiting for its pace slot (counted, claimed, nothing sent) is then handed back, due now and its
 * attempt taken back, so another process takes it at once instead of after the claim's lease.
 * A delivery whose platform call has begun is never interrupted: it has no wait left.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../../log.js';
import type { DeliveryRecord, DeliveryStore } from './deliveries.js';

/** The rejection of a wait cut short by `stop()` (one instance: compared by identity, never shown). */
export const STOPPED = new Error('the outbox is stopping');

type Sleep = (ms: number) => Promise<void>;

export class StopSignal {
  #stopped = false;
  #wake: () => void = () => undefined;
  readonly #woken = new Promise<void>((resolve) => {
    this.#wake = resolve;
  });

  get stopped(): boolean {
    return this.#stopped;
  }

  stop(): void {
    this.#stopped = true;
    this.#wake();
  }

  /** `sleep`, but rejecting with `STOPPED` as soon as the signal is (or was already) given. */
  interruptible(sleep: Sleep): Sleep {
    const stopped = this.#woken.then(() => Promise.reject(STOPPED));
    // Never left unhandled when no wait is running at the time of the stop.
    stopped.catch(() => undefined);
    return (ms) => (this.#stopped ? stopped : Promise.race([sleep(ms), stopped]));
  }
}

/** Gives a claimed delivery back untouched: claimable again now, by any process, with its attempt taken back. */
export async function handBack(
  deps: { readonly store: DeliveryStore; readonly clock: Clock; readonly logger: Logger },
  record: DeliveryRecord,
  holder: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.retryLater(record.key, holder, { at: now, uncount: record.state === 'pending' }, now);
  deps.logger.info({ key: record.key }, 'handed back a delivery not yet started: this process is stopping');
}
