/**
 * Random .press documents for the corpus property tests: well-formed by construction (every
 * generated document parses without errors), with Unicode (surrogate pairs, combining marks),
 * CRLF, nesting, escapes, plain brackets, attributes, front matter and a byte order mark.
 */
import * as fc from 'fast-check';

const WORDS = ['Kazakhstan', 'OSCE', 'Nur-Sultan', 'Жаңа', 'Қазақстан', '中文', 'é', 'e\u0301', '😀', '𝔸𝔹', '\u200b', 'x', '2022', 'a=b', 'c:d', '"q"', '–', '.', ','];
const ATOMS = [' ', '  ', '\t', ' (see) ', '\\[', '\\]', '\\{', '\\}', '\\\\', '\\q', ' [sic] ', ' [1] ', '{1, 2}', '{ x }', '\u00a0'];
const TYPES = ['country', 'org', 'person', 'place', 'date', 'time', 'duration', 'set', 'ship', 'x-y_1'];
const IDS = ['KZ', 'OSCE-PA', '', 'wd:Q81299', '2022-06-29', 'P30Y', 'Ж', '😀', 'a.b/c', '*bob', 'G1526273'];
const ATTRS = ['mod=APPROX', 'quant=EVERY', 'note="a b"', 'k="x \\" y"', 'k2=v', 'e=""', 'z="{}[]"'];

const word = fc.constantFrom(...WORDS);
const atom = fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: fc.constantFrom(...ATOMS) }, { weight: 1, arbitrary: word.map((w) => '\n' + w) });

export const spec: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...TYPES), fc.option(fc.constantFrom(...IDS), { nil: undefined }), fc.uniqueArray(fc.constantFrom(...ATTRS), { selector: (a) => a.split('=')[0], maxLength: 3 }), fc.constantFrom('', ' ', '  '))
  .map(([type, id, attrs, pad]) => [type + (id === undefined ? '' : ':' + id), ...attrs].join(pad === '' ? ' ' : pad) + (pad === '  ' ? ' ' : ''));

function annotation(depth: number): fc.Arbitrary<string> {
  const part = depth > 0 ? fc.oneof({ weight: 4, arbitrary: atom }, { weight: 1, arbitrary: fc.constant(null).chain(() => annotation(depth - 1)) }) : atom;
  return fc.tuple(word, fc.array(part, { maxLength: 4 }), spec).map(([w, parts, s]) => `[${w}${parts.join('')}]{${s}}`);
}

const paragraph = fc.array(fc.oneof({ weight: 3, arbitrary: atom }, { weight: 2, arbitrary: annotation(2) }), { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constant('---\ndate: 2022-06-29\ndateline: Nur-Sultan\nsource: Kazinform\n---\n'),
  fc.constant('---\n# a comment\ntitle: "Quoted: title"\nn: 12\n...\n'),
  fc.constant('---\n---\n'),
  fc.constant('---\nid: 940e3c0b4c033e59\nlanguage: en\ntags: [a, b]\n---\n'),
);

/** A well-formed .press document. */
export const pressDocument: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), frontMatter, fc.array(paragraph, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('', '\n'))
  .map(([crlf, fm, paragraphs, bom, end]) => {
    const s = fm + paragraphs.join('\n\n') + end;
    return (bom ? '\ufeff' : '') + (crlf ? s.replace(/\n/g, '\r\n') : s);
  });

/** Any text made of the characters that matter to the syntax (mostly malformed). */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('[', ']', '{', '}', '\\', ':', '=', '"', ' ', '\n', '\r\n', 'a', 'country', 'date:2022', '😀', '\ud800', '---\n', 'x=1'), { maxLength: 40 })
  .map((parts) => parts.join(''));
