/**
 * Keeps the current agenda catalog and swaps it when the agenda file is reloaded.
 * Handlers read it through `services.agenda()` on every call, so a reload takes
 * effect for the next command without restarting anything.
 */
import type { AgendaCatalog } from './catalog.js';

export class AgendaHolder {
  #current: AgendaCatalog;

  constructor(
    initial: AgendaCatalog,
    /**
     * Runs before a new catalog becomes current, e.g. to rebuild the search index.
     * If it fails, the old catalog stays current and the error reaches the caller.
     */
    private readonly beforeReplace: (next: AgendaCatalog) => Promise<void> | void = () => {},
  ) {
    this.#current = initial;
  }

  current(): AgendaCatalog {
    return this.#current;
  }

  /** Current once `beforeReplace` has finished (a search may see the new index a moment before the catalog). */
  async replace(next: AgendaCatalog): Promise<void> {
    await this.beforeReplace(next);
    this.#current = next;
  }
}
