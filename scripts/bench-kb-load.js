#!/usr/bin/env node
'use strict';
/**
 * Measures how long the built-in knowledge base takes to load: reading dist/kb.json, JSON.parse and
 * building every index (KnowledgeBase constructor), each run in a fresh Node process so nothing is
 * warm. Also times a few typical queries on the loaded base. Budget: load <= 300 ms.
 *
 * Needs the compiled loader (npx tsc -b) and dist/kb.json (node scripts/build-kb.js).
 * Usage: node scripts/bench-kb-load.js [--runs N] [--json]
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const LOADER = path.join(ROOT, 'out', 'server', 'src', 'service', 'kb', 'builtin.js');
const KB = path.join(ROOT, 'dist', 'kb.json');
const BUDGET_MS = 300;

function child() {
  const t0 = process.hrtime.bigint();
  const { loadBuiltinKbWithInfo } = require(LOADER);
  const tRequired = process.hrtime.bigint();
  const info = loadBuiltinKbWithInfo(KB);
  const tLoaded = process.hrtime.bigint();
  if (info.loadError) throw new Error(info.loadError);
  const kb = info.kb;
  const time = (fn, n = 200) => {
    const s = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    return Number(process.hrtime.bigint() - s) / 1e6 / n;
  };
  const queries = ['Kaz', 'Astana', 'OSCE Parliamentary Assembly', 'Almati', 'Luxembourg', 'un', 'Бр'];
  const result = {
    requireMs: Number(tRequired - t0) / 1e6,
    loadMs: info.loadMs,
    totalMs: Number(tLoaded - t0) / 1e6,
    entities: kb.count(),
    lookupNameMs: time(i => kb.lookupName(['U.S.', 'Nur-Sultan', 'Kazakhstan', 'OSCE'][i % 4])),
    searchMs: time(i => kb.search(queries[i % queries.length], { limit: 20 }), 50),
    suggestMs: time(i => kb.suggest('country', ['XX', 'KAZ', 'Kazakstn'][i % 3]), 50),
  };
  process.stdout.write(JSON.stringify(result));
}

function main() {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 7;
  if (!fs.existsSync(LOADER)) { console.error(`bench-kb-load: ${path.relative(ROOT, LOADER)} missing; run npx tsc -b`); process.exit(2); }
  if (!fs.existsSync(KB)) { console.error('bench-kb-load: dist/kb.json missing; run node scripts/build-kb.js'); process.exit(2); }
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(JSON.parse(execFileSync(process.execPath, [__filename, '--child'], { encoding: 'utf8' })));
  }
  const stat = key => {
    const v = results.map(r => r[key]).sort((a, b) => a - b);
    return { median: v[Math.floor(v.length / 2)], min: v[0], max: v[v.length - 1] };
  };
  const summary = {
    runs,
    kbBytes: fs.statSync(KB).size,
    entities: results[0].entities,
    loadMs: stat('loadMs'),
    requireMs: stat('requireMs'),
    totalMs: stat('totalMs'),
    lookupNameMs: stat('lookupNameMs'),
    searchMs: stat('searchMs'),
    suggestMs: stat('suggestMs'),
    budgetMs: BUDGET_MS,
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    const f = s => `median ${s.median.toFixed(1)} ms (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`;
    const g = s => `median ${s.median.toFixed(3)} ms`;
    console.log(`kb: ${summary.entities} entities, dist/kb.json ${(summary.kbBytes / 1024).toFixed(0)} KiB, ${runs} fresh processes`);
    console.log(`  load (read + parse + index): ${f(summary.loadMs)}   budget ${BUDGET_MS} ms`);
    console.log(`  require loader modules:      ${f(summary.requireMs)}`);
    console.log(`  lookupName: ${g(summary.lookupNameMs)}   search: ${g(summary.searchMs)}   suggest: ${g(summary.suggestMs)}`);
  }
  if (summary.loadMs.median > BUDGET_MS) process.exitCode = 1;
}

if (process.argv.includes('--child')) child();
else main();
