/**
 * Work a process has started and must let finish before it exits: Discord interaction edits
 * and follow-ups sent after the HTTP response, Slack replies sent through `response_url`, HTTP
 * requests still being answered. The adapters are given `track`; shutdown waits on `idle`.
 */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();

  get size(): number {
    return this.#running.size;
  }

  /** Keeps `work` until it settles (whatever its outcome: its owner reports failures). */
  readonly track = (work: Promise<unknown>): void => {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(settled);
    void settled.then(() => this.#running.delete(settled));
  };

  /** Resolves once nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}
