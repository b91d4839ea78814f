/**
 * Single-token mode's start-up check: asks Slack who the bot token belongs to (`auth.test`)
 * before anything listens or delivers, and learns which workspace the app serves.
 */
import type { webApi } from '@slack/bolt';
import type { BotIdentity } from './app.js';
import { slackErrorCode } from './slack-errors.js';

/** The bot's identity; a refused token stops start-up with a message naming the setting, never its value. */
export async function checkBotToken(client: webApi.WebClient): Promise<BotIdentity> {
  try {
    const identity = await client.auth.test();
    return { teamId: identity.team_id ?? '', botUserId: identity.user_id ?? '', botId: identity.bot_id ?? '' };
  } catch (error) {
    // No `cause` on the errors below, on purpose: Slack's error can carry the request, bot token included, and
    // start-up logs the error whole. The code is all an operator needs.
    const code = slackErrorCode(error);
    if (code === 'request_failed' || code.startsWith('http_')) {
      // eslint-disable-next-line preserve-caught-error -- see above: keep the token out of the log
      throw new Error(`Could not reach Slack's Web API (auth.test: ${code}). Check the network and SLACK_API_URL.`);
    }
    // eslint-disable-next-line preserve-caught-error -- see above: keep the token out of the log
    throw new Error(
      `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}). Check the Bot User OAuth Token (xoxb-…) and SLACK_API_URL.`,
    );
  }
}
