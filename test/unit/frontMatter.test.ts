/**
 * Front matter: the fast path for `key: value` lines must read exactly what the YAML parser
 * reads (entries, values, ranges, problems), and hand everything else to it.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseFrontMatter } from '../../server/src/service/frontMatter';
import type { SyntaxProblem } from '../../server/src/service/model';
import { LineIndex } from '../../server/src/service/text';

function read(text: string, yamlOnly: boolean) {
  const problems: SyntaxProblem[] = [];
  const fm = parseFrontMatter(text, 0, new LineIndex(text), problems, yamlOnly);
  return { fm, problems };
}

function same(text: string): void {
  assert.deepEqual(read(text, false), read(text, true), JSON.stringify(text));
}

describe('front matter: the fast path reads what YAML reads', () => {
  const cases = [
    '---\ndate: 2022-06-29\ndateline: Astana\nsource: Kazinform\n---\nbody',
    '---\r\ndate: 2022-06-29\r\ntitle: Kazakhstan and Luxembourg  \r\n---\r\n',
    '---\ndateline: Нур-Султан\nsource: Казинформ\n---\n',
    '---\nyear: 2022\nok: true\nnothing: null\nratio: 1.5e3\nhex: 0x1F\ninf: -.inf\n---\n',
    '---\ntitle: Kazakhstan: 30 years\n---\n',
    '---\ndate: 2022-06-29\ndate: 2022-06-30\n---\n',
    '---\ntags: [a, b]\nnote: "quoted"\n# comment\n\nx: y # comment\n---\n',
    '---\nkey:value\n key: indented\n---\n',
    '---\na: yes\nb: off\nc: 1_000\nd: 12:30\n---\n',
    '---\nurl: https://kazinform.kz/en/x\n---\n',
    '---\nemoji: a😀b\nbom: a\uFEFFb\ntab: a\tb\n---\n',
  ];
  for (const text of cases) it(JSON.stringify(text.slice(4, 40)), () => same(text));

  it('takes the fast path for a release\'s front matter', () => {
    const { fm } = read('---\ndate: 2022-06-29\ndateline: Astana\n---\n', false);
    assert.deepEqual(fm?.data, { date: '2022-06-29', dateline: 'Astana' });
    assert.deepEqual(fm?.entries[1].valueSpan, { start: 31, end: 37 });
  });

  it('equals the YAML parser on random lines of keys and values', () => {
    const piece = fc.constantFrom(
      'date', 'source', 'a-b', '_k', 'Ключ', ': ', ':', '  ', ' ', '2022-06-29', '2022', 'true', 'null', '1e3', '0x1F', '.inf',
      'Astana', 'Нур-Султан', 'a b', '#', ' #c', '"q"', "'q'", '[x]', '{y}', ',', '&a', '*a', '!t', '|', '>', '%', '@', '`', '-', '?',
      '\\', '\t', '😀', '\uFEFF', '\u0085', '\r', 'é',
    );
    const key = fc.constantFrom('date', 'source', 'a-b', '_k', 'title', 'x1');
    const value = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
    // mostly `key: value` lines (the fast path's shape, with hostile values), some anything
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':  '), value).map(([k, c, v]) => k + c + v) },
      { weight: 1, arbitrary: fc.array(piece, { maxLength: 6 }).map((p) => p.join('')) },
    );
    const doc = fc
      .tuple(fc.array(line, { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
      .map(([lines, eol]) => `---${eol}${lines.map((l) => l + eol).join('')}---${eol}body`);
    fc.assert(fc.property(doc, (text) => same(text)), { numRuns: 3000, seed: 42 });
  });
});
