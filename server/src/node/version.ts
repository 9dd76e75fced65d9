/**
 * The version of Pressmark: the `version` of its package.json, read at run time (never written
 * twice). Found by walking up from this module: the bundle (dist/cli.js, beside the package's
 * package.json one folder up, also when installed) and the compiled module (out/server/src/node)
 * alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** package.json's version, or `unknown` when no package.json of pressmark is found above this module. */
export function packageVersion(startDir: string = __dirname): string {
  if (cached !== undefined && startDir === __dirname) return cached;
  let version = 'unknown';
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'pressmark' && typeof pkg.version === 'string') {
        version = pkg.version;
        break;
      }
    } catch {
      // no package.json here (or not readable): look further up
    }
    if (path.dirname(dir) === dir) break;
  }
  if (startDir === __dirname) cached = version;
  return version;
}
