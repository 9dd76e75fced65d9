/**
 * The paragraph splitter: a linear scan that gives what the regex it replaced gave (issue 12,
 * item 11: the regex backtracked over a run of blank lines followed by a no-break space).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { paragraphs, parseParagraph } from '../../server/src/service/paragraphs';
import { parse } from '../../server/src/service/parser';
import type { Span } from '../../server/src/service/text';

/** The regex the scan replaced, as it was (the reference: same output on every text). */
function byRegex(text: string, bodyStart: number): Span[] {
  const out: Span[] = [];
  const re = /\r?\n[ \t]*(?:\r?\n[ \t]*)+(?=\S|$)|\r[ \t]*(?:\r[ \t]*)+(?=\S|$)/g;
  re.lastIndex = bodyStart;
  let start = bodyStart;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

const texts = (spans: Span[], text: string): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('paragraphs', () => {
  const cases: Array<[string, string[]]> = [
    ['one\ntwo\n\nthree', ['one\ntwo', 'three']],
    ['a\n  \t\n  b', ['a', 'b']],
    ['a\r\n\r\nb\r\rc\rd', ['a', 'b', 'c\rd']],
    ['a\n\n\n', ['a']],
    ['\n\na', ['a']],
    ['a\n\n\u00a0b', ['a\n\n\u00a0b']], // white space other than a blank after the run: one paragraph
    ['a\r\r\n\nb', ['a\r', 'b']], // lone CRs, then a separator that starts at the `\r` of `\r\n`
    ['---\ndate: 2022-06-29\n---\n\n\nbody\n\nmore', ['body', 'more']],
  ];
  for (const [text, expected] of cases) {
    it(`splits ${JSON.stringify(text)}`, () => {
      const doc = parse(text);
      assert.deepEqual(texts(paragraphs(doc), text), expected);
      assert.deepEqual(paragraphs(doc), byRegex(text, doc.bodyStart));
    });
  }

  it('gives what the regex gave on random text of line breaks, blanks, no-break spaces and letters (property)', () => {
    const piece = fc.constantFrom('\n', '\n', '\r', '\r\n', ' ', '\t', '\u00a0', '\u2028', '\f', 'a', 'b', '[x]{org}');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(3), (parts, cut) => {
        const text = parts.join('');
        const doc = { ...parse(text), bodyStart: Math.min(cut, text.length) };
        assert.deepEqual(paragraphs(doc), byRegex(text, doc.bodyStart), JSON.stringify(text));
      }),
      { numRuns: 5000, seed: 12 },
    );
  });

  it("is linear on blank lines followed by a no-break space: 'a' + '\\n' × 50,000 + '\\u00a0b' (issue 12, item 11)", () => {
    // The 40,000 line breaks took the regex 19-25 s; these three runs take it 85 s, past
    // mocha's timeout. The scan takes milliseconds (bench/shapes/parser.js measures it).
    for (const eol of ['\n', '\r', ' \n']) {
      const text = 'a' + eol.repeat(50_000) + '\u00a0b';
      assert.deepEqual(paragraphs(parse(text)), [{ start: 0, end: text.length }], JSON.stringify(eol));
    }
  });
});

describe('parseParagraph (issue 12, item 3)', () => {
  it('parses the same paragraph text once for its callers in a row, and any other text anew', () => {
    const doc = parse('---\ndate: 2022-06-29\n---\n[Kazakhstan]{country:KZ} met Luxembourg.\n');
    const text = doc.text.slice(doc.bodyStart);
    const first = parseParagraph(text);
    // an equal text cut anew (another string) is the same tree; with a document, its front matter
    assert.equal(parseParagraph(doc.text.slice(doc.bodyStart)), first);
    const withFm = parseParagraph(text, doc);
    assert.deepEqual([withFm.annotations, withFm.frontMatter], [first.annotations, doc.frontMatter]);
    assert.equal(first.frontMatter, undefined);
    // a text of the same length is not taken for it
    const other = parseParagraph(text.replace('KZ', 'LU'));
    assert.notEqual(other, first);
    assert.equal(other.annotations[0].id, 'LU');
    assert.equal(other.text, '\n' + text.replace('KZ', 'LU'));
  });
});
