/**
 * Hot reload: the running bot picks up a changed agenda file without a restart,
 * when the file changes (fs.watch on its folder, debounced) or on SIGHUP.
 *
 * A reload validates the new file first; an invalid file is logged with every
 * problem and the current agenda stays. A valid one is indexed for search, then made
 * current; if making it current fails, the index is rebuilt for the agenda that stays
 * (the index is derived data, so restoring it is re-indexing). Between the two steps a
 * search may briefly see the new index under the old catalog; lookups of ids the
 * catalog lacks find nothing. A sweep that already read `services.agenda()` keeps that
 * catalog to its end.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { AgendaHolder } from '../core/agenda/holder.js';
import { createCatalog } from '../core/agenda/catalog-impl.js';
import { AgendaValidationError, agendaContentHash, formatProblem, parseAgenda } from '../core/agenda/load.js';
import type { Agenda } from '../core/agenda/model.js';
import type { Logger } from '../log.js';
import type { StorageBackend } from '../persistence/backend.js';

export type ReloadResult =
  | { readonly status: 'reloaded'; readonly added: number; readonly removed: number; readonly questions: number }
  | { readonly status: 'unchanged' }
  | { readonly status: 'rejected'; readonly problems: readonly string[] };

export interface AgendaWatcher {
  /** Reloads now (what a change or SIGHUP triggers). Never throws: failures are returned and logged. */
  reload(): Promise<ReloadResult>;
  /** Stops watching and forgets the SIGHUP handler. */
  stop(): void;
}

/** Where SIGHUP comes from; `process` unless a test passes its own emitter. */
export interface SignalSource {
  on(signal: 'SIGHUP', listener: () => void): unknown;
  off(signal: 'SIGHUP', listener: () => void): unknown;
}

export interface WatchAgendaOptions {
  readonly path: string;
  readonly holder: AgendaHolder;
  /** Where the search index lives (the one the holder's core searches). */
  readonly backend: Pick<StorageBackend, 'ensureIndexed'>;
  readonly logger: Logger;
  /** Editors save in several writes; wait this long after the last change. Default 300 ms. */
  readonly debounceMs?: number;
  /** Watch the file for changes (default true); SIGHUP and `reload()` work either way. */
  readonly watchFile?: boolean;
  readonly signals?: SignalSource;
  readonly now?: () => Date;
}

export function watchAgenda(options: WatchAgendaOptions): AgendaWatcher {
  const { path, logger } = options;
  const log = logger.child({ agendaFile: path });
  const now = options.now ?? (() => new Date());
  const signals = options.signals ?? process;
  let chain: Promise<unknown> = Promise.resolve();

  const reloadOnce = (): Promise<ReloadResult> => reloadFromFile(options, log, now);
  // Reloads run one after another, so two quick triggers cannot interleave their reads.
  const reload = (): Promise<ReloadResult> => {
    const run = chain.then(reloadOnce, reloadOnce);
    chain = run;
    return run;
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void reload();
    }, options.debounceMs ?? 300);
  };
  let watcher: FSWatcher | undefined;
  if (options.watchFile ?? true) {
    // The folder, not the file: an atomic save (ours included) renames a new file
    // over the old one, and a watch on the old file would go quiet.
    const name = basename(path);
    watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name) schedule();
    });
    watcher.on('error', (error) => log.error({ err: error }, 'agenda file watch failed; SIGHUP still reloads'));
  }
  const onHangup = (): void => {
    log.info({}, 'SIGHUP: reloading the agenda file');
    void reload();
  };
  signals.on('SIGHUP', onHangup);

  return {
    reload,
    stop() {
      if (timer) clearTimeout(timer);
      watcher?.close();
      signals.off('SIGHUP', onHangup);
    },
  };
}

/** Reads, checks and indexes the file, and swaps it in only if all of that worked. */
async function reloadFromFile(options: WatchAgendaOptions, log: Logger, now: () => Date): Promise<ReloadResult> {
  const { path, holder, backend } = options;
  let next: Agenda;
  try {
    next = parseAgenda(await readFile(path, 'utf8'), path);
  } catch (error) {
    const problems =
      error instanceof AgendaValidationError
        ? error.problems.map(formatProblem)
        : [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`];
    log.warn({ problems }, 'agenda file not reloaded: it has problems; the current agenda stays');
    return { status: 'rejected', problems };
  }
  const before = holder.current().agenda;
  const hash = agendaContentHash(next);
  if (hash === agendaContentHash(before)) return { status: 'unchanged' };
  try {
    await backend.ensureIndexed(next, hash, now());
    try {
      await holder.replace(createCatalog(next));
    } catch (error) {
      await backend.ensureIndexed(before, agendaContentHash(before), now());
      throw error;
    }
  } catch (error) {
    log.error({ err: error }, 'agenda reload failed; the current agenda stays');
    return {
      status: 'rejected',
      problems: [`could not be indexed (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  const result = compare(before, next);
  log.info({ agenda: next.id, ...result }, 'agenda reloaded');
  return { status: 'reloaded', ...result };
}

function compare(before: Agenda, after: Agenda): { added: number; removed: number; questions: number } {
  const ids = (agenda: Agenda) => new Set(agenda.challenges.flatMap((c) => c.questions.map((q) => q.id)));
  const old = ids(before);
  const next = ids(after);
  return {
    added: [...next].filter((id) => !old.has(id)).length,
    removed: [...old].filter((id) => !next.has(id)).length,
    questions: next.size,
  };
}
