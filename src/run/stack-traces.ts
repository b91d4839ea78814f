/**
 * Stack traces of the compiled bot name the TypeScript files and lines. The build bundles our own code into a few
 * files (`dist/bot/`, see `npm run bundle`), so a raw trace would say `chunks/main-….js:4120`. Node's own source-map
 * support (`--enable-source-maps`) would fix that, but it reads and parses the map of every module it loads,
 * node_modules' included: about 180 ms of CPU at every start (measured on the start-up bench). Here only the maps
 * beside our own files are read, and only when a stack is first formatted; every other frame is printed as V8
 * prints it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Maps the frames of files under `directory` that have a `.map` beside them. Does nothing when Node already maps
 * stack traces (tsx in development, or `--enable-source-maps`).
 */
export function installStackTraceMaps(directory: URL): void {
  if (process.sourceMapsEnabled) return;
  const root = fileURLToPath(directory);
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (path: string): SourceMap | undefined => {
    if (!maps.has(path)) maps.set(path, readMap(path));
    return maps.get(path);
  };
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) =>
    [headerOf(error), ...frames.map((frame) => `    at ${mapFrame(frame, root, mapOf)}`)].join('\n');
}

function readMap(path: string): SourceMap | undefined {
  try {
    return existsSync(`${path}.map`)
      ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMapPayload)
      : undefined;
  } catch {
    return undefined; // An unreadable map leaves the frame as it is: a trace must never fail.
  }
}

/** The frame as V8 prints it, with its generated position replaced by the original one when a map knows it. */
function mapFrame(frame: NodeJS.CallSite, root: string, mapOf: (path: string) => SourceMap | undefined): string {
  // CallSite#toString prints the frame exactly as V8's default trace does.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- CallSite has its own toString (see above)
  const printed = frame.toString();
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (file === undefined || file === null || line === null || column === null) return printed;
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  if (!path.startsWith(root)) return printed;
  const map = mapOf(path);
  const entry = map?.findEntry(line - 1, column - 1) as Partial<SourceMapping> | undefined;
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) {
    return printed;
  }
  const source = entry.originalSource.startsWith('file:')
    ? fileURLToPath(entry.originalSource)
    : resolve(dirname(path), entry.originalSource);
  return printed.replace(
    `${file}:${line}:${column}`,
    `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`,
  );
}

function headerOf(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}
