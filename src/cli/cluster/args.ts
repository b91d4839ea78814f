/**
 * The launcher's command line: `--web N --workers M` (also `--web=N`), `--help`. A bad flag gets a message
 * that names it and says what was expected, never a stack trace.
 */
export interface ClusterArgs {
  readonly web: number;
  readonly workers: number;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly args: ClusterArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** More processes than this on one machine is a typo, not a plan. */
export const MAX_PER_ROLE = 32;

const FLAGS = { '--web': 'web', '--workers': 'workers' } as const;
type Flag = keyof typeof FLAGS;

export const USAGE = `npm run cluster -- [--web N] [--workers M]
  Starts on 127.0.0.1: a throwaway PostgreSQL (unless DATABASE_URL is set), the Discord REST proxy (when
  Discord is configured), N web processes (default 1) and M workers (default 1), each on its own PORT, waits
  until each answers GET /healthz, and prints where each listens. Ctrl-C stops them all.
`;

export function parseClusterArgs(argv: readonly string[]): ParsedArgs {
  const counts: Partial<Record<'web' | 'workers', number>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    if (!(flag in FLAGS)) return error(unknown(arg));
    const key = FLAGS[flag as Flag];
    if (counts[key] !== undefined) return error(`${flag} is given twice.`);
    const raw = inline ?? argv[i + 1];
    if (inline === undefined) i += 1;
    if (raw === undefined || raw === '' || raw.startsWith('--'))
      return error(`${flag} needs a number, e.g. ${flag} 2.`);
    const value = Number(raw);
    if (!/^\d+$/u.test(raw) || value > MAX_PER_ROLE)
      return error(`${flag} must be a whole number from 0 to ${MAX_PER_ROLE}, not "${raw}".`);
    counts[key] = value;
  }
  const args = { web: counts.web ?? 1, workers: counts.workers ?? 1 };
  if (args.web === 0 && args.workers === 0) return error('Nothing to start: --web and --workers are both 0.');
  return { kind: 'run', args };
}

function unknown(arg: string): string {
  return arg.startsWith('-')
    ? `Unknown option ${arg}: the options are --web N and --workers M (see --help).`
    : `Unexpected argument "${arg}": give counts as --web N and --workers M (see --help).`;
}

function error(message: string): ParsedArgs {
  return { kind: 'error', message };
}
