/**
 * Absolute dates: a calendar date, a month, a year, a decade or century, a quarter or half, a
 * season, written out ("29 June 2022", "June 2022", "2015", "the 1990s", "the third quarter of
 * 2009", "Q3 2009", "summer 2010"), also without their year ("June 29", "June": the year from the
 * publication date and the tense). TIMEX3 type DATE.
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3: the value forms Date, Season, PartOfYear: YYYY-MM-DD,
 * YYYY-MM, YYYY, YYY for a decade, YY for a century, YYYY-Q3, YYYY-H1, YYYY-SU); TimeML
 * annotation guidelines §2.2.1 (what the extent holds: "Monday, June 29" is one expression) and
 * §2.2.3 (value); TempEval-2010 TIMEX3 guidelines §2.1 (Dates).
 */
import { N, family, tenseOf, type Rule } from '../ctx';
import { ym, relativeUnit, yearForMonthDay, fullDate, monthDayNoYear } from '../calendar';
import { monthOf, ruMonthOf, yearOf, dayOf, monthOk, NOT_A_YEAR_AFTER, testTail } from '../words';
import { pad } from '../timex';
import { ORDINALS, MONTH_FULL, MONTH, WEEKDAY, DAY, YEAR4, YEAR, SEASON, RU_MONTH_GEN, RU_MONTH_ANY } from '../vocabulary';

export const ABSOLUTE_RULES: Rule[] = family('absolute', [
  // ---- full dates --------------------------------------------------------------------------------
  {
    name: 'wd? d month year',
    src: `(?:(?<wd>${WEEKDAY}),? )?(?:the )?(?<d>${DAY})(?: of)?[ -](?<m>${MONTH}),?[ -](?<y>${YEAR})`,
    build: (g, _t, c) => (monthOk(g.m) ? fullDate(yearOf(g.y, c.dct), monthOf(g.m!)!, dayOf(g.d!)) : undefined),
  },
  {
    name: 'wd? month d year',
    src: `(?:(?<wd>${WEEKDAY}),? )?(?<m>${MONTH}) (?:the )?(?<d>${DAY}),? (?<y>${YEAR})`,
    build: (g, _t, c) => (monthOk(g.m) ? fullDate(yearOf(g.y, c.dct), monthOf(g.m!)!, dayOf(g.d!)) : undefined),
  },
  {
    name: 'iso date',
    src: `(?<y>${YEAR4})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\\d|3[01])(?![-\\d])`,
    build: (g) => fullDate(+g.y!, +g.m!, +g.d!),
  },
  {
    name: 'numeric date',
    src: `(?<a>[0-3]?\\d)(?<sep>[./])(?<b>[01]?\\d)\\k<sep>(?<y>\\d{4}|\\d{2})(?![./]?\\d)`,
    build: (g, _t, c) => {
      const a = +g.a!, b = +g.b!;
      const y = g.y!.length === 2 ? yearOf(g.y, c.dct) : +g.y!;
      if (g.sep === '.' || a > 12) return a > 12 && g.sep === '/' ? fullDate(y, b, a) : fullDate(y, b, a);
      if (b > 12) return fullDate(y, a, b);
      // slashes with both parts <= 12: US month/day order, a guess
      const r = fullDate(y, a, b);
      return r && { ...r, confident: false };
    },
  },
  {
    name: 'us numeric date',
    src: `(?<a>1[0-2]|0?[1-9])/(?<b>[12]\\d|3[01]|0?[1-9])/(?<y>\\d{4}|\\d{2})(?![./]?\\d)`,
    build: (g, _t, c) => {
      const y = g.y!.length === 2 ? yearOf(g.y, c.dct) : +g.y!;
      const r = fullDate(y, +g.a!, +g.b!);
      return r && { ...r, confident: +g.b! > 12 };
    },
  },
  // ---- month + day, no year (the year from the DCT and the tense) --------------------------------
  {
    name: 'wd? month d',
    src: `(?:(?<wd>${WEEKDAY}),? )?(?<m>${MONTH}) (?:the )?(?<d>${DAY})(?![\\d:.,]\\d|\\s*(?:%|percent|per cent|million|billion|bn|m\\b))`,
    build: (g, _t, c) => {
      if (!monthOk(g.m)) return undefined;
      const d = dayOf(g.d!);
      // "May 7" fine; guard against "March 2 percent" handled above
      return monthDayNoYear(monthOf(g.m!)!, d, c);
    },
  },
  {
    name: 'wd? d month',
    src: `(?:(?<wd>${WEEKDAY}),? )?(?:the )?(?<d>${DAY})(?: of)? (?<m>${MONTH})`,
    build: (g, _t, c) => (monthOk(g.m) ? monthDayNoYear(monthOf(g.m!)!, dayOf(g.d!), c) : undefined),
  },
  // ---- month (+ year) ----------------------------------------------------------------------------
  {
    name: 'month year',
    src: `(?<m>${MONTH})(?:,| of)? (?<y>${YEAR4})`,
    build: (g) => (monthOk(g.m) ? N('DATE', ym(+g.y!, monthOf(g.m!)!)) : undefined),
  },
  {
    name: 'month',
    src: `(?<m>${MONTH_FULL})(?!\\s+\\d)`,
    build: (g, t, c) => {
      if (!monthOk(g.m)) return undefined;
      const m = monthOf(g.m!)!;
      // "May" and "March" are also a verb/modal and a noun: need a preposition or determiner before them
      if ((m === 5 || m === 3) && !/\b(in|since|until|till|by|from|before|after|during|of|early|late|mid|last|next|this|through|to|between|and|or|for)[\s-]+$/i.test(c.before)) return undefined;
      const rel = /^,?\s+(?:of\s+)?(this|last|next)\s+year\b/i.exec(c.after);
      if (rel && c.dct) {
        const off = rel[1].toLowerCase() === 'last' ? -1 : rel[1].toLowerCase() === 'next' ? 1 : 0;
        return N('DATE', ym(c.dct.y + off, m));
      }
      const { y, confident } = yearForMonthDay(m, undefined, c);
      return y === undefined ? N('DATE', `XXXX-${pad(m, 2)}`, false) : N('DATE', ym(y, m), confident);
    },
  },
  // ---- years, decades, centuries -----------------------------------------------------------------
  {
    name: 'year',
    src: `(?:(?<fy>fiscal|FY) ?)?(?<y>${YEAR4})(?!\\s*(?:%|percent|per cent|million|billion|thousand|bn|tons?|tonnes?|km|kilomet|miles|feet|metres|meters|units|people|jobs|employees|workers|staff|cars|vehicles|aircraft|planes|jets|shares|points|passengers|seats|votes|dollars|euros|pounds|yen|rubles|tenge|members|troops|soldiers|hours|minutes|years|days|[-–]\\d{1,3}\\b(?!\\d)))(?![.,]\\d|[-/]\\d\\d?\\b|\\d|['’]s\\b)`,
    build: (g, t, c) => {
      const y = +g.y!;
      if (y < 1600 || y > 2199) return undefined;
      if (testTail(NOT_A_YEAR_AFTER, c.before, 8)) return undefined;
      // "2015-style": kept; hyphenated compounds with letters are fine ("2015-2016" handled by digits)
      return N('DATE', pad(y, 4), true);
    },
  },
  {
    name: 'decade',
    src: `(?:(?<c>1[5-9]|20)|['’])?(?<d>\\d)0['’]?s`,
    build: (g, t, c) => {
      let cen = g.c;
      if (!cen) {
        // "the 90s", "'70s": the most recent such decade before the DCT's
        const y = c.dct?.y ?? 2000;
        const dec = +g.d!;
        cen = String(Math.floor(y / 100) - (dec * 10 > y % 100 ? 1 : 0));
        if (!/^['’]/.test(t) && !/\bthe\s+$|\band\s+$|['’]$/i.test(c.before)) return undefined;
      }
      return N('DATE', `${cen}${g.d}`, !!g.c);
    },
  },
  {
    name: 'century',
    src: `(?:the )?(?<n>\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second) century`,
    build: (g) => {
      const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first', 'twenty-second'];
      const w = g.n!.toLowerCase();
      const n = /^\d/.test(w) ? parseInt(w, 10) : words.indexOf(w) + 1;
      if (n < 1 || n > 30) return undefined;
      return N('DATE', pad(n - 1, 2));
    },
  },
  // ---- quarters, halves, seasons -----------------------------------------------------------------
  {
    name: 'quarter',
    src: `(?:(?:the |(?<ry>next|last|this) year['’]s )(?:(?<ya>year-ago|year-earlier|year-before|prior-year) |(?<y0>${YEAR4}) )?)?(?<o>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?:[- ]| fiscal )(?<u>quarter|half)(?: of (?:(?:the )?(?:fiscal |calendar )?(?:year )?(?<y>${YEAR4})|(?<rel>this|last|next|the previous|the current|the same|the) (?:fiscal )?year))?(?:,? (?<y2>${YEAR4}))?`,
    build: (g, t, c) => {
      const half = g.u!.toLowerCase() === 'half';
      let o = g.o!.toLowerCase();
      let y: number | undefined = g.y0 ? +g.y0 : g.y ? +g.y : g.y2 ? +g.y2 : undefined;
      if (y === undefined && g.ry && c.dct) {
        // "next year's first quarter", "last year's fourth quarter"
        const r = g.ry.toLowerCase();
        y = c.dct.y + (r === 'next' ? 1 : r === 'last' ? -1 : 0);
      }
      // "the year-ago third quarter": the same quarter one year before the one meant
      const back = g.ya ? 1 : 0;
      if (o === 'final') o = half ? 'second' : 'fourth';
      if (o === 'last' && y === undefined && !g.rel) {
        // "the last quarter" without a year: the previous one
        if (!c.dct) return N('DATE', half ? 'XXXX-HX' : 'XXXX-QX', false);
        return N('DATE', relativeUnit(half ? 'half' : 'quarter', -1, c.dct), false);
      }
      if (o === 'last') o = half ? 'second' : 'fourth';
      const n = ORDINALS[o];
      if (half && n > 2) return undefined;
      if (y === undefined) {
        if (!c.dct) return N('DATE', `XXXX-${half ? 'H' : 'Q'}${n}`, false);
        const r = (g.rel ?? '').toLowerCase();
        y = c.dct.y + (/last|previous/.test(r) ? -1 : r === 'next' ? 1 : 0);
        if (!r) {
          // a quarter (half) that has not begun at the publication date is last year's when the
          // clause is in the past tense: results are reported after the period ends
          const startMonth = half ? 6 * (n - 1) + 1 : 3 * (n - 1) + 1;
          if (startMonth > c.dct.m && tenseOf(c) === 'past') y -= 1;
        }
        return N('DATE', `${pad(y - back, 4)}-${half ? 'H' : 'Q'}${n}`, !!g.rel || !/^the /i.test(t) ? !!g.rel : false);
      }
      return N('DATE', `${pad(y - back, 4)}-${half ? 'H' : 'Q'}${n}`, !back);
    },
  },
  {
    name: 'Qn year',
    src: `(?<u>Q|H)(?<n>[1-4])(?:[ /-]?(?<y>${YEAR4}|['’]?\\d\\d))?`,
    build: (g, t, c) => {
      if (!/^[QH]/.test(t)) return undefined; // capital only
      const n = +g.n!;
      if (g.u === 'H' && n > 2) return undefined;
      if (!g.y) return c.dct ? N('DATE', `${pad(c.dct.y, 4)}-${g.u}${n}`, false) : N('DATE', `XXXX-${g.u}${n}`, false);
      return N('DATE', `${pad(yearOf(g.y, c.dct)!, 4)}-${g.u}${n}`);
    },
  },
  {
    name: 'season',
    src: `(?:(?<rel>this|last|next|the|this past|this coming|the coming|the past) )?(?<s>${SEASON})(?: (?:of )?(?<y>${YEAR4}))?`,
    build: (g, t, c) => {
      const s = g.s!.toLowerCase();
      const code = ({ spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' } as Record<string, string>)[s];
      const rel = (g.rel ?? '').toLowerCase();
      if (s === 'fall' && !g.y && !/this|last|next|coming|past/.test(rel)) return undefined;
      if (rel === 'the' && !g.y) return undefined;
      if (g.y) return N('DATE', `${g.y}-${code}`);
      if (!c.dct) return N('DATE', `XXXX-${code}`, false);
      const idx = ['SP', 'SU', 'FA', 'WI'].indexOf(code);
      const cur = c.dct.m >= 3 && c.dct.m <= 5 ? 0 : c.dct.m <= 8 && c.dct.m >= 6 ? 1 : c.dct.m >= 9 && c.dct.m <= 11 ? 2 : 3;
      let y = c.dct.y;
      if (/last|past/.test(rel)) y = idx < cur ? y : y - 1;
      else if (/next|coming/.test(rel)) y = idx > cur ? y : y + 1;
      else {
        const tn = tenseOf(c);
        if (tn === 'past' && idx > cur) y -= 1;
        if (tn === 'future' && idx < cur) y += 1;
      }
      return N('DATE', `${pad(y, 4)}-${code}`, !!rel);
    },
  },
  // ---- Russian -----------------------------------------------------------------------------------
  {
    name: 'ru d month year',
    src: `(?<d>[12]\\d|3[01]|0?[1-9]) (?<m>${RU_MONTH_GEN})(?: (?<y>\\d{4})(?: (?:года|год|г\\.))?)?`,
    build: (g, _t, c) => {
      const m = ruMonthOf(g.m!)!;
      return g.y ? fullDate(+g.y, m, +g.d!) : monthDayNoYear(m, +g.d!, c);
    },
  },
  {
    name: 'ru month year',
    src: `(?<m>${RU_MONTH_ANY}) (?<y>\\d{4})(?: (?:года|году|год|г\\.))?`,
    build: (g) => N('DATE', ym(+g.y!, ruMonthOf(g.m!)!)),
  },
  {
    name: 'ru year',
    src: `(?<y>\\d{4}) (?:года|году|год|г\\.)`,
    build: (g) => N('DATE', g.y!),
  },
]);
