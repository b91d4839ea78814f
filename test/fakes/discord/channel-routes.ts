/**
 * The fake's channel routes: messages (post, edit, history), threads and their members,
 * channel look-ups and DM channels, answered from `FakeRecords` the way Discord answers them.
 */
import { error, noContent, ok, unknownChannel, type Handler, type RouteAnswer } from './answers.js';
import type { ChannelMessage, FakeRecords, Json, RecordedRequest } from './records.js';
import { CHANNELS, IDS, messageJson, snowflake, userJson, USERS } from './world.js';

export const channelRoutes: [string, RegExp, Handler][] = [
  ['POST', /^\/channels\/(\d+)\/messages$/u, postMessage],
  ['GET', /^\/channels\/(\d+)\/messages$/u, channelHistory],
  [
    'PATCH',
    /^\/channels\/(\d+)\/messages\/(\d+)$/u,
    (req, [channelId = '', messageId = ''], rec) => {
      const message = rec.messages.find((m) => m.channelId === channelId && m.id === messageId);
      if (!message) return error(404, 10008, 'Unknown Message');
      message.body = { ...message.body, ...req.body };
      message.editedAt = new Date().toISOString();
      return ok(historyJson(message));
    },
  ],
  ['POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/u, startThread],
  ['POST', /^\/channels\/(\d+)\/threads$/u, startThreadWithoutMessage],
  [
    'PUT',
    /^\/channels\/(\d+)\/thread-members\/(\d+)$/u,
    (_r, [threadId = '', userId = ''], rec) => {
      if (!rec.threads.some((t) => t.id === threadId)) return unknownChannel();
      if (!USERS[userId]) return error(404, 10007, 'Unknown Member');
      const members = rec.threadMembers.get(threadId) ?? [];
      if (!members.includes(userId)) members.push(userId);
      rec.threadMembers.set(threadId, members);
      return noContent;
    },
  ],
  [
    'GET',
    /^\/channels\/(\d+)$/u,
    (_r, [channelId = ''], rec) => {
      const channel = channelJson(channelId, rec);
      return channel ? ok(channel) : unknownChannel();
    },
  ],
  [
    'POST',
    /^\/users\/@me\/channels$/u,
    (req, _p, rec) => {
      const userId = String(req.body?.['recipient_id'] ?? '');
      if (!USERS[userId]) return error(400, 50007, 'Cannot send messages to this user');
      const id = rec.dmChannels.get(userId) ?? snowflake();
      rec.dmChannels.set(userId, id);
      return ok({ id, type: 1, recipients: [userJson(userId)], last_message_id: null });
    },
  ],
];

/** A guild channel, a thread the bot made, or a DM channel; undefined if none has this id. */
function channelJson(channelId: string, rec: FakeRecords): Json | undefined {
  const guildChannel = CHANNELS.find((c) => c.id === channelId);
  if (guildChannel) return guildChannel;
  if (rec.extraChannels.has(channelId)) return { id: channelId, type: 0, guild_id: IDS.guild, name: `c${channelId}` };
  const thread = rec.threads.find((t) => t.id === channelId);
  if (thread) {
    return {
      id: thread.id,
      type: thread.type ?? 11,
      guild_id: IDS.guild,
      parent_id: thread.parentId,
      name: thread.name,
    };
  }
  const dm = [...rec.dmChannels].find(([, id]) => id === channelId);
  return dm ? { id: channelId, type: 1, recipients: [userJson(dm[0])] } : undefined;
}

function postMessage(req: RecordedRequest, [channelId = '']: string[], rec: FakeRecords): RouteAnswer {
  if (!channelJson(channelId, rec)) return unknownChannel();
  const body = req.body ?? {};
  const nonce = body['nonce'];
  if (body['enforce_nonce'] === true && nonce !== undefined) {
    const windowStart = Date.now() - rec.nonceWindowMs;
    const earlier = rec
      .messagesIn(channelId)
      .find((m) => m.body['nonce'] === nonce && Date.parse(String(m.json['timestamp'])) >= windowStart);
    if (earlier) return ok(earlier.json);
  }
  const attachments = req.files.map((f, i) => ({
    id: String(i),
    filename: f.name,
    size: f.content.length,
    url: `https://cdn.invalid/${f.name}`,
  }));
  const json = messageJson(channelId, { ...body, attachments });
  rec.messages.push({ id: String(json['id']), channelId, body, files: req.files, json });
  return ok(json);
}

function startThread(req: RecordedRequest, [channelId = '', messageId = '']: string[], rec: FakeRecords): RouteAnswer {
  const channel = channelJson(channelId, rec);
  if (!channel) return unknownChannel();
  if (channel['type'] === 1) return error(400, 50003, 'Cannot execute action on a DM channel');
  if (!rec.messagesIn(channelId).some((m) => m.id === messageId)) return error(404, 10008, 'Unknown Message');
  if (rec.threads.some((t) => t.messageId === messageId))
    return error(400, 160004, 'A thread has already been created for this message');
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
    thread_metadata: {
      archived: false,
      auto_archive_duration: thread.autoArchiveDuration,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
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
