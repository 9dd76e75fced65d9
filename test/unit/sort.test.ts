/** sortInPlace: a stable sort in place that leaves a list already in order as it is (no copy). */
import * as assert from 'node:assert/strict';
import { sortInPlace } from '../../server/src/service/sort';

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

describe('sortInPlace', () => {
  const cases: Array<{ name: string; starts: number[] }> = [
    { name: 'empty', starts: [] },
    { name: 'one item', starts: [3] },
    { name: 'in order, with equal keys', starts: [1, 2, 2, 5] },
    { name: 'out of order at the end', starts: [1, 2, 7, 3] },
    { name: 'reversed, with equal keys', starts: [9, 4, 4, 1] },
  ];
  for (const c of cases) {
    it(`gives what a stable Array.prototype.sort gives, in the same array: ${c.name}`, () => {
      const items = c.starts.map((start, i) => ({ start, i }));
      const expected = items.slice().sort(byStart);
      const list = items.slice();
      assert.equal(sortInPlace(list, byStart), list);
      assert.deepEqual(list, expected);
    });
  }
});
