/**
 * Every command's reply, run through the real dispatcher on the small fixture agenda,
 * rendered for Slack and for Discord, checked against what each platform accepts. Help
 * lists the whole registry, so it is the longest reply: it must arrive whole, attribution
 * and all, on both platforms.
 */
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../adapters/discord/render.js';
import { renderReply as renderSlack } from '../../adapters/slack/render.js';
import { bootCore } from '../../src/boot.js';
import { ManualClock } from '../../src/core/clock.js';
import { registry } from '../../src/core/features/index.js';
import { usageOf } from '../../src/core/commands/parse-text.js';
import { spansToPlain, type Reply } from '../../src/core/message.js';
import { openDatabase } from '../../src/persistence/db.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { miniAgenda } from '../fixtures/mini-agenda.js';
import { discordProblems, slackProblems } from '../helpers/platform-limits.js';
import { makeContext } from '../helpers/services.js';

async function setup() {
  return await bootCore({
    agenda: miniAgenda,
    backend: openSqliteBackend(openDatabase(':memory:')),
    clock: new ManualClock('2026-01-05T09:00:00Z'),
  });
}

/** Each subcommand's own examples, in registry order (so `create` runs before `join`), plus the bare command. */
function invocations(): { command: string; text: string }[] {
  return registry.commands.flatMap((command) => [
    { command: command.name, text: '' },
    ...command.subcommands.flatMap((sub) =>
      sub.examples.map((example) => ({
        command: command.name,
        text: example.replace(new RegExp(`^/${command.name}\\s*`, 'u'), ''),
      })),
    ),
  ]);
}

function expectValidEverywhere(reply: Reply, label: string): void {
  expect({ label, problems: discordProblems(renderDiscord(reply).message) }).toEqual({ label, problems: [] });
  expect({ label, problems: slackProblems(renderSlack(reply)) }).toEqual({ label, problems: [] });
}

describe('every reply fits both platforms', () => {
  it('runs every example of every command and renders each reply within the limits', async () => {
    const core = await setup();
    const ctx = makeContext();
    const runs = invocations();
    expect(runs.length).toBeGreaterThan(20);
    for (const { command, text } of runs) {
      const reply = await core.dispatcher.runText(command, text, ctx);
      expectValidEverywhere(reply, `/${command} ${text}`);
      // On a small agenda nothing needs cutting: a cut here would be content lost by design.
      expect({ run: `/${command} ${text}`, cut: renderDiscord(reply).cut }).toEqual({
        run: `/${command} ${text}`,
        cut: false,
      });
      expect(JSON.stringify(renderSlack(reply).blocks)).not.toContain('did not fit');
    }
  });

  it('shows the whole help on Discord and Slack: every command, nothing cut, the CC BY 4.0 attribution', async () => {
    const reply = await (await setup()).dispatcher.runText('agenda', 'help', makeContext());
    expectValidEverywhere(reply, 'help');
    const discord = renderDiscord(reply);
    expect(discord.cut).toBe(false);
    const embedText = discord.message.embeds.map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
    expect(embedText).toContain('CC BY 4.0');
    expect(embedText).toContain('Test et al. (2024)');
    const slackText = JSON.stringify(renderSlack(reply).blocks);
    expect(slackText).toContain('CC BY 4.0');
    expect(slackText).not.toContain('did not fit');
    // Every /agenda subcommand is listed by its usage; /readinggroup by its own help and a pointer to it.
    const agenda = registry.commands.find((c) => c.name === 'agenda');
    for (const sub of agenda?.subcommands ?? []) if (agenda) expect(embedText).toContain(usageOf(agenda, sub));
    expect(embedText).toContain('/readinggroup help');
    expect(embedText).toMatch(/\d+ more \/readinggroup commands: see \/readinggroup help/u);
    expect(spansToPlain(reply.blocks.flatMap((b) => (b.kind === 'context' ? b.spans : [])))).toContain('CC BY 4.0');
  });
});
