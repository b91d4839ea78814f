/**
 * The platform-neutral reply. Commands, actions and scheduled jobs return these;
 * each adapter renders them (Block Kit, embeds, terminal text). Nothing here holds
 * platform markup: text is plain, and emphasis, links, mentions and times are spans
 * so that every renderer can escape user text and enforce its own limits.
 */

export type Visibility = 'ephemeral' | 'channel';

/** A piece of inline text. Plain strings are shown as typed, escaped by the renderer. */
export type Span =
  | string
  | { readonly text: string; readonly bold?: boolean; readonly italic?: boolean; readonly code?: boolean }
  | { readonly link: string; readonly text: string }
  | { readonly mention: string } // a platform user id; renderers turn it into a real mention
  | { readonly channel: string } // a platform channel id
  /** An instant shown in each reader's own time zone (Slack <!date>, Discord <t:…:F>). */
  | { readonly time: Date; readonly style: 'full' | 'date' | 'time' | 'relative' };

/** Where a question comes from. Every reply that shows a question says which. */
export type Origin = 'paper' | 'prompt';

export interface ListItem {
  /** The agenda id shown beside the text, e.g. `3.5.2-p1` or `3.5`. */
  readonly id: string;
  readonly text: readonly Span[];
  /** Set for questions, so renderers can mark paper questions and our prompts apart. */
  readonly origin?: Origin;
  /**
   * True when `text` already says where the question comes from (lookup lists do, so the
   * origin also reaches plain fallbacks); renderers then add no label of their own.
   */
  readonly originInText?: boolean;
}

export interface Button {
  /** Routes the press back to the core: see `ActionInvocation.action`. */
  readonly action: string;
  /** Opaque data for the action (kept short: Discord custom ids hold 100 characters). */
  readonly value: string;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
}

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'text'; readonly spans: readonly Span[] }
  | { readonly kind: 'fields'; readonly fields: readonly { readonly label: string; readonly value: readonly Span[] }[] }
  | {
      readonly kind: 'list';
      readonly items: readonly ListItem[];
      /** Set when the list was cut by the core, e.g. "showing 10 of 34 — narrow with in:3.5". */
      readonly more?: string;
    }
  | { readonly kind: 'links'; readonly links: readonly { readonly text: string; readonly url: string }[] }
  /** Small print: provenance, attribution, hints. */
  | { readonly kind: 'context'; readonly spans: readonly Span[] }
  | { readonly kind: 'divider' }
  | { readonly kind: 'buttons'; readonly buttons: readonly Button[] };

export interface Reply {
  readonly visibility: Visibility;
  /** Plain-text fallback: notifications, screen readers, users who hide embeds, the shell. */
  readonly summary: string;
  readonly blocks: readonly Block[];
  /**
   * Platform user ids this reply means to notify (e.g. "your session starts soon").
   * Optional; without it, no one is pinged, whatever the text or mention spans say.
   * Discord pings exactly these users; platforms that always notify mentions ignore it.
   */
  readonly notify?: readonly string[];
}

/** A form the user fills in (Slack modal, Discord modal; the shell asks line by line). */
export interface Modal {
  /** Routes the submission back to the core: see `ModalSubmission.modal`. */
  readonly id: string;
  readonly value: string;
  readonly title: string;
  readonly fields: readonly {
    readonly id: string;
    readonly label: string;
    readonly style: 'short' | 'paragraph';
    readonly required: boolean;
    readonly maxLength: number;
  }[];
}

/** What pressing a button or submitting a modal asks the adapter to do. All parts optional. */
export interface ActionResult {
  /** A new message: ephemeral for the presser, or in the channel (thread, if pressed in one). */
  readonly reply?: Reply;
  /** Replace the message that carries the button (live counts, state changes). */
  readonly update?: Reply;
  /** Open a form. Only valid as the first answer to a press (platform rule). */
  readonly modal?: Modal;
}

/** Shorthand for the most common reply: text only, for the asker. */
export function ephemeralText(text: string): Reply {
  return { visibility: 'ephemeral', summary: text, blocks: [{ kind: 'text', spans: [text] }] };
}

/** Whether a renderer must add an origin label to a list item: a question whose text does not say it. */
export function needsOriginLabel(item: ListItem): boolean {
  return item.origin !== undefined && item.originInText !== true;
}

/** Plain text of spans, for summaries and the shell. */
export function spansToPlain(spans: readonly Span[]): string {
  return spans
    .map((span) => {
      if (typeof span === 'string') return span;
      if ('mention' in span) return `@${span.mention}`;
      if ('channel' in span) return `#${span.channel}`;
      if ('time' in span) return span.time.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
      if ('link' in span) return `${span.text} (${span.link})`;
      return span.text;
    })
    .join('');
}

/**
 * Where a reply's closing small print starts: its trailing context blocks (the licence
 * attribution, a hint), with any buttons and dividers among them. Renderers keep this part
 * whole when they must cut, so the attribution is never what goes.
 */
export function closingSmallPrintStart(blocks: readonly Block[]): number {
  let first = blocks.length;
  for (let i = blocks.length - 1; i >= 0; i -= 1) {
    const kind = blocks[i]?.kind;
    if (kind === 'context') first = i;
    else if (kind !== 'buttons' && kind !== 'divider') break;
  }
  return first;
}
