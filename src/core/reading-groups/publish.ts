/**
 * Posts the group-level messages. PROVISIONAL until the shared delivery ledger is merged:
 * the kickoff goes straight to the port with its idempotency key.
 */
import type { Services } from '../services.js';
import type { ReadingGroup } from './model.js';
import { readingGroupsOf } from './feature.js';
import { kickoffCard } from './group-cards.js';
export { syncEvents } from './events.js';

export function kickoffKey(group: ReadingGroup): string {
  return `rg:${group.id}:kickoff`;
}

export async function publishKickoff(services: Services, group: ReadingGroup): Promise<void> {
  const { store } = readingGroupsOf(services);
  const port = services.delivery.get(group.platform);
  if (!port) return;
  const card = kickoffCard(group, store.sessions(group.id), services.agenda(), store.members(group.id).length);
  const posted = await port.post(
    { kind: 'channel', conversation: { platform: group.platform, tenantId: group.tenantId, channelId: group.channelId } },
    card,
    kickoffKey(group),
  );
  store.setKickoffMessage(group.id, posted.messageId);
}
