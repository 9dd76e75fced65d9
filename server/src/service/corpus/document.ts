/**
 * The corpus model: a `.press` document as plain text, stand-off spans and metadata — the
 * shape every export starts from and every import ends in.
 *
 * `fromPress` and `toPress` are inverses: `toPress(fromPress(s).doc).text === s` for every
 * document `fromPress` accepts (tested on random documents and on the examples). What plain
 * text and spans cannot say (escapes, the spelling of a spec, the layout of the front matter,
 * a byte order mark) is kept in optional fields, set only when the document differs from the
 * canonical writing, so ordinary documents carry nothing extra.
 *
 * Pure: no file system. Never throws.
 */
import { stringify as yamlStringify } from 'yaml';
import { idProblem, isValidId } from '../ids';
import { parse } from '../parser';
import { plainText } from '../plain';
import { RULES_BY_CODE } from '../rules';
import type { FrontMatter, PressDocument } from '../model';

export interface CorpusAttribute {
  key: string;
  value: string;
}

export interface CorpusSpan {
  /** UTF-16 offsets into `CorpusDocument.text`, end exclusive; never empty. */
  start: number;
  end: number;
  type: string;
  /** The id (for TIMEX3 types: the value); undefined for `{type}`, '' for `{type:}`. */
  id: string | undefined;
  attributes: CorpusAttribute[];
  /** The spec between `{` and `}` as written, when it is not `specOf(type, id, attributes)`. */
  spec?: string;
}

export interface CorpusDocument {
  /** The body without markup (what a reader reads). */
  text: string;
  /** The front matter as JSON data ({} without front matter). */
  meta: Record<string, unknown>;
  /** In pre-order: by start, an enclosing span before the spans inside it. */
  spans: CorpusSpan[];
  /** The front matter block as written (`---` … `---` and its line break), when it is not `frontMatterOf(meta)`. */
  frontMatter?: string;
  /** UTF-16 indices into `text` of the characters written as escapes (`\[`); undefined: not known, choose. */
  escapes?: number[];
  /** The source started with a byte order mark. */
  bom?: boolean;
}

export type CorpusSeverity = 'error' | 'warning';

/** A problem of a conversion. `offset` is a UTF-16 offset into the text that was converted. */
export interface CorpusProblem {
  severity: CorpusSeverity;
  code: string;
  message: string;
  offset: number;
}

const TYPE_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KEY_RE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const LINE_BREAK_RE = /\r\n?|\n/;

// ---------------------------------------------------------------------------------------------
// Canonical writing
// ---------------------------------------------------------------------------------------------

/** An attribute value as written: bare when it can be, quoted otherwise. */
export function attributeValueOf(value: string): string {
  return value !== '' && !/[\s{}[\]"\\]/.test(value) ? value : '"' + value.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

/** The canonical spec: `type`, `type:id`, `type:id key=value …`. */
export function specOf(type: string, id: string | undefined, attributes: readonly CorpusAttribute[]): string {
  let s = type;
  if (id !== undefined) s += ':' + id;
  for (const a of attributes) s += ' ' + a.key + '=' + attributeValueOf(a.value);
  return s;
}

/** The first line break of a text, or `\n`. */
export function lineBreakOf(text: string): string {
  const m = LINE_BREAK_RE.exec(text);
  return m ? m[0] : '\n';
}

/** The canonical front matter of `meta` ('' when meta is empty), with the given line break. */
export function frontMatterOf(meta: Record<string, unknown>, nl = '\n'): string {
  if (Object.keys(meta).length === 0) return '';
  let yaml: string;
  try {
    yaml = yamlStringify(meta, { lineWidth: 0 });
  } catch {
    return '';
  }
  if (nl !== '\n') yaml = yaml.replace(/\n/g, nl);
  return `---${nl}${yaml}---${nl}`;
}

/** JSON-safe copy (what survives JSON.stringify), or undefined. */
function jsonSafe(value: unknown): unknown {
  try {
    const s = JSON.stringify(value);
    return s === undefined ? undefined : JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * Why an id cannot be written in a `.press` file (ids.ts: no white space, control characters or
 * `[ ] { } " = \`), or undefined. The empty id (`{type:}`) can.
 */
export function unwritableId(id: string | undefined): string | undefined {
  return id === undefined || id === '' || isValidId(id) ? undefined : idProblem(id);
}

/**
 * The front matter as JSON data, key by key: built on an object without a prototype, so keys
 * named like Object.prototype members (`constructor`, `toString`, `__proto__`) are data like any
 * other (the first of a repeated key counts, as YAML tools read it).
 */
export function metaOf(fm: FrontMatter | undefined): Record<string, unknown> {
  if (!fm) return {};
  const meta = Object.create(null) as Record<string, unknown>;
  for (const e of fm.entries) if (!Object.prototype.hasOwnProperty.call(meta, e.key)) meta[e.key] = e.value;
  return (jsonSafe(meta) as Record<string, unknown> | undefined) ?? {};
}

/** Reads a spec (`country:KZ`, `date:2022 mod=APPROX`) as the parser does, or undefined when it is not one. */
export function parseSpec(spec: string): { type: string; id: string | undefined; attributes: CorpusAttribute[] } | undefined {
  if (/[\r\n]/.test(spec)) return undefined;
  const doc = parse('[x]{' + spec + '}');
  const a = doc.annotations[0];
  if (doc.problems.some((p) => RULES_BY_CODE.get(p.code)?.severity !== 'warning') || doc.annotations.length !== 1 || a.span.end !== doc.text.length || !TYPE_RE.test(a.type)) return undefined;
  return { type: a.type, id: a.id, attributes: a.attributes.map((x) => ({ key: x.key, value: x.value })) };
}

// ---------------------------------------------------------------------------------------------
// .press → corpus document
// ---------------------------------------------------------------------------------------------

export interface FromPress {
  /** Undefined when the document has errors that keep it from being exported. */
  doc: CorpusDocument | undefined;
  problems: CorpusProblem[];
  /** The parse it came from (positions for reports). */
  parsed: PressDocument;
  /** For each span of `doc`, the source offset of its `[`. */
  spanSources: number[];
  /** sourceOffsets[i] = source offset of plain character i (plainText's map). */
  sourceOffsets: ArrayLike<number>;
}

/** First index i with a[i] >= x (a sorted ascending). */
function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Reads a `.press` text as a corpus document. Documents with syntax errors (what the parser
 * reports as errors) or with an annotation around no text are refused: `doc` is undefined and
 * the problems say where. Never throws.
 */
export function fromPress(text: string): FromPress {
  const parsed = parse(text);
  const problems: CorpusProblem[] = [];
  for (const p of parsed.problems) {
    if ((RULES_BY_CODE.get(p.code)?.severity ?? 'error') === 'error') {
      problems.push({ severity: 'error', code: p.code, message: p.message, offset: p.span.start });
    }
  }
  const errorsAt = problems.map((p) => p.offset).sort((x, y) => x - y);
  for (const a of parsed.all) {
    if (a.labelSpan.start === a.labelSpan.end) {
      problems.push({ severity: 'error', code: 'export.empty-label', message: 'An annotation around no text cannot be exported: remove it or give it words.', offset: a.span.start });
    }
    // An id the format cannot hold is not carried into another format (where it would be lost
    // on the way back): reported, unless the parser has already said so at this annotation.
    const why = unwritableId(a.id);
    const k = why ? lowerBound(errorsAt, a.span.start) : 0;
    if (why && !(k < errorsAt.length && errorsAt[k] < a.span.end)) {
      problems.push({ severity: 'error', code: 'export.invalid-id', message: `${why} This annotation cannot be exported until its id is changed.`, offset: a.span.start });
    }
  }
  const plain = plainText(parsed);
  const empty: FromPress = { doc: undefined, problems, parsed, spanSources: [], sourceOffsets: plain.offsets };
  if (problems.length) {
    problems.sort((a, b) => a.offset - b.offset);
    return empty;
  }
  const offsets = plain.offsets;
  const spans: CorpusSpan[] = [];
  const spanSources: number[] = [];
  for (const a of parsed.all) {
    const start = lowerBound(offsets, a.labelSpan.start);
    const end = lowerBound(offsets, a.labelSpan.end);
    const attributes = a.attributes.map((x) => ({ key: x.key, value: x.value }));
    const span: CorpusSpan = { start, end, type: a.type, id: a.id, attributes };
    const written = text.slice(a.specSpan.start, a.specSpan.end);
    if (written !== specOf(a.type, a.id, attributes)) span.spec = written;
    spans.push(span);
    spanSources.push(a.span.start);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  const meta = metaOf(parsed.frontMatter);
  const doc: CorpusDocument = { text: plain.text, meta, spans };
  const written = parsed.frontMatter ? text.slice(bom ? 1 : 0, parsed.bodyStart) : '';
  if (written !== frontMatterOf(meta, lineBreakOf(plain.text))) doc.frontMatter = written;
  if (parsed.escapes.length) doc.escapes = parsed.escapes.map((e) => lowerBound(offsets, e.start + 1));
  if (bom) doc.bom = true;
  return { doc, problems, parsed, spanSources, sourceOffsets: offsets };
}

// ---------------------------------------------------------------------------------------------
// corpus document → .press
// ---------------------------------------------------------------------------------------------

export interface ToPress {
  /** Undefined when the document cannot be written (problems say why). */
  text: string | undefined;
  problems: CorpusProblem[];
  /** The spans that were written (those that could not be are reported and left out). */
  spans: CorpusSpan[];
}

/** What a written text reads as (text, spans, meta), or undefined when it has errors: the check of toPress. */
function readBack(text: string): { text: string; spans: CorpusSpan[]; meta: unknown } | undefined {
  const parsed = parse(text);
  if (parsed.problems.some((p) => (RULES_BY_CODE.get(p.code)?.severity ?? 'error') === 'error')) return undefined;
  if (parsed.all.some((a) => a.labelSpan.start === a.labelSpan.end)) return undefined;
  const plain = plainText(parsed);
  const spans = parsed.all.map((a) => ({
    start: lowerBound(plain.offsets, a.labelSpan.start),
    end: lowerBound(plain.offsets, a.labelSpan.end),
    type: a.type,
    id: a.id,
    attributes: a.attributes.map((x) => ({ key: x.key, value: x.value })),
  }));
  return { text: plain.text, spans, meta: metaOf(parsed.frontMatter) };
}

/** Why a span cannot be written as markup, or undefined. Offsets are UTF-16 into doc.text. */
function spanProblem(text: string, s: CorpusSpan): string | undefined {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length || s.start >= s.end) {
    return 'it is empty or outside the text';
  }
  if (isLowSurrogate(text.charCodeAt(s.start)) || isLowSurrogate(text.charCodeAt(s.end))) return 'the span starts or ends inside a character';
  if (/(?:\r\n|\r(?!\n)|\n)[ \t]*[\r\n]/.test(text.slice(s.start, s.end))) return 'the span crosses a blank line, which an annotation cannot';
  if (s.spec !== undefined) {
    if (/[\r\n]/.test(s.spec)) return `the spec ${JSON.stringify(s.spec)} cannot be written`;
    return undefined;
  }
  if (!TYPE_RE.test(s.type)) return `the type ${JSON.stringify(s.type)} is not a type name (a letter, then letters, digits, - or _)`;
  const why = unwritableId(s.id);
  if (why) return `the id ${JSON.stringify(s.id)} cannot be written: ${why}`;
  for (const a of s.attributes) {
    if (!KEY_RE.test(a.key)) return `the attribute name ${JSON.stringify(a.key)} is not valid`;
    if (/[\r\n]/.test(a.value)) return `the value of ${a.key} holds a line break`;
  }
  if (new Set(s.attributes.map((a) => a.key)).size !== s.attributes.length) return 'an attribute is given twice';
  return undefined;
}

/** The span's text, quoted and shortened, for messages. */
function quoteSpan(text: string, s: CorpusSpan): string {
  const t = text.slice(Math.max(0, s.start), Math.max(0, s.end)).replace(/\s+/g, ' ');
  return JSON.stringify(t.length > 40 ? t.slice(0, 37) + '…' : t);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Sorts into pre-order (by start, longer first, then as given) and drops crossing spans. */
function nestable(text: string, spans: readonly CorpusSpan[], problems: CorpusProblem[]): CorpusSpan[] {
  const valid: CorpusSpan[] = [];
  for (const s of spans) {
    const why = spanProblem(text, s);
    if (why) problems.push({ severity: 'warning', code: 'import.span-dropped', message: `An annotation is left out (${s.type} ${quoteSpan(text, s)}): ${why}.`, offset: Number.isInteger(s.start) ? Math.max(0, s.start) : 0 });
    else valid.push(s);
  }
  const order = valid.map((s, i) => ({ s, i }));
  order.sort((a, b) => a.s.start - b.s.start || b.s.end - a.s.end || a.i - b.i);
  const kept: CorpusSpan[] = [];
  const open: CorpusSpan[] = [];
  for (const { s } of order) {
    while (open.length && open[open.length - 1].end <= s.start) open.pop();
    const parent = open[open.length - 1];
    if (parent && s.end > parent.end) {
      problems.push({
        severity: 'warning',
        code: 'import.span-dropped',
        message: `An annotation is left out: ${s.type} ${quoteSpan(text, s)} crosses ${parent.type} ${quoteSpan(text, parent)} (annotations nest or stay apart).`,
        offset: s.start,
      });
      continue;
    }
    kept.push(s);
    open.push(s);
  }
  return kept;
}

type EscapeMode = { kind: 'given'; at: ReadonlySet<number> } | { kind: 'none' } | { kind: 'all' };

function writeText(text: string, from: number, to: number, mode: EscapeMode): string {
  if (mode.kind === 'none' || from >= to) return text.slice(from, to);
  if (mode.kind === 'all') return text.slice(from, to).replace(/[[\]{}\\]/g, (c) => '\\' + c);
  let out = '';
  let pos = from;
  for (let i = from; i < to; i++) {
    if (mode.at.has(i)) {
      out += text.slice(pos, i) + '\\';
      pos = i;
    }
  }
  return out + text.slice(pos, to);
}

function render(doc: CorpusDocument, spans: readonly CorpusSpan[], mode: EscapeMode, exact: boolean): string {
  const text = doc.text;
  let out = doc.bom ? '\ufeff' : '';
  if (exact && doc.frontMatter !== undefined) out += doc.frontMatter;
  else {
    const fm = frontMatterOf(doc.meta, lineBreakOf(text));
    // A body that starts with a `---` line would read as front matter: give it an empty one.
    out += fm === '' && /^---[ \t]*(?:\r|\n|$)/.test(text) ? `---${lineBreakOf(text)}---${lineBreakOf(text)}` : fm;
  }
  const stack: CorpusSpan[] = [];
  let pos = 0;
  let next = 0;
  const close = (s: CorpusSpan): string => ']{' + (exact && s.spec !== undefined ? s.spec : specOf(s.type, s.id, s.attributes)) + '}';
  while (pos < text.length || stack.length || next < spans.length) {
    const nextOpen = next < spans.length ? spans[next].start : Infinity;
    const nextClose = stack.length ? stack[stack.length - 1].end : Infinity;
    const at = Math.min(nextOpen, nextClose, text.length);
    out += writeText(text, pos, at, mode);
    pos = at;
    if (nextClose === at) {
      out += close(stack.pop()!);
    } else if (nextOpen === at) {
      out += '[';
      stack.push(spans[next++]);
    } else break;
  }
  return out;
}

function sameSpans(a: readonly CorpusSpan[], b: readonly CorpusSpan[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.start !== y.start || x.end !== y.end || x.type !== y.type || (x.id ?? null) !== (y.id ?? null)) return false;
    if (x.attributes.length !== y.attributes.length) return false;
    for (let k = 0; k < x.attributes.length; k++) {
      if (x.attributes[k].key !== y.attributes[k].key || x.attributes[k].value !== y.attributes[k].value) return false;
    }
  }
  return true;
}

/**
 * Writes a corpus document as `.press` text. Exact when the document says how (escapes, specs,
 * front matter as written); otherwise with as few escapes as the text needs. Spans that cannot
 * be markup (crossing another, across a blank line, an invalid type or id) are left out with a
 * warning. The result is checked by parsing it back; `text` is undefined only if no writing
 * reads back as the document. Never throws.
 */
export function toPress(doc: CorpusDocument): ToPress {
  const problems: CorpusProblem[] = [];
  const spans = nestable(doc.text, doc.spans, problems);
  const target: CorpusDocument = { ...doc, spans };
  const attempts: Array<{ mode: EscapeMode; exact: boolean }> = [];
  if (doc.escapes !== undefined) attempts.push({ mode: { kind: 'given', at: new Set(doc.escapes) }, exact: true });
  else attempts.push({ mode: { kind: 'none' }, exact: true });
  attempts.push({ mode: { kind: 'none' }, exact: false }, { mode: { kind: 'all' }, exact: false });
  const wantMeta = JSON.stringify(doc.meta);
  for (const { mode, exact } of attempts) {
    let out: string;
    try {
      out = render(target, spans, mode, exact);
    } catch (e) {
      problems.push({ severity: 'error', code: 'internal.error', message: `Internal error writing the document: ${String(e)}`, offset: 0 });
      return { text: undefined, problems, spans };
    }
    const back = readBack(out);
    if (back && back.text === doc.text && sameSpans(back.spans, spans) && JSON.stringify(back.meta) === wantMeta) {
      return { text: out, problems, spans };
    }
  }
  problems.push({ severity: 'error', code: 'import.unwritable', message: 'The document cannot be written as .press text that reads back the same (its front matter or annotations do not survive).', offset: 0 });
  return { text: undefined, problems, spans };
}
