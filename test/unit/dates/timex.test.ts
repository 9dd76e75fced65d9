import * as assert from 'node:assert/strict';
import {
  validateTimexValue, validateTimexMod, validateSetAttributes, describeTimex, isoWeeksInYear, isoWeek, TIMEX_MODS,
  dayNumber, fromDayNumber, isoWeekday, daysInMonth,
} from '../../../server/src/service/dates/timex';
import { rng } from '../../support/rng';

const VALID: Array<[type: string, value: string]> = [
  ['date', '2022'], ['date', '2022-06'], ['date', '2022-06-29'], ['date', '2022-W26'], ['date', '2020-W53'],
  ['date', '2022-W26-3'], ['date', '2022-W26-WE'], ['date', '2022-Q2'], ['date', '2022-H1'],
  ['date', '2022-SP'], ['date', '2022-SU'], ['date', '2022-FA'], ['date', '2022-WI'], ['date', '199'], ['date', '19'],
  ['date', 'XXXX-06-29'], ['date', 'XXXX-02-29'], ['date', '2024-02-29'], ['date', '2000-02-29'],
  ['date', 'PRESENT_REF'], ['date', 'PAST_REF'], ['date', 'FUTURE_REF'], ['DATE', '2022'],
  ['time', '2022-06-29T14:30'], ['time', 'T14:30:00'], ['time', '2022-06-29T14:30:00Z'], ['time', '2022-06-29T10:00+01:00'],
  ['time', '2022-06-29TMO'], ['time', '2022-06-29TAF'], ['time', '2022-06-29TEV'], ['time', '2022-06-29TNI'], ['time', '2022-06-29TDT'],
  ['time', '2022-06-29T24:00'],
  ['duration', 'P30Y'], ['duration', 'P6M'], ['duration', 'P2W'], ['duration', 'P3D'], ['duration', 'PT48H'], ['duration', 'PXY'],
  ['duration', 'P1DT2H'], ['duration', 'P2.5Y'], ['duration', 'PT0,5H'], ['duration', 'PT30M'], ['duration', 'PXDE'],
  // TimeBank's unit letters: E decade, C century, L millennium
  ['duration', 'P1E'], ['duration', 'PXC'], ['duration', 'P2L'],
  ['set', 'P1Y'], ['set', 'XXXX-WXX-1'], ['set', 'P1W'], ['set', 'XXXX-XX-XXT09:00'],
];

const INVALID: Array<[type: string, value: string, reason: string | RegExp]> = [
  ['date', '2022-02-30', '2022-02-30 is not a date: February 2022 has 28 days'],
  ['date', '2023-02-29', '2023-02-29 is not a date: February 2023 has 28 days'],
  ['date', '2022-04-31', '2022-04-31 is not a date: April 2022 has 30 days'],
  ['date', '2022-W54', '2022-W54 does not exist: 2022 has 52 ISO weeks'],
  ['date', '2021-W53', '2021-W53 does not exist: 2021 has 52 ISO weeks'],
  ['date', '2022-13', '2022-13 is not a date: there is no month 13'],
  ['date', '2022-Q5', '2022-Q5 does not exist: a year has quarters Q1 to Q4'],
  ['date', '2022-H3', '2022-H3 does not exist: a year has halves H1 and H2'],
  ['date', 'P30Y', 'P30Y is a DURATION value, not a DATE'],
  ['date', '2022-06-29T14:30', '2022-06-29T14:30 is a TIME value, not a DATE'],
  ['date', '29.06.2022', /write it as YYYY-MM-DD/],
  ['date', 'yesterday', /not a TIMEX3 date value/],
  ['duration', 'P3', 'P3 has no unit'],
  ['duration', '2022-06-29', /is a DATE value, not a DURATION/],
  ['duration', 'P3X', /no unit/],
  ['duration', 'P1DT', /nothing follows T/],
  ['duration', 'P1Y2Y', /appears twice/],
  ['duration', 'P1YY', /cannot read/],
  ['duration', 'P', /give an amount and a unit/],
  ['time', '2022-06-29', /is a DATE value, not a TIME: a TIME value needs a time of day/],
  ['time', '2022-06-29T25:00', /there is no hour 25/],
  ['time', '2022-06-29T14:61', /there is no minute 61/],
  ['time', '2022-02-30T10:00', /February 2022 has 28 days/],
  ['set', 'PRESENT_REF', /cannot be a SET value/],
  ['event', '2022', /not a TIMEX3 type/],
  ['date', '', /needs a value/],
  ['date', '2022 06', /contain no spaces/],
];

describe('dates/timex: validateTimexValue', () => {
  for (const [type, value] of VALID) {
    it(`accepts ${type} ${value}`, () => assert.deepEqual(validateTimexValue(type, value), { ok: true }));
  }
  for (const [type, value, reason] of INVALID) {
    it(`rejects ${type} ${value || '(empty)'}`, () => {
      const r = validateTimexValue(type, value);
      assert.equal(r.ok, false);
      if (r.ok) return;
      if (typeof reason === 'string') assert.equal(r.reason, reason);
      else assert.match(r.reason, reason);
    });
  }
  it('never throws on junk input', () => {
    for (const v of [undefined, null, 42, {}, '\u0000', 'P'.repeat(10000), '9'.repeat(100)] as unknown[]) {
      const r = validateTimexValue('date', v as string);
      assert.equal(typeof r.ok, 'boolean');
    }
  });
});

describe('dates/timex: mods and set attributes', () => {
  for (const mod of ['BEFORE', 'AFTER', 'ON_OR_BEFORE', 'ON_OR_AFTER', 'START', 'MID', 'END', 'APPROX', 'LESS_THAN', 'MORE_THAN', 'EQUAL_OR_LESS', 'EQUAL_OR_MORE']) {
    it(`accepts mod ${mod}`, () => assert.deepEqual(validateTimexMod(mod), { ok: true }));
  }
  it('has exactly the twelve TimeML 1.2.1 mods', () => assert.equal(TIMEX_MODS.length, 12));
  it('rejects lower-case and unknown mods', () => {
    assert.deepEqual(validateTimexMod('mid'), { ok: false, reason: 'mod mid must be upper case: MID' });
    assert.match((validateTimexMod('ROUGHLY') as { reason: string }).reason, /not a TIMEX3 mod/);
  });
  it('checks quant and freq', () => {
    assert.deepEqual(validateSetAttributes({ quant: 'EVERY', freq: '2X' }), { ok: true });
    assert.equal(validateSetAttributes({ freq: 'twice' }).ok, false);
    assert.equal(validateSetAttributes({ quant: 'every' }).ok, false);
  });
});

describe('dates/timex: ISO weeks', () => {
  const weeks: Array<[number, number]> = [[2015, 53], [2020, 53], [2021, 52], [2022, 52], [2026, 53], [2032, 53]];
  for (const [y, n] of weeks) it(`${y} has ${n} ISO weeks`, () => assert.equal(isoWeeksInYear(y), n));
  it('week of dates at year boundaries', () => {
    assert.deepEqual(isoWeek(2021, 1, 3), { year: 2020, week: 53 });
    assert.deepEqual(isoWeek(2024, 12, 30), { year: 2025, week: 1 });
    assert.deepEqual(isoWeek(2022, 6, 29), { year: 2022, week: 26 });
  });
});

const DESCRIBE: Array<[type: string, value: string, mod: string | undefined, words: string, relation: string | undefined]> = [
  ['date', '2022-06-29', undefined, 'Wednesday, 29 June 2022', 'the publication date'],
  ['date', '2022-06-26', undefined, 'Sunday, 26 June 2022', '3 days before publication'],
  ['date', '2022-06-28', undefined, 'Tuesday, 28 June 2022', 'the day before publication'],
  ['date', '2022-07-04', undefined, 'Monday, 4 July 2022', '5 days after publication'],
  ['date', '2015', undefined, '2015', '7 years before publication'],
  ['date', '2022-07', 'MID', 'the middle of July 2022', 'the month after publication'],
  ['date', '2022-Q2', undefined, 'the second quarter of 2022', 'contains the publication date (the publication quarter)'],
  ['date', '199', undefined, 'the 1990s', undefined],
  ['date', '19', undefined, 'the 20th century (1900–1999)', undefined],
  ['date', '2022-SU', undefined, 'summer 2022', undefined],
  ['date', 'XXXX-06-29', undefined, '29 June, year unspecified', undefined],
  ['date', 'PRESENT_REF', undefined, 'the present', undefined],
  ['duration', 'P30Y', undefined, 'a duration of 30 years', undefined],
  ['duration', 'PT48H', undefined, 'a duration of 48 hours', undefined],
  ['duration', 'P1DT2H', undefined, 'a duration of 1 day and 2 hours', undefined],
  ['duration', 'PXY', undefined, 'a duration of several years', undefined],
  ['duration', 'P2L', undefined, 'a duration of 2 millennia', undefined],
  ['duration', 'P1E', undefined, 'a duration of 1 decade', undefined],
  ['set', 'XXXX-WXX-1', undefined, 'every Monday', undefined],
  ['time', '2022-06-29TMO', undefined, 'the morning of Wednesday, 29 June 2022', 'the publication date'],
  ['time', '2022-06-29T14:30Z', undefined, '14:30 UTC on Wednesday, 29 June 2022', 'the publication date'],
];

describe('dates/timex: describeTimex', () => {
  for (const [type, value, mod, words, relation] of DESCRIBE) {
    it(`${type} ${value}${mod ? ' ' + mod : ''}`, () => {
      const d = describeTimex(type, value, mod, '2022-06-29');
      assert.equal(d.words, words);
      if (relation !== undefined) assert.equal(d.relation, relation);
      assert.ok(d.text.startsWith(words));
    });
  }
  it('describes a set with a frequency', () => {
    assert.equal(describeTimex('set', 'P1M', undefined, undefined, { freq: '2X' }).words, 'twice a month');
    assert.equal(describeTimex('set', 'P1Y', undefined, undefined, { quant: 'EVERY' }).words, 'every year');
  });
  it('has no relation without a publication date', () => {
    assert.equal(describeTimex('date', '2022-06-29', undefined, undefined).relation, undefined);
  });
  it('never throws', () => {
    for (const v of ['', 'garbage', 'P', 'T', '2022-99-99', 'XXXX-WXX-9']) describeTimex('date', v, 'BOGUS', 'not a date');
  });
});

describe('dates/timex: calendar arithmetic agrees with Date', () => {
  // the definitions by Date that the arithmetic replaces
  const refDayNumber = (y: number, m: number, d: number) => {
    const dt = new Date(0);
    dt.setUTCFullYear(y, m - 1, d);
    return Math.floor(dt.getTime() / 86400000);
  };
  const refFromDayNumber = (n: number) => {
    const dt = new Date(n * 86400000);
    return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
  };
  const refIsoWeekday = (y: number, m: number, d: number) => {
    const wd = new Date(refDayNumber(y, m, d) * 86400000).getUTCDay();
    return wd === 0 ? 7 : wd;
  };
  const refDaysInMonth = (y: number, m: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  };
  const r = rng(99);
  const SPECIAL = [0, -0, 1, 2, 12, 13, 28, 29, 30, 31, 32, 99, 100, 400, 1600, 1900, 2000, 2100, 99999, 100000, 100001, -100000,
    275760, 1e7, -1e7, 5e7, 1e8, -1e9, NaN, Infinity, -Infinity, 0.5, -0.5, 1.5, -2.5, 1e20];
  const num = () => (r() < 0.2 ? SPECIAL[Math.floor(r() * SPECIAL.length)] : Math.floor(r() * 5000) - 1500);
  const small = () => (r() < 0.8 ? Math.floor(r() * 15) - 1 : num());
  it('dayNumber, fromDayNumber, isoWeekday and daysInMonth give what Date gives (also -0, NaN, fractions)', () => {
    for (let i = 0; i < 50000; i++) {
      const y = num(), m = small(), d = r() < 0.8 ? Math.floor(r() * 34) - 1 : num();
      const args = `${y} ${m} ${d}`;
      assert.ok(Object.is(dayNumber(y, m, d), refDayNumber(y, m, d)), `dayNumber ${args}`);
      assert.ok(Object.is(isoWeekday(y, m, d), refIsoWeekday(y, m, d)), `isoWeekday ${args}`);
      assert.ok(Object.is(daysInMonth(y, m), refDaysInMonth(y, m)), `daysInMonth ${args}`);
      const n = r() < 0.7 ? y * 365 + d : num();
      const got = fromDayNumber(n), want = refFromDayNumber(n);
      assert.ok(Object.is(got.y, want.y) && Object.is(got.m, want.m) && Object.is(got.d, want.d), `fromDayNumber ${n}`);
    }
  });
  it('counts days across leap years and the Gregorian rules', () => {
    assert.equal(dayNumber(1970, 1, 1), 0);
    assert.equal(dayNumber(2000, 3, 1) - dayNumber(2000, 2, 28), 2);
    assert.equal(dayNumber(1900, 3, 1) - dayNumber(1900, 2, 28), 1);
    assert.equal(dayNumber(2022, 13, 1), dayNumber(2023, 1, 1));
    assert.equal(dayNumber(2022, 0, 0), dayNumber(2021, 11, 30));
    assert.deepEqual(fromDayNumber(dayNumber(-1, 2, 29)), { y: -1, m: 3, d: 1 });
    assert.equal(isoWeekday(2022, 6, 29), 3);
  });
});
