/**
 * The rule families (issue 15): every rule of a family file is in the matching order of
 * rules/index.ts once, carries the family of its file, and longestMatchAt reports it (what
 * scripts/eval-dates.js --errors groups by). Rows: text, where the match starts, the rule and
 * the family expected.
 */
import * as assert from 'node:assert/strict';
import { FAMILIES, ORDER, RULES } from '../../../server/src/service/dates/rules';
import { longestMatchAt, matchAt } from '../../../server/src/service/dates/engine';
import { parseDct } from '../../../server/src/service/dates/timex';

const DCT = parseDct('2022-06-29');

describe('dates/rules: the families', () => {
  it('ORDER names every rule of the family files once, and no other', () => {
    const inFiles = FAMILIES.flatMap((f) => f.rules.map((r) => r.name));
    assert.equal(new Set(inFiles).size, inFiles.length, 'a rule name used twice');
    assert.equal(new Set(ORDER).size, ORDER.length, 'a name listed twice in ORDER');
    assert.deepEqual([...ORDER].sort(), [...inFiles].sort());
    assert.deepEqual(RULES.map((r) => r.name), ORDER);
  });

  it('each rule carries the family of the file that holds it', () => {
    for (const f of FAMILIES) for (const r of f.rules) assert.equal(r.family, f.family, r.name);
    const byName = new Map(FAMILIES.flatMap((f) => f.rules.map((r) => [r.name, f.family] as const)));
    for (const r of RULES) assert.equal(r.family, byName.get(r.name), r.name);
  });

  const ROWS: Array<[text: string, at: number, rule: string, family: string]> = [
    ['on 29 June 2022', 3, 'wd? d month year', 'absolute'],
    ['in the third quarter of 2009', 3, 'quarter', 'absolute'],
    ['last Christmas', 0, 'holiday', 'absolute'],
    ['in nineteen ninety-six', 3, 'spelled year', 'absolute'],
    ['in the nineties', 3, 'decade word', 'absolute'],
    ['last week', 0, 'rel unit', 'relative'],
    ['three years ago', 0, 'ago', 'relative'],
    ['over the weekend', 5, 'the weekend', 'relative'],
    ['June last year', 0, 'month rel year', 'relative'],
    ["the week's most active session", 0, 'the unit', 'relative'],
    // "the same year" is also "rel unit"'s: 'that unit' is listed first, so findDates anchors it
    ['in the same year', 3, 'that unit', 'relative'],
    ['earlier that day', 0, 'that unit', 'relative'],
    ['the next morning', 0, 'next day', 'relative'],
    ['from the previous Friday', 5, 'anchored weekday', 'relative'],
    ["the day before last Tuesday's hearing", 0, 'day before date', 'relative'],
    ['today is the eighth day of it', 9, 'ordinal day', 'relative'],
    ['for the year ended March 31', 4, 'the year ended', 'durations'],
    ['for three years', 4, 'duration', 'durations'],
    ['every week', 0, 'sets: every unit', 'sets'],
    ['twice a year', 0, 'sets: N times a unit', 'sets'],
    ['at 15:00 GMT Saturday', 3, 'clock time', 'times'],
    ['tonight', 0, 'tonight', 'times'],
    ['at 4 in the morning', 3, 'hour in the pod', 'times'],
    ['by mid-afternoon', 3, 'mod pod', 'times'],
    ['in early 2023', 3, 'mod target', 'mods+ranges'],
    ["in the last half of the '80s", 3, 'half of a decade', 'mods+ranges'],
    ['by year-end', 3, 'year end', 'mods+ranges'],
    ['between 2014 and 2016', 0, 'year range', 'mods+ranges'],
    ['through the first two quarters of 1990', 8, 'months of a year', 'mods+ranges'],
    ['in the 1988 quarter', 3, 'reporting period', 'relative'],
  ];
  for (const [text, at, rule, family] of ROWS) {
    it(`longestMatchAt: ${JSON.stringify(text.slice(at))} is ${rule} (${family})`, () => {
      const m = longestMatchAt(text, at, DCT);
      assert.ok(m, 'no match');
      assert.equal(m.rule, rule);
      assert.equal(m.family, family);
    });
  }

  it('among matches of the same length, the rule listed first in ORDER wins (the order matters)', () => {
    // "a year" after an amount: "sets: annually" (a SET) and "duration" (a DURATION) match the
    // same text; sets come before durations in ORDER, so "15 a year" is a rate
    const text = 'at a rate of 15 a year';
    const at = text.indexOf('a year');
    const all = matchAt(text, at, DCT, true);
    const tied = all.filter((m) => m.end === all[0].end).map((m) => m.rule);
    assert.deepEqual(tied, ['sets: annually', 'duration']);
    assert.ok(ORDER.indexOf('sets: annually') < ORDER.indexOf('duration'));
    assert.equal(longestMatchAt(text, at, DCT)?.value.type, 'SET');
  });
});
