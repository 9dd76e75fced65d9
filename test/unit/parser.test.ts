import * as assert from 'node:assert/strict';
import { parse } from '../../server/src/service/parser';
import { marked } from '../support/marked';

/** Each case: a document with the expected annotation spans marked `$[$...$]$`, and each annotation's type, id, label. */
const ANNOTATION_CASES: Array<{ name: string; doc: string; expect: Array<[type: string, id: string | undefined, label: string]> }> = [
  { name: 'type only', doc: 'A $[$[visit]{event}$]$.', expect: [['event', undefined, 'visit']] },
  { name: 'type and id', doc: '$[$[Kazakhstan]{country:KZ}$]$ and more', expect: [['country', 'KZ', 'Kazakhstan']] },
  { name: 'empty id', doc: '$[$[Today]{date:}$]$', expect: [['date', '', 'Today']] },
  { name: 'id with colon', doc: '$[$[x]{org:wd:Q1}$]$', expect: [['org', 'wd:Q1', 'x']] },
  {
    name: 'nested',
    doc: 'the $[$[$[$[OSCE]{org:OSCE}$]$ Parliamentary Assembly]{org:OSCE-PA}$]$.',
    expect: [
      ['org', 'OSCE-PA', 'OSCE Parliamentary Assembly'],
      ['org', 'OSCE', 'OSCE'],
    ],
  },
  { name: 'plain brackets around an annotation', doc: '[sic] and [see $[$[Luxembourg]{country:LU}$]$]', expect: [['country', 'LU', 'Luxembourg']] },
  { name: 'escapes in a label', doc: '$[$[a \\[b\\] c]{org:X}$]$', expect: [['org', 'X', 'a [b] c']] },
  { name: 'label over a single line break', doc: '$[$[Parliamentary\nAssembly]{org:PACE}$]$', expect: [['org', 'PACE', 'Parliamentary\nAssembly']] },
  { name: 'Cyrillic and emoji', doc: '🇰🇿 $[$[Казахстан]{country:KZ}$]$ 🎉 $[$[29 июня 2022 года]{date:2022-06-29}$]$', expect: [['country', 'KZ', 'Казахстан'], ['date', '2022-06-29', '29 июня 2022 года']] },
  { name: 'CRLF', doc: 'x\r\n$[$[Astana]{place:G1526273}$]$\r\n', expect: [['place', 'G1526273', 'Astana']] },
];

describe('parser: annotations', () => {
  for (const c of ANNOTATION_CASES) {
    it(c.name, () => {
      const m = marked(c.doc);
      const doc = parse(m.text);
      assert.deepEqual(doc.problems, []);
      assert.deepEqual(
        doc.all.map((a) => ({ start: a.span.start, end: a.span.end })).sort((a, b) => a.start - b.start),
        m.ranges,
      );
      const got = [...doc.all].sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start);
      const expectSorted = c.expect;
      assert.deepEqual(
        doc.all.map((a) => [a.type, a.id, a.text]),
        expectSorted,
        `annotations in pre-order (${got.length})`,
      );
    });
  }

  it('attributes, bare and quoted', () => {
    const doc = parse('[every week]{set:P1W quant=EVERY note="a \\"quoted\\" } value"}');
    assert.deepEqual(doc.problems, []);
    const a = doc.all[0];
    assert.equal(a.type, 'set');
    assert.deepEqual(
      a.attributes.map((x) => [x.key, x.value]),
      [
        ['quant', 'EVERY'],
        ['note', 'a "quoted" } value'],
      ],
    );
  });

  it('a [ that starts no annotation is plain text', () => {
    for (const text of ['[1] see [sic]', 'a [b', 'a ] b', 'x]{ y', 'a {b} c', '[a]{ x', 'f(x) = {1, 2}']) {
      const doc = parse(text);
      assert.equal(doc.all.length, text === '[a]{ x' ? 1 : 0, text);
      if (text !== '[a]{ x') assert.deepEqual(doc.problems, [], text);
    }
  });

  it('annotations never span a blank line', () => {
    const doc = parse('[Kazakhstan\n\nand]{country:KZ}');
    assert.equal(doc.all.length, 0);
    assert.deepEqual(doc.problems.map((p) => p.code), ['syntax.unopened-label']);
  });

  it('offsets are UTF-16 code units', () => {
    const text = '😀 [Ü]{place}';
    const doc = parse(text);
    assert.equal(doc.all[0].span.start, 3); // the emoji is two code units, then a space
    assert.equal(text.slice(doc.all[0].labelSpan.start, doc.all[0].labelSpan.end), 'Ü');
  });
});

/** Problem cases: the document marks the exact range of each expected problem. */
const PROBLEM_CASES: Array<{ doc: string; codes: string[] }> = [
  { doc: 'x $[$[Kazakhstan{country:KZ}$]$ y', codes: ['syntax.unclosed-label'] },
  { doc: 'x $[$[Kazakhstan {country:KZ}$]$ y', codes: ['syntax.unclosed-label'] },
  { doc: 'x Kazakhstan$[$]{country:KZ}$]$ y', codes: ['syntax.unopened-label'] },
  { doc: '[x]$[${}$]$', codes: ['syntax.missing-type'] },
  { doc: '[x]$[${:KZ}$]$', codes: ['syntax.missing-type'] },
  { doc: '[x]$[${country:KZ$]$ and more text', codes: ['syntax.unclosed-spec'] },
  { doc: '[x]{$[$9x$]$}', codes: ['syntax.invalid-type'] },
  { doc: '[x]{set:P1W $[$quant$]$}', codes: ['syntax.invalid-attribute'] },
  { doc: '[x]$[${set:P1W$]$ note="open}', codes: ['syntax.unclosed-spec'] },
  { doc: '[x]{set:P1W a=1 $[$a=2$]$}', codes: ['syntax.duplicate-attribute'] },
  { doc: '$[$[]{country:KZ}$]$', codes: ['syntax.empty-label'] },
  { doc: '$[$---$]$\ndate: 2022-06-29\nbody [x]{place}', codes: ['frontmatter.unclosed'] },
  { doc: '---\na: [$[$1$]$\n---\nbody', codes: ['frontmatter.invalid-yaml'] },
  { doc: '---\ndate: 2022-06-29\n$[$date$]$: 2022-06-30\n---\n', codes: ['frontmatter.duplicate-key'] },
];

describe('parser: problems have codes and exact ranges', () => {
  for (const c of PROBLEM_CASES) {
    it(`${c.codes.join(', ')}: ${JSON.stringify(c.doc.replace(/\$[[\]|]\$/g, ''))}`, () => {
      const m = marked(c.doc);
      const doc = parse(m.text);
      const problems = doc.problems.map((p) => ({ code: p.code, start: p.span.start, end: p.span.end }));
      assert.deepEqual(
        problems,
        c.codes.map((code, i) => ({ code, start: m.ranges[i].start, end: m.ranges[i].end })),
      );
    });
  }
});

describe('parser: front matter', () => {
  it('reads the keys with their ranges, after a BOM, with CRLF', () => {
    const text = '\uFEFF---\r\ndate: 2022-06-29\r\nsource: Kazinform\r\n---\r\n[Today]{date:2022-06-29}\r\n';
    const doc = parse(text);
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(doc.frontMatter?.data, { date: '2022-06-29', source: 'Kazinform' });
    const e = doc.frontMatter!.entries[0];
    assert.equal(text.slice(e.valueSpan!.start, e.valueSpan!.end), '2022-06-29');
    assert.equal(doc.bodyStart, text.indexOf('[Today]'));
    assert.equal(doc.all[0].text, 'Today');
  });

  it('YAML error positions never split a surrogate pair (found by the long fuzz run)', () => {
    const text = '---\ndate: \u{10000}date: 2022-06-29\n---\n';
    const doc = parse(text);
    assert.ok(doc.problems.length > 0);
    for (const p of doc.problems) {
      for (const o of [p.span.start, p.span.end]) {
        const c = text.charCodeAt(o);
        assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `offset ${o} splits a surrogate pair`);
      }
    }
  });

  it('YAML error positions never fall inside a CRLF (found by the long fuzz run)', () => {
    for (const text of ['---\ndate:\n\n[\r\n...\n', '---\ndate: 2022-06-29\nsource: Kazinform\n- [[three decades]{duration:P30Y}\r\n---\n']) {
      const doc = parse(text);
      assert.ok(doc.problems.length > 0);
      for (const p of doc.problems) for (const o of [p.span.start, p.span.end]) assert.ok(!(text[o - 1] === '\r' && text[o] === '\n'), `offset ${o} is inside a CRLF`);
    }
  });

  it('is only front matter at the very top', () => {
    const doc = parse('\n---\ndate: x\n---\n');
    assert.equal(doc.frontMatter, undefined);
  });

  it('survives an alias bomb', () => {
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]', '---', 'body'].join('\n');
    const doc = parse(bomb);
    assert.ok(doc.frontMatter);
  });
});

describe('parser: never throws', () => {
  it('on hostile fragments', () => {
    const pieces = ['[', ']', '{', '}', '\\', ':', '=', '"', '\n', '\r\n', '\r', '---\n', ' ', 'a', '😀', '\uD800', '\u0000', 'country', '{country:KZ}', ']{', '\n\n'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(rnd() * 40);
      for (let i = 0; i < len; i++) s += pieces[Math.floor(rnd() * pieces.length)];
      const doc = parse(s);
      for (const p of doc.problems) assert.ok(p.span.start >= 0 && p.span.end <= s.length && p.span.start <= p.span.end, JSON.stringify(s));
      for (const a of doc.all) assert.ok(a.span.start >= 0 && a.span.end <= s.length, JSON.stringify(s));
    }
  });
});
