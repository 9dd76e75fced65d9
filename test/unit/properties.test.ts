/**
 * Properties of every feature over random and hostile documents (fast-check): no exception,
 * every range inside the document and on UTF-16 boundaries, quick-fixes that leave the words
 * alone. `npm test` runs a short run; `node scripts/fuzz.js --runs 100000` runs the long one.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse } from '../../server/src/service/parser';
import { pressDocument } from '../support/arbitraries';
import { checkDocument } from '../support/fuzzCheck';

const RUNS = Number(process.env.PRESSMARK_FUZZ_RUNS ?? 300);

describe('properties over random documents (fast-check)', function () {
  this.timeout(120_000);
  it(`every feature: no exception, ranges inside the document on UTF-16 boundaries (${RUNS} documents)`, () => {
    fc.assert(fc.property(pressDocument, (text) => checkDocument(text)), { numRuns: RUNS, seed: 20221 });
  });
  it('counterexamples found by the long fuzz run stay fixed', () => {
    for (const text of [
      '---\nd[]{[]{}Nur-Sultan[Today]{date:2022-06-29}', // removing `[]{}` let an open spec swallow a word
      '\u1369]{[[Luxembourg]{country:LU}}{set:P1W quant=EVERY}[Kazakhstan]{country:KZ}',
      '---\ndate: \u{10000}date: 2022-06-29\n---\n', // YAML error inside a surrogate pair
      '---\ndate:\n\n[\r\n...\n', // YAML error inside a CRLF
      '[Kazakhstan{set:P1W quant=EVERY}Kazakhstan',
    ]) {
      checkDocument(text);
    }
  });

  it('the parser never throws and its spans nest', () => {
    fc.assert(
      fc.property(pressDocument, (text) => {
        const doc = parse(text);
        for (const a of doc.all) {
          assert.ok(a.span.start <= a.labelSpan.start && a.labelSpan.end <= a.span.end);
          for (const c of a.children) assert.ok(a.labelSpan.start <= c.span.start && c.span.end <= a.labelSpan.end);
        }
      }),
      { numRuns: RUNS * 10, seed: 7 },
    );
  });
});
