import * as assert from 'node:assert/strict';
import { agreement, durationAmount, valueDays } from '../../../server/src/service/dates/agreement';
import { dayNumber } from '../../../server/src/service/dates/timex';

// [annotated, reading, label, dct, the convention that accepts it or undefined: a mismatch]
type Row = [annotated: string, reading: string, label: string, dct: string, expect: string | undefined];

const ROWS: Row[] = [
  ['2022-06-29', '2022-06-29', 'today', '2022-06-29', 'equal'],
  ['PRESENT_REF', '2022-06-29', 'today', '2022-06-29', 'present ref'],
  ['PRESENT_REF', '2022-06-28', 'yesterday', '2022-06-29', undefined],
  ['2022-Q4', '2022', 'later this year', '2022-06-29', 'vague inside'],
  // times
  ['1989-11-06T17', '1989-11-06T17:00-05:00', '5 p.m. EST, Nov. 6', '1989-10-30', 'time spelling'],
  ['1989-11-09T17:00', '1989-11-09T17:00-05:00', '5 p.m. EST Nov. 9', '1989-11-02', 'time spelling'],
  ['1989-11-09T18:00', '1989-11-09T17:00-05:00', '5 p.m. EST Nov. 9', '1989-11-02', undefined],
  ['1989-11-09T17:00+01:00', '1989-11-09T17:00-05:00', '5 p.m. EST Nov. 9', '1989-11-02', undefined],
  // durations in other units
  ['P2Q', 'P6M', 'the past two quarters', '1989-10-27', 'same length'],
  ['P1Q', 'P3M', 'every quarter', '1989-10-30', 'same length'],
  ['P2.5Y', 'P2Y6M', 'almost two and a half years', '2009-12-16', 'same length'],
  ['P1D', 'PT24H', 'the last twenty four hours', '1998-01-08', 'same length'],
  // TimeBank's decade, century and millennium letters (E, C, L) and the TIDES tokens (DE, CE, ML)
  ['P1E', 'P10Y', 'about a decade', '1989-10-26', 'same length'],
  ['P2L', 'P2000Y', 'more than two thousand years', '1998-01-21', 'same length'],
  ['PXC', 'PXCE', 'centuries', '1998-01-21', 'unknown amount'],
  ['P1E', 'P1Y', 'about a decade', '1989-10-26', undefined],
  ['P6D', 'P6M', 'six months', '2000-06-01', undefined],
  ['P12Y', 'P13Y', '13 years', '1998-09-07', undefined],
  ['PXY', 'P10Y', 'less than a decade', '1999-03-12', 'unknown amount'],
  ['PXD', 'P10Y', 'less than a decade', '1999-03-12', undefined],
  // sets
  ['XXXX', 'P1Y', 'annually', '1989-10-27', 'set spelling'],
  ['XXXX-XX-XX', 'P1D', 'daily', '1998-03-06', 'set spelling'],
  ['XXXX-XX', 'P1D', 'daily', '1998-03-06', undefined],
  // unknown parts
  ['1949-XX', '1949', '1949', '1999-03-12', 'unknown parts'],
  ['1997-XX-XX', '1997', '1997', '1999-04-19', 'unknown parts'],
  ['199X', '199', 'the 1990s', '2000-02-24', 'unknown parts'],
  ['19XX', '19', 'the 20th century', '1989-11-01', 'unknown parts'],
  ['1989-WXX', '1989-W43', 'last week', '1989-11-01', 'unknown parts'],
  ['1998-12-XX', '1998-W49', 'early this week', '1998-12-05', 'unknown parts'],
  ['1988-QX', '1988', 'a year ago', '1989-10-26', 'unknown parts'],
  ['1950-XX', '1949', '1949', '1999-03-12', undefined],
  // granularity of relative expressions
  ['1988-Q3', '1988', 'a year ago', '1989-11-02', 'relative granularity'],
  ['1988-10-26', '1988', 'a year ago', '1989-10-26', 'relative granularity'],
  ['1998-11-03', '1998-W45', 'next week', '1998-10-26', 'relative granularity'],
  ['1998-11', '1998-W46', 'last week', '1998-11-21', 'relative granularity'],
  ['1987-Q3', '1988', 'a year ago', '1989-11-02', undefined],
  ['1992-10-02', '1992', '1992', '1998-10-25', undefined],
  ['2022-06-29', '2022', '2022', '2022-06-29', undefined],
  // weeks on a Sunday
  ['1998-W12', '1998-W11', 'last week', '1998-03-22', 'sunday week'],
  ['1998-W12', '1998-W11', 'last week', '1998-03-21', undefined],
  // weekdays: that weekday, on the side of the DCT the reading is on
  ['1990-08-07', '1990-08-14', 'Tuesday', '1990-08-15', 'weekday anchor'],
  ['1989-10-20', '1989-10-27', 'the previous Friday', '1989-10-30', 'weekday anchor'],
  ['1998-02-22', '1998-03-22', 'Sunday', '1998-03-22', 'weekday anchor'],
  ['2022-07-01', '2022-06-24', 'on Friday', '2022-06-29', undefined],
  ['1999-02-09', '1999-02-10', 'Wednesday', '1999-02-10', undefined],
  ['1990-08-09', '1990-08-16', 'Thursday', '1990-08-15', undefined],
  // the year of a month or season without one
  ['1990-01', '1989-01', 'January', '1989-11-02', 'year of a month'],
  ['1989-10-19', '1990-10-19', 'Oct. 19', '1989-10-27', 'year of a month'],
  ['1988-SP', '1989-SP', 'last spring', '1989-10-26', 'year of a month'],
  ['1997-06', '1997-07', 'July last year', '1998-02-19', undefined],
  ['1998', '1988', '1988', '1989-11-02', undefined],
  ['1991-01', '1989-01', 'January', '1989-11-02', undefined],
];

describe('dates/agreement: annotated values that agree with the reading', () => {
  for (const [a, r, l, dct, expect] of ROWS) {
    it(`${JSON.stringify(l)} {${a}} read as ${r} (DCT ${dct}): ${expect ?? 'a mismatch'}`, () => {
      assert.equal(agreement(a, r, l, dct), expect);
    });
  }
  it('valueDays: unknown trailing parts drop, periods cover their days', () => {
    assert.deepEqual(valueDays('1949-XX'), valueDays('1949'));
    assert.deepEqual(valueDays('1998-Q1'), { from: dayNumber(1998, 1, 1), to: dayNumber(1998, 3, 31) });
    assert.deepEqual(valueDays('199X'), { from: dayNumber(1990, 1, 1), to: dayNumber(1999, 12, 31) });
    assert.equal(valueDays('PRESENT_REF'), undefined);
  });
  it('durationAmount: months and seconds', () => {
    assert.deepEqual(durationAmount('P1Y2Q1M'), { months: 19, seconds: 0 });
    assert.deepEqual(durationAmount('P1WT2H'), { months: 0, seconds: 7 * 86400 + 7200 });
    assert.equal(durationAmount('P'), undefined);
    assert.equal(durationAmount('PXY'), undefined);
  });
});
