/**
 * Mentions of a .press document that are not annotated yet: knowledge-base names (finder.ts) and
 * temporal expressions (dates/recognize.ts), found in the plain text of the body and carried back
 * to source offsets. Pure; never throws.
 */
import type { Annotation, PressDocument } from '../model';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { plainText } from '../plain';
import { findDates } from '../dates/recognize';
import { FindOptions, Mention, MentionFinder } from './finder';

export interface DocumentMention extends Mention {
  /**
   * The mention would wrap existing annotations whole (`OSCE Parliamentary Assembly` around
   * `[OSCE]{org:OSCE}`): start/end then cover their markup. Absent otherwise.
   */
  wraps?: true;
}

export interface DocumentFindOptions extends FindOptions {
  /** Also find dates, times, durations and sets (default true; `types` can also select them). */
  dates?: boolean;
  /** Propose mentions that wrap existing annotations whole (default true). */
  wrap?: boolean;
}

const DATE_TYPES = ['date', 'time', 'duration', 'set'];

/**
 * The unannotated mentions of a document, sorted by start, in source offsets (UTF-16 offsets into
 * `doc.text`); `text` is what a reader sees (markup removed, escapes resolved).
 *
 * The search runs over the plain text of the body, so context reaches across annotations
 * ("[Kazakhstan]{country:KZ} and Luxembourg" is a country list). A mention is dropped when it
 * lies inside an annotation's label or overlaps one partly (never a proposal inside an existing
 * annotation), and when it covers exactly an annotation's label (already annotated). One that
 * covers whole annotations is kept with `wraps` (unless `wrap: false`). Dates come from
 * `findDates` over the same plain text, anchored at `dct` (default: the front matter `date`);
 * their type is `date`, `time`, `duration` or `set` and their id the TIMEX3 value. Where a
 * date and a name overlap, the longer wins (the name on a tie).
 */
export function findMentionsInDocument(doc: PressDocument, kb: KnowledgeBase, dct?: string, options?: DocumentFindOptions): DocumentMention[] {
  try {
    const plain = plainText(doc);
    const text = plain.text;
    if (!text) return [];
    const merged = findMentionsInText(text, kb, dct ?? frontMatterDate(doc), options);
    const ranges = new LabelRanges(doc, plain.offsets);
    const out: DocumentMention[] = [];
    for (const m of merged) {
      const placed = place(m, ranges, plain.offsets, options?.wrap !== false);
      if (placed) out.push(placed);
    }
    return out.sort(byStart);
  } catch {
    return [];
  }
}

/**
 * The names and temporal expressions of a plain text (no markup), as `findMentionsInDocument`
 * finds them in a document's body: UTF-16 offsets into `text`, sorted by start; overlapping
 * mentions resolved (the longer wins, a name on a tie) unless `nested`. Dates are anchored at
 * `dct` (YYYY-MM-DD). Never throws.
 */
export function findMentionsInText(text: string, kb: KnowledgeBase, dct?: string, options?: FindOptions & { dates?: boolean }): Mention[] {
  try {
    if (typeof text !== 'string' || !text) return [];
    const types = Array.isArray(options?.types) ? new Set(options!.types) : undefined;
    const entityTypes = types ? [...types].filter((t) => !DATE_TYPES.includes(t)) : undefined;
    const found: Mention[] = [];
    if (!entityTypes || entityTypes.length > 0) {
      // a loop, not push(...list): a spread of a very long list overflows the call stack
      for (const m of MentionFinder.for(kb).find(text, { ...options, types: entityTypes })) found.push(m);
    }
    const wantDates = options?.dates !== false && (!types || DATE_TYPES.some((t) => types.has(t)));
    if (wantDates) {
      const dates = findDates(text, dct);
      let lastEnd = -1;
      for (const d of dates) {
        const type = d.type.toLowerCase();
        if (types && !types.has(type)) continue;
        // the years nested in a year range: only with `nested`
        if (d.start < lastEnd && !options?.nested) continue;
        lastEnd = Math.max(lastEnd, d.end);
        found.push({ start: d.start, end: d.end, text: d.text, type, id: d.value, confidence: d.confident ? 0.9 : 0.6 });
      }
    }
    return options?.nested ? found.sort(byStart) : dropOverlaps(found);
  } catch {
    return [];
  }
}

function byStart(a: Mention, b: Mention): number {
  return a.start - b.start || b.end - a.end;
}

/**
 * Non-overlapping: the longer of two overlapping mentions, a name on a tie. A date expression
 * that holds a name ("in recent U.S. history") gives way to the name: names are not part of
 * temporal expressions, the recognizer stretched over a modifier.
 *
 * Linear in the number of mentions and their lengths: names are looked up by start (binary
 * search), and the kept mentions mark the code units they occupy.
 */
function dropOverlaps(list: Mention[]): Mention[] {
  const names = list.filter((m) => !isDate(m)).sort(byStart);
  const holdsName = (d: Mention): boolean => {
    for (let i = lowerBound(names, d.start); i < names.length && names[i].start < d.end; i++) {
      if (names[i].end <= d.end) return true;
    }
    return false;
  };
  const sorted = list
    .filter((m) => !isDate(m) || !holdsName(m))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || (isDate(a) ? 1 : 0) - (isDate(b) ? 1 : 0) || a.start - b.start);
  let limit = 0;
  for (const m of sorted) limit = Math.max(limit, m.end);
  const taken = new Uint8Array(limit);
  const kept: Mention[] = [];
  next: for (const m of sorted) {
    for (let i = m.start; i < m.end; i++) if (taken[i]) continue next;
    taken.fill(1, m.start, m.end);
    kept.push(m);
  }
  return kept.sort(byStart);
}

/** The index of the first mention (sorted by start) that starts at or after `x`. */
function lowerBound(sorted: Mention[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isDate(m: Mention): boolean {
  return DATE_TYPES.includes(m.type);
}

interface Range {
  /** Plain-text range of the label. */
  ps: number;
  pe: number;
  a: Annotation;
}

/**
 * The plain-text ranges of every annotation's label, sorted by start, with the running maximum of
 * their ends so that the ranges touching a mention are found without a scan of them all.
 */
class LabelRanges {
  readonly list: Range[] = [];
  /** maxEnd[i]: the largest `pe` of list[0..i]. */
  private readonly maxEnd: number[] = [];

  constructor(doc: PressDocument, offsets: ArrayLike<number>) {
    for (const a of doc.all) {
      this.list.push({ ps: firstAtOrAfter(offsets, a.labelSpan.start), pe: firstAtOrAfter(offsets, a.labelSpan.end), a });
    }
    this.list.sort((x, y) => x.ps - y.ps || y.pe - x.pe);
    let max = -1;
    for (const r of this.list) this.maxEnd.push((max = Math.max(max, r.pe)));
  }

  /**
   * The ranges that can touch [start, end): every range with ps < end and pe > start, plus empty
   * labels at the edges (the caller sorts them out). Ascending order by start.
   */
  near(start: number, end: number): Range[] {
    const list = this.list;
    // last index with ps <= end
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].ps <= end) lo = mid + 1;
      else hi = mid;
    }
    const out: Range[] = [];
    for (let j = lo - 1; j >= 0 && this.maxEnd[j] >= start; j--) {
      const r = list[j];
      if (r.pe >= start) out.push(r);
    }
    return out.reverse();
  }
}

/** The first index of the increasing `offsets` whose value is >= x. */
function firstAtOrAfter(offsets: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mention in source offsets, or undefined when it is inside or across an annotation. */
function place(m: Mention, ranges: LabelRanges, offsets: ArrayLike<number>, wrap: boolean): DocumentMention | undefined {
  let start = offsets[m.start];
  let end = offsets[m.end - 1] + 1;
  let wraps = false;
  for (const r of ranges.near(m.start, m.end)) {
    if (r.pe <= m.start || r.ps >= m.end) {
      // outside; an empty label at the boundary stays outside
      continue;
    }
    if (r.ps === r.pe) {
      // an empty label strictly inside the mention
      wraps = true;
      continue;
    }
    const inside = m.start >= r.ps && m.end <= r.pe;
    if (inside) return undefined;
    const covers = m.start <= r.ps && m.end >= r.pe;
    if (!covers) return undefined;
    wraps = true;
    if (r.ps === m.start) start = Math.min(start, r.a.span.start);
    if (r.pe === m.end) end = Math.max(end, r.a.span.end);
  }
  if (wraps && !wrap) return undefined;
  const out: DocumentMention = { ...m, start, end };
  if (wraps) out.wraps = true;
  return out;
}

function frontMatterDate(doc: PressDocument): string | undefined {
  const v = doc.frontMatter?.data?.date;
  if (typeof v === 'string') return v.slice(0, 10);
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}
