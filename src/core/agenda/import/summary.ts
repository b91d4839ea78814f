/**
 * The import's report as people read it: what was (or would be) added, changed and
 * rejected, each with its place in the input, and the counts at the end.
 */
import type { MergeReport } from './merge.js';
import { describePlace } from './types.js';
import { shorten } from '../../text/cut.js';

export interface SummaryOptions {
  readonly dryRun: boolean;
  /** Lines listed per group before "… and N more" (a 10 MB import has thousands). */
  readonly limit: number;
}

export function formatSummary(report: MergeReport, options: SummaryOptions): string[] {
  const lines: string[] = [];
  const group = <T>(title: string, items: readonly T[], line: (item: T) => string): void => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`);
    for (const item of items.slice(0, options.limit)) lines.push(`  ${line(item)}`);
    if (items.length > options.limit) lines.push(`  … and ${items.length - options.limit} more`);
  };
  const verb = options.dryRun ? 'Would add' : 'Added';
  group(verb, report.added, (q) => `+ ${q.id} (§${q.section}, ${describePlace(q.place)}): ${clip(q.text)}`);
  group(options.dryRun ? 'Would change' : 'Changed', report.changed, (q) => {
    const what = q.before?.section !== q.section ? `§${q.before?.section ?? '?'} → §${q.section}` : `§${q.section}`;
    return `~ ${q.id} (${what}, ${describePlace(q.place)}): ${clip(q.text)}`;
  });
  group('Rejected', report.rejected, (r) => `✗ ${describePlace(r.place)}: ${r.message}`);
  const counts = `${report.added.length} added, ${report.changed.length} changed, ${report.unchanged.length} unchanged, ${report.rejected.length} rejected`;
  lines.push(options.dryRun ? `Dry run: ${counts}. Nothing was written.` : `Done: ${counts}.`);
  return lines;
}

function clip(text: string, max = 90): string {
  return shorten(text, max);
}
