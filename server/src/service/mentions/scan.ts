/**
 * Reading words and lines by code units for the finder (finder.ts) and its rules (rules.ts): word
 * shapes and hashes, neighbouring words, line kinds, capitalized chains, acronyms in brackets,
 * datelines, sentence starts. Pure; no allocation in the hot paths.
 */
import * as wordsModule from './words';
import { CLASS_TABLE, charClass, UNKNOWN, isHyphenCode, isSpaceCode, LOWER, Shape, shapeOf, UPPER, WIDE, WORD } from './chars';

// The sibling files' helpers as bindings of this module (read as constants in the hot loops, as before finder.ts was split).
const { ACRONYM_SKIPS, ACRONYM_SKIP_MAX } = wordsModule;

export function firstWordHash(c0: number, c1: number, len: number): number {
  return ((c0 * 131 + c1) * 32 + (len > 31 ? 31 : len)) & 0xffff;
}

/**
 * The shape of a word from its counts of upper- and lower-case letters, as shapeOf gives it;
 * `firstUpper`: the first cased letter is upper case.
 */
export function shapeFrom(up: number, low: number, firstUpper: boolean): Shape {
  if (up === 0 && low === 0) return Shape.Caseless;
  if (up === 0) return Shape.Lower;
  if (low === 0) return up >= 2 ? Shape.Upper : Shape.Initial;
  if (firstUpper && up === 1) return Shape.Title;
  return Shape.Mixed;
}

export const LINE_TITLE = 1;
export const LINE_UPPER = 2;

/** A headline in Title Case, or a line in capitals. */
export function classifyLine(text: string, s: number, e: number): number {
  let long = 0;
  let longCap = 0;
  let cased = 0;
  let upper = 0;
  const T = CLASS_TABLE;
  let i = s;
  while (i < e) {
    let c = text.charCodeAt(i);
    let k = T[c];
    if (k & UNKNOWN) k = charClass(c);
    if (!(k & WORD)) {
      i++;
      continue;
    }
    // a word: its shape as shapeOf gives it
    const ws = i;
    let up = 0;
    let low = 0;
    let firstUpper = false;
    let firstCased = true;
    for (;;) {
      if (k & UPPER) {
        if (firstCased) firstUpper = true;
        firstCased = false;
        up++;
      } else if (k & LOWER) {
        firstCased = false;
        low++;
      }
      if (++i >= e) break;
      c = text.charCodeAt(i);
      // (lower-case ASCII letters the short way)
      while (c >= 97 && c <= 122) {
        firstCased = false;
        low++;
        if (++i >= e) break;
        c = text.charCodeAt(i);
      }
      if (i >= e) break;
      k = T[c];
      if (k & UNKNOWN) k = charClass(c);
      if (!(k & WORD)) break;
    }
    if (up === 0 && low === 0) continue; // Caseless
    const sh = up === 0 ? Shape.Lower : low === 0 ? (up >= 2 ? Shape.Upper : Shape.Initial) : firstUpper && up === 1 ? Shape.Title : Shape.Mixed;
    if (sh !== Shape.Initial) cased++;
    if (sh === Shape.Upper) upper++;
    if (i - ws >= 4) {
      long++;
      if (sh !== Shape.Lower) longCap++;
    }
    // Neither kind can be reached any more: the rest of the line holds at most (e - i) / 3 words
    // in capitals (a separator and two letters each) and (e - i) / 5 long words, and even all of
    // them would not bring the ratios to 3/4. (Most lines of prose end here, half read.)
    if (3 * cased - 4 * upper > Math.floor((e - i) / 3) && 3 * long - 4 * longCap > Math.floor((e - i) / 5)) return 0;
  }
  let kind = 0;
  if (cased >= 2 && upper / cased >= 0.75) kind |= LINE_UPPER;
  else if (long >= 3 && longCap / long >= 0.75) kind |= LINE_TITLE;
  return kind;
}

export function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The words of the last capitalChain. */
export const chainStart = new Int32Array(4);
export const chainEnd = new Int32Array(4);

/**
 * Up to four capitalized words after pos, separated by single spaces: their number; the words
 * are chainStart[k], chainEnd[k] (overwritten by the next call).
 */
export function capitalChain(text: string, pos: number): number {
  let n = 0;
  let q = pos;
  while (n < 4 && q < text.length && isWordAt(text, q)) {
    const e = wordAfter(text, q);
    const sh = shapeOf(text, q, e);
    if (sh === Shape.Lower || sh === Shape.Caseless) break;
    chainStart[n] = q;
    chainEnd[n] = e;
    n++;
    if (text.charCodeAt(e) !== 32) break;
    q = e + 1;
  }
  return n;
}

/**
 * The name at [start, end) and the capitalized words after it are followed by an acronym in
 * brackets that spells their initials: "United States Air Force (USAF)", "Kazakhstan Railways
 * Company (KTZ)" does not spell and stays undecided here. At least one word follows the name.
 */
export function definesAcronym(text: string, start: number, end: number): boolean {
  return bracketMayFollow(text, end) && spellsAcronym(text, start, end);
}

/**
 * A necessary condition of spellsAcronym, cheap to test: the first character after `end` that
 * is neither a word character nor a space is an opening bracket (spellsAcronym stops at the
 * first other character, or at its limit, and needs a bracket where it stops), and no word
 * before it starts in lower case with more letters than a word of ACRONYM_SKIPS (spellsAcronym
 * takes only those, and capitalized words).
 */
export function bracketMayFollow(text: string, end: number): boolean {
  const limit = end + 120;
  const n = text.length;
  let q = end;
  while (q < n) {
    let c = text.charCodeAt(q);
    if (c === 40) return true;
    if (c === 32) {
      if (q >= limit) return false;
      q++;
      continue;
    }
    // a word (anything else stops here)
    const ws = q;
    const lowerStart = c >= 97 && c <= 122;
    while (q < n) {
      c = text.charCodeAt(q);
      if (c >= 97 && c <= 122) {
        q++;
        continue;
      }
      const k = CLASS_TABLE[c];
      if (!((k & UNKNOWN ? charClass(c) : k) & WORD)) break;
      q++;
    }
    if (q === ws) return false;
    // a word that starts in lower case and is longer than any word of ACRONYM_SKIPS is neither
    // a skipped word nor a capitalized one
    if (lowerStart && q - ws > ACRONYM_SKIP_MAX) return false;
  }
  return false;
}

export function spellsAcronym(text: string, start: number, end: number): boolean {
  const limit = Math.min(text.length, end + 120);
  let q = end;
  let initials = '';
  // the initials of the name itself
  for (let i = start; i < end; i++) {
    if (isWordAt(text, i) && (i === start || !isWordAt(text, i - 1))) {
      const c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) initials += text[i];
      else if (!(c >= 97 && c <= 122)) return false;
    }
  }
  if (text.charCodeAt(end) === 46) return false; // "U.S." writes its own initials
  let after = 0;
  while (q < limit) {
    const c = text.charCodeAt(q);
    if (c === 32) {
      q++;
      continue;
    }
    if (c === 40) break;
    if (!isWordAt(text, q)) return false;
    const e = wordAfter(text, q);
    const sh = shapeOf(text, q, e);
    if (sh === Shape.Lower) {
      if (!ACRONYM_SKIPS.hasExact(text, q, e)) return false;
    } else if (sh === Shape.Title || sh === Shape.Upper) {
      initials += text[q].toUpperCase();
      after++;
    } else return false;
    q = e;
  }
  if (after === 0 || text.charCodeAt(q) !== 40) return false;
  const close = text.indexOf(')', q);
  if (close < 0 || close - q > 12) return false;
  const acronym = text.slice(q + 1, close).replace(/[.\s]/g, '');
  return acronym.length >= 2 && acronym.toUpperCase() === initials;
}

export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return ((CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c]) & WORD) !== 0;
}

export function isSpaceOrBreak(c: number): boolean {
  return isSpaceCode(c) || c === 10 || c === 13;
}

/** Start of the word ending at `end`. */
export function wordBefore(text: string, end: number): number {
  let s = end;
  while (s > 0 && isWordAt(text, s - 1)) s--;
  return s;
}

/** End of the word starting at `start`. */
export function wordAfter(text: string, start: number): number {
  let e = start;
  while (e < text.length && isWordAt(text, e)) e++;
  return e;
}

/** What readWord found: the shape, the folded hash (ASCII words) and whether the word has non-ASCII code units. */
export const WORD_INFO = new Int32Array(3);

/**
 * Reads the word that starts at s in one pass: returns its end; WORD_INFO holds its shape (as
 * shapeOf), the hash of its lower-cased code units (as WordSet and ChildTable hash; meaningful
 * for ASCII words only) and 1 when it has non-ASCII code units.
 */
export function readWord(text: string, s: number): number {
  const n = text.length;
  let i = s;
  let h = 0;
  let up = 0;
  let low = 0;
  let wide = 0;
  let firstUpper = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      h = (Math.imul(h, 31) + c) | 0;
      low++;
      i++;
      continue;
    }
    let k = CLASS_TABLE[c];
    if (k & UNKNOWN) k = charClass(c);
    if (!(k & WORD)) break;
    wide |= k & WIDE;
    h = (Math.imul(h, 31) + (k & UPPER ? c | 32 : c)) | 0;
    if (k & UPPER) {
      if (up === 0 && low === 0) firstUpper = true;
      up++;
    } else if (k & LOWER) low++;
    i++;
  }
  WORD_INFO[0] = shapeFrom(up, low, firstUpper);
  WORD_INFO[1] = h;
  WORD_INFO[2] = wide ? 1 : 0;
  return i;
}

/** readWord for the word that ends at `end`, read backwards: returns its start. */
export function readWordBefore(text: string, end: number): number {
  let i = end;
  // the hash of readWord, sum of c * 31^(distance to the end), accumulated from the end
  let h = 0;
  let pow = 1;
  let up = 0;
  let low = 0;
  let wide = 0;
  // the cased letter seen last, i.e. the first one of the word, is upper case
  let firstUpper = false;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c >= 97 && c <= 122) {
      h = (h + Math.imul(c, pow)) | 0;
      pow = Math.imul(pow, 31);
      low++;
      firstUpper = false;
      i--;
      continue;
    }
    let k = CLASS_TABLE[c];
    if (k & UNKNOWN) k = charClass(c);
    if (!(k & WORD)) break;
    wide |= k & WIDE;
    h = (h + Math.imul(k & UPPER ? c | 32 : c, pow)) | 0;
    pow = Math.imul(pow, 31);
    if (k & UPPER) {
      up++;
      firstUpper = true;
    } else if (k & LOWER) {
      low++;
      firstUpper = false;
    }
    i--;
  }
  WORD_INFO[0] = shapeFrom(up, low, firstUpper);
  WORD_INFO[1] = h;
  WORD_INFO[2] = wide ? 1 : 0;
  return i;
}

/** End of the word before pos on the same line, skipping spaces (and nothing else); -1 when there is none. */
export function prevWordEnd(text: string, pos: number): number {
  let q = pos;
  while (q > 0 && isSpaceCode(text.charCodeAt(q - 1))) q--;
  if (q === pos || q === 0 || !isWordAt(text, q - 1)) return -1;
  return q;
}

/** Start of the word after pos on the same line, skipping spaces (and nothing else); -1 when there is none. */
export function nextWordStart(text: string, pos: number): number {
  let q = pos;
  while (q < text.length && isSpaceCode(text.charCodeAt(q))) q++;
  if (q === pos || q >= text.length || !isWordAt(text, q)) return -1;
  return q;
}

/** White space as `\s` of a regular expression matches it. */
export function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** text[from, to) is a comma and at most two white-space characters (`/^,\s{0,2}$/`). */
export function commaSpaces(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3 || text.charCodeAt(from) !== 44) return false;
  for (let q = from + 1; q < to; q++) if (!isJsSpace(text.charCodeAt(q))) return false;
  return true;
}

/**
 * The three characters after `end` start as a dateline does: `/^(?:\s*[,(]|\s+[-–—])/`, or with
 * `dot` `/^(?:\s*[,.(]|\s+[-–—])/`.
 */
export function datelineAfter(text: string, end: number, dot: boolean): boolean {
  const limit = Math.min(text.length, end + 3);
  let q = end;
  while (q < limit && isJsSpace(text.charCodeAt(q))) q++;
  if (q >= limit) return false;
  const c = text.charCodeAt(q);
  if (c === 44 || c === 40 || (dot && c === 46)) return true;
  return q > end && (c === 45 || c === 0x2013 || c === 0x2014);
}

/** Opening quotes and brackets: 34, 39, 40, 91, 0x201c, 0x2018, 0xab, 0x201e, 0x2039. */
export function isOpener(c: number): boolean {
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e || c === 0x2039;
}

/** Nothing but a sentence boundary, a line break, a dash or the start of the text before pos. */
export function isSentenceInitial(text: string, pos: number): boolean {
  let q = pos;
  while (q > 0) {
    const c = text.charCodeAt(q - 1);
    if (isSpaceCode(c) || isOpener(c)) q--;
    else break;
  }
  if (q === 0) return true;
  const c = text.charCodeAt(q - 1);
  if (c === 10 || c === 13) return true;
  // . ! ? : ; … • | and closing quotes or brackets after them
  if (c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 0x2026 || c === 0x2022 || c === 124) return true;
  if ((c === 34 || c === 0x201d || c === 0x2019 || c === 41 || c === 39) && q > 1) {
    const d = text.charCodeAt(q - 2);
    if (d === 46 || d === 33 || d === 63) return true;
  }
  // a dash between spaces: datelines ("NUR-SULTAN. KAZINFORM - Today"), bullets
  if ((isHyphenCode(c) || c === 0x2013 || c === 0x2014) && (q === 1 || isSpaceOrBreak(text.charCodeAt(q - 2)))) return true;
  return false;
}
