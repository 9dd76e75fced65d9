/**
 * The kind of a line, where case proves nothing: a headline in Title Case, or a line in
 * capitals. Pure; never throws.
 *
 * The same rule as the built-in finder's `classifyLine` (finder.ts): a line in capitals has at
 * least two cased words and three quarters of them in capitals; a Title Case line has at least
 * three words of four letters or more and three quarters of those capitalized. (finder.ts keeps
 * its own unrolled copy in its hot loop; when the pipeline lands, it can read this one.)
 */
import { CLASS_TABLE, UNKNOWN, WORD, charClass, shapeOf, Shape } from '../chars';

export const LINE_PLAIN = 0;
export const LINE_TITLE = 1;
export const LINE_UPPER = 2;

/** The kind of the line text[s, e) (no line break inside); `upperOnly`: only LINE_UPPER or LINE_PLAIN (it cannot be a headline). */
export function lineKind(text: string, s: number, e: number, upperOnly = false): number {
  let long = 0;
  let longCap = 0;
  let cased = 0;
  let upper = 0;
  let i = s;
  while (i < e) {
    let k = CLASS_TABLE[text.charCodeAt(i)];
    if (k & UNKNOWN) k = charClass(text.charCodeAt(i));
    if (!(k & WORD)) {
      i++;
      continue;
    }
    const ws = i;
    while (i < e) {
      let c = CLASS_TABLE[text.charCodeAt(i)];
      if (c & UNKNOWN) c = charClass(text.charCodeAt(i));
      if (!(c & WORD)) break;
      i++;
    }
    const sh = shapeOf(text, ws, i);
    if (sh === Shape.Caseless) continue;
    if (sh !== Shape.Initial) cased++;
    if (sh === Shape.Upper) upper++;
    if (i - ws >= 4) {
      long++;
      if (sh !== Shape.Lower) longCap++;
    }
    // neither kind can be reached any more: the rest of the line holds at most (e - i) / 3 words
    // in capitals (a separator and two letters each) and (e - i) / 5 long words (finder.ts reads so too)
    if (3 * cased - 4 * upper > Math.floor((e - i) / 3) && (upperOnly || 3 * long - 4 * longCap > Math.floor((e - i) / 5))) return LINE_PLAIN;
  }
  if (cased >= 2 && upper * 4 >= cased * 3) return LINE_UPPER;
  if (!upperOnly && long >= 3 && longCap * 4 >= long * 3) return LINE_TITLE;
  return LINE_PLAIN;
}

/** The line text[s, e) ends with a full stop, "!" or "?" (closing quotes and brackets aside): a headline does not. */
function endsSentence(t: string, s: number, e: number): boolean {
  let q = e;
  while (q > s) {
    const c = t.charCodeAt(q - 1);
    if (c === 32 || c === 9 || c === 13 || c === 0x201d || c === 0x2019 || c === 34 || c === 39 || c === 41) q--;
    else return c === 46 || c === 33 || c === 63;
  }
  return false;
}

/**
 * The kind of the line holding a position (a Title Case line that ends a sentence with a full
 * stop, "!" or "?" is prose full of names, not a headline), remembered for the last line asked about (a
 * recognizer asks in text order, so each line is read once).
 */
export class LineKinds {
  private start = -1;
  private end = -1;
  private kind = LINE_PLAIN;
  constructor(private readonly text: string) {}

  at(pos: number): number {
    if (pos >= this.start && pos < this.end) return this.kind;
    const t = this.text;
    const s = pos > 0 ? t.lastIndexOf('\n', pos - 1) + 1 : 0;
    let e = t.indexOf('\n', pos);
    if (e < 0) e = t.length;
    this.start = s;
    this.end = e + 1;
    this.kind = lineKind(t, s, e, endsSentence(t, s, e));
    return this.kind;
  }
}
