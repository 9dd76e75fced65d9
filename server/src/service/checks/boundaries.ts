/**
 * `annotation.boundary`: a label whose edges hold what is not part of the name: white space,
 * punctuation (`[Luxembourg,]`, `["Nur Otan]`), or a leading article (`[the OSCE]`). The fix
 * moves those characters out of the label; the words stay as they are.
 *
 * Precision first: a final `.` stays when it ends an abbreviation (`U.S.`, `Inc.`, `St.`);
 * brackets and quotes stay when the label also holds their partner (`["Nur Otan"]` is left alone);
 * a leading article is not reported on TIMEX3 labels (TimeML extents include it: `the past three
 * decades`) nor where the article is part of a known name (`The Hague`, `The Gambia`).
 */
import type { Check, Problem } from './check';
import type { Annotation, PressDocument } from '../model';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { DATE_TYPES } from '../mentions/suggestions';
import { quote } from '../strings';

const EDGE_PUNCT = /[\s,;:!?.'"‘’“”«»()[\]<>–—-]/u;
const ABBREVIATIONS = new Set(
  'inc ltd co corp jr sr st bros dr mr mrs ms prof gen col lt sgt ave blvd mt ft no vs plc llc s.a a.g n.v u.s u.k u.n e.u'.split(' '),
);
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '"': '"', '“': '”', '‘': '’', '«': '»', "'": "'" };
const CLOSERS: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));

export interface BoundaryTrim {
  /** Source span moved out before the label (at its start), possibly empty. */
  lead: { start: number; end: number };
  /** Source span moved out after the annotation (at the label's end), possibly empty. */
  trail: { start: number; end: number };
  /** What is wrong, for the message. */
  reasons: string[];
}

/** Offsets of the label's own characters (outside nested annotations): first and last child starts/ends. */
function childBounds(a: Annotation): { firstChild: number; lastChildEnd: number } {
  const cs = a.children;
  return { firstChild: cs.length ? cs[0].span.start : Infinity, lastChildEnd: cs.length ? cs[cs.length - 1].span.end : -Infinity };
}

function describe(s: string): string {
  if (/^\s+$/.test(s)) return 'white space';
  return quote(s.trim());
}

/** What to move out of an annotation's label, or undefined when its edges are fine. */
export function boundaryTrim(doc: PressDocument, a: Annotation, kb?: KnowledgeBase): BoundaryTrim | undefined {
  const text = doc.text;
  const { start, end } = a.labelSpan;
  if (end <= start) return undefined;
  const { firstChild, lastChildEnd } = childBounds(a);
  const label = text.slice(start, end);
  const reasons: string[] = [];

  // leading: white space and punctuation, then an article
  let ls = start;
  while (ls < end && ls < firstChild && EDGE_PUNCT.test(text[ls]) && text[ls] !== '\\') {
    const ch = text[ls];
    if (PAIRS[ch] && label.slice(ls - start + 1).includes(PAIRS[ch])) break; // balanced: `["Nur Otan"]`
    if (ch === '[') break;
    if ((ch === "'" || ch === '’') && /\d/.test(text[ls + 1] ?? '')) break; // `'90s`
    ls++;
  }
  let articleEnd = ls;
  if (!DATE_TYPES.includes(a.type)) {
    const m = /^(the|The|THE)[ \t]+/.exec(text.slice(ls, Math.min(end, firstChild)));
    if (m && ls + m[0].length < end) {
      const named = kb?.lookupName(a.text.replace(/\s+/g, ' ').trim()).some((e) => /^the\s/i.test(e.name) || (e.aliases ?? []).some((x) => /^the\s/i.test(x)));
      if (!named) articleEnd = ls + m[0].length;
    }
  }
  // trailing: white space and punctuation
  let te = end;
  while (te > articleEnd && te > lastChildEnd && EDGE_PUNCT.test(text[te - 1]) && text[te - 2] !== '\\') {
    const ch = text[te - 1];
    if (CLOSERS[ch] && label.slice(0, te - 1 - start).includes(CLOSERS[ch])) break;
    if (ch === ']') break;
    if (ch === '.') {
      const word = /([\p{L}.]+)\.$/u.exec(text.slice(start, te))?.[1] ?? '';
      if (word.includes('.') || word.length === 1 || ABBREVIATIONS.has(word.toLowerCase())) break;
    }
    te--;
  }
  if (te <= articleEnd) return undefined; // nothing would be left: not a boundary problem
  const leadText = text.slice(start, articleEnd);
  const trailText = text.slice(te, end);
  if (!leadText && !trailText) return undefined;
  if (text.slice(start, ls)) reasons.push(`starts with ${describe(text.slice(start, ls))}`);
  if (articleEnd > ls) reasons.push(`starts with the article ${quote(text.slice(ls, articleEnd).trim())}`);
  if (trailText) reasons.push(`ends with ${describe(trailText)}`);
  return { lead: { start, end: articleEnd }, trail: { start: te, end }, reasons };
}

export const checkBoundaries: Check = ({ doc, kb }) => {
  const out: Problem[] = [];
  for (const a of doc.all) {
    if (!a.type) continue;
    const t = boundaryTrim(doc, a, kb);
    if (!t) continue;
    out.push({
      code: 'annotation.boundary',
      span: a.labelSpan,
      message: `The label ${t.reasons.join(' and ')}: that is not part of the ${a.type === 'date' || DATE_TYPES.includes(a.type) ? 'expression' : 'name'}.`,
      data: { annotation: a.span },
    });
  }
  return out;
};
