/**
 * Places by shape and context (issue 13, item 1, "Places"): the place recognizer of the pipeline.
 * Rules (README.md, "Places by shape and context"), precision first:
 *
 * 1. Regions of the knowledge base (first-level administrative regions `US-GA`, `KZ-61`;
 *    continents and world regions `europe`), which the mention finder leaves alone (they have no
 *    population). A name another entity bears ("Georgia" the country, "Almaty" the city,
 *    "Punjab" of India and of Pakistan) is the region only where context says so: a capitalized
 *    region head word after it, which the label takes ("Almaty Region", "New York State"); a
 *    lower-case one ("Washington state"); "the state of X", "governor of X", "X's governor";
 *    ", <country>" after it; "<city of its country>, X" ("Atlanta, Georgia"). The region then
 *    comes with confidence 0.97, a reason starting with `context` and `overrides`: the arbiter
 *    prefers it over a built-in country or city on the same span. Other names: see `Bare` (regions.ts).
 * 2. US state abbreviations after "<city>, " ("Marietta, Ga.").
 * 3. Landmarks and water bodies with a head word (placeWords.ts): "<Capitalized words> <Head>"
 *    ("Caspian Sea", "Changi International Airport"), "<Lead> <Capitalized words>" ("Lake
 *    Baikal", "Mount Everest"), "<Head> of <Capitalized words>" ("Gulf of Mexico"); regions by
 *    a head word the knowledge base lacks ("Orange County"). New entities (id '', a slug id).
 * 4. Cities the knowledge base lacks, only where context makes them cities: a preposition of
 *    place, capitalized words and ", <country or US state>" ("in Marietta, Georgia").
 *
 * Never proposed: a name inside a longer capitalized name ("Texas Instruments", "West Bank",
 * "University of Alabama": capitalized words around it, or "<Capitalized> of" before it unless
 * the word is a region word such as "Governor"); lines in Title Case (headlines), where case
 * proves nothing about names. One pass over the words of the paragraph. Pure; never throws.
 */
import type { Candidate, NewEntity, RecognizeContext, Recognizer } from '../candidate';
import type { Entity } from '../../kb/types';
import { WORD, WIDE, UPPER, LOWER, charClass, foldToken, isApostropheCode, isHyphenCode, isSpaceCode, Shape } from '../chars';
import { foldName } from '../../kb/normalize';
import { Bare, isCityKind, isRegion, regionIndex, type RegionForm } from './regions';
import {
  LEADING_FUNCTION_WORDS,
  LEADING_HEADS,
  LOCATIVES,
  LOWER_CASE_HEADS,
  NOT_AFTER_HEAD,
  OF_HEADS,
  REGION_AFTER,
  REGION_BEFORE_OF,
  REGION_HEADS,
  REGIONAL_ADJECTIVES,
  TITLE_CASE_LOWER,
  TRAILING_HEADS,
  US_STATE_ABBREVIATIONS,
  type PlaceKind,
} from './placeWords';

/** One word of the paragraph: [s, e), folded key, written shape. */
interface Word {
  s: number;
  e: number;
  key: string;
  shape: Shape;
  /** Line number in the text (0-based). */
  line: number;
}


/** The words of the text (runs of letters and digits), in one pass. */
function readWords(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k0 = charClass(c);
    if (!(k0 & WORD)) {
      if (c === 10) line++;
      i++;
      continue;
    }
    const s = i;
    let wide = false;
    let cased = false;
    let upper = 0;
    let lower = 0;
    let firstUpper = false;
    while (i < n) {
      const k = charClass(text.charCodeAt(i));
      if (!(k & WORD)) break;
      if (k & WIDE) wide = true;
      if (k & UPPER) {
        if (!cased) firstUpper = true;
        cased = true;
        upper++;
      } else if (k & LOWER) {
        cased = true;
        lower++;
      }
      i++;
    }
    // the shape as chars.ts shapeOf gives it, read in the same pass
    const shape =
      upper === 0 && lower === 0 ? Shape.Caseless
      : upper === 0 ? Shape.Lower
      : lower === 0 ? (upper >= 2 ? Shape.Upper : Shape.Initial)
      : firstUpper && upper === 1 ? Shape.Title
      : Shape.Mixed;
    const word = text.slice(s, i);
    out.push({ s, e: i, key: shape === Shape.Lower && !wide ? word : foldToken(word, wide), shape, line });
  }
  return out;
}

function isCap(w: Word): boolean {
  return w.shape === Shape.Title || w.shape === Shape.Upper || (w.shape === Shape.Mixed && w.key.length > 1);
}

/** Only spaces (at least one, no line break) between a and b. */
function spaces(text: string, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let i = a; i < b; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** Between two words of one name: spaces, or one hyphen. */
function joins(text: string, a: number, b: number): boolean {
  return spaces(text, a, b) || (b === a + 1 && isHyphenCode(text.charCodeAt(a)));
}

/** ", " (a comma and spaces) between a and b. */
function commaGap(text: string, a: number, b: number): boolean {
  return b > a + 1 && text.charCodeAt(a) === 44 && spaces(text, a + 1, b);
}

/** Nothing but spaces, quotes or brackets before s on its line, after a sentence end or at the start. */
function sentenceInitial(text: string, s: number): boolean {
  let i = s - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c) || c === 34 || c === 0x201c || c === 0x2018 || c === 39 || c === 40 || c === 0xab) {
      i--;
      continue;
    }
    return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 58 || c === 0x2014;
  }
  return true;
}

/** The slug id of a new entity: lower case, no diacritics, words joined by hyphens. */
export function placeSlug(name: string): string {
  return foldName(name).replace(/ /g, '-');
}

/**
 * Per line: a headline in Title Case, where case proves nothing about names: three or more
 * capitalized words of four letters or more, and no lower-case word but the short function words
 * Title Case leaves in lower case (TITLE_CASE_LOWER). One pass over the words.
 */
function titleLines(words: Word[]): boolean[] {
  const lines = words.length ? words[words.length - 1].line + 1 : 0;
  const cap = new Uint32Array(lines);
  const lower = new Uint32Array(lines);
  for (const w of words) {
    const n = w.e - w.s;
    if (isCap(w) && n >= 4) cap[w.line]++;
    else if (w.shape === Shape.Lower && !TITLE_CASE_LOWER.has(w.key)) lower[w.line]++;
  }
  const out: boolean[] = [];
  for (let l = 0; l < lines; l++) out.push(cap[l] >= 3 && lower[l] === 0);
  return out;
}

class Scan {
  readonly out: Candidate[] = [];
  private readonly titleLine: boolean[];

  constructor(
    readonly text: string,
    readonly words: Word[],
    readonly ctx: RecognizeContext,
  ) {
    this.titleLine = titleLines(words);
  }

  run(): Candidate[] {
    const { words } = this;
    const index = regionIndex(this.ctx.kb);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (!isCap(w)) continue;
      if (this.titleLine[w.line]) continue;
      const forms = index.byFirst.get(w.key);
      if (forms) this.region(i, forms);
      this.abbreviation(i);
      if (i === 0 || !this.chained(i - 1, i)) this.headed(i);
    }
    return this.out;
  }

  /** words[a] and words[b] (b = a + 1) are capitalized words of one name. */
  private chained(a: number, b: number): boolean {
    const x = this.words[a];
    const y = this.words[b];
    return isCap(x) && isCap(y) && joins(this.text, x.e, y.s);
  }

  /** The end index (inclusive) of the form's words from i, or -1. */
  private matchForm(i: number, f: RegionForm): number {
    const { words, text } = this;
    if (i + f.keys.length > words.length) return -1;
    for (let k = 0; k < f.keys.length; k++) {
      const w = words[i + k];
      if (w.key !== f.keys[k]) return -1;
      if (f.capital[k] && !isCap(w)) return -1;
      if (k > 0 && !joins(text, words[i + k - 1].e, w.s)) return -1;
    }
    return i + f.keys.length - 1;
  }

  /** The possessive "'s" right after offset e: the offset after it, or -1. */
  private possessive(e: number): number {
    const t = this.text;
    if (e + 1 < t.length && isApostropheCode(t.charCodeAt(e)) && (t.charCodeAt(e + 1) | 32) === 115 && (e + 2 >= t.length || !(charClass(t.charCodeAt(e + 2)) & WORD))) return e + 2;
    return -1;
  }

  /** The country or place named by 1–3 capitalized words ending at words[j] (", " before a region). */
  private placeEndingAt(j: number): Entity | undefined {
    const { words, text } = this;
    for (let n = Math.min(3, j + 1); n >= 1; n--) {
      const a = j - n + 1;
      let ok = true;
      for (let k = a; k <= j; k++) if (!isCap(words[k]) || (k > a && !joins(text, words[k - 1].e, words[k].s))) ok = false;
      if (!ok) continue;
      const hit = this.ctx.kb.lookupName(text.slice(words[a].s, words[j].e)).find((e) => (e.type === 'place' && !isRegion(e)) || e.type === 'country');
      if (hit) return hit;
    }
    return undefined;
  }

  /** The country named by 1–3 capitalized words from words[i]: [country, last index]. */
  private countryFrom(i: number): [Entity, number] | undefined {
    const { words, text } = this;
    for (let n = Math.min(3, words.length - i); n >= 1; n--) {
      const b = i + n - 1;
      let ok = true;
      for (let k = i; k <= b; k++) if (!isCap(words[k]) || (k > i && !joins(text, words[k - 1].e, words[k].s))) ok = false;
      if (!ok) continue;
      const hit = this.ctx.kb.lookupName(text.slice(words[i].s, words[b].e), { type: 'country' })[0];
      if (hit) return [hit, b];
    }
    return undefined;
  }

  /** Rule 1: a region of the knowledge base at words[i]. */
  private region(i: number, forms: RegionForm[]): void {
    const { words, text } = this;
    let j = -1;
    const matched: RegionForm[] = [];
    for (const f of forms) {
      const end = this.matchForm(i, f);
      if (end < 0 || (j >= 0 && end < j)) continue;
      if (end > j) matched.length = 0;
      j = end;
      if (!matched.some((m) => m.entity === f.entity)) matched.push(f);
    }
    if (j < 0) return;
    const w = words[i];
    const start = w.s;
    let end = words[j].e;
    let ents = matched.map((f) => f.entity);
    const bare = Math.max(...matched.map((f) => (ents.length > 1 ? Bare.NEVER : f.bare)));
    let context = '';
    /** The context is a region word or head ("state of", "Region"), not only a place next to it. */
    let regionWord = false;
    let country: string | undefined;
    const prev = i > 0 ? words[i - 1] : undefined;
    const next = j + 1 < words.length ? words[j + 1] : undefined;
    // --- before: inside a longer capitalized name, or a region word ("the state of", "governor of")
    if (prev && isCap(prev) && joins(text, prev.e, w.s) && !(sentenceInitial(text, prev.s) && LEADING_FUNCTION_WORDS.has(prev.key))) {
      if (!REGION_BEFORE_OF.has(prev.key)) return;
      context = `"${text.slice(prev.s, prev.e)}" before`;
      regionWord = true;
    }
    if (prev && prev.key === 'of' && spaces(text, prev.e, w.s) && i > 1) {
      const p2 = words[i - 2];
      const p3 = i > 2 ? words[i - 3] : undefined;
      if (REGION_BEFORE_OF.has(p2.key) && spaces(text, p2.e, prev.s)) {
        context = `"${text.slice(p2.s, prev.e)}"`;
        regionWord = true;
      } else if (p3 && REGIONAL_ADJECTIVES.has(p3.key) && spaces(text, p3.e, p2.s) && spaces(text, p2.e, prev.s) && !isCap(p2)) {
        // "the provincial government of Ontario", "the state legislature of Texas"
        context = `"${text.slice(p3.s, prev.e)}"`;
        regionWord = true;
      }
      else if (isCap(p2) && spaces(text, p2.e, prev.s) && !sentenceInitial(text, p2.s)) return; // "University of Alabama"
    }
    // "<city of its country>, X": "Atlanta, Georgia"
    if (prev && commaGap(text, prev.e, w.s)) {
      const p = this.placeEndingAt(i - 1);
      if (p) {
        const c = p.type === 'country' ? p.id : String(p.facts?.country ?? '');
        const inCountry = ents.filter((e) => e.facts?.country === c);
        if (inCountry.length) {
          ents = inCountry;
          country = c;
          context = `"${p.name}, " before`;
        }
      }
    }
    // "<its country> and X": "the governments of Canada and Ontario"
    if (!context && prev && prev.key === 'and' && i > 1 && spaces(text, prev.e, w.s) && spaces(text, words[i - 2].e, prev.s)) {
      const p = this.placeEndingAt(i - 2);
      if (p && p.type === 'country') {
        const inCountry = ents.filter((e) => e.facts?.country === p.id);
        if (inCountry.length) {
          ents = inCountry;
          country = p.id;
          context = `"${p.name} and" before`;
        }
      }
    }
    // --- after: a head word, a region word, ", <country>", or more of a longer name
    if (next && spaces(text, end, next.s) && REGION_HEADS.has(next.key)) {
      const after = j + 2 < words.length ? words[j + 2] : undefined;
      if (isCap(next)) {
        if (after && isCap(after) && spaces(text, next.e, after.s)) return; // "Georgia State University"
        end = next.e;
      }
      const regional = ents.filter((e) => !isCityKind(e));
      if (regional.length) ents = regional;
      context = `head word "${text.slice(next.s, next.e)}"`;
      regionWord = true;
    } else if (next && isCap(next) && joins(text, end, next.s) && !REGION_AFTER.has(next.key)) {
      return; // "Texas Instruments", "Ontario Teachers' Pension Plan"
    } else {
      const pe = this.possessive(end);
      const after = pe >= 0 ? (j + 2 < words.length && words[j + 2].s > pe && words[j + 2].s <= pe + 2 ? words[j + 2] : undefined) : next;
      if (after && REGION_AFTER.has(after.key) && spaces(text, pe >= 0 ? pe : end, after.s)) {
        context = `"${text.slice(after.s, after.e)}" after`;
        regionWord = true;
      }
      else if (next && commaGap(text, end, next.s)) {
        const c = this.countryFrom(j + 1);
        if (c) {
          const inCountry = ents.filter((e) => e.facts?.country === c[0].id);
          if (inCountry.length) {
            ents = inCountry;
            country = c[0].id;
            context = `", ${c[0].name}" after`;
          }
        }
      }
    }
    if (country === undefined && ents.length > 1) {
      const regional = ents.filter((e) => !isCityKind(e));
      if (regional.length) ents = regional;
    }
    if (ents.length !== 1) return;
    const e = ents[0];
    // a name that is also a city of the region's country is the city unless a region word says otherwise
    // ("Almaty, Kazakhstan"; "Tbilisi, Georgia"; but "Almaty Region", "the state of New York")
    if (!regionWord && (isCityKind(e) || this.cityToo(text.slice(w.s, words[j].e), e))) return;
    if (!context) {
      if (bare === Bare.NEVER) return;
      if (bare === Bare.LOCATIVE && !(prev && LOCATIVES.has(prev.key) && spaces(text, prev.e, w.s))) return;
      if (j === i && sentenceInitial(text, w.s) && bare !== Bare.ALWAYS) return;
    }
    if (start > 0 && isHyphenCode(text.charCodeAt(start - 1)) && start > 1 && charClass(text.charCodeAt(start - 2)) & WORD) return; // "Franco-German"
    this.out.push({
      start,
      end,
      type: 'place',
      id: e.id,
      confidence: context ? 0.97 : j > i ? 0.9 : 0.85,
      recognizer: 'shape',
      reason: context ? `context ${context}: ${describe(e, this.ctx)}` : describe(e, this.ctx),
      ...(context ? { overrides: true as const } : {}),
    });
  }

  /** A city (not a region) of e's country bears this name too. */
  private cityToo(name: string, e: Entity): boolean {
    return this.ctx.kb.lookupName(name, { type: 'place' }).some((x) => !isRegion(x) && x.facts?.country === e.facts?.country);
  }

  /** Rule 2: "<city>, Ga.": the state, and the city when the knowledge base lacks it. */
  private abbreviation(i: number): void {
    const { words, text } = this;
    const w = words[i];
    if (i === 0 || !commaGap(text, words[i - 1].e, w.s) || w.e - w.s > 4) return;
    for (const [abbr, id] of US_STATE_ABBREVIATIONS) {
      if (!text.startsWith(abbr, w.s)) continue;
      const after = w.s + abbr.length;
      if (after < text.length && charClass(text.charCodeAt(after)) & WORD) continue;
      const state = this.ctx.kb.get('place', id);
      if (!state) return;
      const cityEnd = i - 1;
      let a = cityEnd;
      while (a > 0 && cityEnd - a < 3 && this.chained(a - 1, a)) a--;
      if (!isCap(words[cityEnd])) return;
      while (a < cityEnd && LEADING_FUNCTION_WORDS.has(words[a].key)) a++;
      this.out.push({ start: w.s, end: after, type: 'place', id, confidence: 0.9, recognizer: 'shape', reason: `state abbreviation after a city: ${describe(state, this.ctx)}` });
      const name = text.slice(words[a].s, words[cityEnd].e);
      if (!this.ctx.kb.lookupName(name).length && !LEADING_FUNCTION_WORDS.has(words[a].key)) {
        this.pushNew(words[a].s, words[cityEnd].e, 'city', `city before "${abbr}"`, 0.8, { country: 'US', region: id });
      }
      return;
    }
  }

  /** Rules 3 and 4, at the first word of a run of capitalized words. */
  private headed(i: number): void {
    const { words, text } = this;
    let a = i;
    let b = i;
    while (b + 1 < words.length && this.chained(b, b + 1) && b - a < 6) {
      if (this.possessive(words[b].e) >= 0) break;
      b++;
    }
    // leading function words of a sentence ("The Atlantic Ocean", "In Marietta, ...")
    while (a < b && LEADING_FUNCTION_WORDS.has(words[a].key)) a++;
    if (LEADING_FUNCTION_WORDS.has(words[a].key)) return;
    const prev = a > 0 ? words[a - 1] : undefined;
    // "<Capitalized> of" before: part of a longer name ("Bank of America Stadium")
    if (prev && prev.key === 'of' && a > 1 && isCap(words[a - 2]) && spaces(text, words[a - 2].e, prev.s) && !OF_HEADS.has(words[a - 2].key)) return;
    const first = words[a];
    const last = words[b];
    const next = b + 1 < words.length ? words[b + 1] : undefined;
    // "<Head> of <Capitalized words>": "Gulf of Mexico", "Isle of Man"
    if (OF_HEADS.has(last.key) && next && next.key === 'of' && spaces(text, last.e, next.s) && b + 2 < words.length) {
      let c = b + 2;
      if (words[c].key === 'the' && c + 1 < words.length) c++;
      if (isCap(words[c]) && spaces(text, words[c - 1].e, words[c].s)) {
        let d = c;
        while (d + 1 < words.length && this.chained(d, d + 1) && d - c < 3) d++;
        if (this.possessive(words[d].e) < 0 && !(d + 1 < words.length && words[d + 1].key === 'of')) {
          this.pushNew(words[a].s, words[d].e, OF_HEADS.get(last.key)!, `head word "${text.slice(last.s, last.e)} of"`, 0.8);
          return;
        }
      }
    }
    if (NOT_AFTER_HEAD.has(last.key) || (next && isCap(next) && NOT_AFTER_HEAD.has(next.key))) return;
    const afterName = next && !isCap(next) && spaces(text, last.e, next.s) && NOT_AFTER_HEAD.has(next.key);
    if (afterName) return; // "Lake Placid hotel" is fine, but "Harbour Bridge company" reads as a company
    // "<Capitalized words> <Head>"
    const trailing = TRAILING_HEADS.get(last.key);
    if (trailing && b > a) {
      if (last.shape !== Shape.Upper || first.shape === Shape.Upper) this.pushNew(first.s, last.e, trailing, `head word "${text.slice(last.s, last.e)}"`, 0.8);
      return;
    }
    // "<Capitalized words> airport": "Heathrow airport" (not "London airport": a city's airports are no name)
    if (next && LOWER_CASE_HEADS.has(next.key) && next.shape === Shape.Lower && spaces(text, last.e, next.s) && b - a < 3 && !sentenceInitial(text, first.s)) {
      if (!this.ctx.kb.lookupName(text.slice(first.s, last.e)).length) this.pushNew(first.s, next.e, TRAILING_HEADS.get(next.key)!, `head word "${text.slice(next.s, next.e)}"`, 0.75);
      return;
    }
    // "<Lead> <Capitalized words>": "Lake Baikal", "Mount Everest"
    const leading = LEADING_HEADS.get(first.key);
    if (leading && b > a) {
      this.pushNew(first.s, last.e, leading, `head word "${text.slice(first.s, first.e)}"`, 0.8);
      return;
    }
    // a region head the knowledge base lacks the name of: "Orange County", "Kurgan Oblast"
    const rh = REGION_HEADS.get(last.key);
    if (rh?.unknown && b > a) {
      const name = text.slice(first.s, words[b - 1].e);
      const known = this.ctx.kb.lookupName(name);
      if (!known.some((e) => isRegion(e) || e.type === 'country')) this.pushNew(first.s, last.e, 'region', `head word "${text.slice(last.s, last.e)}"`, 0.75);
      return;
    }
    // Rule 4: "in <Capitalized words>, <country or US state>"
    if (prev && LOCATIVES.has(prev.key) && !isCap(prev) && spaces(text, prev.e, first.s) && next && commaGap(text, last.e, next.s) && b - a < 3) {
      const name = text.slice(first.s, last.e);
      if (this.ctx.kb.lookupName(name).length) return;
      const c = this.countryFrom(b + 1);
      if (c) {
        const after = c[1] + 1 < words.length ? words[c[1] + 1] : undefined;
        if (after && isCap(after) && joins(text, words[c[1]].e, after.s)) return;
        this.pushNew(first.s, last.e, 'city', `context "${text.slice(prev.s, prev.e)} ..., ${c[0].name}"`, 0.75, { country: c[0].id });
        return;
      }
      const forms = regionIndex(this.ctx.kb).byFirst.get(next.key);
      for (const f of forms ?? []) {
        const end = this.matchForm(b + 1, f);
        if (end < 0 || f.entity.facts?.country !== 'US' || !isCap(next)) continue;
        this.pushNew(first.s, last.e, 'city', `context "${text.slice(prev.s, prev.e)} ..., ${f.entity.name}"`, 0.75, { country: 'US', region: f.entity.id });
        return;
      }
    }
  }

  private pushNew(start: number, end: number, kind: PlaceKind | 'city', reason: string, confidence: number, facts?: Record<string, string>): void {
    const name = this.text.slice(start, end).replace(/\s+/g, ' ').trim();
    const id = placeSlug(name);
    if (!id) return;
    const entity: NewEntity = { id, type: 'place', name, facts: { kind, ...facts } };
    this.out.push({ start, end, type: 'place', id: '', confidence, recognizer: 'shape', reason, entity });
  }
}

/** "state of United States", "continent". */
function describe(e: Entity, ctx: RecognizeContext): string {
  const kind = String(e.facts?.kind ?? 'region');
  const c = e.facts?.country ? ctx.kb.get('country', String(e.facts.country)) : undefined;
  return c ? `${kind} of ${c.name}` : kind;
}

export const placeRecognizer: Recognizer & { readonly type: 'place' } = {
  name: 'shape',
  type: 'place',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    try {
      if (typeof text !== 'string' || !text) return [];
      return new Scan(text, readWords(text), ctx).run();
    } catch {
      return [];
    }
  },
};
