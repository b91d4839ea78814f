import { describe, expect, it } from 'vitest';
import { parseClusterArgs } from '../../src/cli/cluster/args.js';

describe('the cluster launcher’s command line', () => {
  it('reads --web and --workers, as two words or with =, and defaults each to 1', () => {
    expect(parseClusterArgs(['--web', '2', '--workers', '3'])).toEqual({ kind: 'run', args: { web: 2, workers: 3 } });
    expect(parseClusterArgs(['--workers=0'])).toEqual({ kind: 'run', args: { web: 1, workers: 0 } });
    expect(parseClusterArgs([])).toEqual({ kind: 'run', args: { web: 1, workers: 1 } });
    expect(parseClusterArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--web'], '--web needs a number, e.g. --web 2.'],
    [['--web', '--workers', '2'], '--web needs a number, e.g. --web 2.'],
    [['--web', 'two'], '--web must be a whole number from 0 to 32, not "two".'],
    [['--workers', '-1'], '--workers must be a whole number from 0 to 32, not "-1".'],
    [['--workers', '1.5'], '--workers must be a whole number from 0 to 32, not "1.5".'],
    [['--workers=99'], '--workers must be a whole number from 0 to 32, not "99".'],
    [['--web', '1', '--web', '2'], '--web is given twice.'],
    [['--worker', '2'], 'Unknown option --worker: the options are --web N and --workers M (see --help).'],
    [['3'], 'Unexpected argument "3": give counts as --web N and --workers M (see --help).'],
    [['--web', '0', '--workers', '0'], 'Nothing to start: --web and --workers are both 0.'],
  ])('refuses %j with a message that says what was wrong', (argv, message) => {
    expect(parseClusterArgs(argv)).toEqual({ kind: 'error', message });
  });
});
