/**
 * Reading groups' scheduled work in the shared sweeper: before each session a
 * reminder (channel, plus DMs for members who asked), at session time the session card
 * with its thread. The database is the source of truth; every post is planned in the
 * shared ledger under its key, in the same transaction as the session's own change.
 * Catch-up after downtime: only the latest due session gets its thread, and only if it
 * is less than a day late; older ones are recorded as missed. Never a backlog.
 */
import type { Question } from '../../agenda/model.js';
import { findRelated, relatedSource } from '../../agenda/related.js';
import type { DeliveryRecord } from '../../jobs/deliveries.js';
import type { DeliveryFailure } from '../../jobs/outbox.js';
import type { Services } from '../../services.js';
import { pickFacilitator, previousFacilitator, volunteers } from './facilitator.js';
import type { ReadingGroupServices } from './services.js';
import type { ScheduledWork } from '../declaration.js';
import {
  dmReminderKey,
  groupDestination,
  pausedNoticeKey,
  readingGroupKeys,
  readKey,
  reminderKey,
  sessionKey,
} from './keys.js';
import type { ReadingGroup, Session } from './model.js';
import { firstQuestions } from './questions.js';
import { renderCard } from './render.js';
import { upcoming } from './session-dates.js';
import { reminderReply, threadStarter } from './session-cards.js';
import { headOf } from '../../text/cut.js';

const HOUR_MS = 60 * 60_000;
/** A session's thread is still opened if the bot comes back less than this late. */
export const CATCH_UP_MS = 24 * HOUR_MS;
/** A session thread ends with this many related questions from other challenges. */
const SESSION_RELATED = 2;

export const readingGroupPosts: ScheduledWork = {
  keys: readingGroupKeys,
  plan: planDue,
  staleAfterMs: () => CATCH_UP_MS,
  onFailed,
};

export async function planDue(services: Services, now: Date): Promise<void> {
  const feature = services.readingGroups;
  // A group has work only for a session due now or one whose reminder is due: nothing later than this.
  const horizon = new Date(now.getTime() + Math.max(0, feature.reminderHours) * HOUR_MS);
  for (const group of await feature.store.activeGroupsWithSessionBy(horizon)) {
    try {
      await planGroup(services, feature, group, now);
    } catch (error) {
      // One group's trouble (say, a unit gone from a reloaded agenda) must not stop the others.
      services.logger.error({ groupId: group.id, err: error }, 'reading group planning failed');
    }
  }
}

async function planGroup(
  services: Services,
  feature: ReadingGroupServices,
  group: ReadingGroup,
  now: Date,
): Promise<void> {
  const sessions = await feature.store.sessions(group.id);
  const due = upcoming(sessions).filter((s) => s.startsAt.getTime() <= now.getTime());
  const current = due[due.length - 1];
  for (const session of due) {
    if (session === current && now.getTime() - session.startsAt.getTime() < CATCH_UP_MS)
      await openSession(services, feature, group, sessions, session, now);
    else await missSession(services, group, session, now);
  }
  const next = upcoming(sessions).find((s) => s.startsAt.getTime() > now.getTime());
  if (next && feature.reminderHours > 0 && next.startsAt.getTime() - feature.reminderHours * HOUR_MS <= now.getTime()) {
    await planReminders(services, feature, group, next, now);
  }
}

async function openSession(
  services: Services,
  feature: ReadingGroupServices,
  group: ReadingGroup,
  sessions: readonly Session[],
  session: Session,
  now: Date,
): Promise<void> {
  const { store } = feature;
  const away = new Set(
    (await store.rsvps(group.id, session.number)).filter((r) => r.answer === 'not-going').map((r) => r.userId),
  );
  const facilitatorId = pickFacilitator(
    volunteers(await store.members(group.id)),
    previousFacilitator(sessions, session.number),
    away,
  );
  const questionIds = firstQuestions(services.agenda(), session.unitId).map((q) => q.id);
  const opened: Session = { ...session, status: 'open', facilitatorId, questionIds };
  const related = await sessionRelated(services, session.unitId);
  await services.store.atomically(async (tx) => {
    if (!(await tx.readingGroups.openSession(group.id, session.number, { facilitatorId, questionIds }))) return;
    await tx.deliveries.plan(
      {
        key: sessionKey(group.id, session.number),
        destination: groupDestination(group),
        reply: await renderCard(services, group, opened, 'session', tx.readingGroups),
        dueAt: session.startsAt,
        thread: {
          name: headOf(`${group.name} · session ${session.number} (${session.unitId})`, 90),
          reply: threadStarter(group, opened, related),
        },
      },
      now,
    );
  });
}

/** Two questions from other challenges near the session's unit, ranked by the search index. */
async function sessionRelated(services: Services, unitId: string): Promise<Question[]> {
  const catalog = services.agenda();
  const source = relatedSource(catalog, unitId);
  return source ? [...(await findRelated(catalog, services.search, source, SESSION_RELATED, true)).elsewhere] : [];
}

async function missSession(services: Services, group: ReadingGroup, session: Session, now: Date): Promise<void> {
  await services.store.atomically(async (tx) => {
    if (!(await tx.readingGroups.openSession(group.id, session.number, { facilitatorId: null, questionIds: [] })))
      return;
    const reply = await renderCard(services, group, session, 'session', tx.readingGroups);
    await tx.deliveries.recordSkipped(
      {
        key: sessionKey(group.id, session.number),
        destination: groupDestination(group),
        reply,
        dueAt: session.startsAt,
      },
      'missed: the bot was down at session time',
      now,
    );
  });
  services.logger.warn(
    { groupId: group.id, session: session.number, startsAt: session.startsAt.toISOString() },
    'session time passed while the bot was down; no thread opened',
  );
}

async function planReminders(
  services: Services,
  feature: ReadingGroupServices,
  group: ReadingGroup,
  session: Session,
  now: Date,
): Promise<void> {
  const key = reminderKey(group.id, session.number, session.localDate);
  if (await services.deliveries.get(key)) return;
  const catalog = services.agenda();
  const members = await feature.store.members(group.id);
  const rsvps = await feature.store.rsvps(group.id, session.number);
  const questions = firstQuestions(catalog, session.unitId);
  const dueAt = new Date(session.startsAt.getTime() - feature.reminderHours * HOUR_MS);
  const base = { group, session, catalog, questions, rsvps };
  await services.store.atomically(async (tx) => {
    const mentions = members.filter((m) => m.remind === 'channel').map((m) => m.userId);
    await tx.deliveries.plan(
      { key, destination: groupDestination(group), reply: reminderReply({ ...base, mentions }), dueAt },
      now,
    );
    for (const member of members.filter((m) => m.remind === 'dm')) {
      await tx.deliveries.plan(
        {
          key: dmReminderKey(group.id, session.number, session.localDate, member.userId),
          destination: { kind: 'user', platform: group.platform, tenantId: group.tenantId, userId: member.userId },
          reply: reminderReply({ ...base, mentions: [], direct: true }),
          dueAt,
        },
        now,
      );
    }
  });
}

/** A group whose channel the bot can no longer post to is paused, and its organisers are told once. */
async function onFailed(services: Services, record: DeliveryRecord, failure: DeliveryFailure): Promise<void> {
  const read = readKey(record.key);
  const feature = services.readingGroups;
  if (!read) return;
  if (read.dmUserId !== undefined) {
    services.logger.warn({ key: record.key, code: failure.code }, 'a member could not be reminded by DM');
    return;
  }
  const group = await feature.store.group(record.platform, record.tenantId, read.groupId);
  if (!group || group.status !== 'active') return;
  const organiser = (await feature.store.organisers(group.id))[0] ?? group.createdBy;
  const text = `Your reading group "${group.name}" is paused: the bot could not post in its channel (${failure.code}). Give the bot access to the channel again, then run /readinggroup resume there.`;
  // Paused and told together: a crash between the two would leave a paused group nobody knows about.
  await services.store.atomically(async (tx) => {
    await tx.readingGroups.setStatus(group.id, 'paused');
    await tx.deliveries.plan(
      {
        key: pausedNoticeKey(group.id, record.key),
        destination: { kind: 'user', platform: group.platform, tenantId: group.tenantId, userId: organiser },
        reply: { visibility: 'channel', summary: text, blocks: [{ kind: 'text', spans: [text] }] },
        dueAt: services.clock.now(),
      },
      services.clock.now(),
    );
  });
  services.logger.warn(
    { groupId: group.id, key: record.key, code: failure.code },
    'reading group paused after a failed post',
  );
}
