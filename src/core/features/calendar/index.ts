/**
 * Calendars for reading groups: `/readinggroup calendar` posts a group's sessions as an
 * iCalendar file, and in HTTP mode a subscribable feed (`GET /calendar/<token>.ics`,
 * served by the Slack adapter through `calendarFeed`) keeps calendars current.
 */
import type { Feature } from '../declaration.js';
import { calendar } from './calendar-command.js';

export const calendars: Feature = {
  name: 'calendar',
  subcommands: { readinggroup: [calendar] },
};
