/**
 * Dates on the calendar and relative to the publication date (DCT): day numbers, ISO weeks,
 * months counted across years, the unit containing the DCT shifted by n ("last week", "next
 * quarter"), the year of a month or day given without one and the date of a weekday (from the
 * DCT and the tense), full dates checked against the calendar. Pure functions; never throw.
 */
import { type Ymd, dayNumber, fromDayNumber, isoWeek, isoWeekday, daysInMonth, pad, formatYmd } from './timex';
import { N, tenseOf, type Ctx, type Normalized } from './ctx';
import type { Unit } from './amounts';
import { sentenceTail } from './tense';

export function dn(p: Ymd): number { return dayNumber(p.y, p.m, p.d); }
export function ymdOf(n: number): string { return formatYmd(fromDayNumber(n)); }
export function weekOf(n: number): string {
  const p = fromDayNumber(n);
  const w = isoWeek(p.y, p.m, p.d);
  return `${pad(w.year, 4)}-W${pad(w.week, 2)}`;
}
export function ym(y: number, m: number): string {
  const t = y * 12 + (m - 1);
  return `${pad(Math.floor(t / 12), 4)}-${pad((t % 12) + 1, 2)}`;
}

export function relativeUnit(unit: Unit, offset: number, dct: Ymd | undefined): string {
  if (!dct) {
    return ({ day: 'XXXX-XX-XX', week: 'XXXX-WXX', weekend: 'XXXX-WXX-WE', month: 'XXXX-XX', quarter: 'XXXX-QX', half: 'XXXX-HX', year: 'XXXX', decade: 'XXX', century: 'XX' } as Record<string, string>)[unit] ?? 'XXXX';
  }
  const n = dn(dct);
  switch (unit) {
    case 'day': return ymdOf(n + offset);
    case 'week': return weekOf(n + 7 * offset);
    case 'weekend': return weekOf(n + 7 * offset) + '-WE';
    case 'month': return ym(dct.y, dct.m + offset);
    case 'quarter': {
      const q = dct.y * 4 + Math.floor((dct.m - 1) / 3) + offset;
      return `${pad(Math.floor(q / 4), 4)}-Q${(q % 4) + 1}`;
    }
    case 'half': {
      const h = dct.y * 2 + (dct.m > 6 ? 1 : 0) + offset;
      return `${pad(Math.floor(h / 2), 4)}-H${(h % 2) + 1}`;
    }
    case 'year': return pad(dct.y + offset, 4);
    case 'decade': return String(Math.floor(dct.y / 10) + offset);
    case 'century': return String(Math.floor(dct.y / 100) + offset);
    case 'millennium': return String(Math.floor(dct.y / 1000) + offset);
    default: return ymdOf(n + offset);
  }
}

/** A date `amount` units before (sign -1) or after (+1) dct, at the granularity of the unit. */
export function shifted(unit: Unit, amount: number, sign: number, dct: Ymd | undefined): string {
  if (!dct) return relativeUnit(unit === 'hour' || unit === 'minute' || unit === 'second' ? 'day' : unit, 0, undefined);
  const n = dn(dct);
  switch (unit) {
    case 'second': case 'minute': case 'hour': return ymdOf(n);
    case 'day': return ymdOf(n + sign * Math.round(amount));
    case 'week': return weekOf(n + sign * Math.round(amount * 7));
    case 'month': return ym(dct.y, dct.m + sign * Math.round(amount));
    case 'quarter': return relativeUnit('quarter', sign * Math.round(amount), dct);
    case 'year': return pad(dct.y + sign * Math.round(amount), 4);
    // "a decade ago", "four decades ago": a point ten (forty) years back, at the granularity of a
    // year (TimeML: the value of the point the expression reaches, not the calendar decade, which
    // is "the 1980s"); "two centuries ago" likewise
    case 'decade': return pad(dct.y + sign * Math.round(amount * 10), 4);
    case 'century': return pad(dct.y + sign * Math.round(amount * 100), 4);
    default: return pad(dct.y, 4);
  }
}

export function yearForMonthDay(m: number, d: number | undefined, c: Ctx): { y: number | undefined; confident: boolean } {
  if (!c.dct) return { y: undefined, confident: false };
  const t = tenseOf(c);
  const cmp = m !== c.dct.m ? m - c.dct.m : d === undefined ? 0 : d - c.dct.d;
  // past tense: a later month of the DCT's year means last year's, unless it is only weeks
  // ahead (tense guesses fail on "a June 3 hearing has been scheduled")
  const ahead = d === undefined ? m - c.dct.m : dayNumber(c.dct.y, m, d) - dn(c.dct);
  // news gives the year of a date in another year: a date up to a quarter ahead is this year's
  const near = d === undefined ? ahead <= 2 : ahead <= 92;
  if (t === 'past' && cmp > 0 && !near) return { y: c.dct.y - 1, confident: true };
  if (t === 'past' && cmp > 0) return { y: c.dct.y, confident: false };
  // and the same the other way: a date up to a quarter before the publication is this year's
  // even in a clause read as future ("to repatriate the child by Jan. 14" a day after it, "this
  // year through Oct. 19"); a date almost a year ahead would be given its year (AP style)
  const behindNear = d === undefined ? cmp >= -2 : ahead >= -92;
  if (t === 'future' && cmp < 0 && behindNear) return { y: c.dct.y, confident: false };
  if (t === 'future' && cmp < 0) return { y: c.dct.y + 1, confident: true };
  if (t !== 'future' && cmp > 0 && !near) return { y: c.dct.y - 1, confident: false };
  return { y: c.dct.y, confident: t !== undefined };
}

/** A plan in the past perfect: "had been scheduled to", "had been due to". */
const PAST_PERFECT_PLAN = /\bhad\s+(?:been\s+)?(?:due|scheduled|expected|set|slated|planned|supposed)\s+to\b/i;

/** Date of a weekday relative to dct: rel = last/next/this or tense. */
export function weekdayDate(wd: number, rel: string | undefined, c: Ctx): { value: string; confident: boolean } | undefined {
  if (!c.dct) return { value: `XXXX-WXX-${wd}`, confident: false };
  const n = dn(c.dct);
  const cur = isoWeekday(c.dct.y, c.dct.m, c.dct.d);
  const back = (cur - wd + 7) % 7; // days back to the most recent such weekday (0 = today)
  const fwd = (wd - cur + 7) % 7;
  const r = rel?.toLowerCase();
  if (r === 'last' || r === 'past' || r === 'previous') return { value: ymdOf(n - (back || 7)), confident: true };
  if (r === 'next' || r === 'coming') return { value: ymdOf(n + (fwd || 7)), confident: true };
  if (r === 'this') {
    const t = tenseOf(c);
    if (t === 'past') return { value: ymdOf(n - back), confident: true };
    return { value: ymdOf(n + fwd), confident: true };
  }
  let t = tenseOf(c);
  // "could" is the past of "can" ("could not be reached Wednesday", "could be located
  // Wednesday"): alone it does not send a weekday forward. A possessive weekday names an event
  // ("get around Wednesday's ruling"): past unless more than a modal says the clause is future
  if (t === 'future' && c.weakTense && (c.tenseWord === 'could' || /^['’]s\b/.test(c.after))) t = 'past';
  // a future seen from the past perfect ("had been scheduled to expire at midnight Friday", "had
  // been due to expire Friday evening"): the plan may lie on either side of the report, the
  // nearer such day is the likelier (a Monday report: the Friday before; a Wednesday one: after)
  if (t === 'future' && back > 0 && back < fwd && PAST_PERFECT_PLAN.test(sentenceTail(c.before))) return { value: ymdOf(n - back), confident: false };
  // a future weekday that is the publication weekday is the publication date (news convention)
  // a tense read from a modal alone is a guess ("could", "would": modality, not time)
  if (t === 'future') return { value: ymdOf(n + fwd), confident: !c.weakTense };
  return { value: ymdOf(n - back), confident: t !== undefined && !c.weakTense };
}

export const fullDate = (y: number | undefined, m: number, d: number, confident = true): Normalized | undefined => {
  if (d < 1 || d > daysInMonth(y ?? 2000, m)) return undefined;
  if (y === undefined) return N('DATE', `XXXX-${pad(m, 2)}-${pad(d, 2)}`, false);
  return N('DATE', `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`, confident);
};

export const monthDayNoYear = (m: number, d: number, c: Ctx): Normalized | undefined => {
  const { y, confident } = yearForMonthDay(m, d, c);
  return fullDate(y, m, d, confident);
};
