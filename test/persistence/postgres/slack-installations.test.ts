/**
 * Slack installations on PostgreSQL: sealed as on SQLite (the token never in a plain column), a reinstall after
 * a removal recognised, a revoke counted once, a rotation re-sealing every row under the new key.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, poolExecutor } from '../../../src/persistence/postgres/connection.js';
import { PostgresSlackInstallations } from '../../../src/persistence/postgres/slack-installations-repository.js';
import { Keyring } from '../../../src/secrets/seal.js';
import { SecretKey } from '../../../src/secrets/secret-key.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres.js';

const key = () => SecretKey.fromBase64(randomBytes(32).toString('base64')) as SecretKey;
const TOKEN = 'xoxb-secret-token-1';
const record = {
  teamId: 'T1',
  isEnterpriseInstall: false,
  botId: 'B1',
  botUserId: 'UB1',
  installerUserId: 'U1',
  scopes: ['chat:write', 'commands'],
  installation: JSON.stringify({ team: { id: 'T1' }, bot: { token: TOKEN } }),
};

describe.runIf(postgresAvailable)('Slack installations on PostgreSQL', () => {
  let pool: pg.Pool;
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    pool = createPool(url);
  });
  afterAll(async () => {
    await pool.end();
  });

  it('seals the installation, recognises a reinstall, revokes once, and re-seals under a new key', async () => {
    const first = key();
    const store = new PostgresSlackInstallations(poolExecutor(pool), new Keyring(first));
    expect(await store.save(record, new Date('2026-01-01T00:00:00Z'))).toEqual({ id: 'team:T1', wasRevoked: false });
    const raw = await pool.query('SELECT * FROM slack_installations');
    expect(JSON.stringify(raw.rows)).not.toContain(TOKEN);
    expect(Buffer.isBuffer(raw.rows[0]?.sealed)).toBe(true);
    expect(await store.find('team:T1')).toMatchObject({
      id: 'team:T1',
      teamId: 'T1',
      scopes: ['chat:write', 'commands'],
    });
    expect(JSON.parse((await store.find('team:T1'))?.installation ?? '{}')).toEqual(JSON.parse(record.installation));
    expect(await store.revoke('team:T1', new Date('2026-01-02T00:00:00Z'))).toBe(true);
    expect(await store.revoke('team:T1', new Date('2026-01-02T00:00:01Z'))).toBe(false);
    expect(await store.isRevoked('team:T1')).toBe(true);
    expect(await store.save(record, new Date('2026-01-03T00:00:00Z'))).toEqual({ id: 'team:T1', wasRevoked: true });
    expect(await store.isRevoked('team:T1')).toBe(false);

    const second = key();
    const rotating = new PostgresSlackInstallations(poolExecutor(pool), new Keyring(second, first));
    expect(await rotating.reseal(second)).toBe(1);
    const onlyNew = new PostgresSlackInstallations(poolExecutor(pool), new Keyring(second));
    expect(JSON.parse((await onlyNew.find('team:T1'))?.installation ?? '{}')).toEqual(JSON.parse(record.installation));
    await expect(store.find('team:T1')).rejects.toThrow(/neither AGENDABOT_SECRET_KEY/u);
    expect(await store.find('team:T9')).toBeUndefined();
  });
});
