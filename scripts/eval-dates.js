#!/usr/bin/env node
/*
 * Evaluates the date recognizer (findDates) on a TIMEX3 corpus in JSONL:
 *   {"id","dct","text","timex":[{"start","end","text","type","value","mod"?}]}
 * with CODE POINT offsets (converted here to UTF-16).
 *
 * Usage: node scripts/eval-dates.js <corpus.jsonl> [--errors] [--json] [--speed] [--by-source] [--conventions] [--predictions annotations.jsonl]
 *
 * --predictions scores the output of `pressmark annotate --jsonl` (its date, time, duration and
 * set annotations, by document id) instead of calling findDates, so that the pre-annotation gives
 * the script's figures: `node dist/cli.js annotate --jsonl --types date,time,duration,set
 * < corpus.jsonl > annotations.jsonl` (without --types, the names compete with the dates).
 *
 * --errors lists every error grouped by kind (missed, spurious, extent, type, value) and, in each
 * kind, by rule family (absolute, relative, durations, sets, times, mods+ranges): the family of
 * the rule that proposed the expression, or for a missed one the family its gold type and shape
 * point to. Largest groups first, each error with its context, so the points show where they are.
 * --by-source adds the figures of each sub-corpus (the document id without its last segment:
 * TBAQ joins TimeBank and AQUAINT, annotated by different teams with different habits).
 *
 * --conventions sorts the value errors (a relaxed match, the type or value wrong) by the habit of
 * the gold they show, where the habit departs from the TimeML 1.2.1 guidelines the recognizer
 * follows (CONVENTIONS below), and prints the value F1 were each habit's errors scored right, one
 * habit after another: what a corpus's habits cost, so that no one fits them.
 *
 * Requires the compiled out/server/src/service/dates/*.js (run `npx tsc -b` first).
 *
 * Reports strict (exact extent) and relaxed (overlap) extent P/R/F1, type accuracy and value
 * accuracy over relaxed matches, and value F1 (TempEval-3 style: a relaxed match with the
 * right value is a true positive, over all predicted and all gold expressions), overall and by
 * type (precision by predicted type, recall by gold type).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { CodePoints } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'service', 'text.js'));

const args = process.argv.slice(2);
const corpusPath = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--predictions');
const showErrors = args.includes('--errors');
const asJson = args.includes('--json');
const speed = args.includes('--speed');
const bySource = args.includes('--by-source');
const conventions = args.includes('--conventions');
const predIdx = args.indexOf('--predictions');
const predPath = predIdx >= 0 ? args[predIdx + 1] : undefined;
if (!corpusPath || corpusPath === predPath || (predIdx >= 0 && !predPath)) {
  console.error('usage: node scripts/eval-dates.js <corpus.jsonl> [--errors] [--json] [--speed] [--by-source] [--conventions] [--predictions annotations.jsonl]');
  process.exit(2);
}
const { findDates } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'service', 'dates', 'recognize.js'));
const { longestMatchAt } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'service', 'dates', 'engine.js'));
const { parseDct } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'service', 'dates', 'timex.js'));

const MONTH_OR_DIGIT = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
/** The family of a gold expression nothing matched: by its type, and for a DATE by its shape. */
function familyOfGold(g) {
  if (g.type === 'SET') return 'sets';
  if (g.type === 'TIME') return 'times';
  if (g.type === 'DURATION') return 'durations';
  if (/\b(?:early|mid|late|end|beginning|start|middle|between|from)\b|-\d/i.test(g.text)) return 'mods+ranges';
  return MONTH_OR_DIGIT.test(g.text) ? 'absolute' : 'relative';
}
/** The family of the rule that found p in text (its longest match where it starts; each rule's file sets it). */
function familyOfPred(text, p, dct) {
  const m = longestMatchAt(text, p.start, parseDct(dct));
  return m ? m.family : 'absolute';
}


const docs = fs.readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const TYPES = ['DATE', 'TIME', 'DURATION', 'SET'];
/** annotate --jsonl output by document id: {"id","annotations":[{"start","end","type","id","value"}]} (code points). */
const predicted = predPath
  ? new Map(fs.readFileSync(predPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((r) => [r.id, r.annotations]))
  : undefined;
function predictedOf(doc, map) {
  if (!predicted.has(doc.id)) throw new Error(`no predictions for ${doc.id} in ${predPath}`);
  return predicted.get(doc.id)
    .filter((a) => TYPES.includes(String(a.type).toUpperCase()))
    .map((a) => {
      const start = map(a.start);
      const end = map(a.end);
      return { start, end, text: doc.text.slice(start, end), type: String(a.type).toUpperCase(), value: a.value };
    });
}
/**
 * The gold value made valid where it breaks the TIMEX3 value syntax only in form: a week number is
 * two digits (TimeML 1.2.1 DTD, ISO 8601: "2000-W07"); TBAQ writes six of them "2000-W7". Counted
 * and printed, so the figure says how much of it is this.
 */
function validValue(v, state) {
  if (typeof v !== 'string') return v;
  const w = v.replace(/^(\d{4}-W)(\d)(?=$|-)/, '$10$2');
  if (w !== v) state.madeValid++;
  return w;
}
const zero = () => ({ gold: 0, pred: 0, strict: 0, relaxedG: 0, relaxedP: 0, typeOk: 0, valueOk: 0, valueTP: 0, matched: 0 });

/** Scores `docs`: the counts overall and by type, the errors, the time spent in findDates. */
function score(docs) {
  const state = { madeValid: 0 };
  const total = zero();
  const byType = Object.fromEntries(TYPES.map((t) => [t, zero()]));
  const errors = [];
  let elapsed = 0;
  let chars = 0;
  for (const doc of docs) {
    const cps = new CodePoints(doc.text);
    const map = (c) => cps.toUtf16(c);
    const gold = (doc.timex || []).map((t) => ({ ...t, value: validValue(t.value, state), start: map(t.start), end: map(t.end) }));
    for (const g of gold) {
      if (doc.text.slice(g.start, g.end) !== g.text) throw new Error(`offset conversion failed in ${doc.id}: ${g.text}`);
    }
    const t0 = process.hrtime.bigint();
    const pred = predicted ? predictedOf(doc, map) : findDates(doc.text, doc.dct);
    elapsed += Number(process.hrtime.bigint() - t0) / 1e9;
    chars += doc.text.length;

    total.gold += gold.length;
    total.pred += pred.length;
    for (const g of gold) if (byType[g.type]) byType[g.type].gold++;
    for (const p of pred) if (byType[p.type]) byType[p.type].pred++;

    // strict matches
    for (const g of gold) {
      if (pred.some((p) => p.start === g.start && p.end === g.end)) {
        total.strict++;
        if (byType[g.type]) byType[g.type].strict++;
      }
    }
    // relaxed one-to-one matching: exact extents pair first, then the rest by largest overlap (ties:
    // the closer extent). Without the first pass, a range proposed with its endpoints ("between 1994
    // and 1997" and "1994", "1997") could take gold "1994" by overlap and leave the exact "1994"
    // spurious, scoring a right reading as a wrong value.
    const usedP = new Set();
    const pairOf = new Map();
    for (const g of gold) {
      const i = pred.findIndex((p, j) => !usedP.has(j) && p.start === g.start && p.end === g.end);
      if (i >= 0) { usedP.add(i); pairOf.set(g, pred[i]); }
    }
    for (const g of gold) {
      if (pairOf.has(g)) continue;
      let best = -1;
      let bestOv = 0;
      let bestDiff = Infinity;
      pred.forEach((p, i) => {
        if (usedP.has(i)) return;
        const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
        const diff = Math.abs(g.start - p.start) + Math.abs(g.end - p.end);
        if (ov > bestOv || (ov === bestOv && ov > 0 && diff < bestDiff)) { bestOv = ov; bestDiff = diff; best = i; }
      });
      if (best >= 0) {
        usedP.add(best);
        pairOf.set(g, pred[best]);
      }
    }
    const pairs = [];
    for (const g of gold) {
      if (pairOf.has(g)) pairs.push([g, pairOf.get(g)]);
      else errors.push({ kind: 'missed', family: familyOfGold(g), id: doc.id, dct: doc.dct, gold: g, context: ctx(doc.text, g.start, g.end) });
    }
    pred.forEach((p, i) => {
      if (!usedP.has(i)) errors.push({ kind: 'spurious', family: familyOfPred(doc.text, p, doc.dct), id: doc.id, dct: doc.dct, pred: p, context: ctx(doc.text, p.start, p.end) });
    });
    for (const [g, p] of pairs) {
      total.matched++;
      const bt = byType[g.type];
      const pt = byType[p.type];
      if (bt) { bt.relaxedG++; bt.matched++; }
      if (pt) pt.relaxedP++;
      const typeOk = g.type === p.type;
      const valueOk = g.value === p.value;
      if (typeOk) { total.typeOk++; if (bt) bt.typeOk++; }
      if (valueOk) {
        total.valueOk++;
        if (bt) bt.valueOk++;
        // value F1 counts per type: recall on the gold type, precision on the predicted type
        if (bt) bt.valueTP++;
      }
      if (!typeOk || !valueOk || g.start !== p.start || g.end !== p.end) {
        errors.push({ kind: !valueOk ? 'value' : !typeOk ? 'type' : 'extent', family: familyOfPred(doc.text, p, doc.dct), id: doc.id, dct: doc.dct, gold: g, pred: p, context: ctx(doc.text, Math.min(g.start, p.start), Math.max(g.end, p.end)) });
      }
    }
    total.relaxedG = total.matched;
    total.relaxedP = total.matched;
    total.valueTP = total.valueOk;
    total.valueTPp = total.valueOk;
    // predicted-type value TPs for per-type precision
    for (const [g, p] of pairs) {
      if (g.value === p.value && byType[p.type]) byType[p.type].valueTPp = (byType[p.type].valueTPp || 0) + 1;
    }
  }
  return { total, byType, errors, elapsed, chars, madeValid: state.madeValid };
}

function ctx(text, s, e) {
  return (text.slice(Math.max(0, s - 50), s) + '[[' + text.slice(s, e) + ']]' + text.slice(e, e + 40)).replace(/\n/g, ' / ');
}

const pct = (x) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '-');
function prf(tpP, tpR, pred, gold) {
  const p = pred ? tpP / pred : NaN;
  const r = gold ? tpR / gold : NaN;
  const f = p + r > 0 ? (2 * p * r) / (p + r) : p === 0 || r === 0 ? 0 : NaN;
  return { p, r, f };
}

/**
 * Habits of a gold annotation that depart from the TimeML 1.2.1 guidelines, each a test on a
 * value error's gold and predicted expression (type, value). Read --conventions's list before
 * trusting a count: the tests are shapes, and a pair that fits one is not always that habit.
 */
const dayOf = (v) => (/^\d{4}-\d\d-\d\d/.exec(v) || [''])[0];
const CONVENTIONS = [
  {
    name: 'a part of a day typed DATE ("Wednesday night" DATE 2000-01-05; TimeML: TIME 2000-01-05TNI), the day right',
    test: (g, p) => g.type === 'DATE' && p.type === 'TIME' && /T(?:MO|AF|EV|NI|DT)$/.test(p.value) && dayOf(p.value) !== '' && String(g.value).startsWith(dayOf(p.value)),
  },
  {
    name: 'a known period written unknown ("last week" 1989-WXX, "1949" 1949-XX; TimeML: the period the text names)',
    test: (g, p) => g.type === p.type && /X/.test(g.value) && !/X/.test(p.value) && String(g.value).slice(0, 4) === String(p.value).slice(0, 4) && /^\d{4}/.test(p.value),
  },
  {
    name: 'a clock time without its zone or minutes ("5 p.m. EST" T17; MEANTIME and ISO 8601 keep the zone)',
    test: (g, p) => g.type === p.type && String(p.value).replace(/(?:[-+]\d\d:\d\d|Z)$/, '').replace(/:00$/, '') === String(g.value).replace(/:00$/, ''),
  },
  {
    name: 'a week written as a month or a day ("last week" 1998-10; TimeML: 1998-W43)',
    test: (g, p) => /^\d{4}-W\d\d/.test(p.value) && /^\d{4}-\d\d(?:-\d\d)?$/.test(g.value),
  },
  {
    name: 'a named period typed DURATION ("last week" P1W, "the fourth quarter" DURATION 1997-Q4; TimeML: DATE)',
    test: (g, p) => g.type === 'DURATION' && p.type === 'DATE' && (!/^P/.test(g.value) || /^(?:last|this|next|the past|the) (?:week|month|year|quarter|weekend)\b/i.test(p.text)),
  },
];

/** P/R/F1 of extents and values and the accuracies of one set of counts (the whole, or a type). */
function rates(b) {
  return {
    strict: prf(b.strict, b.strict, b.pred, b.gold),
    relaxed: prf(b.relaxedP, b.relaxedG, b.pred, b.gold),
    typeAccuracy: b.matched ? b.typeOk / b.matched : NaN,
    valueAccuracy: b.matched ? b.valueOk / b.matched : NaN,
    value: prf(b.valueTPp || 0, b.valueTP, b.pred, b.gold),
  };
}

/** The figures of one scoring: overall and by type. */
function figures(docsCount, sc) {
  const { total, byType } = sc;
  const r = { docs: docsCount, gold: total.gold, predicted: total.pred, goldValuesMadeValid: sc.madeValid, ...rates(total), byType: {} };
  for (const t of TYPES) r.byType[t] = { gold: byType[t].gold, predicted: byType[t].pred, ...rates(byType[t]) };
  return r;
}

const scored = score(docs);
const { errors, elapsed, chars } = scored;
const madeValid = scored.madeValid;
const result = figures(docs.length, scored);
if (bySource) {
  // the sub-corpora a corpus joins (TBAQ: TimeBank and AQUAINT, annotated by different teams),
  // by the document id without its last segment ("tbaq/aquaint/APW19980807.0261" -> "tbaq/aquaint")
  const groups = new Map();
  for (const d of docs) {
    const key = d.id.includes('/') ? d.id.slice(0, d.id.lastIndexOf('/')) : '(no source)';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(d);
  }
  result.bySource = Object.fromEntries([...groups].sort((x, y) => y[1].length - x[1].length).map(([k, ds]) => [k, figures(ds.length, score(ds))]));
}
if (conventions) {
  const left = new Set(errors.filter((e) => e.kind === 'value' || e.kind === 'type'));
  let right = scored.total.valueOk;
  result.conventions = [];
  for (const c of CONVENTIONS) {
    const hits = [...left].filter((e) => c.test(e.gold, e.pred));
    for (const e of hits) left.delete(e);
    // a type error has the right value already: only value errors add
    right += hits.filter((e) => e.kind === 'value').length;
    result.conventions.push({ name: c.name, errors: hits.length, valueF1: prf(right, right, result.predicted, result.gold).f });
  }
  result.conventions.push({ name: 'other', errors: left.size, valueF1: prf(right, right, result.predicted, result.gold).f });
}
if (speed) {
  // throughput on the whole corpus text repeated to ~5 MB
  const all = docs.map((d) => d.text).join('\n\n');
  const big = all.repeat(Math.max(1, Math.ceil(5e6 / all.length)));
  const t0 = process.hrtime.bigint();
  const n = findDates(big, '2010-01-01').length;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  result.speed = { chars: big.length, seconds: +s.toFixed(3), mbPerSecond: +(big.length / 1e6 / s).toFixed(2), found: n };
}
result.perDocSeconds = +elapsed.toFixed(4);

if (asJson) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const line = (name, r) => `P ${pct(r.p)}  R ${pct(r.r)}  F1 ${pct(r.f)}`;
  console.log(`corpus: ${corpusPath}  docs ${result.docs}  gold ${result.gold}  predicted ${result.predicted}`);
  if (madeValid) console.log(`gold values made valid in form: ${madeValid} (one-digit week numbers padded: 2000-W7 -> 2000-W07)`);
  console.log(`strict extent : ${line('strict', result.strict)}`);
  console.log(`relaxed extent: ${line('relaxed', result.relaxed)}`);
  console.log(`type accuracy : ${pct(result.typeAccuracy)}   value accuracy: ${pct(result.valueAccuracy)}  (over relaxed matches)`);
  console.log(`value         : ${line('value', result.value)}`);
  console.log('by type (precision by predicted type, recall by gold type):');
  for (const t of TYPES) {
    const b = result.byType[t];
    console.log(`  ${t.padEnd(8)} gold ${String(b.gold).padStart(3)} pred ${String(b.predicted).padStart(3)} | relaxed ${line('', b.relaxed)} | strict F1 ${pct(b.strict.f)} | type acc ${pct(b.typeAccuracy)} | value ${line('', b.value)}`);
  }
  console.log(`time in findDates: ${result.perDocSeconds}s for ${chars} chars`);
  if (result.bySource) {
    console.log('by source (document id without its last segment):');
    for (const [k, r] of Object.entries(result.bySource)) {
      const types = TYPES.map((t) => `${t} ${pct(r.byType[t].value.f)}`).join(', ');
      console.log(`  ${k.padEnd(16)} docs ${String(r.docs).padStart(3)} gold ${String(r.gold).padStart(4)} | relaxed F1 ${pct(r.relaxed.f)} | strict F1 ${pct(r.strict.f)} | value F1 ${pct(r.value.f)} (${types})`);
    }
  }
  if (result.conventions) {
    console.log(`the gold's habits among the value and type errors (value F1 were each scored right, cumulative):`);
    for (const c of result.conventions) console.log(`  ${String(c.errors).padStart(4)}  -> value F1 ${pct(c.valueF1)}  ${c.name}`);
  }
  if (result.speed) console.log(`speed: ${result.speed.mbPerSecond} MB/s (${result.speed.chars} chars in ${result.speed.seconds}s)`);
  if (showErrors) {
    // kinds in a fixed order; in each kind, families by number of errors (largest first)
    const kinds = ['missed', 'spurious', 'extent', 'type', 'value'];
    const groups = new Map();
    for (const e of errors) {
      const key = `${e.kind}\t${e.family}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    console.log('\nerrors by kind and family:');
    for (const k of kinds) {
      const fams = [...groups.entries()].filter(([key]) => key.startsWith(k + '\t')).sort((a, b) => b[1].length - a[1].length);
      const n = fams.reduce((s, [, l]) => s + l.length, 0);
      console.log(`  ${k.padEnd(8)} ${String(n).padStart(4)}: ${fams.map(([key, l]) => `${key.split('\t')[1]} ${l.length}`).join(', ')}`);
    }
    for (const k of kinds) {
      const fams = [...groups.entries()].filter(([key]) => key.startsWith(k + '\t')).sort((a, b) => b[1].length - a[1].length);
      for (const [key, list] of fams) {
        console.log(`\n== ${k} / ${key.split('\t')[1]} (${list.length})`);
        for (const e of list) {
          const g = e.gold ? `gold ${e.gold.type} ${e.gold.value}${e.gold.mod ? ' ' + e.gold.mod : ''} "${e.gold.text}"` : '';
          const p = e.pred ? `pred ${e.pred.type} ${e.pred.value}${e.pred.mod ? ' ' + e.pred.mod : ''} "${e.pred.text}"` : '';
          console.log(`${e.kind.padEnd(8)} ${e.dct} ${[g, p].filter(Boolean).join(' | ')}\n         ${e.context}`);
        }
      }
    }
  }
}
