/**
 * `/agenda introduce [question or challenge]`. Without an id: the asker's interests with
 * how many others share each. With one: how many others are interested (never who), and,
 * when the asker and some of them turned introductions on, one private group conversation
 * among those people, recorded so that nobody is introduced to the same people twice.
 */
import type { CommandContext } from '../../context.js';
import { defineSubcommand } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import type { ListItem, Reply } from '../../message.js';
import { DeliveryError, type DeliveryPort, type GroupConversationsPort } from '../../ports.js';
import type { Services } from '../../services.js';
import { introductionMessage, joinMentions, people } from './message.js';
import type { Tenant } from './model.js';
import { resolveTopic, type Topic } from './topic.js';

export const introduceCommand = defineSubcommand({
  name: 'introduce',
  description: 'Meet others interested in the same question or challenge (both must have introductions on)',
  examples: ['/agenda introduce 3.5-q1', '/agenda introduce 3.5', '/agenda introduce'],
  options: [
    {
      name: 'topic',
      kind: 'string',
      syntax: 'positional',
      description: 'A question or challenge id',
      autocomplete: 'question',
    },
  ] as const,
  async run(ctx, args, services): Promise<Reply> {
    const raw = args.topic?.trim() ?? '';
    return raw === '' ? listInterests(ctx, services) : introduce(ctx, services, resolveTopic(services.agenda(), raw));
  },
});

function tenantOf(ctx: CommandContext): Tenant {
  return { platform: ctx.actor.platform, tenantId: ctx.actor.tenantId };
}

/** Each of the asker's interests with counts of others: never names, only numbers. */
async function listInterests(ctx: CommandContext, services: Services): Promise<Reply> {
  const tenant = tenantOf(ctx);
  const store = services.introductions;
  const catalog = services.agenda();
  const interests = await services.subscriptions.interestsOf(tenant.platform, tenant.tenantId, ctx.actor.userId);
  const questionIds = [...new Set(interests.map((i) => i.questionId))].filter((id) => catalog.question(id));
  const rows = await Promise.all(
    questionIds.map(async (id) => {
      const others = (await store.interestedIn(tenant, [id])).filter((u) => u !== ctx.actor.userId);
      const open = (await store.optedIn(tenant, others)).length;
      return { id, counts: `${people(others.length)} interested, ${open} of them open to introductions` };
    }),
  );
  const items: ListItem[] = rows.map((r) => ({ id: r.id, text: [r.counts] }));
  const consent = (await store.isOptedIn(tenant, ctx.actor.userId))
    ? 'Your introductions are on.'
    : 'Your introductions are off: `/agenda introductions on` lets people who share an interest meet you.';
  if (items.length === 0) {
    const first = 'You have not marked any question Interested yet; press Interested under a weekly question first.';
    const text = `${first} ${consent}`;
    return { visibility: 'ephemeral', summary: text, blocks: [{ kind: 'text', spans: [text] }] };
  }
  return {
    visibility: 'ephemeral',
    summary: `Your interests: ${rows.map((r) => `${r.id} (${r.counts})`).join('; ')}. ${consent}`,
    blocks: [
      { kind: 'heading', text: 'Your interests, and who shares them' },
      { kind: 'list', items },
      {
        kind: 'context',
        spans: [
          `${consent} \`/agenda introduce <id>\` asks for an introduction; ` +
            'a challenge id (3.5) covers all its questions.',
        ],
      },
    ],
  };
}

/** Who would be introduced: the asker's fellow interested people who opted in and have not met them over this. */
async function candidates(ctx: CommandContext, services: Services, topic: Topic): Promise<string[]> {
  const tenant = tenantOf(ctx);
  const store = services.introductions;
  const me = ctx.actor.userId;
  const interested = await store.interestedIn(tenant, topic.questionIds);
  if (!interested.includes(me)) {
    throw new UserError(
      'not-interested',
      `You have not marked ${topic.label} Interested, so there is no shared interest to introduce you over. ` +
        'Press Interested under a weekly question; `/agenda introduce` lists the ones you marked.',
    );
  }
  const others = interested.filter((u) => u !== me);
  const open = await store.optedIn(tenant, others);
  const counts =
    `${people(others.length)} here marked ${topic.label} Interested; ` +
    `${open.length} of them turned introductions on.`;
  if (!(await store.isOptedIn(tenant, me))) {
    throw new UserError(
      'not-opted-in',
      `${counts} Your introductions are off: turn them on with \`/agenda introductions on\`, then ask again. ` +
        'Only people who turned them on are introduced, and only to each other.',
    );
  }
  if (open.length === 0) {
    throw new UserError(
      'nobody-opted-in',
      `${counts} Nothing was sent and nobody was told you asked. ` +
        'Ask again later: once someone who shares it turns introductions on, you can meet them.',
    );
  }
  const met = await store.introducedWith(tenant, topic.id, me);
  const fresh = open.filter((u) => !met.has(u));
  if (fresh.length === 0) {
    throw new UserError(
      'already-introduced',
      `${counts} You have already been introduced to all of them over ${topic.label}; nobody is introduced twice. ` +
        'Ask again when someone new turns introductions on.',
    );
  }
  return fresh;
}

async function introduce(ctx: CommandContext, services: Services, topic: Topic): Promise<Reply> {
  const fresh = await candidates(ctx, services, topic);
  const { delivery, port, channelId } = await groupPort(ctx, services);
  const others = fresh.slice(0, port.maxMembers - 1);
  const members = [ctx.actor.userId, ...others];
  const tenant = tenantOf(ctx);
  const id = await services.introductions.record({
    ...tenant,
    topic: topic.id,
    members,
    requestedBy: ctx.actor.userId,
    createdAt: services.clock.now(),
  });
  if (id === undefined)
    throw new UserError(
      'already-introduced',
      `These same people were just introduced over ${topic.label}; nobody is introduced twice.`,
    );
  try {
    const conversation = await port.open({
      tenantId: tenant.tenantId,
      userIds: members,
      name: `Introduction: ${topic.label}`,
      ...(channelId ? { channelId } : {}),
    });
    await delivery.post(
      { kind: 'channel', conversation },
      introductionMessage(topic, ctx.actor.userId, others),
      `intro:${id}`,
    );
  } catch (error) {
    await services.introductions.forget(id);
    throw failedIntroduction(services, error);
  }
  const waiting = fresh.length - others.length;
  const more =
    waiting > 0 ? ` ${people(waiting)} who also opted in did not fit in one conversation; ask again to meet them.` : '';
  const spans = [
    'You were introduced to ',
    ...joinMentions(others),
    ` over ${topic.label}: look for the new group conversation.${more}`,
  ];
  return {
    visibility: 'ephemeral',
    summary: `You were introduced to ${people(others.length)} over ${topic.label}.${more}`,
    blocks: [{ kind: 'text', spans }],
  };
}

interface GroupTarget {
  readonly delivery: DeliveryPort;
  readonly port: GroupConversationsPort;
  readonly channelId?: string;
}

async function groupPort(ctx: CommandContext, services: Services): Promise<GroupTarget> {
  const delivery = services.platforms.get(ctx.actor.platform);
  const port = delivery?.groupConversations;
  if (!delivery || !port)
    throw new UserError(
      'no-group-conversations',
      'Introductions need group conversations, which this platform does not offer here.',
    );
  if (!port.needsChannel) return { delivery, port };
  const channelId = await services.introductions.channel(tenantOf(ctx));
  if (channelId === undefined) {
    throw new UserError(
      'no-introductions-channel',
      'No introductions channel is set in this server yet, so there is nowhere to open the private thread ' +
        '(bots cannot start group DMs on Discord). ' +
        'Someone with Manage Channels can set one: `/agenda introductions channel #channel`.',
    );
  }
  return { delivery, port, channelId };
}

/** A platform refusal, in words; anything else is a bug and goes up as it is. */
function failedIntroduction(services: Services, error: unknown): unknown {
  if (!(error instanceof DeliveryError)) return error;
  services.logger.warn({ code: error.code, reason: error.reason }, 'introduction not made');
  const why =
    error.explanation ?? (error.permanent ? 'the platform refused it' : 'the platform did not answer in time');
  return new UserError(
    'introduction-failed',
    `The introduction could not be made (${why}). Nobody was told; nothing was recorded, so you can ask again.`,
  );
}
