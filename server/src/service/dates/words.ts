/**
 * Reading the words of a match: month names (English, Russian), years (two digits nearest the
 * DCT), days, capitals, the TIMEX3 mod of a modifier word (TimeML 1.2.1 §2.3, mod: START, MID,
 * END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE), the code of a part of the
 * day (MO, AF, EV, NI), and what a number after certain words is not (a year). Pure functions.
 */
import { MONTHS, RU_MONTHS } from './vocabulary';
import type { Ymd } from './timex';

export function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}
export function ruMonthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  for (const stem of Object.keys(RU_MONTHS).sort((a, b) => b.length - a.length)) {
    if (w.startsWith(stem)) return RU_MONTHS[stem];
  }
  return undefined;
}
export function yearOf(s: string | undefined, dct?: Ymd): number | undefined {
  if (!s) return undefined;
  const t = s.replace(/^['’]/, '');
  if (t.length === 2) {
    const v = +t;
    // two-digit year: the century that puts it nearest to the publication year
    const base = dct ? Math.floor(dct.y / 100) * 100 : 2000;
    const cands = [base - 100 + v, base + v, base + 100 + v];
    const ref = dct ? dct.y : 2000;
    return cands.reduce((a, b) => (Math.abs(b - ref) < Math.abs(a - ref) ? b : a));
  }
  return +t;
}
export function dayOf(s: string): number { return parseInt(s, 10); }
export function isCap(s: string | undefined): boolean {
  if (!s) return false;
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90; // \p{Lu} in ASCII
  return /^\p{Lu}/u.test(s);
}


/** Month names must be capitalized in English text; bare "May"/"March" need support. */
export function monthOk(word: string | undefined): boolean {
  return !!word && isCap(word);
}


export function modOf(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().replace(/^the\s+/, '').replace(/[-\s]+$/, '').replace(/\s+/g, ' ');
  if (/^(early|beginning of|start of|the start of|dawn of|very early)$/.test(w)) return 'START';
  if (/^(mid|middle of|the middle of|midst of)$/.test(w)) return 'MID';
  if (/^(late|end of|close of|very late|turn of)$/.test(w)) return 'END';
  if (/^(about|around|some|approximately|roughly)$/.test(w)) return 'APPROX';
  if (/^(nearly|almost|less than|under|just under|fewer than|barely)$/.test(w)) return 'LESS_THAN';
  if (/^(more than|over|just over|well over)$/.test(w)) return 'MORE_THAN';
  // "no more than" bounds from above, the bound included (TIMEX3 mod EQUAL_OR_LESS); "no less than" from below
  if (/^(at least|(?:no|not) (?:less|fewer) than)$/.test(w)) return 'EQUAL_OR_MORE';
  if (/^(up to|at most|(?:no|not) more than)$/.test(w)) return 'EQUAL_OR_LESS';
  return undefined;
}

/** What a number is when it follows these: an amount, a flight number, ... not a year. */
export const NOT_A_YEAR_AFTER = /[$£€¥#№]\s*$|\b(?:No|no|Nos|number|Flight|flight|Route|route|Model|model|Room|room)\.?\s*$|\d[,.]?$/;

/** White space as \s in a regular expression. */
export function isRxSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * re.test(s) for an expression whose matches all end at the end of s and span at most `reach`
 * characters before its trailing white space (not counting one character of context before
 * them, for a \b): only that tail of s is searched.
 */
export function testTail(re: RegExp, s: string, reach: number): boolean {
  let k = s.length;
  while (k > 0 && isRxSpace(s.charCodeAt(k - 1))) k--;
  const from = k - reach - 2;
  return re.test(from > 0 ? s.slice(from) : s);
}

/** For tests: testTail and white space as \s. */
export const tailForTest = { testTail, isRxSpace, NOT_A_YEAR_AFTER };

/** The TIMEX3 code of a part of the day (the T.. of a TIME value: TMO, TAF, TEV, TNI; DT otherwise). */
export function podCode(pod: string): string {
  return ({ morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' } as Record<string, string>)[pod.toLowerCase()] ?? 'DT';
}

/**
 * The text after a unit makes it part of a hyphen compound that is no amount of time: "a
 * year-earlier loss", "a year-ago quarter" (the year-ago rule reads the compound from "year"),
 * "a week-old truce" (an age, not marked, like "a 6-year-old"). "a day-long strike" stays.
 */
export function unitInCompound(after: string): boolean {
  return /^-(?:ago|earlier|before|old)(?![\p{L}-])/iu.test(after);
}
