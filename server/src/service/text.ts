/**
 * Positions. The core works on UTF-16 offsets into the document string (what JavaScript
 * strings and LSP use). This file is the one place where offsets become LSP positions
 * (line/character, UTF-16) and code point offsets (what exports document).
 */
import type { Position, Range } from 'vscode-languageserver-types';

/** The offsets where the lines of `text` start. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // only \n breaks (the common case): indexOf is a vectorized search
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** A half-open span [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Line starts of a text; lines end at \n, \r\n or a lone \r (as LSP defines them). */
export class LineIndex {
  /**
   * Made on first use: most documents parsed alone (a paragraph checked on its own, a document
   * that only feeds the mention pipeline) never turn an offset into a line.
   */
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  private get starts(): number[] {
    return (this.lineStarts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  /** Clamps like LSP: a character past the line end means the line end. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  span(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }
}

/**
 * UTF-16 offsets ↔ Unicode code point offsets for one text, in O(1) per lookup after one pass.
 * Exports count code points (what Python, brat and spaCy count); the core counts UTF-16 units.
 * An offset inside a surrogate pair counts as after the pair (never a span boundary).
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

/** Number of code points in text[0, offset). For many offsets of one text, use CodePoints. */
export function codePointOffset(text: string, offset: number): number {
  return new CodePoints(text).toCodePoint(offset);
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function insideCrlf(text: string, o: number): boolean {
  return o > 0 && o < text.length && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
}

/**
 * Moves the ends of a span off places that are no position of the document: between the halves
 * of a surrogate pair (widened) and between the \r and \n of a CRLF (before the \r). Positions
 * reported by libraries, such as YAML error positions, may fall there.
 */
export function snapSpan(text: string, span: Span): Span {
  let { start, end } = span;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  if (start > 0 && start < text.length && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
  if (insideCrlf(text, start)) start--;
  if (insideCrlf(text, end)) end--;
  return { start, end: Math.max(start, end) };
}
