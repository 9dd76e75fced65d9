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
 *
 * Files: this one builds the trie and scans; trie.ts holds the data structures, rules.ts the
 * rules (Context), words.ts their word lists, scan.ts the readers of words and lines.
 */
import type { Mention, FindOptions } from './mention';
import { TrieNode, Accepted, ChildTable, Raws } from './trie';
import * as trieModule from './trie';
import { OptionKeys, Context } from './rules';
import * as scanModule from './scan';
import * as wordsModule from './words';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { CLASS_TABLE, charClass, UNKNOWN, DIGIT, foldToken, isApostropheCode, isHyphenCode, isSpaceCode, LOWER, Shape, UPPER, WIDE, WORD } from './chars';
import { demonymsOf, NameForm, nameForms } from './names';
import { ownCopy } from '../lru';

// The sibling files' helpers as bindings of this module (read as constants in the hot loops, as before finder.ts was split).
const { letterBit } = trieModule;
const { firstWordHash, shapeFrom, isWordAt } = scanModule;
const { lowerAscii } = wordsModule;

export type { Mention, MentionReading, FindOptions } from './mention';
export { DEFAULT_MIN_PLACE_POPULATION } from './mention';
export { isSentenceInitial } from './scan';

const MAX_TOKENS = 64;

/**
 * The code units that can start a name word, for the scan to jump to: ASCII capitals, anything
 * not ASCII, and digits when some name starts with one.
 */
const NAME_STARTS = /[A-Z\u0080-\uffff]/g;
const NAME_STARTS_WITH_DIGITS = /[A-Z0-9\u0080-\uffff]/g;

/**
 * The trie's arrays at their exact lengths, and one string for equal words (issue 12, item 3).
 * An array grown by `push` from [] keeps room for 16 elements (~140 bytes for a name of one
 * word), and a folded word equal to its written form was another copy of it: 31,800 name forms
 * with their keys, shapes and words, and 30,000 nodes' lists of forms: the finder took 40 MB of
 * heap, 23 MB so. A larger heap that lives also makes V8 let the heap grow further between
 * its collections: a long paragraph edited peaked higher. Values and order unchanged.
 */
class Compactor {
  private readonly strings = new Map<string, string>();

  private string(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private words(a: string[]): string[] {
    const out = new Array<string>(a.length);
    for (let i = 0; i < a.length; i++) out[i] = this.string(a[i]);
    return out;
  }

  form(f: NameForm): void {
    f.keys = this.words(f.keys);
    f.words = this.words(f.words);
    f.shapes = f.shapes.slice();
  }

  /** Every node's list of forms, at its exact length. */
  forms(root: TrieNode): void {
    const stack = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.forms) node.forms = node.forms.slice();
      if (node.next) for (const child of node.next.values()) stack.push(child);
    }
  }
}

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
      const compact = new Compactor();
      for (const f of forms) {
        if (f.keys.length > MAX_TOKENS) continue;
        compact.form(f);
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
      compact.forms(this.root);
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
