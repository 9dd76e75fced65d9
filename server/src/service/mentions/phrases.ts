/**
 * A small matcher of exact phrases (names as a user wrote them: annotated labels, the aliases of a
 * new entity) in running text, with the finder's case rules: whole words only; a word written
 * with a capital must be capitalized in the text (or in capitals); a word in capitals (`OSCE`,
 * `US`) only in capitals; a mixed-case word (`CoE`) as written or in capitals; a lower-case word
 * (`of`) in any case. What stands between the words (spaces, a hyphen, a dot, quotes) must be the
 * same, white space folded. Phrases that start with a lower-case word are not matched (no name
 * starts in lower case: the finder's rule).
 *
 * Linear: one pass over the text, words read with the class table of chars.ts; a word that starts
 * with a capital or a digit is folded and looked up in a map by first word (the phrases that start
 * with it, longest first), and only then are the next words compared. For the few hundred or
 * thousand names of a workspace: no trie is rebuilt. Pure; never throws.
 */
import { charClass, foldToken, LOWER, Shape, shapeOf, WIDE, WORD } from './chars';

interface Phrase<P> {
  /** Folded words. */
  keys: string[];
  /** Each word as written, and its shape. */
  words: string[];
  shapes: Shape[];
  /** What stands before word i (i ≥ 1), white space folded to one space; gaps[0]: before the first word; gaps[n]: after the last. */
  gaps: string[];
  payload: P;
}

export interface PhraseHit<P> {
  start: number;
  end: number;
  payload: P;
}


function isWhite(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a);
}

/** A gap with its white space folded to one space. */
function foldGap(s: string): string {
  let out = '';
  let white = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isWhite(c)) {
      if (!white) out += ' ';
      white = true;
    } else {
      out += s[i];
      white = false;
    }
  }
  return out;
}

/** The words and gaps of a phrase; undefined when it has no word. Leading and trailing white space is dropped. */
function splitPhrase(raw: string): Omit<Phrase<never>, 'payload'> | undefined {
  const text = raw.trim();
  const keys: string[] = [];
  const words: string[] = [];
  const shapes: Shape[] = [];
  const gaps: string[] = [];
  let i = 0;
  let gapStart = 0;
  while (i < text.length) {
    const k = charClass(text.charCodeAt(i));
    if (!(k & WORD)) {
      i++;
      continue;
    }
    const s = i;
    let wide = k & WIDE;
    i++;
    while (i < text.length) {
      const k2 = charClass(text.charCodeAt(i));
      if (!(k2 & WORD)) break;
      wide |= k2 & WIDE;
      i++;
    }
    gaps.push(foldGap(text.slice(gapStart, s)));
    const w = text.slice(s, i);
    words.push(w);
    keys.push(foldToken(w, wide !== 0));
    shapes.push(shapeOf(text, s, i));
    gapStart = i;
  }
  if (!words.length) return undefined;
  gaps.push(foldGap(text.slice(gapStart)));
  return { keys, words, shapes, gaps };
}

/** The text word (shape `shape`, as written `written`) may stand for the phrase word. */
function caseFits(phraseShape: Shape, phraseWord: string, shape: Shape, written: string): boolean {
  switch (phraseShape) {
    case Shape.Lower:
    case Shape.Caseless:
      return true;
    case Shape.Title:
      return shape === Shape.Title || shape === Shape.Upper || shape === Shape.Initial || shape === Shape.Mixed && written.charCodeAt(0) !== written.toLowerCase().charCodeAt(0);
    case Shape.Upper:
    case Shape.Initial:
      return shape === Shape.Upper || shape === Shape.Initial;
    default:
      return written === phraseWord || shape === Shape.Upper;
  }
}

export class PhraseMatcher<P> {
  private readonly byFirst = new Map<string, Phrase<P>[]>();

  /** `phrases`: the texts and what a hit on each carries; the first of equal texts wins. */
  constructor(phrases: Iterable<{ text: string; payload: P }>) {
    for (const { text, payload } of phrases) {
      if (typeof text !== 'string') continue;
      const split = splitPhrase(text);
      if (!split) continue;
      const first = split.shapes[0];
      // no name starts in lower case
      if (first === Shape.Lower || (first === Shape.Mixed && charClass(split.words[0].charCodeAt(0)) & LOWER)) continue;
      let list = this.byFirst.get(split.keys[0]);
      if (!list) this.byFirst.set(split.keys[0], (list = []));
      list.push({ ...split, payload });
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  get size(): number {
    return this.byFirst.size;
  }

  /** The hits in `text`, sorted by start, not overlapping (at each start the longest phrase wins; the scan resumes after it). */
  match(text: string): PhraseHit<P>[] {
    const out: PhraseHit<P>[] = [];
    if (typeof text !== 'string' || this.byFirst.size === 0) return out;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const k = charClass(text.charCodeAt(i));
      if (!(k & WORD)) {
        i++;
        continue;
      }
      const s = i;
      let wide = k & WIDE;
      i++;
      while (i < n) {
        const k2 = charClass(text.charCodeAt(i));
        if (!(k2 & WORD)) break;
        wide |= k2 & WIDE;
        i++;
      }
      // a word that starts in lower case starts no name
      if (k & LOWER) continue;
      const list = this.byFirst.get(foldToken(text.slice(s, i), wide !== 0));
      if (!list) continue;
      for (const p of list) {
        const end = this.matchAt(text, s, i, p);
        if (end < 0) continue;
        const start = s - p.gaps[0].length;
        out.push({ start, end, payload: p.payload });
        i = end;
        break;
      }
    }
    return out;
  }

  /** The end of phrase p matched with its first word at text[s, e), or -1. */
  private matchAt(text: string, s: number, e: number, p: Phrase<P>): number {
    const lead = p.gaps[0];
    if (lead && text.slice(s - lead.length, s) !== lead) return -1;
    const before = s - lead.length - 1;
    if (before >= 0) {
      const c = text.charCodeAt(before);
      // not a handle, a hashtag or the inside of a word
      if (c === 64 || c === 35 || charClass(c) & WORD) return -1;
    }
    if (!caseFits(p.shapes[0], p.words[0], shapeOf(text, s, e), text.slice(s, e))) return -1;
    let pos = e;
    for (let w = 1; w < p.words.length; w++) {
      // the gap: white space folded
      const gap = p.gaps[w];
      let j = pos;
      let g = 0;
      while (g < gap.length) {
        const gc = gap.charCodeAt(g);
        if (gc === 32) {
          if (j >= text.length || !isWhite(text.charCodeAt(j))) return -1;
          while (j < text.length && isWhite(text.charCodeAt(j))) j++;
        } else {
          if (text.charCodeAt(j) !== gc) return -1;
          j++;
        }
        g++;
      }
      if (j === pos && gap.length === 0) return -1;
      // the word
      const ws = j;
      let wide = 0;
      while (j < text.length) {
        const k = charClass(text.charCodeAt(j));
        if (!(k & WORD)) break;
        wide |= k & WIDE;
        j++;
      }
      if (j === ws || j - ws !== p.words[w].length && wide === 0) return -1;
      if (foldToken(text.slice(ws, j), wide !== 0) !== p.keys[w]) return -1;
      if (!caseFits(p.shapes[w], p.words[w], shapeOf(text, ws, j), text.slice(ws, j))) return -1;
      pos = j;
    }
    const trail = p.gaps[p.words.length];
    if (trail) {
      if (text.slice(pos, pos + trail.length) !== trail) return -1;
      pos += trail.length;
    }
    return pos;
  }
}
