#!/usr/bin/env node
'use strict';
/**
 * Benchmark of the built-in knowledge base load, each run in a fresh Node process (nothing warm):
 *
 *   require      loading the compiled loader modules (out/server/src/service/kb/builtin.js)
 *   read         fs.readFileSync of dist/kb.json
 *   parse        JSON.parse
 *   entities     kb.json records -> Entity objects (entitiesFromJson)
 *   index        new KnowledgeBase(entities): every index
 *   load         loadBuiltinKbWithInfo(): read + parse + entities + index, as the server and CLI do it
 *   load (cpu)   the CPU time (user + system, all threads, GC included) of that call: on a busy machine
 *                it shows what the wall time would be on an idle one
 *   kb stats     wall time of `node bin/pressmark.js kb stats --json` (process start to exit),
 *                when the bundle dist/cli.js exists
 *
 * Prints a table (median, p95, min, max over the runs). Budget: median `load` <= 300 ms; exit 1 when
 * it is over (p95 over the budget is reported, not failed: one slow run on a busy machine is noise).
 *
 * Needs `npx tsc -b` (the loader) and `node scripts/build-kb.js` (dist/kb.json).
 * Usage: node scripts/bench-kb.js [--runs N] [--json]
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const KB_DIR = path.join(ROOT, 'out', 'server', 'src', 'service', 'kb');
const LOADER = path.join(KB_DIR, 'builtin.js');
const KB_JSON = path.join(ROOT, 'dist', 'kb.json');
const CLI_BIN = path.join(ROOT, 'bin', 'pressmark.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const BUDGET_MS = 300;

const now = () => process.hrtime.bigint();
const msSince = (t) => Number(now() - t) / 1e6;

/** One measurement, in this (fresh) process; prints a JSON object. */
function child(mode) {
  const t0 = now();
  const builtin = require(LOADER);
  const { KnowledgeBase } = require(path.join(KB_DIR, 'knowledgeBase.js'));
  const requireMs = msSince(t0);
  if (mode === 'load') {
    // What the server and CLI do, in one call, on a fresh process.
    const cpu0 = process.cpuUsage();
    const info = builtin.loadBuiltinKbWithInfo(KB_JSON);
    const cpu = process.cpuUsage(cpu0);
    if (info.loadError) throw new Error(info.loadError);
    process.stdout.write(JSON.stringify({ requireMs, loadMs: info.loadMs, loadCpuMs: (cpu.user + cpu.system) / 1000, entities: info.kb.count() }));
    return;
  }
  // The same work in steps, on another fresh process (so neither measurement warms the other).
  let t = now();
  const text = fs.readFileSync(KB_JSON, 'utf8');
  const readMs = msSince(t);
  t = now();
  const data = JSON.parse(text);
  const parseMs = msSince(t);
  t = now();
  const entities = builtin.entitiesFromJson(data);
  const entitiesMs = msSince(t);
  t = now();
  const kb = new KnowledgeBase(entities);
  const indexMs = msSince(t);
  process.stdout.write(JSON.stringify({ readMs, parseMs, entitiesMs, indexMs, entities: kb.count() }));
}

function stats(values) {
  const v = values.slice().sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
  return { median: at(0.5), p95: at(0.95), min: v[0], max: v[v.length - 1] };
}

function main() {
  const args = process.argv.slice(2);
  const runsArg = args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '11';
  const runs = Number(runsArg);
  if (!Number.isInteger(runs) || runs < 1) { console.error(`bench-kb: --runs must be a positive whole number, not ${runsArg}`); process.exit(2); }
  if (!fs.existsSync(LOADER)) { console.error(`bench-kb: ${path.relative(ROOT, LOADER)} missing; run npx tsc -b`); process.exit(2); }
  if (!fs.existsSync(KB_JSON)) { console.error('bench-kb: dist/kb.json missing; run node scripts/build-kb.js'); process.exit(2); }
  const withCli = fs.existsSync(CLI_BUNDLE);

  const samples = { require: [], read: [], parse: [], entities: [], index: [], load: [], 'load (cpu)': [], 'kb stats': [] };
  let entities = 0;
  for (let i = 0; i < runs; i++) {
    const l = JSON.parse(execFileSync(process.execPath, [__filename, '--child', 'load'], { encoding: 'utf8' }));
    samples.require.push(l.requireMs);
    samples.load.push(l.loadMs);
    samples['load (cpu)'].push(l.loadCpuMs);
    entities = l.entities;
    const s = JSON.parse(execFileSync(process.execPath, [__filename, '--child', 'steps'], { encoding: 'utf8' }));
    samples.read.push(s.readMs);
    samples.parse.push(s.parseMs);
    samples.entities.push(s.entitiesMs);
    samples.index.push(s.indexMs);
    if (withCli) {
      const t = now();
      execFileSync(process.execPath, [CLI_BIN, 'kb', 'stats', '--json'], { cwd: ROOT, encoding: 'utf8' });
      samples['kb stats'].push(msSince(t));
    }
  }
  if (!withCli) delete samples['kb stats'];
  const rows = Object.entries(samples).map(([name, v]) => ({ name, ...stats(v) }));
  const load = rows.find((r) => r.name === 'load');
  const summary = {
    runs,
    entities,
    kbBytes: fs.statSync(KB_JSON).size,
    node: process.version,
    budgetMs: BUDGET_MS,
    withinBudget: load.median <= BUDGET_MS,
    p95WithinBudget: load.p95 <= BUDGET_MS,
    rows,
  };

  if (args.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    const os = require('os');
    console.log(`built-in kb: ${entities} entities, dist/kb.json ${(summary.kbBytes / 1024).toFixed(0)} KiB; ` +
      `${runs} fresh processes per row; node ${process.version}; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
    const header = ['step', 'median ms', 'p95 ms', 'min ms', 'max ms'];
    const table = [header, ...rows.map((r) => [r.name, ...[r.median, r.p95, r.min, r.max].map((x) => x.toFixed(1))])];
    const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
    for (const r of table) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    console.log(`budget: load median <= ${BUDGET_MS} ms: ${summary.withinBudget ? 'ok' : 'OVER'}` +
      (summary.p95WithinBudget ? '' : ` (p95 ${load.p95.toFixed(1)} ms is over)`));
  }
  if (!summary.withinBudget) process.exitCode = 1;
}

if (process.argv[2] === '--child') child(process.argv[3]);
else main();
