/** What the launcher prints once every process is ready: where each one listens. */
import type { ClusterChild } from './child.js';
import type { ClusterDatabase } from './database.js';

export function summary(
  database: ClusterDatabase,
  children: readonly ClusterChild[],
  notes: readonly string[],
): string {
  const rows: [string, string, string][] = [
    [
      'postgresql',
      database.shown,
      database.folder === undefined ? 'DATABASE_URL, left running' : `throwaway, data in ${database.folder}`,
    ],
    ...children.map((child): [string, string, string] => [
      child.spec.name,
      `http://127.0.0.1:${child.spec.port}${child.spec.name === 'discord-proxy' ? '/api' : ''}`,
      `pid ${String(child.process.pid)}, ${what(child.spec.name)}`,
    ]),
  ];
  const width = (i: 0 | 1): number => Math.max(...rows.map((row) => row[i].length));
  const lines = rows.map(([name, where, about]) => `  ${name.padEnd(width(0))}  ${where.padEnd(width(1))}  ${about}`);
  return [
    'agendabot cluster ready:',
    ...lines,
    ...notes.map((note) => `Note: ${note}`),
    'Ctrl-C stops them all (web and workers drain first, then the proxy, then PostgreSQL).',
    '',
  ].join('\n');
}

function what(name: string): string {
  if (name === 'discord-proxy') return 'every process sends Discord REST here';
  if (name.startsWith('web')) return 'POST /slack/events, /discord/interactions; GET /healthz';
  return 'GET /healthz';
}
