/**
 * The one rule for Discord's embed limits, applied last to every message we send:
 *
 * - The answer is laid out in order over up to 10 embeds: paragraphs fill an embed's
 *   description (4,096) and fields its field list (25); a paragraph longer than one
 *   description is split between lines. Nothing is dropped while the whole message stays
 *   within 6,000 characters (titles, descriptions, fields and footers of all embeds).
 * - Small print (`keep`: attribution, provenance) and the footer are placed first, so
 *   they are always there, at the end.
 * - When the rest does not fit, the answer stops after the last whole paragraph or line
 *   that fits, and the last footer says so; room for that note is kept before cutting,
 *   so the note never pushes the message over 6,000.
 * - Text over a single limit (title 256, field name 256, field value 1,024, footer
 *   2,048) is cut between graphemes, at a line break when one lies in the second half.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { headOf, shorten } from '../../src/core/text/cut.js';

export const EMBED_LIMITS = {
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

export const CUT_NOTE = 'Shortened to fit Discord. Narrow the command (e.g. in:3.5) to see the rest.';
const FOOTER_SEPARATOR = ' · ';
const PARAGRAPH_BREAK = '\n\n';
/** Room for small print that is always shown, so the answer itself keeps most of the 6,000. */
const KEPT_MAX = 1500;
/** Discord refuses an empty field name or value; this shows as nothing. */
export const BLANK = '\u200b';

/** What a reply is made of, in order, before it is laid out in embeds. */
export type EmbedPiece =
  | { readonly kind: 'paragraph'; readonly text: string; readonly keep?: boolean }
  | { readonly kind: 'field'; readonly name: string; readonly value: string; readonly inline: boolean };

export interface EmbedInput {
  readonly title?: string;
  readonly pieces: readonly EmbedPiece[];
  readonly footer?: string;
  readonly color?: number;
}

export interface FittedEmbeds {
  readonly embeds: APIEmbed[];
  /** True when anything was cut or left out (the last footer then says so). */
  readonly cut: boolean;
}

/** Cuts `text` to at most `max` characters, between graphemes, preferring a line break. */
export function cutText(text: string, max: number): string {
  return shorten(text, max, { breakAt: 'line' });
}

/** Characters an embed counts against the 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

export function fitEmbeds(input: EmbedInput): FittedEmbeds {
  const prepared = prepare(input);
  const whole = layout(prepared, false);
  return whole.cut ? layout(prepared, true) : whole;
}

interface Prepared {
  readonly title?: string;
  readonly content: EmbedPiece[];
  readonly kept: string[];
  readonly footer?: string;
  readonly color?: number;
  /** True when a single text was over its own limit. */
  readonly clipped: boolean;
}

/** Every text within its own limit; long paragraphs split between lines; kept pieces set apart. */
function prepare(input: EmbedInput): Prepared {
  let clipped = false;
  const clip = (text: string, max: number): string => {
    const out = cutText(text, max);
    if (out !== text) clipped = true;
    return out;
  };
  const content: EmbedPiece[] = [];
  const kept: string[] = [];
  for (const piece of input.pieces) {
    if (piece.kind === 'field') {
      const name = clip(piece.name.trim() === '' ? BLANK : piece.name, EMBED_LIMITS.fieldName);
      const value = clip(piece.value.trim() === '' ? BLANK : piece.value, EMBED_LIMITS.fieldValue);
      content.push({ ...piece, name, value });
    } else if (piece.text.trim() !== '') {
      // Small print is short by nature; should it not be, it keeps to KEPT_MAX in all.
      if (piece.keep === true) kept.push(piece.text);
      else {
        for (const text of splitLines(piece.text, EMBED_LIMITS.description)) content.push({ kind: 'paragraph', text });
      }
    }
  }
  // Room for small print goes to the last first: it is where the attribution stands.
  let keptRoom = KEPT_MAX;
  const keptFitted = kept
    .reverse()
    .flatMap((text) => {
      const out = keptRoom > 0 ? [clip(text, keptRoom)] : [];
      if (out.length === 0) clipped = true;
      keptRoom -= out[0]?.length ?? 0;
      return out;
    })
    .reverse();
  const hasTitle = input.title !== undefined && input.title.trim() !== '';
  const title = hasTitle ? clip(input.title ?? '', EMBED_LIMITS.title) : undefined;
  const footer = input.footer !== undefined ? clip(input.footer, EMBED_LIMITS.footer - CUT_NOTE.length - 3) : undefined;
  return {
    content,
    kept: keptFitted,
    clipped,
    ...(title !== undefined ? { title } : {}),
    ...(footer !== undefined ? { footer } : {}),
    ...(input.color !== undefined ? { color: input.color } : {}),
  };
}

/** Pieces of at most `max` characters, split between lines (a longer line is split itself). */
export function splitLines(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current !== '') out.push(current);
    current = line;
    // A single line longer than a piece is split between graphemes, losing nothing.
    while (current.length > max) {
      const head = headOf(current, max);
      out.push(head);
      current = current.slice(head.length);
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** A paragraph cut to the room left keeps at least this much, or is left out whole. */
const MIN_PARTIAL = 100;

interface Draft {
  title?: string;
  readonly paragraphs: string[];
  readonly fields: APIEmbedField[];
}

const descriptionLength = (d: Draft): number =>
  d.paragraphs.reduce((n, p, i) => n + p.length + (i > 0 ? PARAGRAPH_BREAK.length : 0), 0);

/** The pieces laid out by the rule at the top; `withNote` keeps room for the cut note. */
function layout(p: Prepared, withNote: boolean): FittedEmbeds {
  const footer = [p.footer, withNote ? CUT_NOTE : undefined].filter((t) => t !== undefined).join(FOOTER_SEPARATOR);
  const keptLength = p.kept.reduce((n, k) => n + k.length + PARAGRAPH_BREAK.length, 0);
  const budget = EMBED_LIMITS.total - (p.title?.length ?? 0) - footer.length - keptLength;
  const maxDrafts = EMBED_LIMITS.embeds - (p.kept.length > 0 ? 1 : 0);
  const drafts: Draft[] = [{ ...(p.title !== undefined ? { title: p.title } : {}), paragraphs: [], fields: [] }];
  let used = 0;
  let cut = p.clipped;
  for (const piece of p.content) {
    let current = drafts[drafts.length - 1] as Draft;
    const full =
      piece.kind === 'field'
        ? current.fields.length >= EMBED_LIMITS.fields
        : descriptionLength(current) + PARAGRAPH_BREAK.length + piece.text.length > EMBED_LIMITS.description;
    if (full) {
      if (drafts.length >= maxDrafts) {
        cut = true;
        break;
      }
      current = { paragraphs: [], fields: [] };
      drafts.push(current);
    }
    const separator = piece.kind === 'paragraph' && current.paragraphs.length > 0 ? PARAGRAPH_BREAK.length : 0;
    const cost = separator + (piece.kind === 'field' ? piece.name.length + piece.value.length : piece.text.length);
    if (used + cost > budget) {
      const room = budget - used - separator;
      if (piece.kind === 'paragraph' && room >= MIN_PARTIAL) current.paragraphs.push(cutText(piece.text, room));
      cut = true;
      break;
    }
    if (piece.kind === 'field') current.fields.push({ name: piece.name, value: piece.value, inline: piece.inline });
    else current.paragraphs.push(piece.text);
    used += cost;
  }
  if (cut && !withNote) return { embeds: [], cut };
  placeKept(drafts, p.kept);
  return { embeds: toEmbeds(drafts, footer, p.color), cut };
}

/** Small print at the end: in the last description if it fits there, else in an embed of its own. */
function placeKept(drafts: Draft[], kept: readonly string[]): void {
  for (const text of kept) {
    const last = drafts[drafts.length - 1] as Draft;
    const fits = descriptionLength(last) + PARAGRAPH_BREAK.length + text.length <= EMBED_LIMITS.description;
    if (fits) last.paragraphs.push(text);
    else drafts.push({ paragraphs: [text], fields: [] });
  }
}

function toEmbeds(drafts: readonly Draft[], footer: string, color: number | undefined): APIEmbed[] {
  const embeds = drafts
    .map((d): APIEmbed => {
      const description = d.paragraphs.join(PARAGRAPH_BREAK);
      return {
        ...(color !== undefined ? { color } : {}),
        ...(d.title !== undefined ? { title: d.title } : {}),
        ...(description !== '' ? { description } : {}),
        ...(d.fields.length > 0 ? { fields: d.fields } : {}),
      };
    })
    .filter((e) => e.title !== undefined || e.description !== undefined || e.fields !== undefined);
  if (footer === '') return embeds;
  const last = embeds.pop() ?? (color !== undefined ? { color } : {});
  return [...embeds, { ...last, footer: { text: footer } }];
}
