/**
 * Shared setup for the knowledge-base tests: finds the repository root, (re)builds dist/kb.json with
 * scripts/build-kb.js when it is missing or older than its sources, and loads it once.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltinKb, loadBuiltinKbWithInfo } from '../../../server/src/service/kb/builtin';

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'scripts', 'build-kb.js')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root (with scripts/build-kb.js) not found above ' + __dirname);
    dir = parent;
  }
}

export function kbJsonPath(): string {
  return path.join(repoRoot(), 'dist', 'kb.json');
}

function newestSourceMtime(root: string): number {
  let newest = fs.statSync(path.join(root, 'scripts', 'build-kb.js')).mtimeMs;
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = fs.statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && st.mtimeMs > newest) newest = st.mtimeMs;
    }
  };
  walk(path.join(root, 'data'));
  return newest;
}

/** Builds dist/kb.json when it is missing or older than data/ or the build script. */
export function ensureBuiltKb(): string {
  const root = repoRoot();
  const out = kbJsonPath();
  const stale = !fs.existsSync(out) || fs.statSync(out).mtimeMs < newestSourceMtime(root);
  if (stale) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-kb.js'), '--quiet'], { cwd: root, stdio: 'inherit' });
  }
  return out;
}

let cached: BuiltinKb | undefined;

/** The built-in knowledge base, built if needed and loaded once per test run. */
export function builtinKb(): BuiltinKb {
  if (!cached) {
    const file = ensureBuiltKb();
    cached = loadBuiltinKbWithInfo(file);
    if (cached.loadError) throw new Error(cached.loadError);
  }
  return cached;
}

/** The raw parsed dist/kb.json. */
export function rawKb(): { countries: any[]; orgs: any[]; places: any[] } {
  return JSON.parse(fs.readFileSync(ensureBuiltKb(), 'utf8'));
}
