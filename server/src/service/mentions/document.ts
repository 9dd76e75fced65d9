/**
 * Mentions of a .press document that are not annotated yet: what the pipeline (pipeline.ts: the
 * recognizers of recognizers.ts and the arbiter) proposes over the plain text of the body,
 * carried back to source offsets. Pure; never throws.
 */
import type { Annotation, PressDocument } from '../model';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { plainText, type PlainText } from '../plain';
import type { FindOptions } from './finder';
import { runPipeline, type Found, type PipelineOptions } from './pipeline';
import { byStart } from './arbiter';
import { sortInPlace } from '../sort';

export interface DocumentMention extends Found {
  /**
   * The mention would wrap existing annotations whole (`OSCE Parliamentary Assembly` around
   * `[OSCE]{org:OSCE}`): start/end then cover their markup. Absent otherwise.
   */
  wraps?: true;
}

export interface DocumentFindOptions extends PipelineOptions {
  /** Propose mentions that wrap existing annotations whole (default true). */
  wrap?: boolean;
}

/**
 * The unannotated mentions of a document, sorted by start, in source offsets (UTF-16 offsets into
 * `doc.text`); `text` is what a reader sees (markup removed, escapes resolved).
 *
 * The search runs over the plain text of the body, so context reaches across annotations
 * ("[Kazakhstan]{country:KZ} and Luxembourg" is a country list). A mention is dropped when it
 * lies inside an annotation's label or overlaps one partly (never a proposal inside an existing
 * annotation), and when it covers exactly an annotation's label (already annotated). One that
 * covers whole annotations is kept with `wraps` (unless `wrap: false`). Dates are anchored at
 * `dct` (default: the front matter `date`); their type is `date`, `time`, `duration` or `set` and
 * their id the TIMEX3 value. Overlaps, priorities, vetoes, rejections and echoes: arbiter.ts.
 */
export function findMentionsInDocument(doc: PressDocument, kb: KnowledgeBase, dct?: string, options?: DocumentFindOptions): DocumentMention[] {
  try {
    const plain = plainText(doc);
    if (!plain.text) return [];
    const merged = runPipeline(plain.text, kb, dct ?? frontMatterDate(doc), options);
    return placeInDocument(doc, plain, merged, options?.wrap !== false);
  } catch {
    return [];
  }
}

/**
 * Mentions of the plain text of `doc` (`plain`, its offsets) in source offsets, sorted by start:
 * the ones inside or across an annotation dropped, the ones that wrap annotations whole marked
 * (or dropped, without `wrap`).
 */
export function placeInDocument<T extends Found>(doc: PressDocument, plain: PlainText, list: readonly T[], wrap: boolean): Array<T & { wraps?: true }> {
  if (!list.length) return [];
  const ranges = new LabelRanges(doc, plain.offsets);
  const out: Array<T & { wraps?: true }> = [];
  for (const m of list) {
    const placed = place(m, ranges, plain.offsets, wrap);
    if (placed) out.push(placed);
  }
  return sortInPlace(out, byStart);
}

/**
 * The names and temporal expressions of a plain text (no markup), as `findMentionsInDocument`
 * finds them in a document's body: UTF-16 offsets into `text`, sorted by start; overlapping
 * mentions resolved by the arbiter unless `nested`. Dates are anchored at `dct` (YYYY-MM-DD).
 * Never throws.
 */
export function findMentionsInText(text: string, kb: KnowledgeBase, dct?: string, options?: FindOptions & PipelineOptions): Found[] {
  return runPipeline(text, kb, dct, options);
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
    sortInPlace(this.list, (x, y) => x.ps - y.ps || y.pe - x.pe);
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
function place<T extends Found>(m: T, ranges: LabelRanges, offsets: ArrayLike<number>, wrap: boolean): (T & { wraps?: true }) | undefined {
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
  const out: T & { wraps?: true } = { ...m, start, end };
  if (wraps) out.wraps = true;
  return out;
}

function frontMatterDate(doc: PressDocument): string | undefined {
  const v = doc.frontMatter?.data?.date;
  if (typeof v === 'string') return v.slice(0, 10);
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}
