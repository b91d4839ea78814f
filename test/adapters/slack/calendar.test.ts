/**
 * Reading-group calendars through the real Slack adapter (real Bolt, HTTP mode) against
 * the fake Slack: the .ics file goes up with files.uploadV2 and is parsed back, the
 * session thread's link comes from chat.getPermalink, and the feed is served by the
 * receiver's custom route (200 text/calendar for the current token, 404 otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCore, type Core } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { calendarFeed } from '../../../src/core/features/calendar/export.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { startSlack, type RunningSlack } from '../../../adapters/slack/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { sendSlashCommand } from '../../fakes/slack/signed-requests.js';
import { FIXTURE_AGENDA_PATH } from '../../fixtures/agenda.js';
import { lineProblems, parseCalendar } from '../../helpers/ical.js';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.js';

const UIDS = ['slack-T0FAKE-rg1-s1@agendabot', 'slack-T0FAKE-rg1-s2@agendabot'];
const clock = new ManualClock('2027-03-01T09:00:00Z');
const logger = new MemoryLogger();
let slack: FakeSlack;
let running: RunningSlack;
let core: Core;
let base: string;

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await bootCore({
    agendaPath: FIXTURE_AGENDA_PATH,
    backend: openSqliteBackend(openDatabase(':memory:')),
    clock,
    logger,
    delivery,
    settings: { calendarFeedBaseUrl: 'https://bot.example.org' },
  });
  slack = await FakeSlack.start();
  running = await startSlack({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, port: 3000, adminUserIds: [] },
    dispatcher: core.dispatcher,
    logger,
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
    calendarFeed: (token) => calendarFeed(core.services, token),
  });
  delivery.add(running.delivery);
  base = `http://127.0.0.1:${running.port ?? 0}`;
});
afterAll(async () => {
  await running.stop();
  await slack.close();
});

/** Runs `/readinggroup <text>` in #C0RG and returns the ephemeral answer's text. */
async function readinggroup(text: string, userId: string): Promise<{ text: string; responseType: unknown }> {
  const responseUrl = slack.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const fields = { command: '/readinggroup', text, response_url: responseUrl, channel_id: 'C0RG', user_id: userId };
  const sent = await sendSlashCommand(`${base}/slack/events`, SIGNING_SECRET, fields);
  expect(sent.status).toBe(200);
  // A quick answer comes in the acknowledgement itself; a slow one through response_url.
  if (sent.body !== '') {
    const acked = JSON.parse(sent.body) as Record<string, unknown>;
    return { text: String(acked['text']), responseType: acked['response_type'] };
  }
  await slack.until(() => slack.responses.some((r) => r.id === id));
  const body = slack.responses.find((r) => r.id === id)?.body ?? {};
  return { text: String(body['text']), responseType: body['response_type'] };
}

/** The file inside the multipart body the WebClient sends to the upload URL (exactly as sent). */
function uploadedFile(body: string): string {
  const boundary = body.slice(0, body.indexOf('\r\n'));
  const start = body.indexOf('\r\n\r\n') + 4;
  return body.slice(start, body.lastIndexOf(`\r\n${boundary}--`));
}

const FEED_ADDRESS = /https:\/\/bot\.example\.org\/calendar\/([A-Za-z0-9_-]{43})\.ics/u;
const tokenIn = (text: string): string => FEED_ADDRESS.exec(text)?.[1] ?? '';

describe('reading-group calendars on Slack', () => {
  it('uploads the .ics with files.uploadV2, with the session thread permalink', async () => {
    const create = 'create name:"Safety RG" syllabus:2.1,3.4 day=thu time=17:00 tz=Europe/Berlin start=2027-03-18';
    await readinggroup(create, 'U0ORGANISER');
    clock.set('2027-03-18T16:00:00Z');
    await createSweeper(core.services, scheduledFeatures, { inFlight: new Map() }).sweep();
    const card = slack.messages.find((m) => m.metadata?.event_payload['key'] === 'rg:1:1:thread');
    expect(card?.channel).toBe('C0RG');

    const answer = await readinggroup('calendar', 'U0MEMBER');
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.text).toMatch(/^Posted the calendar of "Safety RG" \(2 sessions\) as safety-rg\.ics/u);
    expect(slack.callsTo('files.getUploadURLExternal').at(-1)?.args).toMatchObject({ filename: 'safety-rg.ics' });
    const complete = slack.callsTo('files.completeUploadExternal').at(-1)?.args;
    expect(complete).toMatchObject({ channel_id: 'C0RG' });
    expect(complete?.['files']).toEqual([{ id: slack.uploads.at(-1)?.id, title: 'Safety RG: calendar of 2 sessions' }]);
    expect(slack.callsTo('chat.getPermalink').at(-1)?.args).toMatchObject({ channel: 'C0RG', message_ts: card?.ts });

    const text = uploadedFile(slack.uploads.at(-1)?.body ?? '');
    expect(lineProblems(text)).toEqual([]);
    const { events } = parseCalendar(text);
    expect(events.map((e) => [e.uid, e.summary, e.start, e.url])).toEqual([
      [
        UIDS[0],
        '2.1 How in-context learning works is not understood · Safety RG',
        '2027-03-18T16:00:00.000Z',
        `https://fake.slack.test/archives/C0RG/p${card?.ts.replace('.', '')}`,
      ],
      [
        UIDS[1],
        '3.4 Interpretation and explanation tools are missing or unfaithful · Safety RG',
        '2027-03-25T16:00:00.000Z',
        null,
      ],
    ]);
    expect(events[0]?.organizer).toBe('slack://user?team=T0FAKE&id=U0ORGANISER');
  });

  it('refuses a feed reset to members who do not organise the group', async () => {
    const answer = await readinggroup('calendar reset', 'U0MEMBER');
    expect(answer.text).toMatch(/^Only the organisers of "Safety RG" can make a new calendar feed\./u);
  });

  it('serves the feed at the address given privately to the organiser, and 404 once it is reset', async () => {
    const first = await readinggroup('calendar reset', 'U0ORGANISER');
    expect(first.responseType).toBe('ephemeral');
    const oldToken = tokenIn(first.text);
    expect(oldToken).toHaveLength(43);

    const feed = await fetch(`${base}/calendar/${oldToken}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await feed.text();
    expect(lineProblems(body)).toEqual([]);
    expect(parseCalendar(body).events.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      [UIDS[0], 0, 'CONFIRMED'],
      [UIDS[1], 0, 'CONFIRMED'],
    ]);
    const head = await fetch(`${base}/calendar/${oldToken}.ics`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);

    const second = await readinggroup('calendar reset', 'U0ORGANISER');
    const newToken = tokenIn(second.text);
    expect(newToken).not.toBe(oldToken);
    expect((await fetch(`${base}/calendar/${oldToken}.ics`)).status).toBe(404);
    expect((await fetch(`${base}/calendar/${newToken}.ics`)).status).toBe(200);
  });

  it('answers 404 for unknown or malformed tokens and 405 for other methods, and never logs a token', async () => {
    const unknown = await fetch(`${base}/calendar/${'A'.repeat(43)}.ics`);
    expect([unknown.status, await unknown.text()]).toEqual([404, 'No such calendar.\n']);
    expect((await fetch(`${base}/calendar/nothing-here.ics`)).status).toBe(404);
    expect((await fetch(`${base}/calendar/${'A'.repeat(43)}`)).status).toBe(404);
    const posted = await fetch(`${base}/calendar/${'A'.repeat(43)}.ics`, { method: 'POST' });
    expect([posted.status, posted.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const token = tokenIn((await readinggroup('calendar reset', 'U0ORGANISER')).text);
    await fetch(`${base}/calendar/${token}.ics`);
    expect(JSON.stringify(logger.records)).not.toContain(token);
  });
});
