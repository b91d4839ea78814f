/**
 * Discord failures as the core's `DeliveryError` with a neutral reason: the channel,
 * message, guild or user is gone, or the bot lost access or rights (retrying cannot help,
 * so the core pauses what caused it). Everything else (5xx after the REST retries,
 * network) is transient. Rate limits rarely surface here: the REST queue waits them out.
 */
import { DiscordAPIError, HTTPError } from 'discord.js';
import { DeliveryError, type FailureReason } from '../../src/core/ports.js';

/** What Discord's JSON error codes mean to the core. */
const DISCORD_REASONS: ReadonlyMap<number, FailureReason> = new Map<number, FailureReason>([
  [10003, 'gone'], // Unknown Channel
  [10004, 'gone'], // Unknown Guild
  [10007, 'gone'], // Unknown Member
  [10008, 'gone'], // Unknown Message
  [10013, 'gone'], // Unknown User
  [50083, 'gone'], // Operation on an archived thread
  [50001, 'no-access'], // Missing Access
  [50007, 'no-access'], // Cannot send messages to this user
  [50013, 'no-access'], // Missing Permissions
  [160005, 'no-access'], // Thread is locked
  [50003, 'rejected'], // Cannot execute action on a DM channel
]);

/** What an owner can do about the commonest refusals, in words (shown when a post is paused). */
const DISCORD_EXPLANATIONS: ReadonlyMap<number, string> = new Map([
  [10003, 'the channel no longer exists'],
  [50001, 'the bot has no access to the channel'],
  [50007, 'the bot cannot send you direct messages (check your privacy settings)'],
  [50013, 'the bot lacks permission to post there'],
]);

/** A Discord API refusal as the core's neutral reason; HTTP status decides for codes not listed. */
export function discordFailureReason(code: number, status: number): FailureReason {
  const known = DISCORD_REASONS.get(code);
  if (known) return known;
  if (status === 404) return 'gone';
  if (status === 401 || status === 403) return 'no-access';
  if (status === 429) return 'rate-limited';
  return 'transient';
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const reason = discordFailureReason(code, error.status);
    const message = `Discord refused ${error.method} ${routeOf(error.url)}: ${error.message}`;
    return new DeliveryError('discord', String(error.code), reason, message, DISCORD_EXPLANATIONS.get(code));
  }
  if (error instanceof HTTPError) {
    const reason = error.status === 429 ? 'rate-limited' : 'transient';
    return new DeliveryError(
      'discord',
      `http-${error.status}`,
      reason,
      `Discord answered ${error.status} to ${error.method} ${routeOf(error.url)}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError('discord', 'network', 'transient', `Could not reach Discord: ${message}`);
}

/** The path only: interaction and webhook URLs carry tokens, which never go into errors or logs. */
function routeOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/(webhooks|interactions)\/(\d+)\/[^/]+/u, '/$1/$2/[token]');
  } catch {
    return '[url]';
  }
}

/**
 * An error as log fields without secrets: Discord errors carry the request URL, and
 * interaction and webhook URLs contain a token that would let anyone answer as the bot.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      name: error.name,
      message: error.message,
      status: error.status,
      method: error.method,
      route: routeOf(error.url),
      ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
