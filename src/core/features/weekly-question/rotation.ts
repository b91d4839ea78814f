/**
 * Which question(s) a subscription posts next. Each round walks every eligible question
 * once before any repeats. `agenda` order follows the paper; `shuffled` is a fixed
 * permutation per subscription and round, balanced so that no challenge comes twice in
 * a row while other challenges still have questions left.
 *
 * The shuffled order is computed from state (what is left, which challenge came last)
 * with a greedy rule that is deterministic, so recomputing it each week continues the
 * same permutation; and a filter change simply changes what is eligible, keeping history.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Question } from '../../agenda/model.js';
import type { OriginFilter, PostedQuestion, QuestionOrder } from './model.js';

export interface RotationState {
  readonly round: number;
  readonly order: QuestionOrder;
  readonly seed: number;
  readonly count: number;
}

export interface Pick {
  readonly questions: readonly Question[];
  readonly round: number;
  /** True when this post starts a new round (every eligible question was posted once). */
  readonly newRound: boolean;
}

/**
 * Eligible questions per catalog and filter. A sweep plans thousands of subscriptions that share a handful of
 * filters, and a catalog never changes (a reload makes a new one), so each list is computed once per catalog.
 */
const eligibleByCatalog = new WeakMap<AgendaCatalog, Map<string, readonly Question[]>>();

/** Questions a subscription's filter admits, in agenda order (shared and frozen: callers only read it). */
export function eligibleQuestions(
  catalog: AgendaCatalog,
  scope: string | undefined,
  origin: OriginFilter,
): readonly Question[] {
  let byFilter = eligibleByCatalog.get(catalog);
  if (!byFilter) {
    byFilter = new Map();
    eligibleByCatalog.set(catalog, byFilter);
  }
  const key = `${origin} ${scope ?? ''}`;
  let eligible = byFilter.get(key);
  if (!eligible) {
    eligible = Object.freeze(filterQuestions(catalog, scope, origin));
    byFilter.set(key, eligible);
  }
  return eligible;
}

function filterQuestions(catalog: AgendaCatalog, scope: string | undefined, origin: OriginFilter): Question[] {
  let challengeIds: ReadonlySet<string> | undefined;
  if (scope !== undefined) {
    const challenge = catalog.challenge(scope);
    const category = challenge ? undefined : catalog.category(scope);
    challengeIds = new Set(challenge ? [challenge.id] : category ? category.challengeIds : []);
  }
  return catalog
    .questions()
    .filter((q) => (challengeIds ? challengeIds.has(q.challengeId) : true))
    .filter((q) => origin === 'any' || q.origin === origin);
}

/** The next post's questions. Empty when nothing is eligible (e.g. the agenda changed). */
export function pickNext(
  eligible: readonly Question[],
  history: readonly PostedQuestion[],
  state: RotationState,
): Pick {
  if (eligible.length === 0) return { questions: [], round: state.round, newRound: false };
  const postedThisRound = new Set(history.filter((h) => h.round === state.round).map((h) => h.questionId));
  let round = state.round;
  let remaining = eligible.filter((q) => !postedThisRound.has(q.id));
  let newRound = false;
  if (remaining.length === 0) {
    round += 1;
    newRound = true;
    remaining = [...eligible];
  }
  const lastChallenge = history.at(-1)?.challengeId;
  const ordered = state.order === 'agenda' ? remaining : balancedOrder(remaining, state.seed, round, lastChallenge);
  return { questions: ordered.slice(0, Math.max(1, state.count)), round, newRound };
}

/** Greedy interleave: the challenge with most left goes next, never the previous one while another remains. */
export function balancedOrder(
  questions: readonly Question[],
  seed: number,
  round: number,
  previousChallenge: string | undefined,
): Question[] {
  const queues = new Map<string, Question[]>();
  for (const q of questions) {
    const queue = queues.get(q.challengeId) ?? [];
    queue.push(q);
    queues.set(q.challengeId, queue);
  }
  for (const queue of queues.values())
    queue.sort((a, b) => hash(`${seed}:${round}:${a.id}`) - hash(`${seed}:${round}:${b.id}`));
  const rank = (challengeId: string): number => hash(`${seed}:${round}:challenge:${challengeId}`);
  const result: Question[] = [];
  let previous = previousChallenge;
  while (result.length < questions.length) {
    const open = [...queues.entries()].filter(([, queue]) => queue.length > 0);
    const allowed = open.filter(([id]) => id !== previous);
    const candidates = allowed.length > 0 ? allowed : open;
    candidates.sort(([a, qa], [b, qb]) => qb.length - qa.length || rank(a) - rank(b));
    const [challengeId, queue] = candidates[0] as [string, Question[]];
    result.push(queue.shift() as Question);
    previous = challengeId;
  }
  return result;
}

/** FNV-1a, 32 bits: a stable, seedable ordering key (not for security). */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
