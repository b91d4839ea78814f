import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restBase } from '../../../adapters/discord/client.js';
import { startDiscord } from '../../../adapters/discord/index.js';
import { MemoryLogger } from '../../../src/log.js';
import { FakeDiscord, IDS } from '../../fakes/discord/index.js';
import { makeServices } from '../../helpers/services.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

describe('startDiscord', () => {
  it('refuses a wrong token with a clear error that does not repeat the token', async () => {
    const logger = new MemoryLogger();
    const start = startDiscord({
      config: { token: 'wrong-token-value', applicationId: IDS.application, apiUrl: fake.apiUrl },
      dispatcher: (await makeServices()).dispatcher,
      logger,
    });
    await expect(start).rejects.toThrow('An invalid token was provided.');
    await start.catch((error: unknown) => expect(String(error)).not.toContain('wrong-token-value'));
    expect(fake.gateway.record.identifies).toEqual([]);
    expect(JSON.stringify(logger.records)).not.toContain('wrong-token-value');
  });

  it('takes DISCORD_API_URL with or without a trailing slash or API version', () => {
    expect(restBase('http://127.0.0.1:4000/api')).toBe('http://127.0.0.1:4000/api');
    expect(restBase('http://127.0.0.1:4000/api/')).toBe('http://127.0.0.1:4000/api');
    expect(restBase('http://127.0.0.1:4000/api/v10/')).toBe('http://127.0.0.1:4000/api');
  });
});
