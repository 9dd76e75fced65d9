#!/usr/bin/env node
/*
 * Evaluates the mention finder (MentionFinder.find with the built-in knowledge base) on an entity
 * corpus in JSONL:
 *   {"id","text","entities":[{"start","end","text","type":"PER|LOC|ORG|...","ref","named"}]}
 * with CODE POINT offsets (converted here to UTF-16), such as MEANTIME (see the corpus README).
 *
 * Usage: node scripts/eval-mentions.js <corpus.jsonl> [--errors] [--json] [--kb dist/kb.json]
 * Requires the compiled out/ (run `npx tsc -b`) and dist/kb.json (`node scripts/build-kb.js`).
 *
 * Figures:
 * 1. Countries. Gold: LOC mentions whose DBpedia `ref` names a country (the resource name with
 *    underscores as spaces, looked up with kb.lookupName(..., {type: 'country'}): United_States
 *    → US). Recall is over the named ones (`named: true`), both all of them and the "name form"
 *    subset whose text is a name of that country in the knowledge base (the rest are demonyms such
 *    as "American", which the finder does not report as countries by design, and metonyms such as
 *    "the White House" or "federal"). A predicted country is correct when a gold LOC mention (named
 *    or not) has the same span and the same country; precision is over all predicted countries.
 *    A gold mention with no ref ("U.S." unresolved in the corpus) that matches the span is counted
 *    apart (`unverifiable`), as correct.
 * 2. Per type, over the named gold mentions: LOC (predicted country or place against gold LOC),
 *    its two parts (country: gold LOC whose ref is a country; place: the other gold LOC), ORG
 *    (org) and PER (person). Recall over named gold mentions of the type; precision over
 *    predictions (correct when a gold mention of the type, named or not, matches). Exact span
 *    and overlap; the issue's bar reads ORG exact and LOC/PER overlap (MEANTIME marks a title
 *    with its name, "Spokeswoman Sandy Angers", and demonyms as LOC).
 *
 * Predictions: the mention pipeline over the plain text (findMentionsInText, names only), as
 * the editor and `pressmark annotate` propose them.
 *
 * Options:
 *   --with MODULE.js      (repeatable) also run the recognizers a compiled module exports (every
 *                         export with a `recognize` function, e.g.
 *                         out/server/src/service/mentions/shape/orgs.js) and merge their
 *                         candidates with the predictions: vetoes first, then the longer span
 *                         wins, the prediction on equal spans. For measuring a recognizer before
 *                         it is in the registry (mentions/recognizers.ts).
 *   --from-annotate FILE  take the predictions from the output of `pressmark annotate --jsonl`
 *                         ({"id","annotations":[{"start","end","type","id","value"}]} lines, code
 *                         point offsets) instead of running the finder here; the figures must agree.
 *   --demonyms on|off     the project convention measured (pressmark.yaml `mentions: {demonyms}`,
 *                         docs/format.md): `on` (the default here) proposes a country's demonym
 *                         as the country ("German magazine"), as MEANTIME (LOC) and ACE (GPE)
 *                         annotate; `off` is Pressmark's default (the seed, OntoNotes, CoNLL).
 *                         Printed in the output. Ignored with --from-annotate (the annotate run
 *                         reads the setting from the pressmark.yaml that applies).
 *   --drop-premodifiers   measurement only: leave out a predicted country that premodifies a common
 *                         noun ("the US manufacturer", "US officials": the next word, after one
 *                         space, is lower case and not a function word or a verb in -ed), to
 *                         compare with the convention that treats those uses like demonyms.
 *
 * Span matching: "exact" compares spans after dropping a leading "the "/"The " from the gold span
 * (the house style keeps the article out of labels: issue 5, boundary problems); "strict" compares
 * the raw spans; "overlap" accepts any overlap (one-to-one, for recall).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { CodePoints } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'service', 'text.js'));

const args = process.argv.slice(2);
const valued = ['--kb', '--from-annotate', '--with', '--demonyms'];
const corpusPath = args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1]));
const fromAnnotate = args.includes('--from-annotate') ? args[args.indexOf('--from-annotate') + 1] : undefined;
const dropPremodifiers = args.includes('--drop-premodifiers');
const demonymsArg = args.includes('--demonyms') ? args[args.indexOf('--demonyms') + 1] : 'on';
if (demonymsArg !== 'on' && demonymsArg !== 'off') {
  console.error('--demonyms takes on or off');
  process.exit(2);
}
const demonyms = demonymsArg === 'on';
const showErrors = args.includes('--errors');
const asJson = args.includes('--json');
const kbArg = args.includes('--kb') ? args[args.indexOf('--kb') + 1] : undefined;
const withModules = args.flatMap((a, i) => (a === '--with' && args[i + 1] ? [args[i + 1]] : []));
if (!corpusPath) {
  console.error('usage: node scripts/eval-mentions.js <corpus.jsonl> [--errors] [--json] [--kb dist/kb.json] [--from-annotate annotations.jsonl] [--with recognizer.js]... [--demonyms on|off] [--drop-premodifiers]');
  process.exit(2);
}
const out = path.join(__dirname, '..', 'out', 'server', 'src', 'service');
const { loadBuiltinKbWithInfo } = require(path.join(out, 'kb', 'builtin.js'));
const mentions = require(path.join(out, 'mentions', 'index.js'));
const { MentionFinder, findMentionsInText } = mentions;

const loaded = loadBuiltinKbWithInfo(kbArg);
if (loaded.loadError) {
  console.error(loaded.loadError);
  process.exit(2);
}
const kb = loaded.kb;
const finder = MentionFinder.for(kb);
const extraRecognizers = [];
for (const m of withModules) {
  const mod = require(path.resolve(m));
  for (const v of Object.values(mod)) if (v && typeof v.recognize === 'function') extraRecognizers.push(v);
  if (!extraRecognizers.length) {
    console.error(`${m} exports no recognizer (an object with a recognize function)`);
    process.exit(2);
  }
}

/** Predictions plus the --with recognizers' candidates: vetoes, then the longer span, the prediction on a tie. */
function withExtra(text, dct, pred) {
  if (!extraRecognizers.length) return pred;
  const ctx = { kb, language: 'en', dct };
  const cands = [];
  for (const r of extraRecognizers) for (const c of r.recognize(text, ctx)) cands.push(c);
  const vetoes = cands.filter((c) => c.veto);
  const vetoed = (m) => vetoes.some((v) => (v.type === '*' || v.type === m.type) && v.start <= m.start && m.end <= v.end);
  const all = [...pred.map((p, i) => ({ ...p, rank: 0, i })), ...cands.filter((c) => !c.veto).map((c, i) => ({ ...c, text: text.slice(c.start, c.end), rank: 1, i }))].filter((m) => !vetoed(m));
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  const kept = [];
  for (const m of all) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}


const refCountry = new Map();
/** The KB country a DBpedia resource names, or undefined. */
function countryOfRef(ref) {
  if (!ref) return undefined;
  if (refCountry.has(ref)) return refCountry.get(ref);
  const m = /^https?:\/\/dbpedia\.org\/resource\/(.+)$/.exec(ref);
  let id;
  if (m) {
    const name = decodeURIComponent(m[1]).replace(/_/g, ' ');
    const hit = kb.lookupName(name, { type: 'country' })[0];
    if (hit) id = hit.id;
  }
  refCountry.set(ref, id);
  return id;
}

/** The span without a leading article. */
function trimThe(text, s, e) {
  const t = text.slice(s, e);
  const m = /^(?:the|The|THE)\s+/.exec(t);
  return m && m[0].length < t.length ? [s + m[0].length, e] : [s, e];
}

/** Predictions read from `pressmark annotate --jsonl` output, by document id (UTF-16 offsets come later). */
let annotated;
if (fromAnnotate) {
  annotated = new Map();
  for (const line of fs.readFileSync(fromAnnotate, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    annotated.set(row.id, row.annotations);
  }
}

/** Words after a country that do not make it a premodifier of a common noun. */
const FUNCTION_WORDS = new Set(
  ('and or but nor to of in on at for from with by as into than then that which who whose whom ' +
    'is are was were be been being has have had will would shall should can could may might must do does did ' +
    'also not now still again alone itself said says say according').split(' '),
);
function premodifier(text, p) {
  const m = /^ ([a-z][a-z-]*)\b/.exec(text.slice(p.end, p.end + 40));
  return !!m && !FUNCTION_WORDS.has(m[1]) && !/ed$/.test(m[1]);
}

const docs = fs
  .readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const c = {
  country: { gold: 0, goldNames: 0, pred: 0, tp: 0, tpStrict: 0, tpNested: 0, unverifiable: 0, found: 0, foundNames: 0, foundOverlap: 0, foundStrict: 0 },
};
/** The per-type table: which predicted types are scored against which gold mentions. */
const TABLE = [
  { T: 'LOC', types: ['country', 'place'], gold: (g) => g.type === 'LOC', bar: 'overlap' },
  { T: 'country', types: ['country'], gold: (g) => g.type === 'LOC' && !!g.country, bar: 'above' },
  { T: 'place', types: ['place'], gold: (g) => g.type === 'LOC' && !g.country, bar: 'overlap' },
  { T: 'ORG', types: ['org'], gold: (g) => g.type === 'ORG', bar: 'exact' },
  { T: 'PER', types: ['person'], gold: (g) => g.type === 'PER', bar: 'overlap' },
];
const byType = {};
for (const row of TABLE) byType[row.T] = { gold: 0, pred: 0, tp: 0, tpOverlap: 0, found: 0, foundOverlap: 0 };
const errors = { countryFP: [], countryFN: [] };
for (const row of TABLE) if (row.T !== 'country') Object.assign(errors, { [row.T + 'FP']: [], [row.T + 'FN']: [] });
let chars = 0;
let elapsed = 0;

function context(text, s, e) {
  return (text.slice(Math.max(0, s - 30), s) + '[' + text.slice(s, e) + ']' + text.slice(e, e + 30)).replace(/\n/g, ' ⏎ ');
}

for (const doc of docs) {
  const text = doc.text;
  const cps = new CodePoints(text);
  const map = (c) => cps.toUtf16(c);
  const gold = (doc.entities || []).map((g) => {
    const start = map(g.start);
    const end = map(g.end);
    if (text.slice(start, end) !== g.text) throw new Error(`offset conversion failed in ${doc.id}: ${g.text}`);
    const [ts, te] = trimThe(text, start, end);
    return { ...g, start, end, ts, te, country: g.type === 'LOC' ? countryOfRef(g.ref) : undefined };
  });
  const t0 = process.hrtime.bigint();
  let pred;
  if (annotated) {
    const rows = annotated.get(doc.id);
    if (!rows) throw new Error(`no annotations for ${doc.id} in ${fromAnnotate}`);
    pred = rows.map((a) => ({ start: map(a.start), end: map(a.end), type: a.type, id: a.id, text: text.slice(map(a.start), map(a.end)) }));
  } else {
    pred = findMentionsInText(text, kb, doc.dct, { dates: false, inputs: { demonyms } });
  }
  pred = withExtra(text, doc.dct, pred);
  if (dropPremodifiers) pred = pred.filter((p) => p.type !== 'country' || !premodifier(text, p));
  elapsed += Number(process.hrtime.bigint() - t0) / 1e9;
  chars += text.length;
  const exact = (g, p) => (g.ts === p.start && g.te === p.end) || (g.start === p.start && g.end === p.end);
  const overlap = (g, p) => g.start < p.end && p.start < g.end;

  // --- countries
  const goldCountries = gold.filter((g) => g.country && g.named);
  const predCountries = pred.filter((p) => p.type === 'country');
  c.country.pred += predCountries.length;
  for (const p of predCountries) {
    if (gold.some((g) => g.type === 'LOC' && g.country === p.id && exact(g, p))) {
      c.country.tp++;
      if (gold.some((g) => g.type === 'LOC' && g.country === p.id && g.start === p.start && g.end === p.end)) c.country.tpStrict++;
    } else if (gold.some((g) => g.type === 'LOC' && !g.ref && exact(g, p))) {
      c.country.tp++;
      c.country.unverifiable++;
    } else {
      if (gold.some((g) => g.type === 'LOC' && g.country === p.id && g.start <= p.start && p.end <= g.end)) c.country.tpNested++;
      const g = gold.find((x) => overlap(x, p));
      errors.countryFP.push(`${doc.id}: ${p.id} ${context(text, p.start, p.end)}${g ? `   gold: ${g.type} "${g.text}" ${g.ref || ''}` : ''}`);
    }
  }
  const usedOverlap = new Set();
  for (const g of goldCountries) {
    c.country.gold++;
    const isName = kb.lookupName(text.slice(g.ts, g.te), { type: 'country' }).some((e) => e.id === g.country);
    if (isName) c.country.goldNames++;
    const hit = predCountries.find((p) => p.id === g.country && exact(g, p));
    if (hit) {
      c.country.found++;
      if (isName) c.country.foundNames++;
      if (hit.start === g.start && hit.end === g.end) c.country.foundStrict++;
    } else {
      errors.countryFN.push(`${doc.id}: ${g.country}${isName ? '' : ' (not a name form)'} ${context(text, g.start, g.end)}`);
    }
    const ov = predCountries.find((p, i) => !usedOverlap.has(i) && p.id === g.country && overlap(g, p));
    if (ov) {
      usedOverlap.add(predCountries.indexOf(ov));
      c.country.foundOverlap++;
    }
  }

  // --- per type
  for (const { T, types, gold: isGold, bar } of TABLE) {
    const ps = pred.filter((p) => types.includes(p.type));
    const gs = gold.filter(isGold);
    const match = bar === 'exact' ? exact : overlap;
    const n = byType[T];
    n.pred += ps.length;
    for (const p of ps) {
      if (gs.some((g) => exact(g, p))) n.tp++;
      if (gs.some((g) => overlap(g, p))) n.tpOverlap++;
      if (T !== 'country' && !gs.some((g) => match(g, p))) {
        const g = gold.find((x) => overlap(x, p));
        errors[T + 'FP'].push(`${doc.id}: ${p.type}:${p.id}${p.reason ? ` (${p.reason})` : ''} ${context(text, p.start, p.end)}${g ? `   gold: ${g.type} "${g.text}"` : ''}`);
      }
    }
    // overlap recall is one-to-one, except that one prediction may stand for gold mentions nested
    // in one another ("[JSA Research defence analyst [Paul Nesbit]]": two gold mentions, one name)
    const used = new Map();
    for (const g of gs.filter((x) => x.named)) {
      n.gold++;
      if (ps.some((p) => exact(g, p))) n.found++;
      if (T !== 'country' && !ps.some((p) => match(g, p))) {
        const p = pred.find((x) => overlap(g, x));
        errors[T + 'FN'].push(`${doc.id}: ${context(text, g.start, g.end)}${p ? `   predicted: ${p.type}:${p.id} "${p.text}"` : ''}`);
      }
      const nested = (a, b) => (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
      const i = ps.findIndex((p, k) => overlap(g, p) && (!used.has(k) || used.get(k).every((h) => nested(g, h))));
      if (i >= 0) {
        used.set(i, [...(used.get(i) || []), g]);
        n.foundOverlap++;
      }
    }
  }
}

const ratio = (a, b) => (b ? a / b : 0);
const f1 = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
const r3 = (x) => Math.round(x * 1000) / 1000;
const K = c.country;
const result = {
  corpus: path.basename(corpusPath),
  predictions: (fromAnnotate ? `pressmark annotate --jsonl (${path.basename(fromAnnotate)})` : `findMentionsInText (names; demonyms ${demonyms ? 'on: proposed as the country, the MEANTIME/ACE convention' : 'off: not proposed, Pressmark\'s default'}, --demonyms)`) + (withModules.length ? ` + ${withModules.map((m) => path.basename(m)).join(', ')}` : ''),
  dropPremodifiers,
  docs: docs.length,
  kbForms: finder.size,
  countries: {
    predicted: K.pred,
    correct: K.tp,
    unverifiable: K.unverifiable,
    precision: r3(ratio(K.tp, K.pred)),
    precisionStrict: r3(ratio(K.tpStrict, K.pred)),
    precisionWithoutUnverifiable: r3(ratio(K.tp - K.unverifiable, K.pred)),
    precisionNested: r3(ratio(K.tp + K.tpNested, K.pred)),
    goldNamed: K.gold,
    goldNameForms: K.goldNames,
    recallNameForms: r3(ratio(K.foundNames, K.goldNames)),
    recallAll: r3(ratio(K.found, K.gold)),
    recallAllStrict: r3(ratio(K.foundStrict, K.gold)),
    recallAllOverlap: r3(ratio(K.foundOverlap, K.gold)),
  },
};
for (const { T, bar } of TABLE) {
  const x = byType[T];
  const p = ratio(x.tp, x.pred);
  const r = ratio(x.found, x.gold);
  result[T] = {
    predicted: x.pred,
    goldNamed: x.gold,
    precision: r3(p),
    recall: r3(r),
    f1: r3(f1(p, r)),
    precisionOverlap: r3(ratio(x.tpOverlap, x.pred)),
    recallOverlap: r3(ratio(x.foundOverlap, x.gold)),
    bar,
  };
}
result.speed = { chars, seconds: r3(elapsed), mbPerSecond: r3(chars / 1e6 / (elapsed || 1e-9)) };

if (asJson) {
  if (showErrors) result.errors = errors;
  console.log(JSON.stringify(result, null, 2));
} else {
  const C = result.countries;
  console.log(`Mention finder on ${result.corpus}: ${result.docs} documents, ${result.kbForms} name forms in the trie`);
  console.log(`Predictions: ${result.predictions}${dropPremodifiers ? ', countries premodifying a common noun left out (--drop-premodifiers)' : ''}`);
  console.log('');
  console.log('Countries (gold: LOC mentions whose DBpedia ref is a country)');
  console.log(`  precision  ${C.precision.toFixed(3)}  (${C.correct}/${C.predicted} predicted, ${C.unverifiable} of them on gold LOC mentions without ref: ${C.precisionWithoutUnverifiable.toFixed(3)} if those count as wrong; strict spans ${C.precisionStrict.toFixed(3)})`);
  console.log(`  precision  ${C.precisionNested.toFixed(3)}  counting as correct a country name inside a gold LOC mention of the same country ("the government of [Germany]")`);
  console.log(`  recall     ${C.recallNameForms.toFixed(3)}  over the ${C.goldNameForms} named mentions written as a country name`);
  console.log(`  recall     ${C.recallAll.toFixed(3)}  over all ${C.goldNamed} named mentions (demonyms and metonyms included; strict ${C.recallAllStrict.toFixed(3)}, overlap ${C.recallAllOverlap.toFixed(3)})`);
  console.log('');
  console.log('Named mentions per type (exact span; overlap in brackets; * the figure the issue-13 bar reads)');
  console.log('  type      predicted  gold  precision          recall             F1 exact');
  for (const { T, bar } of TABLE) {
    const x = result[T];
    const e = bar === 'exact' ? '*' : ' ';
    const o = bar === 'overlap' ? '*' : ' ';
    console.log(
      `  ${T.padEnd(8)}  ${String(x.predicted).padStart(9)}  ${String(x.goldNamed).padStart(4)}  ${x.precision.toFixed(3)}${e}(${x.precisionOverlap.toFixed(3)}${o})   ${x.recall.toFixed(3)}${e}(${x.recallOverlap.toFixed(3)}${o})   ${x.f1.toFixed(3)}`,
    );
  }
  console.log('');
  console.log(`Speed: ${result.speed.chars} characters in ${result.speed.seconds} s (${result.speed.mbPerSecond} MB/s; short documents, per-call overhead included)`);
  if (showErrors) {
    for (const [k, list] of Object.entries(errors)) {
      console.log(`\n${k} (${list.length})`);
      for (const e of list) console.log('  ' + e);
    }
  }
}
