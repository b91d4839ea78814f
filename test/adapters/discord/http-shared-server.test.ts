/**
 * With Slack in HTTP mode, Discord's interactions endpoint is a route on Slack's server
 * (one port), as `src/main.ts` wires it: real Bolt and real discord.js against the fakes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { startSlack, type RunningSlack } from '../../../adapters/slack/index.js';
import { MemoryLogger } from '../../../src/log.js';
import { chatInput, FakeDiscord, IDS, type Json } from '../../fakes/discord/index.js';
import { applicationKeys, signatureOf } from '../../fakes/discord/signed-interactions.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { sendSlashCommand } from '../../fakes/slack/signed-requests.js';
import { makeServices } from '../../helpers/services.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.js';

const { publicHex, privateKey } = applicationKeys();
let discordFake: FakeDiscord;
let slackFake: FakeSlack;
let discord: DiscordAdapter;
let slack: RunningSlack;
let base: string;

beforeAll(async () => {
  const logger = new MemoryLogger();
  const core = await makeServices({ logger });
  discordFake = await FakeDiscord.start();
  slackFake = await FakeSlack.start();
  discord = await startDiscord({
    config: {
      token: discordFake.token,
      applicationId: IDS.application,
      apiUrl: discordFake.apiUrl,
      http: { publicKey: publicHex, port: 1 },
    },
    dispatcher: core.dispatcher,
    logger,
    shareHttpServer: true,
  });
  slack = await startSlack({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: slackFake.apiUrl,
      port: 3000,
      adminUserIds: [],
    },
    dispatcher: core.dispatcher,
    logger,
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
    routes: discord.interactionsRoute ? [discord.interactionsRoute] : [],
  });
  base = `http://127.0.0.1:${slack.port ?? 0}`;
});
afterAll(async () => {
  await slack?.stop();
  await discord?.stop();
  await slackFake?.close();
  await discordFake?.close();
});

async function postSigned(payload: Json, signed: boolean): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp };
  if (signed) headers['x-signature-ed25519'] = signatureOf(timestamp, body, privateKey);
  return fetch(`${base}/discord/interactions`, { method: 'POST', headers, body });
}

describe("Discord's interactions endpoint on Slack's HTTP server", () => {
  it('serves no server of its own', () => {
    expect(discord.interactionsPort).toBeUndefined();
  });

  it('answers a signed /agenda command on the Slack port, with the content in the response', async () => {
    const res = await postSigned(chatInput('agenda', 'category', { category: '4' }), true);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { type: number; data: { embeds: { title: string }[] } };
    expect(json.type).toBe(4);
    expect(json.data.embeds[0]?.title).toBe('§4 Sociotechnical challenges');
  });

  it('refuses an unsigned request there with 401', async () => {
    expect((await postSigned(chatInput('agenda', 'help'), false)).status).toBe(401);
  });

  it('leaves Slack commands on the same server working', async () => {
    const fields = {
      command: '/agenda',
      text: 'help',
      response_url: slackFake.responseUrl(),
      channel_id: 'C0RG',
      user_id: 'U0MEMBER',
    };
    const sent = await sendSlashCommand(`${base}/slack/events`, SIGNING_SECRET, fields);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)['text']).toMatch(/^LLM alignment &amp; safety challenges \(Anwar et al\., 2024\)/u);
  });
});
