/**
 * Paragraphs: the unit of incremental analysis. Annotations never span a blank line, so a
 * paragraph parses alone exactly as it does in its document; what is found in a paragraph (names,
 * dates, the problems of its annotations) can be kept by its text and reused while it is unchanged.
 */
import type { PressDocument } from './model';
import { parse } from './parser';
import type { Span } from './text';

/** Paragraphs of the body: maximal runs of lines separated by blank lines, as source spans. */
export function paragraphs(doc: PressDocument): Span[] {
  const text = doc.text;
  const out: Span[] = [];
  const re = /\r?\n[ \t]*(?:\r?\n[ \t]*)+(?=\S|$)|\r[ \t]*(?:\r[ \t]*)+(?=\S|$)/g;
  re.lastIndex = doc.bodyStart;
  let start = doc.bodyStart;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/**
 * A paragraph's text parsed alone, as a document of its own with the front matter of `doc` (so
 * that the publication date and the other keys read the same). Offset o of the result is offset
 * `o - PARAGRAPH_OFFSET + paragraph start` in `doc`: a line break is put first so that a paragraph
 * starting with `---` does not read as front matter.
 */
export function parseParagraph(text: string, doc?: PressDocument): PressDocument {
  const sub = parse('\n' + text);
  return doc ? { ...sub, frontMatter: doc.frontMatter } : sub;
}

/** Where a paragraph's own text starts in the result of parseParagraph. */
export const PARAGRAPH_OFFSET = 1;
