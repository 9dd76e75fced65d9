#!/usr/bin/env node
/*
 * Throughput of the organization recognizer (server/src/service/mentions/shape/orgs.ts) on
 * generated press-release text, beside the built-in finder on the same text in the same run.
 *
 * Usage: node bench/shape-orgs.js [--mb 1] [--runs 7] [--seed 7] [--json]
 * Requires the compiled out/ (`npx tsc -b`) and dist/kb.json (`node scripts/build-kb.js`).
 *
 * The text is deterministic for a seed: sentences with organization names of every shape the
 * recognizer reads (head words, legal forms, quoted names after a designator, acronyms defined
 * in brackets, products with model designations), country and person names, Title Case
 * headlines, long capitalized runs, Cyrillic and emoji, and sentences with no name at all.
 * Prints medians of the runs after two warm-up runs, whole text and paragraph by paragraph, in
 * MB/s (10^6 UTF-16 code units per second), of wall time and of CPU time (user + system of this
 * process: on a shared machine, wall time also counts the other processes).
 */
'use strict';
const path = require('path');

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const MB = opt('--mb', 1);
const RUNS = Math.max(1, opt('--runs', 7));
const SEED = opt('--seed', 7);
const asJson = args.includes('--json');

const out = path.join(__dirname, '..', 'out', 'server', 'src', 'service');
const { loadBuiltinKbWithInfo } = require(path.join(out, 'kb', 'builtin.js'));
const { MentionFinder } = require(path.join(out, 'mentions', 'finder.js'));
const { orgRecognizer } = require(path.join(out, 'mentions', 'shape', 'orgs.js'));

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORGS = ['the Blue Marine Foundation', 'the Ministry of Foreign Affairs of Turkmenistan', 'the Kazakh Foreign Ministry', 'the Benelux Chamber of Commerce in Kazakhstan', 'Dialogue Events Ltd.', 'Chrysler LLC', 'Daimler AG', 'the Government Accountability Office', 'the U.S. Department of Labor', 'the People\'s Bank of China', 'Company “Dialogue Events Ltd.”', 'Agency “Turkmenaragatnashyk”', 'the Asian Development Bank', 'the OSCE'];
const DEFINED = ['the Office for Democratic Institutions and Human Rights (ODIHR)', 'the State Property Agency (SPA)', 'General Motors Corporation (GM)'];
const PRODUCTS = ['the Airbus A380', 'a Boeing 787 Dreamliner', 'two Boeing 737-800 jets', 'the Airbus A400M'];
const COUNTRIES = ['Kazakhstan', 'Luxembourg', 'the United States', 'Germany', 'Singapore', 'Turkmenistan'];
const PEOPLE = ['Xavier Bettel', 'Kassym-Jomart Tokayev', 'Mary Smith', 'Prime Minister John Howard'];
const WORDS = 'cooperation partnership investment trade energy transport digital agriculture education culture tourism finance logistics innovation technology development projects agreements relations dialogue program initiative sector industry market growth'.split(' ');
const VERBS = ['signed', 'discussed', 'welcomed', 'announced', 'reviewed', 'launched', 'supported'];

function generate(chars, seed) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const templates = [
    () => `${cap(pick(ORGS))} and ${pick(ORGS)} ${pick(VERBS)} ${pick(WORDS)} and ${pick(WORDS)} with ${pick(COUNTRIES)}.`,
    () => `${pick(PEOPLE)} met representatives of ${pick(DEFINED)} in Astana; later ${pick(['ODIHR', 'SPA', 'GM'])} said the ${pick(WORDS)} would continue.`,
    () => `${cap(pick(PRODUCTS))} was ${pick(VERBS)} by ${pick(ORGS)}, which ordered ${Math.floor(r() * 300) + 3} aircraft worth US$${Math.floor(r() * 900) + 100} million.`,
    () => `Blue Marine Foundation Launches ${cap(pick(WORDS))} Fund With Ministry Of Health`,
    () => `Казахстан и Люксембург 🇰🇿🇱🇺 обсудили сотрудничество с Министерством иностранных дел в Астане.`,
    () => `The parties ${pick(VERBS)} the importance of ${pick(WORDS)} and ${pick(WORDS)} for the ${pick(WORDS)} of both countries, noting that ${pick(WORDS)} had reached ${Math.floor(r() * 900) + 100} units.`,
    () => `In addition, the sides ${pick(VERBS)} ways to increase ${pick(WORDS)} in ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)}, as well as to simplify procedures.`,
    () => `According to the ministry, ${pick(WORDS)} grew by ${(r() * 20).toFixed(1)} percent in the first quarter of the year.`,
  ];
  const parts = [];
  let size = 0;
  while (size < chars) {
    let para = '';
    const n = 3 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) para += (i ? ' ' : '') + pick(templates)();
    parts.push(para);
    size += para.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

/** Wall time and CPU time (user + system, less disturbed by other processes on a shared machine). */
function timeIt(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const v = fn();
  const c = process.cpuUsage(c0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000, v };
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const loaded = loadBuiltinKbWithInfo();
if (loaded.loadError) {
  console.error(loaded.loadError);
  process.exit(2);
}
const kb = loaded.kb;
const ctx = { kb, language: 'en' };
const text = generate(Math.round(MB * 1e6), SEED);
const paragraphs = text.split('\n\n');
const finder = MentionFinder.for(kb);

const t = { orgs: [], orgsParagraphs: [], finder: [] };
const cpu = { orgs: [], orgsParagraphs: [], finder: [] };
let candidates = 0;
let vetoes = 0;
for (let i = 0; i < RUNS + 2; i++) {
  const a = timeIt(() => orgRecognizer.recognize(text, ctx));
  const b = timeIt(() => {
    let n = 0;
    for (const p of paragraphs) n += orgRecognizer.recognize(p, ctx).length;
    return n;
  });
  const c = timeIt(() => finder.find(text));
  candidates = a.v.filter((x) => !x.veto).length;
  vetoes = a.v.length - candidates;
  if (i >= 2) {
    t.orgs.push(a.ms);
    t.orgsParagraphs.push(b.ms);
    t.finder.push(c.ms);
    cpu.orgs.push(a.cpu);
    cpu.orgsParagraphs.push(b.cpu);
    cpu.finder.push(c.cpu);
  }
}
const mbps = (ms) => Math.round((text.length / 1e6 / (ms / 1000)) * 10) / 10;
const result = {
  textChars: text.length,
  paragraphs: paragraphs.length,
  seed: SEED,
  runs: RUNS,
  candidates,
  vetoes,
};
for (const k of ['orgs', 'orgsParagraphs', 'finder']) {
  result[k] = { ms: Math.round(median(t[k]) * 10) / 10, mbPerSecond: mbps(median(t[k])), bestMbPerSecond: mbps(Math.min(...t[k])), cpuMs: Math.round(median(cpu[k]) * 10) / 10, cpuMbPerSecond: mbps(median(cpu[k])) };
}
result.cpuRatio = Math.round((median(cpu.orgs) / median(cpu.finder)) * 100) / 100;
if (asJson) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${result.textChars} characters, ${result.paragraphs} paragraphs, seed ${SEED}: ${candidates} candidates, ${vetoes} vetoes`);
  const line = (label, r) => console.log(`${label} ${r.ms} ms  ${r.mbPerSecond} MB/s (best ${r.bestMbPerSecond}); CPU ${r.cpuMs} ms  ${r.cpuMbPerSecond} MB/s`);
  line('orgs, whole text       ', result.orgs);
  line('orgs, by paragraph     ', result.orgsParagraphs);
  line('built-in finder, whole ', result.finder);
  console.log(`CPU time orgs / finder: ${result.cpuRatio}`);
}
