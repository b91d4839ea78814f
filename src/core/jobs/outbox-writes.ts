/**
 * The outbox's writes per post, each group-committed (`group-commit.ts`): the attempt counted before the platform
 * call, the post recorded as sent after it, and a thread opened under it. All are fenced by this process's claim.
 */
import type { Clock } from '../clock.js';
import type { PostedMessage } from '../ports.js';
import type { DeliveryStore, SentEntry, ThreadEntry, ThreadOpening, ThreadRecorded } from './deliveries.js';
import { GroupCommit, type Keyed } from './group-commit.js';

export interface OutboxWrites {
  /** The delivery's new attempt count once it is durable, or undefined when the claim is lost. */
  attempt(key: string): Promise<number | undefined>;
  /** True once the post is recorded as sent; false when the claim is lost. */
  sent(key: string, posted: PostedMessage, release: boolean): Promise<boolean>;
  /** `DeliveryStore.recordThread` for this process's claim. */
  thread(key: string, opening: ThreadOpening): Promise<ThreadRecorded>;
}

export function outboxWrites(store: DeliveryStore, clock: Clock, holder: string, leaseMs: number): OutboxWrites {
  const attempts = new GroupCommit<Keyed, number>((items) =>
    store.recordAttempts(
      items.map((item) => item.key),
      holder,
      clock.now(),
      leaseMs,
    ),
  );
  const sent = new GroupCommit<SentEntry, true>(async (entries) => {
    const marked = await store.markSentAll(entries, holder, clock.now());
    return new Map([...marked].map((key) => [key, true as const]));
  });
  const threads = new GroupCommit<ThreadEntry, ThreadRecorded>((entries) =>
    store.recordThreads(entries, holder, clock.now(), leaseMs),
  );
  return {
    attempt: (key) => attempts.write({ key }),
    sent: async (key, posted, release) => (await sent.write({ key, posted, release })) === true,
    thread: async (key, opening) => (await threads.write({ key, opening })) ?? { marked: false },
  };
}
