/**
 * file: URIs ↔ paths, the one conversion of the server and the CLI, with `vscode-uri` (the URI
 * implementation of VS Code and its language servers): a path becomes the URI VS Code itself
 * sends (`file:///c%3A/Users/...` on Windows, `@` encoded), so the workspace's files and the
 * editor's documents are the same keys.
 */
import { URI as VsUri } from 'vscode-uri';

export const URI = {
  /** The path of a `file:` URI (any spelling: `C:` or `c%3A`), or undefined for another scheme or a malformed URI. */
  toPath(uri: string): string | undefined {
    if (!/^file:/i.test(uri)) return undefined;
    try {
      return VsUri.parse(uri).fsPath;
    } catch {
      return undefined;
    }
  },
  /** The URI of a path, as VS Code spells it. */
  fromPath(file: string): string {
    return VsUri.file(file).toString();
  },
  /** One spelling per resource: `file:///C:/x` and `file:///c%3A/x` give the same key (what VS Code sends). */
  key(uri: string): string {
    try {
      return VsUri.parse(uri).toString();
    } catch {
      return uri;
    }
  },
};
