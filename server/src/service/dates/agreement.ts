/**
 * Whether an annotated TIMEX3 value agrees with the value the normalizer reads in its label:
 * what `date.value-mismatch` asks. Besides equality, the conventions below are accepted: each
 * is either another spelling of the same value in TIMEX3, or a reading the guidelines leave to
 * the annotator's context (the anchor of a relative expression, its granularity). The check
 * stays silent where the reading is uncertain, so each convention names the guideline part
 * that makes it so (TimeML 1.2.1 / TIMEX3 annotation guidelines, "value" and "anchorTimeID").
 *
 * Found on the gold annotations of MEANTIME and TimeBank (scripts/check-gold-dates.js); the
 * conventions are about how TIMEX3 values are written, never about one corpus.
 *
 * Pure. Never throws.
 */
import { dayNumber, daysInMonth, isoWeekday, isoWeekStart, MONTH_NAMES, parseDct, WEEKDAY_NAMES } from './timex';

/** A day range [from, to] (day numbers, inclusive). */
interface Days {
  from: number;
  to: number;
}

/**
 * The days a DATE value (or the date part of a TIME value) covers, after dropping trailing
 * unknown parts (`1949-XX` is within 1949, `1989-WXX` within 1989, `199X` the 1990s).
 */
export function valueDays(value: string): Days | undefined {
  let v = value.split('T')[0];
  // trailing unknown components: 1997-XX-XX -> 1997, 1989-WXX -> 1989, 19XX -> 19, 199X -> 199
  v = v.replace(/(?:-[WQH]?X+)+$/, '').replace(/X+$/, '');
  let m: RegExpMatchArray | null;
  if ((m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const n = dayNumber(+m[1], +m[2], +m[3]);
    return { from: n, to: n };
  }
  if ((m = v.match(/^(\d{4})-(\d{2})$/)) && +m[2] >= 1 && +m[2] <= 12) {
    return { from: dayNumber(+m[1], +m[2], 1), to: dayNumber(+m[1], +m[2], daysInMonth(+m[1], +m[2])) };
  }
  if ((m = v.match(/^(\d{4})-W(\d{2})$/))) {
    const s = isoWeekStart(+m[1], +m[2]);
    return { from: s, to: s + 6 };
  }
  if ((m = v.match(/^(\d{4})-Q([1-4])$/))) {
    const q = +m[2];
    return { from: dayNumber(+m[1], 3 * q - 2, 1), to: dayNumber(+m[1], 3 * q, daysInMonth(+m[1], 3 * q)) };
  }
  if ((m = v.match(/^(\d{4})-H([12])$/))) {
    const h = +m[2];
    return { from: dayNumber(+m[1], 6 * h - 5, 1), to: dayNumber(+m[1], 6 * h, daysInMonth(+m[1], 6 * h)) };
  }
  if ((m = v.match(/^(\d{4})(?:-(?:SP|SU|FA|WI))?$/))) {
    // a season is taken as its year: only overlap and containment are asked of it
    return { from: dayNumber(+m[1], 1, 1), to: dayNumber(+m[1], 12, 31) };
  }
  if ((m = v.match(/^(\d{3})$/))) return { from: dayNumber(+m[1] * 10, 1, 1), to: dayNumber(+m[1] * 10 + 9, 12, 31) };
  if ((m = v.match(/^(\d{2})$/))) return { from: dayNumber(+m[1] * 100, 1, 1), to: dayNumber(+m[1] * 100 + 99, 12, 31) };
  return undefined;
}

/**
 * A duration as months and seconds (`P1Q` = 3 months, `P1W` = 7 days, `PT24H` = 1 day, `P1E` =
 * `P1DE` = 10 years: the decade, century and millennium of TimeBank, E C L, and of TIDES, DE CE
 * ML); undefined if not one.
 */
export function durationAmount(value: string): { months: number; seconds: number } | undefined {
  const big = value.match(/^P(?:(\d+(?:\.\d+)?)(?:ML|L))?(?:(\d+(?:\.\d+)?)(?:CE|C))?(?:(\d+(?:\.\d+)?)(?:DE|E))?(?=\d|$)/);
  if (big && (big[1] || big[2] || big[3])) {
    const rest = durationAmount('P' + value.slice(big[0].length));
    const years = 1000 * (big[1] ? +big[1] : 0) + 100 * (big[2] ? +big[2] : 0) + 10 * (big[3] ? +big[3] : 0);
    if (value.length === big[0].length) return { months: 12 * years, seconds: 0 };
    return rest && { months: rest.months + 12 * years, seconds: rest.seconds };
  }
  const m = value.match(/^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)Q)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const n = (i: number) => (m[i] ? +m[i] : 0);
  return { months: 12 * n(1) + 3 * n(2) + n(3), seconds: 86400 * (7 * n(4) + n(5)) + 3600 * n(6) + 60 * n(7) + n(8) };
}

/** The SET values TIMEX3 writes two ways: a period (`P1Y`) or a date with every part unknown (`XXXX`). */
const SET_SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ['P1Y', 'XXXX'],
  ['P1M', 'XXXX-XX'],
  ['P1W', 'XXXX-WXX'],
  ['P1D', 'XXXX-XX-XX'],
];

const WEEKDAY_RE = new RegExp(`\\b(${WEEKDAY_NAMES.join('|')})\\b`, 'i');
const MONTH_RE = new RegExp(`\\b(${MONTH_NAMES.map((n) => n.slice(0, 3)).join('|')})[a-z]*\\.?(?=\\s|$|[,.;])`, 'i');
const VAGUE_RE = /\b(?:later|earlier|early|late|mid|end|beginning|start|rest|remainder)\b/i;
const SEASON_RE = /\b(?:spring|summer|fall|autumn|winter)\b/i;
const YEAR_RE = /\b\d{4}\b|['’]\d{2}\b/;
const RELATIVE_RE = /\b(?:ago|last|next|this|that|past|previous|coming|current|later|earlier|today|tonight|yesterday|tomorrow|now|recent|recently|following|year|month|week|quarter|day)\b/i;

/** One convention: its name (the guideline point it follows) and whether it accepts the pair. */
interface Convention {
  name: string;
  accepts: (annotated: string, reading: string, label: string, dct: string | undefined) => boolean;
}

const overlaps = (a: Days, b: Days) => a.from <= b.to && b.from <= a.to;

/**
 * The conventions, in no particular order (any one accepting is enough). Each is one reason the
 * reading is not certain or the two values are one.
 */
export const CONVENTIONS: readonly Convention[] = [
  {
    // TIMEX3: "today" may be annotated with the DCT or as PRESENT_REF (the present moment)
    name: 'present ref',
    accepts: (a, r, _l, dct) => a === 'PRESENT_REF' && r === dct,
  },
  {
    // mods: a vague expression ("later this year", "early 2023", "the end of June") may be
    // annotated with a period inside its reading (2022-Q4 in 2022), the mod left out
    name: 'vague inside',
    accepts: (a, r, l) => VAGUE_RE.test(l) && a.startsWith(r + '-'),
  },
  {
    // times: the hour alone is the hour ("T17" = "T17:00"), and a time given as the local time
    // without its zone ("5 p.m. EST" as T17:00, as TimeBank writes it) says less, not something else
    name: 'time spelling',
    accepts: (a, r) => {
      const norm = (v: string) => v.replace(/(T\d\d)(?=$|[Z+-])/, '$1:00');
      const x = norm(a);
      const y = norm(r);
      return x === y || (/T\d\d:\d\d(?::\d\d)?$/.test(x) && y.replace(/(?:Z|[+-]\d\d(?::?\d\d)?)$/, '') === x);
    },
  },
  {
    // durations: one length written in other units (P2Q = P6M, P2.5Y = P2Y6M, PT24H = P1D)
    name: 'same length',
    accepts: (a, r) => {
      const x = durationAmount(a);
      const y = durationAmount(r);
      return !!x && !!y && Math.abs(x.months - y.months) < 1e-9 && Math.abs(x.seconds - y.seconds) < 1e-6;
    },
  },
  {
    // durations: an unknown amount of a unit (PXY, "less than a decade", "several years") says
    // less than a reading in that unit (P10Y), not something else
    name: 'unknown amount',
    accepts: (a, r) => {
      const x = a.match(/^P(T?)X+([A-Z]+)$/);
      if (!x) return false;
      const unit = (v: string) => v.match(/^P(T?)[\d.]+([A-Z]+)$/);
      const y = unit(r);
      const years = (u: string) => (/^(?:Y|DE|CE|ML|E|C|L)$/.test(u) ? 'Y' : u);
      // an unknown amount of the same unit in its other letter: PXC (TimeBank) = PXCE (TIDES)
      const same = (u: string) => ({ E: 'DE', C: 'CE', L: 'ML' } as Record<string, string>)[u] ?? u;
      const z = r.match(/^P(T?)X+([A-Z]+)$/);
      if (z) return x[1] === z[1] && same(x[2]) === same(z[2]);
      return !!y && x[1] === y[1] && years(x[2]) === years(y[2]);
    },
  },
  {
    // sets: "annually" as P1Y or XXXX (TIMEX3 guidelines allow both for a recurring period)
    name: 'set spelling',
    accepts: (a, r) => SET_SPELLINGS.some(([p, x]) => (a === p && r === x) || (a === x && r === p)),
  },
  {
    // unknown parts: an annotation that leaves trailing parts unknown (1949-XX, 1989-WXX, 199X,
    // 19XX, 1998-12-XX) says less than the reading, not something else: it agrees if it overlaps
    name: 'unknown parts',
    accepts: (a, r) => {
      if (!/X/.test(a.split('T')[0])) return false;
      const x = valueDays(a);
      const y = valueDays(r);
      return !!x && !!y && overlaps(x, y);
    },
  },
  {
    // granularity of relative expressions: TIMEX3 gives "a year ago", "last week", "later this
    // year" the granularity the context calls for ("a year ago" = 1988-Q3 in a report on the third
    // quarter), so a value inside the reading, or the reading inside the value, agrees
    name: 'relative granularity',
    accepts: (a, r, l) => {
      if (!RELATIVE_RE.test(l) || YEAR_RE.test(l)) return false;
      const x = valueDays(a);
      const y = valueDays(r);
      return !!x && !!y && ((x.from >= y.from && x.to <= y.to) || (y.from >= x.from && y.to <= x.to));
    },
  },
  {
    // weeks: on a Sunday, the week of the publication date is the next one for a week that starts
    // on Sunday (US usage) and the ending one for ISO weeks: "last week" is either week
    name: 'sunday week',
    accepts: (a, r, _l, dct) => {
      const d = parseDct(dct);
      if (!d || isoWeekday(d.y, d.m, d.d) !== 7) return false;
      const x = valueDays(a);
      const y = valueDays(r);
      return !!x && !!y && x.to - x.from === 6 && y.to - y.from === 6 && Math.abs(x.from - y.from) === 7;
    },
  },
  {
    // weekdays: a weekday is anchored to the DCT or to the time the story is at (anchorTimeID:
    // "the previous Friday", a story told from the week before): the annotation agrees when it is
    // that weekday on the side of the publication date the reading is on (the tense still counts)
    name: 'weekday anchor',
    accepts: (a, r, l, dct) => {
      const p = parseDct(dct);
      const w = l.match(WEEKDAY_RE);
      if (!w || MONTH_RE.test(l) || /\d/.test(l.replace(/\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?/gi, ''))) return false;
      const x = valueDays(a);
      const y = valueDays(r);
      if (!x || !y || x.from !== x.to || y.from !== y.to) return false;
      const wd = WEEKDAY_NAMES.findIndex((n) => n.toLowerCase() === w[1].toLowerCase()) + 1;
      if (weekdayOf(x.from) !== wd || Math.abs(x.from - y.from) > 31) return false;
      if (!p) return true;
      const side = (n: number) => Math.sign(n - dayNumber(p.y, p.m, p.d));
      return side(x.from) === side(y.from) || side(x.from) === 0 || side(y.from) === 0;
    },
  },
  {
    // months and seasons without a year: the year comes from the tense and the anchor, which the
    // guidelines leave to the context ("January" in a November story: this one or the next)
    name: 'year of a month',
    accepts: (a, r, l) => {
      if (YEAR_RE.test(l) || !(MONTH_RE.test(l) || SEASON_RE.test(l))) return false;
      const ma = a.match(/^(\d{4})(-.*)$/);
      const mr = r.match(/^(\d{4})(-.*)$/);
      return !!ma && !!mr && ma[2] === mr[2] && Math.abs(+ma[1] - +mr[1]) === 1;
    },
  },
];

function weekdayOf(n: number): number {
  // day number 0 is a known weekday: compute through a reference date
  const ref = dayNumber(2000, 1, 3); // a Monday
  return ((((n - ref) % 7) + 7) % 7) + 1;
}

/** The convention that accepts the pair, if any ('equal' when the values are the same). */
export function agreement(annotated: string, reading: string, label: string, dct: string | undefined): string | undefined {
  if (annotated === reading) return 'equal';
  return CONVENTIONS.find((c) => c.accepts(annotated, reading, label, dct))?.name;
}

/** Whether an annotated value agrees with the label's reading (see CONVENTIONS). */
export function agrees(annotated: string, reading: string, label: string, dct: string | undefined): boolean {
  return agreement(annotated, reading, label, dct) !== undefined;
}
