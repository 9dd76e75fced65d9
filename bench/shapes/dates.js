// The date recognizer stays one linear pass (issue 15's bar: 8× the text costs about 8× the
// time): adversarial near-misses (runs of digits, determiners, months, ranges, mods, clock
// times: every token a possible start, no match completing), the first real release (the
// Kazinform seed, dated expressions every few lines), and generated press-release text with a
// date in every sentence. Each `make(k)` builds about k × 64 KB of text (one string, no
// paragraph breaks in the near-miss shape: findDates sees one long run).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { findDates } = require(path.join(__dirname, '../../out/server/src/service/dates/recognize'));
const { generateDocument } = require(path.join(__dirname, '../generate'));

const DCT = '2022-06-29';
const SIZE = 64_000;
const fill = (k, unit) => unit.repeat(Math.max(1, Math.round((k * SIZE) / unit.length)));
const NEAR_MISSES = [
  '1'.repeat(500), ' the the the ', ' a a a ', ' 12 12 12 ', ' June June June ', ' the past the past ',
  ' 2015-2016-2017-', ' early early mid- ', ' 10:00 10:00 ', ' last last next ', ' the first the second ',
].join(' ');
const SEED = fs.readFileSync(path.join(__dirname, '../../examples/kazinform-2022-06-29.txt'), 'utf8');
const NEWS = generateDocument(15, SIZE, 0).replace(/^---[\s\S]*?---\n/, '');
const run = (text) => findDates(text, DCT).length;

module.exports = [
  { item: 'i15', name: 'dates: near-miss runs (digits, determiners, months, ranges, mods, clock times)', make: (k) => fill(k, NEAR_MISSES), run },
  { item: 'i15', name: 'dates: the Kazinform release, repeated', make: (k) => fill(k, SEED + '\n\n'), run },
  { item: 'i15', name: 'dates: generated news text, a date in every sentence', make: (k) => fill(k, NEWS), run },
];
