/**
 * Keeps platform scheduled events (Discord, `events:on`) in step with a group's
 * upcoming sessions: created once, moved on skip, postpone and resume, removed on
 * archive. Failures never undo the group's own change: they are logged and said.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import { DeliveryError, type ScheduledEventSpec } from '../../ports.js';
import type { Services } from '../../services.js';
import type { ReadingGroup, Session } from './model.js';
import { upcoming } from './session-dates.js';
import { unitTitle } from './units.js';

/** Sessions are shown as one hour long; the platforms need an end for events outside voice channels. */
export const SESSION_MS = 60 * 60_000;

export function eventSpec(group: ReadingGroup, session: Session, catalog: AgendaCatalog): ScheduledEventSpec {
  return {
    name: `${group.name}: session ${session.number}`,
    description: `Reading group session on ${unitTitle(catalog, session.unitId)}. Read it before we meet: ${catalog.link(session.unitId)}`,
    startsAt: session.startsAt,
    endsAt: new Date(session.startsAt.getTime() + SESSION_MS),
    channelId: group.channelId,
  };
}

/** Creates or moves the events of every upcoming session. Returns a sentence for the organiser ('' if all went well). */
export async function syncEvents(services: Services, group: ReadingGroup): Promise<string> {
  const port = services.platforms.get(group.platform)?.scheduledEvents;
  if (!group.eventsOn || !port) return '';
  const { store } = services.readingGroups;
  const catalog = services.agenda();
  try {
    for (const session of upcoming(await store.sessions(group.id))) {
      const spec = eventSpec(group, session, catalog);
      if (session.eventId === null)
        await store.setEventId(group.id, session.number, await port.create(group.tenantId, spec));
      else await port.update(group.tenantId, session.eventId, spec);
    }
    return '';
  } catch (error) {
    return eventTrouble(services, group, error);
  }
}

/** Removes the events of sessions not yet held (archive). */
export async function removeEvents(services: Services, group: ReadingGroup): Promise<string> {
  const port = services.platforms.get(group.platform)?.scheduledEvents;
  if (!port) return '';
  const { store } = services.readingGroups;
  try {
    for (const session of upcoming(await store.sessions(group.id))) {
      if (session.eventId === null) continue;
      await port.delete(group.tenantId, session.eventId);
      await store.setEventId(group.id, session.number, null);
    }
    return '';
  } catch (error) {
    return eventTrouble(services, group, error);
  }
}

function eventTrouble(services: Services, group: ReadingGroup, error: unknown): string {
  if (!(error instanceof DeliveryError)) throw error;
  services.logger.warn(
    { groupId: group.id, code: error.code, permanent: error.permanent },
    'scheduled events not in sync',
  );
  return error.permanent
    ? ' The Discord scheduled events could not be changed: the bot needs the Manage Events permission.'
    : ' The Discord scheduled events could not be changed just now; they will catch up at the next change.';
}
