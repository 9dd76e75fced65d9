#!/usr/bin/env node
/*
 * Throughput of the mention finder (MentionFinder.find over the built-in knowledge base) on
 * generated press-release text, against a floor measured in the same run on the same text: one
 * charCodeAt pass that counts newlines (the cost of reading the text once).
 *
 * Usage: node scripts/bench-mentions.js [--mb 1] [--runs 7] [--seed 42] [--json]
 * Requires the compiled out/ (`npx tsc -b`) and dist/kb.json (`node scripts/build-kb.js`).
 *
 * The text is deterministic for a seed: sentences built from templates with country, city,
 * organization and person-like names, dates, numbers, common words that are also city names in
 * lower case ("nice", "reading"), all-caps datelines, some Cyrillic and emoji. Prints the median
 * of the runs (after two warm-up runs), MB/s (10^6 UTF-16 code units per second) and the ratio
 * floor / finder.
 */
'use strict';
const path = require('path');

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const MB = opt('--mb', 1);
const RUNS = Math.max(1, opt('--runs', 7));
const SEED = opt('--seed', 42);
const asJson = args.includes('--json');

const out = path.join(__dirname, '..', 'out', 'server', 'src', 'service');
const { loadBuiltinKbWithInfo } = require(path.join(out, 'kb', 'builtin.js'));
const { MentionFinder } = require(path.join(out, 'mentions', 'finder.js'));

/** mulberry32: a small deterministic generator. */
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

const COUNTRIES = ['Kazakhstan', 'Luxembourg', 'the United States', 'the US', 'Germany', 'France', 'China', 'Japan', 'Singapore', 'Uzbekistan', 'the Netherlands', 'Belgium', 'Turkey', 'India', 'Brazil', 'South Korea', 'the United Kingdom', 'the UK', 'Russia', 'Georgia'];
const CITIES = ['Nur-Sultan', 'Almaty', 'Astana', 'Luxembourg City', 'Brussels', 'Paris', 'Berlin', 'Tashkent', 'Shymkent', 'Geneva', 'Vienna', 'Toulouse', 'Seattle', 'Frankfurt', 'Istanbul'];
const ORGS = ['the OSCE', 'the OSCE Parliamentary Assembly', 'the Council of Europe', 'the European Union', 'the EU', 'the United Nations', 'the UN', 'NATO', 'the World Bank', 'the IMF', 'UNESCO', 'the Eurasian Economic Union', 'Kazinform', 'the Benelux', 'the Asian Development Bank'];
const PEOPLE = ['Xavier Bettel', 'Kassym-Jomart Tokayev', 'Mukhtar Tileuberdi', 'Jean Asselborn', 'Mary Smith', 'John Henderson'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WORDS = 'cooperation partnership investment trade energy transport digital agriculture education culture tourism finance logistics innovation technology reading nice mobile split bath development projects agreements relations dialogue program initiative sector industry market growth'.split(' ');
const VERBS = ['signed', 'discussed', 'welcomed', 'announced', 'reviewed', 'launched', 'supported', 'expanded', 'strengthened', 'agreed on'];

function generate(bytes, seed) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  // eight templates carry names, three (the last ones) carry none
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const date = () => `${1 + Math.floor(r() * 28)} ${pick(MONTHS)} ${2015 + Math.floor(r() * 9)}`;
  const templates = [
    () => `${cap(pick(COUNTRIES))} and ${pick(COUNTRIES)} ${pick(VERBS)} ${pick(WORDS)} and ${pick(WORDS)} ${pick(WORDS)} on ${date()}.`,
    () => `The delegation of ${pick(COUNTRIES)} met representatives of ${pick(ORGS)} in ${pick(CITIES)} to discuss ${pick(WORDS)} ${pick(WORDS)}.`,
    () => `${pick(PEOPLE)} said that ${pick(WORDS)} between ${pick(COUNTRIES)} and ${pick(COUNTRIES)} had grown by ${Math.floor(r() * 90) + 5}% over the past ${2 + Math.floor(r() * 8)} years.`,
    () => `Over the past three decades, ${pick(ORGS)} has ${pick(VERBS)} ${Math.floor(r() * 400) + 10} ${pick(WORDS)} projects worth US$${Math.floor(r() * 900) + 100} million.`,
    () => `Reading the ${pick(WORDS)} report, experts in ${pick(CITIES)} noted that ${pick(WORDS)} remains a priority for ${pick(COUNTRIES)}'s ${pick(WORDS)} sector.`,
    () => `It was a nice ${pick(WORDS)} meeting, and ${pick(WORDS)} ${pick(WORDS)} will follow in ${pick(MONTHS)}.`,
    () => `Казахстан и Люксембург 🇰🇿🇱🇺 обсудили ${pick(['сотрудничество', 'инвестиции', 'торговлю'])} в ${pick(['Астане', 'Алматы'])}.`,
    () => `${pick(COUNTRIES).replace(/^the /, '').toUpperCase()}. KAZINFORM - ${cap(pick(WORDS))} ${pick(WORDS)} ${pick(VERBS)} today.`,
    // sentences without names, as most sentences of a release are
    () => `The parties ${pick(VERBS)} the importance of ${pick(WORDS)} and ${pick(WORDS)} for the ${pick(WORDS)} of both countries, noting that ${pick(WORDS)} ${pick(WORDS)} had reached ${Math.floor(r() * 900) + 100} ${pick(['units', 'tonnes', 'projects', 'companies'])}.`,
    () => `In addition, the sides ${pick(VERBS)} ways to increase ${pick(WORDS)} in ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)}, as well as to simplify procedures for ${pick(WORDS)} and ${pick(WORDS)}.`,
    () => `According to the ministry, ${pick(WORDS)} ${pick(WORDS)} grew by ${(r() * 20).toFixed(1)} percent in the first ${pick(['quarter', 'half', 'nine months'])} of the year.`,
  ];
  const parts = [];
  let size = 0;
  while (size < bytes) {
    let para = '';
    const n = 3 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) para += (i ? ' ' : '') + pick(templates)();
    parts.push(para);
    size += para.length + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}

function floor(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function timeIt(fn) {
  const t0 = process.hrtime.bigint();
  const v = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, v };
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
const text = generate(Math.round(MB * 1e6), SEED);
const build = timeIt(() => new MentionFinder(loaded.kb));
const finder = build.v;
const builds = [build.ms];
for (let i = 0; i < 3; i++) builds.push(timeIt(() => new MentionFinder(loaded.kb)).ms);

const floorMs = [];
const findMs = [];
let mentions = 0;
let sink = 0;
for (let i = 0; i < RUNS + 2; i++) {
  const f = timeIt(() => floor(text));
  const m = timeIt(() => finder.find(text));
  sink += f.v;
  mentions = m.v.length;
  if (i >= 2) {
    floorMs.push(f.ms);
    findMs.push(m.ms);
  }
}
const mbps = (ms) => text.length / 1e6 / (ms / 1000);
const result = {
  textChars: text.length,
  seed: SEED,
  runs: RUNS,
  nameForms: finder.size,
  buildMs: { first: Math.round(build.ms * 10) / 10, median: Math.round(median(builds.slice(1)) * 10) / 10 },
  floor: { ms: Math.round(median(floorMs) * 100) / 100, mbPerSecond: Math.round(mbps(median(floorMs))) },
  find: { ms: Math.round(median(findMs) * 10) / 10, mbPerSecond: Math.round(mbps(median(findMs)) * 10) / 10, mentions },
};
result.ratio = Math.round((median(findMs) / median(floorMs)) * 10) / 10;
// the fastest runs are the least disturbed by other processes
result.best = { floorMs: Math.round(Math.min(...floorMs) * 100) / 100, findMs: Math.round(Math.min(...findMs) * 10) / 10 };
result.best.findMbPerSecond = Math.round(mbps(result.best.findMs) * 10) / 10;
result.best.ratio = Math.round((result.best.findMs / result.best.floorMs) * 10) / 10;
if (asJson) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`Mention finder on ${result.textChars} characters of generated press-release text (seed ${SEED}), median of ${RUNS} runs`);
  console.log(`  trie: ${result.nameForms} name forms, built in ${result.buildMs.first} ms (then ${result.buildMs.median} ms)`);
  console.log(`  floor (charCodeAt newline count): ${result.floor.ms} ms  ${result.floor.mbPerSecond} MB/s`);
  console.log(`  find():                           ${result.find.ms} ms  ${result.find.mbPerSecond} MB/s  (${mentions} mentions)`);
  console.log(`  ratio find / floor: ${result.ratio}x (median runs); fastest runs: floor ${result.best.floorMs} ms, find ${result.best.findMs} ms (${result.best.findMbPerSecond} MB/s), ratio ${result.best.ratio}x`);
}
if (sink < 0) console.log(sink);
