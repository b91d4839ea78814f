/**
 * Spans as Discord markdown. Every piece of plain text is escaped, so text typed by a
 * user (a group name, a note) shows exactly as typed: it cannot format, link, or look
 * like a mention. Only explicit spans produce mentions, links and timestamps.
 */
import type { Span } from '../../src/core/message.js';

const TIME_STYLES = { full: 'F', date: 'D', time: 't', relative: 'R' } as const;
const SNOWFLAKE = /^\d{5,20}$/u;
/** Anything one of the replacements in `escapeMarkdown` would change. */
const NEEDS_ESCAPE = /[\\*_~`|[\]<@]|^\s*[#>-]|^\s*\d+\.\s/mu;

/**
 * Escapes Discord markdown, mention and timestamp syntax (`<`), and line-start markers
 * (headings, lists, quotes). Brackets are escaped, so `[text](url)` cannot become a
 * masked link; parentheses alone are harmless and stay readable.
 */
export function escapeMarkdown(text: string): string {
  // Most text has nothing to escape: one scan instead of three replacing passes.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[\\*_~`|[\]<@]/gu, (c) => `\\${c}`)
    .replace(/^(\s*)([#>-])/gmu, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gmu, '$1\\.');
}

/** Inline code cannot be escaped inside, so backticks become a look-alike. */
function codeSpan(text: string): string {
  return `\`${text.replace(/`/gu, 'ˋ').replace(/\n/gu, ' ')}\``;
}

export function spanToMarkdown(span: Span): string {
  if (typeof span === 'string') return escapeMarkdown(span);
  if ('mention' in span)
    return SNOWFLAKE.test(span.mention) ? `<@${span.mention}>` : escapeMarkdown(`@${span.mention}`);
  if ('channel' in span)
    return SNOWFLAKE.test(span.channel) ? `<#${span.channel}>` : escapeMarkdown(`#${span.channel}`);
  if ('time' in span) return `<t:${Math.floor(span.time.getTime() / 1000)}:${TIME_STYLES[span.style]}>`;
  if ('link' in span) return linkMarkdown(span.text, span.link);
  if (span.code === true) return codeSpan(span.text);
  let out = escapeMarkdown(span.text);
  if (span.italic === true) out = `*${out}*`;
  if (span.bold === true) out = `**${out}**`;
  return out;
}

export function spansToMarkdown(spans: readonly Span[]): string {
  return spans.map(spanToMarkdown).join('');
}

/** A masked link for http(s) URLs only; anything else is shown as text, never as a link. */
export function linkMarkdown(text: string, url: string): string {
  if (!/^https?:\/\/[^\s]+$/iu.test(url)) return escapeMarkdown(`${text} (${url})`);
  const safeUrl = url.replace(/\(/gu, '%28').replace(/\)/gu, '%29').replace(/</gu, '%3C').replace(/>/gu, '%3E');
  return `[${escapeMarkdown(text)}](${safeUrl})`;
}
