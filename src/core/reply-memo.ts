/**
 * Replies that depend only on data that cannot change under them (an agenda catalog, which is
 * replaced rather than edited, or a search result, which the search cache freezes and shares)
 * and on the words asked: built once per owner and key, then handed out again. `help` is the
 * same several kilobytes for everyone until the agenda changes, and a challenge looked up by
 * one reader is looked up by the next. Kept replies are frozen all the way down, so no caller
 * can change what the next one gets, and adapters may keep their rendering of a kept reply
 * (see `isSettled`). A new owner (a reloaded agenda) starts empty; the old one's replies go
 * with it.
 */
import { setNewest } from './bounded-map.js';
import type { Reply } from './message.js';

/** Enough for the lookups of a busy hour; each entry is one reply. */
export const REPLY_MEMO_ENTRIES = 256;

export class ReplyMemo<Owner extends object> {
  readonly #byOwner = new WeakMap<Owner, Map<string, { readonly reply: Reply; readonly alsoFrom?: object }>>();

  constructor(private readonly capacity = REPLY_MEMO_ENTRIES) {}

  /**
   * The reply kept for `owner` and `key`, or the one `build` makes (kept unless it throws). `alsoFrom`
   * names one more object the reply was built from: a reply kept with another one is built again.
   */
  get(owner: Owner, key: string, build: () => Reply, alsoFrom?: object): Reply {
    let entries = this.#byOwner.get(owner);
    if (!entries) {
      entries = new Map();
      this.#byOwner.set(owner, entries);
    }
    const kept = entries.get(key);
    if (kept !== undefined && kept.alsoFrom === alsoFrom) return kept.reply;
    const reply = deepFreeze(build());
    settled.add(reply);
    setNewest(entries, key, alsoFrom === undefined ? { reply } : { reply, alsoFrom }, this.capacity);
    return reply;
  }
}

const settled = new WeakSet<Reply>();

/** Whether `reply` is a kept one, which can no longer change: its rendering may then be kept too. */
export function isSettled(reply: Reply): boolean {
  return settled.has(reply);
}

/**
 * A platform's `render`, done once for each kept reply (which cannot change) and kept beside it, frozen: callers
 * copy the rendering, never change it. Other replies are rendered at every call.
 */
export function renderOnceIfKept<R>(render: (reply: Reply) => R): (reply: Reply) => R {
  const renderings = new WeakMap<Reply, R>();
  return (reply) => {
    if (!isSettled(reply)) return render(reply);
    let rendering = renderings.get(reply);
    if (rendering === undefined) {
      rendering = deepFreeze(render(reply));
      renderings.set(reply, rendering);
    }
    return rendering;
  };
}

/** Freezes `value` and everything it holds (kept replies and their renderings are shared). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
