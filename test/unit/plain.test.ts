/**
 * The plain text of a body and its offset map, and the line index: the fast implementations
 * (slices, indexOf, typed arrays) against the obvious character-by-character ones, on chosen
 * cases and on random documents.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { LineIndex } from '../../server/src/service/text';
import type { Annotation, PressDocument } from '../../server/src/service/model';
import { pressDocument } from '../support/arbitraries';

/** The reference: one character at a time. */
function slowPlainText(doc: PressDocument): { text: string; offsets: number[] } {
  const src = doc.text;
  let text = '';
  const offsets: number[] = [];
  const copy = (start: number, end: number): void => {
    for (let i = start; i < end; i++) {
      if (src[i] === '\\' && i + 1 < end && '[]{}\\'.includes(src[i + 1])) i++;
      offsets.push(i);
      text += src[i];
    }
  };
  const emit = (list: readonly Annotation[], start: number, end: number): void => {
    let pos = start;
    for (const a of list) {
      copy(pos, a.span.start);
      emit(a.children, a.labelSpan.start, a.labelSpan.end);
      pos = a.span.end;
    }
    copy(pos, end);
  };
  emit(doc.annotations, doc.bodyStart, src.length);
  offsets.push(src.length);
  return { text, offsets };
}

function same(src: string): void {
  const doc = parse(src);
  const fast = plainText(doc);
  const slow = slowPlainText(doc);
  assert.equal(fast.text, slow.text, JSON.stringify(src));
  assert.deepEqual([...fast.offsets], slow.offsets, JSON.stringify(src));
}

describe('plainText', () => {
  const cases: Array<[string, string]> = [
    ['[Kazakhstan]{country:KZ} and Luxembourg', 'Kazakhstan and Luxembourg'],
    ['a \\[sic\\] b', 'a [sic] b'],
    ['C:\\path \\n stays', 'C:\\path \\n stays'],
    ['[a \\{b\\}]{org} \\\\ end\\', 'a {b} \\ end\\'],
    ['[[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}', 'OSCE Parliamentary Assembly'],
    ['---\ndate: 2022-06-29\n---\r\n[Қазақстан]{country:KZ} 🇰🇿 \\]\r\n', 'Қазақстан 🇰🇿 ]\r\n'],
    ['[x]{country:KZ}'.repeat(50) + ' then \\[ once', 'x'.repeat(50) + ' then [ once'],
    ['[Ann]{person:a"} said that Bob and [Bea]{person:"b} agreed.', 'Ann said that Bob and Bea agreed.'], // issue 12, item 7
  ];
  for (const [src, text] of cases) {
    it(`${JSON.stringify(src.slice(0, 40))} → ${JSON.stringify(text.slice(0, 30))}`, () => {
      assert.equal(plainText(parse(src)).text, text);
      same(src);
    });
  }

  it('maps every plain character back to the source character it shows', () => {
    const src = 'Before \\[ [Astana]{place} and [[OSCE]{org:OSCE} PA]{org} \\\\ after';
    const { text, offsets } = plainText(parse(src));
    assert.equal(offsets.length, text.length + 1);
    assert.equal(offsets[text.length], src.length);
    for (let i = 0; i < text.length; i++) assert.equal(src[offsets[i]], text[i], `plain ${i}`);
  });

  it('equals the character-by-character reference on random documents', () => {
    fc.assert(fc.property(pressDocument, (src) => same(src)), { numRuns: 500, seed: 7 });
  });
});

describe('LineIndex', () => {
  function slowStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
    }
    return starts;
  }
  function starts(text: string): number[] {
    const lines = new LineIndex(text);
    const out: number[] = [];
    for (let l = 0; l < lines.lineCount; l++) out.push(lines.lineStart(l));
    return out;
  }

  for (const text of ['', 'one line', 'a\nb\n', '\n\n\n', 'a\r\nb\rc\nd', 'end\r', 'Қ\n🇰🇿\r\n']) {
    it(`line starts of ${JSON.stringify(text)}`, () => assert.deepEqual(starts(text), slowStarts(text)));
  }

  it('equals the reference on random text of line breaks (with and without \\r)', () => {
    const piece = fc.constantFrom('a', 'Қ', '🇰🇿', ' ', '\n', '\r', '\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join('')), (text) => {
        assert.deepEqual(starts(text), slowStarts(text));
        const lf = text.replace(/\r/g, '');
        assert.deepEqual(starts(lf), slowStarts(lf));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
