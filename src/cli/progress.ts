/**
 * Progress for long imports, on standard error so standard output stays the
 * summary. Silent for anything that finishes within a second; then one line at
 * most every second.
 */
export interface ProgressSink {
  write(text: string): unknown;
}

export function progressReporter(label: string, sink: ProgressSink, now: () => number, quietFor = 1000) {
  const start = now();
  let lastShown: number | undefined;
  return {
    /** Called by the parser with bytes read so far and in total. */
    update(done: number, total: number): void {
      const t = now();
      if (t - start < quietFor) return;
      if (lastShown !== undefined && t - lastShown < 1000) return;
      lastShown = t;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      sink.write(`${label}: ${megabytes(done)} of ${megabytes(total)} read (${percent}%)\n`);
    },
    /** Names the next step of a run that is already slow (so a long pause is explained). */
    step(text: string): void {
      if (now() - start >= quietFor) sink.write(`${text}…\n`);
    },
    /** A closing line, only if progress was shown (so short runs stay quiet). */
    finish(total: number): void {
      if (lastShown === undefined) return;
      sink.write(`${label}: ${megabytes(total)} read in ${((now() - start) / 1000).toFixed(1)} s\n`);
    },
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
