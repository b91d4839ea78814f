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

export function planDue(services: Services, now: Date): void {
  const feature = services.readingGroups;
  for (const group of feature.store.activeGroups()) {
    try {
      planGroup(services, feature, group, now);
    } catch (error) {
      // One group's trouble (say, a unit gone from a reloaded agenda) must not stop the others.
      services.logger.error({ groupId: group.id, err: error }, 'reading group planning failed');
    }
  }
}

function planGroup(services: Services, feature: ReadingGroupServices, group: ReadingGroup, now: Date): void {
  const sessions = feature.store.sessions(group.id);
  const due = upcoming(sessions).filter((s) => s.startsAt.getTime() <= now.getTime());
  const current = due[due.length - 1];
  for (const session of due) {
    if (session === current && now.getTime() - session.startsAt.getTime() < CATCH_UP_MS)
      openSession(services, feature, group, sessions, session, now);
    else missSession(services, feature, group, session, now);
  }
  const next = upcoming(sessions).find((s) => s.startsAt.getTime() > now.getTime());
  if (next && feature.reminderHours > 0 && next.startsAt.getTime() - feature.reminderHours * HOUR_MS <= now.getTime()) {
    planReminders(services, feature, group, next, now);
  }
}

function openSession(
  services: Services,
  feature: ReadingGroupServices,
  group: ReadingGroup,
  sessions: readonly Session[],
  session: Session,
  now: Date,
): void {
  const { store } = feature;
  const away = new Set(
    store
      .rsvps(group.id, session.number)
      .filter((r) => r.answer === 'not-going')
      .map((r) => r.userId),
  );
  const facilitatorId = pickFacilitator(
    volunteers(store.members(group.id)),
    previousFacilitator(sessions, session.number),
    away,
  );
  const questionIds = firstQuestions(services.agenda(), session.unitId).map((q) => q.id);
  const opened: Session = { ...session, status: 'open', facilitatorId, questionIds };
  services.deliveries.atomically(() => {
    if (!store.openSession(group.id, session.number, { facilitatorId, questionIds })) return;
    services.deliveries.plan(
      {
        key: sessionKey(group.id, session.number),
        destination: groupDestination(group),
        reply: renderCard(services, group, opened, 'session'),
        dueAt: session.startsAt,
        thread: {
          name: headOf(`${group.name} · session ${session.number} (${session.unitId})`, 90),
          reply: threadStarter(group, opened, sessionRelated(services, session.unitId)),
        },
      },
      now,
    );
  });
}

/** Two questions from other challenges near the session's unit, ranked by the search index. */
function sessionRelated(services: Services, unitId: string): Question[] {
  const catalog = services.agenda();
  const source = relatedSource(catalog, unitId);
  return source ? [...findRelated(catalog, services.search, source, SESSION_RELATED, true).elsewhere] : [];
}

function missSession(
  services: Services,
  feature: ReadingGroupServices,
  group: ReadingGroup,
  session: Session,
  now: Date,
): void {
  services.deliveries.atomically(() => {
    if (!feature.store.openSession(group.id, session.number, { facilitatorId: null, questionIds: [] })) return;
    const reply = renderCard(services, group, session, 'session');
    services.deliveries.recordSkipped(
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

function planReminders(
  services: Services,
  feature: ReadingGroupServices,
  group: ReadingGroup,
  session: Session,
  now: Date,
): void {
  const key = reminderKey(group.id, session.number, session.localDate);
  if (services.deliveries.get(key)) return;
  const catalog = services.agenda();
  const members = feature.store.members(group.id);
  const rsvps = feature.store.rsvps(group.id, session.number);
  const questions = firstQuestions(catalog, session.unitId);
  const dueAt = new Date(session.startsAt.getTime() - feature.reminderHours * HOUR_MS);
  const base = { group, session, catalog, questions, rsvps };
  services.deliveries.atomically(() => {
    const mentions = members.filter((m) => m.remind === 'channel').map((m) => m.userId);
    services.deliveries.plan(
      { key, destination: groupDestination(group), reply: reminderReply({ ...base, mentions }), dueAt },
      now,
    );
    for (const member of members.filter((m) => m.remind === 'dm')) {
      services.deliveries.plan(
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
  const group = feature.store.group(record.platform, record.tenantId, read.groupId);
  if (!group || group.status !== 'active') return;
  feature.store.setStatus(group.id, 'paused');
  const organiser = feature.store.organisers(group.id)[0] ?? group.createdBy;
  const text = `Your reading group "${group.name}" is paused: the bot could not post in its channel (${failure.code}). Give the bot access to the channel again, then run /readinggroup resume there.`;
  services.deliveries.plan(
    {
      key: pausedNoticeKey(group.id, record.key),
      destination: { kind: 'user', platform: group.platform, tenantId: group.tenantId, userId: organiser },
      reply: { visibility: 'channel', summary: text, blocks: [{ kind: 'text', spans: [text] }] },
      dueAt: services.clock.now(),
    },
    services.clock.now(),
  );
  services.logger.warn(
    { groupId: group.id, key: record.key, code: failure.code },
    'reading group paused after a failed post',
  );
}
