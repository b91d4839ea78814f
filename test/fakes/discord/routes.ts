/**
 * The REST routes the bot uses, answered the way Discord answers them (shapes and error
 * codes), backed by `FakeRecords`. Each route is a pattern and a handler; unknown routes
 * get a 404 so a missing route shows up as a failing test, not as silence.
 */
import { error, noContent, ok, type Handler, type RouteAnswer } from './answers.js';
import { channelRoutes } from './channel-routes.js';
import type { FakeRecords, Json, RecordedRequest } from './records.js';
import { BOT_USER, CHANNELS, guildJson, IDS, memberJson, messageJson, snowflake, USERS } from './world.js';

export type { RouteAnswer } from './answers.js';

const routes: [string, RegExp, Handler][] = [
  [
    'GET',
    /^\/gateway\/bot$/u,
    (_r, _p, rec, url) => {
      // As many identifies at once as shards, so a sharded test does not wait 5 s between them.
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: rec.recommendedShards };
      return ok({ url, shards: rec.recommendedShards, session_start_limit: limit });
    },
  ],
  ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/u, interactionCallback],
  // The bot's own user: what a process that never logs in to the gateway asks for its id.
  ['GET', /^\/users\/@me$/u, () => ok(BOT_USER)],
  [
    'POST',
    /^\/webhooks\/\d+\/([^/]+)$/u,
    (req, [token = ''], rec) => {
      rec.recordWebhook({ token, kind: 'followUp', body: req.body });
      return ok(messageJson(IDS.general, req.body ?? {}));
    },
  ],
  [
    'PATCH',
    /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/u,
    (req, [token = ''], rec) => {
      rec.recordWebhook({ token, kind: 'editOriginal', body: req.body });
      return ok(messageJson(IDS.general, req.body ?? {}));
    },
  ],
  [
    'DELETE',
    /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/u,
    (req, [token = ''], rec) => {
      rec.recordWebhook({ token, kind: 'deleteOriginal', body: req.body });
      return noContent;
    },
  ],
  ...channelRoutes,
  [
    'GET',
    /^\/guilds\/(\d+)$/u,
    (_r, [guildId]) => (guildId === IDS.guild ? ok(guildJson()) : error(404, 10004, 'Unknown Guild')),
  ],
  [
    'GET',
    /^\/guilds\/(\d+)\/members\/(\d+)$/u,
    (_r, [guildId, userId = '']) =>
      guildId === IDS.guild && USERS[userId] ? ok(memberJson(userId)) : error(404, 10007, 'Unknown Member'),
  ],
  ['GET', /^\/guilds\/(\d+)\/channels$/u, () => ok(CHANNELS)],
  [
    'GET',
    /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/u,
    (_r, [guildId], rec) => ok(rec.commands.get(guildId ?? 'global') ?? []),
  ],
  [
    'PUT',
    /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/u,
    (req, [guildId], rec) => {
      const body = (req.body as unknown as Json[] | undefined) ?? [];
      const saved = body.map((c) => ({
        ...c,
        id: snowflake(),
        application_id: IDS.application,
        version: snowflake(),
        ...(guildId ? { guild_id: guildId } : {}),
      }));
      rec.commands.set(guildId ?? 'global', saved);
      return ok(saved);
    },
  ],
  ['GET', /^\/guilds\/(\d+)\/scheduled-events$/u, (_r, _p, rec) => ok([...rec.scheduledEvents.values()])],
  [
    'POST',
    /^\/guilds\/(\d+)\/scheduled-events$/u,
    (req, [guildId = ''], rec) => {
      const event = { ...req.body, id: snowflake(), guild_id: guildId, creator_id: IDS.application, status: 1 };
      rec.scheduledEvents.set(event.id, event);
      return ok(event);
    },
  ],
  [
    'PATCH',
    /^\/guilds\/\d+\/scheduled-events\/(\d+)$/u,
    (req, [eventId = ''], rec) => {
      const event = rec.scheduledEvents.get(eventId);
      if (!event) return error(404, 10070, 'Unknown Guild Scheduled Event');
      const updated = { ...event, ...req.body };
      rec.scheduledEvents.set(eventId, updated);
      return ok(updated);
    },
  ],
  [
    'DELETE',
    /^\/guilds\/\d+\/scheduled-events\/(\d+)$/u,
    (_r, [eventId = ''], rec) =>
      rec.scheduledEvents.delete(eventId) ? noContent : error(404, 10070, 'Unknown Guild Scheduled Event'),
  ],
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

function interactionCallback(
  req: RecordedRequest,
  [interactionId = '', token = '']: string[],
  rec: FakeRecords,
): RouteAnswer {
  if (rec.callbacksFor(interactionId).length > 0)
    return error(400, 40060, 'Interaction has already been acknowledged.');
  const type = Number(req.body?.['type']);
  rec.recordCallback({ interactionId, token, type, data: req.body?.['data'] as Json | undefined });
  if (req.query.get('with_response') !== 'true') return noContent;
  const message = messageJson(IDS.general, (req.body?.['data'] as Json | undefined) ?? {});
  return ok({ interaction: { id: interactionId, type: 2 }, resource: { type, message } });
}
