/**
 * What the readers and writers of other tools' formats share (JSONL of Pressmark and
 * Prodigy/spaCy, doccano, Label Studio): offsets in the unit a tool counts, the mapping of
 * their labels to Pressmark types, the check that a span fits its text, and the extra data
 * (`pressmark`: specs, front matter as written, escapes, byte order mark) that makes a round
 * trip through a format byte-identical. Pure; never throws.
 */
import { parseSpec, specOf, unwritableId, type CorpusAttribute, type CorpusDocument, type CorpusProblem, type CorpusSpan } from './document';
import { CodePoints } from '../text';

/** The unit of a format's offsets: code points (Python's `str`), or UTF-16 code units (JavaScript's). */
export type OffsetUnit = 'code-points' | 'utf-16';

/** Offsets of one text in a unit, both ways (code points through `CodePoints`, the one conversion). */
export class Offsets {
  private readonly cp: CodePoints | undefined;

  constructor(
    readonly text: string,
    readonly unit: OffsetUnit = 'code-points',
  ) {
    this.cp = unit === 'code-points' ? new CodePoints(text) : undefined;
  }

  get length(): number {
    return this.cp ? this.cp.length : this.text.length;
  }

  /** The format's offset of a UTF-16 offset. */
  of(utf16: number): number {
    return this.cp ? this.cp.toCodePoint(utf16) : utf16;
  }

  /** The UTF-16 offset of a format's offset, or undefined when it is not one (outside, not an integer, inside a character). */
  toUtf16(offset: unknown): number | undefined {
    if (typeof offset !== 'number' || !Number.isInteger(offset)) return undefined;
    if (this.cp) return this.cp.toUtf16(offset);
    if (offset < 0 || offset > this.text.length) return undefined;
    const c = this.text.charCodeAt(offset);
    const before = offset > 0 ? this.text.charCodeAt(offset - 1) : 0;
    if (c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff) return undefined;
    return offset;
  }
}

/**
 * Labels of other tools → Pressmark types (case-insensitive): CoNLL, OntoNotes (spaCy) and the
 * Label Studio and doccano templates. GPE and LOC become `place` (`country` needs an ISO code
 * the label does not give; the id can be added with the editor's fixes). Any other label is
 * kept as written, a type outside the schema that `pressmark check` reports.
 */
const LABELS: ReadonlyMap<string, string> = new Map([
  ['ORG', 'org'],
  ['ORGANIZATION', 'org'],
  ['ORGANISATION', 'org'],
  ['PER', 'person'],
  ['PERSON', 'person'],
  ['LOC', 'place'],
  ['LOCATION', 'place'],
  ['GPE', 'place'],
  ['DATE', 'date'],
  ['TIME', 'time'],
  ['DURATION', 'duration'],
  ['SET', 'set'],
]);

/** The Pressmark type of a label. */
export function typeOfLabel(label: string): string {
  return LABELS.get(label.toUpperCase()) ?? label;
}

const TYPE_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Spec of each span by a key (`start,end,label`, a region id), kept where the label alone does not say it all. */
export type SpecTable = Record<string, string[]>;

/**
 * The specs a format needs beside its labels: for every key, the written spec of each span with
 * that key, in order; keys whose spans the label says all (`{org}` as `org`) are left out.
 */
export function specTable(spans: readonly CorpusSpan[], keyOf: (s: CorpusSpan, i: number) => string): SpecTable | undefined {
  const table: SpecTable = Object.create(null) as SpecTable;
  const needed = new Set<string>();
  spans.forEach((s, i) => {
    const key = keyOf(s, i);
    const spec = s.spec ?? specOf(s.type, s.id, s.attributes);
    (table[key] ??= []).push(spec);
    if (spec !== s.type || typeOfLabel(s.type) !== s.type) needed.add(key);
  });
  const out: SpecTable = {};
  for (const key of Object.keys(table)) if (needed.has(key)) out[key] = table[key];
  return Object.keys(out).length ? out : undefined;
}

/** Reads a `specs` table (anything else reads as none). */
export function readSpecTable(v: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!isObject(v)) return out;
  for (const [k, list] of Object.entries(v)) if (Array.isArray(list)) out.set(k, list.filter((x): x is string => typeof x === 'string'));
  return out;
}

/** Extra data that makes a round trip exact, escapes in code points ({} when nothing is needed). */
export function exactnessOf(doc: CorpusDocument, cp: CodePoints): { frontMatter?: string; escapes?: number[]; bom?: boolean } {
  const extra: { frontMatter?: string; escapes?: number[]; bom?: boolean } = {};
  if (doc.frontMatter !== undefined) extra.frontMatter = doc.frontMatter;
  if (doc.escapes?.length) extra.escapes = doc.escapes.map((e) => cp.toCodePoint(e));
  if (doc.bom) extra.bom = true;
  return extra;
}

/** Applies the extra data of `exactnessOf` (read from a record) to a document. */
export function applyExactness(doc: CorpusDocument, extra: unknown): void {
  if (!isObject(extra)) return;
  const text = doc.text;
  if (typeof extra.frontMatter === 'string' && extra.frontMatter.startsWith('---')) doc.frontMatter = extra.frontMatter;
  if (Array.isArray(extra.escapes)) {
    const cp = new CodePoints(text);
    const escapes = extra.escapes.map((e) => (typeof e === 'number' ? cp.toUtf16(e) : undefined));
    if (escapes.every((e): e is number => e !== undefined && e < text.length)) doc.escapes = escapes;
  }
  if (extra.bom === true) doc.bom = true;
}

/** A span as another tool gives it, before it is checked. */
export interface ForeignSpan {
  start: unknown;
  end: unknown;
  label: unknown;
  /** The span's text as the tool wrote it, checked against the slice when given. */
  text?: unknown;
  /** The id, when the format has one (Pressmark and spaCy `kb_id`). */
  id?: string;
  /** The spec from the record's `specs` table, when there is one. */
  spec?: string;
  attributes?: CorpusAttribute[];
  /** Whether the label is another tool's (mapped by typeOfLabel); false for Pressmark's own spans. */
  foreign?: boolean;
}

/**
 * A foreign span as a corpus span, or undefined with an error in `problems` (`where` names the
 * span: `span 2`, `result 3`): offsets outside the text or inside a character, an empty span,
 * a `text` that is not the slice, a label that cannot be a type or an id a .press file cannot
 * hold are errors, so the caller refuses the record rather than lose an annotation.
 */
export function readForeignSpan(raw: ForeignSpan, offsets: Offsets, where: string, problems: CorpusProblem[]): CorpusSpan | undefined {
  const error = (code: string, message: string): undefined => {
    problems.push({ severity: 'error', code, message: `${where}: ${message}`, offset: 0 });
    return undefined;
  };
  const start = offsets.toUtf16(raw.start);
  const end = offsets.toUtf16(raw.end);
  const unit = offsets.unit === 'code-points' ? 'code point' : 'UTF-16';
  if (start === undefined || end === undefined) return error('import.span-outside', `start ${JSON.stringify(raw.start)} or end ${JSON.stringify(raw.end)} is not a ${unit} offset into the text (0–${offsets.length})`);
  if (start >= end) return error('import.span-outside', `it is empty (start ${JSON.stringify(raw.start)}, end ${JSON.stringify(raw.end)})`);
  const slice = offsets.text.slice(start, end);
  if (raw.text !== undefined && raw.text !== null && raw.text !== slice) return error('import.span-text', `its text ${JSON.stringify(raw.text)} is not the text at ${String(raw.start)}–${String(raw.end)} (${JSON.stringify(slice)}): the offsets do not fit the text`);
  const label = str(raw.label);
  if (label === undefined || label === '') return error('import.span-label', 'it has no label');
  let type = raw.foreign === false ? label : typeOfLabel(label);
  let id = raw.id;
  let attributes = raw.attributes ?? [];
  let spec: string | undefined;
  if (raw.spec !== undefined) {
    const parsed = parseSpec(raw.spec);
    // The spec as exported wins when it is this span's (its type is the label).
    if (parsed && parsed.type === label && (id === undefined || parsed.id === id)) {
      type = parsed.type;
      id = parsed.id;
      attributes = parsed.attributes;
      if (raw.spec !== specOf(type, id, attributes)) spec = raw.spec;
    }
  }
  if (!TYPE_RE.test(type)) return error('import.span-label', `the label ${JSON.stringify(label)} cannot be a .press type (a letter, then letters, digits, - or _)`);
  const why = unwritableId(id);
  if (why) return error('import.invalid-id', `(${type}) the id ${JSON.stringify(id)} cannot be written in a .press file: ${why}`);
  const span: CorpusSpan = { start, end, type, id, attributes };
  if (spec !== undefined) span.spec = spec;
  return span;
}
