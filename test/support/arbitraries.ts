/**
 * fast-check generators of hostile .press documents: markup fragments, escapes, front matter
 * cut anywhere, random Unicode (surrogate pairs, combining marks, right-to-left, NUL), and CR,
 * LF and CRLF mixed. Shared by the property tests and the long fuzz run (scripts/fuzz.js).
 */
import * as fc from 'fast-check';

const FRAGMENTS = [
  '[', ']', '{', '}', '\\', ':', '=', '"', ' ', '\t', '\n', '\r\n', '\r', '\n\n', '---\n', '...\n',
  '[Kazakhstan]{country:KZ}', '[Luxembourg]{country:LU}', '[[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}',
  '[Today]{date:2022-06-29}', '[three decades]{duration:P30Y}', '{set:P1W quant=EVERY}', ']{', '{country', 'date: 2022-06-29\n',
  'note="a b"', '\\[', '\\]', '\\{', '\\}', '\\\\', '[]{}', '{:}', 'Nur-Sultan', 'Kazakhstan', 'KZ',
  '😀', '🇰🇿', 'Казахстан', 'e\u0301', '\u05e9\u05dc\u05d5\u05dd', '\u200f', '\u0000', '\uD800', '\uDC00', '\uFEFF',
];

/** A document built from markup fragments and random Unicode. */
export const pressText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** A document that starts with (possibly broken) front matter. */
export const pressDocument: fc.Arbitrary<string> = fc.oneof(
  pressText,
  fc.tuple(pressText, fc.nat(40)).map(([body, cut]) => {
    const fm = '---\ndate: 2022-06-29\nsource: Kazinform\n---\n';
    return fm.slice(0, Math.min(cut, fm.length)) + body;
  }),
  fc.tuple(fc.constantFrom('', '\uFEFF'), fc.constantFrom('\n', '\r\n', '\r'), pressText).map(([bom, eol, body]) => `${bom}---${eol}date: 2022-06-29${eol}---${eol}${body}`),
);

/** Whether offset is on a UTF-16 boundary (not between the halves of a surrogate pair). */
export function onBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return !(prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}
