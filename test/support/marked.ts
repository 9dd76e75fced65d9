/**
 * Test documents with markers: `$|$` marks a cursor, `$[$ ... $]$` marks a range.
 * `marked(text)` returns the clean text and the marker offsets (UTF-16).
 */
export interface Marked {
  text: string;
  cursor: number;
  ranges: Array<{ start: number; end: number }>;
}

export function marked(src: string): Marked {
  let text = '';
  let cursor = -1;
  const ranges: Array<{ start: number; end: number }> = [];
  const opens: number[] = [];
  for (let i = 0; i < src.length; ) {
    if (src.startsWith('$|$', i)) {
      cursor = text.length;
      i += 3;
    } else if (src.startsWith('$[$', i)) {
      opens.push(text.length);
      i += 3;
    } else if (src.startsWith('$]$', i)) {
      const start = opens.pop();
      if (start === undefined) throw new Error('unbalanced $]$ in test document');
      ranges.push({ start, end: text.length });
      i += 3;
    } else {
      text += src[i++];
    }
  }
  if (opens.length) throw new Error('unbalanced $[$ in test document');
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursor, ranges };
}

let nextVersion = 1;

/** A TextSource for the language service; every call is a new version of the document. */
export function source(text: string, uri = 'file:///test/doc.press') {
  return { uri, version: nextVersion++, getText: () => text };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(
  text: string,
  lines: { offsetAt(p: { line: number; character: number }): number },
  edits: ReadonlyArray<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>,
): string {
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** The words of a text outside markup, for the invariant "a fix never changes the words". */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
