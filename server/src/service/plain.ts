/**
 * The plain text of a document's body: markup removed, escapes resolved — what a reader
 * reads, and what exports hand to other tools. `offsets` maps each plain-text UTF-16 index
 * back to its offset in the source, so spans can be carried across.
 */
import type { Annotation, PressDocument } from './model';

export interface PlainText {
  text: string;
  /** offsets[i] = source offset of plain character i; offsets[text.length] = end of body. */
  offsets: Int32Array;
}

/** The characters a backslash escapes: `[ ] { } \`. */
function isEscapable(c: number): boolean {
  return c === 91 || c === 93 || c === 123 || c === 125 || c === 92;
}

/**
 * One pass that copies runs of text between markup and escapes as slices (no per-character
 * string building) and writes the offsets into one typed array.
 */
export function plainText(doc: PressDocument): PlainText {
  const src = doc.text;
  const parts: string[] = [];
  const offsets = new Int32Array(Math.max(0, src.length - doc.bodyStart) + 1);
  let n = 0;
  // the next backslash at or after the copy position (-1: none left); searched forward only, so
  // the whole document costs one search however many runs it is copied in
  let nextBackslash = src.indexOf('\\', doc.bodyStart);
  const copy = (start: number, end: number): void => {
    let i = start;
    while (i < end) {
      if (nextBackslash >= 0 && nextBackslash < i) nextBackslash = src.indexOf('\\', i);
      const j = nextBackslash < 0 || nextBackslash >= end ? end : nextBackslash;
      if (j > i) {
        parts.push(src.slice(i, j));
        for (let k = i; k < j; k++) offsets[n++] = k;
      }
      if (j >= end) return;
      // a backslash: an escape stands for the character after it
      if (j + 1 < end && isEscapable(src.charCodeAt(j + 1))) {
        parts.push(src[j + 1]);
        offsets[n++] = j + 1;
        i = j + 2;
      } else {
        parts.push('\\');
        offsets[n++] = j;
        i = j + 1;
      }
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
  offsets[n++] = src.length;
  return { text: parts.join(''), offsets: offsets.subarray(0, n) };
}
