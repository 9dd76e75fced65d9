/**
 * Paragraphs: the unit of incremental analysis. Annotations never span a blank line, so a
 * paragraph parses alone exactly as it does in its document; what is found in a paragraph (names,
 * dates, the problems of its annotations) can be kept by its text and reused while it is unchanged.
 */
import type { PressDocument } from './model';
import { parse } from './parser';
import type { Span } from './text';

const CR = 13;
const LF = 10;
const LINE_BREAK = /[\r\n]/g;
/** What `\s` matches (the next paragraph must start with anything else). */
const WHITE = /\s/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Paragraphs of the body: maximal runs of lines separated by blank lines, as source spans.
 *
 * A separator is two or more line breaks (`\n` or `\r\n`; or two or more lone `\r`), each
 * followed by the spaces and tabs after it, that ends where a character other than white space
 * starts or at the end of the text; it is what the regex
 * `/\r?\n[ \t]*(?:\r?\n[ \t]*)+(?=\S|$)|\r[ \t]*(?:\r[ \t]*)+(?=\S|$)/g` matches, found in one
 * pass: a run of line breaks that cannot end a separator is skipped whole (that regex retried it
 * from each of its line breaks, quadratic in the length of the run). Where white space other
 * than a space or tab follows the run (`\u00a0`, `\u2028`), the paragraphs on either side
 * stay one: a larger paragraph is still parsed alone as in its document.
 */
export function paragraphs(doc: PressDocument): Span[] {
  const text = doc.text;
  const n = text.length;
  const out: Span[] = [];
  let start = doc.bodyStart;
  const separator = (at: number, end: number): void => {
    if (at > start) out.push({ start, end: at });
    start = end;
  };
  let p = doc.bodyStart;
  for (;;) {
    LINE_BREAK.lastIndex = p;
    if (!LINE_BREAK.test(text)) break;
    p = LINE_BREAK.lastIndex - 1;
    let e = p;
    let units = 0;
    if (text.charCodeAt(p) === LF || text.charCodeAt(p + 1) === LF) {
      // line breaks `\n` / `\r\n`, each with the spaces and tabs after it
      for (;;) {
        if (text.charCodeAt(e) === CR && text.charCodeAt(e + 1) === LF) e += 2;
        else if (text.charCodeAt(e) === LF) e++;
        else break;
        while (e < n && isBlank(text.charCodeAt(e))) e++;
        units++;
      }
      if (units >= 2 && (e === n || !WHITE.test(text[e]))) separator(p, e);
      // otherwise no separator starts inside the run: every one from there ends at e too
      p = e;
    } else {
      // lone `\r`, each with the spaces and tabs after it
      while (text.charCodeAt(e) === CR) {
        e++;
        while (e < n && isBlank(text.charCodeAt(e))) e++;
        units++;
      }
      if (units >= 2 && (e === n || !WHITE.test(text[e]))) {
        separator(p, e);
        p = e;
      } else {
        // a `\r\n` that ends the run may start a separator of the other kind
        p = text.charCodeAt(e - 1) === CR && text.charCodeAt(e) === LF ? e - 1 : e;
      }
    }
  }
  if (start < n) out.push({ start, end: n });
  return out;
}

/**
 * A paragraph's text parsed alone, as a document of its own with the front matter of `doc` (so
 * that the publication date and the other keys read the same). Offset o of the result is offset
 * `o - PARAGRAPH_OFFSET + paragraph start` in `doc`: a line break is put first so that a paragraph
 * starting with `---` does not read as front matter.
 */
export function parseParagraph(text: string, doc?: PressDocument): PressDocument {
  let sub: PressDocument;
  if (lastParsed && lastParsed.text === text) sub = lastParsed.doc;
  else {
    sub = parse('\n' + text);
    // the text as a slice of the tree's own (the caller's may be a slice of a whole document)
    lastParsed = { text: sub.text.slice(PARAGRAPH_OFFSET), doc: sub };
  }
  return doc ? { ...sub, frontMatter: doc.frontMatter } : sub;
}

/**
 * The last paragraph parsed alone (a tree is never changed once made). A keystroke's paragraph is
 * parsed alone twice otherwise: by the mention echo check (a document check: the paragraph's
 * suggestions) and by the paragraph checks; in a 499 KB paragraph that is 4 MB of tree each time.
 * One slot: a corpus of unique paragraphs keeps one more, no more.
 */
let lastParsed: { text: string; doc: PressDocument } | undefined;

/** Where a paragraph's own text starts in the result of parseParagraph. */
export const PARAGRAPH_OFFSET = 1;
