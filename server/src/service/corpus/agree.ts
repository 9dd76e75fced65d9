/**
 * Agreement between two annotators' copies of the same documents: per type precision, recall
 * and F1 on exact matches (same span, type and id; A is the reference), Cohen's kappa over
 * tokens (each token labelled with the type of its outermost annotation, or O), and the list
 * of disagreements. A changed annotation is one disagreement, not two: unmatched annotations
 * are paired when they have the same span (type or id changed), then when they overlap with
 * the same type (boundaries changed), then when they overlap at all, each with the first free
 * one of B in order (indexed: O(n log n) in the unmatched annotations). Pure; never throws.
 */
import { fromPress, specOf, type CorpusDocument, type CorpusSpan } from './document';
import { boundariesOf, tagTokens } from './conll';
import { tokenize } from './tokens';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Disagreement {
  kind: 'changed' | 'only-a' | 'only-b';
  /** Index into a.spans (changed, only-a). */
  a?: number;
  /** Index into b.spans (changed, only-b). */
  b?: number;
}

export interface DocumentAgreement {
  perType: Map<string, Counts>;
  /** Token label pairs `A\tB` → count. */
  confusion: Map<string, number>;
  tokens: number;
  disagreements: Disagreement[];
}

function key(s: CorpusSpan): string {
  return `${s.start}\u0000${s.end}\u0000${s.type}\u0000${s.id ?? ''}`;
}

function counts(map: Map<string, Counts>, type: string): Counts {
  let c = map.get(type);
  if (!c) map.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
  return c;
}

/**
 * A pass of the pairing of unmatched annotations: built over the free annotations of B (indices
 * ascending), it returns for an annotation of A the smallest free index of B that fits it, and
 * takes it (each B pairs once). The passes: same span; overlapping with the same type;
 * overlapping. Each answers in O(log n) (a map, or an interval tree below), so pairing n
 * unmatched annotations costs O(n log n), not the O(n²) of trying every pair.
 */
type Pass = (spans: readonly CorpusSpan[], free: readonly number[]) => (x: CorpusSpan) => number | undefined;

const samePlace: Pass = (spans, free) => {
  const at = new Map<string, number[]>();
  for (const j of free) {
    const k = `${spans[j].start}:${spans[j].end}`;
    const list = at.get(k);
    if (list) list.push(j);
    else at.set(k, [j]);
  }
  return (x) => at.get(`${x.start}:${x.end}`)?.shift();
};

const overlapAny: Pass = (spans, free) => {
  const tree = new OverlapIndex(spans, free);
  return (x) => tree.take(x.start, x.end);
};

const overlapSameType: Pass = (spans, free) => {
  const byType = new Map<string, number[]>();
  for (const j of free) {
    const list = byType.get(spans[j].type);
    if (list) list.push(j);
    else byType.set(spans[j].type, [j]);
  }
  const trees = new Map([...byType].map(([t, js]) => [t, new OverlapIndex(spans, js)]));
  return (x) => trees.get(x.type)?.take(x.start, x.end);
};

/**
 * The free spans of a list (given by index, ascending) in a segment tree in index order, each
 * node holding the smallest start and the largest end below it: the first free span overlapping
 * [start, end) is found by descending left first into the nodes that can hold one. Spans in
 * pre-order (by start, as every parsed document gives them) make every such node hold one, so
 * a query visits O(log n) nodes; any order gives the same answer.
 */
class OverlapIndex {
  private readonly size: number;
  private readonly minStart: Float64Array;
  private readonly maxEnd: Float64Array;

  constructor(
    spans: readonly CorpusSpan[],
    private readonly ids: readonly number[],
  ) {
    let size = 1;
    while (size < ids.length) size *= 2;
    this.size = size;
    this.minStart = new Float64Array(2 * size).fill(Infinity);
    this.maxEnd = new Float64Array(2 * size).fill(-Infinity);
    ids.forEach((j, k) => {
      this.minStart[size + k] = spans[j].start;
      this.maxEnd[size + k] = spans[j].end;
    });
    for (let n = size - 1; n >= 1; n--) this.pull(n);
  }

  /** The smallest free index whose span overlaps [start, end), now taken; undefined if none. */
  take(start: number, end: number): number | undefined {
    const leaf = this.find(1, start, end);
    if (leaf === undefined) return undefined;
    let n = leaf;
    this.minStart[n] = Infinity;
    this.maxEnd[n] = -Infinity;
    for (n >>= 1; n >= 1; n >>= 1) this.pull(n);
    return this.ids[leaf - this.size];
  }

  private find(n: number, start: number, end: number): number | undefined {
    if (this.minStart[n] >= end || this.maxEnd[n] <= start) return undefined;
    if (n >= this.size) return n;
    return this.find(2 * n, start, end) ?? this.find(2 * n + 1, start, end);
  }

  private pull(n: number): void {
    this.minStart[n] = Math.min(this.minStart[2 * n], this.minStart[2 * n + 1]);
    this.maxEnd[n] = Math.max(this.maxEnd[2 * n], this.maxEnd[2 * n + 1]);
  }
}

/** Compares two copies of one document; their texts must be equal (see firstDifference). */
export function compareDocuments(a: CorpusDocument, b: CorpusDocument): DocumentAgreement {
  const perType = new Map<string, Counts>();
  const byKey = new Map<string, number[]>();
  a.spans.forEach((s, i) => {
    const k = key(s);
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const matchedA = new Set<number>();
  const unmatchedB: number[] = [];
  b.spans.forEach((s, j) => {
    const list = byKey.get(key(s));
    if (list && list.length) {
      matchedA.add(list.shift()!);
      counts(perType, s.type).tp++;
    } else unmatchedB.push(j);
  });
  const unmatchedA = a.spans.map((_, i) => i).filter((i) => !matchedA.has(i));
  for (const i of unmatchedA) counts(perType, a.spans[i].type).fn++;
  for (const j of unmatchedB) counts(perType, b.spans[j].type).fp++;

  const disagreements: Disagreement[] = [];
  const freeA = new Set(unmatchedA);
  const freeB = new Set(unmatchedB);
  for (const pass of [samePlace, overlapSameType, overlapAny]) {
    const pick = pass(b.spans, [...freeB]);
    for (const i of [...freeA]) {
      const j = pick(a.spans[i]);
      if (j === undefined) continue;
      disagreements.push({ kind: 'changed', a: i, b: j });
      freeA.delete(i);
      freeB.delete(j);
    }
  }
  for (const i of freeA) disagreements.push({ kind: 'only-a', a: i });
  for (const j of freeB) disagreements.push({ kind: 'only-b', b: j });
  const at = (d: Disagreement) => (d.a !== undefined ? a.spans[d.a].start : b.spans[d.b!].start);
  disagreements.sort((x, y) => at(x) - at(y) || (x.a ?? -1) - (y.a ?? -1));

  // Tokens cut at the boundaries of both copies, so both label the same tokens.
  const tokens = tokenize(a.text, [...boundariesOf(a), ...boundariesOf(b)]);
  const ta = tagTokens(a, tokens).types;
  const tb = tagTokens(b, tokens).types;
  const confusion = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const k = `${ta[i] ?? 'O'}\t${tb[i] ?? 'O'}`;
    confusion.set(k, (confusion.get(k) ?? 0) + 1);
  }
  return { perType, confusion, tokens: tokens.length, disagreements };
}

/** Cohen's kappa of a confusion table (`A\tB` → count); 1 when both agree on a single label. */
export function cohensKappa(confusion: ReadonlyMap<string, number>): number {
  let n = 0;
  let agree = 0;
  const rowA = new Map<string, number>();
  const rowB = new Map<string, number>();
  for (const [k, c] of confusion) {
    const [x, y] = k.split('\t');
    n += c;
    if (x === y) agree += c;
    rowA.set(x, (rowA.get(x) ?? 0) + c);
    rowB.set(y, (rowB.get(y) ?? 0) + c);
  }
  if (n === 0) return 1;
  const po = agree / n;
  let pe = 0;
  for (const [label, c] of rowA) pe += (c / n) * ((rowB.get(label) ?? 0) / n);
  return pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe);
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The first index where two strings differ, or -1. */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return a.length === b.length ? -1 : n;
}

/** A disagreement placed in the first text, for an editor (the "Compare With..." command). */
export interface PlacedDisagreement {
  kind: Disagreement['kind'] | 'text-differs' | 'not-comparable';
  /** UTF-16 offsets into the first text (the `[`…`}` of its annotation, or the other's place). */
  start: number;
  end: number;
  message: string;
}

/**
 * The disagreements of `text` (A) with `other` (B), placed in A: changed and A-only annotations
 * at their markup, B-only ones where their words are in A. When the texts cannot be compared
 * (syntax errors, other words), one entry says where. Never throws.
 */
export function compareTexts(text: string, other: string): PlacedDisagreement[] {
  const a = fromPress(text);
  const b = fromPress(other);
  if (!a.doc || !b.doc) {
    const p = (a.doc ? b : a).problems[0];
    return [{ kind: 'not-comparable', start: a.doc ? 0 : p.offset, end: a.doc ? 0 : p.offset, message: `Not compared: ${a.doc ? 'the other document' : 'this document'} has errors (${p.message})` }];
  }
  const diff = firstDifference(a.doc.text, b.doc.text);
  if (diff >= 0) {
    const at = a.sourceOffsets[diff];
    return [{ kind: 'text-differs', start: at, end: at, message: 'Not compared: the text differs from here on.' }];
  }
  const spec = (s: CorpusSpan) => s.spec ?? specOf(s.type, s.id, s.attributes);
  const markupOf = (i: number) => a.parsed.all[i].span;
  const wordsOf = (s: CorpusSpan) => ({ start: a.sourceOffsets[s.start], end: a.sourceOffsets[s.end - 1] + 1 });
  return compareDocuments(a.doc, b.doc).disagreements.map((d): PlacedDisagreement => {
    if (d.kind === 'changed') {
      const sa = a.doc!.spans[d.a!];
      const sb = b.doc!.spans[d.b!];
      const label = b.doc!.text.slice(sb.start, sb.end);
      return { kind: d.kind, ...markupOf(d.a!), message: `The other copy has [${label}]{${spec(sb)}} here, not {${spec(sa)}}.` };
    }
    if (d.kind === 'only-a') return { kind: d.kind, ...markupOf(d.a!), message: `The other copy does not annotate this ({${spec(a.doc!.spans[d.a!])}}).` };
    const sb = b.doc!.spans[d.b!];
    return { kind: d.kind, ...wordsOf(sb), message: `The other copy annotates this: [${b.doc!.text.slice(sb.start, sb.end)}]{${spec(sb)}}.` };
  });
}
