/**
 * The introduction itself, posted into the new group conversation: who asked, who else
 * is there, the shared question or challenge, and a first step small enough to take.
 */
import type { Reply, Span } from '../../message.js';
import { originLabel } from '../weekly-question/card.js';
import type { Topic } from './topic.js';

export function introductionMessage(topic: Topic, askerId: string, otherIds: readonly string[]): Reply {
  const others = joinMentions(otherIds);
  const shared: Span[] = [{ text: 'What you share: ', bold: true }, topic.text];
  if (topic.question) shared.push(` (${topic.question.id}, ${originLabel(topic.question)})`);
  else shared.push(` (challenge ${topic.id}: anyone who marked one of its questions Interested)`);
  const firstStep =
    'A first step: each of you say in a line or two what draws you to this and what you have read or tried so far; ' +
    'then pick a time for a 30-minute call, or one paper to read before it.';
  const blocks = [
    { kind: 'heading', text: `An introduction: ${topic.label}` },
    {
      kind: 'text',
      spans: [
        { mention: askerId },
        ` asked to meet others interested in ${topic.label}. `,
        ...others,
        ': you marked it Interested too and said yes to introductions.',
      ],
    },
    { kind: 'text', spans: shared },
    { kind: 'text', spans: [firstStep] },
    {
      kind: 'context',
      spans: ['You are here because you turned introductions on. `/agenda introductions off` stops any further ones.'],
    },
  ] as const;
  return {
    visibility: 'channel',
    summary: `An introduction: ${otherIds.length + 1} people interested in ${topic.label}. ${firstStep}`,
    blocks,
    notify: [askerId, ...otherIds],
  };
}

/** `@a`, `@a and @b`, `@a, @b and @c`. */
export function joinMentions(userIds: readonly string[]): Span[] {
  const spans: Span[] = [];
  userIds.forEach((userId, i) => {
    if (i > 0) spans.push(i === userIds.length - 1 ? ' and ' : ', ');
    spans.push({ mention: userId });
  });
  return spans;
}

export function people(count: number): string {
  return count === 1 ? '1 other person' : `${count} other people`;
}
