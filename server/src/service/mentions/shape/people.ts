/**
 * People by shape and context (issue 13, item 1): the names of persons the knowledge base does
 * not know, found the way news names people. Pure; never throws; one pass over the paragraph
 * (a word list of typed arrays) and a look at the words around each capitalized run.
 *
 * Rules (each a thing a news reader would state; the vocabulary is personWords.ts):
 * - **title**: a capitalized title before a name ("President Kassym-Jomart Tokayev", "Foreign
 *   Minister Yermek Kosherbayev", "OSCE Secretary General Feridun Sinirlioglu", "Minister of
 *   Foreign Affairs Yermek Kosherbayev"); a surname alone may follow ("President Obama").
 * - **honorific**: "Mr./Ms./Mrs./Dr./Prof./Sir X"; the peerage titles are part of the name
 *   ("Lord Cameron").
 * - **role**: a lower-case role before a full name ("the great poet Abai Kunanbayev", "analyst
 *   Paul Nesbit").
 * - **apposition**: a full name and a role phrase on either side of a comma ("Xavier Bettel, the
 *   Prime Minister of Luxembourg", "the Prime Minister of Luxembourg, Xavier Bettel").
 * - **reporting**: a two- or three-word name as the subject of a reporting verb ("John Smith
 *   said", "..., said John Smith", "according to John Smith").
 * - **surname**: later uses of the surname of a person found in the same paragraph
 *   ("Kosherbayev met ..."), with the same entity.
 * Spans hold the name only, never the title or the role (MEANTIME marks "Spokeswoman Sandy
 * Angers" whole; the peerage titles are the exception). Not a person: a run that holds an
 * organization or place word ("Ministry", "Street"), a title alone ("the President", "Minister
 * of Foreign Affairs"), a name the knowledge base knows as a country, organization or place, a
 * sentence-initial ordinary word, anything in a headline (case proves nothing there).
 *
 * Proposals have id '' and a new entity with a slug id (`xavier-bettel`), the surname as alias
 * and the role read from the text.
 */
import type { Candidate, NewEntity, RecognizeContext, Recognizer } from '../candidate';
import { WORD, UPPER, LOWER, charClass, isSpaceCode, isHyphenCode, isApostropheCode, Shape } from '../chars';
import { SHAPE_WORDS } from './wordList';
import { isSentenceInitial } from '../finder';
import { foldName } from '../../kb/normalize';
import type { KnowledgeBase } from '../../kb/knowledgeBase';
import { demonymsOf } from '../names';
import {
  ABBREVIATIONS,
  APPOINTING_VERBS,
  CLAUSE_OPENERS,
  COMPOUND_SUFFIXES,
  DETERMINERS,
  HONORIFICS,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  PARTICLES,
  PEERAGE,
  REPORTING_VERBS,
  ROLE_HEADS,
  ROLE_LINKS,
  ROLE_MODIFIERS,
} from './personWords';

// Kinds of words.
/** Capitalized with lower case after the first letter: `Tokayev`, `Kassym-Jomart`, `McDonald`, `O'Brien`, `al-Assad`. */
const NAME = 1;
/** One capital letter followed by a period: the `W.` of "George W. Bush". */
const INITIAL = 2;
/** Two or more capitals and no lower case: `OSCE`, `CEO`. */
const CAPS = 3;
/** Starts in lower case. */
const LOW = 4;
/** Digits, caseless scripts, a lone capital without a period. */
const OTHER = 5;

const CONF_TITLE = 0.85;
const CONF_TITLE_SURNAME = 0.75;
const CONF_ROLE = 0.8;
const CONF_APPOSITION = 0.85;
const CONF_REPORTING = 0.7;
const CONF_SURNAME = 0.7;
const CONF_REPEAT = 0.8;

/**
 * A surname alone is not linked to the person when it is a country's or an organization's name
 * ("Jordan"); a city's name is (surnames that are also towns abound: "said Henderson").
 */
const ECHO_BLOCKERS: ReadonlySet<string> = new Set(['country', 'org']);

/** Folded country demonyms per knowledge base. */
const DEMONYMS = new WeakMap<KnowledgeBase, Set<string>>();

/** Names longer than this many words after a title are something else (a headline, a list). */
const MAX_NAME_WORDS = 4;
/** How far an apposition's role phrase reaches, in words. */
const MAX_ROLE_WORDS = 8;


/** The words of one paragraph, in parallel arrays; `line` is the line number of each word. */
class Words {
  n = 0;
  text = '';
  start: Int32Array = new Int32Array(256);
  end: Int32Array = new Int32Array(256);
  kind: Uint8Array = new Uint8Array(256);
  line: Int32Array = new Int32Array(256);
  /** Lower-case forms, valid where `lowerCall` is the current call. */
  private lower: string[] = new Array<string>(256).fill('');
  private lowerCall: Int32Array = new Int32Array(256);
  private call = 0;

  /** Starts a new text, keeping the buffers. */
  reset(text: string): void {
    this.text = text;
    this.n = 0;
    this.call = (this.call + 1) | 0;
  }

  /** Room for one more word (a method without a closure: one that made one allocated a context per call, ~3 MB per reading of a long paragraph). */
  grow(): void {
    if (this.n < this.start.length) return;
    const size = this.start.length * 2;
    this.start = grown32(this.start, size);
    this.end = grown32(this.end, size);
    this.line = grown32(this.line, size);
    this.lowerCall = grown32(this.lowerCall, size);
    const k = new Uint8Array(size);
    k.set(this.kind);
    this.kind = k;
    // a packed array as long as the others (a write far past the end of [] would make it a dictionary)
    for (let x = this.lower.length; x < size; x++) this.lower.push('');
  }

  /** The word in lower case (sliced once per call). */
  lw(i: number): string {
    if (this.lowerCall[i] === this.call) return this.lower[i];
    const s = this.text.slice(this.start[i], this.end[i]).toLowerCase();
    this.lower[i] = s;
    this.lowerCall[i] = this.call;
    return s;
  }
  str(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }
}

/** The word buffers, reused from one call to the next (a call never runs inside another). */
const WORDS = new Words();

function grown32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The basic word b (wordList.ts) has a lower-case letter. */
function hasLower(shape: number): boolean {
  return shape === Shape.Lower || shape === Shape.Title || shape === Shape.Mixed;
}

/**
 * The words of the paragraph, from the basic words the shape recognizers share (wordList.ts):
 * basic words joined by a hyphen ("Kassym-Jomart", "Ki-moon", "al-Assad") or by an apostrophe
 * after one or two letters and before a capital ("O'Brien", "D'Alema"; "Obama's" is not one
 * word) are one word here.
 */
function readWords(text: string): Words {
  const w = WORDS;
  w.reset(text);
  const bw = SHAPE_WORDS.read(text);
  const N = bw.n;
  let b = 0;
  while (b < N) {
    const s = bw.start[b];
    const k = charClass(text.charCodeAt(s));
    const firstPartLower = hasLower(bw.shape[b]);
    const firstPartEnd = bw.end[b];
    let anyLower = firstPartLower;
    let lastPart = s;
    let i = firstPartEnd;
    while (b + 1 < N && bw.start[b + 1] === i + 1) {
      const d = text.charCodeAt(i);
      if (isHyphenCode(d) || (isApostropheCode(d) && charClass(text.charCodeAt(i + 1)) & UPPER && i - s <= 2)) {
        b++;
        lastPart = i + 1;
        if (hasLower(bw.shape[b])) anyLower = true;
        i = bw.end[b];
        continue;
      }
      break;
    }
    let kind: number;
    if (k & UPPER) {
      if (lastPart > s && isHyphenCode(text.charCodeAt(lastPart - 1)) && COMPOUND_SUFFIXES.has(text.slice(lastPart, i))) kind = OTHER; // "Ohio-based"
      else if (firstPartLower) kind = NAME;
      else if (i - s === 1) kind = text.charCodeAt(i) === 46 ? INITIAL : OTHER;
      else if (!anyLower) kind = CAPS;
      else kind = firstPartEnd - s === 1 ? NAME : OTHER; // "O'Brien" is a name word, "UN-Habitat" is not
    } else if (k & LOWER) {
      kind = LOW;
      // al-Assad, bin-Talal: a particle joined by a hyphen to a capitalized word
      if (firstPartEnd < i - 1 && isHyphenCode(text.charCodeAt(firstPartEnd)) && charClass(text.charCodeAt(firstPartEnd + 1)) & UPPER && PARTICLES.has(text.slice(s, firstPartEnd))) kind = NAME;
    } else kind = OTHER;
    w.grow();
    const n = w.n++;
    w.start[n] = s;
    w.end[n] = i;
    w.kind[n] = kind;
    w.line[n] = bw.line[b];
    b++;
  }
  return w;
}

/** Spaces only (one line) between `a` and `b`, at least one. */
function spacesBetween(text: string, a: number, b: number): boolean {
  if (b <= a || b - a > 3) return false;
  for (let i = a; i < b; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

interface Found {
  start: number;
  end: number;
  /** Word indexes of the name. */
  first: number;
  last: number;
  confidence: number;
  reason: string;
  role?: string;
  /** The entity it links to, when it is a surname of another proposal. */
  entity?: NewEntity;
}

class Paragraph {
  readonly w: Words;
  private headlines: Uint8Array | undefined;
  private lowerWords: Set<number> | undefined;
  readonly found: Found[] = [];

  constructor(
    readonly text: string,
    readonly ctx: RecognizeContext,
  ) {
    this.w = readWords(text);
  }

  /** Word i and word j = i + 1 stand in one name: spaces between them, or ". " after an initial or an abbreviation. */
  joined(i: number): boolean {
    const w = this.w;
    const j = i + 1;
    if (j >= w.n || w.line[i] !== w.line[j]) return false;
    let a = w.end[i];
    if (this.text.charCodeAt(a) === 46 && (w.kind[i] === INITIAL || ABBREVIATIONS.has(w.lw(i)))) a++;
    return spacesBetween(this.text, a, w.start[j]);
  }

  /** A word that may stand in a capitalized run: a name word, an initial, an acronym. */
  private runWord(i: number): boolean {
    const k = this.w.kind[i];
    return k === NAME || k === INITIAL || k === CAPS;
  }

  private isParticle(i: number): boolean {
    return this.w.kind[i] === LOW && PARTICLES.has(this.w.lw(i));
  }

  isTitleWord(i: number): boolean {
    const k = this.w.kind[i];
    if (k !== NAME && k !== CAPS) return false;
    const s = this.w.lw(i);
    return ROLE_HEADS.has(s) || ROLE_MODIFIERS.has(s) || HONORIFICS.has(s);
  }

  /** Lines whose words are mostly capitalized: headlines, where case proves nothing. */
  inHeadline(i: number): boolean {
    if (!this.headlines) {
      const w = this.w;
      const lines = w.n ? w.line[w.n - 1] + 1 : 0;
      const long = new Uint32Array(lines);
      const cap = new Uint32Array(lines);
      const sentence = new Uint8Array(lines);
      for (let k = 0; k < w.n; k++) {
        // a line whose last word ends a sentence is prose ('..., said Stephen Harper, Prime Minister of Canada.')
        if (k + 1 === w.n || w.line[k + 1] !== w.line[k]) sentence[w.line[k]] = this.text.charCodeAt(w.end[k]) === 46 ? 1 : 0;
        if (w.end[k] - w.start[k] < 4) continue;
        long[w.line[k]]++;
        if (w.kind[k] === NAME || w.kind[k] === CAPS) cap[w.line[k]]++;
      }
      this.headlines = new Uint8Array(lines);
      for (let l = 0; l < lines; l++) if (!sentence[l] && long[l] >= 3 && cap[l] / long[l] >= 0.75) this.headlines[l] = 1;
    }
    return this.headlines[this.w.line[i]] === 1;
  }

  /** The word is used in lower case somewhere in the paragraph ("Yesterday" vs "yesterday"). */
  usedInLowerCase(i: number): boolean {
    // hashes of the lower-case words, not their strings (a collision only drops a first word)
    if (!this.lowerWords) {
      this.lowerWords = new Set();
      for (let k = 0; k < this.w.n; k++) if (this.w.kind[k] === LOW) this.lowerWords.add(this.hashLower(k));
    }
    return this.lowerWords.has(this.hashLower(i));
  }

  private hashLower(k: number): number {
    const t = this.text;
    let h = this.w.end[k] - this.w.start[k];
    for (let x = this.w.start[k]; x < this.w.end[k]; x++) {
      let c = t.charCodeAt(x);
      if (c >= 65 && c <= 90) c |= 32;
      else if (c >= 128) c = t[x].toLowerCase().charCodeAt(0);
      h = (Math.imul(h, 31) + c) | 0;
    }
    return h;
  }

  run(): void {
    const w = this.w;
    let i = 0;
    while (i < w.n) {
      if (!this.runWord(i)) {
        i++;
        continue;
      }
      // A capitalized run: words joined by spaces (particles between name words).
      let b = i;
      for (;;) {
        if (!this.joined(b)) break;
        if (this.runWord(b + 1)) {
          b++;
          continue;
        }
        // von der Leyen: particles followed by a name word
        let p = b + 1;
        while (p < w.n && p - b <= 2 && this.isParticle(p) && this.joined(p)) p++;
        if (p > b + 1 && p < w.n && w.kind[p] === NAME && this.joined(p - 1)) {
          b = p;
          continue;
        }
        break;
      }
      if (!this.inHeadline(i)) this.runAt(i, b);
      i = b + 1;
    }
    this.surnames();
  }

  /** The capitalized run of words a..b. */
  private runAt(a: number, b: number): void {
    const w = this.w;
    // The last title word of the run; the name is what follows it.
    let t = -1;
    for (let k = b; k >= a; k--) {
      if (this.isTitleWord(k)) {
        t = k;
        break;
      }
    }
    if (t >= a && t < b && this.titleRule(a, t, b)) return;
    // "... Foreign Minister": a title without a name; "Jim Press" ends with a word that only
    // qualifies titles, after a word that is none
    if (t === b && (t === a || ROLE_HEADS.has(w.lw(t)) || HONORIFICS.has(w.lw(t)) || this.isTitleWord(t - 1))) return;
    if (this.titleOfKnown(a, b)) return;
    // A run with no title: a name if its context says so.
    let first = a;
    // the sentence-initial ordinary word of "Yesterday John Smith said"
    if (b === a) return; // a full name has two words or more
    if (isSentenceInitial(this.text, w.start[first]) && (NOT_NAME_WORDS.has(w.lw(first)) || REPORTING_VERBS.has(w.lw(first)) || this.usedInLowerCase(first))) first++;
    if (first > b) return;
    // a title is no name ("Prime Minister", "Chief Executive"); "Jim Press" and "Stephen King" are
    if (this.isTitleWord(first)) return;
    for (let k = first; k <= b; k++) {
      const s = w.lw(k);
      if (w.kind[k] === CAPS || HONORIFICS.has(s) || ROLE_HEADS.has(s)) return;
    }
    const words = this.nameWords(first, b);
    if (words < 2 || words > MAX_NAME_WORDS || !this.validName(first, b)) return;
    this.contextRules(first, b, words);
  }

  /**
   * "President of the United States Barack Obama", "Minister of Foreign Affairs of Kazakhstan
   * Yermek Kosherbayev": a title "of" a known country, organization or place, then a full name.
   */
  private titleOfKnown(a: number, b: number): boolean {
    const w = this.w;
    let p = a - 1;
    if (p >= 0 && w.lw(p) === 'the' && this.joined(p)) p--;
    if (p < 1 || w.lw(p) !== 'of' || !this.joined(p)) return false;
    // back over the rest of the title ("Minister of Foreign Affairs") to its head
    let head = -1;
    for (let k = p - 1, steps = 0; k >= 0 && steps < 6 && this.joined(k); k--, steps++) {
      const s = w.lw(k);
      if (ROLE_HEADS.has(s) && (w.kind[k] === NAME || w.kind[k] === CAPS || w.kind[k] === LOW)) {
        head = k;
        break;
      }
      if (!(w.kind[k] === NAME || w.kind[k] === CAPS || (w.kind[k] === LOW && ROLE_LINKS.has(s)))) return false;
    }
    if (head < 0) return false;
    let r = head;
    while (r > 0 && this.joined(r - 1) && ROLE_MODIFIERS.has(w.lw(r - 1)) && w.kind[r - 1] !== OTHER) r--;
    for (let q = b - 2; q >= a; q--) {
      const words = this.nameWords(q + 1, b);
      if (words < 2) continue;
      if (words > 3) break;
      if (!this.knownOther(this.text.slice(w.start[a], w.end[q])) || !this.validName(q + 1, b)) continue;
      const title = this.text.slice(w.start[r], w.end[q]);
      this.add({ start: w.start[q + 1], end: w.end[b], first: q + 1, last: b, confidence: CONF_TITLE, reason: `title "${title}" before the name`, role: title });
      return true;
    }
    return false;
  }

  /** Name words (not particles or initials) in a..b. */
  private nameWords(a: number, b: number): number {
    let n = 0;
    for (let k = a; k <= b; k++) if (this.w.kind[k] === NAME) n++;
    return n;
  }

  /** The words a..b can be a person's name: no organization, place or calendar word; not a known non-person name. */
  private validName(a: number, b: number): boolean {
    const w = this.w;
    if (w.kind[b] !== NAME) return false; // ends with an initial or a particle
    if (w.kind[a] !== NAME && w.kind[a] !== INITIAL) return false;
    for (let k = a; k <= b; k++) {
      if (w.kind[k] === CAPS || w.kind[k] === OTHER) return false;
      if (NOT_NAME_WORDS.has(w.lw(k))) return false;
    }
    return !this.knownOther(this.text.slice(w.start[a], w.end[b]));
  }

  /** The knowledge base knows the name as something other than a person. */
  private knownOther(name: string, types?: ReadonlySet<string>): boolean {
    try {
      for (const e of this.ctx.kb.lookupName(name)) if (types ? types.has(e.type) : e.type !== 'person') return true;
    } catch {
      return false;
    }
    return false;
  }

  /** Title t (the last title word of the run a..b) and the name after it. */
  private titleRule(a: number, t: number, b: number): boolean {
    const w = this.w;
    // the title block: title words ending at t
    let u = t;
    while (u > a && this.isTitleWord(u - 1)) u--;
    let head = -1;
    let honorific = -1;
    for (let k = u; k <= t; k++) {
      const s = w.lw(k);
      if (ROLE_HEADS.has(s)) head = k;
      else if (HONORIFICS.has(s)) honorific = k;
    }
    let roleStart = u;
    if (head < 0 && honorific < 0) {
      // "Minister of Foreign Affairs Yermek Kosherbayev", "Secretary of State Antony Blinken"
      if (u === a && a >= 2 && w.lw(a - 1) === 'of' && this.joined(a - 1) && this.joined(a - 2) && w.kind[a - 2] === NAME && ROLE_HEADS.has(w.lw(a - 2))) {
        head = a - 2;
        roleStart = a - 2;
      } else return false;
    }
    const nameFirst = t + 1;
    const words = this.nameWords(nameFirst, b);
    if (words < 1 || words > MAX_NAME_WORDS || !this.validName(nameFirst, b)) return false;
    if (head < 0) {
      // honorifics only: Mr. Smith, Lord Cameron
      const peer = PEERAGE.has(w.lw(t)) && words === 1;
      const start = peer ? w.start[t] : w.start[nameFirst];
      if (peer && this.knownOther(this.text.slice(start, w.end[b]))) return false;
      const shown = this.text.charCodeAt(w.end[honorific]) === 46 ? w.str(honorific) + '.' : w.str(honorific);
      this.add({ start, end: w.end[b], first: nameFirst, last: b, confidence: CONF_TITLE, reason: `honorific "${shown}" before the name` });
      return true;
    }
    // an acronym or a demonym right before the title belongs to the role ("OSCE Secretary General")
    let p = roleStart;
    while (p > a && roleStart - p < 3 && (w.kind[p - 1] === CAPS || w.kind[p - 1] === NAME) && !NOT_NAME_WORDS.has(w.lw(p - 1))) p--;
    const role = this.text.slice(w.start[p], w.end[t]);
    const title = this.text.slice(w.start[Math.min(u, roleStart)], w.end[t]);
    this.add({
      start: w.start[nameFirst],
      end: w.end[b],
      first: nameFirst,
      last: b,
      confidence: words >= 2 ? CONF_TITLE : CONF_TITLE_SURNAME,
      reason: `title "${title}" before the name`,
      role,
    });
    return true;
  }

  /** A full name a..b with no title: a role before it, an apposition, a reporting verb. */
  private contextRules(a: number, b: number, words: number): void {
    const w = this.w;
    const text = this.text;
    // role: "the great poet Abai Kunanbayev", "analyst Paul Nesbit"
    if (a > 0 && w.kind[a - 1] === LOW && ROLE_HEADS.has(w.lw(a - 1)) && this.joined(a - 1)) {
      let r = a - 1;
      while (r > 0 && w.kind[r - 1] === LOW && ROLE_MODIFIERS.has(w.lw(r - 1)) && this.joined(r - 1)) r--;
      const role = text.slice(w.start[r], w.end[a - 1]);
      this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_ROLE, reason: `role "${role}" before the name`, role });
      return;
    }
    const after = this.appositionAfter(b);
    if (after) {
      this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_APPOSITION, reason: `apposition "${after.phrase}"`, role: after.role });
      return;
    }
    // "named Mary Barra as its new chief executive"
    if (a > 0 && b + 2 < w.n && w.kind[a - 1] === LOW && APPOINTING_VERBS.has(w.lw(a - 1)) && this.joined(a - 1) && w.lw(b + 1) === 'as' && this.joined(b) && this.joined(b + 1)) {
      const as = this.appositionAfter(b, b + 2);
      if (as) {
        this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_APPOSITION, reason: `${w.str(a - 1)} as "${as.phrase}"`, role: as.role });
        return;
      }
    }
    const before = this.appositionBefore(a, b);
    if (before) {
      this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_APPOSITION, reason: `apposition "${before.phrase}"`, role: before.role });
      return;
    }
    if (words > 3) return;
    // The reporting rules read the name alone: a name that starts with a country, place or
    // organization name or a demonym is more often a company ("British Gas said", "Cuban Americans said").
    if (this.demonym(a) || this.knownOther(w.str(a))) return;
    // reporting: "John Smith said", the name starting its clause ("with Warburg Securities noted" is no subject)
    if (b + 1 < w.n && w.kind[b + 1] === LOW && REPORTING_VERBS.has(w.lw(b + 1)) && this.joined(b) && this.startsClause(a)) {
      this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_REPORTING, reason: `subject of "${w.str(b + 1)}"` });
      return;
    }
    if (a === 0) return;
    const v = w.lw(a - 1);
    // '"...," said John Smith.': the verb after a quote or a comma, the name before punctuation
    // ("He said Polly Peck will ..." reports a clause whose subject may be anything)
    if (REPORTING_VERBS.has(v) && this.joined(a - 1) && this.afterQuoteOrComma(a - 1) && this.beforePunctuation(b)) {
      this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_REPORTING, reason: `subject of "${w.str(a - 1)}"` });
      return;
    }
    // "according to John Smith"
    if (this.joined(a - 1) && this.endsClause(b)) {
      if (v === 'to' && a > 1 && w.lw(a - 2) === 'according' && this.joined(a - 2)) {
        this.add({ start: w.start[a], end: w.end[b], first: a, last: b, confidence: CONF_REPORTING, reason: 'after "according to"' });
      }
    }
  }

  /** Word a starts a clause: a sentence, or after punctuation, a quote or a conjunction. */
  private startsClause(a: number): boolean {
    const w = this.w;
    if (isSentenceInitial(this.text, w.start[a])) return true;
    const c = this.prevChar(w.start[a]);
    if (c === 44 || c === 59 || c === 40 || c === 34 || c === 39 || c === 0x201c || c === 0x201d || c === 0x2019 || c === 0x2013 || c === 0x2014) return true;
    return a > 0 && w.kind[a - 1] === LOW && this.joined(a - 1) && CLAUSE_OPENERS.has(w.lw(a - 1));
  }

  /** The last code unit before pos that is not a space (0 at the start). */
  private prevChar(pos: number): number {
    let q = pos;
    while (q > 0 && isSpaceCode(this.text.charCodeAt(q - 1))) q--;
    return q > 0 ? this.text.charCodeAt(q - 1) : 0;
  }

  /** Word v (a verb) follows a comma or a closing quote, or starts the sentence. */
  private afterQuoteOrComma(v: number): boolean {
    const c = this.prevChar(this.w.start[v]);
    return c === 44 || c === 34 || c === 39 || c === 0x201d || c === 0x2019 || isSentenceInitial(this.text, this.w.start[v]);
  }

  /** Word b is followed by punctuation (not a hyphen or an apostrophe) or ends the text. */
  private beforePunctuation(b: number): boolean {
    const e = this.w.end[b];
    let q = e;
    if (this.text.charCodeAt(q) === 46 && ABBREVIATIONS.has(this.w.lw(b))) q++; // "Jr."
    if (q >= this.text.length) return true;
    const c = this.text.charCodeAt(q);
    if (c === 10 || c === 13) return true;
    return !isSpaceCode(c) && !isHyphenCode(c) && !isApostropheCode(c) && !(charClass(c) & WORD);
  }

  /** Word a is a country's demonym ("Cuban", "British"). */
  private demonym(a: number): boolean {
    let set = DEMONYMS.get(this.ctx.kb);
    if (!set) {
      set = demonymsOf(this.ctx.kb.all('country'));
      DEMONYMS.set(this.ctx.kb, set);
    }
    return set.has(foldName(this.w.str(a)));
  }

  /** After word b: punctuation, the end of the text, or a lower-case word other than "and"/"or". */
  private endsClause(b: number): boolean {
    const w = this.w;
    if (b + 1 >= w.n) return true;
    if (!spacesBetween(this.text, w.end[b], w.start[b + 1])) return true;
    if (w.line[b + 1] !== w.line[b]) return true;
    if (w.kind[b + 1] !== LOW) return false;
    const s = w.lw(b + 1);
    return s !== 'and' && s !== 'or' && s !== 'of';
  }

  /** Comma and spaces between word i and word i + 1. */
  private commaAfter(i: number): boolean {
    const w = this.w;
    if (i + 1 >= w.n || w.line[i] !== w.line[i + 1]) return false;
    const e = w.end[i];
    return this.text.charCodeAt(e) === 44 && spacesBetween(this.text, e + 1, w.start[i + 1]);
  }

  /** "Xavier Bettel, the Prime Minister of Luxembourg": the role phrase after the name ending at b. */
  private appositionAfter(b: number, k = b + 1): { phrase: string; role: string } | undefined {
    const w = this.w;
    if (k === b + 1 && !this.commaAfter(b)) return undefined;
    const open = k;
    let roleFirst = -1;
    let head = -1;
    // opening: determiners, possessives ("Luxembourg's"), modifiers, acronyms; then a role head
    for (let steps = 0; k < w.n && steps < 5; steps++) {
      const s = w.lw(k);
      const kind = w.kind[k];
      if (ROLE_HEADS.has(s) && (kind === LOW || kind === NAME || kind === CAPS)) {
        if (roleFirst < 0) roleFirst = k;
        head = k;
        break;
      }
      if (kind === LOW && DETERMINERS.has(s) && roleFirst < 0) {
        // the determiner opens the phrase
      } else if ((kind === LOW || kind === NAME) && ROLE_MODIFIERS.has(s)) {
        if (roleFirst < 0) roleFirst = k;
      } else if (kind === NAME || kind === CAPS) {
        if (roleFirst < 0) roleFirst = k;
        if (this.possessive(k)) {
          k += 2; // the "s" of "Luxembourg's"
          if (k >= w.n || !spacesBetween(this.text, w.end[k - 1], w.start[k])) return undefined;
          continue;
        }
      } else return undefined;
      if (!this.joined(k)) return undefined;
      k++;
    }
    if (head < 0) return undefined;
    // the rest of the role: more heads and modifiers, "of Luxembourg", "for the company"
    let last = head;
    let j = head;
    while (j + 1 < w.n && j + 1 - roleFirst < MAX_ROLE_WORDS && this.joined(j)) {
      const n = j + 1;
      const s = w.lw(n);
      const kind = w.kind[n];
      if (kind === NAME || kind === CAPS) last = n;
      else if (kind === LOW && (ROLE_HEADS.has(s) || ROLE_MODIFIERS.has(s))) last = n;
      else if (kind === LOW && !ROLE_LINKS.has(s)) {
        // "chief financial officer": other words only on the way to a role head, or the last
        // word after a link ("chief executive of the group.")
        const h = this.headWithin(n, 2);
        if (h < 0) {
          if (ROLE_LINKS.has(w.lw(j)) && this.beforePunctuation(n)) last = n;
          break;
        }
        last = j = h;
        continue;
      } else if (!(kind === LOW && ROLE_LINKS.has(s))) break;
      // "president and chief executive", not "president of the National Assembly and Castro"
      else if (s === 'and' && !(n + 1 < w.n && (ROLE_HEADS.has(w.lw(n + 1)) || ROLE_MODIFIERS.has(w.lw(n + 1))))) break;
      j = n;
    }
    // "..., a Romanian official said": a phrase with a determiner right before a reporting verb is
    // the subject of the next clause ("Scott Carson, president and CEO of Boeing said" is an apposition)
    if (open !== roleFirst && last + 1 < w.n && this.joined(last) && REPORTING_VERBS.has(w.lw(last + 1))) return undefined;
    return { phrase: this.text.slice(w.start[open], w.end[last]), role: this.text.slice(w.start[roleFirst], w.end[last]) };
  }

  /** The first role head among words k..k+n joined to k (k itself included), or -1. */
  private headWithin(k: number, n: number): number {
    const w = this.w;
    for (let x = k; x < w.n && x <= k + n; x++) {
      if (w.kind[x] === LOW && ROLE_HEADS.has(w.lw(x))) return x;
      if (w.kind[x] !== LOW || ROLE_LINKS.has(w.lw(x)) || !this.joined(x)) return -1;
    }
    return -1;
  }

  /**
   * Where the role ending with the head word starts: back over modifiers ("Deputy Prime
   * Minister"), and over up to two other lower-case words between a modifier and the head
   * ("chief financial officer").
   */
  private roleStart(head: number): number {
    const w = this.w;
    let r = head;
    for (;;) {
      if (r > 0 && this.joined(r - 1) && ROLE_MODIFIERS.has(w.lw(r - 1)) && w.kind[r - 1] !== OTHER) {
        r--;
        continue;
      }
      let x = r - 1;
      while (x >= 0 && r - x <= 2 && this.joined(x) && w.kind[x] === LOW && !ROLE_LINKS.has(w.lw(x)) && !DETERMINERS.has(w.lw(x)) && !ROLE_MODIFIERS.has(w.lw(x))) x--;
      if (x >= 0 && x < r - 1 && this.joined(x) && w.kind[x] === LOW && ROLE_MODIFIERS.has(w.lw(x))) {
        r = x;
        continue;
      }
      return r;
    }
  }

  /** Word k is followed by 's or ’s. */
  private possessive(k: number): boolean {
    const w = this.w;
    const e = w.end[k];
    return k + 1 < w.n && isApostropheCode(this.text.charCodeAt(e)) && w.start[k + 1] === e + 1 && w.end[k + 1] === e + 2 && w.lw(k + 1) === 's';
  }

  /** "the Prime Minister of Luxembourg, Xavier Bettel": the role phrase before the name a..b. */
  private appositionBefore(a: number, b: number): { phrase: string; role: string } | undefined {
    const w = this.w;
    if (a === 0 || !this.commaAfter(a - 1) || !this.endsClause(b)) return undefined;
    // back from the comma: capitalized words and links, then a role head
    let k = a - 1;
    let head = -1;
    for (let steps = 0; k >= 0 && steps < 6; steps++, k--) {
      const s = w.lw(k);
      const kind = w.kind[k];
      if (ROLE_HEADS.has(s) && kind !== OTHER && kind !== INITIAL) {
        head = k;
        break;
      }
      if (!(kind === NAME || kind === CAPS || (kind === LOW && ROLE_LINKS.has(s)))) return undefined;
      if (k > 0 && !this.joined(k - 1)) return undefined;
    }
    if (head < 0) return undefined;
    // what follows the head up to the comma starts with a link word or another title word ("Prime Minister")
    // title words, then a link word ("of Luxembourg") before any other word
    let x = head + 1;
    while (x < a && (ROLE_HEADS.has(w.lw(x)) || ROLE_MODIFIERS.has(w.lw(x)))) x++;
    if (x < a && !(w.kind[x] === LOW && ROLE_LINKS.has(w.lw(x)) && w.lw(x) !== 'and')) return undefined;
    let r = this.roleStart(head);
    let open = r;
    if (open > 0 && this.joined(open - 1) && w.kind[open - 1] === LOW && DETERMINERS.has(w.lw(open - 1))) open--;
    const end = w.end[a - 1];
    return { phrase: this.text.slice(w.start[open], end), role: this.text.slice(w.start[r], end) };
  }

  private add(f: Found): void {
    this.found.push(f);
  }

  /** Surname-only mentions of the people found in the paragraph, and single-word names linked to a fuller one. */
  private surnames(): void {
    const w = this.w;
    const bySurname = new Map<string, Found | null>();
    for (const f of this.found) {
      if (this.nameWords(f.first, f.last) < 2) continue;
      const s = w.str(this.surnameWord(f));
      const prev = bySurname.get(s);
      if (prev === undefined) bySurname.set(s, f);
      else if (prev && this.nameKey(prev) !== this.nameKey(f)) bySurname.set(s, null); // two people, one surname
      else if (prev && f.start < prev.start) bySurname.set(s, f);
    }
    if (bySurname.size === 0) return;
    // A surname stands for the person only after the full name: a use before it names something
    // else ("Ford's Chief Executive Officer, William Clay Ford Jr."); so does a known name.
    const covered = new Set<number>();
    for (const f of this.found) for (let k = f.first; k <= f.last; k++) covered.add(k);
    const extra: Found[] = [];
    // the full name again, anywhere in the paragraph (a headline included)
    const byFirst = new Map<string, Found[]>();
    const names = new Set<string>();
    for (const f of this.found) {
      if (f.start !== w.start[f.first] || this.nameWords(f.first, f.last) < 2) continue;
      const text = this.nameText(f);
      if (names.has(text)) continue; // one entry per name
      names.add(text);
      const key = w.str(f.first);
      const list = byFirst.get(key);
      if (list) list.push(f);
      else byFirst.set(key, [f]);
    }
    for (let k = 0; k < w.n; k++) {
      if (w.kind[k] !== NAME || covered.has(k)) continue;
      const list = byFirst.get(w.str(k));
      if (!list || (k > 0 && this.joined(k - 1) && this.runWord(k - 1))) continue;
      for (const f of list) {
        const len = f.last - f.first;
        let d = 1;
        while (d <= len && k + d < w.n && this.joined(k + d - 1) && w.str(k + d) === w.str(f.first + d)) d++;
        if (d <= len) continue;
        const end = k + len;
        if (end + 1 < w.n && this.joined(end) && this.runWord(end + 1)) continue;
        extra.push({ start: w.start[k], end: w.end[end], first: k, last: end, confidence: CONF_REPEAT, reason: `again "${this.nameText(f)}"`, entity: this.entityOf(f) });
        for (let x = k; x <= end; x++) covered.add(x);
        break;
      }
    }
    // (headlines, written after the story, do not count)
    for (let k = 0; k < w.n; k++) {
      if (w.kind[k] !== NAME || covered.has(k) || this.inHeadline(k)) continue;
      const s = w.str(k);
      const full = bySurname.get(s);
      if (full && w.start[k] < full.start) bySurname.set(s, null);
    }
    for (const [s, full] of bySurname) if (full && this.knownOther(s, ECHO_BLOCKERS)) bySurname.set(s, null);
    for (const f of this.found) {
      if (f.first !== f.last) continue;
      const full = bySurname.get(w.str(f.first));
      if (full) f.entity = this.entityOf(full);
    }
    for (let k = 0; k < w.n; k++) {
      if (w.kind[k] !== NAME || covered.has(k)) continue;
      const full = bySurname.get(w.str(k));
      if (!full) continue;
      // alone: not part of a longer capitalized run ("Maria Bettel")
      if (k > 0 && this.joined(k - 1) && (this.runWord(k - 1) || this.isParticle(k - 1))) continue;
      if (k + 1 < w.n && this.joined(k) && this.runWord(k + 1)) continue;
      if (w.start[k] < full.start) continue;
      extra.push({ start: w.start[k], end: w.end[k], first: k, last: k, confidence: CONF_SURNAME, reason: `surname of "${this.nameText(full)}"`, entity: this.entityOf(full) });
    }
    this.found.push(...extra);
  }

  /** The surname: the last name word, before a suffix ("King" of "Martin Luther King Jr."). */
  private surnameWord(f: Found): number {
    let k = f.last;
    while (k > f.first && (NAME_SUFFIXES.has(this.w.lw(k)) || this.w.kind[k] !== NAME)) k--;
    return k;
  }

  private nameText(f: Found): string {
    return this.text.slice(f.start, f.end).replace(/\s+/g, ' ');
  }

  private nameKey(f: Found): string {
    return foldName(this.nameText(f));
  }

  private readonly entities = new Map<Found, NewEntity>();

  entityOf(f: Found): NewEntity {
    if (f.entity) return f.entity;
    let e = this.entities.get(f);
    if (e) return e;
    const name = this.nameText(f);
    e = { id: slug(name), type: 'person', name };
    if (this.nameWords(f.first, f.last) >= 2 && f.start === this.w.start[f.first]) e.aliases = [this.w.str(this.surnameWord(f))];
    if (f.role) e.role = f.role.replace(/\s+/g, ' ');
    this.entities.set(f, e);
    return e;
  }

  candidates(): Candidate[] {
    return this.found.map((f) => ({
      start: f.start,
      end: f.end,
      type: 'person',
      id: '',
      confidence: f.confidence,
      recognizer: 'shape' as const,
      reason: f.reason,
      entity: this.entityOf(f),
    }));
  }
}

/** The id of a new person: the folded name, words joined by hyphens (`xavier-bettel`, `абай-кунанбаев`). */
export function slug(name: string): string {
  return foldName(name).replace(/ /g, '-');
}

/** The people recognizer: proposes `person` candidates (name 'shape', type 'person'). */
export const personRecognizer: Recognizer & { readonly type: 'person' } = {
  name: 'shape',
  type: 'person',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    try {
      const p = new Paragraph(text, ctx);
      p.run();
      return p.candidates();
    } catch {
      return [];
    }
  },
};
