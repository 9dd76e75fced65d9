/**
 * The one way the project parses YAML it did not write: front matter, `*.kb.yaml` files and
 * `pressmark.yaml`. Pure (no file system).
 *
 * The `yaml` package's composer recurses once per level of nesting: 1,000 nested `[` overflow
 * the stack, and the regular-expression compiler that runs next aborts the process
 * (`FATAL ERROR: RegExpCompiler Allocation failed`). Its lexer and CST parser are flat state
 * machines with an explicit stack, so the guard drives them itself, token by token, and stops
 * before the composer ever sees a text over a limit:
 *
 * - the size (characters), before a byte is lexed;
 * - the nesting depth: the collections (block or flow mappings and sequences) open on the
 *   parser's stack, which is exactly the nesting the composer would recurse through, whatever
 *   quotes, comments and block scalars the text holds;
 * - the entries: mapping keys and list items (the `:`, `?`, `-` and `,` indicators and the flow
 *   collections the lexer reads), which bound the nodes, hence the memory, of the tree.
 *
 * One problem comes back for a refused text, at the place the limit was crossed, never one per
 * level or per key. Duplicate keys are found here with a Set per mapping (the package's own
 * `uniqueKeys` check compares each key with every earlier one: 20,000 keys took 11 s); they are
 * reported with the package's code, message and position.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, type CST, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from './text';

/** What one kind of YAML may hold. */
export interface YamlLimits {
  /** Characters (UTF-16 code units) of the YAML text. */
  maxLength: number;
  /** Nested collections (a top-level mapping is 1). */
  maxDepth: number;
  /** Mapping keys and list items, counted as the indicators that make them. */
  maxEntries: number;
}

/** Nesting deeper than this is refused everywhere; real files nest 3 to 6 levels. */
export const YAML_MAX_DEPTH = 64;

/** Front matter: metadata of one document, parsed on every edit. */
export const FRONT_MATTER_LIMITS: YamlLimits = { maxLength: 1024 * 1024, maxDepth: YAML_MAX_DEPTH, maxEntries: 50_000 };
/** `pressmark.yaml`: types, rule severities, a list of files. */
export const SCHEMA_LIMITS: YamlLimits = { maxLength: 1024 * 1024, maxDepth: YAML_MAX_DEPTH, maxEntries: 100_000 };
/** A knowledge-base file (`*.kb.yaml`): up to tens of thousands of entities. */
export const KB_LIMITS: YamlLimits = { maxLength: 5 * 1024 * 1024, maxDepth: YAML_MAX_DEPTH, maxEntries: 250_000 };
/** The rejection file (`pressmark.reject.yaml`): a list of `{text, as, in}` entries. */
export const REJECT_LIMITS: YamlLimits = { maxLength: 1024 * 1024, maxDepth: YAML_MAX_DEPTH, maxEntries: 100_000 };

/**
 * Why a text was refused: the limit it crossed, or (never expected) a failure of the package;
 * the problem code is `<prefix>.<refusal>` (`frontmatter.too-deep`, `kb.too-many-entries`, ...).
 */
export type YamlRefusal = 'too-large' | 'too-deep' | 'too-many-entries' | 'invalid-yaml';

/** A syntax error of the YAML (the package's code, position and first message line). */
export interface YamlError {
  code: string;
  /** Offsets into the text: [start, end). */
  pos: [number, number];
  message: string;
}

export type YamlParse =
  | { ok: true; doc: Document.Parsed; errors: YamlError[] }
  | {
      ok: false;
      refusal: YamlRefusal;
      /** Where the limit was crossed (the start for the size). */
      span: Span;
      /** Says which limit and the value seen, without naming the file: "nests lists and mappings more than 64 levels deep". */
      message: string;
    };

/** The options of every parse: aliases bounded (alias bombs), duplicates found below. */
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, maxAliasCount: 100 } as const;

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);
/** Lexer tokens that make an entry: a key, a list item, a flow collection. */
const ENTRY_TOKENS: ReadonlySet<string> = new Set([':', '?', '-', ',', '[', '{']);
/** The lexer's marker before a scalar's source. */
const SCALAR_MARKER = '\x1f';

const fmt = (n: number) => n.toLocaleString('en');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function refuse(refusal: YamlRefusal, at: number, text: string, message: string): YamlParse {
  const start = Math.max(0, Math.min(at, text.length));
  return { ok: false, refusal, span: { start, end: Math.min(text.length, start + 1) }, message };
}

/**
 * Parses one YAML document within `limits`. Never throws: a text over a limit comes back
 * refused (nothing of it is composed), anything else as the document and its errors (syntax
 * errors and duplicate keys, in text order).
 */
export function parseYaml(text: string, limits: YamlLimits): YamlParse {
  if (text.length > limits.maxLength) {
    return refuse('too-large', 0, text, `is ${mb(text.length)} (${fmt(text.length)} characters), more than ${mb(limits.maxLength)}`);
  }
  try {
    const parser = new Parser();
    const tokens: CST.Token[] = [];
    let entries = 0;
    let afterScalarMarker = false;
    let lastStack = 0;
    for (const lexeme of new Lexer().lex(text)) {
      const at = parser.offset;
      if (afterScalarMarker) afterScalarMarker = false;
      else if (lexeme === SCALAR_MARKER) afterScalarMarker = true;
      else if (lexeme.length === 1 && ENTRY_TOKENS.has(lexeme) && ++entries > limits.maxEntries) {
        return refuse('too-many-entries', at, text, `has more than ${fmt(limits.maxEntries)} keys and list items`);
      }
      for (const token of parser.next(lexeme)) tokens.push(token);
      // The stack is the document, the open collections and at most one scalar on top: only a
      // stack taller than the limit can hold too many collections.
      const height = parser.stack.length;
      if (height !== lastStack) {
        lastStack = height;
        if (height > limits.maxDepth + 1 && collectionsOn(parser.stack) > limits.maxDepth) {
          return refuse('too-deep', at, text, `nests lists and mappings more than ${fmt(limits.maxDepth)} levels deep`);
        }
      }
    }
    for (const token of parser.end()) tokens.push(token);
    let doc: Document.Parsed | undefined;
    let second: Document.Parsed | undefined;
    for (const d of new Composer(PARSE_OPTIONS).compose(tokens, true, text.length)) {
      if (doc) {
        second = d;
        break;
      }
      doc = d;
    }
    if (!doc) throw new Error('no document');
    const errors: YamlError[] = doc.errors.map((e) => ({ code: e.code, pos: [e.pos[0], e.pos[1]], message: e.message.split('\n')[0] }));
    // As parseDocument says it.
    if (second) errors.push({ code: 'MULTIPLE_DOCS', pos: [second.range[0], second.range[1]], message: 'Source contains multiple documents; please use YAML.parseAllDocuments()' });
    const dups = duplicateKeys(doc);
    return { ok: true, doc, errors: dups.length ? merge(errors, dups) : errors };
  } catch (e) {
    // Not expected (the limits keep the composer's recursion shallow); never let it escape.
    if (e instanceof RangeError) return refuse('too-deep', 0, text, 'is nested too deeply to read');
    return refuse('invalid-yaml', 0, text, `could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

function collectionsOn(stack: readonly CST.Token[]): number {
  let n = 0;
  for (const t of stack) if (COLLECTIONS.has(t.type)) n++;
  return n;
}

/**
 * The keys given twice in a mapping, as the package reports them with `uniqueKeys` (scalar keys
 * of the same value; collection and alias keys are never equal), at the key's start.
 */
function duplicateKeys(doc: Document.Parsed): YamlError[] {
  const out: YamlError[] = [];
  const todo: unknown[] = [doc.contents];
  while (todo.length) {
    const node = todo.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        if (isScalar(key)) {
          const v = key.value;
          // `.nan` is not equal to itself for the package either.
          if (seen.has(v) && !(typeof v === 'number' && Number.isNaN(v))) {
            const start = key.range?.[0] ?? 0;
            out.push({ code: 'DUPLICATE_KEY', pos: [start, start + 1], message: 'Map keys must be unique' });
          } else seen.add(v);
        } else if (key && !isAlias(key)) todo.push(key);
        todo.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) todo.push(item);
    } else if (isPair(node)) {
      todo.push(node.key, node.value);
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Two lists sorted by start, merged (stable: the package's errors first at equal starts). */
function merge(a: YamlError[], b: YamlError[]): YamlError[] {
  const out: YamlError[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].pos[0] <= b[j].pos[0])) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
