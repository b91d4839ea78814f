/**
 * The first interaction callback for a kept reply, serialized once. discord.js builds a reply's
 * message body (`MessagePayload`) and the REST client serializes it for every request: several
 * kilobytes of embeds and buttons for `help`, the same bytes each time, since a kept reply cannot
 * change. Here discord.js's own `MessagePayload` builds the body once per kept reply, and the REST
 * client sends the kept bytes as they are (`passThroughBody`), to the route with the query and headers
 * `interaction.reply` uses. The interaction then records that it was answered, as `reply` does, so
 * a later follow-up, edit or error reply goes the way it would have gone.
 */
import {
  InteractionResponseType,
  MessagePayload,
  Routes,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import { isSettled } from '../../src/core/reply-memo.js';
import type { Reply } from '../../src/core/message.js';

const bodies = new WeakMap<Reply, Buffer>();
/** The query `interaction.reply` sends; the REST client only reads it. */
const WITHOUT_RESPONSE = new URLSearchParams({ with_response: 'false' });

/**
 * Answers a command with `reply` in the first callback: a kept reply as its kept bytes, any other
 * (or one discord.js would give a nonce of its own) through `interaction.reply`, which also refuses
 * an interaction already answered.
 */
export async function replyOnce(
  interaction: ChatInputCommandInteraction,
  reply: Reply,
  options: () => InteractionReplyOptions,
  ephemeral: boolean,
): Promise<void> {
  const keepable = isSettled(reply) && interaction.client.options.enforceNonce !== true;
  if (!keepable || interaction.deferred || interaction.replied) {
    await interaction.reply(options());
    return;
  }
  await postCallbackBytes(interaction, keptBody(interaction, reply, options), WITHOUT_RESPONSE);
  interaction.ephemeral = ephemeral;
  interaction.replied = true;
}

/**
 * Posts a callback body already serialized to the interaction's callback route, as discord.js's REST client posts
 * one (no bot token: the interaction's own token is in the route). The bytes go as they are (`passThroughBody`).
 */
export async function postCallbackBytes(
  interaction: BaseInteraction,
  body: Buffer,
  query?: URLSearchParams,
): Promise<void> {
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body,
    passThroughBody: true,
    headers: { 'Content-Type': 'application/json' },
    auth: false,
    ...(query ? { query } : {}),
  });
}

/** The callback's body as UTF-8 bytes, which the HTTP client sends as they are (a text it would encode each time). */
function keptBody(
  interaction: ChatInputCommandInteraction,
  reply: Reply,
  options: () => InteractionReplyOptions,
): Buffer {
  let body = bodies.get(reply);
  if (body === undefined) {
    const { body: data } = MessagePayload.create(interaction, options()).resolveBody();
    body = Buffer.from(JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data }));
    bodies.set(reply, body);
  }
  return body;
}
