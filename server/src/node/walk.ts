/** Finding a workspace's files on disk, bounded, skipping build and dependency folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from './files';

export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

/** A file of the wanted kind the walk did not return, and why (for the caller's log). */
export interface SkippedFile {
  file: string;
  reason: string;
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  return st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
}

/**
 * The files under `roots` whose name ends with `suffix`, visiting at most `maxEntries` folder
 * entries in all (a huge folder opened by mistake costs a bounded walk, not a frozen server).
 * Hidden and build folders are skipped; unreadable folders are passed over; symbolic links to
 * folders are not followed.
 *
 * A symbolic link with the suffix is followed: it is returned when its target is a regular file
 * inside the roots, and once only (a file reached directly and through links is one file: the
 * first path found, a file before the links to it). A link leaving the roots, a broken link, a link to
 * anything but a regular file, and a FIFO, socket or device with the suffix are passed to
 * `onSkip` with the reason.
 */
export function findFiles(roots: readonly string[], suffix: string, maxEntries = 50_000, onSkip?: (skipped: SkippedFile) => void): string[] {
  const out: string[] = [];
  const realRoots = roots.map(realpathOrSelf);
  /** Real paths of the files returned. */
  const seen = new Set<string>();
  const links: string[] = [];
  let budget = maxEntries;
  /** `real`: the folder's path with its symbolic links resolved (the walk follows none below a root). */
  const walk = (dir: string, real: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (--budget < 0) return;
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, path.join(real, e.name));
      else if (!e.name.endsWith(suffix)) continue;
      else if (e.isFile()) {
        const r = path.join(real, e.name);
        if (!seen.has(r)) {
          seen.add(r);
          out.push(p);
        }
      } else if (e.isSymbolicLink()) links.push(p);
      else onSkip?.({ file: p, reason: `it is ${kindOf(e)}, not a regular file` });
    }
  };
  roots.forEach((root, i) => walk(root, realRoots[i]));
  for (const link of links) {
    let real: string;
    try {
      real = fs.realpathSync.native(link);
    } catch (e) {
      onSkip?.({ file: link, reason: `it is a symbolic link that leads nowhere (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
      continue;
    }
    if (!realRoots.some((r) => isInside(r, real))) {
      onSkip?.({ file: link, reason: `it is a symbolic link to ${real}, outside the workspace` });
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(real);
    } catch (e) {
      onSkip?.({ file: link, reason: `its target ${real} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
      continue;
    }
    if (!st.isFile()) {
      onSkip?.({ file: link, reason: `it is a symbolic link to ${kindOf(st)}, not a regular file` });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(link);
  }
  return out;
}
