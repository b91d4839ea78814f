/**
 * The part every pace for Discord's global request limit shares: the requests that limit counts take their
 * turns one at a time, in order; interaction answers and webhooks go at once (Discord does not count them,
 * and they have a 3-second deadline). How long a turn waits is the pace's own.
 */
import type { RESTOptions } from '@discordjs/rest';

export type MakeRequest = RESTOptions['makeRequest'];

const UNCOUNTED = /\/(?:interactions|webhooks)\//u;

/** `makeRequest`, with each counted request first waiting for `turn` after the one before it. */
export function countedInTurn(turn: () => Promise<void>, makeRequest: MakeRequest): MakeRequest {
  let queue: Promise<void> = Promise.resolve();
  return async (url, init) => {
    if (!UNCOUNTED.test(url)) {
      const mine = queue.then(turn);
      queue = mine;
      await mine;
    }
    return makeRequest(url, init);
  };
}
