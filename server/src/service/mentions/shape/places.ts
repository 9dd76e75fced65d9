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
 * proves nothing about names. One pass over the words of the paragraph (wordList.ts: typed arrays
 * shared with the other shape recognizers, no object per word). Pure; never throws.
 */
import type { Candidate, NewEntity, RecognizeContext, Recognizer } from '../candidate';
import type { Entity } from '../../kb/types';
import { WORD, charClass, isApostropheCode, isHyphenCode, isSpaceCode, Shape } from '../chars';
import { WordMap, WordSet } from '../words';
import { SHAPE_WORDS, type WordList } from './wordList';
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

// The word lists as WordMaps (a WordSet is one with the value true): a word of the text is looked up without a slice (wordList.ts).
const LEADING_FUNCTION = new WordSet(LEADING_FUNCTION_WORDS);
const BEFORE_OF = new WordSet(REGION_BEFORE_OF);
const ADJECTIVES = new WordSet(REGIONAL_ADJECTIVES);
const LOCATIVE = new WordSet(LOCATIVES);
const OF_HEAD = new WordMap(OF_HEADS);
const NOT_AFTER = new WordSet(NOT_AFTER_HEAD);
const TRAILING = new WordMap(TRAILING_HEADS);
const LOWER_HEADS = new WordSet(LOWER_CASE_HEADS);
const LEADING = new WordMap(LEADING_HEADS);
const REGION_HEAD = new WordMap(REGION_HEADS);
const AFTER = new WordSet(REGION_AFTER);
const TITLE_LOWER = new WordSet(TITLE_CASE_LOWER);

/** Word i is capitalized: Title Case, capitals, or mixed case of two letters or more (its folded key). */
function isCap(w: WordList, i: number): boolean {
  const sh = w.shape[i];
  // (an ASCII word in mixed case has two letters or more)
  return sh === Shape.Title || sh === Shape.Upper || (sh === Shape.Mixed && (w.wide[i] === 0 || w.key(i).length > 1));
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
function titleLines(w: WordList): Uint8Array {
  const lines = w.n ? w.line[w.n - 1] + 1 : 0;
  const cap = new Uint32Array(lines);
  const lower = new Uint32Array(lines);
  for (let i = 0; i < w.n; i++) {
    const n = w.end[i] - w.start[i];
    if (isCap(w, i) && n >= 4) cap[w.line[i]]++;
    else if (w.shape[i] === Shape.Lower && w.lookup(TITLE_LOWER, i) === undefined) lower[w.line[i]]++;
  }
  const out = new Uint8Array(lines);
  for (let l = 0; l < lines; l++) out[l] = cap[l] >= 3 && lower[l] === 0 ? 1 : 0;
  return out;
}

// The forms and entities of the region at hand (Scan.region), reused from one call to the next.
const MATCHED: RegionForm[] = [];
const ENTITIES: Entity[] = [];

class Scan {
  readonly out: Candidate[] = [];
  private readonly titleLine: Uint8Array;

  constructor(
    readonly text: string,
    readonly w: WordList,
    readonly ctx: RecognizeContext,
  ) {
    this.titleLine = titleLines(w);
  }

  run(): Candidate[] {
    const { w } = this;
    const index = regionIndex(this.ctx.kb);
    for (let i = 0; i < w.n; i++) {
      if (!isCap(w, i)) continue;
      if (this.titleLine[w.line[i]]) continue;
      const forms = w.lookup(index.firstWords, i);
      if (forms) this.region(i, forms);
      this.abbreviation(i);
      if (i === 0 || !this.chained(i - 1, i)) this.headed(i);
    }
    return this.out;
  }

  /** The text of word i. */
  private str(i: number): string {
    return this.text.slice(this.w.start[i], this.w.end[i]);
  }

  /** Words a and b (b = a + 1) are capitalized words of one name. */
  private chained(a: number, b: number): boolean {
    const { w } = this;
    return isCap(w, a) && isCap(w, b) && joins(this.text, w.end[a], w.start[b]);
  }

  /** The end index (inclusive) of the form's words from i, or -1. */
  private matchForm(i: number, f: RegionForm): number {
    const { w, text } = this;
    if (i + f.keys.length > w.n) return -1;
    for (let k = 0; k < f.keys.length; k++) {
      const x = i + k;
      if (!w.is(x, f.keys[k])) return -1;
      if (f.capital[k] && !isCap(w, x)) return -1;
      if (k > 0 && !joins(text, w.end[x - 1], w.start[x])) return -1;
    }
    return i + f.keys.length - 1;
  }

  /** The possessive "'s" right after offset e: the offset after it, or -1. */
  private possessive(e: number): number {
    const t = this.text;
    if (e + 1 < t.length && isApostropheCode(t.charCodeAt(e)) && (t.charCodeAt(e + 1) | 32) === 115 && (e + 2 >= t.length || !(charClass(t.charCodeAt(e + 2)) & WORD))) return e + 2;
    return -1;
  }

  /** Words a to b (inclusive) are capitalized and joined. */
  private capitalRun(a: number, b: number): boolean {
    const { w, text } = this;
    for (let k = a; k <= b; k++) if (!isCap(w, k) || (k > a && !joins(text, w.end[k - 1], w.start[k]))) return false;
    return true;
  }

  /** The country or place named by 1–3 capitalized words ending at word j (", " before a region). */
  private placeEndingAt(j: number): Entity | undefined {
    const { w, text } = this;
    for (let n = Math.min(3, j + 1); n >= 1; n--) {
      const a = j - n + 1;
      if (!this.capitalRun(a, j)) continue;
      const hit = this.ctx.kb.lookupName(text.slice(w.start[a], w.end[j])).find((e) => (e.type === 'place' && !isRegion(e)) || e.type === 'country');
      if (hit) return hit;
    }
    return undefined;
  }

  /** The country named by 1–3 capitalized words from word i: [country, last index]. */
  private countryFrom(i: number): [Entity, number] | undefined {
    const { w, text } = this;
    for (let n = Math.min(3, w.n - i); n >= 1; n--) {
      const b = i + n - 1;
      if (!this.capitalRun(i, b)) continue;
      const hit = this.ctx.kb.lookupName(text.slice(w.start[i], w.end[b]), { type: 'country' })[0];
      if (hit) return [hit, b];
    }
    return undefined;
  }

  /** Rule 1: a region of the knowledge base at word i. */
  private region(i: number, forms: RegionForm[]): void {
    const { w, text } = this;
    let j = -1;
    const matched = MATCHED;
    matched.length = 0;
    for (const f of forms) {
      const end = this.matchForm(i, f);
      if (end < 0 || (j >= 0 && end < j)) continue;
      if (end > j) matched.length = 0;
      j = end;
      let known = false;
      for (let m = 0; m < matched.length; m++) if (matched[m].entity === f.entity) known = true;
      if (!known) matched.push(f);
    }
    if (j < 0) return;
    const start = w.start[i];
    let end = w.end[j];
    let ents = ENTITIES;
    ents.length = 0;
    for (let m = 0; m < matched.length; m++) ents.push(matched[m].entity);
    let bare = -Infinity;
    for (let m = 0; m < matched.length; m++) bare = Math.max(bare, ents.length > 1 ? Bare.NEVER : matched[m].bare);
    matched.length = 0;
    let context = '';
    /** The context is a region word or head ("state of", "Region"), not only a place next to it. */
    let regionWord = false;
    let country: string | undefined;
    const prev = i > 0 ? i - 1 : -1;
    const next = j + 1 < w.n ? j + 1 : -1;
    // --- before: inside a longer capitalized name, or a region word ("the state of", "governor of")
    if (prev >= 0 && isCap(w, prev) && joins(text, w.end[prev], start) && !(sentenceInitial(text, w.start[prev]) && w.lookup(LEADING_FUNCTION, prev))) {
      if (!w.lookup(BEFORE_OF, prev)) return;
      context = `"${this.str(prev)}" before`;
      regionWord = true;
    }
    if (prev >= 0 && w.is(prev, 'of') && spaces(text, w.end[prev], start) && i > 1) {
      const p2 = i - 2;
      const p3 = i > 2 ? i - 3 : -1;
      if (w.lookup(BEFORE_OF, p2) && spaces(text, w.end[p2], w.start[prev])) {
        context = `"${text.slice(w.start[p2], w.end[prev])}"`;
        regionWord = true;
      } else if (p3 >= 0 && w.lookup(ADJECTIVES, p3) && spaces(text, w.end[p3], w.start[p2]) && spaces(text, w.end[p2], w.start[prev]) && !isCap(w, p2)) {
        // "the provincial government of Ontario", "the state legislature of Texas"
        context = `"${text.slice(w.start[p3], w.end[prev])}"`;
        regionWord = true;
      }
      else if (isCap(w, p2) && spaces(text, w.end[p2], w.start[prev]) && !sentenceInitial(text, w.start[p2])) return; // "University of Alabama"
    }
    // "<city of its country>, X": "Atlanta, Georgia"
    if (prev >= 0 && commaGap(text, w.end[prev], start)) {
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
    if (!context && prev >= 0 && w.is(prev, 'and') && i > 1 && spaces(text, w.end[prev], start) && spaces(text, w.end[i - 2], w.start[prev])) {
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
    if (next >= 0 && spaces(text, end, w.start[next]) && w.lookup(REGION_HEAD, next) !== undefined) {
      const after = j + 2 < w.n ? j + 2 : -1;
      if (isCap(w, next)) {
        if (after >= 0 && isCap(w, after) && spaces(text, w.end[next], w.start[after])) return; // "Georgia State University"
        end = w.end[next];
      }
      const regional = ents.filter((e) => !isCityKind(e));
      if (regional.length) ents = regional;
      context = `head word "${this.str(next)}"`;
      regionWord = true;
    } else if (next >= 0 && isCap(w, next) && joins(text, end, w.start[next]) && !w.lookup(AFTER, next)) {
      return; // "Texas Instruments", "Ontario Teachers' Pension Plan"
    } else {
      const pe = this.possessive(end);
      const after = pe >= 0 ? (j + 2 < w.n && w.start[j + 2] > pe && w.start[j + 2] <= pe + 2 ? j + 2 : -1) : next;
      if (after >= 0 && w.lookup(AFTER, after) && spaces(text, pe >= 0 ? pe : end, w.start[after])) {
        context = `"${this.str(after)}" after`;
        regionWord = true;
      }
      else if (next >= 0 && commaGap(text, end, w.start[next])) {
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
    if (!regionWord && (isCityKind(e) || this.cityToo(text.slice(start, w.end[j]), e))) return;
    if (!context) {
      if (bare === Bare.NEVER) return;
      if (bare === Bare.LOCATIVE && !(prev >= 0 && w.lookup(LOCATIVE, prev) && spaces(text, w.end[prev], start))) return;
      if (j === i && sentenceInitial(text, start) && bare !== Bare.ALWAYS) return;
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
    const { w, text } = this;
    if (i === 0 || !commaGap(text, w.end[i - 1], w.start[i]) || w.end[i] - w.start[i] > 4) return;
    const s = w.start[i];
    for (const [abbr, id] of US_STATE_ABBREVIATIONS) {
      if (!text.startsWith(abbr, s)) continue;
      const after = s + abbr.length;
      if (after < text.length && charClass(text.charCodeAt(after)) & WORD) continue;
      const state = this.ctx.kb.get('place', id);
      if (!state) return;
      const cityEnd = i - 1;
      let a = cityEnd;
      while (a > 0 && cityEnd - a < 3 && this.chained(a - 1, a)) a--;
      if (!isCap(w, cityEnd)) return;
      while (a < cityEnd && w.lookup(LEADING_FUNCTION, a)) a++;
      this.out.push({ start: s, end: after, type: 'place', id, confidence: 0.9, recognizer: 'shape', reason: `state abbreviation after a city: ${describe(state, this.ctx)}` });
      const name = text.slice(w.start[a], w.end[cityEnd]);
      if (!this.ctx.kb.lookupName(name).length && !w.lookup(LEADING_FUNCTION, a)) {
        this.pushNew(w.start[a], w.end[cityEnd], 'city', `city before "${abbr}"`, 0.8, { country: 'US', region: id });
      }
      return;
    }
  }

  /** Rules 3 and 4, at the first word of a run of capitalized words. */
  private headed(i: number): void {
    const { w, text } = this;
    const n = w.n;
    let a = i;
    let b = i;
    while (b + 1 < n && this.chained(b, b + 1) && b - a < 6) {
      if (this.possessive(w.end[b]) >= 0) break;
      b++;
    }
    // leading function words of a sentence ("The Atlantic Ocean", "In Marietta, ...")
    while (a < b && w.lookup(LEADING_FUNCTION, a)) a++;
    if (w.lookup(LEADING_FUNCTION, a)) return;
    const prev = a > 0 ? a - 1 : -1;
    // "<Capitalized> of" before: part of a longer name ("Bank of America Stadium")
    if (prev >= 0 && w.is(prev, 'of') && a > 1 && isCap(w, a - 2) && spaces(text, w.end[a - 2], w.start[prev]) && w.lookup(OF_HEAD, a - 2) === undefined) return;
    const first = a;
    const last = b;
    const next = b + 1 < n ? b + 1 : -1;
    // "<Head> of <Capitalized words>": "Gulf of Mexico", "Isle of Man"
    const ofKind = w.lookup(OF_HEAD, last);
    if (ofKind !== undefined && next >= 0 && w.is(next, 'of') && spaces(text, w.end[last], w.start[next]) && b + 2 < n) {
      let c = b + 2;
      if (w.is(c, 'the') && c + 1 < n) c++;
      if (isCap(w, c) && spaces(text, w.end[c - 1], w.start[c])) {
        let d = c;
        while (d + 1 < n && this.chained(d, d + 1) && d - c < 3) d++;
        if (this.possessive(w.end[d]) < 0 && !(d + 1 < n && w.is(d + 1, 'of'))) {
          this.pushNew(w.start[a], w.end[d], ofKind, `head word "${this.str(last)} of"`, 0.8);
          return;
        }
      }
    }
    if (w.lookup(NOT_AFTER, last) || (next >= 0 && isCap(w, next) && w.lookup(NOT_AFTER, next))) return;
    const afterName = next >= 0 && !isCap(w, next) && spaces(text, w.end[last], w.start[next]) && w.lookup(NOT_AFTER, next);
    if (afterName) return; // "Lake Placid hotel" is fine, but "Harbour Bridge company" reads as a company
    // "<Capitalized words> <Head>"
    const trailing = w.lookup(TRAILING, last);
    if (trailing && b > a) {
      if (w.shape[last] !== Shape.Upper || w.shape[first] === Shape.Upper) this.pushNew(w.start[first], w.end[last], trailing, `head word "${this.str(last)}"`, 0.8);
      return;
    }
    // "<Capitalized words> airport": "Heathrow airport" (not "London airport": a city's airports are no name)
    if (next >= 0 && w.lookup(LOWER_HEADS, next) && w.shape[next] === Shape.Lower && spaces(text, w.end[last], w.start[next]) && b - a < 3 && !sentenceInitial(text, w.start[first])) {
      if (!this.ctx.kb.lookupName(text.slice(w.start[first], w.end[last])).length) this.pushNew(w.start[first], w.end[next], w.lookup(TRAILING, next)!, `head word "${this.str(next)}"`, 0.75);
      return;
    }
    // "<Lead> <Capitalized words>": "Lake Baikal", "Mount Everest"
    const leading = w.lookup(LEADING, first);
    if (leading && b > a) {
      this.pushNew(w.start[first], w.end[last], leading, `head word "${this.str(first)}"`, 0.8);
      return;
    }
    // a region head the knowledge base lacks the name of: "Orange County", "Kurgan Oblast"
    const rh = w.lookup(REGION_HEAD, last);
    if (rh?.unknown && b > a) {
      const name = text.slice(w.start[first], w.end[b - 1]);
      const known = this.ctx.kb.lookupName(name);
      if (!known.some((e) => isRegion(e) || e.type === 'country')) this.pushNew(w.start[first], w.end[last], 'region', `head word "${this.str(last)}"`, 0.75);
      return;
    }
    // Rule 4: "in <Capitalized words>, <country or US state>"
    if (prev >= 0 && w.lookup(LOCATIVE, prev) && !isCap(w, prev) && spaces(text, w.end[prev], w.start[first]) && next >= 0 && commaGap(text, w.end[last], w.start[next]) && b - a < 3) {
      const name = text.slice(w.start[first], w.end[last]);
      if (this.ctx.kb.lookupName(name).length) return;
      const c = this.countryFrom(b + 1);
      if (c) {
        const after = c[1] + 1 < n ? c[1] + 1 : -1;
        if (after >= 0 && isCap(w, after) && joins(text, w.end[c[1]], w.start[after])) return;
        this.pushNew(w.start[first], w.end[last], 'city', `context "${this.str(prev)} ..., ${c[0].name}"`, 0.75, { country: c[0].id });
        return;
      }
      const forms = w.lookup(regionIndex(this.ctx.kb).firstWords, next);
      for (const f of forms ?? []) {
        const end = this.matchForm(b + 1, f);
        if (end < 0 || f.entity.facts?.country !== 'US' || !isCap(w, next)) continue;
        this.pushNew(w.start[first], w.end[last], 'city', `context "${this.str(prev)} ..., ${f.entity.name}"`, 0.75, { country: 'US', region: f.entity.id });
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
      return new Scan(text, SHAPE_WORDS.read(text), ctx).run();
    } catch {
      return [];
    }
  },
};
