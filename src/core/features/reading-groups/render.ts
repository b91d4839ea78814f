/** Draws a session's messages from current state, for the first post and for every redraw (live counts). */
import type { Question } from '../../agenda/model.js';
import type { Reply } from '../../message.js';
import type { Services } from '../../services.js';
import type { ReadingGroup, Session } from './model.js';
import type { ReadingGroupStore } from './store.js';
import { FIRST_QUESTIONS, firstQuestions } from './questions.js';
import { reminderReply, sessionCard } from './session-cards.js';
import type { CardKind } from './session-refs.js';

/** The questions a session shows: those recorded when its thread opened, else the first ones. */
export function sessionQuestions(services: Services, session: Session): Question[] {
  const catalog = services.agenda();
  if (session.questionIds.length === 0) return firstQuestions(catalog, session.unitId);
  return session.questionIds.flatMap((id) => {
    const question = catalog.question(id);
    return question ? [question] : [];
  });
}

/** `store`: a transaction's (`tx.readingGroups`) when drawn inside one; the services' own otherwise. */
export async function renderCard(
  services: Services,
  group: ReadingGroup,
  session: Session,
  card: CardKind,
  store: ReadingGroupStore = services.readingGroups.store,
): Promise<Reply> {
  const catalog = services.agenda();
  const rsvps = await store.rsvps(group.id, session.number);
  if (card === 'session') {
    // The card keeps the questions it opened with; "Another question" adds to the thread, not the card.
    return sessionCard({
      group,
      session,
      catalog,
      questions: sessionQuestions(services, session).slice(0, FIRST_QUESTIONS),
      rsvps,
    });
  }
  const mentions = (await store.members(group.id)).filter((m) => m.remind === 'channel').map((m) => m.userId);
  return reminderReply({
    group,
    session,
    catalog,
    questions: firstQuestions(catalog, session.unitId),
    mentions,
    rsvps,
  });
}
