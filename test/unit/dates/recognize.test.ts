import * as assert from 'node:assert/strict';
import { findDates, findDatesUnfiltered, FoundDate } from '../../../server/src/service/dates/recognize';
import { validateTimexValue } from '../../../server/src/service/dates/timex';

const SEED =
  'Today, on 29 June 2022, Kazakhstan and Luxembourg commemorate the 30th anniversary of diplomatic relations. ' +
  'Over the past three decades, the two countries have built a close partnership, marked by visits of the Grand Duke ' +
  'to Kazakhstan in 2015 and 2017. In 2020, events were held online.';

type Exp = [text: string, type: string, value: string, mod?: string];

/** Checks found expressions against expected ones, in order, with exact UTF-16 offsets. */
function check(text: string, dct: string | undefined, expected: Exp[]): FoundDate[] {
  const found = findDates(text, dct);
  const got = found.map((f) => [f.text, f.type, f.value, f.mod].filter((x) => x !== undefined));
  assert.deepEqual(got, expected.map((e) => e.filter((x) => x !== undefined)));
  let from = 0;
  for (const f of found) {
    assert.equal(text.slice(f.start, f.end), f.text, 'offsets are UTF-16 offsets of the text');
    const at = text.indexOf(f.text, from);
    assert.equal(f.start, at, `start of ${f.text}`);
    from = f.start + 1;
    assert.deepEqual(validateTimexValue(f.type, f.value), { ok: true }, `${f.type} ${f.value}`);
  }
  return found;
}

describe('dates/recognize: seed sentence', () => {
  it('finds the six expressions with TIMEX3 extents', () => {
    check(SEED, '2022-06-29', [
      ['Today', 'DATE', '2022-06-29'],
      ['29 June 2022', 'DATE', '2022-06-29'],
      ['the past three decades', 'DURATION', 'P30Y'],
      ['2015', 'DATE', '2015'],
      ['2017', 'DATE', '2017'],
      ['2020', 'DATE', '2020'],
    ]);
  });
  it('keeps exact UTF-16 offsets with Cyrillic and emoji around', () => {
    const text = '🇰🇿🎉 Астана, 🇱🇺 — ' + SEED + ' 👍🏽 Казахстан и Люксембург.';
    const found = check(text, '2022-06-29', [
      ['Today', 'DATE', '2022-06-29'],
      ['29 June 2022', 'DATE', '2022-06-29'],
      ['the past three decades', 'DURATION', 'P30Y'],
      ['2015', 'DATE', '2015'],
      ['2017', 'DATE', '2017'],
      ['2020', 'DATE', '2020'],
    ]);
    // the emoji flags are surrogate pairs: UTF-16 offsets differ from code point offsets
    assert.equal(found[0].start, text.indexOf('Today'));
    assert.notEqual(found[0].start, [...text.slice(0, found[0].start)].length);
  });
});

const CASES: Array<{ name: string; text: string; dct?: string; expect: Exp[] }> = [
  {
    name: 'dateline and weekday in past-tense news',
    text: 'Airbus wins order\nMarch 19, 2007\nThe aircraft landed on Monday after a test flight, the company said Friday.',
    dct: '2007-03-19',
    expect: [['March 19, 2007', 'DATE', '2007-03-19'], ['Monday', 'DATE', '2007-03-19'], ['Friday', 'DATE', '2007-03-16']],
  },
  {
    name: 'lists and ranges of years',
    text: 'It will receive aircraft from 2009 to 2011, then between 2014 and 2016, as in 1998, 1999 and 2001.',
    dct: '2007-06-09',
    expect: [
      ['from 2009 to 2011', 'DURATION', 'P2Y'], ['2009', 'DATE', '2009'], ['2011', 'DATE', '2011'],
      ['between 2014 and 2016', 'DURATION', 'P2Y'], ['2014', 'DATE', '2014'], ['2016', 'DATE', '2016'],
      ['1998', 'DATE', '1998'], ['1999', 'DATE', '1999'], ['2001', 'DATE', '2001'],
    ],
  },
  {
    name: 'no leading prepositions, quarters, relative units',
    text: 'Profit rose in the fourth quarter of 2005 and during the first half of 2006, but fell last year and since last month.',
    dct: '2006-08-19',
    expect: [
      ['the fourth quarter of 2005', 'DATE', '2005-Q4'], ['the first half of 2006', 'DATE', '2006-H1'],
      ['last year', 'DATE', '2005'], ['last month', 'DATE', '2006-07'],
    ],
  },
  {
    name: 'numbers that are not years',
    text: 'It bought 2000 cars for $2010 million, flight 2009 left, and 1,999 people and 2015% more; the A380 and 787 too.',
    dct: '2010-01-01',
    expect: [],
  },
  {
    name: 'durations and adjectival durations',
    text: 'After a 12-hour flight and almost two and a half years of delays, it has taken several years and 18 months.',
    dct: '2009-12-16',
    expect: [
      ['12-hour', 'DURATION', 'PT12H'], ['almost two and a half years', 'DURATION', 'P2Y6M', 'LESS_THAN'],
      ['several years', 'DURATION', 'PXY'], ['18 months', 'DURATION', 'P18M'],
    ],
  },
  {
    name: 'bounds: up to, no more than, not less than (TIMEX3 mods EQUAL_OR_LESS, EQUAL_OR_MORE)',
    text: 'The law allows up to 180 days of talks, no more than sixty days of strikes and not less than five years in office.',
    dct: '1990-08-15',
    expect: [
      ['up to 180 days', 'DURATION', 'P180D', 'EQUAL_OR_LESS'], ['no more than sixty days', 'DURATION', 'P60D', 'EQUAL_OR_LESS'],
      ['not less than five years', 'DURATION', 'P5Y', 'EQUAL_OR_MORE'],
    ],
  },
  {
    // TimeML: a range of amounts is one duration; "between" and "from" make two (both corpora)
    name: 'durations: a half after the unit, ranges of amounts, the determiner, over as a preposition',
    text: 'An hour and a half later, shipments resumed within two to three weeks, not between 60 and 90 days. ' +
      'For the nine months, the $40 million can be used over three years; the tour will last over a week.',
    dct: '1989-10-30',
    expect: [
      ['An hour and a half', 'DURATION', 'PT1H30M'], ['two to three weeks', 'DURATION', 'PXW'],
      ['60', 'DURATION', 'P60D'], ['90 days', 'DURATION', 'P90D'], ['the nine months', 'DURATION', 'P9M'],
      ['three years', 'DURATION', 'P3Y'], ['over a week', 'DURATION', 'P1W', 'MORE_THAN'],
    ],
  },
  {
    name: 'a year before a period noun is the period of that year; the first two quarters of a year are its first half',
    text: 'Net rose in the third quarter, from $376,000 in the 1988 quarter. Sales will fall through the first two quarters of 1990, ' +
      'not the first three quarters of 1991.',
    dct: '1989-10-30',
    expect: [
      ['the third quarter', 'DATE', '1989-Q3'], ['the 1988 quarter', 'DATE', '1988-Q3'],
      ['the first two quarters of 1990', 'DATE', '1990-H1'], ['the first three quarters', 'DURATION', 'P9M'], ['1991', 'DATE', '1991'],
    ],
  },
  {
    // "a year-earlier loss": the compound is the expression, not "a year"; an age is not marked
    name: 'a unit in a hyphen compound is no amount of time: "a year-earlier loss", "a week-old truce", "two year-old bonds"',
    text: 'Net was $5 million in the third quarter, compared with a year-earlier loss of $6.2 million and a year-ago ' +
      'profit. A week-old truce held; two year-old bonds fell; a day-long strike ended.',
    dct: '1989-10-30',
    expect: [
      ['the third quarter', 'DATE', '1989-Q3'], ['year-earlier', 'DATE', '1988-Q3'], ['year-ago', 'DATE', '1988-Q3'],
      ['a day', 'DURATION', 'P1D'],
    ],
  },
  {
    name: 'durations: a bound before the determiner, or so, a span of time as the noun; "a" is no amount of a plural',
    text: 'Prices fell for at least the past 18 months, and will rise over the next two years or so, over a three-year ' +
      'period. It ended a years-old slump.',
    dct: '1989-10-30',
    expect: [
      ['at least the past 18 months', 'DURATION', 'P18M', 'EQUAL_OR_MORE'], ['the next two years or so', 'DURATION', 'P2Y', 'APPROX'],
      ['a three-year period', 'DURATION', 'P3Y'],
    ],
  },
  {
    name: 'durations: an additional year, several quarters of losses; three quarters of the vote is a fraction',
    text: 'The loan may be extended for an additional year. It earned money after several quarters of losses, and won three quarters of the vote.',
    dct: '1989-11-02',
    expect: [['an additional year', 'DURATION', 'P1Y'], ['several quarters', 'DURATION', 'PXQ']],
  },
  {
    name: 'times with zones and a weekday',
    text: 'GM filed at 12:00 UTC Monday. The first flight took off Tuesday at 18:00 UTC, and landed at 3 p.m.',
    dct: '2009-06-03',
    expect: [
      ['12:00 UTC Monday', 'TIME', '2009-06-01T12:00Z'], ['Tuesday', 'DATE', '2009-06-02'],
      ['18:00 UTC', 'TIME', '2009-06-02T18:00Z'], ['3 p.m.', 'TIME', '2009-06-02T15:00'],
    ],
  },
  {
    // the day of a clock time from a time that names its day in the same sentence
    name: 'times: a clock time takes the day of a time beside it',
    text: "''The father will leave at 4 in the morning (4 a.m. EDT Thursday),'' Castro said.",
    dct: '2000-04-05',
    expect: [['4 in the morning', 'TIME', '2000-04-06T04:00'], ['4 a.m. EDT Thursday', 'TIME', '2000-04-06T04:00-04:00']],
  },
  {
    // TimeML: a time of day without its date takes the reference time of the narrative, the last
    // date mentioned before it (its paragraph or the one before) when its clause narrates that day
    name: 'times: a clock time takes the day the narrative speaks of',
    text: 'The rifle was discovered April 8 behind the house.\n\nA jogger spotted his car at 6 a.m. near the house.',
    dct: '1999-04-19',
    expect: [['April 8', 'DATE', '1999-04-08'], ['6 a.m.', 'TIME', '1999-04-08T06:00']],
  },
  {
    // not a day the clause does not narrate (a past day, a clause about the future), nor a date
    // several paragraphs back: the DCT reading stays
    name: 'times: no narrative anchor across tenses or paragraphs',
    text: 'The rifle was discovered April 8 behind the house.\n\nThe jury will meet at 10 a.m.\n\nNone was found.\n\nHe was shot at 10 p.m. in his kitchen.',
    dct: '1999-04-19',
    expect: [['April 8', 'DATE', '1999-04-08'], ['10 a.m.', 'TIME', '1999-04-19T10:00'], ['10 p.m.', 'TIME', '1999-04-19T22:00']],
  },
  {
    name: 'times: the part of a part of the day, not an adjective ("late-night shows")',
    text: 'In London at mid-afternoon yesterday, shares rose. He watched late-night shows in the early morning. By midmorning Tuesday they had left.',
    dct: '1989-11-02',
    expect: [
      ['mid-afternoon yesterday', 'TIME', '1989-11-01TAF', 'MID'], ['early morning', 'TIME', '1989-11-02TMO', 'START'],
      ['midmorning Tuesday', 'TIME', '1989-10-31TMO', 'MID'],
    ],
  },
  {
    name: 'sets and modifiers',
    text: 'Output of 15 a year, meetings twice a month and reports every week until mid-July and early 2023.',
    dct: '2022-06-29',
    expect: [
      ['a year', 'SET', 'P1Y'], ['twice a month', 'SET', 'P1M'], ['every week', 'SET', 'P1W'],
      ['mid-July', 'DATE', '2022-07', 'MID'], ['early 2023', 'DATE', '2023', 'START'],
    ],
  },
  {
    name: 'possessive and references',
    text: "Friday's vote was recent history; the future is bright and the 70s are over. Now it is done.",
    dct: '2009-05-15',
    expect: [
      ['Friday', 'DATE', '2009-05-15'], ['recent history', 'DATE', 'PAST_REF'], ['the future', 'DATE', 'FUTURE_REF'],
      ['70s', 'DATE', '197'], ['Now', 'DATE', 'PRESENT_REF'],
    ],
  },
  {
    name: 'the modal may and the verb march are not months',
    text: 'Prices may rise. Workers march on Washington. In May, prices rose.',
    dct: '2022-06-29',
    expect: [['May', 'DATE', '2022-05']],
  },
  {
    name: 'Russian',
    text: 'Сегодня, 29 июня 2022 года, 🇰🇿 Казахстан и Люксембург отмечают 30 лет отношений. В 2015 году был визит.',
    dct: '2022-06-29',
    expect: [
      ['Сегодня', 'DATE', '2022-06-29'], ['29 июня 2022 года', 'DATE', '2022-06-29'], ['30 лет', 'DURATION', 'P30Y'],
      ['2015 году', 'DATE', '2015'],
    ],
  },
  {
    // TIDES 2005 3.2.1: prepositions and subordinating conjunctions are not markable; an adjective
    // of another noun is not a time; "currently" is PRESENT_REF like "now"
    name: 'conjunctions, adjectives and idioms are not times; currently is',
    text: 'They may leave as soon as Tuesday, pay as soon as possible and go as soon as he arrives. He died soon after, ' +
      'in the long-term lot; in the long term, at high noon. Montedison currently owns 72%.',
    dct: '1989-10-30',
    expect: [
      ['Tuesday', 'DATE', '1989-10-31'], ['as soon as possible', 'DATE', 'FUTURE_REF'], ['the long term', 'DATE', 'FUTURE_REF'],
      ['currently', 'DATE', 'PRESENT_REF'],
    ],
  },
  {
    name: 'spoken years, decades in words, the reporting year and week, a clock time by the part of the day',
    text: 'In nineteen ninety-one he was convicted; through the nineties and by the year two thousand, people in their ' +
      'forties. For the year, volume was flat; for the week, the index fell by the end of the month. He will leave at ' +
      '4 in the morning. Flights leave on Monday and Tuesday nights.',
    dct: '1998-01-15',
    expect: [
      ['nineteen ninety-one', 'DATE', '1991'], ['the nineties', 'DATE', '199'], ['the year two thousand', 'DATE', '2000'],
      ['the year', 'DATE', '1998'], ['the week', 'DATE', '1998-W03'], ['the end of the month', 'DATE', '1998-01', 'END'],
      ['4 in the morning', 'TIME', '1998-01-15T04:00'], ['Monday', 'SET', 'XXXX-WXX-1TNI'], ['Tuesday nights', 'SET', 'XXXX-WXX-2TNI'],
    ],
  },
  {
    // TimeML 1.2.1 §2.3 (anchorTimeID): an anaphoric expression is valued from the last date the
    // text mentions, at that date's precision ("that same day" of a month: YYYY-MM-XX)
    name: 'anaphoric days and years anchor on the last date mentioned, not the DCT',
    text: 'He fled to Florida in June 1998 and returned to Cuba later that year. Imports totaled $37 million in 1988, ' +
      'a small share of imports that year. Slepian was killed on Oct. 23, 1998. Earlier that day, the family sent a fax; ' +
      'the next morning police came and that night they left. Three days later the FBI joined. Doctors were killed, most ' +
      'recently last October. His name was crossed out that same day. Stocks closed lower Friday, down 4.5% from the ' +
      'previous Friday. A day earlier, trucks came. She left later in the day before returning home. The day before ' +
      "last Tuesday's hearing, he went home. Today is the eighth day of the operation.",
    dct: '2000-01-28',
    expect: [
      ['June 1998', 'DATE', '1998-06'], ['later that year', 'DATE', '1998'], ['1988', 'DATE', '1988'],
      ['that year', 'DATE', '1988'], ['Oct. 23, 1998', 'DATE', '1998-10-23'], ['Earlier that day', 'DATE', '1998-10-23'],
      ['the next morning', 'TIME', '1998-10-24TMO'], ['that night', 'TIME', '1998-10-24TNI'],
      ['Three days later', 'DATE', '1998-10-27'], ['recently', 'DATE', 'PAST_REF'], ['last October', 'DATE', '1999-10'],
      ['that same day', 'DATE', '1999-10-XX'], ['Friday', 'DATE', '2000-01-28'], ['the previous Friday', 'DATE', '2000-01-21'],
      ['A day earlier', 'DATE', '2000-01-20'], ['The day before last Tuesday', 'DATE', '2000-01-24'],
      ['Today', 'DATE', '2000-01-28'], ['the eighth day', 'DATE', '2000-01-28'],
    ],
  },
  {
    // "by that time" is the date spoken of; "at the same time" is a connective and "during that
    // time" the span of a period (TimeBank: a duration), neither is that date
    name: 'by that time is the last date mentioned; at the same time and during that time are not',
    text: 'The deal will be finalized by June 10. If no price is agreed by that time, Fiat will pay. At the same time, ' +
      'talks go on. During that time, it lost money.',
    dct: '2011-05-29',
    expect: [['June 10', 'DATE', '2011-06-10'], ['that time', 'DATE', '2011-06-10']],
  },
  {
    // TIDES 2005 3.2.3: a day word or "this week" inside a name is not markable
    name: 'names of programs and papers are not times: USA Today, "This Week"',
    text: 'Today, he said, the talks resume this week. This is VOA Today. Baker said on ABC\'s "This Week With David ' +
      'Brinkley" that he read USA Today.',
    dct: '1991-02-25',
    expect: [['Today', 'DATE', '1991-02-25'], ['this week', 'DATE', '1991-W09']],
  },
  {
    name: 'without a publication date',
    text: 'The plant opened last year, on 3 May 2019.',
    expect: [['last year', 'DATE', 'XXXX'], ['3 May 2019', 'DATE', '2019-05-03']],
  },
];

describe('dates/recognize: extents and values', () => {
  for (const c of CASES) it(c.name, () => check(c.text, c.dct, c.expect));
});

describe('dates/recognize: robustness and speed', () => {
  it('the prefilter loses nothing compared with trying every rule at every word', () => {
    for (const c of CASES) assert.deepEqual(findDates(c.text, c.dct), findDatesUnfiltered(c.text, c.dct), c.name);
    assert.deepEqual(findDates(SEED, '2022-06-29'), findDatesUnfiltered(SEED, '2022-06-29'));
  });
  it('never throws and returns [] on empty or junk input', () => {
    assert.deepEqual(findDates(''), []);
    for (const t of [undefined, null, 5, {}] as unknown[]) assert.deepEqual(findDates(t as string), []);
    findDates('\uD800\uDC00\uD800 2015 \uDFFF', 'not-a-date');
  });
  it('scans adversarial text: every repetition found alike (its linear time is measured by npm run bench)', () => {
    // long runs of digits, determiners and near-misses
    const chunks = [
      '1'.repeat(5000), ' the the the '.repeat(500), ' a a a '.repeat(500), ' 12 12 12 '.repeat(500),
      ' June June June '.repeat(300), ' the past the past '.repeat(300), ' 2015-2016-2017-'.repeat(300),
      ' early early mid- '.repeat(300), ' 10:00 10:00 '.repeat(300),
    ].join(' ') + ' ';
    const one = findDates(chunks, '2022-06-29');
    const eight = findDates(chunks.repeat(8), '2022-06-29');
    assert.ok(one.length > 0);
    assert.equal(eight.length, 8 * one.length);
    for (let k = 0; k < 8; k++) {
      for (let i = 0; i < one.length; i++) {
        const e = eight[k * one.length + i];
        assert.deepEqual({ ...e, start: e.start - k * chunks.length, end: e.end - k * chunks.length }, one[i]);
      }
    }
  });
  it('finds the expressions of a megabyte of news text (its speed is measured by npm run bench)', () => {
    const para = SEED + ' Sales rose 43% in February compared to the same period last year, GM said on Tuesday. ' +
      'The firm, founded in 1908, plans to cut 2,000 jobs by the end of 2009 and will report results next week. ';
    const text = para.repeat(Math.ceil(1e6 / para.length));
    const found = findDates(text, '2009-03-03');
    assert.ok(found.length > 1000);
    assert.deepEqual(found.slice(0, 5), findDates(para, '2009-03-03').slice(0, 5));
  });
});
