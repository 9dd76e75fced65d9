/**
 * Annotated dates (the TIMEX3 types date, time, duration, set): invalid values and attributes,
 * values of another TIMEX3 type, labels that read as another value relative to the publication
 * date, and relative expressions in a document without a publication date.
 *
 * Precision first: the label is compared with its value only where the normalizer is sure
 * (`confident`) and gives the annotation's own type. Only annotated labels are normalized
 * (tens of microseconds each); the recognizer never runs over the document here.
 *
 * The helpers below (label context, relative expressions, inferring the publication date) are
 * shared by the hover, the inlay hints and completion.
 */
import { normalize, normalizeTracked, type Normalized } from '../dates/normalize';
import {
  dayNumber,
  describeTimex,
  formatYmd,
  fromDayNumber,
  parseDct,
  TIMEX_TYPES,
  timexValueKind,
  validateSetAttributes,
  validateTimexMod,
  validateTimexValue,
  type TimexType,
} from '../dates/timex';
import type { ProjectConfig } from '../config';
import type { Annotation, PressDocument } from '../model';
import type { Span } from '../text';
import { quote } from '../strings';
import type { Check, Problem } from './check';
import { publicationDate } from './frontMatter';
import { ContentCache } from '../lru';
import { agrees } from '../dates/agreement';

export { agrees };

/** How much plain text on each side of a label the normalizer sees (it keeps one sentence). */
const CONTEXT_CHARS = 160;

/** Whether an annotation holds a TIMEX3 value: one of the four built-in TIMEX3 types. */
export function timexTypeOf(a: Annotation, config: ProjectConfig): TimexType | undefined {
  return config.types.get(a.type)?.timex && (TIMEX_TYPES as readonly string[]).includes(a.type) ? (a.type as TimexType) : undefined;
}

/** The label as a normalizer reads it: nested markup removed, white space collapsed. */
export function labelText(a: Annotation): string {
  return a.text.replace(/\s+/g, ' ').trim();
}

/**
 * The markup of a document as sorted spans to drop (each `[`, each `]{...}`, the backslash of
 * each escape): a window of source text minus these is that stretch of the plain text
 * (plain.ts), without building the plain text of the whole document on every keystroke.
 */
const markupCache = new WeakMap<PressDocument, Span[]>();

function markupOf(doc: PressDocument): Span[] {
  let spans = markupCache.get(doc);
  if (!spans) {
    spans = [];
    for (const a of doc.all) spans.push({ start: a.open, end: a.open + 1 }, { start: a.close, end: a.span.end });
    for (const e of doc.escapes) spans.push({ start: e.start, end: e.start + 1 });
    spans.sort((x, y) => x.start - y.start);
    markupCache.set(doc, spans);
  }
  return spans;
}

/** The plain text of the source range [from, to). */
function plainSlice(doc: PressDocument, from: number, to: number): string {
  const spans = markupOf(doc);
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  let out = '';
  let pos = from;
  for (let i = lo; i < spans.length && spans[i].start < to; i++) {
    if (spans[i].start > pos) out += doc.text.slice(pos, spans[i].start);
    pos = Math.max(pos, spans[i].end);
  }
  if (pos < to) out += doc.text.slice(pos, to);
  return out;
}

/** Source characters read on each side of a label: enough for CONTEXT_CHARS of plain text but dense markup. */
const WINDOW = CONTEXT_CHARS * 3;

/** The plain text before and after an annotation's label: the normalizer reads the tense in it. */
export function labelContext(doc: PressDocument, a: Annotation): { before: string; after: string } {
  const from = Math.max(doc.bodyStart, a.labelSpan.start - WINDOW);
  const to = Math.min(doc.text.length, a.labelSpan.end + WINDOW);
  const before = from < a.labelSpan.start ? plainSlice(doc, from, a.labelSpan.start) : '';
  // After the label comes its own `]{...}`: start after the whole annotation.
  const after = a.span.end < to ? plainSlice(doc, a.span.end, to) : '';
  return { before: before.slice(-CONTEXT_CHARS), after: after.slice(0, CONTEXT_CHARS) };
}

/**
 * normalize() with bounded memos (least recently used dropped first; entries and bytes bounded,
 * keyed by content: a label can be long). Most labels read the same in any context ("29 June
 * 2022", "today", "in 2015"): their value is kept by label and publication date alone, so the
 * context is not even cut out of the text; the others ("Friday", "in May") are kept by label,
 * date and context.
 */
const MEMO_SIZE = 8192;
const MEMO_BYTES = 8 * 2 ** 20;
/** A normalized value: an object of a few short strings. */
const VALUE_BYTES = 200;
const memo = new ContentCache<Normalized | undefined>(MEMO_SIZE, MEMO_BYTES);
const contextFree = new ContentCache<Normalized | undefined>(MEMO_SIZE, MEMO_BYTES);

type Context = { before?: string; after?: string };

export function normalizeCached(label: string, dct: string | undefined, context?: Context | (() => Context)): Normalized | undefined {
  const free = [label, dct ?? ''];
  const known = contextFree.entry(free);
  if (known) return known.value;
  const ctx = typeof context === 'function' ? context() : context;
  const parts = [label, dct ?? '', ctx?.before ?? '', ctx?.after ?? ''];
  const seen = memo.entry(parts);
  if (seen) return seen.value;
  const { value, usedContext } = normalizeTracked(label, dct, ctx);
  if (value) Object.freeze(value);
  return usedContext ? memo.set(parts, value, VALUE_BYTES) : contextFree.set(free, value, VALUE_BYTES);
}

/** The label normalized against the publication date, in its context (cut out only if needed). */
export function normalizeLabel(doc: PressDocument, a: Annotation, dct: string | undefined): Normalized | undefined {
  const label = labelText(a);
  return label ? normalizeCached(label, dct, () => labelContext(doc, a)) : undefined;
}

/** Anchors of different weekdays, months and years: a value that changes with them is relative. */
const ANCHORS = ['2001-03-14', '2013-10-05', '2019-12-31'];

const relativeMemo = new ContentCache<boolean>(MEMO_SIZE, MEMO_BYTES);

/**
 * Whether an expression's value depends on the publication date ("today", "last Friday",
 * "next year", "June 29"): normalized against different anchors, its values differ. The words
 * decide, not the tense around them, so the answer is kept per label.
 */
export function isRelative(label: string): boolean {
  const key = label.trim();
  if (!key) return false;
  return relativeMemo.cached(
    [key],
    () => {
      const values = ANCHORS.map((d) => normalize(key, d)?.value);
      return values.every((v) => v !== undefined) && new Set(values).size > 1;
    },
    () => 16,
  );
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})(?=$|T)/;

function dayOf(value: string | undefined): number | undefined {
  const m = value ? DAY_RE.exec(value) : null;
  return m ? dayNumber(+m[1], +m[2], +m[3]) : undefined;
}

/**
 * The publication date an annotated relative expression implies, when it has one: the label is
 * a fixed number of days from the publication date ("today", "yesterday", "in three days") and
 * the value is a full date. `[Yesterday]{date:2022-06-28}` implies 2022-06-29; "last Friday"
 * implies nothing (any day of a week would do).
 */
export function impliedPublicationDate(label: string, value: string | undefined, context?: { before?: string; after?: string }): string | undefined {
  const target = dayOf(value);
  if (target === undefined || !label.trim()) return undefined;
  let offset: number | undefined;
  for (const anchor of ANCHORS) {
    const n = normalizeCached(label, anchor, context);
    const day = n && n.confident ? dayOf(n.value) : undefined;
    if (day === undefined) return undefined;
    const off = day - dayOf(anchor)!;
    if (offset !== undefined && off !== offset) return undefined;
    offset = off;
  }
  if (offset === undefined) return undefined;
  const dct = formatYmd(fromDayNumber(target - offset));
  const check = normalizeCached(label, dct, context);
  return check && dayOf(check.value) === target ? dct : undefined;
}

/** What the no-publication-date fix needs: a date the document's relative annotations agree on. */
function impliedByDocument(doc: PressDocument, config: ProjectConfig): string | undefined {
  const found = new Set<string>();
  for (const a of doc.all) {
    if (!timexTypeOf(a, config) || !a.id) continue;
    const d = impliedPublicationDate(labelText(a), a.id, labelContext(doc, a));
    if (d) found.add(d);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The TIMEX3 type name of a normalized value, as an annotation type. */
export function annotationType(n: Normalized): TimexType {
  return n.type.toLowerCase() as TimexType;
}

function sentence(reason: string): string {
  const s = reason.charAt(0).toUpperCase() + reason.slice(1);
  return /[.!?]$/.test(s) ? s : s + '.';
}

function attributeProblems(a: Annotation): Problem[] {
  const out: Problem[] = [];
  for (const attr of a.attributes) {
    let r: ReturnType<typeof validateTimexMod> | undefined;
    if (attr.key === 'mod') r = validateTimexMod(attr.value);
    else if (attr.key === 'quant') r = validateSetAttributes({ quant: attr.value });
    else if (attr.key === 'freq') r = validateSetAttributes({ freq: attr.value });
    if (r && !r.ok) {
      const upper = attr.value.toUpperCase();
      const fixable = attr.key === 'mod' && upper !== attr.value && validateTimexMod(upper).ok;
      // Only the case is wrong (`mod=approx`): the meaning is plain, so a warning; exports write it
      // in TimeML's upper case.
      out.push(fixable
        ? { code: 'date.mod-case', span: attr.valueSpan, message: `\`mod ${attr.value}\` is written in upper case in TimeML: ${upper}.`, data: { value: upper, what: '`mod`' } }
        : { code: 'date.invalid-value', span: attr.valueSpan, message: `Invalid \`${attr.key}\`: ${r.reason}.`.replace(/\.\.$/, '.') });
    }
  }
  return out;
}

/** Problems of the value itself: invalid (why), or a value of another TIMEX3 type. */
function valueProblems(doc: PressDocument, a: Annotation, type: TimexType, dct: string | undefined): Problem[] {
  if (!a.id || !a.idSpan) return [];
  const v = a.id;
  const r = validateTimexValue(type, v);
  if (r.ok) return [];
  const kind = timexValueKind(v);
  if (kind !== 'unknown' && kind !== type && validateTimexValue(kind, v).ok) {
    return [
      {
        code: 'date.type-mismatch',
        span: a.typeSpan,
        message: `${quote(v)} is a ${kind.toUpperCase()} value, not a ${type.toUpperCase()}: the type should be ${quote(kind)}.`,
        data: { type: kind },
      },
    ];
  }
  // The value is broken: offer what the label reads as, when the normalizer is sure.
  const n = normalizeLabel(doc, a, dct);
  const suggestion = n && n.confident && annotationType(n) === type && validateTimexValue(type, n.value).ok ? n.value : undefined;
  return [
    {
      code: 'date.invalid-value',
      span: a.idSpan,
      message: `Invalid ${type.toUpperCase()} value: ${sentence(r.reason)}${suggestion ? ` The label reads as ${quote(suggestion)}.` : ''}`,
      data: suggestion ? { value: suggestion, what: 'the value' } : undefined,
    },
  ];
}

export const checkDates: Check = ({ doc, config }) => {
  const out: Problem[] = [];
  const dct = publicationDate(doc);
  const hasDateKey = !!doc.frontMatter?.entries.some((e) => e.key === 'date');
  let implied: { value: string | undefined } | undefined;
  for (const a of doc.all) {
    const type = timexTypeOf(a, config);
    if (!type) continue;
    out.push(...attributeProblems(a));
    const invalid = valueProblems(doc, a, type, dct);
    out.push(...invalid);
    const label = labelText(a);
    if (!label) continue;
    if (dct) {
      if (invalid.length || !a.id || !a.idSpan) continue;
      const n = normalizeLabel(doc, a, dct);
      if (!n || !n.confident || annotationType(n) !== type || agrees(a.id, n.value, label, dct)) continue;
      out.push({
        code: 'date.value-mismatch',
        span: a.idSpan,
        message: `${quote(label)} reads as ${quote(n.value)} (${describeTimex(type, n.value, n.mod, dct).text}), not ${quote(a.id)}.`,
        data: { value: n.value },
      });
    } else if (!hasDateKey) {
      // With an invalid `date`, frontmatter.invalid-date says it already.
      if (!isRelative(label)) continue;
      const context = labelContext(doc, a);
      const own = impliedPublicationDate(label, a.id, context);
      if (!own && !implied) implied = { value: impliedByDocument(doc, config) };
      const date = own ?? implied?.value;
      out.push({
        code: 'date.no-publication-date',
        span: a.labelSpan,
        message: `${quote(label)} is relative to the publication date, but the front matter has no \`date\`: add \`date: YYYY-MM-DD\` so that its value can be resolved and checked.`,
        data: date ? { date } : undefined,
      });
    }
  }
  return out;
};

/** Whether `dct` is a valid `YYYY-MM-DD` date (for callers that take one from outside). */
export function isValidDct(dct: string | undefined): boolean {
  return !!dct && /^\d{4}-\d{2}-\d{2}$/.test(dct) && !!parseDct(dct);
}
