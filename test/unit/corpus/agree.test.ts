/** Agreement: exact matches per type, kappa over tokens, one disagreement per changed annotation. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cohensKappa, compareDocuments, compareTexts, firstDifference, prf } from '../../../server/src/service/corpus/agree';
import { fromPress, type CorpusDocument } from '../../../server/src/service/corpus/document';

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
