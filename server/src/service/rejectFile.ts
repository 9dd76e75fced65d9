/**
 * The workspace's rejection file, `pressmark.reject.yaml` (docs/format.md, "Rejections"): a YAML
 * list of `{text, as?, in?}` entries, each a user's decision that something is not to be
 * suggested. Parsing and validation (a bad entry is a problem at the entry, never a throw), and
 * the edit that appends one entry at the end of the file (the quick-fixes "Not an entity here"
 * and "Never suggest ... as ..."). Pure: the caller reads the file; the matching of a text
 * against the list is mentions/rejections.ts.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Rejection } from './mentions/candidate';
import type { SyntaxProblem } from './model';
import { LineIndex, type Span } from './text';
import { parseYaml, REJECT_LIMITS } from './yaml';
import { isValidId } from './ids';
import { yamlScalar } from './assist/edits';

/** The file's name: beside `pressmark.yaml`, or at the workspace root. */
export const REJECT_FILE = 'pressmark.reject.yaml';

/** The first lines of a rejection file the quick-fix creates. */
export const REJECT_FILE_HEADER = [
  '# Suggestions Pressmark must not make again (docs/format.md, "Rejections"). One entry a line:',
  '#   text: the words; as: never as this `type` or `type:id` (absent: as anything);',
  '#   in: only in this document (a path relative to this folder; absent: everywhere).',
];

const TYPE_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KEYS = ['text', 'as', 'in'] as const;

export interface RejectFile {
  /** The valid entries, in file order (an invalid one is left out, with its problem). */
  list: Rejection[];
  /** `reject.*` problems, offsets into the text. */
  problems: SyntaxProblem[];
}

function spanOf(node: unknown, fallback: Span): Span {
  const r = (node as YamlNode | null | undefined)?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : fallback;
}

/** A scalar as a string: strings as they are, numbers and words (`2024`, `yes`) as written. */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  const source = (node as { source?: unknown }).source;
  if (typeof source === 'string' && source) return source;
  return typeof node.value === 'number' || typeof node.value === 'boolean' ? String(node.value) : undefined;
}

/** Why an `as` value is not `type` or `type:id`, or undefined. */
export function asProblem(as: string): string | undefined {
  const colon = as.indexOf(':');
  const type = colon < 0 ? as : as.slice(0, colon);
  if (!TYPE_RE.test(type)) return `\`as\` is \`type\` or \`type:id\` (\`org\`, \`org:COMMONWEALTH\`), not ${JSON.stringify(as)}`;
  if (colon >= 0 && !isValidId(as.slice(colon + 1))) return `\`as\` has no valid id after \`${type}:\` in ${JSON.stringify(as)}`;
  return undefined;
}

/** `in` as stored: `/` separators, no leading `./`. Undefined when it is not a relative path inside the folder. */
export function normalizeInPath(p: string): string | undefined {
  const s = p.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  if (!s || s.startsWith('/') || /^[A-Za-z]:\//.test(s) || s.split('/').some((part) => part === '..')) return undefined;
  return s;
}

/** Parses and validates a rejection file. Never throws. */
export function parseRejectFile(text: string): RejectFile {
  const out: RejectFile = { list: [], problems: [] };
  const whole: Span = { start: 0, end: Math.min(1, text.length) };
  // spans kept inside the text (the package gives an empty node a range one past the end)
  const clamp = (n: number) => Math.max(0, Math.min(n, text.length));
  const report = (code: string, span: Span, message: string): void => void out.problems.push({ code, span: { start: clamp(span.start), end: Math.max(clamp(span.start), clamp(span.end)) }, message });
  try {
    const parsed = parseYaml(text, REJECT_LIMITS);
    if (!parsed.ok) {
      report(`reject.${parsed.refusal}`, parsed.span, `This rejection file ${parsed.message}: it is not read.`);
      return out;
    }
    for (const err of parsed.errors) {
      const span = { start: err.pos[0], end: Math.min(text.length, Math.max(err.pos[1], err.pos[0] + 1)) };
      report(err.code === 'DUPLICATE_KEY' ? 'reject.invalid-entry' : 'reject.invalid-yaml', span, err.code === 'DUPLICATE_KEY' ? 'A key given twice in a rejection.' : err.message);
    }
    if (parsed.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return out;
    const root = parsed.doc.contents as YamlNode | null;
    if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) return out;
    if (!isSeq(root)) {
      report('reject.invalid-entry', spanOf(root, whole), 'A rejection file is a list of entries `- {text: ..., as: ..., in: ...}`.');
      return out;
    }
    for (const item of root.items as YamlNode[]) {
      const r = readEntry(item, whole, report);
      if (r) out.list.push(r);
    }
  } catch (e) {
    report('reject.invalid-yaml', whole, `Could not read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}

function readEntry(item: YamlNode, whole: Span, report: (code: string, span: Span, message: string) => void): Rejection | undefined {
  const at = spanOf(item, whole);
  if (!isMap(item)) {
    report('reject.invalid-entry', at, 'A rejection is a mapping `{text: ..., as: ..., in: ...}`.');
    return undefined;
  }
  const values: Partial<Record<(typeof KEYS)[number], { value: string; span: Span }>> = {};
  let ok = true;
  for (const pair of item.items as Pair<YamlNode, YamlNode>[]) {
    const key = scalarText(pair.key);
    const keySpan = spanOf(pair.key, at);
    if (key === undefined || !(KEYS as readonly string[]).includes(key)) {
      report('reject.unknown-key', keySpan, `Unknown key ${JSON.stringify(key ?? '?')}: a rejection has \`text\`, \`as\` and \`in\`.`);
      continue;
    }
    const value = scalarText(pair.value);
    const valueSpan = spanOf(pair.value, keySpan);
    if (value === undefined || !value.trim()) {
      report('reject.invalid-entry', valueSpan, `\`${key}\` must be a text.`);
      ok = false;
      continue;
    }
    values[key as (typeof KEYS)[number]] = { value, span: valueSpan };
  }
  if (!values.text) {
    if (ok) report('reject.invalid-entry', at, 'A rejection needs `text`: the words not to suggest.');
    return undefined;
  }
  const r: Rejection = { text: values.text.value.replace(/\s+/g, ' ').trim() };
  if (values.as) {
    const why = asProblem(values.as.value.trim());
    if (why) {
      report('reject.invalid-entry', values.as.span, `${why}.`);
      ok = false;
    } else r.as = values.as.value.trim();
  }
  if (values.in) {
    const p = normalizeInPath(values.in.value);
    if (!p) {
      report('reject.invalid-entry', values.in.span, `\`in\` is the path of a document relative to the folder of this file, with \`/\` (no \`..\`), not ${JSON.stringify(values.in.value)}.`);
      ok = false;
    } else r.in = p;
  }
  return ok ? r : undefined;
}

/** One entry as one line: `- {text: Commonwealth, as: "org:COMMONWEALTH"}`. */
export function rejectionLine(r: Rejection): string {
  const parts = [`text: ${yamlScalar(r.text)}`];
  if (r.as) parts.push(`as: ${yamlScalar(r.as)}`);
  if (r.in) parts.push(`in: ${yamlScalar(r.in)}`);
  return `- {${parts.join(', ')}}`;
}

/** The last text given to appendRejectionEdit and whether an entry can be appended to it. */
let lastChecked: { text: string; indent: string | undefined } | undefined;

/**
 * The edit that appends `r` at the end of a rejection file whose current text is `text`
 * (undefined or '' when there is none yet: the header comment comes first). Undefined when the
 * file is not a block list the entry can follow (invalid YAML, a flow list `[...]`, a mapping):
 * the user fixes the file first. The result is checked: the file must read as one entry more.
 */
export function appendRejectionEdit(text: string | undefined, r: Rejection): TextEdit | undefined {
  const current = text ?? '';
  const eol = /\r\n/.test(current) ? '\r\n' : '\n';
  const lines = new LineIndex(current);
  const end = lines.positionAt(current.length);
  if (!current.trim()) {
    return { range: { start: end, end }, newText: (current ? eol : '') + [...REJECT_FILE_HEADER, rejectionLine(r)].join(eol) + eol };
  }
  const indent = appendableIndent(current);
  if (indent === undefined) return undefined;
  const lead = /[\r\n]$/.test(current) ? '' : eol;
  const newText = lead + indent + rejectionLine(r) + eol;
  // The proof: the file with the line appended reads as the same entries and this one.
  const before = parseRejectFile(current);
  const after = parseRejectFile(current + newText);
  if (after.problems.length > before.problems.length || after.list.length !== before.list.length + 1) return undefined;
  return { range: { start: end, end }, newText };
}

/** The indentation of the list's items when an item can be appended at the end of `text`. */
function appendableIndent(text: string): string | undefined {
  if (lastChecked?.text === text) return lastChecked.indent;
  let indent: string | undefined;
  const parsed = parseYaml(text, REJECT_LIMITS);
  if (parsed.ok && !parsed.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    const root = parsed.doc.contents as YamlNode | null;
    if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) indent = '';
    else if (isSeq(root) && !(root as { flow?: boolean }).flow && root.range) {
      const lineStart = text.lastIndexOf('\n', root.range[0] - 1) + 1;
      const ws = text.slice(lineStart, root.range[0]);
      if (!/\S/.test(ws)) indent = ws;
    }
  }
  lastChecked = { text, indent };
  return indent;
}
