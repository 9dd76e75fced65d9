import * as assert from 'node:assert/strict';
import { normalize, guessTense } from '../../../server/src/service/dates/normalize';
import { tailForTest } from '../../../server/src/service/dates/words';
import { validateTimexValue } from '../../../server/src/service/dates/timex';
import { rng } from '../../support/rng';

type Row = [expr: string, expect: { type: string; value: string; mod?: string; quant?: string; freq?: string; confident?: boolean }, ctx?: { before?: string; after?: string }, dct?: string];

// DCT 2022-06-29 is a Wednesday (ISO week 26) unless a row says otherwise.
const DCT = '2022-06-29';
const ROWS: Row[] = [
  // explicit dates
  ['29 June 2022', { type: 'DATE', value: '2022-06-29', confident: true }],
  ['June 29, 2022', { type: 'DATE', value: '2022-06-29' }],
  ['Wednesday, June 29, 2022', { type: 'DATE', value: '2022-06-29' }],
  ['29th of June 2022', { type: 'DATE', value: '2022-06-29' }],
  ['Sept. 11, 2001', { type: 'DATE', value: '2001-09-11' }],
  ['April 01, 2009', { type: 'DATE', value: '2009-04-01' }],
  ['29.06.2022', { type: 'DATE', value: '2022-06-29' }],
  ['29/06/2022', { type: 'DATE', value: '2022-06-29' }],
  ['7/8/07', { type: 'DATE', value: '2007-07-08', confident: false }],
  ['2022-06-29', { type: 'DATE', value: '2022-06-29' }],
  ['June 29', { type: 'DATE', value: '2022-06-29' }],
  ['June 1st', { type: 'DATE', value: '2022-06-01' }],
  ['Wednesday', { type: 'DATE', value: '2022-06-29' }],
  ['on Tuesday', { type: 'DATE', value: '2022-06-28' }],
  // partial
  ['June 2022', { type: 'DATE', value: '2022-06' }],
  ['2015', { type: 'DATE', value: '2015' }],
  ['the 1990s', { type: 'DATE', value: '199' }],
  ["the '90s", { type: 'DATE', value: '199' }],
  ['the 20th century', { type: 'DATE', value: '19' }],
  ['Q3 2021', { type: 'DATE', value: '2021-Q3' }],
  ['the third quarter of 2009', { type: 'DATE', value: '2009-Q3' }],
  ['the fourth quarter', { type: 'DATE', value: '2022-Q4' }],
  ['the first half of 2022', { type: 'DATE', value: '2022-H1' }],
  ['H1 2022', { type: 'DATE', value: '2022-H1' }],
  ['mid-July', { type: 'DATE', value: '2022-07', mod: 'MID' }],
  ['early 2023', { type: 'DATE', value: '2023', mod: 'START' }],
  ['late 2021', { type: 'DATE', value: '2021', mod: 'END' }],
  ['the end of this year', { type: 'DATE', value: '2022', mod: 'END' }],
  ['the early 1990s', { type: 'DATE', value: '199', mod: 'START' }],
  // a half of a decade or century: the period with mod START/END (a half of a year is H1/H2)
  ["the last half of the '80s", { type: 'DATE', value: '198', mod: 'END' }],
  ['the first half of the 1980s', { type: 'DATE', value: '198', mod: 'START' }],
  ['the second half of this century', { type: 'DATE', value: '20', mod: 'END' }],
  ['the latter half of the 19th century', { type: 'DATE', value: '18', mod: 'END' }],
  ['the last half of 2021', { type: 'DATE', value: '2021-H2' }],
  // the week that holds a day: its ISO week (2000-03-06 is a Monday of week 10)
  ['the week of March 6, 2000', { type: 'DATE', value: '2000-W10' }],
  ['the week ended Sunday, March 12, 2000', { type: 'DATE', value: '2000-W10' }],
  ['the weekend of June 25', { type: 'DATE', value: '2022-W25-WE' }],
  ['spring', { type: 'DATE', value: '2022-SP' }],
  ['this summer', { type: 'DATE', value: '2022-SU' }],
  ['next spring', { type: 'DATE', value: '2023-SP' }],
  ['fall 2022', { type: 'DATE', value: '2022-FA' }],
  ['the last week of March', { type: 'DATE', value: '2022-W13' }],
  // relative
  ['today', { type: 'DATE', value: '2022-06-29', confident: true }],
  ['Today', { type: 'DATE', value: '2022-06-29' }],
  ['yesterday', { type: 'DATE', value: '2022-06-28' }],
  ['tomorrow', { type: 'DATE', value: '2022-06-30' }],
  ['this week', { type: 'DATE', value: '2022-W26' }],
  ['last week', { type: 'DATE', value: '2022-W25' }],
  ['this weekend', { type: 'DATE', value: '2022-W26-WE' }],
  ['last month', { type: 'DATE', value: '2022-05' }],
  ['next month', { type: 'DATE', value: '2022-07' }],
  ['this year', { type: 'DATE', value: '2022' }],
  ['next year', { type: 'DATE', value: '2023' }],
  ['last year', { type: 'DATE', value: '2021' }],
  ['last Friday', { type: 'DATE', value: '2022-06-24' }],
  ['next Monday', { type: 'DATE', value: '2022-07-04' }],
  ['two weeks ago', { type: 'DATE', value: '2022-W24' }],
  ['three days ago', { type: 'DATE', value: '2022-06-26' }],
  ['a year ago', { type: 'DATE', value: '2021' }],
  ['in three days', { type: 'DATE', value: '2022-07-02' }],
  ['earlier this year', { type: 'DATE', value: '2022' }],
  ['now', { type: 'DATE', value: 'PRESENT_REF' }],
  ['currently', { type: 'DATE', value: 'PRESENT_REF' }],
  ['recently', { type: 'DATE', value: 'PAST_REF' }],
  ['the past', { type: 'DATE', value: 'PAST_REF' }],
  ['the future', { type: 'DATE', value: 'FUTURE_REF' }],
  ['the long term', { type: 'DATE', value: 'FUTURE_REF' }],
  ['the same month a year ago', { type: 'DATE', value: '2021-01' }, { before: 'Sales fell 35% in January, compared to ' }],
  ['the same period last year', { type: 'DATE', value: '2021-05' }, { before: 'Sales rose 43% in May compared to ' }],
  // tense decides weekdays and months
  ['Friday', { type: 'DATE', value: '2022-06-24', confident: true }, { before: 'The minister said on ', after: ' that talks went well.' }],
  ['Friday', { type: 'DATE', value: '2022-07-01', confident: true }, { before: 'The ministers will meet on ', after: '.' }],
  // a tense read from a modal alone, or a future seen from the past, does not place a weekday
  // ("could", the past of "can", does not send it forward; a plan points forward from the DCT;
  // the past perfect puts a deadline or a plan before a past time)
  ['Friday night', { type: 'TIME', value: '2022-06-24TNI', confident: false }, { before: 'The law could not stop the bullet that hit him ', after: '.' }],
  ['Tuesday', { type: 'DATE', value: '2022-06-28', confident: false }, { before: 'His relatives could not be located ', after: ' in their hometown.' }],
  ['Saturday', { type: 'DATE', value: '2022-07-02', confident: false }, { before: 'Protesters planned a large demonstration on ', after: '.' }],
  ['Thursday', { type: 'DATE', value: '2022-06-30', confident: false }, { before: 'The team planned to leave Nairobi on ', after: ' for Dar es Salaam.' }],
  ['Monday', { type: 'DATE', value: '2022-07-04', confident: false }, { before: 'They held a rally on Saturday and were planning to drive around the airport on ', after: '.' }],
  ['Friday', { type: 'DATE', value: '2022-06-24', confident: false }, { before: 'On ', after: ', the government planned to pay the families.' }],
  ['Friday', { type: 'DATE', value: '2022-06-24', confident: false }, { before: 'The offer was extended. It had been due to expire ', after: '.' }],
  ['Friday', { type: 'DATE', value: '2022-06-24' }, { before: 'The vote had been scheduled for ', after: '.' }],
  ['Tuesday', { type: 'DATE', value: '2022-06-28', confident: false }, { before: 'Until ', after: ', they had not called him a suspect.' }],
  // the verb of the expression's clause, not one of a clause after it ("that ... could"), nor a
  // modal before a possessive weekday, which names an event ("Wednesday's ruling")
  ['Tuesday', { type: 'DATE', value: '2022-06-28' }, { before: 'The president glossed over warnings from Moscow on ', after: ' that air strikes could widen the war.' }],
  ['Monday', { type: 'DATE', value: '2022-06-27', confident: false }, { before: 'Relatives said they would look for ways to get around ', after: "'s ruling by the court." }],
  ['November', { type: 'DATE', value: '2021-11' }, { before: 'He became the subject of a manhunt in ', after: ' when he was called a witness.' }],
  ['Tuesday', { type: 'DATE', value: '2022-07-05' }, { before: 'On ', after: ', the National Abortion and Reproductive Rights League plans to hold a news conference.' }],
  ['Friday', { type: 'DATE', value: '2022-06-24', confident: true }, { before: 'The offer expired on ', after: '.' }],
  ['Wednesday', { type: 'DATE', value: '2022-06-29' }, { before: 'The company announced on ', after: ' that it was cutting jobs.' }],
  ['Monday', { type: 'DATE', value: '2022-06-27' }, { before: 'He arrived on ', after: '.' }],
  ['October', { type: 'DATE', value: '2021-10' }, { before: 'Lawmakers rejected the proposal in ', after: '.' }],
  ['October', { type: 'DATE', value: '2022-10' }, { before: 'The deal should be completed in ', after: '.' }],
  ['March', { type: 'DATE', value: '2023-03' }, { before: 'The plant will open in ', after: '.' }],
  ['September 12', { type: 'DATE', value: '2022-09-12' }, { before: 'The contract may be signed on ', after: ', during the show.' }],
  ['Friday', { type: 'DATE', value: '2007-09-07' }, { before: 'a Romanian official said ', after: '.' }, '2007-09-08'],
  // a month (day) near the DCT is this year's whatever the tense; one far ahead of it, last year's
  // unless the clause is future (news gives the year of a date almost a year away)
  ['Jan. 14', { type: 'DATE', value: '2000-01-14', confident: false }, { before: 'The agency has to repatriate the child by ', after: '.' }, '2000-01-15'],
  ['Oct. 19', { type: 'DATE', value: '1989-10-19' }, { before: 'The fund has fallen 2% this year through ', after: ', Lipper says.' }, '1989-10-27'],
  ['Aug. 6', { type: 'DATE', value: '1997-08-06', confident: false }, { before: 'The index is within 70 points of its record high set on ', after: '.' }, '1998-02-06'],
  ['October', { type: 'DATE', value: '1997-10' }, { before: 'Her properties, worth $130 million in ', after: ', are worth half that now.' }, '1998-01-08'],
  ['January', { type: 'DATE', value: '1990-01' }, { before: 'The plant will open in ', after: '.' }, '1989-10-30'],
  ['January', { type: 'DATE', value: '1990-01' }, { before: 'The split would be paid on a still unspecified date in ', after: ' to holders of record.' }, '1989-10-26'],
  ['August', { type: 'DATE', value: '1998-08' }, { before: 'Qantas will almost double its flights between Australia and India by ', after: ' in the search for new markets untouched by the crisis.' }, '1998-02-13'],
  // seasons: January and February are in the winter begun the December before
  ['last fall', { type: 'DATE', value: '1997-FA' }, { before: 'a surge in employment gains that began ' }, '1998-02-06'],
  ['next spring', { type: 'DATE', value: '1998-SP' }, { before: 'The plant will open ' }, '1998-02-06'],
  ['last summer', { type: 'DATE', value: '2021-SU' }, { before: 'The plant opened ' }, '2022-03-22'],
  ['this summer', { type: 'DATE', value: '2022-SU' }, { before: 'Officials said the communities were left alone ' }, '2022-03-22'],
  // durations
  ['three decades', { type: 'DURATION', value: 'P30Y' }],
  ['the past three decades', { type: 'DURATION', value: 'P30Y' }],
  ['30 years', { type: 'DURATION', value: 'P30Y' }],
  ['the past five years', { type: 'DURATION', value: 'P5Y' }],
  ['the next four years', { type: 'DURATION', value: 'P4Y' }],
  ['48 hours', { type: 'DURATION', value: 'PT48H' }],
  ['thirty minutes', { type: 'DURATION', value: 'PT30M' }],
  ['18 months', { type: 'DURATION', value: 'P18M' }],
  ['twenty-five years', { type: 'DURATION', value: 'P25Y' }],
  ['several years', { type: 'DURATION', value: 'PXY', confident: false }],
  ['recent years', { type: 'DURATION', value: 'PXY' }],
  ['almost two and a half years', { type: 'DURATION', value: 'P2Y6M', mod: 'LESS_THAN' }],
  ['5 1/2 hours', { type: 'DURATION', value: 'PT5H30M' }],
  ['a minute and a half', { type: 'DURATION', value: 'PT1M30S' }],
  ['half a year', { type: 'DURATION', value: 'P6M' }],
  ['about 30 years', { type: 'DURATION', value: 'P30Y', mod: 'APPROX' }],
  ['more than 20 years', { type: 'DURATION', value: 'P20Y', mod: 'MORE_THAN' }],
  ['a decade', { type: 'DURATION', value: 'P10Y' }],
  ['half an hour', { type: 'DURATION', value: 'PT30M' }],
  ['within 30 days', { type: 'DURATION', value: 'P30D', mod: 'EQUAL_OR_LESS' }],
  ['no more than sixty days', { type: 'DURATION', value: 'P60D', mod: 'EQUAL_OR_LESS' }],
  ['no fewer than three weeks', { type: 'DURATION', value: 'P3W', mod: 'EQUAL_OR_MORE' }],
  ['27-year', { type: 'DURATION', value: 'P27Y' }, { after: ' career' }],
  // a range of amounts is one expression of an unknown amount of the unit (TIMEX3 X)
  ['two to three weeks', { type: 'DURATION', value: 'PXW', confident: false }, { before: 'shipments will resume within ' }],
  ['the next 12 to 18 months', { type: 'DURATION', value: 'PXM', confident: false }],
  ['five or six years', { type: 'DURATION', value: 'PXY', confident: false }],
  // a bound before the determiner, "or so", "couple of" after "the next", a span of time as the noun
  ['at least the past 18 months', { type: 'DURATION', value: 'P18M', mod: 'EQUAL_OR_MORE' }],
  ['the next two years or so', { type: 'DURATION', value: 'P2Y', mod: 'APPROX' }],
  ['the next couple of years', { type: 'DURATION', value: 'P2Y' }],
  ['a three-year period', { type: 'DURATION', value: 'P3Y' }],
  ['several quarters', { type: 'DURATION', value: 'PXQ', confident: false }, { before: 'it achieved profitability after ', after: ' of losses' }],
  // a four-digit year before a period noun is not a count
  ['the latest nine months', { type: 'DURATION', value: 'P9M' }],
  ['the 1988 quarter', { type: 'DATE', value: '1988-Q3', confident: false }, { before: 'It earned $376,000 in ' }, '1989-10-30'],
  ['the 1989 period', { type: 'DATE', value: '1989-Q3', confident: false }, { before: 'It earned $376,000 in ' }, '1990-10-30'],
  // the first (last) two quarters of a year are its first (second) half
  ['the first two quarters of 1990', { type: 'DATE', value: '1990-H1' }],
  ['the last two quarters of 1990', { type: 'DATE', value: '1990-H2' }],
  ['the first six months of 1990', { type: 'DATE', value: '1990-H1' }],
  ['annual', { type: 'DURATION', value: 'P1Y' }],
  // sets
  ['annually', { type: 'SET', value: 'P1Y', quant: 'EVERY' }],
  ['every week', { type: 'SET', value: 'P1W', quant: 'EVERY' }],
  ['each year', { type: 'SET', value: 'P1Y', quant: 'EACH' }],
  ['every two weeks', { type: 'SET', value: 'P2W', quant: 'EVERY' }],
  ['every Monday', { type: 'SET', value: 'XXXX-WXX-1', quant: 'EVERY' }],
  ['twice a month', { type: 'SET', value: 'P1M', freq: '2X' }],
  ['three times a week', { type: 'SET', value: 'P1W', freq: '3X' }],
  ['daily', { type: 'SET', value: 'P1D' }],
  ['a year', { type: 'SET', value: 'P1Y' }, { before: 'at a rate of 15 ' }],
  // times
  ['at 10:00 CET', { type: 'TIME', value: '2022-06-29T10:00+01:00' }],
  ['08:30 UTC', { type: 'TIME', value: '2022-06-29T08:30Z' }],
  ['12:00 UTC Monday', { type: 'TIME', value: '2022-06-27T12:00Z' }],
  ['3 p.m.', { type: 'TIME', value: '2022-06-29T15:00' }],
  // a time with its date is one TIMEX3 (TimeML: "15:00 GMT Saturday"), the date a month and day too
  ['15:00 GMT Saturday', { type: 'TIME', value: '2022-07-02T15:00Z' }, { before: 'The match will start at ' }],
  ['5 p.m. EST, Nov. 6', { type: 'TIME', value: '1989-11-06T17:00-05:00' }, { before: 'The offer was extended until ' }, '1989-10-30'],
  ['5 p.m. EST Nov. 9', { type: 'TIME', value: '1989-11-09T17:00-05:00' }, { before: 'The offer runs until ' }, '1989-11-02'],
  ['10:30 a.m. June 3', { type: 'TIME', value: '2022-06-03T10:30', confident: true }, { before: 'The hearing was held at ' }],
  ['9:45 am', { type: 'TIME', value: '2022-06-29T09:45' }],
  // an approximate clock time: the modifier in the extent, mod APPROX (TimeML 1.2.1 mod)
  ['around 7:15 p.m.', { type: 'TIME', value: '2022-06-29T19:15', mod: 'APPROX' }, { before: 'She was shot in the store ' }],
  ['about 5 a.m. Tuesday', { type: 'TIME', value: '2022-06-28T05:00', mod: 'APPROX' }, { before: 'The blast occurred at ' }],
  ['noon', { type: 'TIME', value: '2022-06-29T12:00' }],
  // noon and midnight with their day in the extent, as a clock time
  ['noon on Friday', { type: 'TIME', value: '1989-11-03T12:00' }, { before: 'The offer will expire at ', after: '.' }, '1989-11-02'],
  ['noon, Nov. 9', { type: 'TIME', value: '1989-11-09T12:00' }, { before: 'The offer runs until ', after: '.' }, '1989-11-02'],
  ['midnight tonight', { type: 'TIME', value: '2022-06-29T24:00' }, { before: 'The strike begins at ' }],
  ['this morning', { type: 'TIME', value: '2022-06-29TMO' }],
  ['yesterday evening', { type: 'TIME', value: '2022-06-28TEV' }],
  ['tonight', { type: 'TIME', value: '2022-06-29TNI' }],
  ['later this afternoon', { type: 'TIME', value: '2022-06-29TAF' }, { before: 'He will meet Tariq Aziz ' }],
  ['earlier tonight', { type: 'TIME', value: '2022-06-29TNI' }],
  ['last night', { type: 'TIME', value: '2022-06-28TNI' }],
  ['Thursday night', { type: 'TIME', value: '2022-06-23TNI' }],
  // clock times by the part of the day; a part of the day shared by two weekdays (a SET of each)
  ['4 in the morning', { type: 'TIME', value: '2022-06-29T04:00' }, { before: 'He will leave at ' }],
  ['ten at night', { type: 'TIME', value: '2022-06-29T22:00' }],
  ['five in the afternoon', { type: 'TIME', value: '2022-06-29T17:00' }],
  ['Monday', { type: 'SET', value: 'XXXX-WXX-1TNI' }, { before: 'Flights leave on ', after: ' and Tuesday nights.' }],
  // "as (previously) planned" compares with the plan and has no tense of its own: the verb of the clause decides
  ['Saturday night', { type: 'TIME', value: '1991-02-23TNI' }, { before: 'When Iraq failed to respond, Mr. Bush let the offensive begin as previously planned ', after: '.' }, '1991-02-25'],
  ['Monday', { type: 'DATE', value: '1991-03-04' }, { before: 'The store will reopen as scheduled ', after: '.' }, '1991-02-27'],
  // the part of a part of the day: mod START / MID / END on the part of the day (TimeBank
  // "mid-afternoon yesterday" 1989-11-01TAF MID); "early" and "late" alone only after a preposition
  ['mid-afternoon yesterday', { type: 'TIME', value: '2022-06-28TAF', mod: 'MID', confident: true }, { before: 'In London at ' }],
  ['mid afternoon', { type: 'TIME', value: '2022-06-29TAF', mod: 'MID', confident: false }, { before: 'By ' }],
  ['late evening', { type: 'TIME', value: '2022-06-29TEV', mod: 'END' }, { before: 'They met in the ' }],
  ['early morning Friday', { type: 'TIME', value: '2022-06-24TMO', mod: 'START' }, { before: 'Police raided the house ' }],
  // a plan in the past perfect lies on either side of the report: the nearer such weekday (a
  // Monday report: the Friday before; from a Wednesday, the row above: the Friday after)
  ['Friday evening', { type: 'TIME', value: '1989-10-27TEV', confident: false }, { before: 'The offer was extended to Nov. 16. It had been due to expire ' }, '1989-10-30'],
  ['midnight Friday', { type: 'TIME', value: '1989-10-27T24:00' }, { before: 'The offer previously had been scheduled to expire at ', after: '. Dow Jones said' }, '1989-10-30'],
  // the reporting clause after a closing quotation mark does not give the quoted clause its tense
  ['4 a.m. EDT Thursday', { type: 'TIME', value: '2000-04-06T04:00-04:00' }, { before: "''This courageous father will leave at 4 in the morning (", after: "),'' Castro said." }, '2000-04-05'],
  // holidays: the one before the DCT in the past, after it in the future; Easter by the computus
  ['Thanksgiving Day', { type: 'DATE', value: '1999-11-25' }, { before: 'Elian was found ', after: ' clinging to an inner tube.' }, '2000-01-07'],
  ['last Thanksgiving', { type: 'DATE', value: '1999-11-25' }, undefined, '2000-02-10'],
  ['Election Day', { type: 'DATE', value: '1998-11-03' }, { before: 'from now to ' }, '1998-10-26'],
  ['Easter week', { type: 'DATE', value: '2000-W16' }, { before: 'protesters prayed as ', after: ' began.' }, '2000-04-17'],
  ['Easter', { type: 'DATE', value: '2024-03-31' }, { before: 'He said ', after: ' was quiet.' }, '2024-04-10'],
  ['Christmas', { type: 'DATE', value: '2022-12-25' }, { before: 'They will open by ' }],
  ['Memorial Day', { type: 'DATE', value: '2022-05-30' }, { before: 'It opened on ' }],
  // spoken years and decades in words
  ['nineteen ninety-six', { type: 'DATE', value: '1996' }],
  ['nineteen seventy', { type: 'DATE', value: '1970' }],
  ['the year two thousand', { type: 'DATE', value: '2000' }],
  ['the nineties', { type: 'DATE', value: '199' }, undefined, '1998-03-03'],
  ['the twenties', { type: 'DATE', value: '202' }, undefined, '2026-01-01'],
  ['the twenties', { type: 'DATE', value: '192' }, undefined, '1998-03-03'],
  // the reporting period, bare: the DCT's year, month, week (a guess)
  ['the year', { type: 'DATE', value: '2022', confident: false }, { before: 'For ', after: ', volume was flat.' }],
  ['the week', { type: 'DATE', value: '2022-W26', confident: false }, { before: 'For ', after: ', the index fell.' }],
  ['the end of the month', { type: 'DATE', value: '2022-06', mod: 'END' }],
  // a modal in an earlier clause ("ruled that he must be returned, and set Friday") does not send a
  // weekday of the predicate coordinated after it forward (a Saturday DCT: the day before)
  ['Friday', { type: 'DATE', value: '2000-01-14' }, { before: 'The court had ruled that the boy must be returned to his father, and set ', after: ' as the deadline.' }, '2000-01-15'],
  // "as (previously) planned" compares with a plan; the governing clause is past (a Monday DCT)
  ['Saturday night', { type: 'TIME', value: '1991-02-23TNI' }, { before: 'When Iraq failed to respond, the president let the offensive begin as previously planned ', after: '.' }, '1991-02-25'],
  // anaphoric days, weeks and years: alone (no date named before) the DCT's guess, unconfident;
  // findDates anchors them on the last date mentioned (recognize.test.ts)
  ['that same day', { type: 'DATE', value: '2022-06-29', confident: false }, { before: 'His name was crossed out ', after: '.' }],
  ['Earlier that day', { type: 'DATE', value: '2022-06-29', confident: false }, { after: ', the family sent a fax.' }],
  ['later that year', { type: 'DATE', value: '2022', confident: false }, { before: 'He returned to Cuba ' }],
  ['that night', { type: 'TIME', value: '2022-06-29TNI', confident: false }],
  ['that time', { type: 'DATE', value: 'PAST_REF', confident: false }, { before: 'He was young at ' }],
  ['that time', { type: 'DATE', value: 'FUTURE_REF', confident: false }, { before: 'They will be gone by ' }],
  ['the next day', { type: 'DATE', value: '2022-06-30', confident: false }],
  ['the next morning', { type: 'TIME', value: '2022-06-30TMO', confident: false }, { before: 'He appeared in court ' }],
  ['the previous day', { type: 'DATE', value: '2022-06-28', confident: false }],
  ['the day before', { type: 'DATE', value: '2022-06-28', confident: false }, { before: 'He had arrived ', after: '.' }],
  ['the previous Friday', { type: 'DATE', value: '2022-06-24', confident: false }, { before: 'down 4.5% from ' }],
  ['the following Monday', { type: 'DATE', value: '2022-07-04', confident: false }],
  ['the day before last Tuesday', { type: 'DATE', value: '2022-06-27' }, { after: "'s hearing, he went home." }],
  ['the day after Oct. 12', { type: 'DATE', value: '1989-10-13' }, { before: 'It fell ' }, '1989-10-30'],
  ['the eighth day', { type: 'DATE', value: '1990-08-15' }, { before: 'In Saudi Arabia, today is ', after: ' of Desert Shield.' }, '1990-08-15'],
  ['the second day', { type: 'DATE', value: '1998-03-06' }, { before: "It's ", after: ' of an offensive.' }, '1998-03-06'],
  // Russian
  ['29 июня 2022 года', { type: 'DATE', value: '2022-06-29' }],
  ['в 2015 году', { type: 'DATE', value: '2015' }],
  ['в июне 2022 года', { type: 'DATE', value: '2022-06' }],
  ['вчера', { type: 'DATE', value: '2022-06-28' }],
  ['в прошлом году', { type: 'DATE', value: '2021' }],
  ['30 лет', { type: 'DURATION', value: 'P30Y' }],
];

describe('dates/normalize: table', () => {
  for (const [expr, exp, ctx, dct] of ROWS) {
    const label = `${expr}${ctx?.before ? ` [${ctx.before}…]` : ''}${dct ? ` @${dct}` : ''}`;
    it(label, () => {
      const r = normalize(expr, dct ?? DCT, ctx);
      assert.ok(r, `no value for ${expr}`);
      assert.equal(r.type, exp.type);
      assert.equal(r.value, exp.value);
      assert.equal(r.mod, exp.mod);
      if (exp.quant !== undefined) assert.equal(r.quant, exp.quant);
      if (exp.freq !== undefined) assert.equal(r.freq, exp.freq);
      if (exp.confident !== undefined) assert.equal(r.confident, exp.confident);
      // every value produced is a valid TIMEX3 value of its type
      assert.deepEqual(validateTimexValue(r.type, r.value), { ok: true });
    });
  }
});

describe('dates/normalize: edge cases', () => {
  it('is not confident about a weekday without tense', () => {
    assert.equal(normalize('Tuesday', DCT)?.confident, false);
  });
  it('uses X values without a publication date', () => {
    assert.deepEqual(normalize('last year', undefined), { type: 'DATE', value: 'XXXX', confident: false });
    assert.equal(normalize('Friday', undefined)?.value, 'XXXX-WXX-5');
    assert.equal(normalize('June 29', undefined)?.value, 'XXXX-06-29');
    assert.equal(normalize('29 June 2022', undefined)?.value, '2022-06-29');
  });
  it('rejects impossible dates and non-dates', () => {
    for (const e of ['30 February 2022', 'nonsense', '', 'P30Y', 'may', 'the', '12345']) {
      assert.equal(normalize(e, DCT), undefined, e);
    }
  });
  it('never throws on junk', () => {
    for (const e of [undefined, null, 7, '\u0000', 'a'.repeat(100000), '2022-'.repeat(1000)] as unknown[]) {
      normalize(e as string, 'garbage', { before: e as string });
    }
  });
  it('guesses tense from the context', () => {
    assert.equal(guessTense('The minister said on ', ' that'), 'past');
    assert.equal(guessTense('They will meet on ', '.'), 'future');
    assert.equal(guessTense('', ''), undefined);
  });
});

describe('dates/normalize: tail-only tests give what the whole expression gives', () => {
  it('white space as \\s, for every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(tailForTest.isRxSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });
  it('"not a year after" on the tail of the text before a number, as on all of it', () => {
    const { testTail, NOT_A_YEAR_AFTER } = tailForTest;
    const ends = ['No', 'no.', 'Nos', 'number', 'Flight', 'flight.', 'Route', 'Model.', 'Room', 'xNo', 'kNo.', 'Rooms', '$', '£', '€ ', '#',
      '№\u00a0', '3', '3,', '3.', '3 ', '3, ', 'in', 'on the', '', ' ', '\n', 'No\u2003', 'Flight \t', 'the No', 'a\u00a0Route', 'NFlight'];
    const r = rng(5);
    const fill = 'ab1 .,$No\u00a0x';
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const n = Math.floor(r() * 20);
      for (let k = 0; k < n; k++) s += fill[Math.floor(r() * fill.length)];
      s += ends[Math.floor(r() * ends.length)];
      if (r() < 0.3) s += ' '.repeat(Math.floor(r() * 12));
      assert.equal(testTail(NOT_A_YEAR_AFTER, s, 8), NOT_A_YEAR_AFTER.test(s), JSON.stringify(s));
    }
  });
});
