/**
 * The rule dispatch of matchAt (a trie of rule prefixes read off the rule expressions) must never
 * skip a rule that matches: checked on generated text against every rule's own expression, and
 * findDates against the unfiltered scan that tries every rule at every word.
 */
import * as assert from 'node:assert/strict';
import { clearBuiltCacheForTest, COMPILED, dispatchedRulesForTest, groupsFollowTextForTest, matchAt, rulePrefixesForTest } from '../../../server/src/service/dates/engine';
import { findDates, findDatesAllRules } from '../../../server/src/service/dates/recognize';
import { parseDct } from '../../../server/src/service/dates/timex';
import { rng } from '../../support/rng';

/** Words of the rule expressions, in several cases, plus numbers and look-alikes. */
function vocabulary(): string[] {
  const words = new Set<string>();
  for (const r of COMPILED) {
    const plain = r.src.replace(/\\[pPk]\{[^}]*\}|\\k<\w+>|\(\?<\w+>|\\[dswb]/g, ' ');
    for (const w of plain.match(/[\p{L}']+/gu) ?? []) words.add(w);
  }
  const base = [...words];
  const out = [
    ...base, ...base.map((w) => w.toUpperCase()), ...base.map((w) => w.charAt(0).toUpperCase() + w.slice(1)),
    '1', '7', '12', '29', '31', '32', '99', '2015', '2022', '1990s', '90s', "'90s", '’70s', '10:30', '18:00', '9.30', '3.5',
    '1,000', '2015-2016', '2022-06-29', '29/06/2022', '6/29/22', '1.2.2020', '3rd', '21st', '12345', 'Q1', 'H2', 'FY2020',
    'a.m.', 'p.m.', 'UTC', 'GMT+3', 'Jan.', 'Sept.', '%', '$', 'No.', 'percent', 'million', 'will', 'said', 'was', 'ago',
    // letters whose case folding is not plain lower-casing, and other scripts
    'WEE\u212AEND', '\u017Feptember', 'İ', 'ǅ', 'Σ', 'ß', 'Ёлка', 'әлем', 'ТРИ', 'ИЮНЯ', '𝐀', '٢٠١٥', '２０１５', '🎉',
  ];
  return out;
}

/**
 * Random strings of a rule's language, written independently of the analysis in engine.ts:
 * alternatives and repetitions chosen at random, class members at random, letters in random
 * case; a lookahead writes its text, other lookarounds nothing (samples that do not match are
 * not counted).
 */
function sampler(src: string, r: () => number): () => string {
  type Gen = (groups: Map<string, string>) => string;
  let i = 0;
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const caseOf = (c: string) => (r() < 0.3 ? c.toUpperCase() : c);
  const LETTERS = ['a', 'B', 'x', 'Q', 'ж', 'Ж', 'é'];
  const classMembers = (): string[] => {
    const negated = src[i] === '^';
    if (negated) i++;
    const out: string[] = [];
    while (src[i] !== ']') {
      let c = src[i++];
      if (c === '\\') {
        const e = src[i++];
        if (e === 'd') { out.push('0', '5', '9'); continue; }
        if (e === 's') { out.push(' '); continue; }
        if (e === 'p' || e === 'P') { i = src.indexOf('}', i) + 1; out.push(...LETTERS); continue; }
        c = e;
      }
      if (src[i] === '-' && src[i + 1] !== ']') {
        i++;
        let d = src[i++];
        if (d === '\\') d = src[i++];
        for (let k = c.codePointAt(0)!; k <= d.codePointAt(0)!; k++) out.push(String.fromCodePoint(k));
      } else out.push(c);
    }
    i++;
    return negated ? [' ', '#', 'z'].filter((c) => !out.includes(c)) : out;
  };
  const seq = (): Gen => {
    const alts: Gen[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      if (src[i] === '|') { i++; alts.push([]); continue; }
      let atom: Gen;
      const c = src[i++];
      if (c === '(') {
        let look = false; // a negative lookaround (or a lookbehind): produces nothing
        let name: string | undefined;
        if (src.startsWith('?:', i)) i += 2;
        else if (src.startsWith('?=', i)) i += 2; // a lookahead: its text is written (not consumed by the rule)
        else if (/^\?<?[=!]/.test(src.slice(i))) { look = true; i += src[i + 1] === '<' ? 3 : 2; }
        else if (src.startsWith('?<', i)) { const e = src.indexOf('>', i); name = src.slice(i + 2, e); i = e + 1; }
        const inner = seq();
        i++; // ')'
        atom = look ? () => '' : (g) => { const t = inner(g); if (name) g.set(name, t); return t; };
      } else if (c === '[') {
        const m = classMembers();
        atom = () => caseOf(pick(m));
      } else if (c === '\\') {
        const e = src[i++];
        if (e === 'd') atom = () => String(Math.floor(r() * 10));
        else if (e === 's') atom = () => ' ';
        else if (e === 'b') atom = () => '';
        else if (e === 'p' || e === 'P') { i = src.indexOf('}', i) + 1; atom = () => pick(LETTERS); }
        else if (e === 'k') { const end = src.indexOf('>', i); const name = src.slice(i + 1, end); i = end + 1; atom = (g) => g.get(name) ?? ''; }
        else atom = () => e;
      } else if (c === '^' || c === '$') atom = () => '';
      else if (c === '.') atom = () => pick(['x', ' ', '1']);
      else atom = () => caseOf(c);
      let min = 1, max = 1;
      if (src[i] === '?') { min = 0; i++; }
      else if (src[i] === '*') { min = 0; max = 3; i++; }
      else if (src[i] === '+') { max = 4; i++; }
      else if (src[i] === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i))!;
        min = +m[1];
        max = m[2] ? (m[3] ? +m[3] : min + 3) : min;
        i += m[0].length;
      }
      if (src[i] === '?' && (min !== 1 || max !== 1)) i++;
      const a = atom, lo = min, hi = max;
      alts[alts.length - 1].push(lo === 1 && hi === 1 ? a : (g) => {
        let t = '';
        const n = lo + Math.floor(r() * (hi - lo + 1));
        for (let k = 0; k < n; k++) t += a(g);
        return t;
      });
    }
    return (g) => pick(alts).map((f) => f(g)).join('');
  };
  const top = seq();
  return () => top(new Map());
}

const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', '-', '', '\n', '\r\n', '  ', '’', "'", '/', ':', '.', '\u00a0', '\t', '–', ' (', ') '];

function texts(seed: number, count: number): string[] {
  const r = rng(seed);
  const vocab = vocabulary();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 24);
    let t = '';
    for (let j = 0; j < n; j++) t += vocab[Math.floor(r() * vocab.length)] + SEPARATORS[Math.floor(r() * SEPARATORS.length)];
    out.push(r() < 0.5 ? t.trim() : t);
  }
  return out;
}

describe('dates/dispatch: rule prefixes', () => {
  it('lists the prefixes of every rule (none is tried everywhere)', () => {
    for (const { name, prefixes } of rulePrefixesForTest()) {
      assert.ok(prefixes && prefixes.length > 0, name);
      assert.ok(!prefixes.includes(''), `${name} has an empty prefix`);
    }
  });
  it('reads prefixes in canonical form: digits as 0, letters lower-cased', () => {
    const by = new Map(rulePrefixesForTest().map((r) => [r.name, r.prefixes ?? []]));
    assert.deepEqual(by.get('iso date'), ['0000-00-']);
    assert.ok(by.get('month')!.includes('june$'), 'a whole match ends with $');
    assert.ok(by.get('amount before a range')!.includes('0 and 0 '), 'a lookahead is read');
    assert.ok(by.get('Qn year')!.includes('q0$'));
    assert.ok(by.get('ru day word')!.includes('сегодня$'));
  });
  it('tries each rule on random strings of its own language, in random context', () => {
    const r = rng(13);
    const vocab = vocabulary();
    const word = () => vocab[Math.floor(r() * vocab.length)];
    const dct = parseDct('2022-06-29');
    COMPILED.forEach((rule, k) => {
      const sample = sampler(rule.src, r);
      let matched = 0;
      const texts: string[] = [];
      for (let n = 0; n < 150; n++) {
        const before = r() < 0.7 ? word() + (r() < 0.8 ? ' ' : '\n') : '';
        const text = before + sample() + (r() < 0.5 ? ' ' + word() : r() < 0.5 ? '.' : '');
        const at = before.length;
        rule.sticky.lastIndex = at;
        const m = rule.sticky.exec(text);
        if (!m || m[0].length === 0) continue;
        matched++;
        for (const recognizeOnly of [true, false]) {
          if (recognizeOnly && rule.recognize === false) continue;
          assert.ok(dispatchedRulesForTest(text, at, recognizeOnly).includes(k), `rule '${rule.name}' matches ${JSON.stringify(m[0])} in ${JSON.stringify(text)} but is not tried`);
        }
        assert.deepEqual(matchAt(text, at, dct, true), matchAt(text, at, dct, true, false, true), JSON.stringify(text));
        texts.push(text);
      }
      assert.ok(matched >= 20, `rule '${rule.name}': only ${matched} of 150 samples match`);
      const all = texts.join('\n');
      assert.deepEqual(findDates(all, '2022-06-29'), findDatesAllRules(all, '2022-06-29'), rule.name);
    });
  });
  it('at every position of generated text, tries every rule whose expression matches there', () => {
    const dct = parseDct('2022-06-29');
    let checked = 0;
    for (const text of texts(11, 400)) {
      for (let i = 0; i < text.length; i++) {
        for (const recognizeOnly of [true, false]) {
          const tried = new Set(dispatchedRulesForTest(text, i, recognizeOnly));
          COMPILED.forEach((r, k) => {
            if (recognizeOnly && r.recognize === false) return;
            r.sticky.lastIndex = i;
            const m = r.sticky.exec(text);
            if (m && m[0].length > 0) {
              checked++;
              assert.ok(tried.has(k), `rule '${r.name}' matches ${JSON.stringify(m[0])} at ${i} of ${JSON.stringify(text)} but is not tried`);
            }
          });
        }
        assert.deepEqual(matchAt(text, i, dct, true), matchAt(text, i, dct, true, false, true), `matchAt at ${i} of ${JSON.stringify(text)}`);
      }
    }
    assert.ok(checked > 1000, `only ${checked} rule matches in the generated text`);
  });
  it('findDates equals the scan that tries every rule at every start token, on generated text', () => {
    let found = 0;
    for (const text of texts(12, 400)) {
      for (const dct of ['2022-06-29', undefined]) {
        const got = findDates(text, dct);
        found += got.length;
        assert.deepEqual(got, findDatesAllRules(text, dct), JSON.stringify(text));
      }
    }
    assert.ok(found > 500, `only ${found} expressions found in the generated text`);
  });
});

describe('dates/matchAt: the cache of built values', () => {
  it('gives what building every match afresh gives, in any order of texts and publication dates', () => {
    const all = texts(14, 300);
    all.push('In May, prices rose. Prices may rise. May 2022 and may 2022. In May the vote.', 'The 90s and the 1990s; the 90s.');
    const dcts = ['2022-06-29', undefined, '2008-03-01'];
    const cold = all.map((t, i) => {
      clearBuiltCacheForTest();
      return findDates(t, dcts[i % 3]);
    });
    clearBuiltCacheForTest();
    for (let round = 0; round < 2; round++) {
      for (let i = all.length - 1; i >= 0; i--) assert.deepEqual(findDates(all[i], dcts[i % 3]), cold[i], JSON.stringify(all[i]));
    }
  });
  it('does not reuse a value built from the text around a match', () => {
    clearBuiltCacheForTest();
    const v = (text: string) => findDates(text, '2022-06-29').map((f) => [f.text, f.value]);
    assert.deepEqual(v('In May, prices rose.'), [['May', '2022-05']]);
    assert.deepEqual(v('Prices May rise.'), []);
    assert.deepEqual(v('In May, prices rose.'), [['May', '2022-05']]);
    assert.deepEqual(v('It was founded in 2015.'), [['2015', '2015']]);
    assert.deepEqual(v('Flight No. 2015 landed.'), []);
  });
  it('knows the rules whose groups may depend on the text after the match', () => {
    const follow = new Set(groupsFollowTextForTest());
    // a lookahead in the middle ('weekday': the plural "Mondays", 'the year', 'clock time', 'hour ampm', 'noon': "5 p.m. Nov. 6" not before a digit, 'mod pod': "late-night" not before a hyphen), a group in a lookahead ('amount before a range')
    assert.deepEqual(COMPILED.map((r) => r.name).filter((n) => !follow.has(n)), ['weekday', 'the year', 'amount before a range', 'clock time', 'hour ampm', 'mod pod', 'noon']);
  });
  it('builds the same values for rules matched without their groups, whatever comes after the match', () => {
    // each rule's samples followed by different text: values built afresh, then with the
    // cache filled by the same match before other text
    const r = rng(21);
    const dct = parseDct('2022-06-29');
    const tails = ['', ' ', '.', ' 2015', ' years', ' ago', '-long', ' percent', 'x', ' a.m.', ' and 90 days', ' and 90 years', ' to 5 weeks', ' of 2022'];
    COMPILED.forEach((rule) => {
      const sample = sampler(rule.src, r);
      for (let n = 0; n < 30; n++) {
        const body = sample();
        const texts = tails.map((tail) => 'in ' + body + tail);
        const cold = texts.map((text) => {
          clearBuiltCacheForTest();
          return matchAt(text, 3, dct, true, false, true);
        });
        for (const order of [texts.map((_t, i) => i), texts.map((_t, i) => texts.length - 1 - i)]) {
          clearBuiltCacheForTest();
          for (const i of order) assert.deepEqual(matchAt(texts[i], 3, dct, true), cold[i], `${rule.name}: ${JSON.stringify(texts[i])}`);
        }
      }
    });
  });
  it('does not reuse a value built from groups that differ for the same matched text', () => {
    clearBuiltCacheForTest();
    // "60" is valued by the unit after it (a group captured in a lookahead)
    const v = (text: string) => findDates(text, '2022-06-29').map((f) => [f.text, f.value]);
    assert.deepEqual(v('between 60 and 90 days'), [['60', 'P60D'], ['90 days', 'P90D']]);
    assert.deepEqual(v('between 60 and 90 years'), [['60', 'P60Y'], ['90 years', 'P90Y']]);
  });
});
