/**
 * The finder's rules of news language: the per-call Context, which applies them to each raw match
 * of the scan (finder.ts) and computes facts of the text lazily, and the order of readings. See
 * `MentionFinder.find` and README.md ("Rules"). Pure; never throws.
 */
import { DEFAULT_MIN_PLACE_POPULATION, type Mention, type FindOptions } from './mention';
import { TrieNode, Accepted, Raws, type Reading } from './trie';
import * as trieModule from './trie';
import * as wordsModule from './words';
import * as scanModule from './scan';
import type { Entity } from '../kb/types';
import { isApostropheCode, isHyphenCode, isSpaceCode, Shape, shapeOf } from './chars';
import { Rank } from './names';

// The sibling files' helpers as bindings of this module (read as constants in the hot loops, as before finder.ts was split).
const { EMPTY_SET } = trieModule;
const { DESIGNATORS, NAME_HEADS, ACRONYM_SKIPS, NOT_NAME_PARTS, COUNTRY_HEADS, CITY_HEADS, LOCATIVES, isCapsWord, AIR, CITY, OF } = wordsModule;
const { LINE_TITLE, LINE_UPPER, classifyLine, lineStartsOf, chainStart, chainEnd, capitalChain, definesAcronym, isWordAt, isSpaceOrBreak, wordBefore, wordAfter, WORD_INFO, readWord, readWordBefore, prevWordEnd, nextWordStart, commaSpaces, datelineAfter, isSentenceInitial } = scanModule;

/** Numbers the contexts, which keep per-text facts on the trie nodes (TrieNode.gen, contGen). */
export let generation = 0;

// Verdicts of the one-word city rules.
export const DROP = 0;
export const WEAK = 1;
export const KEEP = 2;
export const TYPE_ORDER: Record<string, number> = { country: 0, org: 1, place: 2, person: 3 };

/** Numbers for the (language, minimum population) pairs that readings depend on; a number is never reused. */
export class OptionKeys {
  private readonly known = new Map<string, number>();
  private next = 1;

  of(language: string, minPopulation: number): number {
    if (language === 'en' && minPopulation === DEFAULT_MIN_PLACE_POPULATION) return 0;
    const k = `${language}\u0000${minPopulation}`;
    let n = this.known.get(k);
    if (n === undefined) {
      if (this.known.size >= 64) this.known.clear();
      this.known.set(k, (n = this.next++));
    }
    return n;
  }
}

/** Per-call state: the text, the options, and what the rules computed lazily. */
export class Context {
  readonly types: ReadonlySet<string> | undefined;
  readonly nested: boolean;
  readonly language: string;
  readonly minPopulation: number;
  /** Set by resolve(): the last mention was dropped only because of its type. */
  droppedByType = false;
  private lineStarts: number[] | undefined;
  /** The line of the last lineKind call. */
  private lastLine = 0;
  /** Kind of each line (-1: not classified yet). */
  private lineKinds: number[] | undefined;
  private lower: string | undefined;
  private lowerSeen: Map<string, boolean> | undefined;
  /** Number of (language, minimum population) in the finder's readings caches. */
  private readonly optionsKey: number;
  private evidence: Map<TrieNode, boolean> | undefined;
  /** The raws of the whole scan (set by the finder), indexed by name on first need. */
  topRaws: Raws | undefined;
  private indexed = false;
  /** This context's number (unique): marks the facts it keeps on trie nodes. */
  private readonly gen = ++generation;

  constructor(
    readonly text: string,
    options: FindOptions | undefined,
    optionKeys: OptionKeys,
    /** The finder's list of trie nodes whose lastText this call sets (cleared after the call). */
    private readonly texts: TrieNode[],
  ) {
    this.types = Array.isArray(options?.types) ? new Set(options!.types) : undefined;
    this.nested = options?.nested === true;
    this.language = typeof options?.language === 'string' && options.language ? options.language.toLowerCase().split(/[-_]/)[0] : 'en';
    const mp = options?.minPlacePopulation;
    this.minPopulation = typeof mp === 'number' && mp >= 0 ? mp : DEFAULT_MIN_PLACE_POPULATION;
    this.optionsKey = optionKeys.of(this.language, this.minPopulation);
  }

  /** The mention of raws[i] after the rules, or undefined. */
  resolve(raws: Raws, i: number, inner: boolean): Mention | undefined {
    this.droppedByType = false;
    const text = this.text;
    const start = raws.start[i];
    const end = raws.end[i];
    const tokens = raws.tokens[i];
    const firstShape = raws.firstShape[i];
    const node = raws.node[i];
    let confidence = tokens > 1 ? 0.95 : 0.9;

    // --- readings: one per entity, native names first
    const acc = raws.acc[i];
    let readings = this.readingsOf(acc);
    if (readings.length === 0) return undefined;

    // --- all-caps lines: two-letter acronyms that spell a word
    if (tokens === 1 && firstShape === Shape.Upper && end - start === 2 && isCapsWord(text.charCodeAt(start), text.charCodeAt(start + 1)) && this.lineKind(start) & LINE_UPPER) {
      return undefined;
    }

    // --- word boundaries, URLs, hyphens
    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    const after = end < text.length ? text.charCodeAt(end) : -1;
    if (before === 64 || before === 35 || before === 95 || after === 64 || after === 95) return undefined; // @ # _
    if (after === 36 || before === 36) return undefined; // currencies: US$, AU$, $US
    if (before === 46 && start > 1 && isWordAt(text, start - 2)) return undefined; // www.Name
    if (after === 46 && end === raws.wordEnd[i] && isWordAt(text, end + 1)) return undefined; // Name.kz
    if (isApostropheCode(before) && start > 1 && isWordAt(text, start - 2) && !(start < 3 || !isWordAt(text, start - 3))) return undefined; // O'Neill-like (l', d' elisions pass)
    if (isApostropheCode(after) && isWordAt(text, end + 1)) {
      // only the possessive: Kazakhstan's
      const s = text.charCodeAt(end + 1);
      if (!((s === 115 || s === 83) && !isWordAt(text, end + 2))) return undefined;
    }
    if (this.inUrl(start, end)) return undefined;
    const topType = acc.topType;
    let compound = false;
    if (isHyphenCode(before) && start > 1 && isWordAt(text, start - 2)) {
      const w = wordBefore(text, start - 1);
      if (shapeOf(text, w, start - 1) !== Shape.Lower) compound = true;
    }
    if (isHyphenCode(after) && isWordAt(text, end + 1)) {
      const e = wordAfter(text, end + 1);
      if (shapeOf(text, end + 1, e) !== Shape.Lower) compound = true;
    }
    if (compound) {
      if (topType === 'place') return undefined;
      confidence = Math.min(confidence, 0.7);
    }

    // --- case evidence: the kind of the line (a headline, a line in capitals) matters only next
    // to a capitalized word, and for one-word cities; it is looked up there (this.lineKind)

    // --- part of a longer unknown name (reads the words around the name: see neighbours)
    const countryOrPlace = topType === 'country' || topType === 'place';
    if (countryOrPlace || readings.length > 1) {
      if (this.neighbours(raws, i, inner, countryOrPlace, topType)) return undefined;
    } else {
      this.prevStart = this.prevEnd = this.nextStart = this.nextEnd = -1;
    }
    const nextRaw = i + 1 < raws.length ? i + 1 : -1;

    // --- "<place>, <country>": the place of that country
    const commaNext = nextRaw >= 0 && raws.start[nextRaw] - end <= 3 && after === 44 && commaSpaces(text, end, raws.start[nextRaw]);
    const placeCountry = commaNext ? raws.acc[nextRaw].countryId : undefined;

    // --- one-word cities
    if (topType === 'place' && tokens === 1) {
      const verdict = this.oneWordCity(raws, i, acc, placeCountry, commaNext);
      if (verdict === DROP) return undefined;
      if (verdict === WEAK) confidence = Math.min(confidence, 0.7);
    }

    // --- ambiguity
    let resolved = readings.length === 1;
    if (readings.length > 1) {
      const prevStart = this.prevStart;
      const prevEnd = this.prevEnd;
      const nextStart = this.nextStart;
      const nextEnd = this.nextEnd;
      const prev2End = prevEnd >= 0 && OF.hasHashed(text, prevStart, prevEnd, this.prevHash, this.prevWide) ? prevWordEnd(text, prevStart) : -1;
      const prev2Start = prev2End < 0 ? -1 : wordBefore(text, prev2End);
      const nextIsCity = nextStart >= 0 && nextEnd - nextStart === 4 && text.startsWith('City', nextStart) && (nextRaw < 0 || raws.start[nextRaw] > nextStart);
      const dateline = firstShape === Shape.Upper && this.atLineStart(start) && datelineAfter(text, end, true);
      readings = this.settle(raws, i, readings, placeCountry, nextIsCity, nextEnd, prev2Start, prev2End, dateline);
      resolved = this.settled;
    }
    if (!resolved && readings.length > 1) confidence = Math.min(confidence, 0.6);
    const top = readings[0];
    if (top.foreignOnly) confidence -= 0.1;
    if (top.rank === Rank.Former) confidence -= 0.05;

    if (this.types && !this.types.has(top.entity.type)) {
      this.droppedByType = true;
      return undefined;
    }
    // (the ambiguity rule may have extended the name: "Luxembourg City")
    const finalEnd = raws.end[i];
    const m: Mention = {
      start,
      end: finalEnd,
      text: this.textOf(start, finalEnd, node),
      type: top.entity.type,
      id: top.entity.id,
      confidence: Math.round(confidence * 100) / 100,
    };
    if (!resolved) this.addAlternatives(m, readings);
    return m;
  }

  // The words around the name of the last neighbours() call: start and end (-1: none); for the
  // word before, its folded hash and non-ASCII flag (see readWord).
  private prevStart = -1;
  private prevEnd = -1;
  private prevHash = 0;
  private prevWide = 0;
  private nextStart = -1;
  private nextEnd = -1;

  /**
   * Reads the words before and after raws[i] on the same line, separated by spaces only, into
   * prevStart ... nextWide, and tells whether a country or place name is part of a longer
   * unknown name there (true: not a mention).
   */
  private neighbours(raws: Raws, i: number, inner: boolean, countryOrPlace: boolean, topType: string): boolean {
    const text = this.text;
    const start = raws.start[i];
    const end = raws.end[i];
    const prevEnd = prevWordEnd(text, start);
    let prevStart = -1;
    let prevShape = Shape.Caseless;
    let prevHash = 0;
    let prevWide = 0;
    if (prevEnd >= 0) {
      prevStart = readWordBefore(text, prevEnd);
      prevShape = WORD_INFO[0];
      prevHash = WORD_INFO[1];
      prevWide = WORD_INFO[2];
    }
    const nextStart = nextWordStart(text, end);
    let nextEnd = -1;
    let nextShape = Shape.Caseless;
    let nextHash = 0;
    let nextWide = 0;
    if (nextStart >= 0) {
      nextEnd = readWord(text, nextStart);
      nextShape = WORD_INFO[0];
      nextHash = WORD_INFO[1];
      nextWide = WORD_INFO[2];
    }
    this.prevStart = prevStart;
    this.prevEnd = prevEnd;
    this.prevHash = prevHash;
    this.prevWide = prevWide;
    this.nextStart = nextStart;
    this.nextEnd = nextEnd;
    if (inner || !countryOrPlace) return false;
    const node = raws.node[i];
    // the raw names before and after (-1: none)
    const prevRaw = i > 0 ? i - 1 : -1;
    const nextRaw = i + 1 < raws.length ? i + 1 : -1;
    const nextIsFree = nextRaw < 0 || raws.start[nextRaw] > nextStart;
    const nextCapitalized = nextStart >= 0 && nextShape !== Shape.Lower && nextShape !== Shape.Caseless;
    if (nextStart >= 0) {
      // "the United States Air Force (USAF)": an acronym defined for the name and the capitalized
      // words after it makes them one name, of which the country is a part
      // (a lower-case word right after the name must be one of ACRONYM_SKIPS: exact = folded for it)
      if (!(nextShape === Shape.Lower && !(nextWide ? ACRONYM_SKIPS.hasExact(text, nextStart, nextEnd) : ACRONYM_SKIPS.hasHashed(text, nextStart, nextEnd, nextHash, 0))) && definesAcronym(text, start, end)) return true;
      // a headline or a line in capitals proves nothing by case, but a word that only heads names
      // ("QATAR AIRWAYS", "Singapore Airlines To Be Compensated"), or a continuation the body
      // shows ("Qatar Airways"), still makes the country part of a name
      if (
        nextCapitalized &&
        nextIsFree &&
        (NAME_HEADS.hasHashed(text, nextStart, nextEnd, nextHash, nextWide) || this.isContinuation(raws, node, nextStart, nextEnd)) &&
        this.lineKind(start) & (LINE_TITLE | LINE_UPPER)
      ) {
        return true;
      }
    }
    // (next to a capitalized word only, and not in a headline or a line in capitals: the kind of
    // the line is looked up last, when a word would make the name part of a longer one)
    if (prevEnd >= 0 && prevShape !== Shape.Lower && prevShape !== Shape.Caseless && (prevRaw < 0 || raws.end[prevRaw] < prevStart)) {
      const partOf =
        DESIGNATORS.hasHashed(text, prevStart, prevEnd, prevHash, prevWide) ||
        AIR.hasHashed(text, prevStart, prevEnd, prevHash, prevWide) ||
        (!isSentenceInitial(text, prevStart) && !NOT_NAME_PARTS.hasHashed(text, prevStart, prevEnd, prevHash, prevWide));
      if (partOf && !(this.lineKind(start) & (LINE_TITLE | LINE_UPPER))) return true;
    }
    if (nextCapitalized && nextIsFree) {
      // the capitalized words from the next one on (at least that one)
      const n = capitalChain(text, nextStart);
      // "Singapore Airlines", "China Eastern Airlines", and "China Eastern" once seen so
      let partOf = false;
      for (let j = 0; j < n && !partOf; j++) partOf = DESIGNATORS.hasLower(text, chainStart[j], chainEnd[j]);
      const c0s = chainStart[0];
      const c0e = chainEnd[0];
      // a city before a capitalized word: "Mary Barra", "Washington Mutual", "London Heathrow"
      if (!partOf) partOf = topType === 'place' && !CITY.hasLower(text, c0s, c0e) && !NOT_NAME_PARTS.hasLower(text, c0s, c0e);
      if (!partOf) partOf = this.isContinuation(raws, node, c0s, c0e);
      if (partOf && !(this.lineKind(start) & (LINE_TITLE | LINE_UPPER))) return true;
    }
    return false;
  }

  /**
   * The rules of a one-word city (raws[i], after neighbours()): DROP, WEAK (a mention supported
   * only by the rest of the text) or KEEP.
   */
  private oneWordCity(raws: Raws, i: number, acc: Accepted, placeCountry: string | undefined, commaNext: boolean): number {
    const text = this.text;
    const start = raws.start[i];
    const end = raws.end[i];
    let verdict = KEEP;
    // --- where case proves nothing (sentence start, headline, or a word in capitals in a line in capitals)
    if (!acc.topCapital && (isSentenceInitial(text, start) || (this.lineKind(start) & LINE_TITLE) !== 0 || (raws.firstShape[i] === Shape.Upper && (this.lineKind(start) & LINE_UPPER) !== 0))) {
      const supported = placeCountry !== undefined || this.hasEvidenceElsewhere(raws, i);
      if (!supported || this.usedInLowerCase(start, end)) return DROP;
      verdict = WEAK;
    }
    // --- that could be a person or a company ("said Henderson", "rivals Toyota"): a place word
    // must be in sight, unless the city is big (a million people, or a capital of 100 000)
    if (!acc.topBig) {
      const after = end < text.length ? text.charCodeAt(end) : -1;
      const placeWord =
        (this.prevEnd >= 0 && LOCATIVES.hasHashed(text, this.prevStart, this.prevEnd, this.prevHash, this.prevWide)) ||
        (commaNext && raws.acc[i + 1].countryOrPlace) ||
        (isHyphenCode(after) && isWordAt(text, end + 1) && shapeOf(text, end + 1, wordAfter(text, end + 1)) === Shape.Lower) ||
        (this.atLineStart(start) && datelineAfter(text, end, false)) ||
        this.inPlaceList(raws, i);
      if (!placeWord) return DROP;
    }
    return verdict;
  }

  /** text.slice(start, end), or the equal string made for the last mention of `node` in this call. */
  private textOf(start: number, end: number, node: TrieNode): string {
    const text = this.text;
    const last = node.lastText;
    const len = end - start;
    if (last.length === len) {
      let i = 0;
      while (i < len && last.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === len) return last;
    }
    if (last === '') this.texts.push(node);
    return (node.lastText = text.slice(start, end));
  }

  /** Set by settle(): context settled the reading. */
  private settled = false;

  /**
   * The readings of an ambiguous name (raws[i]) in order after the context rules; `settled` says
   * whether context settled them. (Out of resolve, whose closures would cost every call.)
   */
  private settle(raws: Raws, i: number, readings: Reading[], placeCountry: string | undefined, nextIsCity: boolean, nextEnd: number, prev2Start: number, prev2End: number, dateline: boolean): Reading[] {
    const text = this.text;
    const places = readings.filter((x) => x.entity.type === 'place');
    const countries = readings.filter((x) => x.entity.type === 'country');
    const inCountry = placeCountry ? places.filter((x) => x.entity.facts?.country === placeCountry) : [];
    this.settled = false;
    if (inCountry.length > 0) {
      this.settled = true;
      return [...inCountry, ...readings.filter((x) => !inCountry.includes(x))];
    }
    if (places.length > 0 && (nextIsCity || (prev2End >= 0 && CITY_HEADS.hasLower(text, prev2Start, prev2End)))) {
      this.settled = places.length === 1;
      // "Luxembourg City": the label takes "City"
      if (nextIsCity) raws.end[i] = nextEnd;
      return places;
    }
    if (places.length > 0 && dateline) return [...places, ...readings.filter((x) => x.entity.type !== 'place')];
    if (countries.length > 0 && ((prev2End >= 0 && COUNTRY_HEADS.hasLower(text, prev2Start, prev2End)) || this.inCountryList(raws, i))) {
      this.settled = countries.length === 1;
      return countries;
    }
    return readings;
  }

  /** The other readings of an unsettled name, of the types asked for (at most five). */
  private addAlternatives(m: Mention, readings: Reading[]): void {
    const alts = readings.slice(1).filter((x) => !this.types || this.types.has(x.entity.type)).slice(0, 5);
    if (alts.length) m.alternatives = alts.map((x) => ({ type: x.entity.type, id: x.entity.id }));
  }

  /** The readings of a raw match (cached per name, accepted forms and options, across calls). */
  private readingsOf(acc: Accepted): Reading[] {
    if (acc.mask >= 0 && acc.readingsKey === this.optionsKey) return acc.readings;
    const readings = this.computeReadings(acc);
    acc.readings = readings;
    const top = readings.length > 0 ? readings[0].entity : undefined;
    acc.topType = top ? top.type : '';
    acc.topCapital = top ? isCapital(top) : false;
    acc.topBig = top ? isBigPlace(top) : false;
    if (acc.mask >= 0) acc.readingsKey = this.optionsKey;
    return readings;
  }

  private computeReadings(acc: Accepted): Reading[] {
    const byEntity = new Map<Entity, Reading>();
    for (const f of acc.forms) {
      const nat = f.lang === '' || f.lang === this.language || !f.latin;
      if (!nat && f.acronym) continue;
      const prev = byEntity.get(f.entity);
      if (!prev) byEntity.set(f.entity, { entity: f.entity, rank: f.rank, native: nat, foreignOnly: !nat });
      else {
        if (f.rank < prev.rank) prev.rank = f.rank;
        if (nat) {
          prev.native = true;
          prev.foreignOnly = false;
        }
      }
    }
    let readings = [...byEntity.values()];
    if (readings.some((x) => x.native)) readings = readings.filter((x) => x.native);
    readings = readings.filter((x) => x.entity.type !== 'place' || this.placeBigEnough(x.entity));
    readings.sort(compareReadings);
    return readings;
  }

  private placeBigEnough(e: Entity): boolean {
    const f = e.facts || {};
    if (f.capital || f.seatOfGovernment) return true;
    // a workspace place without a population is the user's own: keep it
    if (typeof f.population !== 'number') return e.source?.kind !== 'builtin';
    return f.population >= this.minPopulation;
  }

  /** Another match of the same name in a position where case is evidence. */
  private hasEvidenceElsewhere(raws: Raws, i: number): boolean {
    const evidence = (this.evidence ??= new Map());
    const node = raws.node[i];
    let ev = evidence.get(node);
    if (ev === undefined) {
      ev = false;
      for (let j = this.firstOf(raws, node); j >= 0; j = this.nextOf(raws, node, j)) {
        if (j === i) continue;
        const xs = raws.start[j];
        if (isSentenceInitial(this.text, xs)) continue;
        const kind = this.lineKind(xs);
        if (!(kind & LINE_TITLE) && !(raws.firstShape[j] === Shape.Upper && kind & LINE_UPPER)) {
          ev = true;
          break;
        }
      }
      evidence.set(node, ev);
    }
    return ev;
  }

  /** The capitalized word text[s, e), lower-cased, continues the name of `node` into an organization's name in this text. */
  private isContinuation(raws: Raws, node: TrieNode, s: number, e: number): boolean {
    const set = this.continuations(raws, node);
    return set.size > 0 && set.has(this.text.slice(s, e).toLowerCase());
  }

  /** Per name: the capitalized words that continue it into an organization's name in this text. */
  private continuations(raws: Raws, node: TrieNode): ReadonlySet<string> {
    if (node.contGen !== this.gen) {
      let set: Set<string> | undefined;
      const text = this.text;
      for (let j = this.firstOf(raws, node); j >= 0; j = this.nextOf(raws, node, j)) {
        const ns = nextWordStart(text, raws.end[j]);
        if (ns < 0) continue;
        const sh = shapeOf(text, ns, wordAfter(text, ns));
        if (sh === Shape.Lower || sh === Shape.Caseless) continue;
        const n = capitalChain(text, ns);
        if (n < 2) continue;
        let designated = false;
        for (let k = 0; k < n && !designated; k++) designated = DESIGNATORS.hasLower(text, chainStart[k], chainEnd[k]);
        // a headline or a line in capitals shows no name by case
        if (!designated || this.lineKind(raws.start[j]) & (LINE_TITLE | LINE_UPPER)) continue;
        (set ??= new Set()).add(text.slice(chainStart[0], chainEnd[0]).toLowerCase());
      }
      node.contGen = this.gen;
      node.conts = set ?? EMPTY_SET;
    }
    return node.conts;
  }

  /**
   * The raws of one name: `firstOf(raws, node)`, then `nextOf(raws, node, j)` until -1. The
   * top-level raws of the text are indexed once (a chain per trie node); other lists are searched.
   */
  private firstOf(raws: Raws, node: TrieNode): number {
    if (raws === this.topRaws) {
      this.indexTop();
      return node.gen === this.gen ? node.head : -1;
    }
    for (let j = 0; j < raws.length; j++) if (raws.node[j] === node) return j;
    return -1;
  }

  private nextOf(raws: Raws, node: TrieNode, j: number): number {
    if (raws === this.topRaws) return raws.chain[j];
    for (let k = j + 1; k < raws.length; k++) if (raws.node[k] === node) return k;
    return -1;
  }

  private indexTop(): void {
    if (this.indexed) return;
    this.indexed = true;
    const raws = this.topRaws!;
    const gen = this.gen;
    if (raws.chain.length < raws.length) raws.chain = new Int32Array(raws.capacity);
    const next = raws.chain;
    for (let j = raws.length - 1; j >= 0; j--) {
      const node = raws.node[j];
      if (node.gen !== gen) {
        node.gen = gen;
        node.head = -1;
      }
      next[j] = node.head;
      node.head = j;
    }
  }

  /** The word of [start, end) occurs in lower case somewhere in the text ("reading"). */
  private usedInLowerCase(start: number, end: number): boolean {
    const w = this.text.slice(start, end).toLowerCase();
    const lowerSeen = (this.lowerSeen ??= new Map());
    const seen = lowerSeen.get(w);
    if (seen !== undefined) return seen;
    this.lower ??= this.text.toLowerCase();
    let found = false;
    const lower = this.lower;
    if (lower.length === this.text.length) {
      for (let at = lower.indexOf(w); at >= 0 && !found; at = lower.indexOf(w, at + 1)) {
        const e = at + w.length;
        if ((at > 0 && isWordAt(this.text, at - 1)) || (e < this.text.length && isWordAt(this.text, e))) continue;
        if (shapeOf(this.text, at, e) === Shape.Lower) found = true;
      }
    }
    lowerSeen.set(w, found);
    return found;
  }

  /** Raw i is coordinated with a country ("Kazakhstan and Luxembourg", "France, Luxembourg or Belgium"). */
  private inCountryList(raws: Raws, i: number): boolean {
    const isCountry = (j: number) => j >= 0 && j < raws.length && raws.acc[j].forms.some((f) => f.entity.type === 'country') && !raws.acc[j].forms.some((f) => f.entity.type === 'place');
    const joined = (a: number, b: number) => b - a <= 7 && /^(?:\s*,)?\s*(?:and|or|&|,)\s*$|^\s*[,/]\s*$/i.test(this.text.slice(a, b));
    return (isCountry(i - 1) && joined(raws.end[i - 1], raws.start[i])) || (isCountry(i + 1) && joined(raws.end[i], raws.start[i + 1]));
  }

  /** Raw i is coordinated with another place or country ("the Atlanta and St. Louis plants"). */
  private inPlaceList(raws: Raws, i: number): boolean {
    const isPlace = (j: number) => j >= 0 && j < raws.length && raws.acc[j].forms.some((f) => f.entity.type === 'country' || (f.entity.type === 'place' && this.placeBigEnough(f.entity)));
    const joined = (a: number, b: number) => b - a <= 7 && /^(?:\s*,)?\s*(?:and|or|&|,)\s*$/i.test(this.text.slice(a, b));
    return (isPlace(i - 1) && joined(raws.end[i - 1], raws.start[i])) || (isPlace(i + 1) && joined(raws.end[i], raws.start[i + 1]));
  }

  /** Inside a URL or an e-mail address: the run of non-space characters holds `://`, `www.` or `@`. */
  private inUrl(start: number, end: number): boolean {
    const text = this.text;
    let s = start;
    let suspicious = false;
    while (s > 0 && s > start - 200) {
      const c = text.charCodeAt(s - 1);
      if (isSpaceOrBreak(c)) break;
      if (c === 47 || c === 64 || c === 58 || c === 46) suspicious = true;
      s--;
    }
    let e = end;
    while (e < text.length && e < end + 200) {
      const c = text.charCodeAt(e);
      if (isSpaceOrBreak(c)) break;
      if (c === 47 || c === 64 || c === 58 || c === 46) suspicious = true;
      e++;
    }
    if (!suspicious) return false;
    const chunk = text.slice(s, e);
    return chunk.includes('://') || (/www\./i.test(chunk) && /(?:^|[^\p{L}])www\./iu.test(chunk)) || (chunk.includes('@') && /@\S*\.\p{L}/u.test(chunk));
  }

  private atLineStart(pos: number): boolean {
    let q = pos;
    while (q > 0 && isSpaceCode(this.text.charCodeAt(q - 1))) q--;
    return q === 0 || this.text.charCodeAt(q - 1) === 10 || this.text.charCodeAt(q - 1) === 13;
  }

  /** LINE_TITLE / LINE_UPPER bits of the line holding pos (lines over 300 characters are prose). */
  private lineKind(pos: number): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = this.lastLine;
    // most calls fall on the line of the previous one
    if (!(starts[lo] <= pos && (lo + 1 >= starts.length || starts[lo + 1] > pos))) {
      lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= pos) lo = mid;
        else hi = mid - 1;
      }
      this.lastLine = lo;
    }
    const kinds = (this.lineKinds ??= new Array<number>(starts.length).fill(-1));
    const cached = kinds[lo];
    if (cached >= 0) return cached;
    const s = starts[lo];
    const e = lo + 1 < starts.length ? starts[lo + 1] : this.text.length;
    const kind = e - s > 300 ? 0 : classifyLine(this.text, s, e);
    kinds[lo] = kind;
    return kind;
  }
}

export function compareReadings(a: Reading, b: Reading): number {
  return a.rank - b.rank || (TYPE_ORDER[a.entity.type] ?? 4) - (TYPE_ORDER[b.entity.type] ?? 4) || importance(b.entity) - importance(a.entity) || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0);
}

export function importance(e: Entity): number {
  const f = e.facts || {};
  if (e.type === 'place') return (f.capital ? 1e10 : 0) + (typeof f.population === 'number' ? f.population : 0);
  if (e.type === 'country') return f.unMember ? 2 : f.independent ? 1 : 0;
  if (e.type === 'org') return (Array.isArray(f.members) ? f.members.length : 0) + (f.dissolved ? -1000 : 0);
  return 0;
}

/** A million people, or a capital of at least 100 000: rarely anything but the city. */
export function isBigPlace(e: Entity): boolean {
  const f = e.facts || {};
  const pop = typeof f.population === 'number' ? f.population : 0;
  return pop >= 1_000_000 || (!!(f.capital || f.seatOfGovernment) && pop >= 100_000) || (e.source?.kind !== 'builtin' && typeof f.population !== 'number');
}

export function isCapital(e: Entity): boolean {
  return !!(e.facts?.capital || e.facts?.seatOfGovernment);
}
