#!/usr/bin/env node
// Adversarial shapes: inputs that once made a parse, a check or a command superlinear (issue 12).
// Each shape builds its input at a size factor k (1×, 2×, 4×, 8×) and runs the code under test
// on it; the verdict is the growth of the cost per unit of input from 1× to 8× (≈ ×1 for a
// linear pass; a quadratic one shows ×8). Shapes live in bench/shapes/<area>.js, each exporting
// an array of { item, name, make(k) → input, run(input) → anything, units(input) → number }.
// `node bench/adversarial.js [--quick] [--only substring]`; bench/run.js includes it.
// Needs a build (out/): npm run build.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FACTORS = [1, 2, 4, 8];
/** Per-unit cost growing by more than this from 1× to 8× is superlinear. */
const MAX_GROWTH = 2;

function loadShapes() {
  const dir = path.join(__dirname, 'shapes');
  const shapes = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    for (const s of require(path.join(dir, f))) shapes.push({ ...s, file: f });
  }
  return shapes;
}

function timeMs(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Median time of shape.run on its input at factor k (input built once, outside the timing). */
function measure(shape, k, runs) {
  const input = shape.make(k);
  shape.run(input); // warm-up
  // At least `runs` runs, more while they add up to under 200 ms (short runs are noisy), at most 25.
  const xs = [];
  let total = 0;
  while (xs.length < runs || (total < 200 && xs.length < 25)) {
    const ms = timeMs(() => shape.run(input));
    xs.push(ms);
    total += ms;
  }
  xs.sort((a, b) => a - b);
  return { k, units: shape.units ? shape.units(input) : k, ms: xs[Math.floor(xs.length / 2)] };
}

function measureAdversarial({ quick = false, only } = {}) {
  const runs = quick ? 1 : 3;
  const out = [];
  for (const shape of loadShapes()) {
    if (only && !shape.name.includes(only)) continue;
    const points = FACTORS.map((k) => measure(shape, quick ? k / 2 : k, runs));
    const first = points[0];
    const last = points[points.length - 1];
    const growth = last.ms / last.units / (first.ms / first.units);
    out.push({ item: shape.item, name: shape.name, file: shape.file, points, growth, linear: growth <= MAX_GROWTH });
  }
  return out;
}

function printTable(results) {
  const rows = results.map((r) => [
    String(r.item),
    r.name,
    r.points.map((p) => `${p.ms.toFixed(p.ms < 10 ? 2 : 0)}`).join(' / ') + ' ms',
    `×${r.growth.toFixed(2)}`,
    r.linear ? 'yes' : 'NO',
  ]);
  const head = ['item', 'shape', 'time at 1× / 2× / 4× / 8×', 'cost per unit 8× vs 1×', 'linear'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
}

module.exports = { measureAdversarial, printTable, MAX_GROWTH };

if (require.main === module) {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const i = args.indexOf('--only');
  const results = measureAdversarial({ quick, only: i >= 0 ? args[i + 1] : undefined });
  printTable(results);
  process.exit(quick || results.every((r) => r.linear) ? 0 : 1);
}
