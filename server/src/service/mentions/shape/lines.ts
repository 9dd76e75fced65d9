/**
 * The kind of a line, where case proves nothing: a headline in Title Case, or a line in
 * capitals. Pure; never throws.
 *
 * The built-in finder's rule (`classifyLine`, scan.ts): a line in capitals has at least two
 * cased words and three quarters of them in capitals; a Title Case line has at least three words
 * of four letters or more and three quarters of those capitalized.
 */
import { classifyLine } from '../scan';

import { LINE_TITLE, LINE_UPPER } from '../scan';

export const LINE_PLAIN = 0;
export { LINE_TITLE, LINE_UPPER };

/**
 * The kind of the line text[s, e) (no line break inside): the finder's own reading
 * (`classifyLine`, scan.ts), one rule for every recognizer. `upperOnly`: only LINE_UPPER or
 * LINE_PLAIN (the caller knows it cannot be a headline).
 */
export function lineKind(text: string, s: number, e: number, upperOnly = false): number {
  const kind = classifyLine(text, s, e);
  return upperOnly ? kind & LINE_UPPER : kind;
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
