/**
 * Where UTC offsets come from: the IANA time-zone database as packed by the
 * `moment-timezone` npm package (its `data/packed/latest.json`), read by this module.
 * Only the data file is used; moment itself is never loaded.
 *
 * Why not the runtime: Node bundles ICU with the tzdata of its release, which lags the
 * IANA releases (Node 20 here has 2025c; 2026 changed Morocco and several Canadian
 * zones), and ICU's override files (`ICU_TIMEZONE_FILES_DIR`) only work if set before the
 * process starts. moment-timezone republishes each IANA release within weeks (2026f:
 * 2026-10-29), so the data is current independently of Node.
 *
 * UPDATING THE DATA is one step: `npm install moment-timezone@latest` (see README,
 * "Time-zone data"). Start-up logs a warning when the runtime's own data is older.
 *
 * A zone the data does not know (none of Node's names, as the tests check) falls back to
 * the runtime's rules through `Intl`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The packed file: `version` (e.g. `2026f`), zones as `name|abbrs|offsets|indices|untils|population`,
 * links as `target|alias`.
 */
interface PackedData {
  readonly version: string;
  readonly zones: readonly string[];
  readonly links: readonly string[];
}

/** One zone's history: `offsets[i]` (minutes east of UTC) holds until `untils[i]` (epoch ms), the last forever. */
interface ZoneHistory {
  readonly untils: readonly number[];
  readonly offsets: readonly number[];
}

const MINUTE = 60_000;
const BASE60 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX';

let packed: { version: string; zones: Map<string, string> } | undefined;
const histories = new Map<string, ZoneHistory | null>();

function load(): { version: string; zones: Map<string, string> } {
  if (packed) return packed;
  const file = createRequire(import.meta.url).resolve('moment-timezone/data/packed/latest.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as PackedData;
  const zones = new Map<string, string>();
  for (const line of data.zones) zones.set(line.slice(0, line.indexOf('|')), line);
  for (const link of data.links) {
    const [target, alias] = link.split('|');
    const line = target === undefined ? undefined : zones.get(target);
    if (alias !== undefined && line !== undefined) zones.set(alias, line);
  }
  packed = { version: data.version, zones };
  return packed;
}

/** The IANA release of the data the bot uses, e.g. `2026f`. */
export function tzdataVersion(): string {
  return load().version;
}

/** Whether the data holds `zone` (a canonical name or a link). */
export function tzdataHasZone(zone: string): boolean {
  return load().zones.has(zone);
}

/** A base-60 number of the packed format: digits 0-9a-zA-X, optional `.` fraction, optional leading `-`. */
function base60(text: string): number {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let value = 0;
  for (const digit of whole) value = value * 60 + BASE60.indexOf(digit);
  let scale = 1;
  for (const digit of fraction) value += BASE60.indexOf(digit) * (scale /= 60);
  return negative ? -value : value;
}

function unpack(line: string): ZoneHistory {
  const [, , offsetsText = '', indicesText = '', untilsText = ''] = line.split('|');
  // Packed offsets count minutes west of UTC (as `Date#getTimezoneOffset` does); ours count east.
  const table = offsetsText.split(' ').map((o) => 0 - base60(o)); // `0 -`: UTC is 0, never -0
  const offsets = [...indicesText].map((i) => table[BASE60.indexOf(i)] ?? 0);
  // Untils are minutes, each stored as the difference from the one before.
  let at = 0;
  const untils = untilsText === '' ? [] : untilsText.split(' ').map((u) => Math.round((at += base60(u)) * MINUTE));
  return { untils: [...untils, Number.POSITIVE_INFINITY], offsets };
}

/**
 * The zone's offset from UTC at `instant` (epoch ms), in minutes east (Berlin in winter:
 * 60), fractions included for old local mean times; `undefined` for a zone not in the data.
 */
export function tzdataOffsetMinutes(instant: number, zone: string): number | undefined {
  let history = histories.get(zone);
  if (history === undefined) {
    const line = load().zones.get(zone);
    history = line === undefined ? null : unpack(line);
    histories.set(zone, history);
  }
  if (history === null) return undefined;
  let lo = 0;
  let hi = history.untils.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instant < (history.untils[mid] ?? Number.POSITIVE_INFINITY)) hi = mid;
    else lo = mid + 1;
  }
  return history.offsets[lo] ?? 0;
}

/**
 * A warning for start-up when the runtime's own zone data (`process.versions.tz`, e.g.
 * `2025c`) is older than ours: anything that still asks the runtime (`Intl`, `Date`'s
 * local time) can be an hour off in zones whose rules changed since.
 */
export function staleRuntimeZoneData(runtimeVersion: string | undefined): string | undefined {
  const ours = tzdataVersion();
  if (runtimeVersion !== undefined && runtimeVersion >= ours) return undefined;
  const runtime = runtimeVersion ?? 'unknown';
  return (
    `The runtime's time-zone data (${runtime}) is older than the bot's (${ours}, from moment-timezone). ` +
    "Schedules use the bot's data; only code that asks the runtime directly may be off in zones whose rules changed."
  );
}
