/**
 * `/agenda help` (also bare `/agenda`): the agenda at a glance, every /agenda command with
 * an example (other commands by their own help), and where the agenda comes from.
 * Commands are listed from the registry's declarations, so features added later appear
 * here without touching this file.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Block, ListItem, Reply } from '../../message.js';
import { ReplyMemo } from '../../reply-memo.js';
import { usageOf } from '../../commands/parse-text.js';
import { defineSubcommand, type CommandSpec, type SubcommandSpec } from '../../commands/spec.js';
import { plainSummary } from '../../plain-summary.js';
import { attribution, challengeLine, questionCounts } from './format.js';
import { buttons } from './views.js';

/** `commands` is read at the first call (per agenda), not here: the registry is complete only after every module has loaded. */
/** `ownCommand` names the command this help belongs to: its subcommands are all listed. */
export function makeHelpSubcommand(commands: () => readonly CommandSpec[], ownCommand = 'agenda'): SubcommandSpec {
  // The same for everyone until the agenda is replaced: the registry is fixed once loaded.
  const memo = new ReplyMemo<AgendaCatalog>();
  return defineSubcommand({
    name: 'help',
    shareable: true,
    description: 'Show the agenda at a glance and how to use each command',
    examples: ['/agenda help', '/agenda'],
    options: [],
    run(_ctx, _args, services) {
      const catalog = services.agenda();
      return memo.get(catalog, '', () => helpReply(catalog, commands(), ownCommand));
    },
  });
}

function helpReply(catalog: AgendaCatalog, commands: readonly CommandSpec[], ownCommand: string): Reply {
  const { agenda } = catalog;
  const blocks: Block[] = [
    { kind: 'heading', text: agenda.shortTitle },
    {
      kind: 'text',
      spans: [
        `${agenda.categories.length} categories, ${agenda.challenges.length} challenges. Each challenge lists questions from the paper and discussion prompts written for this bot.`,
      ],
    },
  ];
  for (const category of agenda.categories) {
    blocks.push({ kind: 'text', spans: [{ text: `§${category.section} ${category.title}`, bold: true }] });
    const items: ListItem[] = category.challengeIds.flatMap((id) => {
      const challenge = catalog.challenge(id);
      return challenge ? [{ id, text: [challenge.title, ` (${questionCounts(challenge.questions)})`] }] : [];
    });
    blocks.push({ kind: 'list', items });
  }
  blocks.push({ kind: 'divider' }, { kind: 'heading', text: 'Commands' });
  for (const command of commands) blocks.push(commandList(command, command.name === ownCommand));
  blocks.push(attribution(catalog), buttons('help', []));
  const summary = plainSummary([
    `${agenda.shortTitle}: ${agenda.challenges.length} challenges in ${agenda.categories.length} categories.`,
    ...agenda.categories.map((category) => ({
      label: `§${category.section} ${category.title}: `,
      items: category.challengeIds.flatMap((id) => catalog.challenge(id) ?? []).map(challengeLine),
      end: '.',
    })),
    'Start with /agenda challenge 3.5, /agenda search <words> or /agenda random.',
  ]);
  return { visibility: 'ephemeral', summary, blocks };
}

/**
 * Every subcommand of the command this help belongs to; other commands that have their
 * own help are listed by that entry alone, with a pointer to it, so that the reply keeps
 * within one Discord message (6,000 characters) by design and drops nothing silently.
 */
function commandList(command: CommandSpec, own: boolean): Block {
  const help = command.subcommands.find((sub) => sub.name === 'help');
  if (own || help === undefined) {
    return { kind: 'list', items: command.subcommands.map((sub) => commandItem(command, sub)) };
  }
  const others = command.subcommands.length - 1;
  return {
    kind: 'list',
    items: [commandItem(command, help)],
    ...(others > 0 ? { more: `${others} more /${command.name} commands: see /${command.name} help` } : {}),
  };
}

function commandItem(command: CommandSpec, sub: SubcommandSpec): ListItem {
  const example = sub.examples[0];
  return {
    id: usageOf(command, sub),
    text: [sub.description, ...(example ? [' — e.g. ', { text: example, code: true }] : [])],
  };
}
