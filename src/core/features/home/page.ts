/**
 * A person's own page (the Slack Home tab; any platform could show it): their weekly
 * questions, their reading groups, the questions they marked Interested, and three
 * quick starts. Someone with none of these gets a page that teaches the first steps.
 * Times are written out in the person's own zone, because a page is not a message:
 * it may be shown again long after it was built, and must say which clock it means.
 */
import type { Block, Button, Reply } from '../../message.js';
import type { Services } from '../../services.js';
import { HOME_ACTIONS, type QuickStart } from './actions.js';
import { groupBlocks, groupsOf, interestBlocks, interestIds, subscriptionBlocks, subscriptionsOf } from './sections.js';
import type { HomeViewer } from './viewer.js';

const QUICK_STARTS: readonly { readonly start: QuickStart; readonly label: string }[] = [
  { start: 'browse', label: 'Browse the agenda' },
  { start: 'subscribe', label: 'Subscribe to a weekly question' },
  { start: 'group', label: 'Start a reading group' },
];

const FIRST_STEPS = [
  '1. Browse the agenda: /agenda category 2 shows a category and its challenges; ' +
    '/agenda search <words> finds questions.',
  '2. Subscribe: /agenda subscribe sends you one research question a week by direct message.',
  '3. Read together: /readinggroup create in a channel starts a reading group; Join on its card adds you.',
  'Press Interested on a weekly question to keep it here.',
];

function quickStartButtons(): Block {
  const buttons: Button[] = QUICK_STARTS.map((q, i) => ({
    action: HOME_ACTIONS.start,
    value: q.start,
    label: q.label,
    ...(i === 0 ? { style: 'primary' as const } : {}),
  }));
  return { kind: 'buttons', buttons };
}

export async function homePage(services: Services, viewer: HomeViewer): Promise<Reply> {
  const [subscriptions, groups, interests] = await Promise.all([
    subscriptionsOf(services, viewer),
    groupsOf(services, viewer),
    interestIds(services, viewer),
  ]);
  if (subscriptions.length + groups.length + interests.length === 0) return welcomePage(viewer);
  const parts: Block[][] = [];
  if (subscriptions.length > 0) parts.push(subscriptionBlocks(subscriptions, viewer));
  if (groups.length > 0) parts.push(groupBlocks(groups, viewer, services));
  if (interests.length > 0) parts.push(interestBlocks(interests, services));
  const counts = [
    count(subscriptions.length, 'weekly-question subscription'),
    count(groups.length, 'reading group'),
    count(interests.length, 'question you are interested in', 'questions you are interested in'),
  ];
  return {
    visibility: 'ephemeral',
    summary: `Your agenda: ${counts.join(', ')}.`,
    // Quick starts first: a page cut to the platform's limit loses its end, never these.
    blocks: [
      { kind: 'context', spans: [`Times are in ${viewer.zone}.`] },
      quickStartButtons(),
      ...parts.flatMap((part) => [{ kind: 'divider' as const }, ...part]),
    ],
  };
}

function welcomePage(viewer: HomeViewer): Reply {
  return {
    visibility: 'ephemeral',
    summary: 'Welcome. Start by browsing the agenda, subscribing to a weekly question, or starting a reading group.',
    blocks: [
      { kind: 'heading', text: 'Welcome to the research agenda' },
      {
        kind: 'text',
        spans: [
          'Nothing here yet. Your weekly questions, reading groups and the questions you mark Interested ' +
            'will show up on this page.',
        ],
      },
      ...FIRST_STEPS.map((line) => ({ kind: 'text' as const, spans: [line] })),
      quickStartButtons(),
      { kind: 'context', spans: [`Times will be shown in ${viewer.zone}.`] },
    ],
  };
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
