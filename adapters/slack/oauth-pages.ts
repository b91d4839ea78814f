/**
 * The pages a person sees at the end of "Add to Slack": what happened and what to do
 * next. Plain HTML, no scripts; nothing from the request is echoed except through
 * `escapeHtml`.
 */
import type { ServerResponse } from 'node:http';
import type { CallbackOptions } from '@slack/oauth';
import type { Logger } from '../../src/log.js';

/** What a reinstall brought back, told on the success page. */
export interface ResumedCounts {
  readonly subscriptions: number;
  readonly readingGroups: number;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => HTML_ESCAPES[c] ?? c);
}

function page(res: ServerResponse, status: number, title: string, paragraphs: readonly string[]): void {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n` +
      `<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`,
  );
}

function resumedSentence(resumed: ResumedCounts | undefined): string[] {
  if (resumed === undefined || resumed.subscriptions + resumed.readingGroups === 0) return [];
  return [
    `Welcome back: ${resumed.subscriptions} weekly-question subscription(s) and ${resumed.readingGroups} reading ` +
      'group(s) paused when the app was removed have resumed. Their next posts are at their next regular times; ' +
      'missed weeks are not posted.',
  ];
}

/**
 * The installer's success and failure pages. `resumedFor(teamId)` returns (and forgets)
 * what the install just resumed in that workspace.
 */
export function installPages(
  logger: Logger,
  resumedFor: (teamId: string) => ResumedCounts | undefined,
): CallbackOptions {
  return {
    success: (installation, _options, _req, res) => {
      const team = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
      page(res, 200, 'agendabot is installed', [
        `agendabot was added to ${escapeHtml(team)}.`,
        ...resumedSentence(installation.team?.id !== undefined ? resumedFor(installation.team.id) : undefined),
        'Next: type <code>/agenda help</code> in any channel to see what it can do, and invite it to the channels ' +
          'where it should post (<code>/invite @agendabot</code>).',
      ]);
    },
    failure: (error, _options, _req, res) => {
      logger.warn({ code: error.code }, 'slack install failed');
      page(res, 400, 'agendabot was not installed', [
        'The installation did not complete (the link may have expired, been used already, or been cancelled).',
        'Next: start again from the <a href="/slack/install">Add to Slack</a> page. If it fails again, ask the ' +
          'person who runs this bot to check its logs.',
      ]);
    },
  };
}
