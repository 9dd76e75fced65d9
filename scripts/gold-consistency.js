#!/usr/bin/env node
/*
 * How consistently a TIMEX3 corpus marks the same wording: for every wording the gold marks as a
 * whole expression at least --min times (3), how often it stands in the text unmarked (as a whole
 * word, same letter case, inside no gold expression). A recognizer that reads the same wording
 * the same way loses min(marked, unmarked) of them whichever way it decides, so the sum over
 * wordings that are time expressions wherever they stand ("now", "recently", "today") is a floor
 * on the errors no rule can remove. Some unmarked uses are rightly unmarked ("the day" in "carry
 * the day", "future" as a noun): read the list, do not add it up blindly.
 *
 * Usage: node scripts/gold-consistency.js <corpus.jsonl> [--min N] [--top K] [--json]
 * The corpus format is eval-dates.js's ({"id","dct","text","timex":[{"start","end","text",...}]},
 * code point offsets; only the texts are compared here, so the offsets are read as given).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { CodePoints } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'service', 'text.js'));

const args = process.argv.slice(2);
const corpusPath = args.find((a, i) => !a.startsWith('--') && !['--min', '--top'].includes(args[i - 1]));
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const min = opt('--min', 3);
const top = opt('--top', 40);
if (!corpusPath || !Number.isFinite(min) || !Number.isFinite(top)) {
  console.error('usage: node scripts/gold-consistency.js <corpus.jsonl> [--min N] [--top K] [--json]');
  process.exit(2);
}
const docs = fs.readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
for (const d of docs) {
  const cps = new CodePoints(d.text);
  d.spans = (d.timex || []).map((t) => [cps.toUtf16(t.start), cps.toUtf16(t.end)]);
}

const marked = new Map();
for (const d of docs) for (const t of d.timex || []) marked.set(t.text, (marked.get(t.text) || 0) + 1);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const rows = [];
for (const [text, n] of marked) {
  if (n < min || !/\p{L}/u.test(text)) continue;
  const re = new RegExp(`(?<![\\p{L}\\p{N}-])${escape(text)}(?![\\p{L}\\p{N}-])`, 'gu');
  let unmarked = 0;
  for (const d of docs) {
    for (const m of d.text.matchAll(re)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!d.spans.some(([a, b]) => a < e && b > s)) unmarked++;
    }
  }
  rows.push({ text, marked: n, unmarked, lost: Math.min(n, unmarked) });
}
rows.sort((a, b) => b.lost - a.lost || b.marked - a.marked || (a.text < b.text ? -1 : 1));
const gold = docs.reduce((s, d) => s + (d.timex || []).length, 0);
const result = { corpus: corpusPath, gold, wordings: rows.length, lostIfConsistent: rows.reduce((s, r) => s + r.lost, 0), rows: rows.filter((r) => r.unmarked > 0) };
if (args.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(`corpus: ${corpusPath}  gold ${gold}  wordings marked >= ${min} times: ${rows.length}`);
  console.log('marked / unmarked elsewhere (same case, whole word, in no gold expression); largest min() first:');
  for (const r of result.rows.slice(0, top)) console.log(`  ${String(r.marked).padStart(4)} / ${String(r.unmarked).padEnd(4)} ${JSON.stringify(r.text)}`);
  console.log(`sum of min(marked, unmarked) over these wordings: ${result.lostIfConsistent} (read the list: some unmarked uses are no time expression)`);
}
