import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registry } from '../../../src/core/features/index.js';
import { buildManifest } from '../../../adapters/slack/manifest.js';

const committed = parse(readFileSync(new URL('../../../adapters/slack/manifest.yml', import.meta.url), 'utf8')) as {
  features: { slash_commands: { command: string; description: string; should_escape: boolean; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
};

describe('the Slack app manifest', () => {
  it('matches the command registry (regenerate: npm run --silent slack:manifest -- > adapters/slack/manifest.yml)', () => {
    expect(committed).toEqual(buildManifest(registry));
  });

  it('no longer matches once the registry gains a command', () => {
    const grown = {
      ...registry,
      commands: [...registry.commands, { name: 'extra', description: 'x', defaultSubcommand: 'help', subcommands: [] }],
    };
    expect(committed).not.toEqual(buildManifest(grown));
  });

  it('publishes every registry command once, with escaping on, and nothing else', () => {
    const published = committed.features.slash_commands.map((c) => c.command).sort();
    expect(published).toEqual(registry.commands.map((c) => `/${c.name}`).sort());
    expect(committed.features.slash_commands.every((c) => c.should_escape)).toBe(true);
    for (const command of registry.commands) {
      expect(committed.features.slash_commands.find((c) => c.command === `/${command.name}`)?.description).toBe(
        command.description,
      );
    }
  });

  it('turns on interactivity and Socket Mode', () => {
    expect(committed.settings.interactivity.is_enabled).toBe(true);
    expect(committed.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for exactly the scopes of the Web API methods the adapter calls', () => {
    // Written out by hand from adapters/slack: each method the adapter calls, and its bot scope.
    const used: Record<string, string> = {
      'slash commands': 'commands',
      'chat.postMessage': 'chat:write',
      'chat.postMessage (public channels the bot is not in)': 'chat:write.public',
      'chat.update': 'chat:write',
      'chat.postEphemeral': 'chat:write',
      'conversations.open': 'im:write',
      'conversations.open (several users: introductions)': 'mpim:write',
      'users.info': 'users:read',
      'conversations.history (public)': 'channels:history',
      'conversations.history (private)': 'groups:history',
      'conversations.history (DM)': 'im:history',
      'conversations.join': 'channels:join',
      'files.uploadV2': 'files:write',
      'conversations.history include_all_metadata (our post keys)': 'metadata.message:read',
    };
    expect([...committed.oauth_config.scopes.bot].sort()).toEqual([...new Set(Object.values(used))].sort());
  });

  it('points commands and interactivity at /slack/events in HTTP mode', () => {
    const http = buildManifest(registry, { baseUrl: 'https://bot.example.org/' }) as typeof committed;
    expect(http.features.slash_commands[0]?.url).toBe('https://bot.example.org/slack/events');
    expect(http.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    expect(http.settings.socket_mode_enabled).toBe(false);
  });
});
