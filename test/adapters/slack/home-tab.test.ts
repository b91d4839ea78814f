/**
 * The Home tab through the real Bolt app (HTTP mode) against the fake Slack: opening it
 * publishes the person's page in their own zone; a change made from the tab or by a
 * command republishes it, coalesced per person; a 429 is waited out; a long page stays
 * within a Home view's 100 blocks; the manifest enables the tab and its event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { registry } from '../../../src/core/features/index.js';
import type { Reply } from '../../../src/core/message.js';
import { buildManifest } from '../../../adapters/slack/manifest.js';
import { renderReply } from '../../../adapters/slack/render.js';
import { appHomeOpened, homeButtonPayload, sendEvent } from '../../fakes/slack/signed-requests.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.js';

type Element = { text?: string | { text: string }; action_id?: string; value?: string };
type Block = { type: string; text?: { text: string }; elements?: Element[] };
type View = { type: string; blocks: Block[] };

const INTERVAL_MS = 300;
let h: Harness;
let core: TestCore;

beforeAll(async () => {
  core = await makeServices({ clock: new ManualClock('2027-01-04T09:00:00Z') });
  h = await startHarness(registry, core.services, { homeIntervalMs: INTERVAL_MS });
  h.slack.users.set('U0HOME', { id: 'U0HOME', tz: 'Europe/Berlin' });
  h.slack.users.set('U0PLAIN', { id: 'U0PLAIN' });
});
afterAll(async () => {
  await h.close();
});

const publishes = (userId: string) => h.slack.callsTo('views.publish').filter((c) => c.args.user_id === userId);
const lastView = (userId: string): View => publishes(userId).at(-1)?.args.view as View;
const sectionTexts = (view: View): string[] =>
  view.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
const label = (e: Element): string => (typeof e.text === 'object' ? e.text.text : '');
const buttonLabels = (view: View): string[] =>
  view.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map(label) : []));
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const button = (id: string, value: string, text: string, style?: string) => ({
  type: 'button',
  action_id: id,
  value,
  text: plain(text),
  ...(style !== undefined ? { style } : {}),
});
const note = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

async function open(userId: string): Promise<View> {
  const before = publishes(userId).length;
  const sent = await sendEvent(h.url, SIGNING_SECRET, appHomeOpened(userId));
  expect(sent.status).toBe(200);
  await h.slack.until(() => publishes(userId).length > before);
  return lastView(userId);
}

async function agenda(userId: string, text: string): Promise<Record<string, unknown>> {
  const sent = await h.command(text, { user_id: userId, channel_id: `D${userId}`, channel_name: 'directmessage' });
  return h.responseTo(sent.responseId);
}

describe('the Slack Home tab', () => {
  it('publishes the person’s page when they open the tab, with times in their Slack time zone', async () => {
    const subscribed = await agenda('U0HOME', 'subscribe day=wed time=09:00 tz=UTC');
    expect(subscribed).toMatchObject({ text: expect.stringMatching(/^Subscribed \(id 1\)/u) });
    const view = await open('U0HOME');
    expect(h.slack.callsTo('users.info').at(-1)?.args.user).toBe('U0HOME');
    expect(view).toEqual({
      type: 'home',
      blocks: [
        note('Times are in Europe/Berlin.'),
        {
          type: 'actions',
          elements: [
            button('ab:home.start:0', 'browse', 'Browse the agenda', 'primary'),
            button('ab:home.start:1', 'subscribe', 'Subscribe to a weekly question'),
            button('ab:home.start:2', 'group', 'Start a reading group'),
          ],
        },
        { type: 'divider' },
        { type: 'header', text: plain('Your weekly questions') },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text:
              '*Subscription 1* to you, by direct message, Wednesdays at 09:00 (UTC). ' +
              'Next post: Wednesday 2027-01-06 10:00 (Europe/Berlin).',
          },
        },
        {
          type: 'actions',
          elements: [
            button('ab:home.pause:3', '1', 'Pause'),
            button('ab:home.unsubscribe:4', '1', 'Unsubscribe', 'danger'),
          ],
        },
      ],
    });
  });

  it('falls back to the default zone when Slack gives none, and publishes nothing for the Messages tab', async () => {
    await sendEvent(h.url, SIGNING_SECRET, appHomeOpened('U0PLAIN', 'messages'));
    const view = await open('U0PLAIN');
    expect(publishes('U0PLAIN')).toHaveLength(1);
    expect(view.blocks[0]).toEqual({ type: 'header', text: plain('Welcome to the research agenda') });
    expect(view.blocks.at(-1)).toEqual(note('Times will be shown in UTC.'));
  });

  it('Pause on the tab pauses, answers in the Messages tab, and republishes the page with Resume', async () => {
    await open('U0HOME');
    const before = publishes('U0HOME').length;
    const elsewhere = h.slack.responses.length + h.slack.callsTo('chat.postEphemeral').length;
    const sent = await h.interact(homeButtonPayload({ actionId: 'ab:home.pause:3', value: '1', userId: 'U0HOME' }));
    expect(sent.status).toBe(200);
    await h.slack.until(() => publishes('U0HOME').length > before);
    expect((await core.services.subscriptions.byId(1))?.paused).toBe(true);
    expect(sectionTexts(lastView('U0HOME'))[0]).toBe(
      '*Subscription 1* to you, by direct message, Wednesdays at 09:00 (UTC). Paused (by hand, with /agenda pause).',
    );
    expect(buttonLabels(lastView('U0HOME')).slice(3, 5)).toEqual(['Resume', 'Unsubscribe']);
    const answer = h.slack.callsTo('chat.postMessage').at(-1)?.args;
    expect(answer).toMatchObject({ channel: 'U0HOME', text: 'Paused 1.' });
    // Nothing went to a response_url or as an ephemeral message: a Home tab has neither.
    expect(h.slack.responses.length + h.slack.callsTo('chat.postEphemeral').length).toBe(elsewhere);
  });

  it('redraws the page of someone who presses a button on it without having opened it since start', async () => {
    h.slack.users.set('U0RETURNING', { id: 'U0RETURNING' });
    await core.dispatcher.runText('agenda', 'subscribe', {
      actor: { platform: 'slack', tenantId: 'T0FAKE', userId: 'U0RETURNING' },
      conversation: { platform: 'slack', tenantId: 'T0FAKE', channelId: 'D0RETURNING' },
      isDirect: true,
    });
    const id = String((await core.services.subscriptions.list('slack', 'T0FAKE')).at(-1)?.id);
    await h.interact(homeButtonPayload({ actionId: 'ab:home.pause:3', value: id, userId: 'U0RETURNING' }));
    await h.slack.until(() => publishes('U0RETURNING').length === 1);
    expect(sectionTexts(lastView('U0RETURNING'))[0]).toMatch(/Paused \(by hand, with \/agenda pause\)\.$/u);
  });

  it('redraws after changes made by commands, never twice for one person within the interval', async () => {
    await open('U0HOME');
    const before = publishes('U0HOME').length;
    await agenda('U0HOME', 'resume 1');
    await agenda('U0HOME', 'pause 1');
    await agenda('U0HOME', 'resume 1');
    const resumed = /Next post: Wednesday 2027-01-06 10:00 \(Europe\/Berlin\)\.$/u;
    await h.slack.until(
      () => publishes('U0HOME').length > before && resumed.test(sectionTexts(lastView('U0HOME'))[0] ?? ''),
    );
    // Anything still planned would come within one more interval.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 2));
    const all = publishes('U0HOME');
    // How many redraws depends on how fast the commands ran; three changes never make more than three.
    expect(all.length - before).toBeGreaterThanOrEqual(1);
    expect(all.length - before).toBeLessThanOrEqual(3);
    // Measured where the calls arrive, so HTTP delays blur it; unpaced calls would come milliseconds apart.
    // The exact pace is checked in home-publisher.test.ts.
    for (let i = 1; i < all.length; i += 1) {
      expect((all[i]?.at ?? 0) - (all[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS / 2);
    }
    expect(sectionTexts(lastView('U0HOME'))[0]).toMatch(resumed);
  });

  it('waits out a 429 for as long as Retry-After says, then publishes', async () => {
    h.slack.rateLimitNext('views.publish', 1);
    const start = Date.now();
    await sendEvent(h.url, SIGNING_SECRET, appHomeOpened('U0PLAIN'));
    await h.slack.until(() => publishes('U0PLAIN').length === 3);
    const [limited, retried] = publishes('U0PLAIN').slice(1);
    expect(limited && retried && retried.at - limited.at).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - start).toBeGreaterThanOrEqual(1000);
    expect(h.logger.records.some((e) => e.message === 'home tab not published')).toBe(false);
  });

  it('keeps a page with many items within 100 blocks and says what was left out', async () => {
    const user = 'U0MANY';
    const dm = {
      actor: { platform: 'slack' as const, tenantId: 'T0FAKE', userId: user },
      conversation: { platform: 'slack' as const, tenantId: 'T0FAKE', channelId: `D${user}` },
      isDirect: true,
    };
    for (let i = 0; i < 20; i += 1) await core.dispatcher.runText('agenda', 'subscribe day=fri time=16:00', dm);
    for (let i = 0; i < 18; i += 1) {
      const channel = { ...dm.conversation, channelId: `C0RG${i}` };
      const where = { actor: { ...dm.actor, userId: 'U0ORG' }, conversation: channel, isDirect: false };
      const create = `create name:"Group ${i}" syllabus:2.1,2.2 day=thu time=17:00`;
      await core.dispatcher.runText('readinggroup', create, where);
      await core.dispatcher.runText('readinggroup', 'join', { ...where, actor: dm.actor });
    }
    for (const q of core.services.agenda().questions().slice(0, 60)) {
      const at = new Date('2027-01-04T10:00:00Z');
      await core.services.subscriptions.addInterest('slack', 'T0FAKE', user, q.id, 'digest:1:2027-W01', at);
    }
    const view = await open(user);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const contexts = view.blocks.filter((b) => b.type === 'context');
    const small = contexts.flatMap((b) => (b.elements ?? []).map((e) => String(e.text)));
    expect(small).toContain('Showing 15 of 20 subscriptions. /agenda subscriptions lists them all.');
    expect(small).toContain("Showing 15 of 18 groups. /readinggroup status in a group's channel shows that group.");
    // The interests list runs past the character budget: cut after a whole item, saying how many are shown.
    const cut =
      /^_Showing \d+ of 60: the rest did not fit in one Slack message\._\n\/agenda interests lists them all\.$/u;
    expect(small.at(-1)).toMatch(cut);
    // The quick starts come first, so a cut never takes them.
    const starts = ['Browse the agenda', 'Subscribe to a weekly question', 'Start a reading group'];
    expect(buttonLabels(view).slice(0, 3)).toEqual(starts);
  });

  it('cuts a page longer than 100 blocks by the reply rule, keeping its buttons and saying so', () => {
    const page: Reply = {
      visibility: 'ephemeral',
      summary: 'long',
      blocks: [
        ...Array.from({ length: 150 }, (_, i) => ({ kind: 'text' as const, spans: [`line ${i}`] })),
        { kind: 'buttons', buttons: [{ action: 'home.start', value: 'browse', label: 'Browse the agenda' }] },
      ],
    };
    const { blocks } = renderReply(page, 100);
    expect(blocks).toHaveLength(100);
    expect(blocks[97]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'line 97' } });
    expect(blocks[98]).toEqual(note('_…the rest did not fit in one Slack message._'));
    expect(blocks[99]?.type).toBe('actions');
  });
});

describe('the manifest', () => {
  it('enables the Home tab beside the Messages tab and subscribes to app_home_opened', () => {
    type Manifest = { features: Record<string, unknown>; settings: Record<string, unknown> };
    const manifest = buildManifest(registry) as Manifest;
    const tabs = { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false };
    expect(manifest.features.app_home).toEqual(tabs);
    expect(manifest.settings.event_subscriptions).toEqual({ bot_events: ['app_home_opened'] });
    const http = buildManifest(registry, { baseUrl: 'https://bot.example.org/' }) as Manifest;
    const url = 'https://bot.example.org/slack/events';
    expect(http.settings.event_subscriptions).toEqual({ bot_events: ['app_home_opened'], request_url: url });
  });
});
