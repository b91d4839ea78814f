/**
 * `/agenda subscribe [#channel] [day=mon] [time=09:00] [tz=Europe/Berlin] [in:3.5]
 * [origin:paper|prompt|any] [order=agenda|shuffled] [count=1..3]`.
 * Without a channel, the asker is subscribed by direct message (anyone may).
 */
import { scopeId } from '../../agenda/catalog-impl.js';
import type { AgendaCatalog } from '../../agenda/catalog.js';
import { defineSubcommand } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import type { Reply, Span } from '../../message.js';
import { parseTimeOfDay, parseTimeZone, parseWeekday } from '../../time/parse.js';
import { nextOccurrence } from '../../time/weekly.js';
import { requireChannelManager } from './access.js';
import { eligibleQuestions } from './rotation.js';
import { filterText, localText, scheduleText, targetSpans } from './describe.js';
import type { OriginFilter, QuestionOrder, SubscriptionTarget } from './model.js';

const ORIGINS: readonly OriginFilter[] = ['paper', 'prompt', 'any'];
const ORDERS: readonly QuestionOrder[] = ['agenda', 'shuffled'];

export function parseChoice<T extends string>(option: string, raw: string, choices: readonly T[], what: string): T {
  const value = raw.trim().toLowerCase();
  const found = choices.find((c) => c === value);
  if (found) return found;
  throw new UserError(`bad-${option}`, `${option}=${raw} is not ${what} (use ${choices.join(', ')}).`);
}

/** `in:` as a stored scope id (`3.5` or `3`), or a specific refusal. */
export function parseScope(catalog: AgendaCatalog, raw: string): string {
  const resolved = catalog.resolveScope(raw);
  if (resolved.kind !== 'none') return scopeId(resolved);
  const hint =
    resolved.suggestions.length > 0
      ? ` Did you mean ${resolved.suggestions.join(' or ')}?`
      : ' Use a challenge id such as 3.5, a category number such as 3, or words from a title.';
  throw new UserError('bad-scope', `in:${raw} matches no challenge or category.${hint}`);
}

export const subscribeCommand = defineSubcommand({
  name: 'subscribe',
  description: 'Get a research question every week, in a channel or by direct message',
  examples: [
    '/agenda subscribe',
    '/agenda subscribe #reading day=fri time=16:00 tz=Europe/Berlin in:3.5 order=shuffled',
  ],
  options: [
    { name: 'channel', kind: 'channel', syntax: 'positional', description: 'Channel to post in (default: you, by DM)' },
    { name: 'day', kind: 'string', syntax: 'keyed', description: 'Day of the week (default mon)' },
    { name: 'time', kind: 'string', syntax: 'keyed', description: 'Local time, HH:MM 24-hour (default 09:00)' },
    { name: 'tz', kind: 'string', syntax: 'keyed', description: 'IANA time zone, e.g. Europe/Berlin' },
    {
      name: 'in',
      kind: 'string',
      syntax: 'keyed',
      description: 'Only this challenge or category',
      autocomplete: 'scope',
    },
    {
      name: 'origin',
      kind: 'string',
      syntax: 'keyed',
      description: 'paper, prompt or any (default any)',
      choices: ORIGINS,
    },
    {
      name: 'order',
      kind: 'string',
      syntax: 'keyed',
      description: 'agenda or shuffled (default agenda)',
      choices: ORDERS,
    },
    { name: 'count', kind: 'integer', syntax: 'keyed', description: 'Questions per week, 1 to 3', min: 1, max: 3 },
  ] as const,
  async run(ctx, args, services): Promise<Reply> {
    const catalog = services.agenda();
    const weekday = args.day !== undefined ? parseWeekday(args.day) : 1;
    const time = args.time !== undefined ? parseTimeOfDay(args.time) : { hour: 9, minute: 0 };
    const zone = args.tz !== undefined ? parseTimeZone(args.tz) : services.settings.defaultTimezone;
    const scope = args.in !== undefined && args.in.trim() !== '' ? parseScope(catalog, args.in) : undefined;
    const origin = args.origin !== undefined ? parseChoice('origin', args.origin, ORIGINS, 'an origin') : 'any';
    const order = args.order !== undefined ? parseChoice('order', args.order, ORDERS, 'an order') : 'agenda';
    const count = args.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 3) {
      throw new UserError('bad-count', `count=${count} is not accepted: use a whole number from 1 to 3.`);
    }
    requireSomethingToPost(catalog, scope, origin, args.in ?? '');
    const target = targetOf(args.channel, ctx.actor.userId);
    if (target.kind === 'channel') await requireChannelManager(services, ctx, target.channelId);

    const now = services.clock.now();
    const first = nextOccurrence({ weekday, time, zone }, now);
    const subscription = await services.subscriptions.create({
      platform: ctx.actor.platform,
      tenantId: ctx.actor.tenantId,
      target,
      ownerId: ctx.actor.userId,
      weekday,
      time,
      zone,
      ...(scope !== undefined ? { scope } : {}),
      origin,
      order,
      count,
      seed: Math.floor(Math.random() * 2 ** 31),
      nextDueAt: first.at,
      createdAt: now,
    });
    const spans: Span[] = [
      `Subscribed (id ${subscription.id}): `,
      ...targetSpans(subscription),
      ` will get ${filterText(catalog, subscription)}, ${scheduleText(subscription)}. First post: `,
      { time: first.at, style: 'full' },
      '.',
    ];
    const hint = `Preview it with /agenda digest preview ${subscription.id}; stop with /agenda unsubscribe ${subscription.id}.`;
    return {
      visibility: 'ephemeral',
      summary: `Subscribed (id ${subscription.id}). First post: ${localText(first.at, zone)}.`,
      blocks: [
        { kind: 'text', spans },
        { kind: 'context', spans: [hint] },
      ],
    };
  },
});

/** The channel given, or else the asker by direct message. */
function targetOf(rawChannel: string | undefined, userId: string): SubscriptionTarget {
  const channelId = rawChannel?.trim();
  // Channel ids are plain tokens on every platform; anything else could render as markup (a ping).
  if (channelId && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/u.test(channelId)) {
    throw new UserError(
      'bad-channel',
      'That is not a channel I can post in: pick the channel from the list as you type # (or leave it out to get the question by direct message).',
    );
  }
  return channelId ? { kind: 'channel', channelId } : { kind: 'user', userId };
}

/**
 * A filter that matches no question would post nothing, week after week, in silence:
 * refuse it up front and say what would work. (The shipped agenda has paper questions
 * for 2.1 only, so `origin:paper` with another scope is the usual way to get here.)
 */
function requireSomethingToPost(
  catalog: AgendaCatalog,
  scope: string | undefined,
  origin: OriginFilter,
  scopeText: string,
): void {
  if (eligibleQuestions(catalog, scope, origin).length > 0) return;
  const where = scope !== undefined ? ` in:${scopeText.trim()}` : '';
  const hint =
    origin === 'paper'
      ? " Use origin:any (the paper's questions and our prompts) or origin:prompt, or load the paper's questions first (README: \"Loading the paper's full question list\")."
      : ' Choose another in: filter, or leave it out for the whole agenda.';
  throw new UserError(
    'nothing-eligible',
    `No question matches origin:${origin}${where} in the current agenda, so there would be nothing to post.${hint}`,
  );
}
