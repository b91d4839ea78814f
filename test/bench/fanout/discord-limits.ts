/**
 * Discord's global limit as the bench's fake enforces it (a parameter, not Discord's code): at
 * most `perSecond` requests from the bot in any second, counted when they arrive, across every
 * route and every process; past it, 429 with `retry_after` (seconds) and `X-RateLimit-Global`.
 * Interaction answers and webhooks are not counted, as on Discord.
 */
import type { GlobalLimiter } from '../../fakes/discord/index.js';

export function discordGlobalLimiter(perSecond: number): GlobalLimiter {
  const admitted: number[] = [];
  return (request, at) => {
    if (/^\/(?:interactions|webhooks)\//u.test(request.path)) return undefined;
    while (admitted.length > 0 && (admitted[0] ?? 0) <= at - 1000) admitted.shift();
    if (admitted.length >= perSecond) return Math.max(0.001, ((admitted[0] ?? at) + 1000 - at) / 1000);
    admitted.push(at);
    return undefined;
  };
}
