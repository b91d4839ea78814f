import { describe, expect, it } from 'vitest';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { digestCard } from '../../../src/core/features/weekly-question/card.js';
import type { Reply } from '../../../src/core/message.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { relatedAgenda } from '../../fixtures/related-agenda.js';
import { makeContext } from '../../helpers/services.js';
import { listItems, replyButtons, replyLines } from '../../helpers/replies.js';

async function core() {
  return await bootCore({
    agenda: relatedAgenda,
    backend: openSqliteBackend(openDatabase(':memory:')),
    clock: new ManualClock('2026-01-05T09:00:00Z'),
  });
}

const related = async (text: string): Promise<Reply> =>
  (await core()).dispatcher.runText('agenda', `related ${text}`, makeContext());

describe('/agenda related', () => {
  it('lists questions of other challenges first, then the same challenge, each with its origin', async () => {
    const reply = await related('3.2.1-p1');
    // 3.2.1-p2 shares the most words, but it is in the same challenge, so it comes after the others.
    expect(listItems(reply).map((i) => [i.id, i.origin])).toEqual([
      ['3.5.1-p1', 'prompt'],
      ['2.1-q1', 'paper'],
      ['3.2.1-p2', 'prompt'],
      ['3.2-q1', 'paper'],
      ['3.2.1-p3', 'prompt'],
    ]);
    const lines = replyLines(reply);
    expect(lines[0]).toBe('Related to question 3.2.1-p1');
    expect(lines).toContain('From other challenges');
    expect(lines).toContain('In challenge 3.2');
    expect(lines).toContain(
      '[2.1-q1] Does in-context learning implement gradient descent on reward models? — From the paper, §2.1.1',
    );
    expect(lines).toContain('[3.5.1-p1] Do jailbreaks transfer between reward models? — Discussion prompt (ours)');
    expect(reply.summary).toContain('2.1-q1 (From the paper, §2.1.1) Does in-context learning');
    expect(replyButtons(reply).map((b) => `${b.action}:${b.value}`)).toEqual([
      'share:related 3.2.1-p1',
      'open:3.5.1-p1',
      'open:2.1-q1',
      'open:3.2.1-p2',
    ]);
  });

  it('never offers the question itself, and for a challenge only other challenges', async () => {
    const forQuestion = await related('3.2.1-p2');
    expect(listItems(forQuestion).map((i) => i.id)).not.toContain('3.2.1-p2');
    const forChallenge = await related('2.1');
    expect(
      listItems(forChallenge)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['3.2-q1', '3.2.1-p3', '3.5.1-p2']);
    expect(replyLines(forChallenge)).not.toContain('In challenge 2.1');
  });

  it("leaves out a subsection's own questions", async () => {
    const reply = await related('3.5.1');
    const ids = listItems(reply).map((i) => i.id);
    expect(ids).not.toContain('3.5-q1');
    expect(ids).not.toContain('3.5.1-p1');
    expect(ids).not.toContain('3.5.1-p2');
    // Its questions' keywords ("reward model") find the reward-model questions elsewhere.
    expect(ids).toContain('3.2.1-p2');
  });

  it('says what is wrong with an id it cannot use', async () => {
    expect((await related('9.9')).summary).toBe(
      '`9.9` is not a question, subsection or challenge id here. ' +
        'Ids look like `3.5` (challenge), `3.5.2` (subsection), `2.1-q1` or `3.5.2-p1` (questions). ' +
        'Find one with `/agenda search <words>`.',
    );
    expect((await related('3')).summary).toBe(
      '`3` is a category; related questions are found for a challenge, subsection or question, ' +
        'e.g. `/agenda related 3.2`.',
    );
    expect((await related('3.2.1-p9')).summary).toBe(
      'No question 3.2.1-p9. Subsection 3.2.1 has 3.2-q1, 3.2.1-p1, 3.2.1-p2 and 3.2.1-p3.',
    );
  });

  it('is listed in /agenda help', async () => {
    const help = await (await core()).dispatcher.runText('agenda', 'help', makeContext());
    expect(replyLines(help).join('\n')).toContain('/agenda related 2.1-q1');
  });
});

describe('the Related button', () => {
  it('is on the question card and carries the question id', async () => {
    const card = await (await core()).dispatcher.runText('agenda', 'question 3.5-q1', makeContext());
    const button = replyButtons(card).find((b) => b.action === 'related');
    expect(button).toEqual({ action: 'related', value: '3.5-q1', label: 'Related' });
  });

  it('shows the same list as the command, and a forged value gets a plain refusal', async () => {
    const { dispatcher } = await core();
    const pressed = await dispatcher.press('related', '3.2.1-p1', makeContext());
    const typed = await dispatcher.runText('agenda', 'related 3.2.1-p1', makeContext());
    expect(pressed.reply).toEqual(typed);
    const forged = await dispatcher.press('related', '" OR 1=1; --', makeContext());
    expect(forged.reply?.summary).toMatch(/^`" OR 1=1; --` is not a question, subsection or challenge id here\./u);
  });

  it('shares in the channel through the Share button', async () => {
    const shared = await (await core()).dispatcher.press('share', 'related 3.2.1-p1', makeContext());
    expect(shared.reply?.visibility).toBe('channel');
    expect(listItems(shared.reply as Reply)[0]?.id).toBe('3.5.1-p1');
  });
});

describe('the weekly question card', () => {
  it('carries a Related button per question', async () => {
    const catalog = (await core()).services.agenda();
    const question = (id: string) => ({ question: catalog.question(id)!, interested: 0 });
    const posted = { round: 1, newRound: false, deliveryKey: 'digest:1:2026-W02', subscriptionId: 1 };
    const relatedOf = (reply: Reply) => replyButtons(reply).filter((b) => b.action === 'related');
    const one = digestCard(catalog, [question('3.5-q1')], posted);
    expect(relatedOf(one)).toEqual([{ action: 'related', value: '3.5-q1', label: 'Related' }]);
    const two = digestCard(catalog, [question('3.5-q1'), question('2.1-q1')], posted);
    expect(relatedOf(two).map((b) => b.label)).toEqual(['Related to 3.5-q1', 'Related to 2.1-q1']);
  });
});
