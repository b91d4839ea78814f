/**
 * The adapter's error boundary for Slack calls: a failed Web API call (or a failed
 * response_url post) is logged with a reference id, and the user gets a short
 * message with that id, or a specific one when Slack said why (bot not in channel).
 */
import { internalErrorText, referenceId } from '../../src/core/errors.js';
import { ephemeralText, type Reply } from '../../src/core/message.js';
import type { Logger } from '../../src/log.js';
import { describeError } from './slack-errors.js';

/** The text a user sees for a Slack failure; always quotes the reference id. */
export function failureText(code: string, ref: string): string {
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return `I could not post there: I am not a member of this conversation. Invite me with \`/invite @agendabot\` and try again (reference ${ref}).`;
    case 'is_archived':
      return `I could not post there: the channel is archived (reference ${ref}).`;
    case 'ratelimited':
      return `Slack asked me to slow down. Please try again in a minute (reference ${ref}).`;
    default:
      return internalErrorText(ref);
  }
}

/**
 * Logs `error` with a new reference id and tells the user through `tell`. If telling
 * fails too, that is logged under the same id: nothing is silenced, nothing is thrown.
 */
export async function reportFailure(
  logger: Logger,
  error: unknown,
  fields: object,
  tell: (reply: Reply) => Promise<unknown>,
): Promise<string> {
  const ref = referenceId();
  const described = describeError(error);
  logger.error({ ref, ...fields, error: described }, 'slack call failed');
  try {
    await tell(ephemeralText(failureText(described.code, ref)));
  } catch (second) {
    logger.error({ ref, ...fields, error: describeError(second) }, 'could not tell the user about a failed slack call');
  }
  return ref;
}
