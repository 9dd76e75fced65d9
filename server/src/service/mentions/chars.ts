/**
 * Character classes and token folding for the mention finder. Pure; never throws.
 *
 * The finder reads text with charCodeAt only (no regular expression or Intl.Segmenter over the
 * whole document): a word is a maximal run of letters, combining marks and digits; every other
 * UTF-16 code unit (punctuation, spaces, surrogate halves of emoji) separates words. ASCII
 * classes come from a table; other code units are classified once, on first sight, with a
 * Unicode property test, and cached.
 */

/** Bits of a code unit's class. */
export const WORD = 1;
export const UPPER = 2;
export const LOWER = 4;
export const DIGIT = 8;
/** A letter with no case (CJK, Arabic, ...) or a combining mark. */
export const CASELESS = 16;
/** Not ASCII (the token needs the slow fold). */
export const WIDE = 32;

/** Set in the table for a code unit not classified yet. */
export const UNKNOWN = 128;

const table = new Uint8Array(65536).fill(UNKNOWN);

(() => {
  for (let c = 0; c < 128; c++) {
    if (c >= 65 && c <= 90) table[c] = WORD | UPPER;
    else if (c >= 97 && c <= 122) table[c] = WORD | LOWER;
    else if (c >= 48 && c <= 57) table[c] = WORD | DIGIT;
    else table[c] = 0;
  }
  // Surrogate halves (emoji, astral letters) separate words.
  table.fill(0, 0xd800, 0xe000);
})();

const RE_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const RE_LOWER = /^\p{Ll}$/u;
const RE_LETTER = /^[\p{L}\p{M}]$/u;
const RE_DIGIT = /^\p{N}$/u;

/** The class bits of a UTF-16 code unit. */
export function charClass(c: number): number {
  if (!(table[c] & UNKNOWN)) return table[c];
  const s = String.fromCharCode(c);
  let v = 0;
  if (RE_UPPER.test(s)) v = WORD | UPPER;
  else if (RE_LOWER.test(s)) v = WORD | LOWER;
  else if (RE_LETTER.test(s)) v = WORD | CASELESS;
  else if (RE_DIGIT.test(s)) v = WORD | DIGIT;
  if (v) v |= WIDE;
  table[c] = v;
  return v;
}

/** The class table itself, for hot loops: `let k = CLASS_TABLE[c]; if (k & UNKNOWN) k = charClass(c);`. */
export const CLASS_TABLE = table;

const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const SPECIAL = /[ßıøæœłđ]/g;
const SPECIAL_MAP: Record<string, string> = { 'ß': 'ss', 'ı': 'i', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd' };

/**
 * The folded key of one word, as kb/normalize.ts folds names: lower case, diacritics removed
 * (é → e, ё → е), ß → ss. `wide` says the word has non-ASCII code units.
 */
export function foldToken(word: string, wide: boolean): string {
  if (!wide) return word.toLowerCase();
  return word.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(SPECIAL, (ch) => SPECIAL_MAP[ch] ?? ch);
}

/** How a word is written. */
export const enum Shape {
  /** No cased letter (digits, caseless scripts). */
  Caseless = 0,
  /** Every cased letter is lower case: `of`, `reading`. */
  Lower = 1,
  /** First letter upper, no other upper case letter, some lower case: `Luxembourg`. */
  Title = 2,
  /** Two or more cased letters, all upper case: `OSCE`, `LUXEMBOURG`. */
  Upper = 3,
  /** Anything else: `CoE`, `McDonald`, `eBay`. */
  Mixed = 4,
  /** One upper case letter and no lower case: `U` (of `U.S.`), `G7`. */
  Initial = 5,
}

/** The shape of text[start, end) (a word). */
export function shapeOf(text: string, start: number, end: number): Shape {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let firstCased = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let k = table[c];
    if (k & UNKNOWN) k = charClass(c);
    if (k & UPPER) {
      if (firstCased) firstUpper = true;
      firstCased = false;
      upper++;
    } else if (k & LOWER) {
      firstCased = false;
      lower++;
    }
  }
  if (upper === 0 && lower === 0) return Shape.Caseless;
  if (upper === 0) return Shape.Lower;
  if (lower === 0) return upper >= 2 ? Shape.Upper : Shape.Initial;
  if (firstUpper && upper === 1) return Shape.Title;
  return Shape.Mixed;
}

export function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009 || (c >= 0x2000 && c <= 0x200a);
}

export function isHyphenCode(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

export function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x02bc;
}

export function isWordCode(c: number): boolean {
  const k = table[c];
  return ((k & UNKNOWN ? charClass(c) : k) & WORD) !== 0;
}
