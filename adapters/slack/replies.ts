/**
 * Carrying out what the core answered: a command's reply, or an `ActionResult`
 * (open a form, replace the pressed message, post a new one). Failures go through
 * `reportFailure`, so the user always hears back, with a reference id.
 */
import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { ActionResult, Reply } from '../../src/core/message.js';
import type { Logger } from '../../src/log.js';
import type { PressOrigin } from './context.js';
import { reportFailure } from './failures.js';
import { renderModal } from './modal.js';
import { renderReply, type SlackMessage } from './render.js';
import { renderOnceIfKept } from '../../src/core/reply-memo.js';
import { asciiJson } from './ascii-json.js';

type WebClient = webApi.WebClient;

/** `renderReply`, once for each of the core's kept replies. */
export const renderedOnce = renderOnceIfKept<SlackMessage>(renderReply);

/** A reply as a `response_url` message: ephemeral unless the core asked for the channel. */
export function responseMessage(reply: Reply, replaceOriginal = false): RespondArguments {
  const { text, blocks } = renderedOnce(reply);
  return {
    response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
    replace_original: replaceOriginal,
    text,
    blocks,
  };
}

/** A reply as the body of a slash command's acknowledgment: the same message, nothing to replace. */
export function ackMessage(reply: Reply): RespondArguments {
  const { text, blocks } = renderedOnce(reply);
  return { response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', text, blocks };
}

/** `ackMessage` as ASCII JSON text (`ascii-json.ts`): serialized once for each kept reply, at every call for the others. */
export const ackJson = renderOnceIfKept<string>((reply) => asciiJson(ackMessage(reply)));

/** Where an action's result goes: the pressed message, its channel and the presser. */
export interface ResultTarget {
  readonly client: WebClient;
  /** The press's `response_url`; absent for form submissions. */
  readonly respond?: RespondFn;
  readonly origin: PressOrigin;
  readonly userId: string;
  readonly triggerId?: string;
}

/** Opens the form, replaces the message and posts the reply an `ActionResult` asks for. */
export async function applyResult(
  result: ActionResult,
  target: ResultTarget,
  logger: Logger,
  fields: object,
): Promise<void> {
  try {
    // A form first: its trigger id expires within seconds of the press.
    if (result.modal) {
      if (target.triggerId === undefined) throw new Error('a form can only be opened in answer to a button press');
      await target.client.views.open({ trigger_id: target.triggerId, view: renderModal(result.modal, target.origin) });
    }
    // A channel post goes first: were it refused, the presser's card must not already say it was made.
    const channelReply = result.reply?.visibility === 'channel' ? result.reply : undefined;
    if (channelReply) await postReply(channelReply, target);
    if (result.update) await replaceOrigin(result.update, target);
    if (result.reply && !channelReply) await postReply(result.reply, target);
  } catch (error) {
    await reportFailure(logger, error, fields, (reply) => tellUser(reply, target));
  }
}

async function replaceOrigin(reply: Reply, target: ResultTarget): Promise<void> {
  const { origin } = target;
  if (origin.messageTs === undefined) {
    // Ephemeral messages have no ts to update: only their response_url can replace them.
    if (!target.respond) throw new Error('nothing to replace: a form submission has no message of its own');
    await target.respond(responseMessage(reply, true));
    return;
  }
  const { text, blocks } = renderReply(reply);
  await target.client.chat.update({ channel: origin.channelId, ts: origin.messageTs, text, blocks });
}

/** Channel replies are real messages (in the thread, if pressed in one); ephemeral ones go to the presser. */
async function postReply(reply: Reply, target: ResultTarget): Promise<void> {
  const { origin } = target;
  const { text, blocks } = renderReply(reply);
  if (reply.visibility === 'channel') {
    await target.client.chat.postMessage({
      channel: origin.channelId,
      text,
      blocks,
      ...(origin.threadTs !== undefined ? { thread_ts: origin.threadTs } : {}),
    });
    return;
  }
  await tellUser(reply, target);
}

function tellUser(reply: Reply, target: ResultTarget): Promise<unknown> {
  if (target.respond) return target.respond(responseMessage(reply));
  const { text, blocks } = renderReply(reply);
  return target.client.chat.postEphemeral({
    channel: target.origin.channelId,
    user: target.userId,
    text,
    blocks,
    ...(target.origin.threadTs !== undefined ? { thread_ts: target.origin.threadTs } : {}),
  });
}
