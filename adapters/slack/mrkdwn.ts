/**
 * Neutral spans → Slack mrkdwn. Everything a user could have typed goes through
 * `escapeText`, so `<!channel>`, `<@U…>` or `&` arrive as text, never as pings or
 * markup. Only `mention` and `channel` spans become real references.
 */
import type { Origin, Span } from '../../src/core/message.js';

const CONTROL = /[&<>]/u;

/** Slack's three control characters; everything else in mrkdwn is harmless text. */
export function escapeText(text: string): string {
  // Most text has none of them: one scan instead of three replacing passes.
  if (!CONTROL.test(text)) return text;
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/u;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/u;

/** Slack date tokens per neutral style; the reader's client fills in their own zone. */
const DATE_FORMATS = {
  full: '{date_long_pretty} {time}',
  date: '{date_long_pretty}',
  time: '{time}',
  relative: '{ago}',
} as const;

/** One span as mrkdwn: user text escaped; mentions, channels, dates and links as Slack markup. */
export function renderSpan(span: Span): string {
  if (typeof span === 'string') return escapeText(span);
  if ('mention' in span) return USER_ID.test(span.mention) ? `<@${span.mention}>` : escapeText(`@${span.mention}`);
  if ('channel' in span) return CHANNEL_ID.test(span.channel) ? `<#${span.channel}>` : escapeText(`#${span.channel}`);
  if ('time' in span) {
    const epoch = Math.floor(span.time.getTime() / 1000);
    const fallback = `${span.time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return `<!date^${epoch}^${DATE_FORMATS[span.style]}|${fallback}>`;
  }
  if ('link' in span) return renderLink(span.link, span.text);
  let text = escapeText(span.text);
  // Formatting markers inside the text would end the formatting early; swap them for look-alikes.
  if (span.code) text = `\`${text.replace(/`/gu, 'ˋ')}\``;
  if (span.bold) text = `*${text.replace(/\*/gu, '∗')}*`;
  if (span.italic) text = `_${text.replace(/_/gu, '＿')}_`;
  return text;
}

/** Spans joined as one mrkdwn string. */
export function renderSpans(spans: readonly Span[]): string {
  return spans.map(renderSpan).join('');
}

/** `<url|text>`; a URL that is not http(s) is shown as plain text instead of a link. */
export function renderLink(url: string, text: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeText(text);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return escapeText(text);
  const safeUrl = parsed.href.replace(/</gu, '%3C').replace(/>/gu, '%3E').replace(/\|/gu, '%7C');
  return `<${safeUrl}|${escapeText(text).replace(/\|/gu, '¦')}>`;
}

/** Plainly says where a question comes from (the paper vs our own prompt). */
export function originLabel(origin: Origin): string {
  return origin === 'paper' ? '_from the paper_' : '_discussion prompt (ours)_';
}
