/**
 * Inline references (`INLINE_REFERENCES=on`): a message that mentions `[[3.5]]`,
 * `[[3.5.2]]` or `[[2.1-q1]]` gets one compact reply in its thread. At most three
 * entries per message, nothing for ids the agenda does not have, nothing for code,
 * quotes, edits or bots, and never a second reply to the same message (the ledger).
 * Adapters pass messages here only when the operator turned the feature on.
 */
import type { ChannelMessage } from '../../channel-message.js';
import type { Reply } from '../../message.js';
import type { Services } from '../../services.js';
import type { Feature } from '../declaration.js';
import { referencedIds } from './parse.js';
import { knownItems, referencesReply } from './reply.js';

export async function answerReferences(message: ChannelMessage, services: Services): Promise<Reply | undefined> {
  // An edit never brings a reply: the original either had one already or was not asking.
  if (message.fromBot || message.edited) return undefined;
  const ids = referencedIds(message.segments);
  if (ids.length === 0) return undefined;
  const catalog = services.agenda();
  const items = knownItems(catalog, ids);
  if (items.length === 0) return undefined;
  const { platform, tenantId, channelId } = message.conversation;
  const ref = { platform, tenantId, channelId, messageId: message.messageId };
  const claimed = await services.inlineReplies.claim(ref, services.clock.now());
  return claimed ? referencesReply(catalog, items) : undefined;
}

export const inlineReferences: Feature = {
  name: 'inline-references',
  messages: { name: 'inline-references', run: answerReferences },
};
