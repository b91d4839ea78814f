/**
 * The proxy's pace for the whole bot: at most `limit` requests leave in any 1,000 ms (a window that slides,
 * so no edge between two windows lets a double share through, as discord.js's fixed windows do), at least
 * `minGapMs` apart. Even spacing (`request-spacing.ts`) keeps one process's share, but it counts each gap from
 * when the previous request really left, so every late turn of a busy event loop is time lost for good; on a
 * loaded machine the bot then ran at 42 of 50 per second. Counting the last second instead makes up for a late
 * turn while staying under the limit. `limit` sits 5 below the bot's 50 and no two leave closer than Discord's
 * even gap (20 ms), which leaves room for requests that leave a second apart but arrive closer together: in the
 * cluster bench on a loaded machine, 47 with 10 ms and 46 with 15 ms each let two global 429s through; 45 with
 * 20 ms none, at 45 requests per second sustained.
 * Interaction answers and webhooks are not counted: Discord does not count them, and they have a deadline.
 */
import { countedInTurn, type MakeRequest } from '../counted-requests.js';

const WINDOW_MS = 1000;

export interface WindowPace {
  readonly limit: number;
  readonly minGapMs: number;
}

/** The pace for a bot allowed `perSecond` requests per second: 5 fewer per window, at least the even gap apart. */
export function paceFor(perSecond: number): WindowPace {
  return { limit: Math.max(1, perSecond - 5), minGapMs: WINDOW_MS / perSecond };
}

/** Time as the pace sees it (tests pass a clock they move themselves). */
export interface PaceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function windowedRequests(pace: WindowPace, makeRequest: MakeRequest, clock = realClock): MakeRequest {
  const sent: number[] = [];
  const turn = async (): Promise<void> => {
    for (;;) {
      const at = clock.now();
      while (sent.length > 0 && (sent[0] ?? 0) <= at - WINDOW_MS) sent.shift();
      const last = sent.at(-1) ?? -Infinity;
      const wait = Math.max(sent.length < pace.limit ? 0 : (sent[0] ?? at) + WINDOW_MS - at, last + pace.minGapMs - at);
      if (wait <= 0) {
        sent.push(at);
        return;
      }
      await clock.sleep(wait);
    }
  };
  return countedInTurn(turn, makeRequest);
}
