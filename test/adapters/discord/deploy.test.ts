import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../../adapters/discord/deploy.js';
import { sameDefinition } from '../../../adapters/discord/same-definition.js';
import { registry } from '../../../src/core/features/index.js';
import { FakeDiscord, IDS, type Json } from '../../fakes/discord/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { out, text: () => chunks.join('') };
}

const guildConfig = () => ({
  token: fake.token,
  applicationId: IDS.application,
  guildId: IDS.guild,
  apiUrl: fake.apiUrl,
});
const guildRoute = `/applications/${IDS.application}/guilds/${IDS.guild}/commands`;

describe('discord:deploy', () => {
  it('publishes /agenda to the guild with the expected JSON and says what it added', async () => {
    const { out, text } = capture();
    const result = await deployCommands({ config: guildConfig(), commands: registry.commands, out });
    expect(result.added).toEqual(['agenda', 'readinggroup']);
    const put = fake.records.requests.find((r) => r.method === 'PUT' && r.path === guildRoute);
    const [agenda] = (put?.body as unknown as Json[] | undefined) ?? [];
    expect(agenda?.['name']).toBe('agenda');
    expect(agenda?.['contexts']).toEqual([0]);
    const subs = (agenda?.['options'] as Json[]).map((o) => o['name']);
    expect(subs).toEqual(expect.arrayContaining(['help', 'category', 'challenge', 'question', 'search', 'random']));
    const challenge = (agenda?.['options'] as Json[]).find((o) => o['name'] === 'challenge');
    expect(challenge).toEqual({
      type: 1,
      name: 'challenge',
      description: 'Show a challenge: summary, subsections, questions and a link into the paper',
      options: [
        {
          type: 3,
          name: 'challenge',
          description: 'challenge id (3.5), slug, or words from its title',
          required: true,
          autocomplete: true,
        },
      ],
    });
    expect(text()).toBe(
      `Discord commands for server ${IDS.guild} (guild commands show at once):\n  + /agenda added\n  + /readinggroup added\nPublished 2 command(s).\n`,
    );
  });

  it('publishes nothing when the guild already has the same commands', async () => {
    const puts = fake.records.requests.filter((r) => r.method === 'PUT').length;
    const { out, text } = capture();
    const result = await deployCommands({ config: guildConfig(), commands: registry.commands, out });
    expect(result.unchanged).toEqual(['agenda', 'readinggroup']);
    expect(fake.records.requests.filter((r) => r.method === 'PUT')).toHaveLength(puts);
    expect(text()).toContain('  = /agenda unchanged\n  = /readinggroup unchanged\nNothing to publish.\n');
  });

  it('runs as the discord:deploy script (tsx adapters/discord/deploy.ts), globally without a guild id, and removes stale commands', async () => {
    fake.records.commands.set('global', [{ id: '1', name: 'oldbot', description: 'gone', type: 1 }]);
    const { stdout } = await promisify(execFile)(`${ROOT}node_modules/.bin/tsx`, ['adapters/discord/deploy.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_API_URL: fake.apiUrl,
      },
    });
    expect(stdout).toBe(
      'Discord commands, global (Discord may take up to an hour to show changes):\n  + /agenda added\n  + /readinggroup added\n  - /oldbot removed\nPublished 2 command(s).\n',
    );
    expect(fake.records.commands.get('global')?.map((c) => c['name'])).toEqual(['agenda', 'readinggroup']);
    // A child process that compiles TypeScript as it starts: seconds on a loaded 2-core machine, not the default 5.
  }, 30_000);
});

describe('sameDefinition', () => {
  it('ignores fields Discord adds and defaults it leaves out, but not real differences', () => {
    const ours = { name: 'agenda', options: [{ name: 'x', required: false, choices: [] }] };
    expect(sameDefinition(ours, { id: '1', version: '2', name: 'agenda', options: [{ name: 'x' }] })).toBe(true);
    expect(sameDefinition(ours, { name: 'agenda', options: [{ name: 'y' }] })).toBe(false);
    expect(sameDefinition(ours, { name: 'agenda', options: [] })).toBe(false);
  });
});
