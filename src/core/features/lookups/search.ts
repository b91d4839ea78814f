/**
 * `/agenda search <words> [in:<challenge or category>] [origin:paper|prompt]`:
 * ranked hits over challenges, subsections and questions, at most ten shown.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { SearchHit, SearchResult } from '../../agenda/search.js';
import { UserError } from '../../errors.js';
import { spansToPlain, type Block, type ListItem, type Origin, type Reply } from '../../message.js';
import { plainSummary } from '../../plain-summary.js';
import { defineSubcommand } from '../../commands/spec.js';
import { MAX_SHARE_VALUE } from '../../commands/share.js';
import { clip, echo, openButton } from './format.js';
import { scopeId } from '../../agenda/catalog-impl.js';
import { requireScope } from './lookup.js';
import { buttons, questionItem } from './views.js';
import { originFilterOption } from './origin-option.js';
import { headOf } from '../../text/cut.js';
import { ReplyMemo } from '../../reply-memo.js';

export const SHOWN_HITS = 10;

const memo = new ReplyMemo<SearchResult>();

export const searchSubcommand = defineSubcommand({
  name: 'search',
  shareable: true,
  description: 'Search challenges, subsections and questions by words',
  examples: ['/agenda search jailbreak', '/agenda search reward hacking in:3.2', '/agenda search icl origin:paper'],
  options: [
    { name: 'words', kind: 'string', description: 'what to look for', required: true, syntax: 'rest' },
    {
      name: 'in',
      kind: 'string',
      description: 'only this challenge or category, e.g. in:3.5',
      syntax: 'keyed',
      autocomplete: 'scope',
    },
    originFilterOption,
  ],
  async run(_ctx, args, services) {
    const catalog = services.agenda();
    const origin = parseOrigin(args.origin);
    const scope = args.in !== undefined ? requireScope(catalog, args.in, `in:${echo(args.in)}`) : undefined;
    const words = args.words.trim();
    const result = await services.search.search(
      words,
      { ...(scope ? { challengeIds: catalog.challengeIdsOf(scope) } : {}), ...(origin ? { origin } : {}) },
      SHOWN_HITS,
    );
    // The cache hands out one frozen result per search until the index changes: its reply is kept with it,
    // under what was typed (with the catalog, it decides everything the reply says besides the result).
    const typed = `${words}\u0000${args.in ?? ''}\u0000${origin ?? ''}`;
    return memo.get(
      result,
      typed,
      () => {
        const filters = [args.in !== undefined ? `in:${echo(args.in)}` : '', origin ? `origin:${origin}` : ''];
        // The shared invocation names the scope by id, so it re-runs the same search whatever was typed.
        const canonical = [scope ? `in:${scopeId(scope)}` : '', origin ? `origin:${origin}` : ''];
        const share = shareInvocation(words, canonical.filter(Boolean));
        return searchReply(catalog, words, filters.filter(Boolean), result, share);
      },
      catalog,
    );
  },
});

export function parseOrigin(raw: string | undefined): Origin | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (value === 'paper' || value === 'prompt') return value;
  if (value === 'prompts') return 'prompt';
  throw new UserError(
    'bad-origin',
    `origin:${echo(raw)} is not accepted: use origin:paper (questions from the paper) or origin:prompt (our discussion prompts).`,
  );
}

function searchReply(
  catalog: AgendaCatalog,
  words: string,
  filters: readonly string[],
  result: SearchResult,
  share: string,
): Reply {
  const asked = [`"${echo(words)}"`, ...filters].join(' ');
  if (result.total === 0) {
    const text = `Nothing found for ${asked}. Try other or fewer words, drop a filter, or browse with \`/agenda help\`.`;
    return { visibility: 'ephemeral', summary: text, blocks: [{ kind: 'text', spans: [text] }] };
  }
  const items = result.hits.map((hit) => hitItem(catalog, hit));
  const more =
    result.total > result.hits.length
      ? `showing ${result.hits.length} of ${result.total} — ${narrowHint(catalog, result, filters)}`
      : undefined;
  const blocks: Block[] = [
    { kind: 'heading', text: `Search: ${clip(words, 80)}` },
    { kind: 'context', spans: [`${result.total} match${result.total === 1 ? '' : 'es'} for ${asked}, best first.`] },
    ...(result.relaxed
      ? [{ kind: 'context' as const, spans: ['No entry has all of these words; these have some of them.'] }]
      : []),
    { kind: 'list', items, ...(more ? { more } : {}) },
    buttons(
      share,
      result.hits.slice(0, 3).map((hit) => openButton(hit.id)),
    ),
  ];
  const summary = plainSummary([
    `${result.total} match${result.total === 1 ? '' : 'es'} for ${asked}${result.relaxed ? ' (some of the words)' : ''}, best first:`,
    { label: '', items: items.map((i) => `${i.id} ${spansToPlain(i.text)}`), end: '.' },
    ...(more ? [`Showing ${more.slice('showing '.length)}.`] : []),
  ]);
  return { visibility: 'ephemeral', summary, blocks };
}

function hitItem(catalog: AgendaCatalog, hit: SearchHit): ListItem {
  if (hit.kind === 'question') {
    const question = catalog.question(hit.id);
    if (question) return questionItem(question);
  } else if (hit.kind === 'subsection') {
    const subsection = catalog.subsection(hit.id);
    if (subsection) return { id: hit.id, text: [`Subsection: ${subsection.title}`] };
  } else {
    const challenge = catalog.challenge(hit.id);
    if (challenge) return { id: hit.id, text: [`Challenge: ${challenge.title}`] };
  }
  // The index lags a reload by at most one transaction; show the id rather than fail.
  return { id: hit.id, text: [hit.kind] };
}

/** Suggests the filter that would narrow the most: the challenge most hits come from. */
function narrowHint(catalog: AgendaCatalog, result: SearchResult, filters: readonly string[]): string {
  if (filters.some((f) => f.startsWith('in:'))) return 'add words, or add origin:paper or origin:prompt';
  const counts = new Map<string, number>();
  for (const hit of result.hits) {
    const id = /^\d+\.\d+/u.exec(hit.id)?.[0] ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return top && catalog.challenge(top) ? `narrow with in:${top}` : 'narrow with in:<challenge>';
}

/** `search jailbreak in:3.5`, with the words cut to fit a button value. Quotes are dropped: the words are re-parsed. */
export function shareInvocation(words: string, filters: readonly string[]): string {
  const tail = filters.map((f) => ` ${f}`).join('');
  const room = MAX_SHARE_VALUE - 'search '.length - tail.length;
  const clean = words
    .replace(/["\u201c\u201d]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  let cut = headOf(clean, room);
  if (cut.length < clean.length && cut.includes(' ')) cut = cut.slice(0, cut.lastIndexOf(' '));
  return `search ${cut}${tail}`;
}
