#!/usr/bin/env node
// The benchmark suite (`npm run bench`; not part of npm test). Each measure runs several times
// after a warm-up; every figure is reported with its ratio to a floor measured in the same
// process on the same text: one charCodeAt pass counting newlines. Writes bench/results.json
// and prints a table. `--quick`: small sizes, budgets not enforced (CI's smoke run).
// Needs a build: npm run package (or npm run build; the .vsix size needs package).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateDocument } = require('./generate');
const { measureLsp, measureBurst, stats } = require('./lsp');
const { measureTyping } = require('./typing');
const { measureService } = require('./service');
const { measureAdversarial, MAX_GROWTH } = require('./adversarial');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'server', 'src');
const quick = process.argv.includes('--quick');
const resultsFile = path.join(__dirname, quick ? 'results.quick.json' : 'results.json');

function need(file) {
  if (!fs.existsSync(file)) {
    console.error(`bench: ${path.relative(ROOT, file)} is missing: run npm run package first`);
    process.exit(2);
  }
  return require(file);
}

const { parse } = need(path.join(OUT, 'service/parser.js'));
const { createLanguageService } = need(path.join(OUT, 'service/languageService.js'));
const { loadBuiltinKb } = need(path.join(OUT, 'service/kb/builtin.js'));
const { findMentionsInDocument } = need(path.join(OUT, 'service/mentions/index.js'));
const { findDates } = need(path.join(OUT, 'service/dates/recognize.js'));

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Runs fn `runs` times after `warm` warm-ups; returns the stats of the times in ms. */
function repeat(fn, runs, warm = 2) {
  for (let i = 0; i < warm; i++) fn(i);
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(time(() => fn(i + warm)));
  return stats(xs);
}

/** The floor: one pass over the string counting newlines. */
function floorPass(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function corpus(dir, count, seed0) {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const d = generateDocument(seed0 + i, 3000);
    bytes += Buffer.byteLength(d);
    fs.writeFileSync(path.join(dir, `doc-${String(i).padStart(5, '0')}.press`), d);
  }
  return bytes;
}

/**
 * `pressmark check` over a folder, its report written to a file (as CI keeps it): wall time and
 * peak RSS (GNU time). A pipe into this process would add this process's reading of ~200 MB.
 */
function checkRun(dir) {
  const report = path.join(dir, '..', `report-${path.basename(dir)}.json`);
  const fd = fs.openSync(report, 'w');
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'bin/pressmark.js'), 'check', '--format', 'json', dir], {
      encoding: 'utf8',
      stdio: ['ignore', fd, 'pipe'],
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const rssKb = Number((r.stderr.trim().split('\n').pop() || '').trim());
    if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${r.status}): ${r.stderr.slice(0, 400)}`);
    return { ms, rssMb: rssKb / 1024, reportMb: fs.fstatSync(fd).size / 1e6 };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(report, { force: true });
  }
}

async function main() {
  const kb = loadBuiltinKb();
  const results = { when: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg()[0], quick, measures: {} };
  const M = results.measures;
  const table = [];
  const row = (name, value, unit, floorRatio, budget, ok) => table.push({ name, value, unit, floorRatio, budget, ok });

  // 1. Full analysis of a 1 MB document, as the server does it when the document opens: parse,
  //    diagnostics (every check: knowledge-base ids, dates, mention finding with date
  //    recognition), semantic tokens. Each run takes a document never seen before (another
  //    seed), so no cache helps it.
  const size = quick ? 100_000 : 1_000_000;
  const runs = quick ? 3 : 7;
  const docs = Array.from({ length: runs + 2 }, (_, i) => generateDocument(7 + i, size));
  const big = docs[0];
  for (const d of docs) floorPass(d); // flat strings, as an editor's buffer is
  const floor = repeat(() => floorPass(big), runs * 3);
  const floorMBs = big.length / 1e6 / (floor.median / 1000);
  M.floor = { ...floor, mbPerS: floorMBs };
  const ls = createLanguageService({ getKnowledgeBase: () => kb });
  const fresh = (i, what) => ({ uri: `file:///bench/${what}-${i}.press`, version: 1, getText: () => docs[i % docs.length] });
  let diagnosticsFound = 0;
  const full = repeat((i) => {
    const src = fresh(i, 'full');
    ls.parse(src);
    diagnosticsFound = ls.diagnostics(src).length;
    ls.semanticTokens(src);
    ls.forget(src.uri);
  }, runs);
  const fullMBs = big.length / 1e6 / (full.median / 1000);
  M.fullAnalysis = { ...full, chars: big.length, mbPerS: fullMBs, ratioToFloor: full.median / floor.median, diagnostics: diagnosticsFound };
  row(`full analysis, ${(big.length / 1e6).toFixed(1)} MB document`, `${fullMBs.toFixed(1)} MB/s`, '', full.median / floor.median, '≥ 20 MB/s (≤ 25× floor)', fullMBs >= 20);
  // Its parts, each on a fresh document too (the mention finder and the date recognizer on the
  // whole plain text, as pressmark annotate runs them).
  const parts = {
    parse: repeat((i) => parse(docs[i % docs.length]), runs),
    diagnostics: repeat((i) => {
      const src = fresh(i, 'diagnostics');
      ls.diagnostics(src);
      ls.forget(src.uri);
    }, runs),
    mentionsAndDates: repeat((i) => findMentionsInDocument(parse(docs[i % docs.length]), kb, '2022-06-29'), runs),
    semanticTokens: repeat((i) => {
      const src = fresh(i, 'tokens');
      ls.semanticTokens(src);
      ls.forget(src.uri);
    }, runs),
  };
  for (const v of Object.values(parts)) v.ratioToFloor = v.median / floor.median;
  M.fullAnalysisParts = parts;
  // Date recognition stays one linear pass (issue 15): the shapes of bench/shapes/dates.js
  // (near-misses, the seed release, generated news), cost per character at 8× against 1×.
  M.datesLinear = measureAdversarial({ quick, only: 'dates:' }).map((r) => ({ name: r.name, points: r.points, growth: r.growth, linear: r.linear }));
  for (const r of M.datesLinear) row(`${r.name}: cost per char, 8× the text`, `×${r.growth.toFixed(2)}`, '', null, `≤ ×${MAX_GROWTH}`, r.linear);

  // 2. Latencies. Server side: the language service in this process, answers serialized to JSON
  //    (the budgets are on these). Over stdio: a real client process speaking JSON-RPC to the
  //    server process, so transport and the client's decoding are counted too.
  const service = measureService({ kb, rounds: quick ? 30 : 300 });
  M.service = service;
  const lsp = await measureLsp({ rounds: quick ? 30 : 200, starts: quick ? 3 : 7 });
  M.lsp = lsp;
  const ms = (x) => `${x.toFixed(2)} ms`;
  row('one-char edit in 20 KB → diagnostics, p50 server side', ms(service.editDiagnostics.median), '', service.editDiagnostics.median / floor.median, '≤ 5 ms', service.editDiagnostics.median <= 5);
  row('  the same over stdio (round trip)', ms(lsp.editDiagnostics.median), '', lsp.editDiagnostics.median / floor.median, '—', null);
  for (const k of ['hover', 'completion', 'codeAction']) {
    row(`${k} p95 server side`, ms(service[k].p95), '', service[k].p95 / floor.median, '≤ 5 ms', service[k].p95 <= 5);
    row(`  the same over stdio (round trip)`, ms(lsp[k].p95), '', lsp[k].p95 / floor.median, '—', null);
  }
  row('server cold start → initialize (KB loaded)', `${lsp.coldStart.median.toFixed(0)} ms`, '', lsp.coldStart.median / floor.median, '≤ 400 ms', lsp.coldStart.median <= 400);

  // 2b. Bursts and long paragraphs (issue 12, items 15 and 3), over stdio: a hover after 1,000
  //     didChange in one write (push diagnostics); typing in one 500 KB paragraph, the server's
  //     peak RSS and the latency per keystroke at the start and the end.
  const burst = await measureBurst({ sizes: quick ? [11_000] : [11_000, 114_000] });
  M.burst = burst;
  for (const b of Object.values(burst)) {
    row(`hover after 1,000 edits in one write, ${(b.chars / 1000).toFixed(0)} KB (${b.publishes} publish)`, ms(b.hoverMs), '', null, '≤ 1,000 ms', b.hoverMs <= 1000);
  }
  const typing = await measureTyping(quick ? { size: 100_000, keys: 40 } : { size: 500_000, keys: 800 });
  M.typing = typing;
  const kbOf = (n) => `${(n / 1000).toFixed(0)} KB`;
  row(`typing ${typing.keys} chars in one ${kbOf(typing.chars)} paragraph: peak RSS`, `${typing.peakRssMb.toFixed(0)} MB`, '', null, '< 500 MB', typing.peakRssMb < 500);
  row(`  latency per keystroke, first / last ${typing.end.n}, p50`, `${typing.start.median.toFixed(0)} / ${typing.end.median.toFixed(0)} ms`, '', null, '—', null);

  // 3. `pressmark check` over generated corpora: 1,000 and 10,000 documents.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-bench-'));
  try {
    const sizes = quick ? [50, 200] : [1000, 10000];
    M.check = {};
    for (const n of sizes) {
      const dir = path.join(tmp, String(n));
      const bytes = corpus(dir, n, 100_000);
      const r = checkRun(dir);
      M.check[n] = { docs: n, mb: bytes / 1e6, ms: r.ms, rssMb: r.rssMb, reportMb: r.reportMb, msPerDoc: r.ms / n };
    }
    const [small, large] = sizes.map((n) => M.check[n]);
    // the floor's time for as many megabytes as the corpus holds
    const floorFor = (c) => (floor.median * c.mb) / (big.length / 1e6);
    for (const c of [small, large]) c.ratioToFloor = c.ms / floorFor(c);
    row(`check ${large.docs} docs (${large.mb.toFixed(0)} MB)`, `${(large.ms / 1000).toFixed(1)} s`, '', large.ratioToFloor, quick ? '—' : '≤ 10 s', large.ms <= 10_000);
    row(`check peak RSS`, `${large.rssMb.toFixed(0)} MB`, '', null, '≤ 500 MB', large.rssMb <= 500);
    const growth = large.msPerDoc / small.msPerDoc;
    row(`check cost per doc, ${small.docs} → ${large.docs}`, `${small.msPerDoc.toFixed(2)} → ${large.msPerDoc.toFixed(2)} ms (×${growth.toFixed(2)})`, '', null, 'flat (≤ ×1.3)', growth <= 1.3);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  // 4. The .vsix.
  const vsix = path.join(ROOT, 'dist', 'pressmark.vsix');
  if (fs.existsSync(vsix)) {
    const mb = fs.statSync(vsix).size / 1024 / 1024;
    M.vsixMb = mb;
    row('.vsix size', `${mb.toFixed(2)} MB`, '', null, '≤ 5 MB', mb <= 5);
  }

  results.table = table;
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  const head = ['measure', 'value', '× floor', 'budget', 'met'];
  const rows = table.map((r) => [r.name, r.value, r.floorRatio == null ? '' : `${r.floorRatio.toFixed(1)}×`, r.budget, quick || r.ok === null ? (quick ? '(smoke)' : '') : r.ok ? 'yes' : 'NO']);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`floor: ${floorMBs.toFixed(0)} MB/s (newline count, same text, same process); load average ${results.loadavg.toFixed(1)} on ${results.cpus} CPUs`);
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
  console.log(`written: ${path.relative(process.cwd(), resultsFile)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
