/**
 * `/readinggroup calendar [group]` posts the group's sessions as an .ics file here;
 * `/readinggroup calendar reset [group]` gives an organiser, privately, a new address
 * for the subscribable feed and stops the old one working.
 */
import type { CommandContext } from '../../context.js';
import { UserError } from '../../errors.js';
import type { Reply } from '../../message.js';
import type { Services } from '../../services.js';
import { defineSubcommand } from '../../commands/spec.js';
import { requireOrganiser } from '../reading-groups/groups.js';
import type { ReadingGroup } from '../reading-groups/model.js';
import { groupOption, resolveGroup, say } from '../reading-groups/commands/shared.js';
import { feedUrl, groupCalendarFile } from './export.js';

const NO_FEEDS =
  'A subscribable calendar feed needs the bot to serve web requests: ' +
  'Slack in HTTP mode with PUBLIC_BASE_URL set. Ask whoever runs the bot.';

async function feedSentence(services: Services, group: ReadingGroup): Promise<string> {
  if (services.settings.calendarFeedBaseUrl === undefined) {
    return `${NO_FEEDS} Until then, post a fresh file after each change: importing it again updates the events.`;
  }
  if (await services.calendars.hasFeed(group.id)) {
    return (
      'The group also has a subscribable feed that stays current by itself; its organisers have the address ' +
      '(`/readinggroup calendar reset` makes a new one and stops the old).'
    );
  }
  return 'For a feed that keeps calendars current by itself, an organiser can run `/readinggroup calendar reset`.';
}

async function postCalendar(services: Services, ctx: CommandContext, group: ReadingGroup): Promise<Reply> {
  const port = services.platforms.get(ctx.actor.platform);
  if (!port) throw new Error(`no delivery port for ${ctx.actor.platform}`);
  const file = await groupCalendarFile(services, group);
  const count = `${file.sessions} session${file.sessions === 1 ? '' : 's'}`;
  await port.uploadText(ctx.conversation, file.filename, `${group.name}: calendar of ${count}`, file.content);
  return say(
    `Posted the calendar of "${group.name}" (${count}) as ${file.filename}: ` +
      'open it to add the sessions to your calendar. ' +
      `Importing a newer copy updates the events instead of adding them twice. ${await feedSentence(services, group)}`,
  );
}

async function resetFeed(services: Services, ctx: CommandContext, group: ReadingGroup): Promise<Reply> {
  await requireOrganiser(services.readingGroups.store, group, ctx.actor.userId, 'make a new calendar feed');
  const base = services.settings.calendarFeedBaseUrl;
  if (base === undefined) throw new UserError('no-calendar-feeds', NO_FEEDS);
  const token = await services.calendars.issueFeedToken(group.id, ctx.actor.userId, services.clock.now());
  const url = feedUrl(base, token);
  const warning =
    'Anyone with this address can read the schedule: share it with the group, not in public. ' +
    'Any earlier address of this feed has stopped working; run this again to stop this one.';
  return {
    visibility: 'ephemeral',
    summary: `New calendar feed for "${group.name}": ${url} ${warning}`,
    blocks: [
      {
        kind: 'text',
        spans: [`New calendar feed for "${group.name}". Subscribe to it in your calendar app (by URL):`],
      },
      { kind: 'text', spans: [{ text: url, code: true }] },
      { kind: 'context', spans: [warning] },
    ],
  };
}

export const calendar = defineSubcommand({
  name: 'calendar',
  description: "The group's sessions as a calendar file (.ics); reset gives organisers a new feed address",
  examples: ['/readinggroup calendar', '/readinggroup calendar Safety RG', '/readinggroup calendar reset'],
  options: [
    {
      name: 'action',
      kind: 'string',
      description: 'reset: a new subscribable feed address; the old one stops (organisers)',
      syntax: 'positional',
      choices: ['reset'],
    },
    groupOption,
  ] as const,
  async run(ctx, args, services): Promise<Reply> {
    const reset = args.action?.toLowerCase() === 'reset';
    // In `calendar Safety RG` the first word is part of the group's name, not an action.
    const groupText =
      !reset && args.action !== undefined ? [args.action, args.group ?? ''].join(' ').trim() : args.group;
    const { group } = await resolveGroup(services, ctx, groupText);
    return reset ? resetFeed(services, ctx, group) : postCalendar(services, ctx, group);
  },
});
