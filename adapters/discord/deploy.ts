/**
 * `npm run discord:deploy`: publishes the registry's slash commands to Discord, to
 * `DISCORD_GUILD_ID` when set (shows at once; for development) or globally otherwise,
 * and prints what changed. The JSON comes from `command-json.ts`, the same mapping the
 * interaction handler relies on, so published commands and handlers cannot drift.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, processEnvironment, type DiscordConfig } from '../../src/config.js';
import { registry } from '../../src/core/features/index.js';
import type { CommandSpec } from '../../src/core/commands/spec.js';
import { restBase } from './client.js';
import { buildCommandJson, type CommandJson } from './command-json.js';
import { sameDefinition } from './same-definition.js';

export interface DeployOptions {
  readonly config: DiscordConfig;
  readonly commands: readonly CommandSpec[];
  /** Where the summary is written (standard output for the script). */
  readonly out: NodeJS.WritableStream;
}

export interface DeployResult {
  readonly scope: 'guild' | 'global';
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

export async function deployCommands({ config, commands, out }: DeployOptions): Promise<DeployResult> {
  const rest = new REST(config.apiUrl !== undefined ? { api: restBase(config.apiUrl) } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const wanted = buildCommandJson(commands);
  const existing = (await rest.get(route)) as (CommandJson & { id: string })[];

  const result: DeployResult = {
    scope: config.guildId ? 'guild' : 'global',
    added: wanted.filter((w) => !existing.some((e) => e.name === w.name)).map((w) => w.name),
    changed: wanted.filter((w) => existing.some((e) => e.name === w.name && !sameDefinition(w, e))).map((w) => w.name),
    removed: existing.filter((e) => !wanted.some((w) => w.name === e.name)).map((e) => e.name),
    unchanged: wanted.filter((w) => existing.some((e) => e.name === w.name && sameDefinition(w, e))).map((w) => w.name),
  };

  out.write(
    config.guildId
      ? `Discord commands for server ${config.guildId} (guild commands show at once):\n`
      : 'Discord commands, global (Discord may take up to an hour to show changes):\n',
  );
  for (const name of result.added) out.write(`  + /${name} added\n`);
  for (const name of result.changed) out.write(`  ~ /${name} changed\n`);
  for (const name of result.removed) out.write(`  - /${name} removed\n`);
  for (const name of result.unchanged) out.write(`  = /${name} unchanged\n`);
  if (result.added.length + result.changed.length + result.removed.length === 0) {
    out.write('Nothing to publish.\n');
    return result;
  }
  // One bulk overwrite: Discord replaces the whole set, so removed commands disappear too.
  await rest.put(route, { body: wanted });
  out.write(`Published ${wanted.length} command(s).\n`);
  return result;
}

async function main(): Promise<void> {
  const config = loadConfig(processEnvironment());
  if (!config.discord) {
    process.stderr.write(
      'Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).\n',
    );
    process.exitCode = 1;
    return;
  }
  await deployCommands({ config: config.discord, commands: registry.commands, out: process.stdout });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`Deploy failed: ${message}\n`);
    process.exitCode = 1;
  });
}
