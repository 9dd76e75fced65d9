#!/usr/bin/env node
// The long fuzz run (outside npm test): every feature of the language service over N random
// and hostile documents. Usage: node scripts/fuzz.js [--runs 100000] [--seed N]  (after tsc -b)
'use strict';
const fc = require('fast-check');
const path = require('node:path');
const out = path.join(__dirname, '..', 'out', 'test', 'support');
const { pressDocument } = require(path.join(out, 'arbitraries.js'));
const { checkDocument } = require(path.join(out, 'fuzzCheck.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const runs = opt('--runs', 100000);
const seed = opt('--seed', Date.now() % 2147483647);
const t0 = Date.now();
let done = 0;
let failures = 0;
const CHUNK = 1000;
for (let start = 0; start < runs; start += CHUNK) {
  const n = Math.min(CHUNK, runs - start);
  const result = fc.check(fc.property(pressDocument, (text) => checkDocument(text)), { numRuns: n, seed: seed + start });
  done += result.numRuns;
  if (result.failed) {
    failures++;
    console.error(`FAILED (seed ${seed + start}): ${JSON.stringify(result.counterexample)}\n${result.errorInstance}`);
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${done}/${runs} documents`);
}
if (process.stderr.isTTY) process.stderr.write('\n');
console.log(`fuzz: ${done} documents, ${failures} failures, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(failures ? 1 : 0);
