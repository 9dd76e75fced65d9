/** Files on disk as tests compare them. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every file under a folder, relative, sorted (hidden ones included: temporary files are hidden). */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
