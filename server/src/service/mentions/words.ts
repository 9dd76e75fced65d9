/**
 * The finder's word lists (data) and the set that looks words up by a range of the text without
 * slicing it (WordSet). Used by the rules (rules.ts). Pure.
 */
import * as trieModule from './trie';

// The sibling files' helpers as bindings of this module (read as constants in the hot loops, as before finder.ts was split).
const { isAsciiWord, mix } = trieModule;

/** The lower case of an ASCII code unit (other code units unchanged). */
export function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * A map from words to values, looked up by a range of the text without slicing it (`getHashed`,
 * with the hash readWord gives: ASCII words are found in a table of their code units) or by its
 * key (`get`: a word with other code units, whose fold is a string anyway). `getHashed(text, s, e,
 * h)` is `map.get(text.slice(s, e).toLowerCase())` for an ASCII range. WordSet is one with the
 * value true, and an exact (case-kept) look-up besides.
 */
export class WordMap<V> {
  protected readonly map: ReadonlyMap<string, V>;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly keys: string[] = [];
  private readonly values: V[] = [];
  private readonly hashes: Int32Array;

  constructor(map: ReadonlyMap<string, V>) {
    this.map = map;
    let size = 16;
    while (size < map.size * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(map.size);
    for (const [w, v] of map) {
      if (!isAsciiWord(w)) continue;
      let h = 0;
      for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
      let slot = mix(h, 0) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[this.keys.length] = h;
      this.keys.push(w);
      this.values.push(v);
      this.slots[slot] = this.keys.length;
    }
  }

  /** The value of a folded key. */
  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** The value of the ASCII word text[s, e) whose lower-cased hash is h (readWord's), compared lower-cased. */
  getHashed(text: string, s: number, e: number, h: number): V | undefined {
    const x = this.indexOf(text, s, e, h, true);
    return x < 0 ? undefined : this.values[x];
  }

  /** The index of the ASCII range text[s, e) with hash h in the table (compared lower-cased or as written), or -1. */
  protected indexOf(text: string, s: number, e: number, h: number, lower: boolean): number {
    const len = e - s;
    let slot = mix(h, 0) & this.mask;
    for (;;) {
      const x = this.slots[slot];
      if (x === 0) return -1;
      if (this.hashes[x - 1] === h) {
        const w = this.keys[x - 1];
        if (w.length === len) {
          let i = 0;
          if (lower) while (i < len && w.charCodeAt(i) === lowerAscii(text.charCodeAt(s + i))) i++;
          else while (i < len && w.charCodeAt(i) === text.charCodeAt(s + i)) i++;
          if (i === len) return x - 1;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * A set of words looked up by a range of the text, without slicing it: `hasLower` is
 * `set.has(text.slice(s, e).toLowerCase())`, `hasExact` is `set.has(text.slice(s, e))`.
 * ASCII ranges are hashed in place; a range with other code units takes the slow way.
 */
export class WordSet extends WordMap<true> {
  constructor(words: Iterable<string>) {
    const map = new Map<string, true>();
    for (const w of words) map.set(w, true);
    super(map);
  }

  hasLower(text: string, s: number, e: number): boolean {
    let h = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.map.has(text.slice(s, e).toLowerCase());
      h = (Math.imul(h, 31) + lowerAscii(c)) | 0;
    }
    return this.indexOf(text, s, e, h, true) >= 0;
  }

  /** hasLower of a word whose hash readWord computed (`wide`: it has non-ASCII code units). */
  hasHashed(text: string, s: number, e: number, h: number, wide: number): boolean {
    return wide ? this.map.has(text.slice(s, e).toLowerCase()) : this.indexOf(text, s, e, h, true) >= 0;
  }

  hasExact(text: string, s: number, e: number): boolean {
    let h = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.map.has(text.slice(s, e));
      h = (Math.imul(h, 31) + c) | 0;
    }
    return this.indexOf(text, s, e, h, false) >= 0;
  }
}

/** Words that head an organization or facility name: a country right before or after one is part of that name. */
export const DESIGNATORS = new WordSet(
  (
    'airlines airline airways aviation aerospace airport airports post telecom telecommunications bank banking ' +
    'group inc incorporated ltd limited llc plc corp corporation company co holdings holding motors motor automotive ' +
    'railways railway rail energy oil gas petroleum power electric electricity steel mining insurance securities ' +
    'capital investments investment partners television tv radio broadcasting times herald tribune journal daily ' +
    'gazette news press media university college school institute academy foundation trust club fc stadium street ' +
    'avenue road square hotel hospital league federation association chamber cup open grand prix pavilion expo ' +
    'exchange fund funds markets logistics shipping ports port pharmaceuticals foods brewery technologies ' +
    'engineering systems solutions industries electronics software networks resources services consulting ' +
    'construction chemicals manufacturing enterprises ventures factory plant mills'
  ).split(/\s+/),
);

/**
 * Organization words that head a name even in a headline or a line in capitals, where a country
 * before them is part of the name ("Qatar Airways", "Japan Post Holdings"): words that are rarely
 * a common noun modified by a country in a title ("China Steel Output" is about steel).
 */
export const NAME_HEADS = new WordSet(
  (
    'airlines airline airways inc incorporated ltd limited llc plc corp corporation co holdings ' +
    'railways university college institute academy foundation fc stadium airport'
  ).split(/\s+/),
);

/** Lower-case words that may stand inside a name whose acronym is defined ("Bank of England (BoE)"). */
export const ACRONYM_SKIP_WORDS = 'of and for the de du la le des on in'.split(' ');
export const ACRONYM_SKIPS = new WordSet(ACRONYM_SKIP_WORDS);
/** The length of the longest word of ACRONYM_SKIPS. */
export const ACRONYM_SKIP_MAX = Math.max(...ACRONYM_SKIP_WORDS.map((w) => w.length));

/** Capitalized words that may stand right before a place name without being part of it. */
export const NOT_NAME_PARTS = new WordSet(
  (
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(/\s+/),
);

/** Words before "of" that make the name a country (`the Prime Minister of Luxembourg`). */
export const COUNTRY_HEADS = new WordSet(
  (
    'government president minister ministry embassy ambassador ambassadors king queen duke duchess grand republic ' +
    'kingdom people citizens citizen parliament constitution state head leader leaders nation presidency ' +
    'chancellor premier emir sultan prince monarch consul consulate envoy delegation foreign'
  ).split(/\s+/),
);

/** Words before "of" that make the name a city (`the mayor of Luxembourg`). */
export const CITY_HEADS = new WordSet('city mayor streets centre center downtown suburbs outskirts municipality town'.split(' '));

/** Prepositions of place: a one-word city after one of them is a place. */
export const LOCATIVES = new WordSet(
  'in at near from to outside around into across via throughout within toward towards inside through between and'.split(' '),
);

/** Two-letter words that an all-caps line may spell: never an acronym there. */
export const CAPS_WORDS = new Set('AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF ON OR SO TO UP US WE'.split(' ').map((w) => w.charCodeAt(0) * 65536 + w.charCodeAt(1)));

/** The two code units c0 c1 spell a word of CAPS_WORDS. */
export function isCapsWord(c0: number, c1: number): boolean {
  return CAPS_WORDS.has(c0 * 65536 + c1);
}

export const AIR = new WordSet(['air']);

export const CITY = new WordSet(['city']);
export const OF = new WordSet(['of']);

