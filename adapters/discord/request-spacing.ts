/**
 * Keeps this process under the bot's global request limit by spacing its REST requests
 * evenly, rather than discovering the limit with a 429. discord.js counts the global limit
 * in fixed one-second windows that start at a window's first request: a process can then
 * send a window's whole share in its last milliseconds and the next share just after, twice
 * its rate within one second as Discord may measure it. Requests that leave at least
 * 1/`perSecond` apart put at most `perSecond` (rounded up) in any second, so processes whose shares add up to 50
 * stay under 50 together. A 5% wider spacing absorbs a request that leaves a few
 * milliseconds late. Interaction answers and webhooks are left unspaced: Discord does not
 * count them against the global limit, and they have a 3-second deadline.
 */
import { countedInTurn, type MakeRequest } from './counted-requests.js';

const SPACING_MARGIN = 1.05;

export function spacedRequests(perSecond: number, makeRequest: MakeRequest): MakeRequest {
  const intervalMs = (1000 * SPACING_MARGIN) / perSecond;
  let lastSent = -Infinity;
  // Spaced from when each request really leaves, not from slots planned ahead: after the event
  // loop was busy, requests whose slots have passed must not leave together in a burst.
  const turn = async (): Promise<void> => {
    const wait = lastSent + intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastSent = Date.now();
  };
  return countedInTurn(turn, makeRequest);
}
