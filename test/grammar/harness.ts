/**
 * Loads the Pressmark TextMate grammar with vscode-textmate + vscode-oniguruma (the engine VS Code
 * uses) and turns text into per-line token lists for the golden tests.
 *
 * `source.yaml` (included by the front matter rule) is VS Code's built-in YAML grammar, which is
 * not on disk here: yaml-stub.tmLanguage.json stands in for it, so the golden files pin the stub's
 * few scopes inside `meta.embedded.block.frontmatter.pressmark`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

/** Tests run from out/test/grammar/, so the repository root is three levels up. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const GRAMMAR_PATH = path.join(REPO_ROOT, 'syntaxes', 'pressmark.tmLanguage.json');
export const LANGUAGE_CONFIGURATION_PATH = path.join(REPO_ROOT, 'language-configuration.json');
export const YAML_STUB_PATH = path.join(REPO_ROOT, 'test', 'grammar', 'yaml-stub.tmLanguage.json');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'grammar', 'fixtures');
export const SCOPE_NAME = 'text.pressmark';

export interface GoldenToken {
  text: string;
  scopes: string[];
}

/** One entry per source line: the tokens of that line. */
export type GoldenLines = GoldenToken[][];

let onigLibPromise: Promise<vsctm.IOnigLib> | undefined;

/** Loads the oniguruma wasm once per process (loadWASM itself also ignores repeated calls). */
export function loadOnigLib(): Promise<vsctm.IOnigLib> {
  if (!onigLibPromise) {
    const wasmPath = path.join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
    const buf = fs.readFileSync(wasmPath);
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    onigLibPromise = oniguruma.loadWASM(data).then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
  }
  return onigLibPromise;
}

/** Loads the Pressmark grammar (and the YAML stub it embeds) into a fresh registry. */
export async function loadGrammar(grammarPath: string = GRAMMAR_PATH): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName: string) => {
      const file = scopeName === SCOPE_NAME ? grammarPath : scopeName === 'source.yaml' ? YAML_STUB_PATH : undefined;
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const grammar = await registry.loadGrammarWithConfiguration(SCOPE_NAME, 1, {
    embeddedLanguages: { 'meta.embedded.block.frontmatter.pressmark': 2 },
  });
  if (!grammar) throw new Error(`grammar ${SCOPE_NAME} did not load from ${grammarPath}`);
  return grammar;
}

/** Splits text into lines the way VS Code's text model does (CRLF, LF and lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export interface LineResult {
  tokens: GoldenToken[];
  /** Depth of the rule stack after the line (1 = back at the top level). */
  depth: number;
  stoppedEarly: boolean;
}

/** Tokenizes lines in order, carrying the rule stack from line to line as an editor does. */
export function tokenizeLines(grammar: vsctm.IGrammar, lines: string[]): LineResult[] {
  let state: vsctm.StateStack = vsctm.INITIAL;
  const out: LineResult[] = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    const tokens: GoldenToken[] = [];
    for (const t of r.tokens) {
      const text = line.substring(t.startIndex, Math.min(t.endIndex, line.length));
      if (text.length > 0) tokens.push({ text, scopes: t.scopes });
    }
    out.push({ tokens, depth: r.ruleStack.depth, stoppedEarly: r.stoppedEarly });
    state = r.ruleStack;
  }
  return out;
}

export function tokenizeText(grammar: vsctm.IGrammar, text: string): LineResult[] {
  return tokenizeLines(grammar, splitLines(text));
}

/** Golden file text: one token per line so that a diff points at the token that changed. */
export function serializeGolden(lines: GoldenLines): string {
  const parts: string[] = [];
  for (const tokens of lines) {
    if (tokens.length === 0) {
      parts.push('  []');
      continue;
    }
    parts.push('  [\n' + tokens.map((t) => '    ' + JSON.stringify(t)).join(',\n') + '\n  ]');
  }
  return '[\n' + parts.join(',\n') + '\n]\n';
}

/** Scope per UTF-16 code unit of a line, for comparisons that do not depend on token merging. */
export function scopesPerChar(tokens: GoldenToken[]): string[] {
  const out: string[] = [];
  for (const t of tokens) for (let i = 0; i < t.text.length; i++) out.push(t.scopes.join(' '));
  return out;
}

/** Every regex source in a raw grammar (match, begin, end, while), with a JSON-ish path. */
export function collectRegexes(node: unknown, at = '$'): { path: string; source: string }[] {
  const out: { path: string; source: string }[] = [];
  const walk = (n: unknown, p: string): void => {
    if (Array.isArray(n)) {
      n.forEach((v, i) => walk(v, `${p}[${i}]`));
      return;
    }
    if (n === null || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') {
        out.push({ path: `${p}.${k}`, source: v });
      } else {
        walk(v, `${p}.${k}`);
      }
    }
  };
  walk(node, at);
  return out;
}
