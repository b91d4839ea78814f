/**
 * Discord failures as the core's `DeliveryError`. Permanent: the channel, message, guild
 * or user is gone, or the bot lost access or rights; retrying cannot help, so the core
 * pauses what caused it. Everything else (5xx after the REST retries, network) is
 * transient. Rate limits never surface here: the REST queue waits them out.
 */
import { DiscordAPIError, HTTPError } from 'discord.js';
import { DeliveryError } from '../../src/core/ports.js';

/** Discord JSON error codes after which a retry cannot succeed. */
export const PERMANENT_CODES: ReadonlySet<number> = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  10007, // Unknown Member
  10008, // Unknown Message
  10013, // Unknown User
  50001, // Missing Access
  50003, // Cannot execute action on a DM channel
  50007, // Cannot send messages to this user
  50013, // Missing Permissions
  50083, // Operation on an archived thread
  160005, // Thread is locked
]);

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const permanent = PERMANENT_CODES.has(code) || error.status === 401 || error.status === 403 || error.status === 404;
    return new DeliveryError('discord', String(error.code), permanent, `Discord refused ${error.method} ${routeOf(error.url)}: ${error.message}`);
  }
  if (error instanceof HTTPError) {
    return new DeliveryError('discord', `http-${error.status}`, false, `Discord answered ${error.status} to ${error.method} ${routeOf(error.url)}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError('discord', 'network', false, `Could not reach Discord: ${message}`);
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
