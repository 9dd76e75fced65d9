/**
 * The mention finder: every name of the knowledge base in running text, in one pass.
 *
 * Build once per KnowledgeBase (`MentionFinder.for(kb)`): every name form (names.ts) goes into a
 * trie of folded words. `find(text)` then walks the text once: words that start with a lower-case
 * letter are skipped (no name starts lower case; a regular expression jumps over them), a
 * capitalized word is looked up in the trie by its code units and, while the trie goes on, the
 * next words are too; the longest name whose case agrees with the text wins and the scan resumes
 * after it. The cost is linear in the text and independent of the size of the knowledge base.
 *
 * Each raw match then passes the rules of news language (precision first; see `find` and the
 * README.md of this folder), and ambiguous names (a country and its capital, two cities) are
 * resolved by context or offered with alternatives. Facts of the text are computed only when a
 * rule needs them; facts of a name (its readings per options) once and kept across calls; the
 * scan allocates nothing per word. Single-threaded: one call at a time per finder (it reuses
 * buffers). Pure; never throws.
 */
import type { Entity } from '../kb/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { CLASS_TABLE, charClass, UNKNOWN, DIGIT, foldToken, isApostropheCode, isHyphenCode, isSpaceCode, LOWER, Shape, shapeOf, UPPER, WIDE, WORD } from './chars';
import { demonymsOf, NameForm, nameForms, Rank } from './names';
import { ownCopy } from '../lru';

export interface MentionReading {
  type: string;
  id: string;
}

export interface Mention {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  type: string;
  id: string;
  /** Other readings of an ambiguous name, most likely first (absent when context settled it). */
  alternatives?: MentionReading[];
  /** 0..1; see `find` for the scale. */
  confidence: number;
}

export interface FindOptions {
  /** Entity types to report (default: all). */
  types?: readonly string[];
  /** Also report the mentions inside a longer one ("Benelux" and "Kazakhstan" inside "Benelux Chamber of Commerce in Kazakhstan"). */
  nested?: boolean;
  /** Language of the text (default `en`): its names and acronyms count as native (see `find`). */
  language?: string;
  /** Places smaller than this (and not a capital or seat of government) are not reported (default 100 000). */
  minPlacePopulation?: number;
}

export const DEFAULT_MIN_PLACE_POPULATION = 100_000;

/** Numbers the contexts, which keep per-text facts on the trie nodes (TrieNode.gen, contGen). */
let generation = 0;

const EMPTY_SET: ReadonlySet<string> = new Set<string>();

class TrieNode {
  /** Children by folded word (every child; ASCII words are also in the finder's ChildTable). */
  next: Map<string, TrieNode> | undefined;
  forms: NameForm[] | undefined;
  /** First letters of the next words: bit 0-25 for a-z, bit 26 for `&` / `and`, bit 27 for anything else. */
  firstLetters = 0;
  /** The accepted subsets of `forms` met so far, by bit mask (forms.length <= 30). */
  accepted: Map<number, Accepted> | undefined;
  /** The subset met last (most names always match the same one). */
  lastAccepted: Accepted | undefined;
  /** Scratch of Context number `gen`: the first raw of this name in its scan (see Context.indexTop). */
  gen = 0;
  head = -1;
  /** The text of the last mention of this name in the current call (most mentions of a name are written alike: one string for them). */
  lastText = '';
  /** Scratch of Context number `contGen`: the continuations of this name in its text. */
  contGen = 0;
  conts: ReadonlySet<string> = EMPTY_SET;
  constructor(readonly id: number) {}
}

/** A subset of a node's forms whose case agrees with the text, shared by every match of it. */
class Accepted {
  readonly trailingDot: boolean;
  /** The entity id of the first country among the forms (for "<place>, <country>"). */
  readonly countryId: string | undefined;
  /** Some form names a country or a place. */
  readonly countryOrPlace: boolean;
  /** Readings of this subset for the options key `readingsKey` (a one-entry cache), and facts of the first one. */
  readingsKey = -1;
  readings: Reading[] = [];
  topType = '';
  topCapital = false;
  topBig = false;
  constructor(readonly forms: NameForm[], readonly mask: number) {
    this.trailingDot = forms.some((f) => f.trailingDot);
    this.countryId = forms.find((f) => f.entity.type === 'country')?.entity.id;
    this.countryOrPlace = forms.some((f) => f.entity.type === 'country' || f.entity.type === 'place');
  }
}

/**
 * The children of every trie node under ASCII keys, in one open-addressing table keyed by (parent
 * id, folded word): the scan looks a word up by its code units, without slicing or folding it.
 */
class ChildTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly parents: Int32Array;
  private readonly keys: string[] = [];
  private readonly children: TrieNode[] = [];

  constructor(root: TrieNode) {
    const entries: Array<[TrieNode, string, TrieNode]> = [];
    const stack = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (!node.next) continue;
      for (const [k, child] of node.next) {
        if (isAsciiWord(k)) entries.push([node, k, child]);
        stack.push(child);
      }
    }
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(entries.length);
    this.parents = new Int32Array(entries.length);
    for (const [parent, k, child] of entries) {
      let h = 0;
      for (let i = 0; i < k.length; i++) h = (Math.imul(h, 31) + k.charCodeAt(i)) | 0;
      const j = this.keys.length;
      this.hashes[j] = h;
      this.parents[j] = parent.id;
      this.keys.push(k);
      this.children.push(child);
      let slot = mix(h, parent.id) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = j + 1;
    }
  }

  /** The child of `parent` under the ASCII word text[s, e), whose folded hash is h (see `asciiHash`). */
  get(parent: number, text: string, s: number, e: number, h: number): TrieNode | undefined {
    const mask = this.mask;
    let slot = mix(h, parent) & mask;
    for (;;) {
      const x = this.slots[slot];
      if (x === 0) return undefined;
      const j = x - 1;
      if (this.hashes[j] === h && this.parents[j] === parent) {
        const key = this.keys[j];
        const len = e - s;
        if (key.length === len) {
          // (the word has ASCII letters and digits only: c | 32 is its lower case)
          let i = 0;
          while (i < len && key.charCodeAt(i) === (text.charCodeAt(s + i) | 32)) i++;
          if (i === len) return this.children[j];
        }
      }
      slot = (slot + 1) & mask;
    }
  }
}

function isAsciiWord(k: string): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) >= 128) return false;
  return k.length > 0;
}

function mix(h: number, parent: number): number {
  let x = h ^ Math.imul(parent + 1, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  return x ^ (x >>> 13);
}


function letterBit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 65 && c <= 90) return 1 << (c - 65);
  return 1 << 27;
}

/**
 * The names found by one scan, before the context rules, as parallel arrays (no object per
 * name): name i spans start[i]..end[i], and so on. Reused from one scan to the next.
 */
class Raws {
  length = 0;
  start = new Int32Array(16);
  end = new Int32Array(16);
  /** End of the last word (before a trailing dot). */
  wordEnd = new Int32Array(16);
  tokens = new Int32Array(16);
  firstShape = new Uint8Array(16);
  /** The trie node of the name. */
  readonly node: TrieNode[] = [];
  /** Scratch of Context.indexTop: the next raw of the same name (-1: none). */
  chain = new Int32Array(0);
  /** The forms of the node whose case agrees with the text (shared per node and bit mask; mask -1: not shared). */
  readonly acc: Accepted[] = [];

  push(start: number, end: number, wordEnd: number, tokens: number, firstShape: Shape, node: TrieNode, acc: Accepted): void {
    const n = this.length;
    if (n === this.start.length) this.grow();
    this.start[n] = start;
    this.end[n] = end;
    this.wordEnd[n] = wordEnd;
    this.tokens[n] = tokens;
    this.firstShape[n] = firstShape;
    this.node[n] = node;
    this.acc[n] = acc;
    this.length = n + 1;
  }

  get capacity(): number {
    return this.start.length;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.start = grown(this.start, new Int32Array(size));
    this.end = grown(this.end, new Int32Array(size));
    this.wordEnd = grown(this.wordEnd, new Int32Array(size));
    this.tokens = grown(this.tokens, new Int32Array(size));
    this.firstShape = grown(this.firstShape, new Uint8Array(size));
  }
}

interface Reading {
  entity: Entity;
  rank: Rank;
  native: boolean;
  foreignOnly: boolean;
}

const MAX_TOKENS = 64;

/**
 * A set of words looked up by a range of the text, without slicing it: `hasLower` is
 * `set.has(text.slice(s, e).toLowerCase())`, `hasExact` is `set.has(text.slice(s, e))`.
 * ASCII ranges are hashed in place; a range with other code units takes the slow way.
 */
class WordSet {
  private readonly set: Set<string>;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly words: string[] = [];
  private readonly hashes: Int32Array;

  constructor(words: Iterable<string>) {
    this.set = new Set(words);
    let size = 16;
    while (size < this.set.size * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(this.set.size);
    for (const w of this.set) {
      if (!isAsciiWord(w)) continue;
      let h = 0;
      for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
      let slot = mix(h, 0) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[this.words.length] = h;
      this.words.push(w);
      this.slots[slot] = this.words.length;
    }
  }

  hasLower(text: string, s: number, e: number): boolean {
    let h = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.set.has(text.slice(s, e).toLowerCase());
      h = (Math.imul(h, 31) + lowerAscii(c)) | 0;
    }
    return this.find(text, s, e, h, true);
  }

  /** hasLower of a word whose hash readWord computed (`wide`: it has non-ASCII code units). */
  hasHashed(text: string, s: number, e: number, h: number, wide: number): boolean {
    return wide ? this.set.has(text.slice(s, e).toLowerCase()) : this.find(text, s, e, h, true);
  }

  hasExact(text: string, s: number, e: number): boolean {
    let h = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.set.has(text.slice(s, e));
      h = (Math.imul(h, 31) + c) | 0;
    }
    return this.find(text, s, e, h, false);
  }

  private find(text: string, s: number, e: number, h: number, lower: boolean): boolean {
    const len = e - s;
    let slot = mix(h, 0) & this.mask;
    for (;;) {
      const x = this.slots[slot];
      if (x === 0) return false;
      if (this.hashes[x - 1] === h) {
        const w = this.words[x - 1];
        if (w.length === len) {
          let i = 0;
          if (lower) while (i < len && w.charCodeAt(i) === lowerAscii(text.charCodeAt(s + i))) i++;
          else while (i < len && w.charCodeAt(i) === text.charCodeAt(s + i)) i++;
          if (i === len) return true;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Words that head an organization or facility name: a country right before or after one is part of that name. */
const DESIGNATORS = new WordSet(
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
const NAME_HEADS = new WordSet(
  (
    'airlines airline airways inc incorporated ltd limited llc plc corp corporation co holdings ' +
    'railways university college institute academy foundation fc stadium airport'
  ).split(/\s+/),
);

/** Lower-case words that may stand inside a name whose acronym is defined ("Bank of England (BoE)"). */
const ACRONYM_SKIP_WORDS = 'of and for the de du la le des on in'.split(' ');
const ACRONYM_SKIPS = new WordSet(ACRONYM_SKIP_WORDS);
/** The length of the longest word of ACRONYM_SKIPS. */
const ACRONYM_SKIP_MAX = Math.max(...ACRONYM_SKIP_WORDS.map((w) => w.length));

/** Capitalized words that may stand right before a place name without being part of it. */
const NOT_NAME_PARTS = new WordSet(
  (
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(/\s+/),
);

/** Words before "of" that make the name a country (`the Prime Minister of Luxembourg`). */
const COUNTRY_HEADS = new WordSet(
  (
    'government president minister ministry embassy ambassador ambassadors king queen duke duchess grand republic ' +
    'kingdom people citizens citizen parliament constitution state head leader leaders nation presidency ' +
    'chancellor premier emir sultan prince monarch consul consulate envoy delegation foreign'
  ).split(/\s+/),
);

/** Words before "of" that make the name a city (`the mayor of Luxembourg`). */
const CITY_HEADS = new WordSet('city mayor streets centre center downtown suburbs outskirts municipality town'.split(' '));

/** Prepositions of place: a one-word city after one of them is a place. */
const LOCATIVES = new WordSet(
  'in at near from to outside around into across via throughout within toward towards inside through between and'.split(' '),
);

/**
 * The code units that can start a name word, for the scan to jump to: ASCII capitals, anything
 * not ASCII, and digits when some name starts with one.
 */
const NAME_STARTS = /[A-Z\u0080-\uffff]/g;
const NAME_STARTS_WITH_DIGITS = /[A-Z0-9\u0080-\uffff]/g;

/** Two-letter words that an all-caps line may spell: never an acronym there. */
const CAPS_WORDS = new Set('AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF ON OR SO TO UP US WE'.split(' ').map((w) => w.charCodeAt(0) * 65536 + w.charCodeAt(1)));

/** The two code units c0 c1 spell a word of CAPS_WORDS. */
function isCapsWord(c0: number, c1: number): boolean {
  return CAPS_WORDS.has(c0 * 65536 + c1);
}

const AIR = new WordSet(['air']);

// Verdicts of the one-word city rules.
const DROP = 0;
const WEAK = 1;
const KEEP = 2;
const CITY = new WordSet(['city']);
const OF = new WordSet(['of']);

const TYPE_ORDER: Record<string, number> = { country: 0, org: 1, place: 2, person: 3 };

/**
 * Finds knowledge-base names in text. One instance per KnowledgeBase (`MentionFinder.for`).
 */
export class MentionFinder {
  private static cache = new WeakMap<KnowledgeBase, MentionFinder>();

  /** The finder of this knowledge base, built on first use. */
  static for(kb: KnowledgeBase): MentionFinder {
    let f = MentionFinder.cache.get(kb);
    if (!f) {
      f = new MentionFinder(kb);
      MentionFinder.cache.set(kb, f);
    }
    return f;
  }

  private nodes = 0;
  private readonly root = new TrieNode(this.nodes++);
  private readonly table: ChildTable;
  /** Options keys (language, minimum population) met so far, numbered for the readings caches. */
  private readonly optionKeys = new OptionKeys();
  /** Some name starts with a digit ("3M"): digit words must be looked up. */
  private digitStarts = false;
  /** Bit set of (first letter, second letter, length) of the first words of ASCII names: most words need no lookup. */
  private readonly firstWords = new Uint8Array(8192);
  /** Number of name forms in the trie. */
  readonly size: number;
  /** Milliseconds spent building. */
  readonly buildMs: number;

  constructor(kb: KnowledgeBase) {
    const t0 = Date.now();
    let size = 0;
    try {
      const entities = kb.all();
      const forms = nameForms(entities, demonymsOf(entities));
      for (const f of forms) {
        if (f.keys.length > MAX_TOKENS) continue;
        let node = this.root;
        for (const k of f.keys) {
          if (!node.next) node.next = new Map();
          node.firstLetters |= letterBit(k.charCodeAt(0));
          let child = node.next.get(k);
          if (!child) {
            child = new TrieNode(this.nodes++);
            node.next.set(k, child);
          }
          node = child;
        }
        (node.forms ??= []).push(f);
        size++;
        const k0 = f.keys[0];
        const c = k0.charCodeAt(0);
        if (c >= 48 && c <= 57) this.digitStarts = true;
        if (c < 128) {
          const h = firstWordHash(c, k0.length > 1 ? k0.charCodeAt(1) : 0, k0.length);
          this.firstWords[h >> 3] |= 1 << (h & 7);
        }
      }
    } catch {
      // never throw: an unusable entity is skipped, a broken knowledge base gives an empty finder
    }
    this.table = new ChildTable(this.root);
    this.size = size;
    this.buildMs = Date.now() - t0;
  }

  /**
   * The mentions of knowledge-base entities in `text`, sorted by start (an outer mention before
   * the mentions nested in it). Offsets are UTF-16 offsets into `text`.
   *
   * Rules (precision first):
   * - Longest match wins: "Parliamentary Assembly of the Council of Europe" (PACE), not "Europe";
   *   an organization or place name covering a country name hides it.
   * - Words are matched whole (a name never starts or ends inside a word); "Kazakhstan's" gives
   *   "Kazakhstan". Inside a URL or an e-mail address nothing is matched.
   * - Hyphens: a hyphen joined to a lower-case word leaves the name a mention ("Singapore-based",
   *   "US-led", "pro-EU"); a hyphenated compound of two capitalized words ("Kazakh-Luxembourg",
   *   "US-China") keeps a country or an organization at confidence 0.7 and drops a city
   *   ("Winston-Salem" is not Salem).
   * - Case: a name matches only when the text writes it as a name: each capitalized word of the
   *   name must be capitalized (or all caps) in the text; lower-case words ("of", "the") may be
   *   either. Short all-caps forms (acronyms: "US", "U.S.", "OSCE PA") match only in capitals
   *   ("us" is a pronoun); in an all-caps line, two-letter acronyms that spell an English word
   *   ("US", "IT", "IN", "BE") are not matched. A mention never starts with a lower-case word.
   * - Demonyms ("Kazakh", "Luxembourgish", "American") are not country names.
   * - Part of a longer unknown name (not reported): a country or city right after a capitalized
   *   word ("Air Canada", "Northern Ireland", "General Motors Canada"); a country or city before
   *   capitalized words that end in an organization word ("Singapore Airlines", "China Eastern
   *   Airlines", and "China Eastern" later in the same text); a city before any capitalized word
   *   ("Mary Barra", "Washington Mutual", "London Heathrow"). A country before a title or an
   *   institution stays a mention ("US President", "United States Senate"). Sentence starts,
   *   months and days before the name, and title-case or all-caps lines are exempt. A currency
   *   code is no country ("US$40", "AU$52").
   * - Cities: only capitals, seats of government and places of at least `minPlacePopulation`
   *   (100 000) are reported. A one-word city that is neither a million-people city nor a capital
   *   of 100 000 must have a place word in sight: a preposition of place before it ("in", "near",
   *   "to", ...), a country or city after a comma ("Everett, Washington"), a place list ("the
   *   Atlanta and St. Louis plants"), "-based" and the like, or a dateline; else it is more often
   *   a person or a company ("said Henderson", "rivals Toyota"). A one-word city where case
   *   proves nothing (sentence start, headline) also needs the same name capitalized mid-sentence
   *   elsewhere in the text, or a country after it, and is dropped when the text uses the word in
   *   lower case ("Reading the report ..." with "reading" elsewhere).
   * - Names of other languages than `language` in the Latin script do not compete with native
   *   names ("Granada" is the Spanish name of Grenada and a city in Spain: the city); their
   *   acronyms are not matched at all ("UE", "PE"). Other scripts (Cyrillic) always match.
   * - Ambiguity (Luxembourg the country and the city, Congo, two cities of one name): the
   *   country is preferred over a city of the same name; "City" after the name, "city of" or
   *   "mayor of" before it, or a dateline at the start of a line make it the city; a country
   *   list ("Kazakhstan and Luxembourg") or a state word ("the Prime Minister of Luxembourg")
   *   settles the country; "<city>, <country>" picks the city of that country. What context
   *   does not settle is offered in `alternatives`.
   *
   * Confidence: 0.95 for a multi-word name, 0.9 for a one-word name, 0.6 when alternatives are
   * offered, at most 0.7 in a hyphenated compound or for a city supported only by the rest of
   * the text; 0.1 less for a foreign-language name and 0.05 less for a former name.
   */
  find(text: string, options?: FindOptions): Mention[] {
    try {
      if (typeof text !== 'string' || text.length === 0 || !this.root.next) return [];
      const ctx = new Context(text, options, this.optionKeys, this.texts);
      const out = this.findIn(ctx, 0, text.length, false, 0);
      // a very long text leaves big buffers: let them go
      if (this.pool[0] && this.pool[0].capacity > 1 << 16) this.pool[0] = undefined;
      return out;
    } catch {
      return [];
    } finally {
      // the texts of this call's mentions may be slices of `text`: keep no reference to it
      for (const node of this.texts) node.lastText = '';
      this.texts.length = 0;
    }
  }

  /** The trie nodes whose lastText this call set. */
  private readonly texts: TrieNode[] = [];

  /** Raws buffers by depth of findIn (a nested findIn scans while its caller still reads its raws). */
  private readonly pool: Array<Raws | undefined> = [];

  private findIn(ctx: Context, from: number, to: number, inner: boolean, depth: number): Mention[] {
    const raws = (this.pool[depth] ??= new Raws());
    raws.length = 0;
    // inside a longer name, its own span is not a mention of its own
    this.scan(ctx.text, from, to, inner, raws);
    if (!inner) ctx.topRaws = raws;
    const out: Mention[] = [];
    for (let i = 0; i < raws.length; i++) {
      const m = ctx.resolve(raws, i, inner);
      if (m) {
        out.push(m);
        if (ctx.nested && raws.tokens[i] > 1) {
          // the names inside, except a shorter name of the same entity ("Bettel" in "Xavier Bettel")
          for (const x of this.findIn(ctx, m.start, m.end, true, depth + 1)) if (x.type !== m.type || x.id !== m.id) out.push(x);
        }
      } else if (ctx.droppedByType && raws.tokens[i] > 1) {
        // a longer name of a type not asked for: the wanted names inside it
        out.push(...this.findIn(ctx, raws.start[i], raws.end[i], true, depth + 1));
      }
    }
    return out;
  }

  // Reused buffers of the scan (single-threaded).
  private readonly tStart = new Int32Array(MAX_TOKENS);
  private readonly tEnd = new Int32Array(MAX_TOKENS);
  private readonly tShape = new Uint8Array(MAX_TOKENS);

  /**
   * Folded keys of non-ASCII words (foldToken normalizes: worth remembering), at most 4,096 words
   * of at most 64 characters (a longer word, such as a run of CJK text, costs as much to look up
   * as to fold), each an own copy: a word cut from a paragraph would keep the paragraph alive.
   */
  private readonly folds = new Map<string, string>();

  private foldWide(word: string): string {
    if (word.length > 64) return foldToken(word, true);
    let f = this.folds.get(word);
    if (f === undefined) {
      if (this.folds.size >= 4096) this.folds.clear();
      f = ownCopy(foldToken(word, true));
      this.folds.set(ownCopy(word), f);
    }
    return f;
  }

  /** The single pass: raw longest matches whose case agrees with a name form. */
  private scan(text: string, from: number, to: number, inner: boolean, out: Raws): void {
    const rootNext = this.root.next!;
    const digitStarts = this.digitStarts;
    const firstWords = this.firstWords;
    const table = this.table;
    const T = CLASS_TABLE;
    const starts = digitStarts ? NAME_STARTS_WITH_DIGITS : NAME_STARTS;
    let i = from;
    while (i < to) {
      // Jump to the next code unit that can start a name: what lies before it is lower-case ASCII
      // letters (and digits when no name starts with one) and ASCII punctuation, i.e. words that
      // start in lower case and separators, which the scan skips. (The regular expression reads
      // faster than a charCodeAt loop.)
      starts.lastIndex = i;
      if (!starts.test(text)) break;
      i = starts.lastIndex - 1;
      if (i >= to) break;
      let c = text.charCodeAt(i);
      let k = T[c];
      if (k & UNKNOWN) k = charClass(c);
      if (!(k & WORD)) {
        i++;
        continue;
      }
      if (i > from && isWordAt(text, i - 1)) {
        // inside a word that starts with a skipped character ("eBay", "2022Kazakhstan"): skip the rest of it
        i++;
        while (i < to) {
          c = text.charCodeAt(i);
          if (c >= 97 && c <= 122) {
            i++;
            continue;
          }
          k = T[c];
          if (k & UNKNOWN) k = charClass(c);
          if (!(k & WORD)) break;
          i++;
        }
        // text[i] separates words: skip it too
        i++;
        continue;
      }
      // a word that starts otherwise: read it with its folded hash (ASCII) and its shape (as shapeOf)
      const ws = i;
      const first = k;
      let wide = 0;
      let h = 0;
      let up = 0;
      let low = 0;
      let firstUpper = false;
      for (;;) {
        wide |= k & WIDE;
        h = (Math.imul(h, 31) + (k & UPPER ? c | 32 : c)) | 0;
        if (k & UPPER) {
          if (up === 0 && low === 0) firstUpper = true;
          up++;
        } else if (k & LOWER) low++;
        if (++i >= to) break;
        c = text.charCodeAt(i);
        // (lower-case ASCII letters, most of a name, the short way)
        while (c >= 97 && c <= 122) {
          h = (Math.imul(h, 31) + c) | 0;
          low++;
          if (++i >= to) break;
          c = text.charCodeAt(i);
        }
        if (i >= to) break;
        k = T[c];
        if (k & UNKNOWN) k = charClass(c);
        if (!(k & WORD)) break;
      }
      // from here on text[i] separates words (or i is `to`)
      if (first & LOWER || (first & DIGIT && !digitStarts)) {
        i++;
        continue;
      }
      if (!wide) {
        // the folded first letters of an ASCII word are its letters | 32
        const c0 = text.charCodeAt(ws) | (first & DIGIT ? 0 : 32);
        const c1 = i - ws > 1 ? lowerAscii(text.charCodeAt(ws + 1)) : 0;
        const fh = firstWordHash(c0, c1, i - ws);
        if (!(firstWords[fh >> 3] & (1 << (fh & 7)))) {
          i++;
          continue;
        }
      }
      const node = wide ? rootNext.get(this.foldWide(text.slice(ws, i))) : table.get(0, text, ws, i, h);
      if (!node) {
        i++;
        continue;
      }
      if (this.walk(text, ws, i, shapeFrom(up, low, firstUpper), node, to, inner ? from : -1)) {
        out.push(ws, this.mEnd, this.mWordEnd, this.mTokens, this.mFirstShape, this.mNode!, this.mAcc!);
        i = this.mEnd;
      } else i++;
    }
  }

  // The last match of walk().
  private mEnd = 0;
  private mWordEnd = 0;
  private mTokens = 0;
  private mFirstShape = Shape.Caseless;
  private mNode: TrieNode | undefined;
  private mAcc: Accepted | undefined;

  /** From the first word [ws, we) at `node`: the longest accepted name, in mEnd, mNode ... (false: none). */
  private walk(text: string, ws: number, we: number, shape: Shape, node: TrieNode, to: number, whole: number): boolean {
    const tStart = this.tStart;
    const tEnd = this.tEnd;
    const tShape = this.tShape;
    tStart[0] = ws;
    tEnd[0] = we;
    tShape[0] = shape;
    let n = 1;
    let found = false;
    for (;;) {
      if (node.forms) {
        if (!(ws === whole && tEnd[n - 1] >= to - 1)) {
          if (node.forms.length <= 30) {
            let mask = 0;
            for (let j = 0; j < node.forms.length; j++) {
              const f = node.forms[j];
              if (f.keys.length === n && this.fits(f, text, n)) mask |= 1 << j;
            }
            if (mask !== 0) {
              let acc = node.lastAccepted;
              if (!acc || acc.mask !== mask) {
                const byMask = (node.accepted ??= new Map());
                acc = byMask.get(mask);
                if (!acc) {
                  const forms = node.forms.filter((_, j) => (mask & (1 << j)) !== 0);
                  byMask.set(mask, (acc = new Accepted(forms, mask)));
                }
                node.lastAccepted = acc;
              }
              this.matched(text, to, n, node, acc);
              found = true;
            }
          } else {
            const forms = this.accepted(node.forms, text, n);
            if (forms) {
              this.matched(text, to, n, node, new Accepted(forms, -1));
              found = true;
            }
          }
        }
      }
      if (!node.next || n >= MAX_TOKENS) break;
      // the gap to the next word
      const p = tEnd[n - 1];
      let q = p;
      let spaces = 0;
      let newlines = 0;
      let dots = 0;
      let joins = 0;
      let amp = -1;
      let bad = false;
      while (q < to && q - p <= 8) {
        const c = text.charCodeAt(q);
        const k = CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c];
        if (k & WORD) break;
        if (isSpaceCode(c)) spaces++;
        else if (c === 10) newlines++;
        else if (c === 13) {
          if (text.charCodeAt(q + 1) !== 10) newlines++;
        } else if (c === 46) dots++;
        else if (isHyphenCode(c) || isApostropheCode(c)) joins++;
        else if (c === 38 && amp < 0) amp = q;
        else {
          bad = true;
          break;
        }
        q++;
      }
      if (bad || q >= to || q - p > 8 || newlines > 1) break;
      if (amp >= 0) {
        if (dots + joins > 0) break;
        const child = node.next.get('and');
        if (!child || !child.next || n + 1 >= MAX_TOKENS) break;
        tStart[n] = amp;
        tEnd[n] = amp + 1;
        tShape[n] = Shape.Caseless;
        n++;
        node = child;
      } else if (dots + joins > 1) {
        break;
      } else if (joins === 1) {
        if (spaces + newlines > 0) break;
      } else if (dots === 1) {
        // an abbreviation's dot ("St. Louis", "U.S."): right after a short capitalized word
        const len = tEnd[n - 1] - tStart[n - 1];
        const sh = tShape[n - 1];
        if (text.charCodeAt(p) !== 46 || len > 3 || !(sh === Shape.Title || sh === Shape.Upper || sh === Shape.Initial)) break;
      }
      // no next word of a name starts with this letter: no lookup. (A word that starts with an
      // ASCII character folds to a key that starts with that character in lower case, so this
      // holds whatever follows in the word.)
      const c0 = text.charCodeAt(q);
      if (c0 < 128 && !(node.firstLetters & letterBit(c0))) break;
      // the next word, with its folded hash (ASCII) and its shape
      let r = q;
      let wide = 0;
      let h = 0;
      let up = 0;
      let low = 0;
      let firstUpper = false;
      while (r < to) {
        const c = text.charCodeAt(r);
        if (c >= 97 && c <= 122) {
          h = (Math.imul(h, 31) + c) | 0;
          low++;
          r++;
          continue;
        }
        const k = CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c];
        if (!(k & WORD)) break;
        wide |= k & WIDE;
        h = (Math.imul(h, 31) + (k & UPPER ? c | 32 : c)) | 0;
        if (k & UPPER) {
          if (up === 0 && low === 0) firstUpper = true;
          up++;
        } else if (k & LOWER) low++;
        r++;
      }
      if (r === q) break;
      if (!(node.firstLetters & letterBit(c0)) && !wide) break;
      const child = wide ? node.next!.get(this.foldWide(text.slice(q, r))) : this.table.get(node.id, text, q, r, h);
      if (!child) break;
      tStart[n] = q;
      tEnd[n] = r;
      tShape[n] = shapeFrom(up, low, firstUpper);
      n++;
      node = child;
    }
    return found;
  }

  /** Records the n words read so far as the longest match. */
  private matched(text: string, to: number, n: number, node: TrieNode, acc: Accepted): void {
    let end = this.tEnd[n - 1];
    if (text.charCodeAt(end) === 46 && end < to && acc.trailingDot) end++;
    this.mEnd = end;
    this.mWordEnd = this.tEnd[n - 1];
    this.mTokens = n;
    this.mFirstShape = this.tShape[0];
    this.mNode = node;
    this.mAcc = acc;
  }

  /** The forms of a node whose case agrees with the n words of the text, or undefined. */
  private accepted(forms: NameForm[], text: string, n: number): NameForm[] | undefined {
    let out: NameForm[] | undefined;
    for (const f of forms) {
      if (f.keys.length !== n) continue;
      if (this.fits(f, text, n)) (out ??= []).push(f);
    }
    return out;
  }

  private fits(f: NameForm, text: string, n: number): boolean {
    for (let t = 0; t < n; t++) {
      const ts = this.tShape[t];
      if (f.acronym) {
        if (ts !== Shape.Upper && ts !== Shape.Initial && ts !== Shape.Caseless) return false;
        continue;
      }
      switch (f.shapes[t]) {
        case Shape.Lower:
        case Shape.Caseless:
          break;
        case Shape.Title:
          if (ts !== Shape.Title && ts !== Shape.Upper && ts !== Shape.Initial) return false;
          break;
        case Shape.Initial:
        case Shape.Upper:
          if (ts !== Shape.Upper && ts !== Shape.Initial) return false;
          break;
        case Shape.Mixed:
          if (ts !== Shape.Upper && text.slice(this.tStart[t], this.tEnd[t]) !== f.words[t]) return false;
          break;
      }
    }
    return true;
  }
}

/** Numbers for the (language, minimum population) pairs that readings depend on; a number is never reused. */
class OptionKeys {
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
class Context {
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

function firstWordHash(c0: number, c1: number, len: number): number {
  return ((c0 * 131 + c1) * 32 + (len > 31 ? 31 : len)) & 0xffff;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * The shape of a word from its counts of upper- and lower-case letters, as shapeOf gives it;
 * `firstUpper`: the first cased letter is upper case.
 */
function shapeFrom(up: number, low: number, firstUpper: boolean): Shape {
  if (up === 0 && low === 0) return Shape.Caseless;
  if (up === 0) return Shape.Lower;
  if (low === 0) return up >= 2 ? Shape.Upper : Shape.Initial;
  if (firstUpper && up === 1) return Shape.Title;
  return Shape.Mixed;
}

const LINE_TITLE = 1;
const LINE_UPPER = 2;

/** A headline in Title Case, or a line in capitals. */
function classifyLine(text: string, s: number, e: number): number {
  let long = 0;
  let longCap = 0;
  let cased = 0;
  let upper = 0;
  const T = CLASS_TABLE;
  let i = s;
  while (i < e) {
    let c = text.charCodeAt(i);
    let k = T[c];
    if (k & UNKNOWN) k = charClass(c);
    if (!(k & WORD)) {
      i++;
      continue;
    }
    // a word: its shape as shapeOf gives it
    const ws = i;
    let up = 0;
    let low = 0;
    let firstUpper = false;
    let firstCased = true;
    for (;;) {
      if (k & UPPER) {
        if (firstCased) firstUpper = true;
        firstCased = false;
        up++;
      } else if (k & LOWER) {
        firstCased = false;
        low++;
      }
      if (++i >= e) break;
      c = text.charCodeAt(i);
      // (lower-case ASCII letters the short way)
      while (c >= 97 && c <= 122) {
        firstCased = false;
        low++;
        if (++i >= e) break;
        c = text.charCodeAt(i);
      }
      if (i >= e) break;
      k = T[c];
      if (k & UNKNOWN) k = charClass(c);
      if (!(k & WORD)) break;
    }
    if (up === 0 && low === 0) continue; // Caseless
    const sh = up === 0 ? Shape.Lower : low === 0 ? (up >= 2 ? Shape.Upper : Shape.Initial) : firstUpper && up === 1 ? Shape.Title : Shape.Mixed;
    if (sh !== Shape.Initial) cased++;
    if (sh === Shape.Upper) upper++;
    if (i - ws >= 4) {
      long++;
      if (sh !== Shape.Lower) longCap++;
    }
    // Neither kind can be reached any more: the rest of the line holds at most (e - i) / 3 words
    // in capitals (a separator and two letters each) and (e - i) / 5 long words, and even all of
    // them would not bring the ratios to 3/4. (Most lines of prose end here, half read.)
    if (3 * cased - 4 * upper > Math.floor((e - i) / 3) && 3 * long - 4 * longCap > Math.floor((e - i) / 5)) return 0;
  }
  let kind = 0;
  if (cased >= 2 && upper / cased >= 0.75) kind |= LINE_UPPER;
  else if (long >= 3 && longCap / long >= 0.75) kind |= LINE_TITLE;
  return kind;
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function compareReadings(a: Reading, b: Reading): number {
  return a.rank - b.rank || (TYPE_ORDER[a.entity.type] ?? 4) - (TYPE_ORDER[b.entity.type] ?? 4) || importance(b.entity) - importance(a.entity) || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0);
}

function importance(e: Entity): number {
  const f = e.facts || {};
  if (e.type === 'place') return (f.capital ? 1e10 : 0) + (typeof f.population === 'number' ? f.population : 0);
  if (e.type === 'country') return f.unMember ? 2 : f.independent ? 1 : 0;
  if (e.type === 'org') return (Array.isArray(f.members) ? f.members.length : 0) + (f.dissolved ? -1000 : 0);
  return 0;
}

/** A million people, or a capital of at least 100 000: rarely anything but the city. */
function isBigPlace(e: Entity): boolean {
  const f = e.facts || {};
  const pop = typeof f.population === 'number' ? f.population : 0;
  return pop >= 1_000_000 || (!!(f.capital || f.seatOfGovernment) && pop >= 100_000) || (e.source?.kind !== 'builtin' && typeof f.population !== 'number');
}

/** The words of the last capitalChain. */
const chainStart = new Int32Array(4);
const chainEnd = new Int32Array(4);

/**
 * Up to four capitalized words after pos, separated by single spaces: their number; the words
 * are chainStart[k], chainEnd[k] (overwritten by the next call).
 */
function capitalChain(text: string, pos: number): number {
  let n = 0;
  let q = pos;
  while (n < 4 && q < text.length && isWordAt(text, q)) {
    const e = wordAfter(text, q);
    const sh = shapeOf(text, q, e);
    if (sh === Shape.Lower || sh === Shape.Caseless) break;
    chainStart[n] = q;
    chainEnd[n] = e;
    n++;
    if (text.charCodeAt(e) !== 32) break;
    q = e + 1;
  }
  return n;
}

/**
 * The name at [start, end) and the capitalized words after it are followed by an acronym in
 * brackets that spells their initials: "United States Air Force (USAF)", "Kazakhstan Railways
 * Company (KTZ)" does not spell and stays undecided here. At least one word follows the name.
 */
function definesAcronym(text: string, start: number, end: number): boolean {
  return bracketMayFollow(text, end) && spellsAcronym(text, start, end);
}

/**
 * A necessary condition of spellsAcronym, cheap to test: the first character after `end` that
 * is neither a word character nor a space is an opening bracket (spellsAcronym stops at the
 * first other character, or at its limit, and needs a bracket where it stops), and no word
 * before it starts in lower case with more letters than a word of ACRONYM_SKIPS (spellsAcronym
 * takes only those, and capitalized words).
 */
function bracketMayFollow(text: string, end: number): boolean {
  const limit = end + 120;
  const n = text.length;
  let q = end;
  while (q < n) {
    let c = text.charCodeAt(q);
    if (c === 40) return true;
    if (c === 32) {
      if (q >= limit) return false;
      q++;
      continue;
    }
    // a word (anything else stops here)
    const ws = q;
    const lowerStart = c >= 97 && c <= 122;
    while (q < n) {
      c = text.charCodeAt(q);
      if (c >= 97 && c <= 122) {
        q++;
        continue;
      }
      const k = CLASS_TABLE[c];
      if (!((k & UNKNOWN ? charClass(c) : k) & WORD)) break;
      q++;
    }
    if (q === ws) return false;
    // a word that starts in lower case and is longer than any word of ACRONYM_SKIPS is neither
    // a skipped word nor a capitalized one
    if (lowerStart && q - ws > ACRONYM_SKIP_MAX) return false;
  }
  return false;
}

function spellsAcronym(text: string, start: number, end: number): boolean {
  const limit = Math.min(text.length, end + 120);
  let q = end;
  let initials = '';
  // the initials of the name itself
  for (let i = start; i < end; i++) {
    if (isWordAt(text, i) && (i === start || !isWordAt(text, i - 1))) {
      const c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) initials += text[i];
      else if (!(c >= 97 && c <= 122)) return false;
    }
  }
  if (text.charCodeAt(end) === 46) return false; // "U.S." writes its own initials
  let after = 0;
  while (q < limit) {
    const c = text.charCodeAt(q);
    if (c === 32) {
      q++;
      continue;
    }
    if (c === 40) break;
    if (!isWordAt(text, q)) return false;
    const e = wordAfter(text, q);
    const sh = shapeOf(text, q, e);
    if (sh === Shape.Lower) {
      if (!ACRONYM_SKIPS.hasExact(text, q, e)) return false;
    } else if (sh === Shape.Title || sh === Shape.Upper) {
      initials += text[q].toUpperCase();
      after++;
    } else return false;
    q = e;
  }
  if (after === 0 || text.charCodeAt(q) !== 40) return false;
  const close = text.indexOf(')', q);
  if (close < 0 || close - q > 12) return false;
  const acronym = text.slice(q + 1, close).replace(/[.\s]/g, '');
  return acronym.length >= 2 && acronym.toUpperCase() === initials;
}

function isCapital(e: Entity): boolean {
  return !!(e.facts?.capital || e.facts?.seatOfGovernment);
}

function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return ((CLASS_TABLE[c] & UNKNOWN ? charClass(c) : CLASS_TABLE[c]) & WORD) !== 0;
}

function isSpaceOrBreak(c: number): boolean {
  return isSpaceCode(c) || c === 10 || c === 13;
}

/** Start of the word ending at `end`. */
function wordBefore(text: string, end: number): number {
  let s = end;
  while (s > 0 && isWordAt(text, s - 1)) s--;
  return s;
}

/** End of the word starting at `start`. */
function wordAfter(text: string, start: number): number {
  let e = start;
  while (e < text.length && isWordAt(text, e)) e++;
  return e;
}

/** What readWord found: the shape, the folded hash (ASCII words) and whether the word has non-ASCII code units. */
const WORD_INFO = new Int32Array(3);

/**
 * Reads the word that starts at s in one pass: returns its end; WORD_INFO holds its shape (as
 * shapeOf), the hash of its lower-cased code units (as WordSet and ChildTable hash; meaningful
 * for ASCII words only) and 1 when it has non-ASCII code units.
 */
function readWord(text: string, s: number): number {
  const n = text.length;
  let i = s;
  let h = 0;
  let up = 0;
  let low = 0;
  let wide = 0;
  let firstUpper = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      h = (Math.imul(h, 31) + c) | 0;
      low++;
      i++;
      continue;
    }
    let k = CLASS_TABLE[c];
    if (k & UNKNOWN) k = charClass(c);
    if (!(k & WORD)) break;
    wide |= k & WIDE;
    h = (Math.imul(h, 31) + (k & UPPER ? c | 32 : c)) | 0;
    if (k & UPPER) {
      if (up === 0 && low === 0) firstUpper = true;
      up++;
    } else if (k & LOWER) low++;
    i++;
  }
  WORD_INFO[0] = shapeFrom(up, low, firstUpper);
  WORD_INFO[1] = h;
  WORD_INFO[2] = wide ? 1 : 0;
  return i;
}

/** readWord for the word that ends at `end`, read backwards: returns its start. */
function readWordBefore(text: string, end: number): number {
  let i = end;
  // the hash of readWord, sum of c * 31^(distance to the end), accumulated from the end
  let h = 0;
  let pow = 1;
  let up = 0;
  let low = 0;
  let wide = 0;
  // the cased letter seen last, i.e. the first one of the word, is upper case
  let firstUpper = false;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c >= 97 && c <= 122) {
      h = (h + Math.imul(c, pow)) | 0;
      pow = Math.imul(pow, 31);
      low++;
      firstUpper = false;
      i--;
      continue;
    }
    let k = CLASS_TABLE[c];
    if (k & UNKNOWN) k = charClass(c);
    if (!(k & WORD)) break;
    wide |= k & WIDE;
    h = (h + Math.imul(k & UPPER ? c | 32 : c, pow)) | 0;
    pow = Math.imul(pow, 31);
    if (k & UPPER) {
      up++;
      firstUpper = true;
    } else if (k & LOWER) {
      low++;
      firstUpper = false;
    }
    i--;
  }
  WORD_INFO[0] = shapeFrom(up, low, firstUpper);
  WORD_INFO[1] = h;
  WORD_INFO[2] = wide ? 1 : 0;
  return i;
}

/** End of the word before pos on the same line, skipping spaces (and nothing else); -1 when there is none. */
function prevWordEnd(text: string, pos: number): number {
  let q = pos;
  while (q > 0 && isSpaceCode(text.charCodeAt(q - 1))) q--;
  if (q === pos || q === 0 || !isWordAt(text, q - 1)) return -1;
  return q;
}

/** Start of the word after pos on the same line, skipping spaces (and nothing else); -1 when there is none. */
function nextWordStart(text: string, pos: number): number {
  let q = pos;
  while (q < text.length && isSpaceCode(text.charCodeAt(q))) q++;
  if (q === pos || q >= text.length || !isWordAt(text, q)) return -1;
  return q;
}

/** White space as `\s` of a regular expression matches it. */
function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** text[from, to) is a comma and at most two white-space characters (`/^,\s{0,2}$/`). */
function commaSpaces(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3 || text.charCodeAt(from) !== 44) return false;
  for (let q = from + 1; q < to; q++) if (!isJsSpace(text.charCodeAt(q))) return false;
  return true;
}

/**
 * The three characters after `end` start as a dateline does: `/^(?:\s*[,(]|\s+[-–—])/`, or with
 * `dot` `/^(?:\s*[,.(]|\s+[-–—])/`.
 */
function datelineAfter(text: string, end: number, dot: boolean): boolean {
  const limit = Math.min(text.length, end + 3);
  let q = end;
  while (q < limit && isJsSpace(text.charCodeAt(q))) q++;
  if (q >= limit) return false;
  const c = text.charCodeAt(q);
  if (c === 44 || c === 40 || (dot && c === 46)) return true;
  return q > end && (c === 45 || c === 0x2013 || c === 0x2014);
}

/** Opening quotes and brackets: 34, 39, 40, 91, 0x201c, 0x2018, 0xab, 0x201e, 0x2039. */
function isOpener(c: number): boolean {
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e || c === 0x2039;
}

/** Nothing but a sentence boundary, a line break, a dash or the start of the text before pos. */
export function isSentenceInitial(text: string, pos: number): boolean {
  let q = pos;
  while (q > 0) {
    const c = text.charCodeAt(q - 1);
    if (isSpaceCode(c) || isOpener(c)) q--;
    else break;
  }
  if (q === 0) return true;
  const c = text.charCodeAt(q - 1);
  if (c === 10 || c === 13) return true;
  // . ! ? : ; … • | and closing quotes or brackets after them
  if (c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 0x2026 || c === 0x2022 || c === 124) return true;
  if ((c === 34 || c === 0x201d || c === 0x2019 || c === 41 || c === 39) && q > 1) {
    const d = text.charCodeAt(q - 2);
    if (d === 46 || d === 33 || d === 63) return true;
  }
  // a dash between spaces: datelines ("NUR-SULTAN. KAZINFORM - Today"), bullets
  if ((isHyphenCode(c) || c === 0x2013 || c === 0x2014) && (q === 1 || isSpaceOrBreak(text.charCodeAt(q - 2)))) return true;
  return false;
}
