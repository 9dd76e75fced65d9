/**
 * The matching engine shared by the recognizer (findDates, recognize.ts) and the normalizer
 * (normalize.ts): the rules of rules/index.ts compiled, a dispatch on a trie of the prefixes
 * their expressions begin with, the built-value cache, and the three ways to use them:
 * - matchAt / longestMatchAt: the rule matches starting at a position of running text, longest
 *   first; among matches of the same length, the rule listed first in RULES wins;
 * - normalizeCore: a whole expression, the first rule in RULES whose expression matches all of
 *   it and whose builder gives a value.
 * Both read the rule order, which is why rules/index.ts fixes it. Pure; never throws.
 */
import { type Ymd, parseDct } from './timex';
import { setNestedNormalizer, type Ctx, type Groups, type Normalized, type Rule, type RuleFamily } from './ctx';
import type { Tense } from './tense';
import { RULES } from './rules';

const END = '(?![\\p{L}\\p{N}])';

export interface CompiledRule extends Rule {
  sticky: RegExp;
  full: RegExp;
}

export const COMPILED: CompiledRule[] = RULES.map((r) => ({
  ...r,
  sticky: new RegExp(`(?:${r.src})${END}`, 'iuy'),
  full: new RegExp(`^(?:${r.src})$`, 'iu'),
}));

export function makeCtx(dct: string | undefined, before: string, after: string): Ctx {
  return { dct: parseDct(dct), before, after, tense: null };
}

// ---------------------------------------------------------------------------
// Dispatch: which rules can match at a position
//
// The matches of a rule begin with one of a few short prefixes, read off its regular expression
// in a canonical form (letters lower-cased, every ASCII digit read as 0): a match of 'wd? d month
// year' at "29 June 2022" begins "00 june ". The prefixes of all rules, up to PREFIX_LEN characters,
// form a trie; at a position only the rules whose prefix the text there begins with are tried.
// The analysis over-approximates: negative lookarounds are taken to hold, a positive lookahead
// is read instead of what follows it, and a prefix stops early before a character class that is
// not a short list ("recent \p{Lu}..." gives "recent "). A prefix that is a whole match counts
// only where no letter or digit follows (the rules end there). A text character whose case
// folding is not plain lower-casing (a letter other than ASCII and basic Cyrillic, a surrogate)
// stops the walk, and every rule with a prefix below that point is tried. Tests check on
// generated text that no rule that matches is ever skipped (test/unit/dates/dispatch.test.ts).
//
// Then the candidates are built longest first; a value built without reading the text around
// the match is kept and reused for the same rule, matched text (and groups) and DCT, and the
// rules whose groups follow from the matched text are matched with test() (no match object)
// until one has to be built.

const PREFIX_LEN = 8;

/** A parsed rule expression: the subset of regular expression syntax the rules use. */
type RxNode =
  | { t: 'chars'; cs: string[] } // one character out of a list (canonical forms)
  | { t: 'stop' } // a character the prefix cannot follow (a wide class, a back reference)
  | { t: 'group'; alts: RxNode[][] }
  | { t: 'look'; alts: RxNode[][] } // a lookahead: the text there begins with a match of it
  | { t: 'rep'; node: RxNode; min: number; max: number }
  | { t: 'empty' }; // other assertions: negative lookarounds, lookbehinds, \b, ^, $

/** Canonical form of a character of a rule (one code point), or undefined if it has none. */
function canonRuleChar(c: string): string | undefined {
  const u = c.codePointAt(0)!;
  if (c.length !== 1) return undefined;
  if (u >= 48 && u <= 57) return '0';
  if (u < 128) return u >= 65 && u <= 90 ? String.fromCharCode(u + 32) : c;
  if (u >= 0x410 && u <= 0x44f) return u <= 0x42f ? String.fromCharCode(u + 32) : c;
  if (u === 0x2019 || u === 0x2013 || u === 0x2014) return c; // ’ – —: no case variants
  return undefined;
}

/** [\p{L}\p{N}] for BMP code units >= 128, filled on first use: 0 unknown, 1 no, 2 yes. */
let bmpLN: Uint8Array | undefined;
const LN_CHAR = /^[\p{L}\p{N}]$/u;

/** Whether a code point is a letter or a number (\p{L} or \p{N}). */
export function isLetterOrDigit(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  if (cp < 0x10000) {
    if (!bmpLN) bmpLN = new Uint8Array(0x10000);
    let k = bmpLN[cp];
    if (k === 0) bmpLN[cp] = k = LN_CHAR.test(String.fromCharCode(cp)) ? 2 : 1;
    return k === 2;
  }
  return LN_CHAR.test(String.fromCodePoint(cp));
}

/**
 * Canonical form of a code unit of the text, or -1 where the walk must stop: a letter or digit
 * other than ASCII and basic Cyrillic (its case folding may reach a rule's letter), a surrogate.
 */
function canonTextUnit(u: number): number {
  if (u < 128) return u >= 48 && u <= 57 ? 48 : u >= 65 && u <= 90 ? u + 32 : u;
  if (u >= 0x410 && u <= 0x44f) return u <= 0x42f ? u + 32 : u;
  if (u >= 0xd800 && u <= 0xdfff) return -1;
  return isLetterOrDigit(u) ? -1 : u;
}

/** Parses a rule expression (u mode); throws on syntax it does not know. */
function parseRx(src: string): RxNode[][] {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`rule analysis: ${why} at ${i} in ${src.slice(0, 60)}`);
  };
  const STOP: RxNode = { t: 'stop' };
  const char = (c: string): RxNode => {
    const k = canonRuleChar(c);
    return k === undefined ? STOP : { t: 'chars', cs: [k] };
  };
  const escape = (inClass: boolean): RxNode => {
    const e = src[i++];
    if (e === 'd') return { t: 'chars', cs: ['0'] };
    if ((e === 'b' || e === 'B') && !inClass) return { t: 'empty' };
    if (e === 'p' || e === 'P') {
      const end = src.indexOf('}', i);
      if (src[i] !== '{' || end < 0) fail('\\p');
      i = end + 1;
      return STOP;
    }
    if (e === 'k') {
      const end = src.indexOf('>', i);
      if (src[i] !== '<' || end < 0) fail('\\k');
      i = end + 1;
      return STOP;
    }
    if (e !== undefined && /[sSwWD]/.test(e)) return STOP;
    if (e !== undefined && /[.\\/()[\]{}?*+|^$\-]/.test(e)) return char(e);
    return fail(`escape \\${e}`);
  };
  const parseClass = (): RxNode => {
    if (src[i] === '^') {
      // negated: any character but a few
      const end = src.indexOf(']', i + 1);
      if (end < 0) fail('unclosed class');
      i = end + 1;
      return STOP;
    }
    const cs = new Set<string>();
    let wide = false;
    const add = (n: RxNode) => {
      if (n.t === 'chars') for (const c of n.cs) cs.add(c);
      else wide = true;
    };
    const item = (): { node: RxNode; raw?: string } => {
      if (src[i] === '\\') {
        i++;
        const before = i;
        const node = escape(true);
        return { node, raw: i === before + 1 && node.t === 'chars' ? src[before] : undefined };
      }
      const cp = src.codePointAt(i)!;
      const raw = String.fromCodePoint(cp);
      i += raw.length;
      return { node: char(raw), raw };
    };
    while (i < src.length && src[i] !== ']') {
      const a = item();
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        const b = item();
        if (a.raw === undefined || b.raw === undefined) return fail('class range');
        const lo = a.raw.codePointAt(0)!;
        const hi = b.raw.codePointAt(0)!;
        if (hi < lo || hi - lo > 200) {
          wide = true;
        } else {
          for (let cp = lo; cp <= hi; cp++) add(char(String.fromCodePoint(cp)));
        }
      } else {
        add(a.node);
      }
    }
    if (src[i] !== ']') fail('unclosed class');
    i++;
    return wide ? STOP : { t: 'chars', cs: [...cs] };
  };
  const parseAlts = (): RxNode[][] => {
    const alts: RxNode[][] = [[]];
    while (i < src.length) {
      const ch = src[i];
      if (ch === ')') break;
      if (ch === '|') {
        i++;
        alts.push([]);
        continue;
      }
      let atom: RxNode;
      if (ch === '(') {
        i++;
        let kind: 'group' | 'look' | 'empty' = 'group';
        if (src.startsWith('?:', i)) i += 2;
        else if (src.startsWith('?=', i)) { i += 2; kind = 'look'; }
        else if (src.startsWith('?!', i)) { i += 2; kind = 'empty'; }
        else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) { i += 3; kind = 'empty'; }
        else if (src.startsWith('?<', i)) i = src.indexOf('>', i) + 1;
        else if (src[i] === '?') fail('group kind');
        const inner = parseAlts();
        if (src[i] !== ')') fail('unclosed group');
        i++;
        atom = kind === 'empty' ? { t: 'empty' } : { t: kind, alts: inner };
      } else if (ch === '[') {
        i++;
        atom = parseClass();
      } else if (ch === '\\') {
        i++;
        atom = escape(false);
      } else if (ch === '^' || ch === '$') {
        i++;
        atom = { t: 'empty' };
      } else if (ch === '.') {
        i++;
        atom = STOP;
      } else if (ch === '?' || ch === '*' || ch === '+' || ch === '{' || ch === ']' || ch === '}') {
        return fail(`unexpected ${ch}`);
      } else {
        const raw = String.fromCodePoint(src.codePointAt(i)!);
        i += raw.length;
        atom = char(raw);
      }
      let min = 1;
      let max = 1;
      const q = src[i];
      if (q === '?') { min = 0; i++; }
      else if (q === '*') { min = 0; max = Infinity; i++; }
      else if (q === '+') { max = Infinity; i++; }
      else if (q === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
        if (!m) return fail('quantifier');
        min = +m[1];
        max = m[2] ? (m[3] ? +m[3] : Infinity) : min;
        i += m[0].length;
      }
      if (min !== 1 || max !== 1) {
        if (src[i] === '?') i++; // lazy: the same language
        if (atom.t !== 'empty') atom = { t: 'rep', node: atom, min, max };
      }
      alts[alts.length - 1].push(atom);
    }
    return alts;
  };
  const alts = parseAlts();
  if (i !== src.length) fail('trailing text');
  return alts;
}

/**
 * Walks the canonical prefixes (at most PREFIX_LEN characters) that every match of a rule
 * begins with one of: `step` reads one more character from a cursor (a string, a trie node);
 * `open` is called where a prefix stops (the match may go on), `closed` where it is a whole
 * match (the rules end where no letter or digit follows). Where a lookahead stands, its own
 * prefixes are followed (the text there begins with a match of it) instead of the rest of the
 * rule. False where the prefixes cannot be listed (the rule is then tried everywhere).
 */
function walkPrefixes<T>(src: string, start: T, step: (at: T, c: string) => T, open: (at: T) => void, closed: (at: T) => void): boolean {
  let steps = 0;
  type Cont = { seq: RxNode[]; at: number; next: Cont } | undefined;
  const OPEN_END: Cont = { seq: [{ t: 'stop' }], at: 0, next: undefined };
  const walk = (k: Cont, p: T, len: number, depth: number): boolean => {
    if (++steps > 2_000_000 || depth > 400) return false;
    if (len >= PREFIX_LEN) {
      open(p);
      return true;
    }
    if (!k) {
      closed(p);
      return true;
    }
    if (k.at >= k.seq.length) return walk(k.next, p, len, depth + 1);
    const n = k.seq[k.at];
    const rest: Cont = { seq: k.seq, at: k.at + 1, next: k.next };
    switch (n.t) {
      case 'empty':
        return walk(rest, p, len, depth + 1);
      case 'stop':
        open(p);
        return true;
      case 'chars':
        for (const c of n.cs) if (!walk(rest, step(p, c), len + 1, depth + 1)) return false;
        return true;
      case 'group':
        for (const alt of n.alts) if (!walk({ seq: alt, at: 0, next: rest }, p, len, depth + 1)) return false;
        return true;
      case 'look':
        for (const alt of n.alts) if (!walk({ seq: alt, at: 0, next: OPEN_END }, p, len, depth + 1)) return false;
        return true;
      case 'rep': {
        if (n.min === 0 && !walk(rest, p, len, depth + 1)) return false;
        if (n.max === 0) return true;
        const again: RxNode = { t: 'rep', node: n.node, min: Math.max(0, n.min - 1), max: n.max - 1 };
        return walk({ seq: [n.node, again], at: 0, next: rest }, p, len, depth + 1);
      }
    }
  };
  try {
    return walk({ seq: [{ t: 'group', alts: parseRx(src) }], at: 0, next: undefined }, start, 0, 0);
  } catch {
    return false;
  }
}

/** Marks a prefix that is a whole match (in the prefixes listed for tests). */
const CLOSED = '$';

/** The prefixes of a rule as strings (CLOSED at the end of a whole match), or undefined. */
function rulePrefixes(src: string): Set<string> | undefined {
  const out = new Set<string>();
  const ok = walkPrefixes(src, '', (p, c) => p + c, (p) => out.add(p), (p) => out.add(p + CLOSED));
  return ok ? out : undefined;
}

/** Whether a symbol is a letter or digit (a whole match cannot go on with it). */
function isWordSymbol(sym: number): boolean {
  return sym === 48 || (sym >= 97 && sym <= 122) || (sym >= 128 && sym <= 159);
}
/** Whether a canonical character is a letter or digit. */
function isWordCanon(u: number): boolean {
  return u === 48 || (u >= 97 && u <= 122) || (u >= 0x430 && u <= 0x44f);
}

/**
 * The trie of rule prefixes in flat arrays: node ids (0 = the root), the child of (node,
 * symbol) in an open-addressing table, and for each node the rules to try where the walk ends
 * there (as indices into `lists`):
 * - stopWord: a letter or digit follows (prefixes along the way, whole matches only where the
 *   text went on with something else);
 * - stopOther: something else follows (also the whole matches ending here);
 * - below: the text cannot be read on (also every rule with a prefix further down).
 */
interface FlatTrie {
  keys: Int32Array; // node * 256 + symbol, -1: empty slot
  vals: Int32Array; // child node
  shift: number;
  stopWord: Int32Array;
  stopOther: Int32Array;
  below: Int32Array;
  lists: number[][];
}

/** Symbol (0-255) of a canonical character on a trie edge, -1 for a character on none. */
function symbolOf(u: number): number {
  if (u < 128) return u;
  if (u >= 0x430 && u <= 0x44f) return 128 + (u - 0x430);
  if (u === 0x2019) return 160;
  if (u === 0x2013) return 161;
  if (u === 0x2014) return 162;
  return -1;
}

function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

const tries: Array<FlatTrie | undefined> = [undefined, undefined];

function prefixTrie(recognizeOnly: boolean): FlatTrie {
  const k = recognizeOnly ? 1 : 0;
  const done = tries[k];
  if (done) return done;
  // rule sets as bit masks of W 32-bit words (rule i: bit i & 31 of word i >> 5)
  const W = Math.max(1, Math.ceil(COMPILED.length / 32));
  const none = (): Uint32Array => new Uint32Array(W);
  const or = (a: Uint32Array, b: Uint32Array): Uint32Array => {
    const o = new Uint32Array(W);
    for (let j = 0; j < W; j++) o[j] = a[j] | b[j];
    return o;
  };
  const child = new Map<number, number>(); // node * 256 + symbol -> node
  const open = [none()], closed = [none()];
  const stepTo = (n: number, c: string): number => {
    const sym = symbolOf(c.charCodeAt(0));
    if (sym < 0) throw new Error(`no symbol for ${c}`);
    const key = n * 256 + sym;
    let m = child.get(key);
    if (m === undefined) {
      m = open.length;
      child.set(key, m);
      open.push(none());
      closed.push(none());
    }
    return m;
  };
  COMPILED.forEach((r, i) => {
    if (recognizeOnly && r.recognize === false) return;
    const mark = (sets: Uint32Array[]) => (n: number) => {
      sets[n][i >> 5] |= 1 << (i & 31);
    };
    if (!walkPrefixes(r.src, 0, stepTo, mark(open), mark(closed))) mark(open)(0); // tried everywhere
  });
  const count = open.length;
  const kids: number[][] = Array.from({ length: count }, () => []);
  for (const [key, m] of child) kids[Math.floor(key / 256)].push(key % 256, m);
  const lists: number[][] = [];
  const listIds = new Map<string, number>();
  const intern = (bits: Uint32Array): number => {
    const key = bits.join(',');
    let id = listIds.get(key);
    if (id === undefined) {
      const list: number[] = [];
      for (let j = 0; j < W; j++) for (let b = 0; b < 32; b++) if (bits[j] & (1 << b)) list.push(32 * j + b);
      id = lists.length;
      lists.push(list);
      listIds.set(key, id);
    }
    return id;
  };
  const stopWord = new Int32Array(count), stopOther = new Int32Array(count), below = new Int32Array(count);
  // returns the rules with a prefix at or below n
  const fill = (n: number, above: Uint32Array): Uint32Array => {
    const w = or(above, open[n]);
    const o = or(w, closed[n]);
    stopWord[n] = intern(w);
    stopOther[n] = intern(o);
    let sub = or(open[n], closed[n]);
    const ks = kids[n];
    for (let j = 0; j < ks.length; j += 2) sub = or(sub, fill(ks[j + 1], isWordSymbol(ks[j]) ? w : o));
    below[n] = intern(or(o, sub));
    return sub;
  };
  fill(0, none());
  let bits = 4;
  while (1 << bits < child.size * 2) bits++;
  const size = 1 << bits;
  const keys = new Int32Array(size).fill(-1), vals = new Int32Array(size);
  const shift = 32 - bits;
  for (const [key, m] of child) {
    let slot = slotOf(key, shift);
    while (keys[slot] !== -1) slot = (slot + 1) & (size - 1);
    keys[slot] = key;
    vals[slot] = m;
  }
  const flat: FlatTrie = { keys, vals, shift, stopWord, stopOther, below, lists };
  tries[k] = flat;
  return flat;
}

/** The rules (indices into COMPILED, in order) that can match at `index` of `text`. */
function rulesAt(text: string, index: number, t: FlatTrie): number[] {
  let n = 0;
  const end = Math.min(text.length, index + PREFIX_LEN);
  const mask = t.keys.length - 1;
  let j = index;
  for (; j < end; j++) {
    const u = canonTextUnit(text.charCodeAt(j));
    if (u < 0) return t.lists[t.below[n]];
    const sym = symbolOf(u);
    let next = -1;
    if (sym >= 0) {
      const key = n * 256 + sym;
      for (let slot = slotOf(key, t.shift); t.keys[slot] !== -1; slot = (slot + 1) & mask) {
        if (t.keys[slot] === key) {
          next = t.vals[slot];
          break;
        }
      }
    }
    if (next < 0) return t.lists[isWordCanon(u) ? t.stopWord[n] : t.stopOther[n]];
    n = next;
  }
  if (j >= text.length) return t.lists[t.stopOther[n]];
  const u = canonTextUnit(text.charCodeAt(j));
  if (u < 0) return t.lists[t.below[n]];
  return t.lists[isWordCanon(u) ? t.stopWord[n] : t.stopOther[n]];
}

/**
 * Rule context with the text around a match cut out only when a builder reads it. One instance
 * serves every candidate in turn (reset before each build): builders do not keep it, and
 * matchAt is not called from a builder.
 */
class LazyCtx implements Ctx {
  tense: Tense | undefined | null = null;
  dct: Ymd | undefined = undefined;
  private b: string | undefined = undefined;
  private a: string | undefined = undefined;
  private text = '';
  private start = 0;
  private end = 0;
  reset(dct: Ymd | undefined, text: string, start: number, end: number): this {
    this.tense = null;
    this.dct = dct;
    this.b = undefined;
    this.a = undefined;
    this.text = text;
    this.start = start;
    this.end = end;
    return this;
  }
  /** Whether the builder read the text around the match (directly or for the tense). */
  read = false;
  get before(): string {
    this.read = true;
    return (this.b ??= this.text.slice(Math.max(0, this.start - 160), this.start));
  }
  set before(v: string) {
    this.b = v;
  }
  get after(): string {
    this.read = true;
    return (this.a ??= this.text.slice(this.end, this.end + 160));
  }
  set after(v: string) {
    this.a = v;
  }
}
const sharedCtx = new LazyCtx();

/**
 * Values built from matches whose builder read no text around them: such a value depends only
 * on the rule, the matched text, its groups and the DCT (builders are pure functions). One entry
 * per rule and matched text; emptied when it grows large.
 */
interface Built { dct: number; groups: Array<string | undefined>; value: Normalized | undefined }
const builtCache: Array<Map<string, Built>> = COMPILED.map(() => new Map());
let builtCount = 0;
const BUILT_MAX = 5000;
/** For tests: empties the cache of built values. */
export function clearBuiltCacheForTest(): void {
  for (const m of builtCache) m.clear();
  builtCount = 0;
}

/** A new string with the code units of s (not a view into a longer string). */
function ownCopy(s: string): string {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  return String.fromCharCode(...codes);
}
/** Names of the groups of each rule, in order. */
const groupNames: string[][] = COMPILED.map((r) => [...r.src.matchAll(/\(\?<([A-Za-z]\w*)>/g)].map((m) => m[1]));

/**
 * Whether a rule's groups follow from its matched text alone: no assertion (lookaround, \b,
 * ^, $) but at the end of the rule, where it is tested at the end of the match, and no group
 * after a lookahead (it could capture text after the match). Then every way
 * through the rule that consumes the same text reads the same characters and meets the same
 * assertions there, and the first such way (the one the engine takes) does not depend on the
 * text around: the same rule and matched text give the same groups.
 */
function groupsFollowText(src: string): boolean {
  if (/\(\?<[=!]/.test(src)) return false; // a lookbehind reads before the match
  const look = src.indexOf('(?=');
  if (look >= 0 && /\(\?<[A-Za-z]/.test(src.slice(look))) return false; // a group in a lookahead is read after the match
  const hasAssertion = (n: RxNode): boolean => {
    switch (n.t) {
      case 'empty':
      case 'look':
        return true;
      case 'group':
        return n.alts.some((alt) => alt.some(hasAssertion));
      case 'rep':
        return hasAssertion(n.node);
      default:
        return false;
    }
  };
  try {
    return parseRx(src).every((alt) => {
      let last = alt.length;
      while (last > 0 && (alt[last - 1].t === 'empty' || alt[last - 1].t === 'look')) last--;
      return alt.slice(0, last).every((n) => !hasAssertion(n));
    });
  } catch {
    return false;
  }
}
/** Rules whose groups follow from the matched text (their built values are cached by it). */
const fromText: boolean[] = COMPILED.map((r) => groupsFollowText(r.src));

/** For tests: the rules whose groups follow from their matched text. */
export function groupsFollowTextForTest(): string[] {
  return COMPILED.filter((_r, i) => fromText[i]).map((r) => r.name);
}

let allRules: number[][] | undefined;

/** Scratch of matchesAt: end, rule index and groups of each rule that matched. */
const candEnd = new Int32Array(COMPILED.length);
const candRule = new Int32Array(COMPILED.length);
const candGroups: Array<Groups | undefined> = new Array(COMPILED.length).fill(undefined);
const candText: Array<string | undefined> = new Array(COMPILED.length).fill(undefined);

export interface RuleMatch { end: number; rule: string; value: Normalized }

/** Builds the match of rule k from index to end; undefined if the builder refuses it. */
function buildMatch(text: string, index: number, dct: Ymd | undefined, k: number, t: string, groups: Groups | undefined): Normalized | undefined {
  const r = COMPILED[k];
  const end = index + t.length;
  const d = dct ? dct.y * 10000 + dct.m * 100 + dct.d : -1;
  const names = groupNames[k];
  const cache = builtCache[k];
  const seen = cache.get(t);
  if (seen && seen.dct === d) {
    // where groups follow from the text they need no comparing (nor an exec to get them)
    let same = true;
    if (!fromText[k]) {
      for (let j = 0; j < names.length; j++) {
        if (seen.groups[j] !== groups![names[j]]) {
          same = false;
          break;
        }
      }
    }
    if (same) return seen.value;
  }
  if (!groups) {
    // matched by test(): the same match again, with its groups
    r.sticky.lastIndex = index;
    const m = r.sticky.exec(text);
    if (!m || m[0] !== t) return undefined; // cannot happen: the same expression at the same place
    groups = (m.groups ?? {}) as Groups;
  }
  const ctx = sharedCtx.reset(dct, text, index, end);
  ctx.read = false;
  let v: Normalized | undefined;
  try {
    v = r.build(groups, t, ctx);
  } catch {
    v = undefined;
  }
  if (!ctx.read && t.length <= 64) {
    if (++builtCount > BUILT_MAX) {
      for (const m of builtCache) m.clear();
      builtCount = 1;
    }
    // own copies: a substring may keep the whole text alive
    const g = groups;
    cache.set(ownCopy(t), { dct: d, groups: names.map((n) => (g[n] === undefined ? undefined : ownCopy(g[n]!))), value: v });
  }
  ctx.reset(undefined, '', 0, 0); // keep no text alive
  return v;
}

/** The longest match found by the last call of longestMatchAt (one record, reused). */
export interface LongestMatch { end: number; rule: string; family: RuleFamily; value: Normalized; text: string }
const longest: LongestMatch = { end: 0, rule: '', family: 'absolute', value: { type: 'DATE', value: '', confident: false }, text: '' };

/**
 * The rule matches at index, longest first (then in rule order), each built into a value: all
 * of them pushed to `all` if given, else only the first one, into `longest`. Whether one was.
 */
function matchesAt(text: string, index: number, dct: Ymd | undefined, recognizeOnly: boolean, exhaustive: boolean, all: RuleMatch[] | undefined): boolean {
  let list: number[];
  if (exhaustive) {
    allRules ??= [COMPILED.map((_r, i) => i), COMPILED.map((r, i) => (r.recognize === false ? -1 : i)).filter((i) => i >= 0)];
    list = allRules[recognizeOnly ? 1 : 0];
  } else {
    list = rulesAt(text, index, prefixTrie(recognizeOnly));
  }
  // candidates in the scratch arrays (matchesAt is not reentrant: builders do not call it)
  let count = 0;
  for (let k = 0; k < list.length; k++) {
    const i = list[k];
    const re = COMPILED[i].sticky;
    re.lastIndex = index;
    if (fromText[i]) {
      // the end is enough for now (test() allocates no match); text and groups when built
      if (!re.test(text) || re.lastIndex === index) continue;
      candEnd[count] = re.lastIndex;
      candGroups[count] = undefined;
      candText[count] = undefined;
    } else {
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      candEnd[count] = index + m[0].length;
      candGroups[count] = (m.groups ?? {}) as Groups;
      candText[count] = m[0];
    }
    candRule[count] = i;
    count++;
  }
  let found = false;
  // longest first, then in rule order (the list is in rule order): pick, build, mark as done
  for (let left = count; left > 0; left--) {
    let best = -1;
    for (let j = 0; j < count; j++) if (candEnd[j] >= 0 && (best < 0 || candEnd[j] > candEnd[best])) best = j;
    const end = candEnd[best];
    const k = candRule[best];
    candEnd[best] = -1;
    const t = candText[best] ?? text.slice(index, end);
    const v = buildMatch(text, index, dct, k, t, candGroups[best]);
    if (!v) continue;
    if (!all) {
      longest.end = end;
      longest.rule = COMPILED[k].name;
      longest.family = COMPILED[k].family;
      longest.value = v;
      longest.text = t;
      found = true;
      break;
    }
    found = true;
    all.push({ end, rule: COMPILED[k].name, value: v });
  }
  candGroups.fill(undefined, 0, count); // keep no match alive
  candText.fill(undefined, 0, count);
  return found;
}

/**
 * All rule matches starting exactly at `index` of `text`, longest first, each built into a
 * value (rules whose builder refuses the match are skipped). Only the rules whose prefixes the
 * text at `index` begins with are tried, unless `exhaustive` (every rule: for tests of that).
 */
export function matchAt(text: string, index: number, dct: Ymd | undefined, recognizeOnly: boolean, firstOnly = false, exhaustive = false): RuleMatch[] {
  if (firstOnly) {
    if (!matchesAt(text, index, dct, recognizeOnly, exhaustive, undefined)) return [];
    return [{ end: longest.end, rule: longest.rule, value: longest.value }];
  }
  const out: RuleMatch[] = [];
  matchesAt(text, index, dct, recognizeOnly, exhaustive, out);
  return out;
}

/**
 * The longest rule match at `index` that builds a value, as matchAt(text, index, dct, true,
 * true)[0] but with the matched text, in a record that the next call reuses.
 */
export function longestMatchAt(text: string, index: number, dct: Ymd | undefined, exhaustive = false): LongestMatch | undefined {
  return matchesAt(text, index, dct, true, exhaustive, undefined) ? longest : undefined;
}

/** For tests: the rules (indices into COMPILED) that matchAt tries at `index`. */
export function dispatchedRulesForTest(text: string, index: number, recognizeOnly: boolean): number[] {
  return [...rulesAt(text, index, prefixTrie(recognizeOnly))];
}

/**
 * For tests: the canonical prefixes of each rule (undefined: the rule is tried everywhere); a
 * prefix that is a whole match ends with $.
 */
export function rulePrefixesForTest(): Array<{ name: string; prefixes: string[] | undefined }> {
  return COMPILED.map((r) => {
    const p = rulePrefixes(r.src);
    return { name: r.name, prefixes: p && [...p].sort() };
  });
}

/** Normalizes a whole expression with the rules (first rule whose regex matches it entirely). */
export function normalizeCore(expr: string, c: Ctx, nested = false): Normalized | undefined {
  for (const r of COMPILED) {
    if (nested && r.name === 'mod target') continue;
    const m = r.full.exec(expr);
    if (!m) continue;
    let v: Normalized | undefined;
    try {
      v = r.build((m.groups ?? {}) as Groups, expr, c);
    } catch {
      v = undefined;
    }
    if (v) return v;
  }
  return undefined;
}

setNestedNormalizer((expr, c) => normalizeCore(expr, c, true));
