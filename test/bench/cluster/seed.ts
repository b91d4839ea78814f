/**
 * The cluster bench's database: a fresh PostgreSQL database, migrated, with the three Slack workspaces
 * installed (sealed under the bench's key, as the OAuth redirect would store them) and the subscriptions all
 * due at one instant: Slack first (ids 1…slack, spread over the workspaces), then Discord.
 */
import pg from 'pg';
import { weekOf } from '../../../src/core/time/weekly.js';
import type { Platform } from '../../../src/core/context.js';
import { openPostgresBackend } from '../../../src/persistence/postgres/index.js';
import { Keyring } from '../../../src/secrets/seal.js';
import { SecretKey } from '../../../src/secrets/secret-key.js';
import { IDS } from '../../fakes/discord/index.js';
import { dueWeekly, previousMinute } from '../../helpers/due-subscriptions.js';
import { grantOf, SECRET_KEY, TEAMS } from './world.js';

export interface Seeded {
  readonly url: string;
  readonly week: string;
  /** `digest:<id>:<week>` and its `:thread` key for every subscription, by platform. */
  readonly slackKeys: readonly string[];
  readonly discordKeys: readonly string[];
}

export async function seedDatabase(adminUrl: string, name: string, slack: number, discord: number): Promise<Seeded> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const backend = await openPostgresBackend(url.toString());
  const due = previousMinute();
  try {
    const key = SecretKey.fromBase64(SECRET_KEY);
    if (!key) throw new Error('the bench key does not parse');
    const vault = backend.installations(new Keyring(key));
    for (const team of TEAMS) await vault.save(installationRecord(team), due);
    const targets: [Platform, string, string][] = [
      ...Array.from({ length: slack }, (_, i): [Platform, string, string] => {
        const team = TEAMS[i % TEAMS.length] ?? TEAMS[0];
        return ['slack', team, `C${team.slice(-1)}${String(i + 1).padStart(6, '0')}`];
      }),
      ...Array.from({ length: discord }, (_, i): [Platform, string, string] => [
        'discord',
        IDS.guild,
        discordChannel(i),
      ]),
    ];
    await backend.unitOfWork.atomically(async (tx) => {
      for (const [platform, tenantId, channelId] of targets) {
        await tx.subscriptions.create(dueWeekly({ platform, tenantId, channelId }, due));
      }
    });
  } finally {
    await backend.close();
  }
  const week = weekOf(due, 'UTC');
  const keys = (from: number, count: number): string[] =>
    Array.from({ length: count }, (_, i) => [`digest:${from + i}:${week}`, `digest:${from + i}:${week}:thread`]).flat();
  return { url: url.toString(), week, slackKeys: keys(1, slack), discordKeys: keys(slack + 1, discord) };
}

export function discordChannel(index: number): string {
  return String(600000000000000001n + BigInt(index));
}

/** What the OAuth redirect stores for a workspace (Bolt's `Installation`, as JSON, sealed by the vault). */
function installationRecord(team: string) {
  const grant = grantOf(team);
  const installation = {
    team: { id: team, name: grant.teamName },
    enterprise: undefined,
    user: { id: grant.installerId, token: undefined, scopes: undefined },
    bot: { token: grant.botToken, userId: grant.botUserId, id: grant.botId, scopes: ['chat:write', 'commands'] },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'ABENCH',
  };
  return {
    teamId: team,
    isEnterpriseInstall: false,
    botId: grant.botId,
    botUserId: grant.botUserId,
    installerUserId: grant.installerId,
    scopes: ['chat:write', 'commands'],
    installation: JSON.stringify(installation),
  };
}
