/**
 * Paths and expectations shared by the real-client tests (code-server, Neovim, VS Code).
 * No dependencies beyond Node: the VS Code suite imports this inside the extension host.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (this file compiles to out/test/e2e/fixtures.js). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'fixtures');
/** A copy with one error of each kind the tests look for. */
export const BROKEN = path.join(FIXTURES_DIR, 'broken.press');
/** A document whose names and dates are not annotated (`mention.unannotated` on each). */
export const UNANNOTATED = path.join(FIXTURES_DIR, 'unannotated.press');
/** The clean, annotated example (copied from examples/ at run time). */
export const EXAMPLE = path.join(REPO_ROOT, 'examples', 'kazinform-2022-06-29.press');
export const VSIX = path.join(REPO_ROOT, 'dist', 'pressmark.vsix');
export const SERVER_BIN = path.join(REPO_ROOT, 'bin', 'pressmark.js');

/**
 * The files a workspace holding the example needs: the example itself plus the project files
 * next to it in examples/ (workspace knowledge bases `*.kb.yaml`, `pressmark.yaml`), which the
 * server reads from the workspace root. Name in the workspace -> source path.
 */
export function exampleWorkspaceFiles(): Record<string, string> {
  requireFile(EXAMPLE, 'the example document is missing.');
  const dir = path.dirname(EXAMPLE);
  const files: Record<string, string> = { [path.basename(EXAMPLE)]: EXAMPLE };
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.kb.yaml') || f === 'pressmark.yaml') files[f] = path.join(dir, f);
  }
  return files;
}

export interface BrokenExpectation {
  /** Diagnostic codes on broken.press, in document order. */
  codes: string[];
  /** Hovering the label's first letter shows a card containing `contains`. */
  hover: { label: string; contains: string };
}

export function brokenExpectation(): BrokenExpectation {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'broken.expected.json'), 'utf8')) as BrokenExpectation;
}

/** Throws a message saying what to build when a file the tests need is missing. */
export function requireFile(file: string, howToMake: string): string {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: ${howToMake}`);
  return file;
}
