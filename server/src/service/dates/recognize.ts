/**
 * Finds temporal expressions in running text (TIMEX3 extent conventions: no leading
 * preposition, "the past three decades" with its determiner, "2015 and 2017" as two).
 *
 * One left-to-right scan over word tokens: a token that can start an expression (a digit, a
 * month, "the", "last", ...) is tested with one combined sticky regular expression; where it
 * matches, the rules are tried anchored there and the longest match that builds a value wins;
 * the scan resumes after it. Every rule is bounded (no unbounded repetition), so each position
 * costs a bounded amount of work and the scan is linear in the text length. Never throws.
 */
import { COMPILED, matchAt, type Normalized, type TimexKind } from './normalize';
import { parseDct } from './timex';

/** A date expression found in running text: where it is, and its normalized value. */
export interface FoundDate extends Normalized {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

function stripNames(src: string): string {
  return src.replace(/\(\?<([A-Za-z]\w*)>/g, '(?:').replace(/\\k<\w+>/g, '[./]');
}

let masterSticky: RegExp | undefined;
let masterGlobal: RegExp | undefined;
function masters(): { sticky: RegExp; global: RegExp } {
  if (!masterSticky || !masterGlobal) {
    const alts = COMPILED.filter((r) => r.recognize !== false).map((r) => stripNames(r.src));
    const src = `(?:${alts.join('|')})(?![\\p{L}\\p{N}])`;
    masterSticky = new RegExp(src, 'iuy');
    masterGlobal = new RegExp(src, 'giu');
  }
  return { sticky: masterSticky, global: masterGlobal };
}

/** Words that can begin an expression (lower case). Tokens starting with a digit always can. */
const START_WORDS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen ' +
    'seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen half ' +
    'a an several few many some numerous dozens hundreds countless multiple couple single ' +
    'about around nearly almost approximately roughly more over less under at up just well barely fewer ' +
    'the this last next past previous coming following current earlier later early late same present ' +
    'mid beginning start middle end close turn dawn very between from fiscal fy q1 q2 q3 q4 h1 h2 ' +
    'today yesterday tomorrow tonight spring summer autumn fall winter once twice thrice every each ' +
    'annually yearly monthly weekly daily nightly hourly quarterly biannually biennially semi semiannually ' +
    'fortnightly per annual year yearlong noon midday midnight now right nowadays recently lately recent ' +
    'soon quite future shortly someday first second third fourth final 1st 2nd 3rd 4th ' +
    'long short medium near distant foreseeable immediate old number remaining subsequent preceding ensuing intervening ' +
    'week month decade century weekend day years decades months weeks days centuries hours minutes ' +
    'этом прошлом следующем этой прошлой следующей ' +
    'сегодня вчера завтра позавчера послезавтра в на ' +
    'января февраля марта апреля мая июня июля августа сентября октября ноября декабря ' +
    'январь январе февраль феврале март марте апрель апреле май мае июнь июне июль июле август августе ' +
    'сентябрь сентябре октябрь октябре ноябрь ноябре декабрь декабре'
  ).split(/\s+/),
);

const TOKEN = /[\p{L}\p{N}]+|['’](?=\d0s)/gu;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Frequent words that start an expression only before another start word or a unit. */
const WEAK_STARTS = new Set(['the', 'a', 'an', 'at', 'up', 'just', 'well', 'more', 'less', 'very', 'quite', 'right', 'some', 'over', 'in', 'на', 'в']);
const UNIT_WORDS = new Set(
  ('second seconds minute minutes hour hours day days week weeks weekend fortnight fortnights month months ' +
    'quarter quarters year years decade decades century centuries millennium millennia morning afternoon evening ' +
    'night least most present moment old half same past').split(' '),
);
const NEXT_WORD = /[^\p{L}\p{N}]{1,3}([\p{L}\p{N}]+)/uy;

function canStart(text: string, tok: string, end: number): boolean {
  const c = tok.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  if (c === 39 || c === 0x2019) return true;
  const w = tok.length <= 12 ? tok.toLowerCase() : '';
  if (!START_WORDS.has(w)) return false;
  if (!WEAK_STARTS.has(w)) return true;
  NEXT_WORD.lastIndex = end;
  const m = NEXT_WORD.exec(text);
  if (!m) return false;
  const n = m[1];
  const d = n.charCodeAt(0);
  if (d >= 48 && d <= 57) return true;
  const nl = n.toLowerCase();
  return (START_WORDS.has(nl) && !WEAK_STARTS.has(nl)) || UNIT_WORDS.has(nl) || nl === 'the' || nl === 'a' || nl === 'an';
}

interface Hit { start: number; end: number; rule: string; type: TimexKind; value: string; mod?: string; quant?: string; freq?: string; confident: boolean }

/**
 * Finds date, time, duration and set expressions in text, valued against dct (YYYY-MM-DD).
 * Offsets are UTF-16 code units. Results are sorted by start; a year range ("between 2014 and
 * 2016", a DURATION) is followed by its two years, nested in it.
 */
export function findDates(text: string, dct?: string): FoundDate[] {
  return scan(text, dct, true);
}

/**
 * The same scan without the token prefilter and the combined expression: every word start is
 * tried with every rule. Slow; for tests that check the prefilter loses nothing.
 */
export function findDatesUnfiltered(text: string, dct?: string): FoundDate[] {
  return scan(text, dct, false);
}

function scan(text: string, dct: string | undefined, filtered: boolean): FoundDate[] {
  const hits: Hit[] = [];
  try {
    if (typeof text !== 'string' || text.length === 0) return [];
    const anchor = parseDct(dct);
    const { sticky } = masters();
    const tok = new RegExp(TOKEN.source, TOKEN.flags);
    let m: RegExpExecArray | null;
    while ((m = tok.exec(text))) {
      const start = m.index;
      if (start > 0 && WORD_CHAR.test(text[start - 1])) continue;
      if (filtered) {
        if (!canStart(text, m[0], start + m[0].length)) continue;
        sticky.lastIndex = start;
        if (!sticky.test(text)) continue;
      }
      const found = matchAt(text, start, anchor, true, true);
      if (found.length === 0) continue;
      const best = found[0];
      hits.push({ start, end: best.end, rule: best.rule, ...best.value });
      if (best.rule === 'year range') {
        // the two years of a range are dates of their own
        for (const y of text.slice(start, best.end).matchAll(/\d{4}/g)) {
          const s = start + (y.index ?? 0);
          hits.push({ start: s, end: s + 4, rule: 'year', type: 'DATE', value: y[0], confident: true });
        }
      }
      tok.lastIndex = Math.max(best.end, start + 1);
    }
    anchorTimes(text, hits);
  } catch {
    // never throw: return what was found so far
  }
  return hits.map((h) => toFound(text, h));
}

function toFound(text: string, h: Hit): FoundDate {
  let { end } = h;
  let s = text.slice(h.start, end);
  // extent conventions: no possessive ("Friday's" -> "Friday")
  if (/['’]s$/.test(s) && !/\d0['’]s$/.test(s)) {
    end -= 2;
    s = s.slice(0, -2);
  }
  return {
    start: h.start,
    end,
    text: s,
    type: h.type,
    value: h.value,
    ...(h.mod ? { mod: h.mod } : {}),
    ...(h.quant ? { quant: h.quant } : {}),
    ...(h.freq ? { freq: h.freq } : {}),
    confident: h.confident,
  };
}

/**
 * A clock time without a day ("at 18:00 UTC") takes the day of the nearest day-precise date in
 * the same sentence ("made its first flight Tuesday ... at 18:00 UTC").
 */
function anchorTimes(text: string, hits: Hit[]): void {
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (h.type !== 'TIME' || h.confident || !/^\d{4}-\d{2}-\d{2}T\d/.test(h.value)) continue;
    let best: Hit | undefined;
    let bestDist = Infinity;
    for (let j = Math.max(0, i - 3); j < Math.min(hits.length, i + 4); j++) {
      const o = hits[j];
      if (j === i || o.type !== 'DATE' || !/^\d{4}-\d{2}-\d{2}$/.test(o.value)) continue;
      const a = Math.min(o.end, h.end), b = Math.max(o.start, h.start);
      const between = text.slice(Math.min(a, b), Math.max(a, b));
      if (/[.!?](?:\s|$)|\n/.test(between) || between.length > 120) continue;
      const dist = between.length;
      if (dist < bestDist) { bestDist = dist; best = o; }
    }
    if (best) {
      h.value = best.value + h.value.slice(10);
      h.confident = best.confident;
    }
  }
}
