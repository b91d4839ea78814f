import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRotateKey } from '../../src/cli/rotate-key.js';
import { openDatabase } from '../../src/persistence/db.js';
import { SlackInstallationsRepository } from '../../src/persistence/slack-installations-repository.js';
import { Keyring } from '../../src/secrets/seal.js';
import { SecretKey } from '../../src/secrets/secret-key.js';

// Two 32-byte keys, written by hand (0x01… and 0x02… repeated).
const KEY_A = 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=';
const KEY_B = 'AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=';
const TOKEN = 'xoxb-very-secret-workspace-token-7731';

function key(text: string): SecretKey {
  const parsed = SecretKey.fromBase64(text);
  if (!parsed) throw new Error('bad test key');
  return parsed;
}

function record(teamId: string, token: string) {
  return {
    teamId,
    isEnterpriseInstall: false,
    botId: 'B1',
    botUserId: 'UBOT',
    installerUserId: 'UINSTALLER',
    scopes: ['commands', 'chat:write'],
    installation: JSON.stringify({ team: { id: teamId }, bot: { token } }),
  };
}

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'agendabot-install-')), 'bot.db');
}

const NOW = new Date('2026-03-02T10:00:00Z');

describe('SlackInstallationsRepository', () => {
  it('stores one row per workspace, sealed: the token never appears in the database file', () => {
    const path = tempDb();
    const db = openDatabase(path);
    const repo = new SlackInstallationsRepository(db, new Keyring(key(KEY_A)));
    repo.save(record('T1', TOKEN), NOW);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(repo.find('team:T1')?.installation).toContain(TOKEN);
    db.close();
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false);
    expect(bytes.includes(Buffer.from('very-secret'))).toBe(false);
    expect(bytes.includes(Buffer.from('UINSTALLER'))).toBe(true);
  });

  it('upserts on reinstall, and says when the reinstall follows a revoke', () => {
    const db = openDatabase(':memory:');
    const repo = new SlackInstallationsRepository(db, new Keyring(key(KEY_A)));
    expect(repo.save(record('T1', 'xoxb-first'), NOW)).toEqual({ id: 'team:T1', wasRevoked: false });
    expect(repo.revoke('team:T1', NOW)).toBe(true);
    expect(repo.revoke('team:T1', NOW)).toBe(false);
    expect(repo.isRevoked('team:T1')).toBe(true);
    expect(repo.save(record('T1', 'xoxb-second'), NOW)).toEqual({ id: 'team:T1', wasRevoked: true });
    expect(repo.isRevoked('team:T1')).toBe(false);
    expect(repo.find('team:T1')?.installation).toBe('{"team":{"id":"T1"},"bot":{"token":"xoxb-second"}}');
    expect(db.prepare('SELECT count(*) AS n FROM slack_installations').get()).toEqual({ n: 1 });
  });

  it('keys an org-wide install by its enterprise', () => {
    const repo = new SlackInstallationsRepository(openDatabase(':memory:'), new Keyring(key(KEY_A)));
    const saved = repo.save({ ...record('T9', 'xoxb-org'), enterpriseId: 'E7', isEnterpriseInstall: true }, NOW);
    expect(saved.id).toBe('enterprise:E7');
    expect(repo.find('enterprise:E7')?.enterpriseId).toBe('E7');
  });

  it('refuses a sealed value moved to another row', () => {
    const db = openDatabase(':memory:');
    const repo = new SlackInstallationsRepository(db, new Keyring(key(KEY_A)));
    repo.save(record('T1', 'xoxb-one'), NOW);
    repo.save(record('T2', 'xoxb-two'), NOW);
    db.exec(`UPDATE slack_installations SET iv = (SELECT iv FROM slack_installations WHERE id = 'team:T1'),
      tag = (SELECT tag FROM slack_installations WHERE id = 'team:T1'),
      sealed = (SELECT sealed FROM slack_installations WHERE id = 'team:T1') WHERE id = 'team:T2'`);
    expect(() => repo.find('team:T2')).toThrow();
  });

  it('re-encrypts every row under a new key with the CLI, printing neither key', async () => {
    const path = tempDb();
    const db = openDatabase(path);
    const old = new SlackInstallationsRepository(db, new Keyring(key(KEY_A)));
    old.save(record('T1', 'xoxb-one'), NOW);
    old.save(record('T2', 'xoxb-two'), NOW);
    db.close();
    const out: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } };
    const env = { DATABASE_PATH: path, AGENDABOT_SECRET_KEY: KEY_B, AGENDABOT_PREVIOUS_SECRET_KEY: KEY_A };
    expect(await runRotateKey(env, io)).toBe(0);
    expect(out.join('')).toContain('Re-encrypted 2 Slack installation(s)');
    expect(out.join('')).not.toContain(KEY_A);
    expect(out.join('')).not.toContain(KEY_B);

    const reopened = openDatabase(path);
    const withNewOnly = new SlackInstallationsRepository(reopened, new Keyring(key(KEY_B)));
    expect(withNewOnly.find('team:T2')?.installation).toContain('xoxb-two');
    const withOldOnly = new SlackInstallationsRepository(reopened, new Keyring(key(KEY_A)));
    expect(() => withOldOnly.find('team:T1')).toThrow(/neither AGENDABOT_SECRET_KEY/u);
    reopened.close();
  });

  it('changes nothing when a row was sealed by a key it was not given', async () => {
    const path = tempDb();
    const db = openDatabase(path);
    new SlackInstallationsRepository(db, new Keyring(key(KEY_A))).save(record('T1', 'xoxb-one'), NOW);
    db.close();
    const err: string[] = [];
    const io = { stdout: { write: () => 0 }, stderr: { write: (t: string) => err.push(t) } };
    expect(await runRotateKey({ DATABASE_PATH: path, AGENDABOT_SECRET_KEY: KEY_B }, io)).toBe(1);
    expect(err.join('')).toContain('Nothing was changed');
    const reopened = openDatabase(path);
    expect(new SlackInstallationsRepository(reopened, new Keyring(key(KEY_A))).find('team:T1')?.installation).toContain(
      'xoxb-one',
    );
    reopened.close();
  });
});
