/** Finding a workspace's files on disk, bounded, skipping build and dependency folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

/**
 * The files under `roots` whose name ends with `suffix`, visiting at most `maxEntries` folder
 * entries in all (a huge folder opened by mistake costs a bounded walk, not a frozen server).
 * Hidden and build folders are skipped; unreadable folders are passed over.
 */
export function findFiles(roots: readonly string[], suffix: string, maxEntries = 50_000): string[] {
  const out: string[] = [];
  let budget = maxEntries;
  const walk = (dir: string): void => {
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
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(suffix)) out.push(p);
    }
  };
  for (const r of roots) walk(r);
  return out;
}
