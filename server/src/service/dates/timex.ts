/**
 * TIMEX3 value validation and description (TimeML 1.2.1), for the four types
 * DATE, TIME, DURATION and SET. Pure functions; never throw.
 */

export type TimexType = 'date' | 'time' | 'duration' | 'set';
export type ValidationResult = { ok: true } | { ok: false; reason: string };

export const TIMEX_TYPES: readonly TimexType[] = ['date', 'time', 'duration', 'set'];

/** TimeML 1.2.1 values of the `mod` attribute. */
export const TIMEX_MODS: readonly string[] = [
  'BEFORE', 'AFTER', 'ON_OR_BEFORE', 'ON_OR_AFTER', 'LESS_THAN', 'MORE_THAN',
  'EQUAL_OR_LESS', 'EQUAL_OR_MORE', 'START', 'MID', 'END', 'APPROX',
];

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const SEASONS: Record<string, string> = { SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' };
const PARTS_OF_DAY: Record<string, string> = {
  MO: 'morning', MI: 'midday', AF: 'afternoon', EV: 'evening', NI: 'night', DT: 'daytime',
};
const REFS: Record<string, string> = { PRESENT_REF: 'the present', PAST_REF: 'the past', FUTURE_REF: 'the future' };

// ---------------------------------------------------------------------------
// Calendar helpers (proleptic Gregorian, UTC arithmetic on day numbers)

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return MONTH_DAYS[m - 1] ?? 0;
}

/**
 * Calendar arithmetic without Date objects (proleptic Gregorian, as Date): exact for integer
 * arguments in the ranges checked by the callers below; other arguments (fractions, NaN, far
 * out of range) go through Date as they always did.
 */
function isSmallInt(n: number, limit: number): boolean {
  return Number.isInteger(n) && n >= -limit && n <= limit;
}

/** Days since 1970-01-01 of year y, month m (1-12), day 1. */
function civilDays(y: number, m: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 for a calendar date (month and day may overflow, as in Date.UTC). */
export function dayNumber(y: number, m: number, d: number): number {
  if (isSmallInt(y, 100000) && isSmallInt(m, 100000) && isSmallInt(d, 10000000)) {
    const m0 = m - 1;
    const yy = y + Math.floor(m0 / 12);
    const mm = m0 - Math.floor(m0 / 12) * 12 + 1;
    const n = civilDays(yy, mm) + d - 1;
    return n === 0 ? 0 : n; // never -0, as Date
  }
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.floor(dt.getTime() / 86400000);
}

export interface Ymd { y: number; m: number; d: number }

export function fromDayNumber(n: number): Ymd {
  if (isSmallInt(n, 50000000)) {
    const z = n + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return { y: y === 0 ? 0 : y, m, d };
  }
  const dt = new Date(n * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO weekday, 1 = Monday .. 7 = Sunday. */
export function isoWeekday(y: number, m: number, d: number): number {
  const n = dayNumber(y, m, d);
  if (isSmallInt(n, 50000000)) {
    const wd = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
    return wd === 0 ? 7 : wd;
  }
  const wd = new Date(n * 86400000).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Number of ISO weeks (52 or 53) in ISO week-year y. */
export function isoWeeksInYear(y: number): number {
  const jan1 = isoWeekday(y, 1, 1);
  return jan1 === 4 || (jan1 === 3 && isLeapYear(y)) ? 53 : 52;
}

/** ISO week-year and week of a date. */
export function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const n = dayNumber(y, m, d);
  const thursday = n - isoWeekday(y, m, d) + 4;
  const ty = fromDayNumber(thursday).y;
  const week = Math.floor((thursday - dayNumber(ty, 1, 1)) / 7) + 1;
  return { year: ty, week };
}

/** Day number of the Monday of ISO week w of week-year y. */
export function isoWeekStart(y: number, w: number): number {
  const jan4 = dayNumber(y, 1, 4);
  const monday1 = jan4 - isoWeekday(y, 1, 4) + 1;
  return monday1 + (w - 1) * 7;
}

export function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function formatYmd(p: Ymd): string {
  return `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}`;
}

/** Parses a YYYY-MM-DD publication date (DCT); undefined if it is not a valid full date. */
export function parseDct(dct: string | undefined): Ymd | undefined {
  if (typeof dct !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(dct.trim());
  if (!m) return undefined;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return { y, m: mo, d };
}

// ---------------------------------------------------------------------------
// Validation

const DATE_REF_RE = /^(PRESENT_REF|PAST_REF|FUTURE_REF)$/;
// A date value: year-ish part plus optional refinements. X stands for an unknown digit.
const DATE_RE =
  /^(?:(BC)?([\dX]{4})(?:-(?:([\dX]{2})(?:-([\dX]{2}))?|W([\dX]{2})(?:-(WE|[\dX]))?|Q([\dX])|H([\dX])|(SP|SU|FA|WI)))?|([\dX]{3})|([\dX]{2}))$/;
const TIME_PART_RE =
  /^(?:(\d{2}|XX)(?::(\d{2}|XX)(?::(\d{2}|XX)(?:[.,]\d+)?)?)?|(MO|MI|AF|EV|NI|DT))(Z|[+-]\d{2}(?::?\d{2})?)?$/;

type Kind = TimexType | 'unknown';

/** Which TIMEX3 type a value's form belongs to ('unknown' if it is none of them). */
export function timexValueKind(value: string): Kind {
  if (typeof value !== 'string') return 'unknown';
  const v = value.trim();
  if (DATE_REF_RE.test(v)) return 'date';
  if (/^P/.test(v)) return 'duration';
  if (/T/.test(v) && !/_REF$/.test(v)) return 'time';
  if (DATE_REF_RE.test(v) || /^(BC)?[\dX]/.test(v)) return 'date';
  return 'unknown';
}

function normType(type: string): TimexType | undefined {
  const t = String(type ?? '').toLowerCase();
  return (TIMEX_TYPES as readonly string[]).includes(t) ? (t as TimexType) : undefined;
}

const ok: ValidationResult = { ok: true };
const fail = (reason: string): ValidationResult => ({ ok: false, reason });

function validateDate(v: string): ValidationResult {
  if (DATE_REF_RE.test(v)) return ok;
  const m = DATE_RE.exec(v);
  if (!m) {
    if (/^\d{4}-\d{1}$/.test(v) || /^\d{4}-\d-\d+$/.test(v)) {
      return fail(`${v} is not a date: months and days take two digits (e.g. 2022-06-09)`);
    }
    if (/^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(v)) {
      return fail(`${v} is not a TIMEX3 date: write it as YYYY-MM-DD`);
    }
    if (/^\d{5,}$/.test(v)) return fail(`${v} is not a date: a year has at most four digits`);
    if (/^\d{4}-W\d{1}$/.test(v)) return fail(`${v} is not a date: ISO weeks take two digits (e.g. 2022-W06)`);
    if (/^\d{4}-Q\d{2,}$/.test(v) || /^\d{4}-H\d{2,}$/.test(v)) return fail(`${v} is not a date: a quarter or half is one digit`);
    return fail(`${v} is not a TIMEX3 date value (expected forms like 2022, 2022-06, 2022-06-29, 2022-W26, 2022-Q2, 2022-H1, 2022-SU, 199, PRESENT_REF)`);
  }
  const [, , yy, mm, dd, ww, wd, q, h] = m;
  if (yy) {
    const y = /X/.test(yy) ? undefined : +yy;
    if (mm) {
      if (!/X/.test(mm)) {
        const mo = +mm;
        if (mo < 1 || mo > 12) return fail(`${v} is not a date: there is no month ${mm}`);
        if (dd && !/X/.test(dd)) {
          const d = +dd;
          if (d < 1) return fail(`${v} is not a date: there is no day ${dd}`);
          const max = y === undefined ? (mo === 2 ? 29 : daysInMonth(2000, mo)) : daysInMonth(y, mo);
          if (d > max) {
            const what = y === undefined ? MONTH_NAMES[mo - 1] : `${MONTH_NAMES[mo - 1]} ${yy}`;
            return fail(`${v} is not a date: ${what} has ${max} days`);
          }
        }
      } else if (dd && !/X/.test(dd)) {
        const d = +dd;
        if (d < 1 || d > 31) return fail(`${v} is not a date: there is no day ${dd}`);
      }
    }
    if (ww && !/X/.test(ww)) {
      const w = +ww;
      if (w < 1) return fail(`${v} does not exist: ISO weeks are numbered from 01`);
      const max = y === undefined ? 53 : isoWeeksInYear(y);
      if (w > max) return fail(`${v} does not exist: ${y === undefined ? 'a year' : yy} has ${max === 53 && y === undefined ? 'at most 53' : max} ISO weeks`);
    }
    if (wd && wd !== 'WE' && !/X/.test(wd)) {
      const n = +wd;
      if (n < 1 || n > 7) return fail(`${v} is not a date: ISO weekdays are 1 (Monday) to 7 (Sunday)`);
    }
    if (q && !/X/.test(q) && (+q < 1 || +q > 4)) return fail(`${v} does not exist: a year has quarters Q1 to Q4`);
    if (h && !/X/.test(h) && (+h < 1 || +h > 2)) return fail(`${v} does not exist: a year has halves H1 and H2`);
  }
  return ok;
}

function validateTime(v: string): ValidationResult {
  const t = v.indexOf('T');
  if (t < 0) return fail(`${v} is not a TIME value: it needs a time of day after T (e.g. ${v}T14:30)`);
  const datePart = v.slice(0, t);
  const timePart = v.slice(t + 1);
  if (datePart !== '') {
    if (DATE_REF_RE.test(datePart)) return fail(`${v} is not a TIME value: ${datePart} cannot take a time of day`);
    const d = validateDate(datePart);
    if (!d.ok) return d;
  }
  const m = TIME_PART_RE.exec(timePart);
  if (!m) {
    return fail(`${v} is not a TIME value: after T expected hh, hh:mm, hh:mm:ss or a part of day (MO, MI, AF, EV, NI, DT), optionally with a zone (Z, +01:00)`);
  }
  const [, hh, mi, ss, , zone] = m;
  if (hh && hh !== 'XX') {
    const h = +hh;
    if (h > 24 || (h === 24 && ((mi && mi !== '00') || (ss && ss !== '00')))) {
      return fail(`${v} is not a time: there is no hour ${hh}`);
    }
  }
  if (mi && mi !== 'XX' && +mi > 59) return fail(`${v} is not a time: there is no minute ${mi}`);
  if (ss && ss !== 'XX' && +ss > 60) return fail(`${v} is not a time: there is no second ${ss}`);
  if (zone && zone !== 'Z') {
    const zm = /^[+-](\d{2}):?(\d{2})?$/.exec(zone);
    if (zm && (+zm[1] > 14 || (zm[2] !== undefined && +zm[2] > 59))) return fail(`${v} has an impossible UTC offset ${zone}`);
  }
  return ok;
}

// the ISO 8601 units, the TIDES 2005 tokens DE, CE, ML (decade, century, millennium), Q, WE, and
// the letters TimeBank writes for the same units: E decade ("about a decade" P1E), C century
// (PXC), L millennium ("more than two thousand years" P2L)
const DUR_UNITS_DATE = ['Y', 'M', 'W', 'D', 'DE', 'CE', 'ML', 'Q', 'WE', 'L', 'C', 'E'];
const DUR_UNITS_TIME = ['H', 'M', 'S'];

function validateDuration(v: string): ValidationResult {
  if (!v.startsWith('P')) return fail(`${v} is not a DURATION value: it must start with P (e.g. P3D, PT2H)`);
  const body = v.slice(1);
  if (body === '') return fail(`P alone is not a duration: give an amount and a unit (e.g. P3D)`);
  const [datePart, timePart, extra] = body.split('T');
  if (extra !== undefined) return fail(`${v} is not a duration: T may appear only once`);
  const comp = /([\dX]+(?:[.,]\d+)?|X)([A-Z]{1,2})/y;
  const check = (part: string, units: string[], where: string): ValidationResult => {
    comp.lastIndex = 0;
    let pos = 0;
    const seen = new Set<string>();
    while (pos < part.length) {
      comp.lastIndex = pos;
      const m = comp.exec(part);
      if (!m) {
        const rest = part.slice(pos);
        if (/^[\dX.,]+$/.test(rest)) return fail(`${v} has no unit${pos > 0 ? ` after ${rest}` : ''}`);
        return fail(`${v} is not a duration: cannot read "${rest}"${where}`);
      }
      let unit = m[2];
      let amount = m[1];
      if (!units.includes(unit) && unit.length === 2 && units.includes(unit[0])) {
        // e.g. "3DT" never happens (split on T); "2MS" → unit M then S
        unit = unit[0];
        comp.lastIndex = m.index + amount.length + 1;
      }
      if (!units.includes(unit)) {
        return fail(`${v} is not a duration: ${unit} is not a unit${where} (use ${units.join(', ')})`);
      }
      if (seen.has(unit)) return fail(`${v} is not a duration: unit ${unit} appears twice`);
      seen.add(unit);
      if (/X/.test(amount) && amount !== 'X' && !/^X+$/.test(amount)) {
        return fail(`${v} is not a duration: write an unknown amount as X`);
      }
      pos = comp.lastIndex;
      amount = amount.replace(',', '.');
    }
    return ok;
  };
  if (datePart !== '') {
    if (/^[\d.,X]+$/.test(datePart) && timePart === undefined) return fail(`${v} has no unit`);
    const r = check(datePart, DUR_UNITS_DATE, '');
    if (!r.ok) return r;
  }
  if (timePart !== undefined) {
    if (timePart === '') return fail(`${v} is not a duration: nothing follows T`);
    if (/^[\d.,X]+$/.test(timePart)) return fail(`${v} has no unit after T`);
    const r = check(timePart, DUR_UNITS_TIME, ' after T');
    if (!r.ok) return r;
  }
  if (datePart === '' && timePart === undefined) return fail(`${v} has no unit`);
  return ok;
}

/**
 * Validates a TIMEX3 value for a TIMEX3 type. `type` is case-insensitive
 * ('date' | 'time' | 'duration' | 'set'); reason is one clear sentence.
 */
export function validateTimexValue(type: TimexType | string, value: string): ValidationResult {
  const t = normType(type);
  if (!t) return fail(`${String(type)} is not a TIMEX3 type (use date, time, duration or set)`);
  if (typeof value !== 'string' || value.trim() === '') return fail(`a ${t.toUpperCase()} needs a value`);
  const v = value.trim();
  if (/\s/.test(v)) return fail(`${v} is not a TIMEX3 value: values contain no spaces`);
  const kind = timexValueKind(v);
  const T = t.toUpperCase();
  switch (t) {
    case 'date':
      if (kind === 'duration') {
        const d = validateDuration(v);
        return d.ok ? fail(`${v} is a DURATION value, not a DATE`) : d;
      }
      if (kind === 'time') {
        const r = validateTime(v);
        return r.ok ? fail(`${v} is a TIME value, not a DATE`) : r;
      }
      return validateDate(v);
    case 'time':
      if (kind === 'duration') {
        const d = validateDuration(v);
        return d.ok ? fail(`${v} is a DURATION value, not a TIME`) : d;
      }
      if (kind === 'date' && !DATE_REF_RE.test(v)) {
        const r = validateDate(v);
        return r.ok ? fail(`${v} is a DATE value, not a TIME: a TIME value needs a time of day (e.g. ${v}T14:30)`) : r;
      }
      if (DATE_REF_RE.test(v)) return ok; // "now" may be typed TIME with PRESENT_REF
      return validateTime(v);
    case 'duration':
      if (kind === 'date' || kind === 'time') {
        const r = kind === 'date' ? validateDate(v) : validateTime(v);
        return r.ok ? fail(`${v} is a ${kind.toUpperCase()} value, not a DURATION: a duration starts with P (e.g. P3D)`) : r;
      }
      return validateDuration(v);
    case 'set':
      if (kind === 'duration') return validateDuration(v);
      if (kind === 'time') return validateTime(v);
      if (kind === 'date') {
        if (DATE_REF_RE.test(v)) return fail(`${v} cannot be a SET value`);
        return validateDate(v);
      }
      return fail(`${v} is not a SET value (expected e.g. P1Y, P1W, XXXX-WXX-1, XXXX-XX-XXT09:00)`);
    default:
      return fail(`${v} is not a ${T} value`);
  }
}

/** Validates a `mod` attribute value. */
export function validateTimexMod(mod: string): ValidationResult {
  if (typeof mod !== 'string') return fail('mod must be text');
  if (TIMEX_MODS.includes(mod)) return ok;
  const up = mod.toUpperCase();
  if (TIMEX_MODS.includes(up)) return fail(`mod ${mod} must be upper case: ${up}`);
  return fail(`${mod} is not a TIMEX3 mod (use ${TIMEX_MODS.join(', ')})`);
}

/** Validates SET attributes: quant (EVERY, EACH, ...) and freq (e.g. 2X, 1D). */
export function validateSetAttributes(attrs: { quant?: string; freq?: string }): ValidationResult {
  if (attrs.quant !== undefined && !/^(EVERY|EACH|ALL|SOME|MOST|[A-Z]+)$/.test(attrs.quant)) {
    return fail(`quant ${attrs.quant} should be an upper-case quantifier such as EVERY or EACH`);
  }
  if (attrs.freq !== undefined && !/^(\d+|X)(X|[YMWDHS])$/.test(attrs.freq) && !/^(\d+|X)X?\/?P/.test(attrs.freq)) {
    return fail(`freq ${attrs.freq} is not a frequency: write e.g. 2X (twice)`);
  }
  return ok;
}

// ---------------------------------------------------------------------------
// Description

export interface TimexDescription {
  /** The value in words, e.g. "Wednesday, 29 June 2022" or "a duration of 30 years". */
  words: string;
  /** Relation to the publication date, e.g. "the publication date", "3 days before publication". */
  relation?: string;
  /** words and relation together, for a hover. */
  text: string;
}

const ORD = ['first', 'second', 'third', 'fourth'];
function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}
function plural(n: number | string, unit: string): string {
  if (n === 'X') return `several ${unit}s`;
  if (n === 1 || n === '1') return `${n === 1 ? 1 : n} ${unit}`;
  return `${n} ${unit}s`;
}

const MOD_WORDS: Record<string, string> = {
  BEFORE: 'before', AFTER: 'after', ON_OR_BEFORE: 'on or before', ON_OR_AFTER: 'on or after',
  START: 'the start of', MID: 'the middle of', END: 'the end of', APPROX: 'about',
  LESS_THAN: 'less than', MORE_THAN: 'more than', EQUAL_OR_LESS: 'at most', EQUAL_OR_MORE: 'at least',
};

interface Span { start: number; end: number; grain: 'day' | 'week' | 'month' | 'quarter' | 'half' | 'season' | 'year' | 'decade' | 'century' }

function describeDate(v: string): { words: string; span?: Span } {
  if (REFS[v]) return { words: REFS[v] };
  const m = DATE_RE.exec(v);
  if (!m) return { words: v };
  const [, bc, yy, mm, dd, ww, wd, q, h, season, decade, century] = m;
  const era = bc ? ' BC' : '';
  if (decade) {
    if (/X/.test(decade)) return { words: `an unspecified decade` };
    const y = +decade * 10;
    return { words: `the ${y}s${era}`, span: { start: dayNumber(y, 1, 1), end: dayNumber(y + 10, 1, 1), grain: 'decade' } };
  }
  if (century) {
    if (/X/.test(century)) return { words: 'an unspecified century' };
    const c = +century;
    return { words: `the ${ordinal(c + 1)} century (${c}00–${c}99)${era}`, span: { start: dayNumber(c * 100, 1, 1), end: dayNumber(c * 100 + 100, 1, 1), grain: 'century' } };
  }
  const yKnown = !/X/.test(yy);
  const y = +yy;
  const yWords = yKnown ? `${y}${era}` : (yy === 'XXXX' ? '' : yy);
  const inYear = (s: string) => (yWords ? `${s} ${yWords}` : `${s}, year unspecified`);
  if (mm) {
    const mKnown = !/X/.test(mm);
    const mo = +mm;
    if (dd) {
      const dKnown = !/X/.test(dd);
      if (mKnown && dKnown) {
        const base = `${+dd} ${MONTH_NAMES[mo - 1]}`;
        if (yKnown) {
          const wdName = WEEKDAY_NAMES[isoWeekday(y, mo, +dd) - 1];
          const n = dayNumber(y, mo, +dd);
          return { words: `${wdName}, ${base} ${yWords}`, span: { start: n, end: n + 1, grain: 'day' } };
        }
        return { words: inYear(base) };
      }
      if (mKnown) return { words: inYear(`a day in ${MONTH_NAMES[mo - 1]}`) };
      if (dKnown) return { words: `the ${ordinal(+dd)} of an unspecified month${yWords ? ' in ' + yWords : ''}` };
      return { words: yWords ? `a day in ${yWords}` : 'an unspecified day' };
    }
    if (mKnown) {
      if (yKnown) return { words: `${MONTH_NAMES[mo - 1]} ${yWords}`, span: { start: dayNumber(y, mo, 1), end: dayNumber(y, mo, 1) + daysInMonth(y, mo), grain: 'month' } };
      return { words: inYear(MONTH_NAMES[mo - 1]) };
    }
    return { words: yWords ? `a month in ${yWords}` : 'an unspecified month' };
  }
  if (ww) {
    const wKnown = !/X/.test(ww);
    if (wd) {
      const dayWords = wd === 'WE' ? 'the weekend' : /X/.test(wd) ? 'a day' : WEEKDAY_NAMES[+wd - 1];
      if (wKnown && yKnown) {
        const s = isoWeekStart(y, +ww);
        if (wd === 'WE') return { words: `the weekend of ISO week ${+ww} of ${y}`, span: { start: s + 5, end: s + 7, grain: 'day' } };
        if (!/X/.test(wd)) {
          const n = s + +wd - 1;
          const p = fromDayNumber(n);
          return { words: `${dayWords}, ${p.d} ${MONTH_NAMES[p.m - 1]} ${p.y}`, span: { start: n, end: n + 1, grain: 'day' } };
        }
      }
      if (!wKnown && !yKnown) return { words: wd === 'WE' ? 'a weekend' : `a ${dayWords}` };
      return { words: `${dayWords} of ${wKnown ? `ISO week ${+ww}` : 'a week'}${yWords ? ' of ' + yWords : ''}` };
    }
    if (wKnown && yKnown) {
      const s = isoWeekStart(y, +ww);
      const a = fromDayNumber(s), b = fromDayNumber(s + 6);
      return {
        words: `ISO week ${+ww} of ${y} (${a.d} ${MONTH_NAMES[a.m - 1]}${a.y !== b.y ? ' ' + a.y : ''} – ${b.d} ${MONTH_NAMES[b.m - 1]} ${b.y})`,
        span: { start: s, end: s + 7, grain: 'week' },
      };
    }
    return { words: `a week${yWords ? ' of ' + yWords : ''}` };
  }
  if (q) {
    if (/X/.test(q)) return { words: `a quarter${yWords ? ' of ' + yWords : ''}` };
    const qq = +q;
    const span = yKnown ? { start: dayNumber(y, qq * 3 - 2, 1), end: qq === 4 ? dayNumber(y + 1, 1, 1) : dayNumber(y, qq * 3 + 1, 1), grain: 'quarter' as const } : undefined;
    return { words: `the ${ORD[qq - 1]} quarter${yWords ? ' of ' + yWords : ''}`, span };
  }
  if (h) {
    if (/X/.test(h)) return { words: `a half-year${yWords ? ' of ' + yWords : ''}` };
    const hh = +h;
    const span = yKnown ? { start: dayNumber(y, hh === 1 ? 1 : 7, 1), end: hh === 1 ? dayNumber(y, 7, 1) : dayNumber(y + 1, 1, 1), grain: 'half' as const } : undefined;
    return { words: `the ${hh === 1 ? 'first' : 'second'} half${yWords ? ' of ' + yWords : ''}`, span };
  }
  if (season) return { words: yWords ? `${SEASONS[season]} ${yWords}` : SEASONS[season] };
  if (yKnown) return { words: `${y}${era}`, span: bc ? undefined : { start: dayNumber(y, 1, 1), end: dayNumber(y + 1, 1, 1), grain: 'year' } };
  return { words: 'an unspecified year' };
}

function describeDuration(v: string): string {
  const m = /^P(?:([^T]*))?(?:T(.*))?$/.exec(v);
  if (!m) return v;
  const names: Record<string, string> = {
    Y: 'year', M: 'month', W: 'week', D: 'day', DE: 'decade', CE: 'century', ML: 'millennium', Q: 'quarter', WE: 'weekend', L: 'millennium', C: 'century', E: 'decade',
  };
  const tnames: Record<string, string> = { H: 'hour', M: 'minute', S: 'second' };
  const parts: string[] = [];
  const re = /([\dX]+(?:[.,]\d+)?)([A-Z]{1,2})/g;
  let x: RegExpExecArray | null;
  while ((x = re.exec(m[1] ?? ''))) {
    const unit = names[x[2]] ?? x[2];
    const n = x[1].replace(',', '.');
    parts.push(/X/.test(n) ? `several ${unit === 'century' ? 'centuries' : unit + 's'}` : plural(n === '1' ? 1 : n, unit).replace('centurys', 'centuries').replace('millenniums', 'millennia'));
  }
  while ((x = re.exec(m[2] ?? ''))) {
    const unit = tnames[x[2]] ?? x[2];
    const n = x[1].replace(',', '.');
    parts.push(/X/.test(n) ? `several ${unit}s` : plural(n === '1' ? 1 : n, unit));
  }
  if (parts.length === 0) return v;
  return parts.length === 1 ? parts[0] : parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
}

function relationOf(span: Span | undefined, dct: string | undefined): string | undefined {
  const p = parseDct(dct);
  if (!span || !p) return undefined;
  const n = dayNumber(p.y, p.m, p.d);
  if (span.grain === 'day') {
    const diff = span.start - n;
    if (span.end - span.start === 1) {
      if (diff === 0) return 'the publication date';
      if (diff === -1) return 'the day before publication';
      if (diff === 1) return 'the day after publication';
      const a = Math.abs(diff);
      const amount = a <= 31 ? plural(a, 'day') : a < 365 ? `about ${plural(Math.round(a / 30.44), 'month')}` : `about ${plural(Math.round(a / 365.25), 'year')}`;
      return `${amount} ${diff < 0 ? 'before' : 'after'} publication`;
    }
  }
  if (n >= span.start && n < span.end) {
    return `contains the publication date (the publication ${span.grain === 'half' ? 'half-year' : span.grain})`;
  }
  const grainDays: Record<string, number> = { day: 1, week: 7, month: 30.44, quarter: 91.3, half: 182.6, season: 91.3, year: 365.25, decade: 3652.5, century: 36525 };
  const before = span.end <= n;
  const dist = before ? n - span.end + 1 : span.start - n;
  let unit = span.grain === 'half' ? 'half-year' : span.grain;
  let k = Math.max(1, Math.round(dist / grainDays[span.grain]));
  if (span.grain === 'week' || span.grain === 'month' || span.grain === 'quarter' || span.grain === 'year') {
    // count calendar units between the span and the publication date
    const pd = fromDayNumber(n), sd = fromDayNumber(span.start);
    if (span.grain === 'month') k = Math.abs((pd.y - sd.y) * 12 + pd.m - sd.m);
    if (span.grain === 'year') k = Math.abs(pd.y - sd.y);
    if (span.grain === 'quarter') k = Math.abs((pd.y - sd.y) * 4 + Math.floor((pd.m - 1) / 3) - Math.floor((sd.m - 1) / 3));
    if (span.grain === 'week') k = Math.abs(Math.floor((n - (n - isoWeekday(pd.y, pd.m, pd.d) + 1)) / 7) + Math.round((n - isoWeekday(pd.y, pd.m, pd.d) + 1 - span.start) / 7));
  }
  if (k === 1) return `the ${unit} ${before ? 'before' : 'after'} publication`;
  if (unit === 'century') unit = 'centurie';
  return `${k} ${unit}s ${before ? 'before' : 'after'} publication`;
}

/**
 * Describes a TIMEX3 value in words, with its relation to the publication date (dct, YYYY-MM-DD)
 * where that can be computed. Never throws; an invalid value is described as itself.
 */
export function describeTimex(
  type: TimexType | string,
  value: string,
  mod?: string,
  dct?: string,
  attrs?: { quant?: string; freq?: string },
): TimexDescription {
  const t = normType(type) ?? 'date';
  const v = typeof value === 'string' ? value.trim() : '';
  let words = v;
  let span: Span | undefined;
  try {
    if (t === 'duration') {
      words = `a duration of ${describeDuration(v)}`;
    } else if (t === 'set') {
      words = describeSet(v, attrs);
    } else if (t === 'time' || timexValueKind(v) === 'time') {
      const i = v.indexOf('T');
      const datePart = i < 0 ? v : v.slice(0, i);
      const tp = i < 0 ? '' : v.slice(i + 1);
      const d = datePart ? describeDate(datePart) : undefined;
      const tm = TIME_PART_RE.exec(tp);
      let timeWords = tp;
      if (tm) {
        const zone = tm[5] ? (tm[5] === 'Z' ? ' UTC' : ` UTC${tm[5]}`) : '';
        if (tm[4]) timeWords = `the ${PARTS_OF_DAY[tm[4]]}`;
        else timeWords = `${tm[1]}:${tm[2] ?? '00'}${tm[3] ? ':' + tm[3] : ''}${zone}`;
        if (tm[4] && zone) timeWords += zone;
      }
      words = d ? (tm && tm[4] ? `${timeWords} of ${d.words}` : `${timeWords} on ${d.words}`) : timeWords;
      span = d?.span;
    } else {
      const d = describeDate(v);
      words = d.words;
      span = d.span;
    }
  } catch {
    words = v;
  }
  if (mod && MOD_WORDS[mod]) {
    words = `${MOD_WORDS[mod]} ${words}`;
  }
  let relation: string | undefined;
  try {
    relation = t === 'duration' || t === 'set' ? undefined : relationOf(span, dct);
  } catch {
    relation = undefined;
  }
  if (relation && mod && mod !== 'APPROX' && relation === 'the publication date') relation = `relative to the publication date`;
  return { words, relation, text: relation ? `${words} — ${relation}` : words };
}

function describeSet(v: string, attrs?: { quant?: string; freq?: string }): string {
  const freq = attrs?.freq ? /^(\d+)X$/.exec(attrs.freq) : null;
  const times = freq ? (freq[1] === '1' ? 'once' : freq[1] === '2' ? 'twice' : `${freq[1]} times`) : '';
  let what: string;
  const single: Record<string, string> = { P1Y: 'year', P1M: 'month', P1W: 'week', P1D: 'day', PT1H: 'hour', PT1M: 'minute', P3M: 'quarter', P1Q: 'quarter' };
  if (single[v]) {
    what = times ? `${times} a ${single[v]}` : `every ${single[v]}`;
    return what;
  }
  if (v.startsWith('P')) {
    const d = describeDuration(v);
    return times ? `${times} every ${d}` : `every ${d}`;
  }
  const wk = /^XXXX-WXX-(\d)$/.exec(v);
  if (wk) return `${times ? times + ' ' : ''}every ${WEEKDAY_NAMES[+wk[1] - 1] ?? 'week'}`;
  const md = /^XXXX-(\d{2})-(\d{2})$/.exec(v);
  if (md) return `every year on ${+md[2]} ${MONTH_NAMES[+md[1] - 1]}`;
  const mo = /^XXXX-(\d{2})$/.exec(v);
  if (mo) return `every ${MONTH_NAMES[+mo[1] - 1]}`;
  const tm = /^(?:XXXX-XX-XX)?T(\d{2}):(\d{2})/.exec(v);
  if (tm) return `every day at ${tm[1]}:${tm[2]}`;
  const pod = /^(?:XXXX-XX-XX)?T(MO|AF|EV|NI|MI|DT)$/.exec(v);
  if (pod) return `every ${PARTS_OF_DAY[pod[1]]}`;
  return `recurring: ${describeDate(v).words}`;
}
