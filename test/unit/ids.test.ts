/** The id syntax: one definition for the parser, rename, the knowledge-base writer and the importers. */
import * as assert from 'node:assert/strict';
import { idProblem, isValidId } from '../../server/src/service/ids';

describe('id syntax', () => {
  const valid = ['KZ', 'OSCE-PA', 'G1526273', 'xavier-bettel', '2022-06-29T10:30:00+06:00', 'P30Y', 'XXXX-WXX-1', "o'brien", '*bob', '&bob', '!bob', '|bob', '@bob', '%bob', 'Қазақстан', '🇰🇿', 'a:b'];
  for (const id of valid) it(`accepts ${JSON.stringify(id)}`, () => assert.equal(isValidId(id), true, idProblem(id)));
  const invalid: Array<[string, RegExp]> = [
    ['', /empty/],
    ['a"', /`"`/],
    ['b=ob', /`=`/],
    ['a b', /U\+0020/],
    ['a\u00a0b', /U\+00A0/],
    ['a\tb', /U\+0009/],
    ['a\u2028b', /U\+2028/],
    ['a}b', /`}`/],
    ['a[b', /`\[`/],
    ['a\\b', /`\\`/],
    ['a\u0000b', /U\+0000/],
  ];
  for (const [id, why] of invalid) {
    it(`refuses ${JSON.stringify(id)} and says why`, () => {
      assert.equal(isValidId(id), false);
      assert.match(idProblem(id) ?? '', why);
    });
  }
});
