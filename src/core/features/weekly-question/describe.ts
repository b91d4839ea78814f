/** Subscriptions in words, for replies: target, schedule, filter, next post. */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { ListItem, Span } from '../../message.js';
import { formatTimeOfDay, weekdayName } from '../../time/parse.js';
import { formatLocalDate, localParts } from '../../time/zoned.js';
import type { Subscription } from './model.js';

export function targetSpans(subscription: Subscription): Span[] {
  return subscription.target.kind === 'channel'
    ? [{ channel: subscription.target.channelId }]
    : ['you (by direct message)'];
}

export function scheduleText(subscription: Subscription): string {
  return `${weekdayName(subscription.weekday)}s at ${formatTimeOfDay(subscription.time)} (${subscription.zone})`;
}

export function filterText(catalog: AgendaCatalog, subscription: Subscription): string {
  const scope = subscription.scope;
  const challenge = scope !== undefined ? catalog.challenge(scope) : undefined;
  const category = scope !== undefined && !challenge ? catalog.category(scope) : undefined;
  const where = challenge
    ? `challenge ${challenge.id} ${challenge.title}`
    : category
      ? `category ${category.section} ${category.title}`
      : scope !== undefined
        ? `${scope} (no longer in the agenda)`
        : 'the whole agenda';
  const origin =
    subscription.origin === 'paper'
      ? "the paper's questions only"
      : subscription.origin === 'prompt'
        ? 'our discussion prompts only'
        : "the paper's questions and our prompts";
  const order = subscription.order === 'agenda' ? 'in agenda order' : 'shuffled';
  const count = subscription.count === 1 ? '1 question' : `${subscription.count} questions`;
  return `${where}; ${origin}; ${order}; ${count} a week`;
}

export function subscriptionItem(catalog: AgendaCatalog, subscription: Subscription): ListItem {
  const state: Span[] = subscription.paused
    ? [`Paused${subscription.pausedReason ? ` (${subscription.pausedReason})` : ''}. `]
    : ['Next: ', { time: subscription.nextDueAt, style: 'full' }, '. '];
  return {
    id: String(subscription.id),
    text: [
      'To ',
      ...targetSpans(subscription),
      `, ${scheduleText(subscription)}. `,
      ...state,
      `Questions: ${filterText(catalog, subscription)}.`,
    ],
  };
}

/** `Monday 2024-03-04 09:00 (Europe/Berlin)`: for plain-text summaries, where time spans cannot be used. */
export function localText(instant: Date, zone: string): string {
  const local = localParts(instant, zone);
  return `${weekdayName(local.weekday)} ${formatLocalDate(local)} ${formatTimeOfDay(local)} (${zone})`;
}
