#!/usr/bin/env node
/*
 * Runs the date checks on a TIMEX3 corpus's own gold annotations: how often `date.value-mismatch`
 * (and the other date.* codes) fires where the annotation is, by the corpus, right.
 *
 * Usage: node scripts/check-gold-dates.js <corpus.jsonl> [--out DIR] [--json]
 *
 * Each document of the corpus ({"id","dct","text","timex":[...]}, code point offsets) is written
 * as `.press` (the gold TIMEX3 as `[text]{date:VALUE}`, `{time:…}`, `{duration:…}`, `{set:…}`
 * with `mod=`; front matter `date:` the document's DCT) into DIR (default: a new temp dir), read
 * back and checked through the service API (computeDiagnostics with the default configuration,
 * what `pressmark check` runs). Prints the number of gold annotations, the `date.*` warnings by
 * code and each `date.value-mismatch` with its document, text, gold value and our reading.
 * Requires the compiled out/ (run `npx tsc -b` first).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const OUT = path.join(__dirname, '..', 'out', 'server', 'src', 'service');
const { CodePoints } = require(path.join(OUT, 'text.js'));
const { toPress } = require(path.join(OUT, 'corpus', 'document.js'));
const { parse } = require(path.join(OUT, 'parser.js'));
const { computeDiagnostics } = require(path.join(OUT, 'diagnostics.js'));
const { defaultConfig } = require(path.join(OUT, 'config.js'));

const args = process.argv.slice(2);
const corpusPath = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
const outIdx = args.indexOf('--out');
const asJson = args.includes('--json');
if (!corpusPath) {
  console.error('usage: node scripts/check-gold-dates.js <corpus.jsonl> [--out DIR] [--json]');
  process.exit(2);
}
const dir = outIdx >= 0 ? args[outIdx + 1] : fs.mkdtempSync(path.join(os.tmpdir(), 'gold-dates-'));
fs.mkdirSync(dir, { recursive: true });

const config = defaultConfig();
const docs = fs.readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
let gold = 0;
let written = 0;
let unwritten = 0;
const byCode = new Map();
const mismatches = [];
for (const rec of docs) {
  const cps = new CodePoints(rec.text);
  const spans = (rec.timex || []).map((t) => ({
    start: cps.toUtf16(t.start),
    end: cps.toUtf16(t.end),
    type: t.type.toLowerCase(),
    id: t.value,
    attributes: t.mod ? [{ key: 'mod', value: t.mod }] : [],
  }));
  gold += spans.length;
  const meta = rec.dct ? { date: rec.dct } : {};
  const res = toPress({ text: rec.text, meta, spans });
  if (res.text === undefined) {
    unwritten += spans.length;
    continue;
  }
  unwritten += spans.length - res.spans.length;
  written += res.spans.length;
  const file = path.join(dir, rec.id.replace(/[^A-Za-z0-9._-]+/g, '_') + '.press');
  fs.writeFileSync(file, res.text);
  const doc = parse(res.text);
  for (const d of computeDiagnostics(doc, config)) {
    const code = String(d.code);
    if (!code.startsWith('date.')) continue;
    byCode.set(code, (byCode.get(code) || 0) + 1);
    if (code !== 'date.value-mismatch') continue;
    const line = doc.lines ? null : null;
    void line;
    const a = doc.all.find((x) => x.idSpan && lineCol(res.text, x.idSpan.start).line === d.range.start.line && lineCol(res.text, x.idSpan.start).col === d.range.start.character);
    mismatches.push({ id: rec.id, dct: rec.dct, text: a ? a.text : '?', gold: a ? a.id : '?', type: a ? a.type : '?', ours: d.data && d.data.value, message: d.message });
  }
}

function lineCol(text, offset) {
  let line = 0;
  let last = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; last = i + 1; }
  return { line, col: offset - last };
}

const limit = gold / 100;
if (asJson) {
  console.log(JSON.stringify({ corpus: corpusPath, dir, gold, written, unwritten, byCode: Object.fromEntries(byCode), mismatches }, null, 1));
} else {
  console.log(`${corpusPath}: ${gold} gold TIMEX3 in ${docs.length} documents, ${written} written as .press in ${dir}${unwritten ? ` (${unwritten} could not be markup)` : ''}`);
  for (const [code, n] of [...byCode].sort()) console.log(`  ${code}: ${n}`);
  const n = byCode.get('date.value-mismatch') || 0;
  console.log(`date.value-mismatch: ${n} (${((100 * n) / Math.max(1, gold)).toFixed(2)}% of the gold; bar: at most ${Math.floor(limit)})`);
  for (const m of mismatches) console.log(`  ${m.id} (DCT ${m.dct}) [${m.text}]{${m.type}:${m.gold}} ours ${m.ours}`);
}
