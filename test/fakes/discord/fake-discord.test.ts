import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS } from './index.js';

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiUrl, offset: 0 }).setToken(fake.token);
});
afterAll(async () => {
  await fake?.close();
});

describe('the fake Discord itself', () => {
  it('creates, moves and deletes guild scheduled events, and records them', async () => {
    const created = (await rest.post(Routes.guildScheduledEvents(IDS.guild), {
      body: {
        name: 'Session 1: 3.5',
        scheduled_start_time: '2026-02-02T17:00:00.000Z',
        entity_type: 2,
        channel_id: IDS.general,
        privacy_level: 2,
      },
    })) as { id: string; name: string; guild_id: string };
    expect(created).toMatchObject({ name: 'Session 1: 3.5', guild_id: IDS.guild });
    await rest.patch(Routes.guildScheduledEvent(IDS.guild, created.id), {
      body: { scheduled_start_time: '2026-02-09T17:00:00.000Z' },
    });
    expect(fake.records.scheduledEvents.get(created.id)?.['scheduled_start_time']).toBe('2026-02-09T17:00:00.000Z');
    await rest.delete(Routes.guildScheduledEvent(IDS.guild, created.id));
    expect(fake.records.scheduledEvents.size).toBe(0);
    expect(fake.records.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 200',
      'PATCH 200',
      'DELETE 204',
    ]);
  });

  it('refuses a wrong bot token with 401 and unknown routes with 404', async () => {
    const wrong = new REST({ api: fake.apiUrl, offset: 0 }).setToken('nope');
    await expect(wrong.get(Routes.channel(IDS.general))).rejects.toMatchObject({ status: 401 });
    await expect(rest.get(Routes.guildEmojis(IDS.guild))).rejects.toMatchObject({ status: 404 });
  });

  it('answers an injected Discord error code for the matching route only', async () => {
    fake.fail({ method: 'GET', path: /^\/channels\/\d+$/u, status: 403, code: 50001 });
    await expect(rest.get(Routes.channel(IDS.general))).rejects.toMatchObject({ status: 403, code: 50001 });
    await expect(rest.get(Routes.channel(IDS.general))).resolves.toMatchObject({ id: IDS.general });
  });
});
