/** Matching the user's rejections (mentions/rejections.ts): case and white space folded, `as`, `in`. */
import * as assert from 'node:assert/strict';
import { compileRejections, isRejected, rejectionOf } from '../../../server/src/service/mentions/rejections';
import type { Rejection } from '../../../server/src/service/mentions/candidate';

const LIST: Rejection[] = [
  { text: 'Commonwealth', as: 'org:COMMONWEALTH' },
  { text: 'Georgia', as: 'country' },
  { text: 'Mobile World  Congress' },
  { text: 'Astana', as: 'place:G1526273', in: 'news/2022/a.press' },
  { text: 'Côte d’Ivoire', as: 'country:CI' },
];

const CASES: Array<[text: string, type: string, id: string, path: string | undefined, rejected: boolean]> = [
  ['Commonwealth', 'org', 'COMMONWEALTH', undefined, true],
  ['COMMONWEALTH', 'org', 'COMMONWEALTH', undefined, true],
  ['commonwealth', 'org', 'COMMONWEALTH', 'x.press', true],
  ['Commonwealth', 'org', 'OTHER', undefined, false],
  ['Commonwealth', 'place', 'COMMONWEALTH', undefined, false],
  ['Commonwealth Games', 'org', 'COMMONWEALTH', undefined, false],
  ['Georgia', 'country', 'GE', undefined, true],
  ['Georgia', 'place', 'G4197000', undefined, false],
  ['Mobile World Congress', 'org', '', undefined, true],
  ['mobile\nworld\tcongress', 'event', 'mwc', undefined, true],
  ['Mobile Congress', 'org', '', undefined, false],
  ['Astana', 'place', 'G1526273', 'news/2022/a.press', true],
  ['Astana', 'place', 'G1526273', 'news/2022/b.press', false],
  ['Astana', 'place', 'G1526273', undefined, false],
  ['Cote d\'Ivoire', 'country', 'CI', undefined, true],
  ['CÔTE D’IVOIRE', 'country', 'CI', undefined, true],
];

describe('mentions/rejections', () => {
  for (const [text, type, id, path, rejected] of CASES) {
    it(`${JSON.stringify(text)} as ${type}:${id}${path ? ` in ${path}` : ''}: ${rejected ? 'rejected' : 'kept'}`, () => {
      assert.equal(isRejected(LIST, text, type, id, path), rejected);
      assert.equal(isRejected(compileRejections(LIST), text, type, id, path), rejected);
    });
  }
  it('says which rejection applies', () => {
    assert.equal(rejectionOf(LIST, 'GEORGIA', 'country', 'GE'), LIST[1]);
  });
  it('compiles once per list, knows when the path matters', () => {
    assert.equal(compileRejections(LIST), compileRejections(LIST));
    assert.equal(compileRejections(LIST).scoped, true);
    assert.equal(compileRejections(LIST.slice(0, 2)).scoped, false);
  });
  it('odd input: nothing rejected, nothing thrown', () => {
    const odd = [null, { text: 3 }, { text: '' }, { text: '  ' }, { text: 'x', as: 5 }] as unknown as Rejection[];
    assert.equal(isRejected(odd, 'x', 'org', ''), true); // `as` not a string: any reading
    assert.equal(isRejected(odd, '', 'org', ''), false);
    assert.equal(isRejected(undefined, 'x', 'org', ''), false);
    assert.equal(isRejected([], 'x', 'org', ''), false);
    assert.equal(isRejected(LIST, undefined as unknown as string, 'org', ''), false);
  });
});
