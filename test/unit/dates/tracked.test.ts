/**
 * normalizeTracked: `usedContext` false must mean the value is the same in any context (the
 * date check then keeps the value by label and publication date alone).
 */
import * as assert from 'node:assert/strict';
import { normalize, normalizeTracked } from '../../../server/src/service/dates/normalize';

const LABELS = [
  '29 June 2022', 'today', 'in 2015', '2015', 'Friday', 'last Friday', 'May', 'in May', 'June 29', 'next year', 'the past three decades',
  'three days', 'two weeks ago', 'every week', 'the first half of 2022', 'recent', 'now', 'soon', 'one day', 'the 1990s', 'Q3',
  '18:00 UTC', 'this morning', '30 years', 'a year', 'March', '29 июня 2022 года', 'в 2015 году', 'вчера', 'on Monday', 'later this year',
];
const CONTEXTS = [
  { before: '', after: '' },
  { before: 'The talks were held on', after: 'and ended.' },
  { before: 'The summit will open', after: 'in the capital.' },
  { before: 'Flight', after: 'landed.' },
  { before: 'He paid $', after: 'for it.' },
  { before: 'No.', after: ' of the series' },
  { before: 'Cars sold: 1,000', after: ' ago' },
  { before: 'It will happen', after: '-long' },
];

describe('normalizeTracked: a value that read no context is the same in every context', () => {
  for (const label of LABELS) {
    it(label, () => {
      for (const dct of ['2022-06-29', '2019-12-31']) {
        for (const ctx of CONTEXTS) {
          const { value, usedContext } = normalizeTracked(label, dct, ctx);
          assert.deepEqual(value, normalize(label, dct, ctx));
          if (!usedContext) for (const other of CONTEXTS) assert.deepEqual(normalize(label, dct, other), value, `${label} in ${JSON.stringify(other)}`);
        }
      }
    });
  }
  it('a weekday reads its context (tense decides the week)', () => {
    assert.equal(normalizeTracked('Friday', '2022-06-29', CONTEXTS[1]).usedContext, true);
  });
  it('a full date does not', () => {
    assert.equal(normalizeTracked('29 June 2022', '2022-06-29', CONTEXTS[1]).usedContext, false);
  });
});
