/** The reading-group buttons: Join, Leave, Going, Can't make it, Add note, Another question, Mark covered. */
import type { CommandContext } from '../../../context.js';
import { UserError } from '../../../errors.js';
import { ephemeralText, type ActionResult } from '../../../message.js';
import { pickFacilitator, volunteers } from '../facilitator.js';
import { kickoffCard } from '../group-cards.js';
import { requireActive, requireOrganiser } from '../groups.js';
import type { ReadingGroup, RsvpAnswer, Session } from '../model.js';
import type { ReadingGroupStore } from '../store.js';
import { anotherQuestion, originLabel, questionItem } from '../questions.js';
import { postedMessage, sessionKey } from '../keys.js';
import { renderCard } from '../render.js';
import { ACTIONS, NOTE_MODAL } from '../session-cards.js';
import { loadSession } from '../session-refs.js';
import type { Services } from '../../../services.js';
import type { ActionSpec } from '../../../commands/spec.js';

export const NOTE_MAX = 2000;

async function groupFromValue(services: Services, ctx: CommandContext, value: string): Promise<ReadingGroup> {
  const { store } = services.readingGroups;
  const group = /^\d{1,12}$/u.test(value)
    ? await store.group(ctx.actor.platform, ctx.actor.tenantId, Number(value))
    : undefined;
  if (!group) throw new UserError('stale-button', 'That reading group no longer exists here.');
  return group;
}

function membership(join: boolean): ActionSpec {
  return {
    action: join ? ACTIONS.join : ACTIONS.leave,
    async run(ctx, value, services): Promise<ActionResult> {
      const { store, reminderHours } = services.readingGroups;
      const group = await groupFromValue(services, ctx, value);
      requireActive(group, join ? 'join it' : 'leave it');
      const changed = join
        ? await store.addMember(group.id, ctx.actor.userId, services.clock.now())
        : await store.removeMember(group.id, ctx.actor.userId);
      const text = join
        ? changed
          ? `You joined "${group.name}". Reminders come ${reminderHours} hours before each session; \`/readinggroup remind dm\` sends them to you directly.`
          : `You are already in "${group.name}".`
        : changed
          ? `You left "${group.name}".`
          : `You are not in "${group.name}".`;
      const [sessions, members] = await Promise.all([store.sessions(group.id), store.members(group.id)]);
      return { reply: ephemeralText(text), update: kickoffCard(group, sessions, services.agenda(), members.length) };
    },
  };
}

function rsvp(answer: RsvpAnswer): ActionSpec {
  return {
    action: answer === 'going' ? ACTIONS.going : ACTIONS.notGoing,
    async run(ctx, value, services): Promise<ActionResult> {
      const { group, session, ref } = await loadSession(services.readingGroups.store, ctx, value);
      const user = ctx.actor.userId;
      // The answer, and a facilitator's hand-over, read and written in one transaction.
      const { withdrawn, current } = await services.store.atomically((tx) =>
        answerRsvp(tx.readingGroups, group, session, user, answer),
      );
      const label = answer === 'going' ? 'Going' : "Can't make it";
      const text = withdrawn
        ? `Your answer for session ${session.number} is withdrawn.`
        : `Noted: ${answer === 'going' ? 'you are going to' : "you can't make it to"} session ${session.number} of "${group.name}". Press ${label} again to withdraw.`;
      return { reply: ephemeralText(text), update: await renderCard(services, group, current, ref.card) };
    },
  };
}

async function answerRsvp(
  store: ReadingGroupStore,
  group: ReadingGroup,
  session: Session,
  user: string,
  answer: RsvpAnswer,
): Promise<{ withdrawn: boolean; current: Session }> {
  const before = (await store.rsvps(group.id, session.number)).find((r) => r.userId === user)?.answer;
  const withdrawn = before === answer;
  await store.setRsvp(group.id, session.number, user, withdrawn ? null : answer);
  // A facilitator who cannot come hands over to the next volunteer who can.
  if (withdrawn || answer !== 'not-going' || session.status !== 'open' || session.facilitatorId !== user) {
    return { withdrawn, current: session };
  }
  const rsvps = await store.rsvps(group.id, session.number);
  const away = new Set(rsvps.filter((r) => r.answer === 'not-going').map((r) => r.userId));
  const next = pickFacilitator(volunteers(await store.members(group.id)), user, away);
  await store.setFacilitator(group.id, session.number, next);
  return { withdrawn, current: { ...session, facilitatorId: next } };
}

const addNote: ActionSpec = {
  action: ACTIONS.note,
  async run(ctx, value, services): Promise<ActionResult> {
    const { group, session } = await loadSession(services.readingGroups.store, ctx, value);
    return {
      modal: {
        id: NOTE_MODAL,
        value: `${group.id}:${session.number}`,
        title: `Note for session ${session.number}`,
        fields: [
          {
            id: 'note',
            label: 'Your note (kept with your name in the group record)',
            style: 'paragraph',
            required: true,
            maxLength: NOTE_MAX,
          },
        ],
      },
    };
  },
};

const another: ActionSpec = {
  action: ACTIONS.more,
  async run(ctx, value, services): Promise<ActionResult> {
    const { store } = services.readingGroups;
    const { group, session } = await loadSession(store, ctx, value);
    const question = anotherQuestion(services.agenda(), session.unitId, session.questionIds);
    if (!question)
      return {
        reply: ephemeralText(
          `Every question of ${session.unitId} in the agenda has been shown in this session. Bring your own!`,
        ),
      };
    await store.setQuestions(group.id, session.number, [...session.questionIds, question.id]);
    return {
      reply: {
        visibility: 'channel',
        summary: `Another question for session ${session.number}: ${question.id} (${originLabel(question)}): ${question.text}`,
        blocks: [
          { kind: 'text', spans: ['Another question, asked for by ', { mention: ctx.actor.userId }, ':'] },
          { kind: 'list', items: [questionItem(question)] },
        ],
      },
    };
  },
};

const covered: ActionSpec = {
  action: ACTIONS.covered,
  async run(ctx, value, services): Promise<ActionResult> {
    const { store } = services.readingGroups;
    const { group, session } = await loadSession(store, ctx, value);
    await requireOrganiser(store, group, ctx.actor.userId, 'mark a session covered');
    if (session.status === 'covered')
      return { reply: ephemeralText(`Session ${session.number} is already marked covered.`) };
    await store.markCovered(group.id, session.number);
    await redrawSessionCard(services, group.id, session.number, ctx);
    return {
      reply: {
        visibility: 'channel',
        summary: `Session ${session.number} is marked covered.`,
        blocks: [
          {
            kind: 'text',
            spans: [`✓ Session ${session.number} is marked covered by `, { mention: ctx.actor.userId }, '.'],
          },
        ],
      },
    };
  },
};

/** The card sits in the channel, the Mark covered button in the thread: redraw the card through the port. */
async function redrawSessionCard(
  services: Services,
  groupId: number,
  number: number,
  ctx: CommandContext,
): Promise<void> {
  const { store } = services.readingGroups;
  const group = await store.group(ctx.actor.platform, ctx.actor.tenantId, groupId);
  const session = group ? await store.session(groupId, number) : undefined;
  const port = services.platforms.get(ctx.actor.platform);
  const card = await postedMessage(services, sessionKey(groupId, number));
  if (!group || !session || !card || !port) return;
  try {
    await port.update(card, await renderCard(services, group, session, 'session'));
  } catch (error) {
    services.logger.warn({ groupId, number, err: error }, 'session card not redrawn');
  }
}

export const readingGroupActions: readonly ActionSpec[] = [
  membership(true),
  membership(false),
  rsvp('going'),
  rsvp('not-going'),
  addNote,
  another,
  covered,
];
