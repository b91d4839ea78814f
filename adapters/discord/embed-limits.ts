/**
 * The one rule for Discord's embed limits, applied to every embed we send:
 *
 * - Text over its limit (title 256, description 4,096, field name 256, field value
 *   1,024, footer 2,048) is cut at the last line break that fits, or at the limit when
 *   no line break lies in the last half, and ends with "…".
 * - Fields beyond 25 are dropped from the end.
 * - If the whole embed is still over 6,000 characters, the description is shortened to
 *   the room the title and fields leave (but kept to at least 1,024 characters, as it
 *   holds the answer), then fields are dropped from the end until it fits.
 * - Whenever anything was cut, the footer says so, so a reader knows the answer is
 *   partial and how to see the rest.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { shorten } from '../../src/core/text/cut.js';

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

/** The description is the answer itself: fields give way before it shrinks below this. */
const MIN_DESCRIPTION = 1024;

export const CUT_NOTE = 'Shortened to fit Discord. Narrow the command (e.g. in:3.5) to see the rest.';

export interface FittedEmbed {
  readonly embed: APIEmbed;
  /** True when any text or field was cut. */
  readonly cut: boolean;
}

/** Cuts `text` to at most `max` characters by the rule above. */
export function cutText(text: string, max: number): string {
  return shorten(text, max, { breakAt: 'line' });
}

export function fitEmbed(embed: APIEmbed): FittedEmbed {
  let cut = false;
  const clip = (text: string | undefined, max: number): string | undefined => {
    if (text === undefined) return undefined;
    const out = cutText(text, max);
    if (out !== text) cut = true;
    return out;
  };

  const title = clip(embed.title, EMBED_LIMITS.title);
  let description = clip(embed.description, EMBED_LIMITS.description);
  const allFields = embed.fields ?? [];
  if (allFields.length > EMBED_LIMITS.fields) cut = true;
  const fields: APIEmbedField[] = allFields.slice(0, EMBED_LIMITS.fields).map((f) => ({
    ...f,
    name: clip(f.name, EMBED_LIMITS.fieldName) ?? '',
    value: clip(f.value, EMBED_LIMITS.fieldValue) ?? '',
  }));
  const footerText = embed.footer?.text;

  // Reserve room for the cut note, which may have to be added below.
  const noteRoom = CUT_NOTE.length + (footerText ? footerText.length + 3 : 0);
  const size = (): number =>
    (title?.length ?? 0) + (description?.length ?? 0) + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  if (size() + (footerText?.length ?? 0) > EMBED_LIMITS.total) {
    cut = true;
    const budget = EMBED_LIMITS.total - noteRoom;
    if (description !== undefined) {
      const other = size() - description.length;
      description = cutText(description, Math.max(MIN_DESCRIPTION, budget - other));
    }
    while (fields.length > 0 && size() > budget) fields.pop();
  }

  const footer = cut
    ? { ...embed.footer, text: clip(footerText ? `${footerText} · ${CUT_NOTE}` : CUT_NOTE, EMBED_LIMITS.footer) ?? CUT_NOTE }
    : embed.footer;
  const fitted: APIEmbed = {
    ...embed,
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer ? { footer } : {}),
  };
  if (fields.length === 0) delete fitted.fields;
  return { embed: fitted, cut };
}
