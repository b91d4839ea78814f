/**
 * Moving a deployment from SQLite to PostgreSQL: every record arrives with its ids and order, identity counters
 * continue after the copied ids, feed tokens keep working, and a target that holds anything is refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCopyToPostgres } from '../../src/cli/copy-to-postgres.js';
import { ephemeralText } from '../../src/core/message.js';
import { openDatabase } from '../../src/persistence/db.js';
import { openPostgresBackend } from '../../src/persistence/postgres/index.js';
import { createPool, poolExecutor } from '../../src/persistence/postgres/connection.js';
import { PostgresSlackInstallations } from '../../src/persistence/postgres/slack-installations-repository.js';
import { SlackInstallationsRepository } from '../../src/persistence/slack-installations-repository.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { Keyring } from '../../src/secrets/seal.js';
import { SecretKey } from '../../src/secrets/secret-key.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres.js';

const at = (iso: string) => new Date(iso);
const KEYRING = new Keyring(SecretKey.fromBase64(randomBytes(32).toString('base64')) as SecretKey);
const INSTALLATION = {
  teamId: 'T1',
  isEnterpriseInstall: false,
  scopes: ['chat:write'],
  installation: JSON.stringify({ team: { id: 'T1' }, bot: { token: 'xoxb-copied-token' } }),
};

async function run(args: string[], settings = {}) {
  let out = '';
  let err = '';
  const code = await runCopyToPostgres(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    settings,
  });
  return { code, out, err };
}

/** A SQLite database with a record in every table the copy moves. Returns the feed token it issued. */
async function seed(path: string): Promise<string> {
  const backend = openSqliteBackend(openDatabase(path));
  const { subscriptions, deliveries, readingGroups, calendars, introductions, inlineReplies } = backend.stores;
  await subscriptions.create({
    platform: 'slack',
    tenantId: 'T1',
    target: { kind: 'channel', channelId: 'C1' },
    ownerId: 'U1',
    weekday: 1,
    time: { hour: 9, minute: 0 },
    zone: 'UTC',
    origin: 'any',
    order: 'agenda',
    count: 1,
    seed: 7,
    nextDueAt: at('2026-01-05T09:00:00Z'),
    createdAt: at('2026-01-01T00:00:00Z'),
  });
  const question = {
    deliveryKey: 'digest:1:2026-W02',
    position: 0,
    round: 1,
    questionId: '3.5-q1',
    challengeId: '3.5',
    newRound: false,
  };
  await subscriptions.recordPost(1, 1, [question], at('2026-01-05T09:00:00Z'));
  await subscriptions.addInterest('slack', 'T1', 'U2', '3.5-q1', 'digest:1:2026-W02', at('2026-01-05T09:10:00Z'));
  const destination = {
    kind: 'channel',
    conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' },
  } as const;
  await deliveries.plan(
    { key: 'digest:1:2026-W02', destination, reply: ephemeralText('q'), dueAt: at('2026-01-05T09:00:00Z') },
    at('2026-01-05T09:00:00Z'),
  );
  // A claim that would run for ten years: the copy must not carry it over.
  await deliveries.claim('old-process', ['slack'], at('2026-01-05T09:00:00Z'), 10 * 365 * 86_400_000, 10);
  const group = await readingGroups.createGroup({
    platform: 'slack',
    tenantId: 'T1',
    channelId: 'C1',
    name: 'Safety RG',
    unit: 'challenge',
    syllabusSpec: '3.5',
    schedule: { weekday: 4, localTime: '17:00', timeZone: 'UTC', everyWeeks: 1 },
    createdBy: 'U1',
    createdAt: at('2026-01-01T00:00:00Z'),
    eventsOn: false,
    sessions: [{ unitId: '3.5', localDate: '2026-01-08', startsAt: at('2026-01-08T17:00:00Z') }],
  });
  await readingGroups.addOrganiser(group.id, 'U9');
  await readingGroups.addOrganiser(group.id, 'U3');
  await readingGroups.addMember(group.id, 'U2', at('2026-01-02T00:00:00Z'));
  await readingGroups.setRsvp(group.id, 1, 'U2', 'going');
  await readingGroups.addNote(group.id, 1, 'U2', 'a note', at('2026-01-08T18:00:00Z'));
  await readingGroups.moveSessions(group.id, [
    { number: 1, localDate: '2026-01-15', startsAt: at('2026-01-15T17:00:00Z') },
  ]);
  const token = await calendars.issueFeedToken(group.id, 'U1', at('2026-01-02T00:00:00Z'));
  const tenant = { platform: 'slack', tenantId: 'T1' } as const;
  await introductions.setOptedIn(tenant, 'U2', true, at('2026-01-03T00:00:00Z'));
  await introductions.setChannel(tenant, 'C7', 'U1', at('2026-01-03T00:00:00Z'));
  await introductions.record({
    ...tenant,
    topic: '3.5-q1',
    members: ['U2', 'U3'],
    requestedBy: 'U2',
    createdAt: at('2026-01-04T00:00:00Z'),
  });
  await inlineReplies.claim(
    { platform: 'slack', tenantId: 'T1', channelId: 'C1', messageId: '1.1' },
    at('2026-01-05T00:00:00Z'),
  );
  await backend.stores.suspensions.record(
    'slack',
    'T1',
    { kind: 'subscription', id: 1 },
    'uninstalled',
    at('2026-01-06T00:00:00Z'),
  );
  new SlackInstallationsRepository(backend.db, KEYRING).save(INSTALLATION, at('2026-01-01T00:00:00Z'));
  await backend.close();
  return token;
}

describe('npm run db:copy-to-postgres', () => {
  it('says what is missing before touching anything', async () => {
    expect(await run([])).toMatchObject({ code: 1, err: expect.stringContaining('set DATABASE_URL') });
    const missing = await run(['--from', '/nonexistent/bot.db', '--to', 'postgres://u:secret@127.0.0.1:1/db']);
    expect(missing).toMatchObject({
      code: 1,
      err: expect.stringContaining('No SQLite database at /nonexistent/bot.db'),
    });
    expect((await run(['--bogus'])).code).toBe(1);
    expect((await run(['--help'])).out).toContain('Refuses a target that already');
  });

  describe.runIf(postgresAvailable)('into a PostgreSQL database', () => {
    let dir: string;
    let path: string;
    let token: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'agendabot-copy-'));
      path = join(dir, 'bot.db');
      token = await seed(path);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('copies every record, keeps ids and order, and refuses to copy twice', async () => {
      const url = await createTestDatabase({ empty: true });
      const first = await run(['--from', path], { databaseUrl: url });
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      expect(first.out).toContain('  reading_group_organisers: 3\n');
      expect(first.out).toContain('  slack_installations: 1\n');
      expect(first.out).toContain('Copied 22 rows.');
      expect(first.out).not.toContain(url);

      const backend = await openPostgresBackend(url);
      try {
        const { subscriptions, deliveries, readingGroups, calendars, introductions, inlineReplies } = backend.stores;
        expect((await subscriptions.list('slack', 'T1')).map((s) => [s.id, s.seed])).toEqual([[1, 7]]);
        expect((await subscriptions.history(1)).map((q) => q.questionId)).toEqual(['3.5-q1']);
        expect(await subscriptions.interestCount('digest:1:2026-W02', '3.5-q1')).toBe(1);
        // The old process's claim did not come along: any new process may take the delivery at once.
        expect((await deliveries.claimKey('digest:1:2026-W02', 'new', new Date(), 1000))?.reply).toEqual(
          ephemeralText('q'),
        );
        const [group] = await readingGroups.groupsOf('slack', 'T1');
        expect(await readingGroups.organisers(group?.id ?? 0)).toEqual(['U1', 'U9', 'U3']);
        expect(await readingGroups.rsvps(group?.id ?? 0, 1)).toEqual([{ userId: 'U2', answer: 'going' }]);
        expect((await readingGroups.notes(group?.id ?? 0)).map((n) => n.text)).toEqual(['a note']);
        expect(await calendars.sequences(group?.id ?? 0)).toEqual(new Map([[1, 1]]));
        expect(await calendars.feedOwner(token)).toEqual({ groupId: group?.id, platform: 'slack', tenantId: 'T1' });
        const tenant = { platform: 'slack', tenantId: 'T1' } as const;
        expect(await introductions.optedIn(tenant, ['U2'])).toEqual(['U2']);
        expect(await introductions.channel(tenant)).toBe('C7');
        expect(await introductions.introducedWith(tenant, '3.5-q1', 'U2')).toEqual(new Set(['U3']));
        const message = { platform: 'slack', tenantId: 'T1', channelId: 'C1', messageId: '1.1' } as const;
        expect(await inlineReplies.claim(message, at('2026-01-05T00:01:00Z'))).toBe(false);
        expect(await backend.stores.suspensions.take('slack', 'T1')).toEqual([{ kind: 'subscription', id: 1 }]);
        // Still sealed, bound to its row: the same key opens it on PostgreSQL.
        const pool = createPool(url);
        const installations = new PostgresSlackInstallations(poolExecutor(pool), KEYRING);
        expect((await installations.find('team:T1'))?.installation).toBe(INSTALLATION.installation);
        await pool.end();
        // New rows get ids after the copied ones.
        const next = await subscriptions.create({
          ...(await subscriptions.byId(1))!,
          createdAt: at('2026-02-01T00:00:00Z'),
        });
        expect(next.id).toBe(2);
      } finally {
        await backend.close();
      }

      const again = await run(['--from', path, '--to', url]);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/^Nothing copied: the PostgreSQL database already holds records \(in subscriptions, /u);
    });
  });
});
