/**
 * A small introductions setup: the real core over the hand-made mini agenda (questions
 * 3.5-q1, 3.5.2-p1, 3.6.1-p1, 2.1.1-p1), SQLite in memory with the real migrations, a
 * manual clock, and a recording delivery port that can open group conversations.
 */
import { bootCore, type Core } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { CommandContext, ConversationRef, Platform } from '../../../src/core/context.js';
import { spansToPlain, type Reply } from '../../../src/core/message.js';
import { DeliveryPorts, type GroupConversationsPort, type GroupConversationSpec } from '../../../src/core/ports.js';
import type { StorageBackend } from '../../../src/persistence/backend.js';
import type { Db } from '../../../src/persistence/db.js';
import { MemoryDeliveryPort } from '../../fakes/memory-delivery.js';
import { miniAgenda } from '../../fixtures/mini-agenda.js';
import { plain } from '../../helpers/digest.js';
import { sqliteDb, testBackend } from '../../helpers/services.js';
import { typed } from '../../helpers/typed.js';

/** Records every group conversation it opens; can be told to fail the next one. */
export class RecordingGroups implements GroupConversationsPort {
  readonly opened: GroupConversationSpec[] = [];
  readonly failures: Error[] = [];
  constructor(
    readonly needsChannel: boolean,
    readonly maxMembers: number,
    private readonly platform: Platform,
  ) {}

  async open(spec: GroupConversationSpec): Promise<ConversationRef> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.opened.push(spec);
    const id = `G${this.opened.length}`;
    return spec.channelId
      ? { platform: this.platform, tenantId: spec.tenantId, channelId: spec.channelId, threadId: id }
      : { platform: this.platform, tenantId: spec.tenantId, channelId: id };
  }
}

export class GroupCapablePort extends MemoryDeliveryPort {
  constructor(
    platform: Platform,
    readonly groupConversations: RecordingGroups,
  ) {
    super(platform);
  }
}

export interface IntroEnv extends Core {
  readonly backend: StorageBackend;
  /** The SQLite connection (throws on another backend). */
  readonly db: Db;
  readonly clock: ManualClock;
  readonly port: GroupCapablePort;
  readonly groups: RecordingGroups;
  /** `/agenda <text>` as this user, in tenant T1 unless told otherwise; the reply's whole text. */
  say(userId: string, text: string, tenantId?: string): Promise<string>;
  reply(userId: string, text: string, tenantId?: string): Promise<Reply>;
  /** Marks a question Interested as the weekly card's button does (through the weekly question's store). */
  interested(userId: string, questionId: string, tenantId?: string): Promise<void>;
}

export async function introEnv(
  options: { platform?: Platform; needsChannel?: boolean; maxMembers?: number; backend?: StorageBackend } = {},
): Promise<IntroEnv> {
  const platform = options.platform ?? 'slack';
  const backend = testBackend(options);
  const clock = new ManualClock('2026-03-02T10:00:00Z');
  const groups = new RecordingGroups(options.needsChannel ?? false, options.maxMembers ?? 8, platform);
  const port = new GroupCapablePort(platform, groups);
  const delivery = new DeliveryPorts();
  delivery.add(port);
  const core = await bootCore({ agenda: miniAgenda, backend, clock, delivery, random: () => 0 });
  const ctx = (userId: string, tenantId: string): CommandContext => ({
    actor: { platform, tenantId, userId },
    conversation: { platform, tenantId, channelId: 'C1' },
    isDirect: false,
  });
  const reply = (userId: string, text: string, tenantId = 'T1'): Promise<Reply> =>
    core.dispatcher.runText('agenda', typed(text), ctx(userId, tenantId));
  return {
    ...core,
    backend,
    get db() {
      return sqliteDb(backend);
    },
    clock,
    port,
    groups,
    reply,
    say: async (userId, text, tenantId) => plain(await reply(userId, text, tenantId)),
    async interested(userId, questionId, tenantId = 'T1') {
      await core.services.subscriptions.addInterest(
        platform,
        tenantId,
        userId,
        questionId,
        `digest:1:2026-W10`,
        clock.now(),
      );
      clock.advance(60_000);
    },
  };
}

/** Every user id mentioned in a reply (the people it names). */
export function mentionsIn(reply: Reply): string[] {
  return reply.blocks.flatMap((b) =>
    b.kind === 'text' || b.kind === 'context'
      ? b.spans.flatMap((s) => (typeof s === 'object' && 'mention' in s ? [s.mention] : []))
      : [],
  );
}

export { spansToPlain };
