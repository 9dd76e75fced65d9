/**
 * The rule families added for issue 15, each case written for this test (not taken from a
 * corpus): ages, signal words, the reporting period of business news, anchors on a time named
 * before, plural weekdays and other sets, fractions, year-end, fiscal years. Every case states the
 * expressions expected in order, with their type and value; offsets are checked as UTF-16.
 */
import * as assert from 'node:assert/strict';
import { findDates } from '../../server/src/service/dates/recognize';
import { validateTimexValue } from '../../server/src/service/dates/timex';

type Exp = [text: string, type: string, value: string, mod?: string];
interface Case { name: string; dct: string; text: string; expected: Exp[] }

const CASES: Case[] = [
  // what is not a time expression
  { name: 'an age is no duration', dct: '2024-03-14', text: 'A 35-year-old engineer and her 3-month-old son, a 6-year-old.', expected: [] },
  { name: 'a capitalised unit after a number is a title', dct: '2024-03-14', text: 'She told the radio show 24 Hours that it lasted 24 hours.', expected: [['24 hours', 'DURATION', 'PT24H']] },
  { name: 'a newspaper named daily', dct: '2024-03-14', text: 'The party daily Pravda wrote it; the ferry runs daily.', expected: [['daily', 'SET', 'P1D']] },
  { name: 'an adjectival quarterly dividend', dct: '2024-03-14', text: 'It raised its quarterly dividend and will report quarterly.', expected: [['quarterly', 'SET', 'P3M']] },
  // signal words decide the direction of a date without a year
  { name: 'since: before the DCT', dct: '2024-03-14', text: 'The ship has been in port since November.', expected: [['November', 'DATE', '2023-11']] },
  { name: 'payable: after the DCT', dct: '2024-11-05', text: 'The board declared a dividend, payable Jan. 10 to holders.', expected: [['Jan. 10', 'DATE', '2025-01-10']] },
  { name: 'until a weekday: after the DCT', dct: '2024-03-14', text: 'The offer was extended until Tuesday.', expected: [['Tuesday', 'DATE', '2024-03-19']] },
  { name: 'by a month: ahead unless the clause is past', dct: '2024-09-20', text: 'The plant should open by February.', expected: [['February', 'DATE', '2025-02']] },
  { name: 'capitalised May is the month, not a modal', dct: '2024-09-20', text: 'In May, the firm sold its stake.', expected: [['May', 'DATE', '2024-05']] },
  // the reporting period: anchored on the quarter named before
  {
    name: 'the quarter, the year-ago quarter and a year earlier',
    dct: '2024-10-24',
    text: 'Net income in the third quarter rose to $5 million from $4 million a year earlier. Sales in the quarter grew, and the year-ago quarter had a charge.',
    expected: [['the third quarter', 'DATE', '2024-Q3'], ['a year earlier', 'DATE', '2023-Q3'], ['the quarter', 'DATE', '2024-Q3'], ['the year-ago quarter', 'DATE', '2023-Q3']],
  },
  { name: 'a year before the ordinal', dct: '2024-10-24', text: 'Profit beat the 2023 fourth quarter and next year\'s first quarter looks weak.', expected: [['the 2023 fourth quarter', 'DATE', '2023-Q4'], ['next year\'s first quarter', 'DATE', '2025-Q1']] },
  {
    name: 'the latest quarter: the last completed one, not a fiscal quarter named before',
    dct: '2024-11-02',
    text: 'Its fiscal fourth quarter ended Sept. 30. Earnings fell in the latest quarter, compared with $6 million a year ago.',
    expected: [['fourth quarter', 'DATE', '2024-Q4'], ['Sept. 30', 'DATE', '2024-09-30'], ['the latest quarter', 'DATE', '2024-Q3'], ['a year ago', 'DATE', '2023-Q3']],
  },
  { name: 'a decade ago: a year ten years back', dct: '1999-03-12', text: 'A decade ago they were Soviet allies, and more than four decades ago the pact began.', expected: [['A decade ago', 'DATE', '1989'], ['more than four decades ago', 'DATE', '1959', 'APPROX']] },
  { name: 'a past quarter not begun this year', dct: '2024-02-02', text: 'The company reported a loss for the fourth quarter.', expected: [['the fourth quarter', 'DATE', '2023-Q4']] },
  { name: 'last year\'s quarter', dct: '2024-10-24', text: 'Sales for last year\'s quarter were lower.', expected: [['last year\'s quarter', 'DATE', '2023-Q3']] },
  { name: 'a fiscal year named by its end', dct: '2024-10-24', text: 'For the year ended June 30, revenue rose.', expected: [['the year', 'DURATION', 'P1Y'], ['June 30', 'DATE', '2024-06-30']] },
  // anchors on a time named before
  { name: 'the following year', dct: '2024-10-24', text: 'He joined in 2009 and the following year he left.', expected: [['2009', 'DATE', '2009'], ['the following year', 'DATE', '2010']] },
  { name: 'the previous month', dct: '2024-10-24', text: 'The plant closed in June 2019; the previous month it had cut jobs.', expected: [['June 2019', 'DATE', '2019-06'], ['the previous month', 'DATE', '2019-05']] },
  { name: 'the full year', dct: '2024-01-30', text: 'It lost money in the fourth quarter of 2023 and for the full year.', expected: [['the fourth quarter of 2023', 'DATE', '2023-Q4'], ['the full year', 'DATE', '2023']] },
  { name: 'a month with its relative year', dct: '2024-10-24', text: 'Talks began in June last year.', expected: [['June last year', 'DATE', '2023-06']] },
  // sets
  { name: 'plural weekdays and parts of days', dct: '2024-03-14', text: 'Flights leave on Mondays and Friday nights.', expected: [['Mondays', 'SET', 'XXXX-WXX-1'], ['Friday nights', 'SET', 'XXXX-WXX-5TNI']] },
  { name: 'each month name, every season', dct: '2024-03-14', text: 'The fair opens each September and closes every winter.', expected: [['each September', 'SET', 'XXXX-09'], ['every winter', 'SET', 'XXXX-WI']] },
  // durations
  { name: 'fractions in whole smaller units', dct: '2024-03-14', text: 'The talks took 3 1/2 hours, the trial a minute and a half, the build two and a half years.', expected: [['3 1/2 hours', 'DURATION', 'PT3H30M'], ['a minute and a half', 'DURATION', 'PT1M30S'], ['two and a half years', 'DURATION', 'P2Y6M']] },
  { name: 'the past decade is a span', dct: '2024-03-14', text: 'Prices rose over the past decade.', expected: [['the past decade', 'DURATION', 'P10Y']] },
  // mods
  { name: 'year-end', dct: '2024-03-14', text: 'The deal should close by year-end.', expected: [['year-end', 'DATE', '2024', 'END']] },
  { name: 'the weekend before a weekday DCT', dct: '2024-03-13', text: 'Talks went on over the weekend.', expected: [['the weekend', 'DATE', '2024-W10-WE']] },
];

describe('dates: rule families (issue 15)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const found = findDates(c.text, c.dct);
      const got = found.map((f) => [f.text, f.type, f.value, f.mod].filter((x) => x !== undefined));
      assert.deepEqual(got, c.expected.map((e) => e.filter((x) => x !== undefined)));
      for (const f of found) {
        assert.equal(c.text.slice(f.start, f.end), f.text);
        assert.deepEqual(validateTimexValue(f.type.toLowerCase(), f.value), { ok: true }, `${f.type} ${f.value}`);
      }
    });
  }

  it('keeps UTF-16 offsets before Cyrillic, emoji and CRLF text', () => {
    const text = 'Привет 👋🏽\r\nNet income in the third quarter rose from $4 million a year earlier.\r\n';
    const found = findDates(text, '2024-10-24');
    assert.deepEqual(found.map((f) => [f.text, f.value]), [['the third quarter', '2024-Q3'], ['a year earlier', '2023-Q3']]);
    for (const f of found) assert.equal(text.slice(f.start, f.end), f.text);
  });

  it('without a publication date the anchors give no calendar guess', () => {
    const found = findDates('Sales in the quarter fell, from a year earlier.', undefined);
    assert.deepEqual(found.map((f) => [f.text, f.value]), [['the quarter', 'XXXX-QX'], ['a year earlier', 'XXXX']]);
  });
});
