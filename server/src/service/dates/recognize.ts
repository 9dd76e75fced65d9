/**
 * Finds temporal expressions in running text (TIMEX3 extent conventions: no leading
 * preposition, "the past three decades" with its determiner, "2015 and 2017" as two).
 *
 * One left-to-right scan over word tokens: at a token that can start an expression (a digit, a
 * month, "the", "last", ...) the rules whose first characters fit the text there are tried
 * anchored (matchAt dispatches on a trie of rule prefixes), and the longest match that builds a
 * value wins; the scan resumes after it. Every rule is bounded (no unbounded repetition), so each
 * position costs a bounded amount of work and the scan is linear in the text length. Never throws.
 */
import { isLetterOrDigit, longestMatchAt } from './engine';
import { ANAPHORIC_RULES } from './rules/relative';
import type { Normalized } from './ctx';
import { dayNumber, fromDayNumber, isoWeekday, parseDct, type Ymd } from './timex';
import { guessTense } from './tense';

/** A date expression found in running text: where it is, and its normalized value. */
export interface FoundDate extends Normalized {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

/** Words that can begin an expression (lower case). Tokens starting with a digit always can. */
const START_WORDS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'mondays tuesdays wednesdays thursdays fridays saturdays sundays ' +
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen ' +
    'seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen half ' +
    'a an several few many some numerous dozens hundreds countless multiple couple single ' +
    'about around nearly almost approximately roughly more over less under at up no not just well barely fewer ' +
    'the this last next past previous coming following current earlier later early late same present ' +
    'mid midafternoon midmorning beginning start middle end close turn dawn very between from fiscal fy q1 q2 q3 q4 h1 h2 that ' +
    'today yesterday tomorrow tonight spring summer autumn fall winter once twice thrice every each ' +
    'annually yearly monthly weekly daily nightly hourly quarterly biannually biennially semi semiannually ' +
    'fortnightly per annual year yearlong noon midday midnight now right nowadays recently lately recent ' +
    'soon quite future shortly someday currently as thanksgiving christmas easter halloween election independence memorial labor new twenties thirties forties fifties sixties seventies eighties nineties first second third fourth final 1st 2nd 3rd 4th ' +
    'long short medium near distant foreseeable immediate old number remaining subsequent preceding ensuing intervening ' +
    'week month decade century weekend day years decades months weeks days centuries hours minutes ' +
    'этом прошлом следующем этой прошлой следующей ' +
    'сегодня вчера завтра позавчера послезавтра в на ' +
    'января февраля марта апреля мая июня июля августа сентября октября ноября декабря ' +
    'январь январе февраль феврале март марте апрель апреле май мае июнь июне июль июле август августе ' +
    'сентябрь сентябре октябрь октябре ноябрь ноябре декабрь декабре'
  ).split(/\s+/),
);

// ---------------------------------------------------------------------------
// Character classes without allocation: a word is a run of [\p{L}\p{N}] code points

/** 1 where an ASCII code unit is a letter or digit. */
const ASCII_LN = new Uint8Array(128);
/** The lower case of an ASCII letter or digit, 0 for other ASCII code units. */
const ASCII_LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_LN[c] = /[A-Za-z0-9]/.test(ch) ? 1 : 0;
  ASCII_LOWER[c] = ASCII_LN[c] ? ch.toLowerCase().charCodeAt(0) : 0;
}
/** Whether a code point (not a code unit) is a letter or a number. */
const isLN = isLetterOrDigit;

/** The code point at i (a lone surrogate stands for itself). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Whether the single code unit c is [\p{L}\p{N}_] (a lone surrogate never is). */
function isWordUnit(c: number): boolean {
  if (c === 95) return true;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return isLN(c);
}

/**
 * Hash of a lower-cased word (16 bits), computed on the code units of the text without a string.
 * Lower-casing is exact for ASCII and basic Cyrillic; any other code unit >= 128 makes the word
 * "complex" (-1) and the caller lower-cases the string itself.
 */
function hashStep(h: number, c: number): number {
  if (h < 0) return h;
  if (c < 128) return ((h * 31) ^ ASCII_LOWER[c]) & 0xffff;
  if (c >= 0x410 && c <= 0x44f) return ((h * 31) ^ (c <= 0x42f ? c + 32 : c)) & 0xffff;
  return -1;
}
function lowerHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/** Frequent words that start an expression only before another start word or a unit. */
const WEAK_STARTS = new Set(['the', 'a', 'an', 'at', 'up', 'no', 'not', 'just', 'well', 'more', 'less', 'very', 'quite', 'right', 'some', 'over', 'in', 'that', 'на', 'в']);
const UNIT_WORDS = new Set(
  ('second seconds minute minutes hour hours day days week weeks weekend fortnight fortnights month months ' +
    'quarter quarters year years decade decades century centuries millennium millennia morning afternoon evening ' +
    'night least most present moment old half same past latest comparable full whole entire prior than').split(' '),
);

/** Lower case of a code unit where lowerHash reads it plainly (ASCII, basic Cyrillic). */
function lowerUnit(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return c >= 0x410 && c <= 0x42f ? c + 32 : c;
}

/** Words after a weak start that let it start an expression. */
// ("up to 180 days", "no more than sixty days": the bound's words, TIMEX3 mods EQUAL_OR_LESS/MORE)
// ("an additional year", "a further two weeks": the words the duration rule reads between amount and unit)
// ("the eighth day": the ordinals past "fourth", which start no expression themselves; "by that time")
const AFTER_WEAK = new Set([...[...START_WORDS].filter((w) => !WEAK_STARTS.has(w)), ...UNIT_WORDS, 'the', 'a', 'an', 'to', 'more', 'less', 'fewer',
  'additional', 'further', 'extra', 'consecutive', 'straight', 'successive', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'time']);

/** What a word is: a start word, a weak start, a word that lets a weak start start. */
const START = 1;
const WEAK = 2;
const AFTER = 4;

/**
 * The start words, weak starts and words after a weak start, looked up on the text by their
 * lowerHash without cutting a string: a chain of entries per hash.
 */
const wordHead = new Int16Array(0x10000).fill(-1);
const wordNext: number[] = [];
const wordText: string[] = [];
const wordFlags: number[] = [];
for (const w of new Set([...START_WORDS, ...WEAK_STARTS, ...AFTER_WEAK])) {
  const h = lowerHash(w, 0, w.length);
  if (h < 0) throw new Error(`not a plain word: ${w}`);
  wordText.push(w);
  wordFlags.push((START_WORDS.has(w) ? START : 0) | (WEAK_STARTS.has(w) ? WEAK : 0) | (AFTER_WEAK.has(w) ? AFTER : 0));
  wordNext.push(wordHead[h]);
  wordHead[h] = wordText.length - 1;
}

/** The flags of text[start, end) lower-cased (0: none of the words); h = its lowerHash, >= 0. */
function wordFlagsAt(text: string, start: number, end: number, h: number): number {
  next: for (let e = wordHead[h]; e >= 0; e = wordNext[e]) {
    const w = wordText[e];
    if (w.length !== end - start) continue;
    for (let j = 0; j < w.length; j++) if (lowerUnit(text.charCodeAt(start + j)) !== w.charCodeAt(j)) continue next;
    return wordFlags[e];
  }
  return 0;
}

/**
 * Whether the word token text[start, end) (not a digit or a quote: those always can) can begin an
 * expression: a start word, a weak one only before a digit, a strong start word, a unit or an
 * article. h is lowerHash of the token (-1: not plain, the strings are lower-cased instead).
 */
function canStartWord(text: string, start: number, end: number, h: number): boolean {
  if (end - start > 12) return false;
  let weak: boolean;
  if (h >= 0) {
    if (wordHead[h] < 0) return false;
    const f = wordFlagsAt(text, start, end, h);
    if ((f & START) === 0) return false;
    weak = (f & WEAK) !== 0;
  } else {
    const w = text.slice(start, end).toLowerCase();
    if (!START_WORDS.has(w)) return false;
    weak = WEAK_STARTS.has(w);
  }
  if (!weak) return true;
  // the next word: after 1 to 3 code points that are not letters or digits
  let i = end;
  let gap = 0;
  while (i < text.length && gap <= 3) {
    const cp = codePointAt(text, i);
    if (isLN(cp)) break;
    i += cp > 0xffff ? 2 : 1;
    gap++;
  }
  if (gap < 1 || gap > 3 || i >= text.length) return false;
  const from = i;
  i = runEnd(text, i, 0);
  const d = text.charCodeAt(from);
  if (d >= 48 && d <= 57) return true;
  if (runHash >= 0) return (wordFlagsAt(text, from, i, runHash) & AFTER) !== 0;
  return AFTER_WEAK.has(text.slice(from, i).toLowerCase());
}

/** lowerHash of the run read by the last runEnd call. */
let runHash = 0;

/**
 * The end of the run of letters and digits (code points) from i; sets runHash to the hash h
 * continued over it (h = -1: not wanted).
 */
function runEnd(text: string, i: number, h: number): number {
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d < 128) {
      const l = ASCII_LOWER[d];
      if (l === 0) break;
      if (h >= 0) h = ((h * 31) ^ l) & 0xffff;
      i++;
    } else {
      const dp = codePointAt(text, i);
      if (!isLN(dp)) break;
      h = hashStep(h, d);
      i += dp > 0xffff ? 2 : 1;
    }
  }
  runHash = h;
  return i;
}

/** A quote at i begins a token before a decade ("'90s": a digit, 0 and s follow). */
function isDecadeQuote(text: string, i: number): boolean {
  const d = text.charCodeAt(i + 1);
  return d >= 48 && d <= 57 && text.charCodeAt(i + 2) === 48 && text.charCodeAt(i + 3) === 115;
}

/**
 * Finds date, time, duration and set expressions in text, valued against dct (YYYY-MM-DD).
 * Offsets are UTF-16 code units. Results are sorted by start; a year range ("between 2014 and
 * 2016", a DURATION) is followed by its two years, nested in it.
 */
export function findDates(text: string, dct?: string): FoundDate[] {
  return scan(text, dct, true, true);
}

/**
 * The same scan without the token prefilter and the rule dispatch: every word start is tried
 * with every rule. Slow; for tests that check the prefilter and the dispatch lose nothing.
 */
export function findDatesUnfiltered(text: string, dct?: string): FoundDate[] {
  return scan(text, dct, false, false);
}

/**
 * The same scan with the token prefilter but without the rule dispatch: every rule is tried at
 * every token that can start an expression. For tests that check the dispatch loses nothing.
 */
export function findDatesAllRules(text: string, dct?: string): FoundDate[] {
  return scan(text, dct, true, false);
}

/** The last DCT parsed, for the next call (paragraph after paragraph with the same DCT). */
let lastDct: { dct: string | undefined; ymd: Ymd | undefined } = { dct: undefined, ymd: undefined };

function scan(text: string, dct: string | undefined, filtered: boolean, dispatch: boolean): FoundDate[] {
  const out: FoundDate[] = [];
  const rawEnds: number[] = []; // ends before trimming a possessive
  const rules: string[] = []; // the rule of each hit
  try {
    if (typeof text !== 'string' || text.length === 0) return [];
    if (lastDct.dct !== dct || typeof dct !== 'string') lastDct = { dct, ymd: parseDct(dct) };
    const anchor = lastDct.ymd;
    // tokens: runs of letters and digits, and a quote before a decade ("'90s"), as
    // /[\p{L}\p{N}]+|['’](?=\d0s)/gu would find them
    const n = text.length;
    let i = 0;
    while (i < n) {
      const start = i;
      const c = text.charCodeAt(i);
      let always = false; // a digit or a quote: can always start an expression
      let h = 0;
      if (c < 128) {
        const l = ASCII_LOWER[c];
        if (l === 0) {
          if (c !== 39 || !isDecadeQuote(text, i)) {
            i++;
            continue;
          }
          always = true;
          i++;
        } else {
          always = c <= 57;
          // the ASCII run here, the rest (if any) by runEnd
          h = l;
          i++;
          for (; i < n; i++) {
            const d = text.charCodeAt(i);
            if (d >= 128) break;
            const m = ASCII_LOWER[d];
            if (m === 0) break;
            h = ((h * 31) ^ m) & 0xffff;
          }
          if (i < n && text.charCodeAt(i) >= 128) {
            i = runEnd(text, i, h);
            h = runHash;
          }
        }
      } else if (c === 0x2019 && isDecadeQuote(text, i)) {
        always = true;
        i++;
      } else {
        const cp = codePointAt(text, i);
        const w = cp > 0xffff ? 2 : 1;
        if (!isLN(cp)) {
          i += w;
          continue;
        }
        i = runEnd(text, i + w, hashStep(0, c));
        h = runHash;
      }
      if (start > 0) {
        const p = text.charCodeAt(start - 1);
        if (p < 128 ? p === 95 || ASCII_LN[p] === 1 : isWordUnit(p)) continue;
      }
      // most words are no start word: their hash is in no chain
      if (filtered && !always && (i - start > 12 || (h >= 0 && wordHead[h] < 0) || !canStartWord(text, start, i, h))) continue;
      const best = longestMatchAt(text, start, anchor, !dispatch);
      if (!best) continue;
      out.push(toFound(start, best.end, best.text, best.value));
      rawEnds.push(best.end);
      rules.push(best.rule);
      if (best.rule === 'year range') {
        // the two years of a range are dates of their own
        for (const y of text.slice(start, best.end).matchAll(/\d{4}/g)) {
          const s = start + (y.index ?? 0);
          out.push(toFound(s, s + 4, y[0], { type: 'DATE', value: y[0], confident: true }));
          rawEnds.push(s + 4);
          rules.push('year');
        }
      }
      i = Math.max(best.end, start + 1);
    }
    anchorTimes(text, out, rawEnds, anchor);
    anchorReportingPeriods(text, out, rules);
    anchorFollowingPrevious(text, out, rules, rawEnds, anchor?.y);
  } catch {
    // never throw: return what was found so far
  }
  return out;
}

/** The result for a match [start, end) (its text: t) of value v. */
function toFound(start: number, end: number, t: string, v: Normalized): FoundDate {
  // extent conventions: no possessive ("Friday's" -> "Friday"; not "the 1990's")
  const n = t.length;
  const q = t.charCodeAt(n - 2);
  if (n >= 2 && t.charCodeAt(n - 1) === 115 && (q === 39 || q === 0x2019)) {
    const d = t.charCodeAt(n - 4);
    if (!(n >= 4 && t.charCodeAt(n - 3) === 48 && d >= 48 && d <= 57)) {
      end -= 2;
      t = t.slice(0, -2);
    }
  }
  if (!v.mod && !v.quant && !v.freq) return { start, end, text: t, type: v.type, value: v.value, confident: v.confident };
  // the optional fields between value and confident (key order is visible in JSON)
  const f = { start, end, text: t, type: v.type, value: v.value } as FoundDate;
  if (v.mod) f.mod = v.mod;
  if (v.quant) f.quant = v.quant;
  if (v.freq) f.freq = v.freq;
  f.confident = v.confident;
  return f;
}

/** The day (YYYY-MM-DD) a hit names: a day-precise DATE, or a TIME that says its day ("4 a.m. EDT Thursday"). */
function dayOfHit(o: FoundDate): string | undefined {
  if (o.type === 'DATE') return /^\d{4}-\d{2}-\d{2}$/.test(o.value) ? o.value : undefined;
  if (o.type === 'TIME' && o.confident && /^\d{4}-\d{2}-\d{2}T/.test(o.value)) return o.value.slice(0, 10);
  return undefined;
}

/**
 * A clock time without a day ("at 18:00 UTC", "10 p.m.", "at noon") takes the day of the
 * nearest day-precise date in the same sentence ("made its first flight Tuesday ... at 18:00
 * UTC", "at 4 in the morning (4 a.m. EDT Thursday)"). Without one, it takes the reference time of
 * the narrative (TimeML: a time of day without its date is anchored like any relative expression,
 * on the time the text speaks of, by default the DCT): the last day-precise date mentioned before
 * it, in its paragraph or the one before, when its clause narrates that day (past tense and a day
 * before the DCT, or future tense and a day after it); otherwise the DCT reading stays.
 */
function anchorTimes(text: string, hits: FoundDate[], ends: number[], dct: Ymd | undefined): void {
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (h.type !== 'TIME' || h.confident || !/^\d{4}-\d{2}-\d{2}T\d/.test(h.value)) continue;
    let best: string | undefined;
    let confident = false;
    let bestDist = Infinity;
    for (let j = Math.max(0, i - 3); j < Math.min(hits.length, i + 4); j++) {
      const o = hits[j];
      const day = j === i ? undefined : dayOfHit(o);
      if (!day) continue;
      const a = Math.min(ends[j], ends[i]), b = Math.max(o.start, h.start);
      const between = text.slice(Math.min(a, b), Math.max(a, b));
      if (/[.!?](?:\s|$)|\n/.test(between) || between.length > 120) continue;
      const dist = between.length;
      if (dist < bestDist) { bestDist = dist; best = day; confident = o.confident; }
    }
    if (!best && dct) best = narrativeDay(text, hits, ends, i, dct);
    if (best) {
      h.value = best + h.value.slice(10);
      h.confident = confident;
    }
  }
}

/** The last day-precise date before hits[i], in its paragraph or the one before, if the clause of hits[i] narrates it. */
function narrativeDay(text: string, hits: FoundDate[], ends: number[], i: number, dct: Ymd): string | undefined {
  const h = hits[i];
  // a bounded look back (the scan stays linear): hits ending within 1500 characters
  for (let j = i - 1; j >= 0 && h.start - ends[j] <= 1500; j--) {
    const day = dayOfHit(hits[j]);
    if (!day) continue;
    const between = text.slice(ends[j], h.start);
    // the paragraph of the time or the one before (a blank line, or a line break, between paragraphs)
    if ((between.match(/\n\s*\n|\n(?!\s*\n)/g)?.length ?? 0) > 1) return undefined;
    const s = sentenceStart(text, h.start);
    const tense = guessTense(text.slice(s, h.start), sentenceTailOf(text, h.end));
    const d = dct.y * 10000 + dct.m * 100 + dct.d;
    const n = +day.replace(/-/g, '');
    if ((tense === 'past' && n < d) || (tense === 'future' && n > d)) return day;
    return undefined;
  }
  return undefined;
}

/** Where the sentence holding offset at starts (after the last ". " or line break before it). */
function sentenceStart(text: string, at: number): number {
  const from = Math.max(0, at - 300);
  const m = /[\s\S]*(?:[.!?]["'’”]*\s|\n)/.exec(text.slice(from, at));
  return m ? from + m[0].length : from;
}
/** The rest of the sentence from offset at (up to 200 characters). */
function sentenceTailOf(text: string, at: number): string {
  const t = text.slice(at, at + 200);
  const m = /[.!?](?:\s|$)|\n/.exec(t);
  return m ? t.slice(0, m.index) : t;
}

/** Rules whose quarter is a named one ("the third quarter", "Q3 2024"): anchors of the ones below. */
const NAMED_QUARTER_RULES = new Set(['quarter', 'Qn year']);
/** A comparison right before a hit: "up 15% from ... a year earlier", "compared with ... a year ago". */
const COMPARED = /\b(?:from|with|than|versus|vs\.?|against)\b(?:[^.;:!?\n]|\.(?=\d))*$/i;
// (not "last year": in comparisons TimeBank values it as the year as often as the quarter)
const YEAR_BACK = /^an? year (?:ago|earlier|before)$/i;

/**
 * Business news reports on a period: once a quarter is named ("net income in the third quarter
 * rose to ..."), "the quarter", "the latest quarter", "that quarter" are that quarter, "the
 * year-ago quarter" and "year-earlier results" the same quarter a year before, and so is "a year
 * earlier" or "last year" in a comparison ("up from $5 million a year earlier"). TimeML values an
 * anaphoric expression from its anchor, the time it refers back to (TimeML 1.2.1, 2.2.1: temporal
 * functions anchored on a time in the text, not only on the DCT). One pass over the hits.
 */
function anchorReportingPeriods(text: string, hits: FoundDate[], rules: string[]): void {
  let y = 0;
  let q = 0;
  let end = -1; // end of the last named quarter (-1: none yet)
  /** A quarter's value (YYYY-Qn) anchors what follows, from its end. */
  const anchorOn = (h: FoundDate): void => {
    const m = /^(\d{4})-Q([1-4])$/.exec(h.value);
    if (!m) return;
    y = +m[1];
    q = +m[2];
    end = h.end;
  };
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const r = rules[i];
    if (NAMED_QUARTER_RULES.has(r)) {
      anchorOn(h);
      continue;
    }
    if (r === 'reporting period' || r === 'year-ago') {
      const back = /year-|prior-year|^last year/i.test(h.text) ? 1 : 0;
      // "the latest quarter", "the most recent quarter" say which quarter they are from the
      // publication date (the last completed one, TIMEX3's reading of the deictic adjective with a
      // calendar unit), not from a quarter named before (a fiscal "fourth quarter ended Sept. 30"
      // is not the latest calendar quarter); they anchor what follows. "The latest period" has no
      // calendar unit: it is the period reported, anchored like "the quarter" (TimeBank agrees)
      if (!back && /^the (?:latest|most recent) quarter$/i.test(h.text)) {
        anchorOn(h);
        continue;
      }
      if (end < 0 || h.start - end > 1500) {
        // no quarter named (near enough): the guess of the rule anchors what follows
        if (!back) anchorOn(h);
        continue;
      }
      // "the 1988 quarter": the quarter reported, in the year named
      const named = /\b(\d{4}) (?:quarter|period)$/i.exec(h.text);
      h.value = `${named ? named[1] : String(y - back).padStart(4, '0')}-Q${q}`;
      continue;
    }
    if (end < 0 || h.start - end > 1500) continue;
    if ((r === 'ago' || r === 'rel unit') && YEAR_BACK.test(h.text) && COMPARED.test(text.slice(Math.max(0, h.start - 80), h.start))) {
      h.value = `${String(y - 1).padStart(4, '0')}-Q${q}`;
    }
  }
}

/** "the following year", "the year before", "the previous month", "the full year": a year or month off another (or itself). */
const OFF_ANCHOR = /^the (?:(?<a>following|previous|prior|full|whole|entire) (?<u1>year|month)|(?<u2>year|month) (?<b>before|after|earlier|later|previous))$/i;

/**
 * "the following year", "the year before", "the previous month" are anchored on the time the
 * text spoke of last (TimeML: relative expressions anchor on a time in the text when they refer
 * back to it; "In 1995 ..., and the following year" is 1996), not on the publication date. Only
 * when such a time precedes them (within a few sentences); otherwise the DCT reading stays.
 */
function anchorFollowingPrevious(text: string, hits: FoundDate[], rules: string[], ends: number[], dctYear: number | undefined): void {
  let lastY = -1; // the last year spoken of
  let lastM = -1; // its month, if it had one (-1: none)
  let lastEnd = -1;
  // the last date spoken of as a day of the calendar and how precise it was, for the anaphoric
  // rules (ANAPHORIC_RULES: "that day", "the next morning", "the previous Friday", "a day earlier")
  let last: TextAnchor | undefined;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    // "the next day", "that year", "the previous Friday" refer back whatever the distance (the DCT
    // is no reading of them); "three days later" also compares with the publication (near only)
    if (last && ANAPHORIC_RULES.has(rules[i]) && (rules[i] !== 'ago' || h.start - last.end < 600)) reanchor(text, h, rules[i], ends[i], last);
    const m = OFF_ANCHOR.exec(h.text);
    if (m && lastEnd >= 0 && h.start - lastEnd < 600) {
      const g = m.groups!;
      const unit = (g.u1 ?? g.u2)!.toLowerCase();
      const dir = (g.a ?? g.b)!.toLowerCase();
      // "the full year" is the year spoken of itself ("a loss in the fourth quarter of 2005 and for the full year")
      const sign = /^(?:following|after|later)$/.test(dir) ? 1 : /^(?:full|whole|entire)$/.test(dir) ? 0 : -1;
      // "the full year" is a reporting year: the publication's or the one before, not a forecast's
      const far = sign === 0 && (dctYear === undefined || Math.abs(lastY - dctYear) > 1);
      if (far) {
        // keep the publication year
      } else if (unit === 'year') {
        h.value = String(lastY + sign).padStart(4, '0');
        h.confident = false;
      } else if (lastM > 0) {
        const t = lastY * 12 + (lastM - 1) + sign;
        h.value = `${String(Math.floor(t / 12)).padStart(4, '0')}-${String((t % 12) + 1).padStart(2, '0')}`;
        h.confident = false;
      }
      // the anchored value anchors what follows in turn
    }
    const v = /^(\d{4})(?:-(\d{2})(?!\d))?/.exec(h.value);
    if (h.type === 'DATE' && v) {
      lastY = +v[1];
      lastM = v[2] ? +v[2] : -1;
      lastEnd = h.end;
    }
    last = anchorOf(h) ?? last;
  }
}

/** A date the text spoke of, as the reference time of what refers back to it. */
interface TextAnchor {
  /** The date (its first day where it was a month, a year or a week). */
  ymd: Ymd;
  /** How much of it the text said. */
  prec: 'year' | 'month' | 'week' | 'day';
  /** Its value as the text gave it. */
  value: string;
  end: number;
}

/** The precision of a DATE or TIME value of the calendar (undefined: a reference, a quarter, a decade ...). */
function precisionOf(value: string): TextAnchor['prec'] | undefined {
  if (/^\d{4}-\d{2}-\d{2}(?:T|$)/.test(value)) return 'day';
  if (/^\d{4}-W\d{2}$/.test(value)) return 'week';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}$/.test(value)) return 'year';
  return undefined;
}

function anchorOf(h: FoundDate): TextAnchor | undefined {
  if (h.type !== 'DATE' && h.type !== 'TIME') return undefined;
  const prec = precisionOf(h.value);
  if (!prec) return undefined;
  const y = +h.value.slice(0, 4);
  if (prec === 'week') {
    // the Monday of the ISO week
    const w = +h.value.slice(6, 8);
    const jan4 = dayNumber(y, 1, 4);
    return { ymd: fromDayNumber(jan4 - (isoWeekday(y, 1, 4) - 1) + 7 * (w - 1)), prec, value: h.value, end: h.end };
  }
  const mo = prec === 'year' ? 1 : +h.value.slice(5, 7);
  const d = prec === 'day' ? +h.value.slice(8, 10) : 1;
  return { ymd: { y, m: mo, d }, prec, value: h.value, end: h.end };
}

/** Which value precisions a reference time of a precision fixes (a week does not fix its month). */
const FIXES: Record<TextAnchor['prec'], ReadonlyArray<TextAnchor['prec']>> = {
  day: ['year', 'month', 'week', 'day'],
  week: ['year', 'week'],
  month: ['year', 'month'],
  year: ['year'],
};

/**
 * Values an anaphoric hit from the last date mentioned instead of the DCT: the same rule matched
 * again at the same place with that date as its reference time (one grammar: the rule's builder
 * computes "the next day" from whatever date it is given). The value is kept only where the
 * anchor is precise enough: "the next day" after "in October" stays the DCT's guess. "That same
 * day" after "last October" is a day of that month, 1998-10-XX (TIMEX3 leaves unknown digits X).
 */
function reanchor(text: string, h: FoundDate, rule: string, rawEnd: number, a: TextAnchor): void {
  // "a year earlier" in a comparison is already the year-ago quarter (anchorReportingPeriods)
  if (rule === 'ago' && (!/(?:earlier|later)$/i.test(h.text) || /Q/.test(h.value))) return;
  const m = longestMatchAt(text, h.start, a.ymd);
  if (!m || m.rule !== rule || m.end !== rawEnd) return;
  let value = m.value.value;
  // "by that time": the date spoken of, as precise as it was said
  if (rule === 'that unit' && /time$/i.test(h.text)) value = a.value;
  const prec = precisionOf(value);
  if (!prec) return;
  if (!FIXES[a.prec].includes(prec)) {
    // the same day (month) of a coarser time: its unknown parts are X
    if (rule !== 'that unit' || prec === 'week' || a.prec === 'week') return;
    value = a.prec === 'month' ? value.slice(0, 7) + '-XX' + value.slice(10) : prec === 'month' ? value.slice(0, 4) + '-XX' : value.slice(0, 4) + '-XX-XX' + value.slice(10);
  }
  h.value = value;
  h.type = m.value.type;
  h.confident = false;
}
