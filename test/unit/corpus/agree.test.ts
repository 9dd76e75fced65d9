/** Agreement: exact matches per type, kappa over tokens, one disagreement per changed annotation. */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cohensKappa, compareDocuments, compareTexts, firstDifference, prf } from '../../../server/src/service/corpus/agree';
import { fromPress, type CorpusDocument, type CorpusSpan } from '../../../server/src/service/corpus/document';
import { pressDocument } from './generators';

const ROOT = path.resolve(__dirname, '../../../..');
const example = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
const read = (t: string): CorpusDocument => fromPress(t).doc!;

/** The example with three annotations changed: an id, one removed, one's extent. */
export function threeChanges(text: string): string {
  const out = text
    .replace('[Luxembourg]{country:LU} commemorate', '[Luxembourg]{country:BE} commemorate')
    .replace('[2015]{date:2015}', '2015')
    .replace('[Abai Kunanbayev]{person:abai-kunanbayev}', '[Abai]{person:abai-kunanbayev} Kunanbayev');
  assert.notEqual(out, text);
  return out;
}

describe('agreement', () => {
  it('a copy agrees with itself: no disagreement, F1 1, kappa 1', () => {
    const r = compareDocuments(read(example), read(example));
    assert.deepEqual(r.disagreements, []);
    for (const c of r.perType.values()) assert.deepEqual(prf(c), { precision: 1, recall: 1, f1: 1 });
    assert.equal(cohensKappa(r.confusion), 1);
  });

  it('three changed annotations are exactly three disagreements', () => {
    const a = read(example);
    const b = read(threeChanges(example));
    const r = compareDocuments(a, b);
    assert.deepEqual(
      r.disagreements.map((d) => [d.kind, d.a !== undefined ? a.text.slice(a.spans[d.a].start, a.spans[d.a].end) : null, d.b !== undefined ? b.spans[d.b].id : null]),
      [
        ['changed', 'Luxembourg', 'BE'],
        ['only-a', '2015', null],
        ['changed', 'Abai Kunanbayev', 'abai-kunanbayev'],
      ],
    );
    assert.deepEqual(r.perType.get('country'), { tp: 12, fp: 1, fn: 1 });
    assert.deepEqual(r.perType.get('date'), { tp: 4, fp: 0, fn: 1 });
    assert.deepEqual(r.perType.get('person'), { tp: 1, fp: 1, fn: 1 });
    const kappa = cohensKappa(r.confusion);
    assert.ok(kappa > 0.9 && kappa < 1, String(kappa));
  });

  it('an annotation only in B, and a type change on the same span', () => {
    const a = read('[Astana]{place:G1526273} and Almaty.');
    const b = read('[Astana]{country:KZ} and [Almaty]{place}.');
    const r = compareDocuments(a, b);
    assert.deepEqual(r.disagreements.map((d) => d.kind), ['changed', 'only-b']);
  });

  it("Cohen's kappa on a known table", () => {
    // 50 tokens: both X 20, both O 15, A X / B O 5, A O / B X 10 → po 0.7, pe 0.5·0.6 + 0.5·0.4 = 0.5, kappa 0.4
    const k = cohensKappa(new Map([['X\tX', 20], ['O\tO', 15], ['X\tO', 5], ['O\tX', 10]]));
    assert.ok(Math.abs(k - 0.4) < 1e-12, String(k));
  });

  it('pairs unmatched annotations as trying every pair did (random documents, any span order)', () => {
    // random spans over one text, in any order (the index must not rely on pre-order) and in
    // pre-order (as parsed documents give them, where it answers in O(log n))
    const text = 'x'.repeat(40);
    const span = fc.tuple(fc.nat(39), fc.integer({ min: 1, max: 12 }), fc.constantFrom('a', 'b', 'c'), fc.constantFrom('1', '2', undefined)).map(([start, len, type, id]): CorpusSpan => ({ start, end: Math.min(40, start + len), type, id, attributes: [] }));
    const doc = (spans: CorpusSpan[], sorted: boolean): CorpusDocument => ({ text, meta: {}, spans: sorted ? [...spans].sort((x, y) => x.start - y.start || y.end - x.end) : spans });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.array(span, { maxLength: 30 }), fc.boolean(), (sa, sb, sorted) => {
        const a = doc(sa, sorted);
        const b = doc(sb, sorted);
        assert.deepEqual(compareDocuments(a, b).disagreements, pairedByTryingEveryPair(a, b));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(pressDocument, pressDocument, (x, y) => {
        const a = fromPress(x).doc!;
        // the same text, with the other document's spans that fit it
        const b: CorpusDocument = { ...a, spans: fromPress(y).doc!.spans.filter((s) => s.end <= a.text.length) };
        assert.deepEqual(compareDocuments(a, b).disagreements, pairedByTryingEveryPair(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('finds where two texts part', () => {
    assert.equal(firstDifference('abc', 'abc'), -1);
    assert.equal(firstDifference('abc', 'abd'), 2);
    assert.equal(firstDifference('ab', 'abc'), 2);
  });
});

describe('compareTexts (for the editor)', () => {
  it('places each disagreement in the open document: markup for changed and own annotations, words for the other\'s', () => {
    const a = 'In [Astana]{place:G1526273}, Kazakhstan and [Luxembourg]{country:LU} met.\n';
    const b = 'In [Astana]{country:KZ}, [Kazakhstan]{country:KZ} and Luxembourg met.\n';
    const found = compareTexts(a, b).map((d) => [d.kind, a.slice(d.start, d.end), d.message]);
    assert.deepEqual(found, [
      ['changed', '[Astana]{place:G1526273}', 'The other copy has [Astana]{country:KZ} here, not {place:G1526273}.'],
      ['only-b', 'Kazakhstan', 'The other copy annotates this: [Kazakhstan]{country:KZ}.'],
      ['only-a', '[Luxembourg]{country:LU}', 'The other copy does not annotate this ({country:LU}).'],
    ]);
  });

  it('says where the texts part, or that one cannot be read', () => {
    const [d] = compareTexts('One [two]{t} three.', 'One [two]{t} thre.');
    assert.equal(d.kind, 'text-differs');
    assert.equal(d.start, 'One [two]{t} thre'.length);
    assert.equal(compareTexts('x', '[y{t}')[0].kind, 'not-comparable');
  });
});

/** The pairing as it was first written (every free annotation of A against every free one of B): the reference of the property test. */
function pairedByTryingEveryPair(a: CorpusDocument, b: CorpusDocument) {
  const key = (s: CorpusSpan) => `${s.start}\u0000${s.end}\u0000${s.type}\u0000${s.id ?? ''}`;
  const byKey = new Map<string, number[]>();
  a.spans.forEach((s, i) => byKey.set(key(s), [...(byKey.get(key(s)) ?? []), i]));
  const matchedA = new Set<number>();
  const unmatchedB: number[] = [];
  b.spans.forEach((s, j) => {
    const list = byKey.get(key(s));
    if (list && list.length) matchedA.add(list.shift()!);
    else unmatchedB.push(j);
  });
  const unmatchedA = a.spans.map((_, i) => i).filter((i) => !matchedA.has(i));
  const disagreements: Array<{ kind: 'changed' | 'only-a' | 'only-b'; a?: number; b?: number }> = [];
  const freeB = new Set(unmatchedB);
  const freeA = new Set(unmatchedA);
  const overlaps = (x: CorpusSpan, y: CorpusSpan) => x.start < y.end && y.start < x.end;
  const passes: Array<(x: CorpusSpan, y: CorpusSpan) => boolean> = [(x, y) => x.start === y.start && x.end === y.end, (x, y) => overlaps(x, y) && x.type === y.type, overlaps];
  for (const fits of passes) {
    for (const i of [...freeA]) {
      for (const j of freeB) {
        if (fits(a.spans[i], b.spans[j])) {
          disagreements.push({ kind: 'changed', a: i, b: j });
          freeA.delete(i);
          freeB.delete(j);
          break;
        }
      }
    }
  }
  for (const i of freeA) disagreements.push({ kind: 'only-a', a: i });
  for (const j of freeB) disagreements.push({ kind: 'only-b', b: j });
  const at = (d: { a?: number; b?: number }) => (d.a !== undefined ? a.spans[d.a].start : b.spans[d.b!].start);
  disagreements.sort((x, y) => at(x) - at(y) || (x.a ?? -1) - (y.a ?? -1));
  return disagreements;
}
