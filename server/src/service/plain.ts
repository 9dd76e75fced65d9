/**
 * The plain text of a document's body: markup removed, escapes resolved — what a reader
 * reads, and what exports hand to other tools. `offsets` maps each plain-text UTF-16 index
 * back to its offset in the source, so spans can be carried across.
 */
import type { Annotation, PressDocument } from './model';

export interface PlainText {
  text: string;
  /** offsets[i] = source offset of plain character i; offsets[text.length] = end of body. */
  offsets: number[];
}

export function plainText(doc: PressDocument): PlainText {
  const src = doc.text;
  let text = '';
  const offsets: number[] = [];
  const copy = (start: number, end: number): void => {
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c === 92 && i + 1 < end && '[]{}\\'.includes(src[i + 1])) i++;
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

