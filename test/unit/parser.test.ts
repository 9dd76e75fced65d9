import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { idProblem } from '../../server/src/service/ids';
import { createLanguageService } from '../../server/src/service/languageService';
import { MAX_NESTING, parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { RULES_BY_CODE } from '../../server/src/service/rules';
import { applyEdits, marked, source } from '../support/marked';

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

describe('parser: the id syntax (issue 12, item 7; docs/format.md, "Ids")', () => {
  const QUOTES = '[Ann]{person:a"} said that Bob and [Bea]{person:"b} agreed.';

  it('a `"` in an id is a character, not a quote: the words after it stay text, and each id is an error', () => {
    const doc = parse(QUOTES);
    assert.deepEqual(
      doc.all.map((a) => [a.type, a.id, a.text]),
      [
        ['person', 'a"', 'Ann'],
        ['person', '"b', 'Bea'],
      ],
    );
    assert.equal(plainText(doc).text, 'Ann said that Bob and Bea agreed.');
    assert.deepEqual(
      doc.problems.map((p) => [p.code, QUOTES.slice(p.span.start, p.span.end), p.message]),
      [
        ['syntax.invalid-id', 'a"', `\`a"\` is not a valid id. ${idProblem('a"')}`],
        ['syntax.invalid-id', '"b', `\`"b\` is not a valid id. ${idProblem('"b')}`],
      ],
    );
  });

  it('"Remove the annotation, keep its text" on either annotation keeps "said that Bob and"', () => {
    const ls = createLanguageService();
    for (const label of ['Ann', 'Bea']) {
      const s = source(QUOTES);
      const doc = parse(QUOTES);
      const at = doc.lines.positionAt(QUOTES.indexOf(label) + 1);
      const actions = ls.codeActions(s, { start: at, end: at }, undefined, true);
      assert.ok(actions.length > 0, label);
      for (const a of actions) {
        const after = applyEdits(QUOTES, doc.lines, a.edit!.changes![s.uri] as TextEdit[]);
        assert.ok(plainText(parse(after)).text.includes('said that Bob and'), `${a.title}: ${after}`);
      }
    }
  });

  // Each case: the spec, the type and id it reads as, and the problem codes.
  const SPECS: Array<[spec: string, type: string, id: string | undefined, codes: string[]]> = [
    ['person:b=ob', 'person', 'b=ob', ['syntax.invalid-id']], // `=` after the type's colon: part of the (invalid) id
    ['person:b="o b"', 'person', 'b="o', ['syntax.invalid-id', 'syntax.invalid-attribute']],
    ['k=v', '', undefined, ['syntax.missing-type']], // `=` before any colon: an attribute, no type
    ['org:a]b', 'org', 'a]b', ['syntax.invalid-id']],
    ['org:a\\b', 'org', 'a\\b', ['syntax.invalid-id']],
    ['org:a\u00a0b', 'org', 'a\u00a0b', ['syntax.invalid-id']],
    [':a"', '', 'a"', ['syntax.missing-type', 'syntax.invalid-id']],
    ['date:', 'date', '', []], // an empty id is "still to be filled in"
    ['org:wd:Q81299', 'org', 'wd:Q81299', []],
    ['time:2022-06-29T10:30:00+06:00', 'time', '2022-06-29T10:30:00+06:00', []],
    ["person:*o'brien", 'person', "*o'brien", []], // what YAML would misread is the YAML writer's business
  ];
  for (const [spec, type, id, codes] of SPECS) {
    it(`{${spec}} → type ${JSON.stringify(type)}, id ${JSON.stringify(id)}: ${codes.join(', ') || 'no problem'}`, () => {
      const doc = parse(`[x]{${spec}} and after`);
      assert.deepEqual(
        doc.all.map((a) => [a.type, a.id]),
        [[type, id]],
      );
      assert.deepEqual(doc.problems.map((p) => p.code).sort(), [...codes].sort());
      assert.equal(plainText(doc).text, 'x and after');
    });
  }

  it('a quoted value starts only right after the first `=` of an attribute', () => {
    const value = (spec: string) => parse(`[x]{${spec}}`).all[0].attributes.map((a) => [a.key, a.value]);
    assert.deepEqual(value('org:A k="a b" n=v"w'), [
      ['k', 'a b'],
      ['n', 'v"w'],
    ]);
    assert.deepEqual(value('org:A k="x \\" } y"'), [['k', 'x " } y']]);
    assert.deepEqual(value('org:A k=a=b'), [['k', 'a=b']]);
    assert.deepEqual(value('org:A k=="a b"'), [['k', '="a']]); // then `b"`: no quote after the first `=`
    const doc = parse('[x]{org:A k="v"w}');
    assert.deepEqual(
      doc.problems.map((p) => p.code),
      ['syntax.invalid-attribute'],
      'text after the closing quote',
    );
  });
});

describe('parser: bounds (issue 12, items 4, 6, 10)', () => {
  const codes = (text: string) => parse(text).problems.map((p) => p.code);

  it('20,000 nested labels (180 KB) give MAX_NESTING annotations, one problem and label texts linear in the input (item 4)', () => {
    const n = 20_000;
    const text = '[w '.repeat(n) + 'x' + ' w]{a}'.repeat(n);
    const doc = parse(text);
    assert.equal(doc.all.length, MAX_NESTING);
    assert.deepEqual(
      doc.problems.map((p) => p.code),
      ['syntax.too-deep'],
    );
    assert.equal(doc.all.at(-1)!.text, 'w x w');
    assert.equal(Math.max(...doc.all.map((a) => a.depth)), MAX_NESTING - 1);
    const labels = doc.all.reduce((sum, a) => sum + a.text.length, 0);
    assert.ok(labels <= MAX_NESTING * text.length, `${labels} characters of labels`);
    assert.equal(plainText(doc).text.length, text.length - 5 * MAX_NESTING, 'only the inner annotations lose their markup');
  });

  it('5,000 nested levels do not throw (item 6: setParents recursed)', () => {
    const doc = parse('['.repeat(5000) + 'x' + ']{a}'.repeat(5000));
    assert.equal(doc.all.length, MAX_NESTING);
    assert.deepEqual(doc.problems.map((p) => p.code), ['syntax.too-deep']);
  });

  it('130,000 problems do not throw (item 6: `problems.push(...spread)`)', () => {
    const doc = parse('[]{a} '.repeat(130_000));
    assert.equal(doc.problems.length, 130_000);
    assert.ok(doc.problems.every((p) => p.code === 'syntax.empty-label'));
  });

  it('200,000 annotations inside one unclosed `[` do not cost the tree (their parent was spread into push)', () => {
    const doc = parse('[' + '[x]{a} '.repeat(200_000));
    assert.equal(doc.all.length, 200_000);
    assert.deepEqual(doc.problems, []);
  });

  it('MAX_NESTING brackets nest; one more is reported once per paragraph and read as text', () => {
    const nest = (k: number, spec = '{org}') => '['.repeat(k) + 'x' + ']'.repeat(k - 1) + ']' + spec;
    assert.deepEqual(codes(nest(MAX_NESTING)), []);
    assert.equal(parse(nest(MAX_NESTING)).all.length, 1);
    assert.deepEqual(codes(nest(MAX_NESTING + 1)), ['syntax.too-deep']);
    assert.equal(parse(nest(MAX_NESTING + 1)).all.length, 0);
    assert.deepEqual(codes(`${nest(MAX_NESTING + 1)} ${nest(MAX_NESTING + 1)}`), ['syntax.too-deep']);
    assert.deepEqual(codes(`${nest(MAX_NESTING + 1)}\n\n${nest(MAX_NESTING + 1)}`), ['syntax.too-deep', 'syntax.too-deep']);
    // A spec that lost its `]` after as many brackets, as the parser reads `[label {type}`.
    const lost = (k: number) => '[a ' + '['.repeat(k) + 'x' + ']'.repeat(k) + ' {org}';
    assert.deepEqual(codes(lost(MAX_NESTING - 1)), ['syntax.unclosed-label']);
    assert.deepEqual(codes(lost(MAX_NESTING)), ['syntax.too-deep']);
    // Brackets that never close (`:-[` in a long transcript) do not stop annotations after them.
    const doc = parse(':-[ '.repeat(40) + '[Kazakhstan]{country:KZ} and [[OSCE]{org:OSCE} PA]{org:OSCE-PA}');
    assert.deepEqual(doc.all.map((a) => a.id), ['KZ', 'OSCE-PA', 'OSCE']);
    assert.deepEqual(doc.problems, []);
  });

  // Item 10: a scan to the end of the line from many starts. Each shape at 256 KB took the old
  // parser tens of seconds (mocha's timeout is the hang detector); bench/shapes/parser.js measures them.
  // Each: the repeated unit, and how many annotations a repetition makes.
  const LINEAR: Array<[name: string, unit: string, perUnit: number]> = [
    ['unterminated \\" in specs', '[a]{x \\"', 1],
    ['unterminated quoted values', '[a]{x k="', 1 / 2], // each value is closed by the next one's `"`
    ['unopened ]{ with quoted values', ']{a k="\\"', 0],
    ['quotes in ids', '[a]{x:a"} b ', 1],
  ];
  for (const [name, unit, perUnit] of LINEAR) {
    const n = 2 * Math.round(128_000 / unit.length);
    it(`${name}: ${JSON.stringify(unit)} × ${n} parses, every annotation found`, () => {
      const doc = parse(unit.repeat(n));
      assert.ok(!doc.problems.some((p) => p.code === 'internal.error'));
      assert.equal(doc.all.length, n * perUnit);
    });
  }
});

describe('parser: the guard', () => {
  it('covers everything the parser does, the front matter included: a bug costs diagnostics, not an exception', () => {
    const fm = require('../../server/src/service/frontMatter') as { parseFrontMatter: unknown };
    const saved = fm.parseFrontMatter;
    fm.parseFrontMatter = () => {
      throw new Error('injected');
    };
    try {
      const doc = parse('---\ndate: 2022-06-29\n---\n[Kazakhstan]{country:KZ}');
      assert.deepEqual(doc.problems.map((p) => [p.code, p.message]), [['internal.error', 'Internal parser error: Error: injected']]);
      assert.deepEqual(doc.all, []);
    } finally {
      fm.parseFrontMatter = saved;
    }
  });
});

describe('parser: its codes are registered', () => {
  it('syntax.invalid-id and syntax.too-deep have registry entries that say what they check', () => {
    const text = '[x]{org:a"} ' + '['.repeat(MAX_NESTING + 1) + 'x' + ']'.repeat(MAX_NESTING + 1) + '{org}';
    const got = parse(text).problems.map((p) => p.code);
    assert.deepEqual(got, ['syntax.invalid-id', 'syntax.too-deep']);
    for (const code of got) assert.ok(RULES_BY_CODE.has(code), code);
    assert.match(RULES_BY_CODE.get('syntax.too-deep')!.description, new RegExp(`more than ${MAX_NESTING} `));
  });
});
