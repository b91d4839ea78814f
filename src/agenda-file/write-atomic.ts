/**
 * Replaces a file so that readers (the running bot's watcher, an editor) see either
 * the old content or the new, never a half-written file: write a temporary file in
 * the same directory (so the rename stays on one file system), flush it, keep a
 * backup of the old file, then rename over it.
 */
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteResult {
  /** Where the previous content was kept; absent when there was no previous file. */
  readonly backupPath?: string;
}

/** `agenda.json.20261126T161800Z.bak`: sortable, and one per write, so no backup overwrites another. */
export function backupPathFor(path: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${path}.${stamp}.bak`;
}

export function writeFileAtomic(path: string, content: string, now: Date): AtomicWriteResult {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    let backupPath: string | undefined;
    if (existsSync(path)) {
      backupPath = freshBackupPath(path, now);
      copyFileSync(path, backupPath, constants.COPYFILE_EXCL);
    }
    renameSync(temp, path);
    return backupPath !== undefined ? { backupPath } : {};
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Two writes within one second get `….bak`, `….2.bak`: the oldest backup is never overwritten. */
function freshBackupPath(path: string, now: Date): string {
  const first = backupPathFor(path, now);
  if (!existsSync(first)) return first;
  for (let n = 2; ; n++) {
    const next = first.replace(/\.bak$/, `.${n}.bak`);
    if (!existsSync(next)) return next;
  }
}
