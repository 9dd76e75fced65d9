import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type CompletionItem, type InlayHint, type TextEdit } from 'vscode-languageserver-types';
import { defaultConfig } from '../../server/src/service/config';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { RULES_BY_CODE } from '../../server/src/service/rules';
import { impliedPublicationDate, isRelative, labelContext } from '../../server/src/service/checks/dates';
import { applyEdits, marked, source, words } from '../support/marked';
import { onBoundary, pressDocument } from '../support/arbitraries';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
const ls = createLanguageService();
const FM = '---\ndate: 2022-06-29\n---\n';

function diagnostics(text: string) {
  return computeDiagnostics(parse(text), defaultConfig());
}
function dateProblems(text: string) {
  return diagnostics(text).filter((d) => String(d.code).startsWith('date.'));
}

/** The quick-fixes at the start of the first diagnostic with `code`. */
function fixesFor(text: string, code: string) {
  const d = diagnostics(text).find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(diagnostics(text))}`);
  const s = source(text);
  return { s, actions: ls.codeActions(s, { start: d.range.start, end: d.range.start }).filter((a) => a.diagnostics?.[0].code === code) };
}

function applyFix(text: string, code: string, title: string | RegExp): string {
  const { s, actions } = fixesFor(text, code);
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no fix ${title}; got ${actions.map((x) => x.title).join(' | ')}`);
  return applyEdits(text, parse(text).lines, a.edit!.changes![s.uri] as TextEdit[]);
}

describe('date checks', () => {
  it('the example is clean', () => {
    assert.deepEqual(diagnostics(EXAMPLE), []);
  });

  it('registers the four codes with their severities', () => {
    assert.equal(RULES_BY_CODE.get('date.invalid-value')?.severity, 'error');
    assert.equal(RULES_BY_CODE.get('date.type-mismatch')?.severity, 'error');
    assert.equal(RULES_BY_CODE.get('date.value-mismatch')?.severity, 'warning');
    assert.equal(RULES_BY_CODE.get('date.no-publication-date')?.severity, 'warning');
  });

  it('[Today]{date:2022-06-28} in the example: a warning showing 2022-06-29, fixed to it', () => {
    const text = EXAMPLE.replace('[Today]{date:2022-06-29}', '[Today]{date:2022-06-28}');
    assert.notEqual(text, EXAMPLE);
    const ds = diagnostics(text);
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.equal(ds[0].code, 'date.value-mismatch');
    assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
    assert.match(String(ds[0].message), /`Today` reads as `2022-06-29` \(Wednesday, 29 June 2022 — the publication date\), not `2022-06-28`/);
    const at = text.indexOf('2022-06-28');
    assert.deepEqual(ds[0].range, parse(text).lines.range({ start: at, end: at + 10 }));
    assert.equal(applyFix(text, 'date.value-mismatch', 'Change the value to `2022-06-29`'), EXAMPLE);
  });

  it('the example without `date`: a warning on [Today], fixed by adding date: 2022-06-29', () => {
    const text = EXAMPLE.replace('date: 2022-06-29\n', '');
    const ds = diagnostics(text);
    assert.deepEqual(ds.map((d) => d.code), ['date.no-publication-date']);
    const at = text.indexOf('[Today]') + 1;
    assert.deepEqual(ds[0].range, parse(text).lines.range({ start: at, end: at + 5 }));
    assert.match(String(ds[0].message), /`Today` is relative to the publication date, but the front matter has no `date`/);
    assert.equal(applyFix(text, 'date.no-publication-date', 'Add `date: 2022-06-29` to the front matter'), EXAMPLE);
  });

  const CASES: Array<{ doc: string; code: string; severity: DiagnosticSeverity; message: RegExp }> = [
    { doc: `${FM}[x]{date:$[$2022-02-30$]$}`, code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /^Invalid DATE value: 2022-02-30 is not a date: February 2022 has 28 days\.$/ },
    { doc: '[x]{date:$[$2022-W54$]$}', code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /2022-W54 does not exist/ },
    { doc: '[x]{duration:$[$P3$]$}', code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /P3 has no unit/ },
    { doc: '[x]{time:$[$2022-06-29T25:00$]$}', code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /no hour 25/ },
    { doc: '[x]{date:2022 mod=$[$SOON$]$}', code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /Invalid `mod`: SOON is not a TIMEX3 mod/ },
    { doc: '[x]{set:P1W quant=$[$every$]$}', code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /Invalid `quant`/ },
    { doc: '[x]{set:P1W freq=$[$often$]$}', code: 'date.invalid-value', severity: DiagnosticSeverity.Error, message: /Invalid `freq`: freq often is not a frequency/ },
    { doc: '[three decades]{$[$date$]$:P30Y}', code: 'date.type-mismatch', severity: DiagnosticSeverity.Error, message: /`P30Y` is a DURATION value, not a DATE: the type should be `duration`/ },
    { doc: `${FM}[at 3 p.m.]{$[$date$]$:2022-06-29T15:00}`, code: 'date.type-mismatch', severity: DiagnosticSeverity.Error, message: /a TIME value, not a DATE/ },
    { doc: `${FM}[June 29]{$[$duration$]$:2022-06-29}`, code: 'date.type-mismatch', severity: DiagnosticSeverity.Error, message: /a DATE value, not a DURATION/ },
    { doc: `${FM}The talks were held [on Friday]{date:$[$2022-07-01$]$}.`, code: 'date.value-mismatch', severity: DiagnosticSeverity.Warning, message: /reads as `2022-06-24` \(Friday, 24 June 2022 — 5 days before publication\)/ },
    { doc: `${FM}[2022]{date:$[$2022-06-29$]$}`, code: 'date.value-mismatch', severity: DiagnosticSeverity.Warning, message: /`2022` reads as `2022`/ },
    { doc: `${FM}[yesterday]{date:$[$PRESENT_REF$]$}`, code: 'date.value-mismatch', severity: DiagnosticSeverity.Warning, message: /reads as `2022-06-28`/ },
    { doc: `${FM}[next year]{date:$[$2022$]$}`, code: 'date.value-mismatch', severity: DiagnosticSeverity.Warning, message: /reads as `2023`/ },
    { doc: `${FM}[the past three decades]{duration:$[$P3Y$]$}`, code: 'date.value-mismatch', severity: DiagnosticSeverity.Warning, message: /reads as `P30Y` \(a duration of 30 years\)/ },
    { doc: '---\ntitle: T\n---\nIt opened [$[$last Friday$]$]{date:2022-06-24}.', code: 'date.no-publication-date', severity: DiagnosticSeverity.Warning, message: /`last Friday` is relative/ },
    { doc: 'It opens [$[$next year$]$]{date}.', code: 'date.no-publication-date', severity: DiagnosticSeverity.Warning, message: /`next year` is relative/ },
  ];
  for (const c of CASES) {
    it(`${c.code}: ${JSON.stringify(c.doc.replace(/\$[[\]]\$/g, ''))}`, () => {
      const m = marked(c.doc);
      const ds = diagnostics(m.text);
      assert.equal(ds.length, 1, JSON.stringify(ds));
      assert.equal(ds[0].code, c.code);
      assert.equal(ds[0].severity, c.severity);
      assert.match(String(ds[0].message), c.message);
      assert.deepEqual(ds[0].range, parse(m.text).lines.range(m.ranges[0]));
    });
  }

  const CLEAN = [
    `${FM}[Today]{date:2022-06-29}, [yesterday]{date:2022-06-28}, [last Friday]{date:2022-06-24}, [next year]{date:2023}`,
    `${FM}[the past three decades]{duration:P30Y}, [2015]{date:2015}, [every week]{set:P1W quant=EVERY}, [twice a month]{set:P1M freq=2X}`,
    `${FM}[early 2023]{date:2023 mod=START}, [the 1990s]{date:199}, [Q3 2021]{date:2021-Q3}, [now]{date:PRESENT_REF}`,
    `${FM}The talks will be held [on Friday]{date:2022-07-01}.`, // the tense decides: the next Friday
    `${FM}[June 29]{date:2021-06-29}`, // the normalizer is not sure (the year is a guess): silent
    `${FM}[Friday]{date:2022-07-01}`, // no tense to decide by: silent
    `${FM}[the anniversary]{date:2022-06-29}`, // the normalizer does not understand it: silent
    `${FM}[the 1990s]{duration:P10Y}`, // the label reads as another type: not compared
    `${FM}[Today]{date} [Today]{date:} [3 p.m.]{time}`, // no value yet: the inlay hint shows it
    '[2015]{date:2015} [29 June 2022]{date:2022-06-29} [three decades]{duration:P30Y} [now]{date:PRESENT_REF}', // absolute: no date needed
    `${FM}[Kazakhstan]{country:KZ} [x]{place mod=whatever}`, // not a TIMEX3 type
    `${FM}[today]{date:PRESENT_REF}`, // a TimeML convention for "today"
    `${FM}[later this year]{date:2022-Q4} [earlier this month]{date:2022-06-XX}`, // a vague expression, a period inside its reading
  ];
  for (const text of CLEAN) {
    it(`clean: ${JSON.stringify(text.replace(FM, ''))}`, () => {
      assert.deepEqual(dateProblems(text), []);
    });
  }
  it('an invalid front-matter date is reported once, not on every relative date', () => {
    assert.deepEqual(diagnostics('---\ndate: 2022-13-01\n---\n[Today]{date:2022-06-29} and [yesterday]{date}').map((d) => d.code), ['frontmatter.invalid-date']);
  });
  it('nested and multi-line labels are read as the reader sees them', () => {
    assert.deepEqual(dateProblems(`${FM}[29\nJune [2022]{date:2022}]{date:2022-06-29}`), []);
    assert.deepEqual(dateProblems(`${FM}[29\nJune [2022]{date:2022}]{date:2022-06-30}`).map((d) => d.code), ['date.value-mismatch']);
  });
  it('the tense is read in the plain text around the label, markup and escapes aside', () => {
    const past = `${FM}The talks [were]{x} held \\[in Astana\\] [on Friday]{date:2022-07-01}, [Kazinform]{org:KAZINFORM} reported.`;
    assert.deepEqual(dateProblems(past).map((d) => String(d.message).match(/reads as `([^`]+)`/)?.[1]), ['2022-06-24']);
    assert.deepEqual(dateProblems(past.replace('[were]{x}', '[will be]{x}').replace(' held', '')), []);
  });
});

describe('date quick-fixes', () => {
  const FIXES: Array<{ doc: string; code: string; title: string | RegExp; expect: string }> = [
    { doc: '[three decades]{date:P30Y}', code: 'date.type-mismatch', title: 'Change the type to `duration`', expect: '[three decades]{duration:P30Y}' },
    { doc: '[at 3 p.m.]{date:2022-06-29T15:00}', code: 'date.type-mismatch', title: 'Change the type to `time`', expect: '[at 3 p.m.]{time:2022-06-29T15:00}' },
    { doc: '[x]{date:2022 mod=start}', code: 'date.mod-case', title: 'Change `mod` to `START`', expect: '[x]{date:2022 mod=START}' },
    { doc: '[29 June 2022]{date:2022-02-30}', code: 'date.invalid-value', title: 'Change the value to `2022-06-29`', expect: '[29 June 2022]{date:2022-06-29}' },
    { doc: `${FM}[next year]{date:2022}`, code: 'date.value-mismatch', title: 'Change the value to `2023`', expect: `${FM}[next year]{date:2023}` },
    { doc: 'It opened [yesterday]{date:2022-06-28}.', code: 'date.no-publication-date', title: 'Add `date: 2022-06-29` to the front matter', expect: '---\ndate: 2022-06-29\n---\nIt opened [yesterday]{date:2022-06-28}.' },
    { doc: '\ufeffIt opens [in three days]{date:2022-07-02}.', code: 'date.no-publication-date', title: 'Add `date: 2022-06-29` to the front matter', expect: '\ufeff---\ndate: 2022-06-29\n---\nIt opens [in three days]{date:2022-07-02}.' },
    { doc: '---\r\ntitle: T\r\n---\r\n[Today]{date:2022-06-29}\r\n', code: 'date.no-publication-date', title: 'Add `date: 2022-06-29` to the front matter', expect: '---\r\ndate: 2022-06-29\r\ntitle: T\r\n---\r\n[Today]{date:2022-06-29}\r\n' },
    // The publication date comes from another annotation of the document when this one implies none.
    { doc: '[Today]{date:2022-06-29}, and [last Friday]{date:2022-06-24}', code: 'date.no-publication-date', title: 'Add `date: 2022-06-29` to the front matter', expect: '---\ndate: 2022-06-29\n---\n[Today]{date:2022-06-29}, and [last Friday]{date:2022-06-24}' },
    // Nothing implies a date: the key is added for the user to fill in.
    { doc: '---\n---\nIt opened [last Friday]{date:2022-06-24}.', code: 'date.no-publication-date', title: 'Add `date:` to the front matter (then type the publication date)', expect: '---\ndate: \n---\nIt opened [last Friday]{date:2022-06-24}.' },
  ];
  for (const f of FIXES) {
    it(`${f.title}: ${JSON.stringify(f.doc)}`, () => {
      const after = applyFix(f.doc, f.code, f.title);
      assert.equal(after, f.expect);
      // The words a reader reads are unchanged, and the problem is gone (or, for the empty
      // `date:`, has become the front-matter error that asks for the date).
      assert.deepEqual(words(plainText(parse(after)).text), words(plainText(parse(f.doc)).text));
      const left = diagnostics(after).map((d) => d.code);
      assert.ok(!left.includes(f.code), JSON.stringify(left));
      if (f.expect.includes('date: \n')) assert.deepEqual(left, ['frontmatter.invalid-date']);
    });
  }
  it('the date fixes are preferred when certain; the empty `date:` is not', () => {
    assert.equal(fixesFor(`${FM}[next year]{date:2022}`, 'date.value-mismatch').actions[0].isPreferred, true);
    assert.equal(fixesFor('---\n---\n[last Friday]{date:2022-06-24}', 'date.no-publication-date').actions[0].isPreferred, false);
  });
  it('offers no front-matter fix where a line cannot be added (unclosed or flow front matter)', () => {
    assert.deepEqual(fixesFor('---\n{title: T}\n---\n[last Friday]{date}', 'date.no-publication-date').actions, []);
    assert.deepEqual(fixesFor('---\ntitle: T\n\n[last Friday]{date}', 'date.no-publication-date').actions, []);
  });
  it('offers no value fix for a broken value the label does not explain', () => {
    assert.deepEqual(fixesFor('[the anniversary]{date:2022-02-30}', 'date.invalid-value').actions, []);
  });
});

describe('relative expressions and the implied publication date', () => {
  const RELATIVE = ['today', 'Yesterday', 'last Friday', 'next year', 'this week', 'two weeks ago', 'in three days', 'June 29', 'Wednesday', 'earlier this year'];
  const ABSOLUTE = ['2015', '29 June 2022', 'the 1990s', 'three decades', 'now', 'recently', 'every week', 'Q3 2021', 'the anniversary', ''];
  for (const e of RELATIVE) it(`relative: ${e}`, () => assert.equal(isRelative(e), true));
  for (const e of ABSOLUTE) it(`not relative: ${JSON.stringify(e)}`, () => assert.equal(isRelative(e), false));
  const IMPLIED: Array<[string, string | undefined, string | undefined]> = [
    ['Today', '2022-06-29', '2022-06-29'],
    ['yesterday', '2022-06-28', '2022-06-29'],
    ['tomorrow', '2022-03-01', '2022-02-28'],
    ['in three days', '2022-07-02', '2022-06-29'],
    ['today', '2022-06-29T10:00', '2022-06-29'],
    ['last Friday', '2022-06-24', undefined], // any day of a week
    ['next year', '2023', undefined], // not a day
    ['Today', '2022-06', undefined],
    ['Today', undefined, undefined],
    ['29 June 2022', '2022-06-29', undefined], // absolute
  ];
  for (const [label, value, expect] of IMPLIED) {
    it(`[${label}]{date:${value ?? ''}} implies ${expect ?? 'nothing'}`, () => assert.equal(impliedPublicationDate(label, value), expect));
  }
});

function at(src: string) {
  const m = marked(src);
  const s = source(m.text);
  const doc = parse(m.text);
  return { m, s, doc, position: doc.lines.positionAt(m.cursor) };
}

function hoverText(src: string): string {
  const { s, position } = at(src);
  const h = ls.hover(s, position);
  assert.ok(h, 'no hover');
  return (h.contents as { value: string }).value;
}

describe('date hover', () => {
  it('[29 June 2022]{date:2022-06-29} in the example: Wednesday, the publication date', () => {
    const i = EXAMPLE.indexOf('[29 June 2022]');
    const v = hoverText(EXAMPLE.slice(0, i + 3) + '$|$' + EXAMPLE.slice(i + 3));
    assert.match(v, /\*\*Wednesday, 29 June 2022\*\* — the publication date/);
    assert.match(v, /TIMEX3 DATE/);
    assert.doesNotMatch(v, /reads as/);
  });
  const CASES: Array<[string, RegExp[]]> = [
    [`${FM}[Sun$|$day]{date:2022-06-26}`, [/Sunday, 26 June 2022\*\* — 3 days before publication/]],
    [`${FM}[the past three decades]{dura$|$tion:P30Y}`, [/\*\*duration\*\* `P30Y` — TIMEX3 DURATION/, /a duration of 30 years/]],
    [`${FM}[early 2023]{date:2023 mod=ST$|$ART}`, [/mod `START`/, /the start of 2023\*\* — the year after publication/]],
    [`${FM}[every week]{set:P1W quant=EVERY$|$}`, [/quant `EVERY`/, /\*\*every week\*\*/]],
    [`${FM}[To$|$day]{date:2022-06-28}`, [/Tuesday, 28 June 2022\*\* — the day before publication/, /The label reads as `2022-06-29` \(Wednesday, 29 June 2022 — the publication date\)\./]],
    [`${FM}It was held [last Fri$|$day]{date}.`, [/\(no value\)/, /No value yet: the label reads as `2022-06-24` \(Friday, 24 June 2022 — 5 days before publication\)/]],
    [`${FM}[June 29$|$]{date}`, [/No value yet: the label may read as `2022-06-29`/]],
    [`${FM}[three decades]{date:P30$|$Y}`, [/Invalid value: P30Y is a DURATION value, not a DATE/, /The label reads as DURATION `P30Y`/]],
    [`It opened [yester$|$day]{date:2022-06-28}`, [/Tuesday, 28 June 2022\*\*\n/, /Relative to the publication date, which the front matter does not give/]],
  ];
  for (const [doc, expects] of CASES) {
    it(JSON.stringify(doc.replace(FM, '').replace('$|$', '')), () => {
      const v = hoverText(doc);
      for (const re of expects) assert.match(v, re);
    });
  }
  it('entity annotations keep their own hover', () => {
    assert.doesNotMatch(hoverText('[Kazak$|$hstan]{country:KZ}'), /TIMEX3/);
  });
});

function hints(src: string, range?: { start: number; end: number }): Array<{ label: string; at: number; hint: InlayHint }> {
  const s = source(src);
  const doc = parse(src);
  const r = range ?? { start: 0, end: src.length };
  return ls.inlayHints(s, doc.lines.range(r)).map((h) => ({ label: String(h.label), at: doc.lines.offsetAt(h.position), hint: h }));
}

describe('date inlay hints', () => {
  it('the example: a hint after [Today] only (the one relative expression), in words', () => {
    const hs = hints(EXAMPLE);
    assert.deepEqual(hs.map((h) => h.label), ['= Wednesday, 29 June 2022']);
    assert.equal(hs[0].at, EXAMPLE.indexOf('[Today]{date:2022-06-29}') + '[Today]{date:2022-06-29}'.length);
    assert.equal(hs[0].hint.paddingLeft, true);
  });
  const CASES: Array<[string, string[]]> = [
    [`${FM}[Today]{date}`, ['→ 2022-06-29']],
    [`${FM}[Today]{date:}`, ['→ 2022-06-29']],
    [`${FM}It was held [last Friday]{date:2022-06-24}`, ['= Friday, 24 June 2022']],
    [`${FM}It opens [next year]{date:2023}`, []], // the words would repeat the value
    [`${FM}[the past three decades]{duration}`, ['→ P30Y']],
    [`${FM}[three decades]{date}`, ['→ duration:P30Y']],
    [`${FM}[every week]{set}`, ['→ P1W quant=EVERY']],
    [`${FM}[early 2023]{date}`, ['→ 2023 mod=START']],
    [`${FM}[June 29]{date}`, ['→ 2022-06-29?']],
    [`${FM}[29 June 2022]{date:2022-06-29} [Kazakhstan]{country} [the anniversary]{date}`, []],
    ['[Today]{date}', []], // relative, and no publication date to resolve it
    ['[2015]{date}', ['→ 2015']],
    ['It opened [yesterday]{date:2022-06-28}', ['= Tuesday, 28 June 2022']],
  ];
  for (const [doc, expect] of CASES) {
    it(JSON.stringify(doc.replace(FM, '')), () => assert.deepEqual(hints(doc).map((h) => h.label), expect));
  }
  it('only for annotations in the requested range', () => {
    const text = `${FM}[Today]{date}\n\n[yesterday]{date}\n`;
    const second = text.indexOf('[yesterday]');
    assert.deepEqual(hints(text, { start: second, end: text.length }).map((h) => h.label), ['→ 2022-06-28']);
    assert.deepEqual(hints(text).map((h) => h.label), ['→ 2022-06-29', '→ 2022-06-28']);
  });
});

describe('date completion', () => {
  function items(src: string): CompletionItem[] {
    const { s, position } = at(src);
    return ls.completion(s, position).items;
  }
  it('after {date: the label’s value first and preselected, then the publication date and others', () => {
    const list = items(`${FM}It was held [last Friday]{date:$|$}`);
    assert.deepEqual(list.map((i) => i.label), ['2022-06-24', '2022-06-29', '2022-06', '2022', 'PRESENT_REF', 'PAST_REF', 'FUTURE_REF']);
    assert.equal(list[0].preselect, true);
    assert.ok(list.slice(1).every((i) => !i.preselect));
    assert.match(String(list[0].detail), /Friday, 24 June 2022 — 5 days before publication/);
    assert.match(String(list[1].detail), /the publication date/);
    assert.deepEqual(list.map((i) => i.sortText), [...list.map((i) => i.sortText)].sort());
  });
  it('replaces the whole value under the cursor, and works on an unclosed spec', () => {
    const { s, position, m } = at(`${FM}[Today]{date:20$|$21-01-01}`);
    const first = ls.completion(s, position).items[0];
    const e = first.textEdit as TextEdit;
    assert.equal(applyEdits(m.text, parse(m.text).lines, [e]), `${FM}[Today]{date:2022-06-29}`);
    assert.equal(items(`${FM}[Today]{date:$|$`)[0].label, '2022-06-29');
  });
  it('adds the mod, quant and freq the label has, unless already written', () => {
    assert.equal((items(`${FM}[early 2023]{date:$|$}`)[0].textEdit as TextEdit).newText, '2023 mod=START');
    assert.equal((items(`${FM}[early 2023]{date:$|$ mod=END}`)[0].textEdit as TextEdit).newText, '2023');
    assert.equal((items(`${FM}[twice a month]{set:$|$}`)[0].textEdit as TextEdit).newText, 'P1M freq=2X');
  });
  it('changes the type when the label is of another TIMEX3 type', () => {
    const { s, position, m } = at(`${FM}[three decades]{date:$|$}`);
    const first = ls.completion(s, position).items[0];
    assert.equal(first.label, 'P30Y');
    const edits = [first.textEdit as TextEdit, ...(first.additionalTextEdits ?? [])];
    assert.equal(applyEdits(m.text, parse(m.text).lines, edits), `${FM}[three decades]{duration:P30Y}`);
  });
  it('per type: durations, sets, times', () => {
    assert.deepEqual(items(`${FM}[a while]{duration:$|$}`).map((i) => i.label), ['PXY', 'PXM', 'PXW', 'PXD']);
    assert.deepEqual(items(`${FM}[often]{set:$|$}`).map((i) => (i.textEdit as TextEdit).newText), ['P1D quant=EVERY', 'P1W quant=EVERY', 'P1M quant=EVERY', 'P1Y quant=EVERY']);
    assert.deepEqual(items(`${FM}[at 10:00 CET]{time:$|$}`).map((i) => i.label), ['2022-06-29T10:00+01:00', 'PRESENT_REF']);
  });
  it('without a publication date: no guess for a relative label, absolute labels still resolve', () => {
    assert.deepEqual(items('[Today]{date:$|$}').map((i) => i.label), ['PRESENT_REF', 'PAST_REF', 'FUTURE_REF']);
    assert.equal(items('[29 June 2022]{date:$|$}')[0].label, '2022-06-29');
  });
  it('entity ids are unchanged: no date values after {country:', () => {
    assert.deepEqual(items('[Today]{country:$|$}'), []);
  });
});

describe('date features on random documents (fast-check)', function () {
  this.timeout(120_000);
  const DATE_FRAGMENTS = [
    '[Today]{date}', '[Today]{date:}', '[yesterday]{date:2022-06-28}', '[last Friday]{date:2022-06-24}', '[next year]{date:2022}',
    '[three decades]{date:P30Y}', '[x]{date:2022-02-30}', '[early 2023]{date:2023 mod=start}', '[every week]{set:P1W quant=every}',
    '[at 3 p.m.]{time:}', '[June 29]{duration:2022-06-29}', '{date:', ']{date:', 'said on Friday', ' ', '\n', '\r\n', '\n\n',
    '---\n', '---\ndate: 2022-06-29\n---\n', '---\ntitle: T\n---\n', '😀', 'Казахстан', '\uD800', '[', ']', '{', '}',
  ];
  const doc = fc.oneof(pressDocument, fc.array(fc.constantFrom(...DATE_FRAGMENTS), { maxLength: 30 }).map((p) => p.join('')));
  it('the context of a label is the plain text around it (a suffix of what precedes, a prefix of what follows)', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const d = parse(text);
        const plain = plainText(d);
        for (const a of d.all) {
          const { before, after } = labelContext(d, a);
          let i = 0;
          while (i < plain.text.length && plain.offsets[i] < a.labelSpan.start) i++;
          let j = i;
          while (j < plain.text.length && plain.offsets[j] < a.span.end) j++;
          assert.ok(plain.text.slice(0, i).endsWith(before), `before ${JSON.stringify(before)} in ${JSON.stringify(text)}`);
          assert.ok(plain.text.slice(j).startsWith(after), `after ${JSON.stringify(after)} in ${JSON.stringify(text)}`);
          if (!/[[\]{}\\]/.test(text.slice(d.bodyStart))) assert.equal(before, plain.text.slice(Math.max(0, i - 160), i));
        }
      }),
      { numRuns: 1000, seed: 2906 },
    );
  });
  it('inlay hints, hover, completion and the date fixes: no exception, positions inside, words kept', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const s = source(text);
        const lines = parse(text).lines;
        const whole = lines.range({ start: 0, end: text.length });
        for (const h of ls.inlayHints(s, whole)) {
          const o = lines.offsetAt(h.position);
          assert.deepEqual(lines.positionAt(o), h.position);
          assert.ok(onBoundary(text, o));
        }
        for (const d of ls.diagnostics(s)) {
          if (!String(d.code).startsWith('date.')) continue;
          ls.hover(s, d.range.start);
          ls.completion(s, d.range.end);
          for (const a of ls.codeActions(s, d.range)) {
            if (a.diagnostics?.[0].code !== d.code) continue;
            const after = applyEdits(text, lines, a.edit!.changes![s.uri] as TextEdit[]);
            assert.deepEqual(words(plainText(parse(after)).text), words(plainText(parse(text)).text), `${a.title} on ${JSON.stringify(text)}`);
          }
        }
      }),
      { numRuns: 400, seed: 629 },
    );
  });
});

describe('date features stay cheap', () => {
  it('the checks, hover, inlay hints and completion never run the recognizer over the text', () => {
    // They normalize annotated labels only; finding mentions in running text is another feature.
    for (const f of ['checks/dates.ts', 'dateHover.ts', 'inlayHints.ts', 'completion.ts', 'diagnostics.ts', 'codeActions.ts']) {
      const text = fs.readFileSync(path.join(ROOT, 'server/src/service', f), 'utf8');
      assert.doesNotMatch(text, /dates\/recognize|findDates/, f);
    }
  });
});
