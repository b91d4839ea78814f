/**
 * The Slack adapter in OAuth mode (real Bolt installer, HTTP) against the fake Slack, on
 * the real core (fixture agenda, SQLite in a temporary file, manual clock), so tests can
 * install workspaces, run commands from each, sweep, and remove the app.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlack, type RunningSlack } from '../../../adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import type { DeliveryPorts } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { SlackInstallationsRepository } from '../../../src/persistence/slack-installations-repository.js';
import type { InstallationVault } from '../../../src/persistence/installation-vault.js';
import { asyncPort, gateOf } from '../../../src/persistence/sqlite-gate.js';
import { Keyring } from '../../../src/secrets/seal.js';
import { SecretKey } from '../../../src/secrets/secret-key.js';
import { MemoryDeliveryPort } from '../../fakes/memory-delivery.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import type { FakeGrant } from '../../fakes/slack/methods.js';
import { sendEvent, sendSlashCommand } from '../../fakes/slack/signed-requests.js';
import { digestEnv, type DigestEnv } from '../../helpers/digest.js';

export const SIGNING = 'oauth-signing-secret-1';
export const KEY = 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=';
export const CLIENT = { id: '111.222', secret: 'client-secret-abc' };

export function grant(team: string, token = `xoxb-${team}-token-secret`): FakeGrant {
  return {
    teamId: team,
    teamName: `Lab ${team}`,
    botToken: token,
    botUserId: `UBOT${team}`,
    botId: `B${team}`,
    installerId: `UADMIN${team}`,
  };
}

export interface OAuthWorld {
  readonly slack: FakeSlack;
  readonly env: DigestEnv;
  readonly running: RunningSlack;
  readonly installations: SlackInstallationsRepository;
  readonly dbPath: string;
  readonly base: string;
  /** The install page, then the redirect with the page's state and cookie; returns the redirect's answer. */
  install(fake: FakeGrant): Promise<{ status: number; body: string }>;
  /** Fetches the install page: the state and cookie a browser would carry to the redirect. */
  begin(): Promise<{ state: string; cookie: string; page: string }>;
  redirect(code: string, state: string, cookie: string): Promise<{ status: number; body: string }>;
  /** `/<command> <text>` from a workspace's user; the reply (ack body or response_url post), or undefined. */
  command(
    team: string,
    user: string,
    text: string,
    command?: string,
  ): Promise<{ status: number; reply: string | undefined }>;
  event(team: string, event: object): Promise<number>;
  close(): Promise<void>;
}

/** The fake Slack, the core on a temporary database file, and OAuth mode's settings (plus `extraEnv`). */
async function setUp(extraEnv: Record<string, string>) {
  const slack = await FakeSlack.start();
  slack.oauthClient = CLIENT;
  const dbPath = join(mkdtempSync(join(tmpdir(), 'agendabot-oauth-')), 'bot.db');
  const db = openDatabase(dbPath);
  const env = await digestEnv({ db, now: '2024-03-04T08:00:00Z', port: new MemoryDeliveryPort('discord') });
  const key = SecretKey.fromBase64(KEY);
  if (!key) throw new Error('bad key');
  const installations = new SlackInstallationsRepository(db, new Keyring(key));
  const config = loadConfig({
    SLACK_CLIENT_ID: CLIENT.id,
    SLACK_CLIENT_SECRET: CLIENT.secret,
    SLACK_STATE_SECRET: 'state-secret-xyz',
    SLACK_SIGNING_SECRET: SIGNING,
    SLACK_API_URL: slack.apiUrl,
    AGENDABOT_SECRET_KEY: KEY,
    ...extraEnv,
  }).slack;
  if (!config) throw new Error('no slack config');
  return { slack, dbPath, db, env, installations, config };
}

/** The install page and the redirect, as a browser would fetch them. */
function browser(base: string) {
  const begin = async () => {
    const answer = await fetch(`${base}/slack/install`);
    const page = await answer.text();
    const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const state = /state=([^&"]+)/u.exec(page)?.[1] ?? '';
    return { state: decodeURIComponent(state), cookie, page };
  };
  const redirect = async (code: string, state: string, cookie: string) => {
    const answer = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
    return { status: answer.status, body: await answer.text() };
  };
  return { begin, redirect };
}

/** OAuth mode on the fake Slack; `extraEnv` adds settings (e.g. `SLACK_POSTS_PER_SECOND`). */
export async function startOAuthWorld(extraEnv: Record<string, string> = {}): Promise<OAuthWorld> {
  const { slack, dbPath, db, env, installations, config } = await setUp(extraEnv);
  const running = await startSlack({
    config,
    dispatcher: env.dispatcher,
    logger: env.logger,
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
    // The bot's own view of the rows (asynchronous, through the connection's gate); tests read them synchronously.
    installations: asyncPort<InstallationVault>(installations, gateOf(db).run),
    homeIntervalMs: 50,
    replyBudgetMs: 2000,
  });
  (env.services.platforms as DeliveryPorts).add(running.delivery);
  const base = `http://127.0.0.1:${running.port ?? 0}`;
  const { begin, redirect } = browser(base);
  let sequence = 0;
  return {
    slack,
    env,
    running,
    installations,
    dbPath,
    base,
    begin,
    redirect,
    async install(fake) {
      sequence += 1;
      const code = `code-${fake.teamId}-${sequence}`;
      slack.grants.set(code, fake);
      const { state, cookie } = await begin();
      return redirect(code, state, cookie);
    },
    async command(team, user, text, command = '/agenda') {
      const id = `r-${team}-${++sequence}`;
      const fields = {
        command,
        text,
        team_id: team,
        user_id: user,
        channel_id: `C${team}1`,
        response_url: slack.responseUrl(id),
      };
      const sent = await sendSlashCommand(`${base}/slack/events`, SIGNING, fields);
      if (sent.body !== '') return { status: sent.status, reply: sent.body };
      const posted = slack.responses.find((r) => r.id === id);
      return { status: sent.status, reply: posted ? JSON.stringify(posted.body) : undefined };
    },
    async event(team, event) {
      return (await sendEvent(`${base}/slack/events`, SIGNING, event, undefined, team)).status;
    },
    async close() {
      await running.stop();
      await slack.close();
      db.close();
    },
  };
}
