/**
 * The REST routes the bot uses, answered the way Discord answers them (shapes and error
 * codes), backed by `FakeRecords`. Each route is a pattern and a handler; unknown routes
 * get a 404 so a missing route shows up as a failing test, not as silence.
 */
import type { ChannelMessage, FakeRecords, Json, RecordedRequest } from './records.js';
import { CHANNELS, guildJson, IDS, memberJson, messageJson, snowflake, userJson, USERS } from './world.js';

export interface RouteAnswer {
  readonly status: number;
  readonly body?: unknown;
}

type Handler = (req: RecordedRequest, params: string[], records: FakeRecords, gatewayUrl: string) => RouteAnswer;

const ok = (body: unknown): RouteAnswer => ({ status: 200, body });
const noContent: RouteAnswer = { status: 204 };
const error = (status: number, code: number, message: string): RouteAnswer => ({ status, body: { code, message } });

const routes: [string, RegExp, Handler][] = [
  ['GET', /^\/gateway\/bot$/u, (_r, _p, _rec, url) =>
    ok({ url, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } })],
  ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/u, interactionCallback],
  ['POST', /^\/webhooks\/\d+\/([^/]+)$/u, (req, [token = ''], rec) => {
    rec.webhooks.push({ token, kind: 'followUp', body: req.body });
    return ok(messageJson(IDS.general, req.body ?? {}));
  }],
  ['PATCH', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/u, (req, [token = ''], rec) => {
    rec.webhooks.push({ token, kind: 'editOriginal', body: req.body });
    return ok(messageJson(IDS.general, req.body ?? {}));
  }],
  ['DELETE', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/u, (req, [token = ''], rec) => {
    rec.webhooks.push({ token, kind: 'deleteOriginal', body: req.body });
    return noContent;
  }],
  ['POST', /^\/channels\/(\d+)\/messages$/u, postMessage],
  ['GET', /^\/channels\/(\d+)\/messages$/u, channelHistory],
  ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/u, (req, [channelId = '', messageId = ''], rec) => {
    const message = rec.messages.find((m) => m.channelId === channelId && m.id === messageId);
    if (!message) return error(404, 10008, 'Unknown Message');
    message.body = { ...message.body, ...req.body };
    message.editedAt = new Date().toISOString();
    return ok(historyJson(message));
  }],
  ['POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/u, startThread],
  ['POST', /^\/channels\/(\d+)\/threads$/u, startThreadWithoutMessage],
  ['PUT', /^\/channels\/(\d+)\/thread-members\/(\d+)$/u, (_r, [threadId = '', userId = ''], rec) => {
    if (!rec.threads.some((t) => t.id === threadId)) return unknownChannel();
    if (!USERS[userId]) return error(404, 10007, 'Unknown Member');
    const members = rec.threadMembers.get(threadId) ?? [];
    if (!members.includes(userId)) members.push(userId);
    rec.threadMembers.set(threadId, members);
    return noContent;
  }],
  ['GET', /^\/channels\/(\d+)$/u, (_r, [channelId = ''], rec) => {
    const channel = channelJson(channelId, rec);
    return channel ? ok(channel) : unknownChannel();
  }],
  ['POST', /^\/users\/@me\/channels$/u, (req, _p, rec) => {
    const userId = String(req.body?.['recipient_id'] ?? '');
    if (!USERS[userId]) return error(400, 50007, 'Cannot send messages to this user');
    const id = rec.dmChannels.get(userId) ?? snowflake();
    rec.dmChannels.set(userId, id);
    return ok({ id, type: 1, recipients: [userJson(userId)], last_message_id: null });
  }],
  ['GET', /^\/guilds\/(\d+)$/u, (_r, [guildId]) => (guildId === IDS.guild ? ok(guildJson()) : error(404, 10004, 'Unknown Guild'))],
  ['GET', /^\/guilds\/(\d+)\/members\/(\d+)$/u, (_r, [guildId, userId = '']) =>
    guildId === IDS.guild && USERS[userId] ? ok(memberJson(userId)) : error(404, 10007, 'Unknown Member')],
  ['GET', /^\/guilds\/(\d+)\/channels$/u, () => ok(CHANNELS)],
  ['GET', /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/u, (_r, [guildId], rec) => ok(rec.commands.get(guildId ?? 'global') ?? [])],
  ['PUT', /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/u, (req, [guildId], rec) => {
    const body = (req.body as unknown as Json[] | undefined) ?? [];
    const saved = body.map((c) => ({ ...c, id: snowflake(), application_id: IDS.application, version: snowflake(), ...(guildId ? { guild_id: guildId } : {}) }));
    rec.commands.set(guildId ?? 'global', saved);
    return ok(saved);
  }],
  ['GET', /^\/guilds\/(\d+)\/scheduled-events$/u, (_r, _p, rec) => ok([...rec.scheduledEvents.values()])],
  ['POST', /^\/guilds\/(\d+)\/scheduled-events$/u, (req, [guildId = ''], rec) => {
    const event = { ...req.body, id: snowflake(), guild_id: guildId, creator_id: IDS.application, status: 1 };
    rec.scheduledEvents.set(event.id, event);
    return ok(event);
  }],
  ['PATCH', /^\/guilds\/\d+\/scheduled-events\/(\d+)$/u, (req, [eventId = ''], rec) => {
    const event = rec.scheduledEvents.get(eventId);
    if (!event) return error(404, 10070, 'Unknown Guild Scheduled Event');
    const updated = { ...event, ...req.body };
    rec.scheduledEvents.set(eventId, updated);
    return ok(updated);
  }],
  ['DELETE', /^\/guilds\/\d+\/scheduled-events\/(\d+)$/u, (_r, [eventId = ''], rec) =>
    rec.scheduledEvents.delete(eventId) ? noContent : error(404, 10070, 'Unknown Guild Scheduled Event')],
];

/** Interaction and webhook routes are authorised by their token, not the bot token. */
export function needsBotToken(path: string): boolean {
  return !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
}

export function route(req: RecordedRequest, records: FakeRecords, gatewayUrl: string): RouteAnswer {
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(req.path);
    if (method === req.method && match) return handler(req, match.slice(1), records, gatewayUrl);
  }
  return error(404, 0, `404: Not Found (the fake has no route ${req.method} ${req.path})`);
}

function unknownChannel(): RouteAnswer {
  return error(404, 10003, 'Unknown Channel');
}

/** A guild channel, a thread the bot made, or a DM channel; undefined if none has this id. */
function channelJson(channelId: string, rec: FakeRecords): Json | undefined {
  const guildChannel = CHANNELS.find((c) => c.id === channelId);
  if (guildChannel) return guildChannel;
  const thread = rec.threads.find((t) => t.id === channelId);
  if (thread) {
    return { id: thread.id, type: thread.type ?? 11, guild_id: IDS.guild, parent_id: thread.parentId, name: thread.name };
  }
  const dm = [...rec.dmChannels].find(([, id]) => id === channelId);
  return dm ? { id: channelId, type: 1, recipients: [userJson(dm[0])] } : undefined;
}

function interactionCallback(req: RecordedRequest, [interactionId = '', token = '']: string[], rec: FakeRecords): RouteAnswer {
  if (rec.callbacksFor(interactionId).length > 0) return error(400, 40060, 'Interaction has already been acknowledged.');
  const type = Number(req.body?.['type']);
  rec.callbacks.push({ interactionId, token, type, data: req.body?.['data'] as Json | undefined });
  if (req.query.get('with_response') !== 'true') return noContent;
  const message = messageJson(IDS.general, (req.body?.['data'] as Json | undefined) ?? {});
  return ok({ interaction: { id: interactionId, type: 2 }, resource: { type, message } });
}

function postMessage(req: RecordedRequest, [channelId = '']: string[], rec: FakeRecords): RouteAnswer {
  if (!channelJson(channelId, rec)) return unknownChannel();
  const body = req.body ?? {};
  const nonce = body['nonce'];
  if (body['enforce_nonce'] === true && nonce !== undefined) {
    const windowStart = Date.now() - rec.nonceWindowMs;
    const earlier = rec.messagesIn(channelId).find((m) => m.body['nonce'] === nonce && Date.parse(String(m.json['timestamp'])) >= windowStart);
    if (earlier) return ok(earlier.json);
  }
  const attachments = req.files.map((f, i) => ({ id: String(i), filename: f.name, size: f.content.length, url: `https://cdn.invalid/${f.name}` }));
  const json = messageJson(channelId, { ...body, attachments });
  rec.messages.push({ id: String(json['id']), channelId, body, files: req.files, json });
  return ok(json);
}

function startThread(req: RecordedRequest, [channelId = '', messageId = '']: string[], rec: FakeRecords): RouteAnswer {
  const channel = channelJson(channelId, rec);
  if (!channel) return unknownChannel();
  if (channel['type'] === 1) return error(400, 50003, 'Cannot execute action on a DM channel');
  if (!rec.messagesIn(channelId).some((m) => m.id === messageId)) return error(404, 10008, 'Unknown Message');
  if (rec.threads.some((t) => t.messageId === messageId)) return error(400, 160004, 'A thread has already been created for this message');
  const thread = {
    // Discord gives a thread started from a message the message's id.
    id: messageId,
    parentId: channelId,
    messageId,
    name: String(req.body?.['name'] ?? ''),
    autoArchiveDuration: Number(req.body?.['auto_archive_duration'] ?? 4320),
  };
  rec.threads.push(thread);
  return ok({
    id: thread.id,
    type: 11,
    guild_id: IDS.guild,
    parent_id: channelId,
    name: thread.name,
    owner_id: IDS.application,
    thread_metadata: { archived: false, auto_archive_duration: thread.autoArchiveDuration, archive_timestamp: new Date().toISOString(), locked: false },
    message_count: 0,
    member_count: 1,
  });
}

/** A thread with no starter message (how private threads are made); its id is new. */
function startThreadWithoutMessage(req: RecordedRequest, [channelId = '']: string[], rec: FakeRecords): RouteAnswer {
  const channel = channelJson(channelId, rec);
  if (!channel) return unknownChannel();
  if (channel['type'] !== 0) return error(400, 50024, 'Cannot execute action on this channel type');
  const type = Number(req.body?.['type'] ?? 12);
  const thread = {
    id: snowflake(),
    parentId: channelId,
    messageId: '',
    name: String(req.body?.['name'] ?? ''),
    autoArchiveDuration: Number(req.body?.['auto_archive_duration'] ?? 4320),
    type,
  };
  rec.threads.push(thread);
  return ok({
    id: thread.id,
    type,
    guild_id: IDS.guild,
    parent_id: channelId,
    name: thread.name,
    owner_id: IDS.application,
    thread_metadata: {
      archived: false,
      auto_archive_duration: thread.autoArchiveDuration,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      invitable: req.body?.['invitable'] !== false,
    },
    message_count: 0,
    member_count: 1,
  });
}

/**
 * GET /channels/:id/messages as Discord answers it: newest first, at most `limit` (1-100,
 * default 50), before or after a message id (Discord takes one of them), in the message's
 * current state (edits applied) and without the nonce, which Discord never returns in history.
 */
function channelHistory(req: RecordedRequest, [channelId = '']: string[], rec: FakeRecords): RouteAnswer {
  if (!channelJson(channelId, rec)) return unknownChannel();
  const limit = Number(req.query.get('limit') ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return error(400, 50035, 'Invalid Form Body (limit)');
  const before = req.query.get('before');
  const after = req.query.get('after');
  const all = rec.messagesIn(channelId);
  let page: ChannelMessage[];
  if (after !== null) page = all.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
  else page = all.filter((m) => before === null || BigInt(m.id) < BigInt(before)).slice(-limit);
  return ok(page.map(historyJson).reverse());
}

/** A stored message as history shows it: edits applied, embeds typed `rich`, no nonce. */
function historyJson(message: ChannelMessage): Json {
  const { nonce: _nonce, ...json } = message.json;
  const { body } = message;
  const embeds = ((body['embeds'] as Json[] | undefined) ?? []).map((e) => ({ type: 'rich', ...e }));
  return {
    ...json,
    content: body['content'] ?? '',
    embeds,
    components: body['components'] ?? [],
    flags: body['flags'] ?? 0,
    edited_timestamp: message.editedAt ?? null,
  };
}
