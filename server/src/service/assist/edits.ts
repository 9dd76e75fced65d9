/**
 * The edits of assisted annotation. Every one of them edits markup only: it inserts `[` and
 * `]{type:id}`, or moves characters across a `[` / `]{...}` (trimming a label), so the words of
 * the text stay exactly as they were. The knowledge-base edit creates or extends a `*.kb.yaml` file.
 */
import { isMap, isSeq, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import { KB_LIMITS, parseYaml } from '../yaml';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Annotation, PressDocument } from '../model';
import type { Span } from '../text';
import { LineIndex } from '../text';
import { specOf, type Suggestion } from '../mentions/suggestions';
import type { BoundaryTrim } from '../checks/boundaries';

function insert(doc: PressDocument, at: number, newText: string): TextEdit {
  const p = doc.lines.positionAt(at);
  return { range: { start: p, end: p }, newText };
}

/** Wraps a suggestion (or any span) in an annotation: `[` before, `]{type:id}` after. */
export function annotateEdits(doc: PressDocument, span: Span, type: string, id: string): TextEdit[] {
  return [insert(doc, span.start, '['), insert(doc, span.end, ']' + specOf(type, id))];
}

/**
 * Annotates many suggestions in one edit list. Suggestions do not overlap; where one ends where
 * the next starts, the closing markup comes first (edits at one position apply in array order).
 */
export function annotateAllEdits(doc: PressDocument, list: ReadonlyArray<Suggestion | { start: number; end: number; type: string; id: string }>): TextEdit[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  let lastEnd = -1;
  for (const s of sorted) {
    if (s.start < lastEnd) continue; // defensive: never nest two suggestions by accident
    out.push(...annotateEdits(doc, s, s.type, s.id));
    lastEnd = s.end;
  }
  return out;
}

/** Moves the trimmed characters out of the label: before `[` and after `}`. */
export function trimEdits(doc: PressDocument, a: Annotation, t: BoundaryTrim): TextEdit[] {
  const out: TextEdit[] = [];
  const text = doc.text;
  if (t.lead.end > t.lead.start) {
    // `[ the OSCE]{org}` → ` the [OSCE]{org}`
    out.push({ range: doc.lines.range({ start: a.open, end: t.lead.end }), newText: text.slice(t.lead.start, t.lead.end) + '[' });
  }
  if (t.trail.end > t.trail.start) {
    // `[Luxembourg,]{country:LU}` → `[Luxembourg]{country:LU},`
    out.push({ range: doc.lines.range({ start: t.trail.start, end: a.span.end }), newText: text.slice(a.close, a.span.end) + text.slice(t.trail.start, t.trail.end) });
  }
  return out;
}

/** A workspace knowledge-base file the server knows (path-sorted; the first one receives new entries). */
export interface KbTarget {
  uri: string;
  text: string;
}

/** An entry the knowledge-base writer appends (mentions/candidate.ts NewEntity is one). */
export interface NewEntity {
  id: string;
  type: string;
  name: string;
  /** Other forms seen in the text (an acronym, a surname): `aliases: [...]`. */
  aliases?: readonly string[];
  /** A person's role read from the text: `roles: [{title: ...}]`. */
  role?: string;
}

/**
 * The workspace knowledge-base file the fixes create at the workspace root when pressmark.yaml
 * lists none (docs/format.md, "Assisted annotation").
 */
export const WORKSPACE_KB_FILE = 'pressmark.kb.yaml';

/**
 * Plain scalars that every YAML reader takes for this string, in a block or a flow collection:
 * a letter first (no indicator, no number, date or `.inf`), then letters, marks, digits and
 * `_ . - / ' ’ ( ) &` or single spaces inside, none of `: # , [ ] { }`.
 */
const PLAIN_SCALAR = /^\p{L}(?:[\p{L}\p{M}\p{N}_.\-/'’()&]| (?! |$))*$/u;
/** Plain words that YAML 1.2 or 1.1 reads as a boolean, null or (`e5`, in `yaml`'s 1.1 schema) a float. */
const RESERVED_WORD = /^(?:y|n|yes|no|true|false|on|off|null|e-?\d+)$/i;
/** What a double-quoted scalar must escape: the quote, the backslash, control and line-separator characters, the BOM, lone surrogates. */
const MUST_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A YAML scalar that reads back as exactly `s` (YAML 1.2 and 1.1, in a block or a flow
 * collection): plain when nothing in it could read otherwise (`xavier-bettel`, `Xavier Bettel`),
 * double-quoted with escapes otherwise (`"*bob"`, `"yes"`, `"1e3"`, `"b: x"`, `"#x"`).
 */
export function yamlScalar(s: string): string {
  if (PLAIN_SCALAR.test(s) && !RESERVED_WORD.test(s)) return s;
  return '"' + s.replace(MUST_ESCAPE, (c) => (c === '"' || c === '\\' ? '\\' + c : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))) + '"';
}

function entryLines(e: NewEntity, indent: string, eol: string): string {
  const lines = [`${indent}- id: ${yamlScalar(e.id)}`, `${indent}  type: ${yamlScalar(e.type)}`, `${indent}  name: ${yamlScalar(e.name)}`];
  const aliases = [...new Set((e.aliases ?? []).map((a) => a.replace(/\s+/g, ' ').trim()))].filter((a) => a && a !== e.name);
  if (aliases.length) lines.push(`${indent}  aliases: [${aliases.map(yamlScalar).join(', ')}]`);
  const role = e.role?.replace(/\s+/g, ' ').trim();
  if (role) lines.push(`${indent}  roles:`, `${indent}    - {title: ${yamlScalar(role)}}`);
  return lines.join(eol) + eol;
}

/**
 * The text edit that appends an entity to a knowledge-base file's `entities:` list, or undefined
 * when the file cannot take one safely (invalid YAML, `entities` written as a flow list, a root
 * that is not a mapping).
 */
export function kbAppendEdit(target: KbTarget, e: NewEntity): TextEdit | undefined {
  const text = target.text;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.positionAt(offset);
  const parsed = parseYaml(text, KB_LIMITS);
  if (!parsed.ok || parsed.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return undefined;
  const doc = parsed.doc;
  const root = doc.contents as YamlNode | null;
  const tail = text.length && !/[\r\n]$/.test(text) ? eol : '';
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    const p = at(text.length);
    return { range: { start: p, end: p }, newText: `${tail}entities:${eol}${entryLines(e, '  ', eol)}` };
  }
  if (!isMap(root) || (root as { flow?: boolean }).flow) return undefined;
  const pair = (root.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && p.key.value === 'entities');
  if (!pair) {
    const p = at(text.length);
    return { range: { start: p, end: p }, newText: `${tail}entities:${eol}${entryLines(e, '  ', eol)}` };
  }
  const list = pair.value;
  if (list === null || (isScalar(list) && (list.value === null || list.value === ''))) {
    // `entities:` with nothing after it: the list starts on the next line
    const keyEnd = (pair.key as YamlNode).range![1];
    const lineEnd = lines.lineEnd(at(keyEnd).line);
    const p = at(lineEnd);
    return { range: { start: p, end: p }, newText: `${eol}${entryLines(e, '  ', eol).slice(0, -eol.length)}` };
  }
  if (!isSeq(list) || (list as { flow?: boolean }).flow || !list.range) return undefined;
  const items = list.items as YamlNode[];
  const first = items[0];
  const firstStart = first?.range ? first.range[0] : list.range[0];
  // the column of `-` of the first item
  const dash = text.lastIndexOf('-', firstStart);
  const lineStart = lines.lineStart(at(dash).line);
  const indent = text.slice(lineStart, dash);
  if (/\S/.test(indent)) return undefined;
  // after the last line of the list's value
  const valueEnd = list.range[1];
  const lastLine = at(Math.max(valueEnd - 1, 0)).line;
  const nextLineStart = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : text.length;
  const p = at(nextLineStart);
  const lead = nextLineStart === text.length && tail ? eol : '';
  return { range: { start: p, end: p }, newText: lead + entryLines(e, indent, eol) };
}

/**
 * The workspace edit that adds an entity to the first knowledge-base file of `targets` (in the
 * order given: the files pressmark.yaml lists, then the root's `pressmark.kb.yaml`) that can take
 * it, or creates `pressmark.kb.yaml` at the workspace root when it is not among them.
 */
export function addToKbEdit(targets: readonly KbTarget[], rootUri: string | undefined, e: NewEntity): { edit: WorkspaceEdit; file: string } | undefined {
  for (const t of targets) {
    const te = kbAppendEdit(t, e);
    if (te) return { edit: { documentChanges: [{ textDocument: { uri: t.uri, version: null }, edits: [te] }] }, file: t.uri.replace(/^.*\//, '') };
  }
  if (!rootUri) return undefined;
  const uri = rootUri.replace(/\/?$/, '/') + WORKSPACE_KB_FILE;
  if (targets.some((t) => t.uri === uri)) return undefined;
  const newText = `# Workspace knowledge base (see docs/format.md, section 6).${'\n'}entities:\n${entryLines(e, '  ', '\n')}`;
  return {
    edit: {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText }] },
      ],
    },
    file: WORKSPACE_KB_FILE,
  };
}
