/**
 * Slack OAuth mode's installations on every backend, through the adapter's Bolt `InstallationStore`: the bot
 * token is never stored in plain text, a request from a workspace that never installed or removed the app is
 * refused, and a reinstall after a removal is recognised as one.
 */
import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { expect, it } from 'vitest';
import { DatabaseInstallationStore } from '../../../adapters/slack/installation-store.js';
import { silentLogger } from '../../../src/log.js';
import { Keyring } from '../../../src/secrets/seal.js';
import { SecretKey } from '../../../src/secrets/secret-key.js';
import { describeEachBackend, freshStorage } from './backends.js';

const TOKEN = 'xoxb-contract-token-77';
const installation = {
  team: { id: 'T7', name: 'Lab seven' },
  enterprise: undefined,
  user: { id: 'U7', token: undefined, scopes: undefined },
  bot: { id: 'B7', userId: 'UB7', token: TOKEN, scopes: ['commands', 'chat:write'] },
  isEnterpriseInstall: false,
} as unknown as Installation;
const query = { teamId: 'T7', enterpriseId: undefined, isEnterpriseInstall: false } as const;

describeEachBackend('Slack installations through Bolt', (backend) => {
  const storage = freshStorage(backend);

  it('stores, fetches, refuses the unknown and the removed, and recognises a reinstall', async () => {
    const key = SecretKey.fromBase64(randomBytes(32).toString('base64'));
    if (!key) throw new Error('bad key');
    const vault = storage().backend.installations(new Keyring(key));
    const installed: [string, boolean][] = [];
    const store = new DatabaseInstallationStore(
      vault,
      silentLogger,
      () => new Date('2026-02-02T10:00:00Z'),
      (teamId, reinstall) => void installed.push([teamId, reinstall]),
    );

    await store.storeInstallation(installation);
    expect((await store.fetchInstallation(query)).bot?.token).toBe(TOKEN);
    const row = await vault.find('team:T7');
    expect(row?.installerUserId).toBe('U7');
    await expect(store.fetchInstallation({ ...query, teamId: 'T8' })).rejects.toThrow('No installation for team:T8');

    expect(await vault.revoke('team:T7', new Date('2026-02-03T10:00:00Z'))).toBe(true);
    await expect(store.fetchInstallation(query)).rejects.toThrow('was revoked');
    await store.storeInstallation(installation);
    expect(installed).toEqual([
      ['T7', false],
      ['T7', true],
    ]);
    expect((await store.fetchInstallation(query)).bot?.token).toBe(TOKEN);
  });
});
