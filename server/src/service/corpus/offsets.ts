/**
 * UTF-16 offsets ↔ Unicode code point offsets for one text, in O(1) per lookup after one pass.
 * Exports count code points (what Python, brat and spaCy count); the core counts UTF-16 units.
 * Agrees with `codePointOffset` (text.ts) on every offset that is not inside a surrogate pair.
 */
export class CodePoints {
  /** cp[u] = number of code points in text[0, u). */
  private readonly cp: Uint32Array;
  /** u16[c] = UTF-16 offset of code point c. */
  private readonly u16: Uint32Array;

  constructor(readonly text: string) {
    const n = text.length;
    this.cp = new Uint32Array(n + 1);
    const starts: number[] = [];
    let c = 0;
    for (let i = 0; i < n; i++) {
      this.cp[i] = c;
      starts.push(i);
      const h = text.charCodeAt(i);
      if (h >= 0xd800 && h <= 0xdbff && i + 1 < n) {
        const l = text.charCodeAt(i + 1);
        if (l >= 0xdc00 && l <= 0xdfff) {
          this.cp[i + 1] = c + 1; // inside a pair: counts as after it (never a span boundary)
          i++;
        }
      }
      c++;
    }
    this.cp[n] = c;
    starts.push(n);
    this.u16 = Uint32Array.from(starts);
  }

  /** Number of code points of the text. */
  get length(): number {
    return this.u16.length - 1;
  }

  /** Code point offset of a UTF-16 offset (clamped to the text). */
  toCodePoint(utf16: number): number {
    return this.cp[Math.max(0, Math.min(utf16, this.cp.length - 1))];
  }

  /** UTF-16 offset of a code point offset, or undefined when out of range or not an integer. */
  toUtf16(codePoint: number): number | undefined {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint >= this.u16.length) return undefined;
    return this.u16[codePoint];
  }
}
