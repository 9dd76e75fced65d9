/**
 * The names of a knowledge base as token sequences, ready for the mention finder's trie.
 *
 * Every name of every entity (primary name, names per language, aliases, acronyms, official name,
 * former names and their acronyms) is split into words with the same rules as the text
 * (chars.ts), each word folded (lower case, no diacritics) and its written shape kept, because
 * the case of the text must agree with the case of the name (see `shapeFits`). Pure; never throws.
 */
import type { Entity } from '../kb/types';
import { CASELESS, CLASS_TABLE, charClass, UNKNOWN, foldToken, isApostropheCode, isHyphenCode, isSpaceCode, LOWER, Shape, shapeOf, UPPER, WIDE, WORD } from './chars';

export const enum Rank {
  Primary = 0,
  Current = 1,
  Former = 2,
}

/** One way of naming an entity, as the trie stores it. */
export interface NameForm {
  entity: Entity;
  /** The name as written in the knowledge base. */
  raw: string;
  rank: Rank;
  /** Language of the name when it is known (`names.fr`, `acronyms.de`, a former name's `lang`); '' otherwise. */
  lang: string;
  /** The name is written in the Latin script (a foreign Latin name can collide with an English word). */
  latin: boolean;
  /** A short all-caps form (`US`, `U.S.`, `OSCE PA`): matches only text without lower case. */
  acronym: boolean;
  /** Folded words. */
  keys: string[];
  /** Written shape of each word. */
  shapes: Shape[];
  /** Each word as written (for mixed-case words such as `CoE`). */
  words: string[];
  /** The name ends with a dot (`U.S.`): a dot right after the last word belongs to the mention. */
  trailingDot: boolean;
}

/** No letter outside the Latin blocks (Basic Latin to Latin Extended-B, IPA, Latin Extended Additional). */
function isLatin(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x250 || (c >= 0x1e00 && c <= 0x1eff)) continue;
    if ((CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c]) & (UPPER | LOWER | CASELESS)) {
      if (c >= 0x300 && c <= 0x36f) continue; // combining diacritics
      return false;
    }
  }
  return true;
}

/**
 * Splits a name into words. Undefined when the name holds punctuation that a name in running
 * text cannot be matched through (commas, brackets, slashes, quotes): such names are skipped.
 * Between two words only spaces, one hyphen, one apostrophe, a dot (with optional spaces) or an
 * ampersand (read as the word `and`) may stand.
 */
export function splitName(raw: string): { words: string[]; keys: string[]; shapes: Shape[]; trailingDot: boolean } | undefined {
  const words: string[] = [];
  const keys: string[] = [];
  const shapes: Shape[] = [];
  let i = 0;
  const n = raw.length;
  let trailingDot = false;
  while (i < n) {
    let c = raw.charCodeAt(i);
    let k = CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c];
    if (k & WORD) {
      const s = i;
      let wide = k & WIDE;
      i++;
      while (i < n) {
        c = raw.charCodeAt(i);
        k = CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c];
        if (!(k & WORD)) break;
        wide |= k & WIDE;
        i++;
      }
      const w = raw.slice(s, i);
      words.push(w);
      keys.push(foldToken(w, wide !== 0));
      shapes.push(shapeOf(raw, s, i));
      trailingDot = false;
      continue;
    }
    // a gap
    const g = i;
    let dots = 0;
    let hyphens = 0;
    let apos = 0;
    let amp = 0;
    while (i < n) {
      c = raw.charCodeAt(i);
      k = CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c];
      if (k & WORD) break;
      if (c === 46) dots++;
      else if (isHyphenCode(c)) hyphens++;
      else if (isApostropheCode(c)) apos++;
      else if (c === 38) amp++;
      else if (!isSpaceCode(c)) return undefined;
      i++;
    }
    if (dots + hyphens + apos + amp > 1) {
      // "U.S.-led" style runs are not names; a dot then spaces is fine ("St. Louis").
      return undefined;
    }
    if (amp) {
      if (g === 0 || i >= n) return undefined;
      words.push('&');
      keys.push('and');
      shapes.push(Shape.Caseless);
      continue;
    }
    if (i >= n) {
      // trailing punctuation: only a dot is kept ("U.S.", "Washington D.C.")
      if (dots === 1 && hyphens + apos === 0 && raw.charCodeAt(n - 1) === 46) trailingDot = true;
      else if (dots + hyphens + apos > 0) return undefined;
    } else if (g === 0 && dots + hyphens + apos > 0) {
      return undefined;
    }
  }
  if (words.length === 0) return undefined;
  return { words, keys, shapes, trailingDot };
}

/** The names of an entity with their rank and language. */
function namesOf(e: Entity): Iterable<{ raw: string; rank: Rank; lang: string; acronymList: boolean }> {
  // one entry per distinct string: the best rank, the native language ('') over others
  const out = new Map<string, { raw: string; rank: Rank; lang: string; acronymList: boolean }>();
  const add = (raw: unknown, rank: Rank, lang: string, acronymList = false) => {
    if (typeof raw !== 'string') return;
    const t = raw.trim();
    if (!t) return;
    const prev = out.get(t);
    if (!prev) out.set(t, { raw: t, rank, lang, acronymList });
    else {
      if (rank < prev.rank) prev.rank = rank;
      if (lang === '') prev.lang = '';
      if (acronymList) prev.acronymList = true;
    }
  };
  add(e.name, Rank.Primary, '');
  for (const [lang, list] of Object.entries(e.names || {})) {
    if (Array.isArray(list)) for (const n of list) add(n, Rank.Current, lang === 'en' ? '' : lang);
  }
  if (Array.isArray(e.aliases)) for (const n of e.aliases) add(n, Rank.Current, '');
  for (const [lang, list] of Object.entries(e.acronyms || {})) {
    if (Array.isArray(list)) for (const n of list) add(n, Rank.Current, lang === 'en' ? '' : lang, true);
  }
  add(e.officialName, Rank.Current, '');
  if (Array.isArray(e.formerNames)) {
    for (const f of e.formerNames) {
      if (!f) continue;
      const lang = typeof f.lang === 'string' && f.lang !== 'en' ? f.lang : '';
      add(f.name, Rank.Former, lang);
      add(f.acronym, Rank.Former, lang, true);
    }
  }
  return out.values();
}

/**
 * Every matchable name form of the entities. Skipped: names that start with a lower-case word
 * (a mention starts with a capital), one-letter names, names with punctuation (splitName), and
 * names that are a country's demonym ("Kazakh", "American": an adjective, not the country)
 * unless it is the entity's own primary name. A leading English article is dropped from a name
 * ("the United States" → "United States"), as the house style keeps "the" out of labels; a
 * capitalized one is also kept ("The Hague", "The Gambia"), so both forms match.
 */
export function nameForms(entities: readonly Entity[], demonyms: ReadonlySet<string>): NameForm[] {
  const out: NameForm[] = [];
  for (const e of entities) {
    if (!e || typeof e.id !== 'string' || typeof e.type !== 'string') continue;
    const seen = new Set<string>();
    for (const { raw, rank, lang, acronymList } of namesOf(e)) {
      const split = splitName(raw);
      if (!split) continue;
      const variants: Array<typeof split> = [split];
      if (split.keys.length > 1 && split.keys[0] === 'the') {
        const rest = { words: split.words.slice(1), keys: split.keys.slice(1), shapes: split.shapes.slice(1), trailingDot: split.trailingDot };
        if (split.shapes[0] === Shape.Lower) variants[0] = rest;
        else variants.push(rest);
      }
      for (const v of variants) {
        const first = v.shapes[0];
        if (first === Shape.Lower || first === Shape.Mixed && v.words[0].charCodeAt(0) >= 97 && v.words[0].charCodeAt(0) <= 122) continue;
        const letters = v.keys.join('').length;
        if (letters < 2) continue;
        const joined = v.keys.join(' ');
        if (raw !== e.name && demonyms.has(joined)) continue;
        const acronym = isAcronym(v.words, v.shapes);
        const sig = `${joined}\u0000${v.shapes.join('')}\u0000${acronym ? 1 : 0}`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        out.push({
          entity: e,
          raw,
          rank,
          lang,
          latin: isLatin(raw),
          acronym: acronym || (acronymList && v.shapes.every((s) => s !== Shape.Lower && s !== Shape.Title && s !== Shape.Mixed)),
          keys: v.keys,
          shapes: v.shapes,
          words: v.words,
          trailingDot: v.trailingDot,
        });
      }
    }
  }
  return out;
}

/**
 * A short all-caps form, as kb/normalize.ts `acronymKey` defines it: 2 to 8 letters, digits or
 * `&` once dots, spaces and hyphens are removed, no lower case, at least one capital.
 */
function isAcronym(words: string[], shapes: Shape[]): boolean {
  let len = 0;
  let caps = false;
  for (let i = 0; i < words.length; i++) {
    const s = shapes[i];
    if (s === Shape.Upper || s === Shape.Initial) caps = true;
    else if (s !== Shape.Caseless) return false;
    len += words[i].length;
  }
  return caps && len >= 2 && len <= 8;
}

/** Folded demonyms of the countries (`kazakhstani`, `luxembourger`, `american`, ...). */
export function demonymsOf(entities: readonly Entity[]): Set<string> {
  const out = new Set<string>();
  for (const e of entities) {
    if (!e || e.type !== 'country') continue;
    const d = e.facts?.demonym;
    if (!d || typeof d !== 'object') continue;
    for (const v of Object.values(d)) {
      if (typeof v !== 'string') continue;
      const s = splitName(v);
      if (s) out.add(s.keys.join(' '));
    }
  }
  return out;
}
