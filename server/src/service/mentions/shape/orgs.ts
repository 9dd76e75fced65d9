/**
 * Organizations by shape and context (issue 13, item 1): names the knowledge base does not
 * hold, recognized by how news and press releases write an organization's name. The
 * recognizer only proposes (candidate.ts); the arbiter resolves overlaps with the other
 * recognizers (the longest span wins; on equal spans a built-in name first). Pure; never
 * throws; one left-to-right pass. The vocabulary is data (orgWords.ts).
 *
 * The text is read as runs of capitalized words joined by single spaces (a "chain"), with the
 * lower-case connectors names use ("of", "for", "and", "the", "de", ...) inside, `&`, dotted
 * abbreviations ("U.S.", "S.A.", "Ltd.") and hyphenated words ("Co-operation") as one word.
 * A chain stops at any other punctuation, at a line break and at a lower-case word. Within a
 * chain, function words that a sentence starts with ("The", "In", "This", ...), honorifics
 * ("Mr", "Dr"), months and days, modifiers joined by a hyphen ("EADS-led", "Singapore-based")
 * and numbers split it; a possessive ends a name ("Turkmenistan's [Ministry of Foreign
 * Affairs]") except in the few names that hold one ("People's Bank of China").
 *
 * Rules, each with its examples (tests: test/unit/shapeOrgs.test.ts):
 *
 * 1. Head word. Capitalized words before an organizational head word, and the head's
 *    complements after it, are one name: "Blue Marine [Foundation]", "Government
 *    Accountability [Office]", "[Ministry] of Foreign Affairs of Turkmenistan", "[Office] for
 *    Democratic Institutions and Human Rights", "Chamber of Commerce and Industry". A
 *    complement opens with of/for/on/de/..., may take "the" ("Council of the Baltic Sea
 *    States") and go on with "and" ("of Trade and Integration", but not "of Health and Ministry
 *    of Finance", two names, nor "of Europe and Luxembourg", a list). "in"/"to" continue only
 *    embassies, chambers, missions and offices that have a name already ("Embassy of Japan in
 *    Kazakhstan"; "the Embassy in Nairobi" is a description). Words that continue a name right
 *    after the head ("International", "Group", a legal form, another head) are part of it ("Thai
 *    Airways International", "Aer Lingus Group PLC"); the last head word of a run of capitalized
 *    words is the name's ("Senate Banking Committee"; "Kazakh Foreign Ministry Spokesman ..."
 *    stops at Ministry). A facility word in the run leaves the name to places ("Andrews Air Force
 *    Base", "Walter Reed Army Medical Center"). Not a name: the head alone ("the Ministry",
 *    "Parliament", "the Senate"); capitalized words with "and" before the head ("Boeing and
 *    Lockheed Martin Corporation" may be two companies) unless an acronym in brackets spells
 *    them all; the few names ending in a head word that are places or former states ("West
 *    Bank", "Soviet Union"). Titles ("Prime Minister", "Secretary of State") have no head word.
 * 2. Legal form. Capitalized words before a legal form are a company: "Dialogue Events Ltd.",
 *    "Chrysler LLC", "Daimler AG", "Samsung Electronics Co., Ltd.". A legal form that is also a
 *    common abbreviation (AG, SA, NV, Co, ...) does not count when a capitalized word follows it
 *    ("Ohio AG Dave Yost"). A legal form takes the words after a head and complements
 *    ("Service Corp. International", "Society Corp. of Cleveland") and never starts a name.
 * 3. Quoted name after a designator: `Agency “Turkmenaragatnashyk”`, `Company “Dialogue Events
 *    Ltd.”`, `JSC “Kazakhtelecom”`, `State Concern “Turkmengaz”`. Decision: the designator (with
 *    the capitalized words before it) and the quotes are part of the span, as these releases
 *    write the official name (the legal form written first, as in Russian АО «...»); the
 *    proposed entity takes its id from the quoted name and has it as an alias. A quoted name has
 *    capitalized words (connectors aside): a quoted sentence after "Co." is speech.
 * 4. Acronym defined in brackets: a name of rules 1–2 followed by "(ACRONYM)" whose letters are
 *    the initials of the name's words (connectors and trailing designators may be skipped:
 *    "General Motors Corporation (GM)", "Bank of England (BoE)"), or, failing that, are found in
 *    order in the name with the first one starting a word (Schwartz and Hearst: "Singapore
 *    Airlines (SIA)"), is that acronym's entity: its id is the acronym as written, and the
 *    acronym is its alias. The acronym in the brackets and its later uses in the same paragraph
 *    are proposed as the same entity (the pipeline's echo step carries it to the rest of the
 *    document); a use before the definition is not. A name whose "and" before the head made it
 *    doubtful is proposed when the acronym spells it all ("European Aeronautic Defence and Space
 *    Company (EADS)").
 * 5. Vetoes (type org): a product named by its maker's name and a model designation is not
 *    the organization: "Airbus A380", "Boeing 787 Dreamliner", "Boeing 737-800", "An American
 *    Airlines 777"; after an article, a known company's name and one capitalized word that is
 *    no name, before a product noun ("the Chevrolet Volt hybrid", "a Ford Focus sedan"; "the
 *    Nestle Foods unit" is a company). The veto covers the maker's name (the
 *    shortest one the knowledge base knows, else the capitalized words before the model), so the
 *    arbiter drops the built-in name inside it. A number followed by a quantity word is no model
 *    ("Boeing 300 jobs"), nor a year, nor a bare number after a word the knowledge base does not
 *    know as an organization ("About 200").
 * 6. Headlines and lines in capitals, where case proves nothing: in a Title Case line (one that
 *    does not end with a full stop) a name of rule 1 or 2 has at most two words before its head
 *    and four words in all (a longer run is more often a headline's words than a name), and a
 *    name right after another one in the same run starts with its head ("Blue Marine Foundation
 *    Launches Ocean Fund" has one name); a line in capitals gives no name.
 * 7. Regional units: a known company's name (knowledge base, a company or an airline) followed by
 *    a country or a region is its unit there ("GM Europe", "EADS North America", "Airbus UK"),
 *    with the company as `facts.parent`.
 *
 * Proposals have `id: ''` and an `entity` the accepting fix adds to the workspace knowledge
 * base: id a lower-case slug of the name (`blue-marine-foundation`, folded as kb/normalize.ts
 * folds names: people.ts `slug`) or the defined acronym as written (`ODIHR`).
 *
 * Confidence: 0.9 with a defined acronym, 0.85 for a legal form, a quoted name, a name of three
 * words or more and the acronym in its defining brackets, 0.8 for a shorter name of rule 1 and
 * for later uses of an acronym, 0.75 for an ambiguous legal form and a regional unit, 0.6 in a
 * Title Case line.
 */
import type { Candidate, NewEntity, Recognizer, RecognizeContext } from '../candidate';
import { WORD, UPPER, LOWER, DIGIT, charClass, Shape, isSpaceCode, isHyphenCode, isApostropheCode } from '../chars';
import { slug } from './people';
import type { KnowledgeBase } from '../../kb/knowledgeBase';
import type { Entity } from '../../kb/types';
import {
  HEAD_WORDS,
  AFTER_HEAD,
  PLACE_HEADS,
  CONNECTORS,
  COMPLEMENT_OPENERS,
  LEGAL_FORMS,
  AMBIGUOUS_LEGAL_FORMS,
  COMMA_LEGAL_FORMS,
  ABBREVIATIONS,
  QUOTE_DESIGNATORS,
  BREAK_WORDS,
  POSSESSIVES_IN_NAMES,
  HYPHEN_MODIFIERS,
  NOT_ORGANIZATIONS,
  QUANTITY_WORDS,
  PRODUCT_DETERMINERS,
  REGIONS,
  COMPANY_KINDS,
  FACILITY_WORDS,
  PRODUCT_NOUNS,
} from './orgWords';
import { LineKinds, LINE_TITLE, LINE_UPPER } from './lines';
import { shortFormOf } from '../shortForms';

// Token kinds.
const K_CAP = 1;
const K_CONN = 2;
const K_AMP = 3;
const K_NUM = 4;
const K_BREAK = 5;
const K_MOD = 6;

// Token flags.
const F_HEAD = 1;
const F_LEGAL = 2;
const F_AFTER = 4;
/** Followed by a possessive 's (not in the token). */
const F_POSS = 8;
const F_UPPER = 16;
const F_QDESIG = 32;
const F_POSS_OK = 64;
const F_TITLE = 128;
const F_DIGITS = 256;
const F_FACILITY = 512;

/** The longest chain read at once (a longer run is read on as the next chain). */
const MAX_TOKENS = 40;
/** How far a closing quote may be from the opening one. */
const MAX_QUOTED = 100;

/** The most words before the head, and in all, of a name in a Title Case line. */
const TITLE_LINE_MAX_PRE = 2;
const TITLE_LINE_MAX_WORDS = 4;

/** A model designation: "A380", "787", "737-800", "KC-30", "A400M", "737s", "A320neo". */
const MODEL = /^(?:[A-Z]{1,3}-?)?\d{2,4}(?:[A-Z]{1,3}|neo)?(?:-\d{1,4}[A-Z]{0,2})?s?$/;

/** Opening quotes and their closing ones. */
const QUOTES: Record<number, number[]> = {
  0x201c: [0x201d, 0x201c], // “ ” (and “ “ as some write)
  0x22: [0x22], // " "
  0xab: [0xbb], // « »
  0x201e: [0x201c, 0x201d], // „ “
};

const STARTS = /[A-Z\u0080-\uffff]/g;

// What a folded word is, in one table (one look-up per word instead of one per list).
const W_HEAD = 1;
const W_AFTER = 2;
const W_QDESIG = 4;
const W_BREAK = 8;
const W_CONN = 16;
const W_ABBREV = 32;
const W_POSS_OK = 64;
const W_FACILITY = 128;
const WORD_BITS = new Map<string, number>();
for (const [list, bit] of [
  [HEAD_WORDS, W_HEAD],
  [AFTER_HEAD, W_AFTER],
  [QUOTE_DESIGNATORS, W_QDESIG],
  [BREAK_WORDS, W_BREAK],
  [CONNECTORS, W_CONN],
  [ABBREVIATIONS, W_ABBREV],
  [POSSESSIVES_IN_NAMES, W_POSS_OK],
  [FACILITY_WORDS, W_FACILITY],
] as Array<[ReadonlySet<string>, number]>) {
  for (const w of list) WORD_BITS.set(w, (WORD_BITS.get(w) ?? 0) | bit);
}
/** The longest connector: a longer lower-case word ends a chain unread. */
const CONNECTOR_MAX = Math.max(...[...CONNECTORS].map((w) => w.length));

// The tokens of the current chain, in arrays reused from one chain to the next.
const tokS = new Int32Array(MAX_TOKENS);
const tokE = new Int32Array(MAX_TOKENS);
const kind = new Uint8Array(MAX_TOKENS);
const flags = new Uint16Array(MAX_TOKENS);
const keys: string[] = new Array<string>(MAX_TOKENS).fill('');
const written: string[] = new Array<string>(MAX_TOKENS).fill('');
/** Tokens of the chain inside a proposal or a veto. */
const covered = new Uint8Array(MAX_TOKENS);


function wordEnd(text: string, p: number): number {
  const n = text.length;
  while (p < n && charClass(text.charCodeAt(p)) & WORD) p++;
  return p;
}

/** The slug id of a name, as people.ts makes it: `Blue Marine Foundation` → `blue-marine-foundation`. */
export function slugOf(name: string): string {
  let v = slugs.get(name);
  if (v === undefined) {
    if (slugs.size >= LOOKUP_MEMO_SIZE) slugs.clear();
    v = slug(name);
    slugs.set(name, v);
  }
  return v;
}

/**
 * The initials of a name of three capitalized words or more, connectors skipped ("Government
 * Accountability Office" → "GAO", "Ministry of Foreign Affairs" → "MFA"), or undefined.
 */
export function initialsOf(name: string): string | undefined {
  let out = '';
  for (const w of name.split(/[\s-]+/)) {
    if (!w || CONNECTORS.has(w.toLowerCase()) || w === '&') continue;
    const c = w.charAt(0);
    if (!/\p{Lu}/u.test(c)) return undefined;
    out += c;
  }
  return out.length >= 3 && out.length <= 8 ? out : undefined;
}

/** Slugs made, remembered (a release repeats its names). */
const slugs = new Map<string, string>();

/** One line, single spaces. */
function oneLine(s: string): string {
  for (let q = 0; q < s.length; q++) {
    const c = s.charCodeAt(q);
    if (c !== 32 && (c < 33 || isSpaceCode(c) || c === 0x2028 || c === 0x2029)) return s.replace(/\s+/g, ' ').trim();
  }
  return s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32 ? s.trim() : s;
}

/** Name look-ups remembered per knowledge base, at most LOOKUP_MEMO_SIZE of them (then forgotten at once). */
const lookups = new WeakMap<KnowledgeBase, Map<string, Entity[]>>();
const LOOKUP_MEMO_SIZE = 20000;

interface Acronym {
  /** Where the definition's closing bracket ends: uses count after it. */
  after: number;
  entity: NewEntity;
}

class Run {
  readonly out: Candidate[] = [];
  /** Upper-case words outside proposals, for the later uses of defined acronyms. */
  readonly uppers: number[] = [];
  readonly acronyms = new Map<string, Acronym>();
  readonly lines: LineKinds;
  /** The token count of the current chain, where it ends, and a quote right after it. */
  n = 0;
  quoteAt = -1;
  /** The chain stopped at a short lower-case word before a capitalized one ("Dar [es] Salaam"). */
  particleAfter = false;

  private readonly memo: Map<string, Entity[]>;

  constructor(
    readonly text: string,
    readonly ctx: RecognizeContext,
  ) {
    this.lines = new LineKinds(text);
    let memo = lookups.get(ctx.kb);
    if (!memo) lookups.set(ctx.kb, (memo = new Map()));
    this.memo = memo;
  }

  /** kb.lookupName, remembered per knowledge base (the same names come back, paragraph after paragraph). */
  private lookup(name: string, options?: { type: string }): Entity[] {
    const key = (options ? options.type : '') + '\u0000' + name;
    let v = this.memo.get(key);
    if (v === undefined) {
      if (this.memo.size >= LOOKUP_MEMO_SIZE) this.memo.clear();
      v = this.ctx.kb.lookupName(name, options);
      this.memo.set(key, v);
    }
    return v;
  }

  scan(): void {
    const t = this.text;
    const len = t.length;
    let pos = 0;
    while (pos < len) {
      STARTS.lastIndex = pos;
      // (test and lastIndex, not exec: no match array per capitalized word)
      if (!STARTS.test(t)) break;
      const i = STARTS.lastIndex - 1;
      const c = t.charCodeAt(i);
      const k = charClass(c);
      if (!(k & WORD)) {
        pos = i + 1;
        continue;
      }
      if (!(k & UPPER) || (i > 0 && charClass(t.charCodeAt(i - 1)) & WORD) || (i > 1 && isHyphenCode(t.charCodeAt(i - 1)) && charClass(t.charCodeAt(i - 2)) & WORD)) {
        // (and a capitalized word joined to the word before it: "anti-Castro" starts no name)
        // a lower-case or caseless word, or a capital inside a word ("eBay"): skip the word
        pos = wordEnd(t, i);
        continue;
      }
      // the common case, read without a chain: a word in Title Case ("The", "Boeing") followed
      // by a space and a lower-case word longer than any connector gives nothing
      const we = wordEnd(t, i);
      if (we - i >= 2 && we + 1 < len && isSpaceCode(t.charCodeAt(we))) {
        const c1 = t.charCodeAt(i + 1);
        const d = t.charCodeAt(we + 1);
        if (c1 >= 97 && c1 <= 122 && d >= 97 && d <= 122 && wordEnd(t, we + 1) - we - 1 > CONNECTOR_MAX) {
          let title = true;
          for (let q = i + 2; q < we && title; q++) if (charClass(t.charCodeAt(q)) & UPPER) title = false;
          if (title) {
            pos = we + 1;
            continue;
          }
        }
      }
      const end = this.readChain(i);
      pos = Math.max(end, this.analyze(), i + 1);
    }
    this.echoAcronyms();
  }

  /** Reads the chain starting at the capitalized word at i; returns where it ends. */
  private readChain(i: number): number {
    const t = this.text;
    const len = t.length;
    let n = 0;
    let p = i;
    let comma = false;
    this.quoteAt = -1;
    this.particleAfter = false;
    for (;;) {
      // one token at p
      const s = p;
      let e = wordEnd(t, p);
      let pieceStart = s;
      let dotted = false;
      let lowerPiece = -1;
      for (;;) {
        if (e + 1 >= len) break;
        const c = t.charCodeAt(e);
        const d = t.charCodeAt(e + 1);
        if (isHyphenCode(c) && charClass(d) & WORD) {
          if (charClass(d) & LOWER) lowerPiece = e + 1;
          pieceStart = e + 1;
          e = wordEnd(t, e + 1);
          continue;
        }
        if (c === 46 && e - pieceStart <= 2 && charClass(d) & (UPPER | LOWER) && (dotted || e - pieceStart === 1)) {
          dotted = true;
          pieceStart = e + 1;
          e = wordEnd(t, e + 1);
          continue;
        }
        break;
      }
      const first = charClass(t.charCodeAt(s));
      let word = t.slice(s, e);
      // one pass over the token: its shape (as shapeOf gives it) and digits
      let up = 0;
      let low = 0;
      let firstUpper = false;
      let firstCased = true;
      let digits = false;
      for (let q = s; q < e; q++) {
        const c = t.charCodeAt(q);
        if (c >= 97 && c <= 122) {
          firstCased = false;
          low++;
          continue;
        }
        const kq = charClass(c);
        if (kq & UPPER) {
          if (firstCased) firstUpper = true;
          firstCased = false;
          up++;
        } else if (kq & LOWER) {
          firstCased = false;
          low++;
        } else if (kq & DIGIT) digits = true;
      }
      const shape = up === 0 ? (low === 0 ? Shape.Caseless : Shape.Lower) : low === 0 ? (up >= 2 ? Shape.Upper : Shape.Initial) : firstUpper && up === 1 ? Shape.Title : Shape.Mixed;
      // lower case is enough to look the word up: the word lists are English, without diacritics
      const key = (dotted ? word.replace(/\./g, '') : word).toLowerCase();
      const bits = WORD_BITS.get(key) ?? 0;
      if (e < len && t.charCodeAt(e) === 46 && (dotted || ((first & UPPER) && e - pieceStart === 1) || bits & W_ABBREV)) {
        e++;
        word += '.';
      }
      let k = 0;
      let f = 0;
      if (first & DIGIT) k = K_NUM;
      else if (shape === Shape.Lower) {
        if (bits & W_CONN) k = K_CONN;
        else if (LEGAL_FORMS.has(word)) {
          k = K_CAP;
          f = F_LEGAL;
        }
      } else if (shape !== Shape.Caseless) {
        if (n > 0 && shape === Shape.Title && key !== 'the' && bits & W_CONN) k = K_CONN;
        else if ((shape === Shape.Title || shape === Shape.Initial) && bits & W_BREAK) k = K_BREAK;
        else if (lowerPiece >= 0 && HYPHEN_MODIFIERS.has(t.slice(lowerPiece, e).toLowerCase())) k = K_MOD;
        else {
          k = K_CAP;
          if ((shape === Shape.Title || shape === Shape.Upper) && bits & W_HEAD) f |= F_HEAD;
          if (LEGAL_FORMS.has(word)) f |= F_LEGAL;
          if (bits & W_AFTER) f |= F_AFTER;
          if (bits & W_QDESIG) f |= F_QDESIG;
          if (bits & W_FACILITY) f |= F_FACILITY;
          if (shape === Shape.Upper) f |= F_UPPER;
          if (shape === Shape.Title) f |= F_TITLE;
        }
        if (digits) f |= F_DIGITS;
      }
      if (k === 0 || (comma && !COMMA_LEGAL_FORMS.has(word))) {
        if (k === 0 && shape === Shape.Lower && e + 1 < len && isSpaceCode(t.charCodeAt(e)) && charClass(t.charCodeAt(e + 1)) & UPPER) this.particleAfter = true;
        break;
      }
      // a possessive 's (or s')
      let q = e;
      if (q + 1 < len && isApostropheCode(t.charCodeAt(q)) && (t.charCodeAt(q + 1) === 115 || t.charCodeAt(q + 1) === 83) && !(q + 2 < len && charClass(t.charCodeAt(q + 2)) & WORD)) {
        f |= F_POSS;
        if (bits & W_POSS_OK) f |= F_POSS_OK;
        q += 2;
      } else if (q < len && isApostropheCode(t.charCodeAt(q)) && key.endsWith('s') && !(q + 1 < len && charClass(t.charCodeAt(q + 1)) & WORD)) {
        f |= F_POSS;
        if (bits & W_POSS_OK) f |= F_POSS_OK;
        q += 1;
      }
      tokS[n] = s;
      tokE[n] = e;
      kind[n] = k;
      flags[n] = f;
      keys[n] = key;
      written[n] = word;
      covered[n] = 0;
      n++;
      comma = false;
      if (n >= MAX_TOKENS) break;
      // the separator
      if (q + 1 >= len) break;
      const c = t.charCodeAt(q);
      const d = t.charCodeAt(q + 1);
      if (isSpaceCode(c)) {
        if (d >= 97 && d <= 122) {
          // a lower-case word: read on only if it may be a connector (or "plc")
          if (wordEnd(t, q + 1) - q - 1 > CONNECTOR_MAX) break;
          p = q + 1;
          continue;
        }
        if (charClass(d) & WORD) {
          p = q + 1;
          continue;
        }
        if (d === 38 && q + 3 < len && isSpaceCode(t.charCodeAt(q + 2)) && charClass(t.charCodeAt(q + 3)) & UPPER && n < MAX_TOKENS - 1) {
          tokS[n] = q + 1;
          tokE[n] = q + 2;
          kind[n] = K_AMP;
          flags[n] = 0;
          keys[n] = '&';
          written[n] = '&';
          covered[n] = 0;
          n++;
          p = q + 3;
          continue;
        }
        if (QUOTES[d] && !(f & F_POSS)) this.quoteAt = q + 1;
        break;
      }
      if (c === 44 && q + 2 < len && isSpaceCode(d) && charClass(t.charCodeAt(q + 2)) & UPPER && !(f & F_POSS)) {
        // ", Inc." / ", Ltd.": read the next token, kept only if it is one of those
        comma = true;
        p = q + 2;
        continue;
      }
      break;
    }
    this.n = n;
    return n > 0 ? tokE[n - 1] : i + 1;
  }

  /** Proposes what the chain holds; returns where the scan goes on (0: at the chain's end). */
  private analyze(): number {
    const n = this.n;
    if (n === 0) return 0;
    if (n === 1 && this.quoteAt < 0) {
      // one word is no name by these rules; it may be a use of a defined acronym
      if (flags[0] & F_UPPER && tokE[0] - tokS[0] <= 10) this.uppers.push(tokS[0], tokE[0]);
      return 0;
    }
    let resume = 0;
    const firstOut = this.out.length;
    this.vetoes();
    // segments between break tokens
    let a = 0;
    while (a < n) {
      let b = a;
      while (b < n && kind[b] !== K_BREAK && kind[b] !== K_MOD && kind[b] !== K_NUM) b++;
      if (b > a) {
        let end = b;
        for (let r0 = a; r0 < b; ) {
          let r1 = r0;
          while (r1 < b && kind[r1] === K_CAP) r1++;
          if (r1 - r0 >= 2) this.unit(r0, r1);
          r0 = r1 + 1;
        }
        if (b === n && this.quoteAt >= 0) {
          const r = this.quoted(a, b);
          if (r > 0) {
            resume = r;
            end = this.qStart;
          }
        }
        this.segment(a, end);
      }
      a = b + 1;
    }
    // my own proposals inside my vetoes go
    if (this.out.length > firstOut) {
      let w = firstOut;
      const out = this.out;
      for (let r = firstOut; r < out.length; r++) {
        const c = out[r];
        let drop = false;
        if (!c.veto) for (let v = firstOut; v < out.length; v++) if (out[v].veto && out[v].start <= c.start && c.end <= out[v].end) drop = true;
        if (!drop) out[w++] = c;
      }
      out.length = w;
    }
    for (let x = 0; x < n; x++) if (!covered[x] && flags[x] & F_UPPER && tokE[x] - tokS[x] <= 10) this.uppers.push(tokS[x], tokE[x]);
    return resume;
  }

  /** Rule 5: products named by their maker and a model. */
  private vetoes(): void {
    const n = this.n;
    const t = this.text;
    for (let x = 1; x < n; x++) {
      if (!(kind[x] === K_NUM || (kind[x] === K_CAP && flags[x] & F_DIGITS)) || kind[x - 1] !== K_CAP) continue;
      if (!isModel(written[x])) continue;
      // a quantity, not a model: "Boeing 300 jobs", "Airbus 250 million"
      const after = wordAfter(t, tokE[x]);
      if (after && QUANTITY_WORDS.has(after)) continue;
      if (tokE[x] < t.length && t.charCodeAt(tokE[x]) === 37) continue; // %
      // the maker: the shortest run of capitalized words before the model the knowledge base knows as an organization
      let from = x - 1;
      while (from > 0 && x - from < 4 && kind[from - 1] === K_CAP && !(flags[from - 1] & F_POSS)) from--;
      let maker = -1;
      for (let y = x - 1; y >= from; y--) {
        if (this.lookup(t.slice(tokS[y], tokE[x - 1]), { type: 'org' }).length) {
          maker = y;
          break;
        }
      }
      if (maker < 0) {
        // an unknown maker: not one our own names would end in a head word ("Health Ministry
        // COVID-19"), and a bare number after it is more often a count ("About 200")
        if (flags[x - 1] & (F_HEAD | F_LEGAL) || kind[x] === K_NUM) continue;
        maker = from;
      }
      let last = x;
      // a model name after the designation ("787 Dreamliner") that names nothing else
      if (x + 1 < n && kind[x + 1] === K_CAP && flags[x + 1] & F_TITLE && !(flags[x + 1] & (F_HEAD | F_LEGAL)) && !this.lookup(written[x + 1]).length) last = x + 1;
      this.veto(maker, last, `model designation "${written[x]}" after the maker's name`);
    }
    // "the Chevrolet Volt": a determiner, a known company's name, one capitalized word that names nothing
    if (n >= 2) {
      let a = 0;
      let det = false;
      if (kind[0] === K_BREAK && PRODUCT_DETERMINERS.has(keys[0])) {
        a = 1;
        det = true;
      } else {
        const before = wordBefore(t, tokS[0]);
        det = !!before && PRODUCT_DETERMINERS.has(before);
      }
      const model = n - 1;
      if (det && model > a && kind[model] === K_CAP && flags[model] & F_TITLE && !(flags[model] & (F_HEAD | F_LEGAL | F_AFTER | F_POSS | F_DIGITS)) && this.quoteAt < 0) {
        let plain = true;
        for (let y = a; y < model; y++) if (kind[y] !== K_CAP || flags[y] & (F_POSS | F_HEAD | F_LEGAL)) plain = false;
        // and a product noun after it: "the GM Hughes unit", "the Nestle Foods unit" are companies
        const noun = wordAfter(t, tokE[model]);
        if (plain && noun && PRODUCT_NOUNS.has(noun) && this.lookup(t.slice(tokS[a], tokE[model - 1]), { type: 'org' }).length && !this.lookup(written[model]).length && !this.lookup(t.slice(tokS[a], tokE[model])).length) {
          this.veto(a, model, `maker's name and model name "${written[model]}"`);
        }
      }
    }
  }

  private veto(a: number, b: number, reason: string): void {
    const lk = this.lines.at(tokS[a]);
    if (lk === LINE_UPPER) return;
    for (let y = a; y <= b; y++) covered[y] = 1;
    this.out.push({ start: tokS[a], end: tokE[b], type: 'org', id: '', confidence: 0.9, recognizer: 'shape', reason, veto: true });
  }

  /**
   * Rule 7: a company's regional unit, the run of capitalized words [a, b) ending in a known
   * company's name and a country or a region ("GM Europe", "EADS North America", "Airbus UK").
   */
  private unit(a: number, b: number): void {
    let r0 = b;
    while (r0 > a && kind[r0 - 1] === K_CAP && !covered[r0 - 1] && b - r0 < 6) {
      if (r0 < b && flags[r0 - 1] & F_POSS) break;
      r0--;
    }
    if (b - r0 < 2 || flags[b - 1] & (F_HEAD | F_LEGAL | F_AFTER)) return;
    const t = this.text;
    for (let x = b - 1; x > r0 && x >= b - 2; x--) {
      const region = t.slice(tokS[x], tokE[b - 1]);
      const folded = oneLine(region).toLowerCase();
      if (!REGIONS.has(folded) && !this.lookup(region, { type: 'country' }).length) continue;
      const org = this.lookup(t.slice(tokS[r0], tokE[x - 1]), { type: 'org' }).find((o) => COMPANY_KINDS.has(String(o.facts?.kind)));
      if (!org) continue;
      if (this.lines.at(tokS[r0]) === LINE_UPPER) return;
      const name = oneLine(t.slice(tokS[r0], tokE[b - 1]));
      for (let y = r0; y < b; y++) covered[y] = 1;
      this.out.push({
        start: tokS[r0],
        end: tokE[b - 1],
        type: 'org',
        id: '',
        confidence: 0.75,
        recognizer: 'shape',
        reason: `company "${oneLine(t.slice(tokS[r0], tokE[x - 1]))}" and region "${oneLine(region)}"`,
        entity: { id: slugOf(name), type: 'org', name, facts: { parent: org.id } },
      });
      return;
    }
  }

  /** Where the quoted name of rule 3 starts (set by quoted()). */
  private qStart = 0;

  /**
   * Rule 3: the chain's last segment [a, b) ends in a designator and a quoted name follows.
   * Returns where the quoted name's closing quote ends (0: no quoted name); qStart is the first
   * token of the name.
   */
  private quoted(a: number, b: number): number {
    const d = b - 1;
    if (kind[d] !== K_CAP || !(flags[d] & (F_HEAD | F_LEGAL | F_QDESIG)) || flags[d] & F_POSS) return 0;
    const t = this.text;
    const open = this.quoteAt;
    const closers = QUOTES[t.charCodeAt(open)];
    if (!closers || open + 2 >= t.length || !(charClass(t.charCodeAt(open + 1)) & (UPPER | DIGIT))) return 0;
    let close = -1;
    let spaces = 0;
    const limit = Math.min(t.length, open + 1 + MAX_QUOTED);
    for (let q = open + 1; q < limit; q++) {
      const c = t.charCodeAt(q);
      if (c === 10 || c === 13) return 0;
      if (closers.includes(c)) {
        close = q;
        break;
      }
      if (isSpaceCode(c) && ++spaces > 7) return 0;
    }
    if (close < 0 || close === open + 1) return 0;
    // a name's words are capitalized (connectors aside): a quoted sentence is speech ('Co. "It's going to get bloody."')
    for (let q = open + 1; q < close; q++) {
      if (q > open + 1 && !isSpaceCode(t.charCodeAt(q - 1))) continue;
      const c = t.charCodeAt(q);
      if (charClass(c) & LOWER) {
        const we = wordEnd(t, q);
        if (!CONNECTORS.has(t.slice(q, we))) return 0;
      }
    }
    let s = d;
    while (s > a && kind[s - 1] === K_CAP && !(flags[s - 1] & F_POSS && !(flags[s - 1] & F_POSS_OK))) s--;
    if (this.lines.at(tokS[s]) === LINE_UPPER) return 0;
    const inner = oneLine(t.slice(open + 1, close));
    const id = slugOf(inner);
    if (!id) return 0;
    for (let y = s; y < b; y++) covered[y] = 1;
    this.qStart = s;
    this.out.push({
      start: tokS[s],
      end: close + 1,
      type: 'org',
      id: '',
      confidence: 0.85,
      recognizer: 'shape',
      reason: `designator "${written[d]}" before a quoted name`,
      entity: { id, type: 'org', name: oneLine(t.slice(tokS[s], close + 1)), aliases: [inner] },
    });
    return close + 1;
  }

  /** Rules 1, 2 and 4 over the tokens [a, b) of one segment. */
  private segment(a: number, b: number): void {
    let i = a;
    while (i < b) {
      if (kind[i] !== K_CAP || covered[i]) {
        i++;
        continue;
      }
      // the words before a head word or a legal form
      let j = i;
      let andAt = -1;
      while (j < b) {
        const k = kind[j];
        if (covered[j]) break;
        if (k === K_CAP) {
          if (flags[j] & (F_HEAD | F_LEGAL)) break;
          if (flags[j] & F_POSS && !(flags[j] & F_POSS_OK)) {
            // a possessive ends the words before the name: "Turkmenistan's Ministry ..."
            j++;
            i = j;
            andAt = -1;
            continue;
          }
          j++;
          continue;
        }
        if (k === K_AMP && j > i && j + 1 < b && kind[j + 1] === K_CAP) {
          j++;
          continue;
        }
        if (k === K_CONN && keys[j] === 'and' && j > i && j + 1 < b && kind[j + 1] === K_CAP) {
          andAt = j;
          j++;
          continue;
        }
        break;
      }
      if (j >= b || kind[j] !== K_CAP || covered[j]) {
        i = j + 1;
        continue;
      }
      if (i >= b || kind[i] !== K_CAP) {
        i = j + 1;
        continue;
      }
      // the last head word of the run of capitalized words is the name's ("Senate Banking
      // Committee", "University Students Federation"), except in a headline, where the run may
      // be the headline's words; a facility word in the run makes it a place's name
      let run = j + 1;
      let last = j;
      while (run < b && kind[run] === K_CAP && !covered[run] && !(flags[run - 1] & F_POSS)) {
        if (flags[run] & (F_HEAD | F_LEGAL)) last = run;
        run++;
      }
      let facility = false;
      for (let y = j + 1; y < run; y++) if (flags[y] & F_FACILITY) facility = true;
      if (facility) {
        i = run;
        continue;
      }
      if (last > j && this.lines.at(tokS[j]) !== LINE_TITLE) j = last;
      // a name does not start with a legal form ("[Co.] Hertz Corp.", "Reiss amp [Co.] B.V."), nor
      // with a long word in capitals before capitalized words: a heading ("EUROBONDS Canadian
      // Imperial Bank of Commerce"), where an acronym is short ("OSCE Office in Astana")
      while (i < j && (flags[i] & F_LEGAL || (flags[i] & F_UPPER && tokE[i] - tokS[i] > 6 && flags[i + 1] & F_TITLE))) i++;
      let reason: string;
      let confidence: number;
      if (flags[j] & F_HEAD) {
        reason = `head word "${written[j]}"`;
        confidence = 0.8;
      } else {
        // a legal form: it needs a name before it
        if (j === i) {
          i = j + 1;
          continue;
        }
        const form = written[j];
        reason = `legal form "${form}"`;
        confidence = 0.85;
        if (AMBIGUOUS_LEGAL_FORMS.has(form.replace(/\.$/, ''))) {
          const nx = j + 1 < this.n ? j + 1 : -1;
          if (nx >= 0 && (kind[nx] === K_CAP || kind[nx] === K_BREAK) && !(flags[nx] & (F_LEGAL | F_UPPER))) {
            i = j + 1;
            continue;
          }
          confidence = 0.75;
        }
      }
      const end = flags[j] & F_POSS ? j + 1 : this.afterHead(j, b, j > i);
      this.propose(i, j, end, andAt, reason, confidence);
      i = end;
    }
  }

  /** Where the name whose head is token j ends (exclusive): words after the head, then complements. */
  private afterHead(j: number, b: number, hasPre: boolean): number {
    let end = j + 1;
    while (end < b && kind[end] === K_CAP && !covered[end] && flags[end] & (F_AFTER | F_LEGAL | F_HEAD) && !(flags[end - 1] & F_POSS)) end++;
    let opened = false;
    const placeHead = PLACE_HEADS.has(keys[j]);
    while (end < b && kind[end] === K_CONN && !(flags[end - 1] & F_POSS)) {
      const c = keys[end];
      // "in"/"to" after an embassy that has a name already ("the Embassy in Nairobi" is a description)
      if (!(COMPLEMENT_OPENERS.has(c) || (opened && c === 'and') || (placeHead && (opened || hasPre) && (c === 'in' || c === 'to')))) break;
      let m = end + 1;
      if (m < b && kind[m] === K_CONN && keys[m] === 'the' && c !== 'and') m++;
      if (m >= b || kind[m] !== K_CAP || covered[m]) break;
      let r = m;
      let hasHead = false;
      while (r < b && !covered[r] && (kind[r] === K_CAP || (kind[r] === K_AMP && r + 1 < b && kind[r + 1] === K_CAP))) {
        if (flags[r] & F_HEAD) hasHead = true;
        r++;
        if (flags[r - 1] & F_POSS && !(flags[r - 1] & F_POSS_OK)) break;
      }
      // "Ministry of Health and Ministry of Finance": two names; "the Council of Europe and
      // Luxembourg": a list (the words after "and" name a country, a place or an organization)
      if (c === 'and' && (hasHead || this.lookup(this.text.slice(tokS[m], tokE[r - 1])).length)) break;
      // "Embassy in Dar [es Salaam]": the complement's name goes on past the chain
      if (r >= this.n && this.particleAfter) break;
      end = r;
      opened = true;
    }
    return end;
  }

  /**
   * A name of rule 1 or 2: tokens [i, end) with its head or legal form at j; "and" at andAt
   * (-1: none) before the head makes it need a defined acronym.
   */
  private propose(i: number, j: number, end: number, andAt: number, reason: string, confidence: number): void {
    const t = this.text;
    let start = i;
    // rule 4: an acronym in brackets right after the name
    const acronym = acronymAfter(t, tokE[end - 1]);
    let acronymStart = -1;
    if (acronym) {
      acronymStart = matchAcronym(acronym.text, start, end);
      if (acronymStart < 0) acronymStart = matchLetters(t, acronym.text, start, end);
      if (acronymStart > j) acronymStart = -1;
    }
    if (acronymStart >= 0) {
      start = acronymStart;
    } else {
      if (andAt >= 0) start = andAt + 1;
      let words = 0;
      for (let y = start; y < end; y++) if (kind[y] === K_CAP) words++;
      if (words < 2) return; // the head alone: "the Ministry", "Parliament"
      if (andAt >= 0 && start <= j) return; // "Boeing and Lockheed Martin Corporation": one name or two?
    }
    const s = tokS[start];
    const e = tokE[end - 1];
    const name = oneLine(t.slice(s, e));
    const slug = slugOf(name);
    if (!slug || NOT_ORGANIZATIONS.has(slug)) return;
    if (end - start >= 3 && kind[end - 2] === K_CAP && NOT_ORGANIZATIONS.has(slugOf(t.slice(tokS[end - 2], tokE[end - 1])))) return;
    const lk = this.lines.at(s);
    if (lk === LINE_UPPER) return;
    if (lk === LINE_TITLE && acronymStart < 0) {
      let words = 0;
      for (let y = start; y < end; y++) if (kind[y] === K_CAP) words++;
      if (j - start > TITLE_LINE_MAX_PRE || words > TITLE_LINE_MAX_WORDS) return;
      // right after another name in the same run of words, only a name that starts with its head
      // ("Blue Marine Foundation Launches Ocean Fund" has one name)
      if (start > 0 && covered[start - 1] && start !== j) return;
      confidence = 0.6;
    } else if (acronymStart >= 0) {
      confidence = 0.9;
      reason = `acronym "${acronym!.text}" defined in brackets`;
    } else if (end - start >= 3 && confidence < 0.85) confidence = 0.85;
    for (let y = start; y < end; y++) covered[y] = 1;
    const entity: NewEntity = acronymStart >= 0 ? { id: acronym!.text, type: 'org', name, aliases: [acronym!.text] } : { id: slug, type: 'org', name };
    const candidate: Candidate = { start: s, end: e, type: 'org', id: '', confidence, recognizer: 'shape', reason, entity };
    if (acronymStart < 0) {
      // looked for later in the document as the same entity (echoes, not aliases: they may never
      // stand): its short form ("Chrysler LLC" → "Chrysler", shortForms.ts) unless that names
      // something else, and its initials ("the Government Accountability Office ... the GAO");
      // a known name spelled so is proposed by the built-in names, and an echo gives way to it
      const echoes: string[] = [];
      const short = shortFormOf(name);
      if (short && !this.lookup(short).some((x) => x.type !== 'org')) echoes.push(short);
      const initials = initialsOf(name);
      if (initials) echoes.push(initials);
      if (echoes.length) candidate.echoes = echoes;
    }
    this.out.push(candidate);
    if (acronymStart >= 0) {
      const acr = acronym!.text;
      if (!this.acronyms.has(acr)) this.acronyms.set(acr, { after: acronym!.end, entity });
      // the acronym in the brackets is a use of the name too
      const as = acronym!.end - 1 - acr.length;
      this.out.push({ start: as, end: as + acr.length, type: 'org', id: '', confidence: 0.85, recognizer: 'shape', reason: `acronym "${acr}" defined here`, entity: { ...entity, aliases: [acr] } });
    }
  }

  /** Rule 4, later uses: a defined acronym after its definition, outside other names. */
  private echoAcronyms(): void {
    if (this.acronyms.size === 0) return;
    const t = this.text;
    const u = this.uppers;
    for (let x = 0; x < u.length; x += 2) {
      const s = u[x];
      const e = u[x + 1];
      const word = t.slice(s, e);
      const def = this.acronyms.get(word);
      if (!def || s < def.after) continue;
      if (this.lines.at(s) === LINE_UPPER) continue;
      this.out.push({
        start: s,
        end: e,
        type: 'org',
        id: '',
        confidence: 0.8,
        recognizer: 'shape',
        reason: `acronym "${word}" defined earlier in the paragraph`,
        entity: { ...def.entity, aliases: [...(def.entity.aliases ?? [])] },
      });
    }
  }
}

/** A model designation (rule 5). */
function isModel(w: string): boolean {
  if (w.length > 12) return false;
  let digits = 0;
  let letters = 0;
  for (let q = 0; q < w.length; q++) {
    const c = w.charCodeAt(q);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
  }
  if (letters === 0 && digits === w.length) {
    // a bare number: three digits, or four that are not a year
    if (digits === 3) return true;
    if (digits === 4) {
      const y = Number(w);
      return y < 1900 || y > 2099;
    }
    return false;
  }
  return MODEL.test(w);
}

/** The lower-case ASCII word after a single space at pos, or ''. */
function wordAfter(t: string, pos: number): string {
  if (pos >= t.length || !isSpaceCode(t.charCodeAt(pos))) return '';
  const e = wordEnd(t, pos + 1);
  return e - pos - 1 > 0 && e - pos - 1 <= 12 ? t.slice(pos + 1, e).toLowerCase() : '';
}

/** The word before a single space before pos, folded, or ''. */
function wordBefore(t: string, pos: number): string {
  if (pos < 2 || !isSpaceCode(t.charCodeAt(pos - 1))) return '';
  let s = pos - 1;
  while (s > 0 && pos - 1 - s < 12 && charClass(t.charCodeAt(s - 1)) & WORD) s--;
  if (s === pos - 1 || (s > 0 && charClass(t.charCodeAt(s - 1)) & WORD)) return '';
  return t.slice(s, pos - 1).toLowerCase();
}

/** An acronym in brackets right after pos: " (ODIHR)". */
function acronymAfter(t: string, pos: number): { text: string; end: number } | undefined {
  if (pos + 3 >= t.length || !isSpaceCode(t.charCodeAt(pos)) || t.charCodeAt(pos + 1) !== 40) return undefined;
  const s = pos + 2;
  let q = s;
  let upper = 0;
  while (q < t.length && q - s <= 10) {
    const c = t.charCodeAt(q);
    const k = charClass(c);
    if (k & UPPER) upper++;
    else if (!(k & (LOWER | DIGIT)) && c !== 38) break;
    q++;
  }
  if (q >= t.length || t.charCodeAt(q) !== 41 || upper < 2 || q - s < 2 || !(charClass(t.charCodeAt(s)) & UPPER)) return undefined;
  return { text: t.slice(s, q), end: q + 1 };
}

/**
 * The first token of the name [from, end) whose initials the acronym spells, read from the
 * right: each capital of the acronym (and each lower-case letter: "BoE") is a word's initial;
 * connectors, legal forms and the head words at the end ("General Motors Corporation (GM)")
 * may be skipped; every other capitalized word must give its initial. -1: no match.
 */
function matchAcronym(acr: string, from: number, end: number): number {
  let y = end - 1;
  let matched = false;
  let first = -1;
  for (let ai = acr.length - 1; ai >= 0; ai--) {
    const ch = acr.charCodeAt(ai);
    if (ch === 38) {
      // "&" in the acronym: an "&" or "and" in the name, if there is one
      if (y >= from && (kind[y] === K_AMP || keys[y] === 'and')) y--;
      continue;
    }
    const want = String.fromCharCode(ch).toLowerCase();
    for (;;) {
      if (y < from) return -1;
      if (kind[y] === K_AMP) {
        y--;
        continue;
      }
      if (keys[y].charAt(0) === want) break;
      const skippable = kind[y] === K_CONN || flags[y] & F_LEGAL || (!matched && flags[y] & (F_HEAD | F_AFTER));
      if (!skippable) return -1;
      y--;
    }
    matched = true;
    first = y;
    y--;
  }
  return first;
}

/**
 * The looser reading of rule 4 (Schwartz and Hearst's): the acronym's letters, right to left,
 * found in order in the name's text, the first one at the start of a word ("Singapore
 * Airlines (SIA)"). The first token of the name from there, or -1.
 */
function matchLetters(t: string, acr: string, from: number, end: number): number {
  let q = tokE[end - 1] - 1;
  const lo = tokS[from];
  for (let ai = acr.length - 1; ai >= 0; ai--) {
    const want = acr.charAt(ai).toLowerCase();
    if (!/[a-z0-9]/.test(want)) continue;
    for (;;) {
      if (q < lo) return -1;
      const hit = t.charAt(q).toLowerCase() === want;
      if (hit && ai === 0) {
        for (let y = from; y < end; y++) if (tokS[y] === q && kind[y] === K_CAP) return y;
      } else if (hit) {
        q--;
        break;
      }
      q--;
    }
  }
  return -1;
}

function recognize(text: string, ctx: RecognizeContext): Candidate[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  try {
    const run = new Run(text, ctx);
    run.scan();
    return run.out;
  } catch {
    return [];
  }
}

export const orgRecognizer: Recognizer & { readonly type: 'org' } = { name: 'shape', type: 'org', recognize };
