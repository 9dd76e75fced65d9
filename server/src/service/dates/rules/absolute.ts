/**
 * Absolute dates: a calendar date, a month, a year, a decade or century, a quarter or half, a
 * season, written out ("29 June 2022", "June 2022", "2015", "the 1990s", "the third quarter of
 * 2009", "Q3 2009", "summer 2010"), also in words ("nineteen ninety-six", "the nineties"), also
 * without their year ("June 29", "June", a holiday "Christmas", "Easter": the year from the
 * publication date and the tense). TIMEX3 type DATE.
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3: the value forms Date, Season, PartOfYear: YYYY-MM-DD,
 * YYYY-MM, YYYY, YYY for a decade, YY for a century, YYYY-Q3, YYYY-H1, YYYY-SU); TimeML
 * annotation guidelines §2.2.1 (what the extent holds: "Monday, June 29" is one expression) and
 * §2.2.3 (value); TempEval-2010 TIMEX3 guidelines §2.1 (Dates).
 */
import { N, family, normalizeNested, tenseOf, type Rule } from '../ctx';
import { ym, relativeUnit, yearForMonthDay, fullDate, monthDayNoYear, weekOf, ymdOf, dn } from '../calendar';
import { monthOf, ruMonthOf, yearOf, dayOf, monthOk, NOT_A_YEAR_AFTER, testTail, isCap } from '../words';
import { pad, dayNumber, isoWeekday } from '../timex';
import { CENTURY_ORDINAL, CENTURY_WORDS, ORDINALS, MONTH_FULL, MONTH, WEEKDAY, DAY, YEAR4, YEAR, SEASON, RU_MONTH_GEN, RU_MONTH_ANY } from '../vocabulary';

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
  // ---- the week of a date: "the week of March 6", "the week ended Oct. 13" ----------------------
  {
    // the ISO week that holds the day (TimeML 1.2.1 values a week as YYYY-Www; the weekend of a
    // date YYYY-Www-WE); the day itself is the nested date, read with the same context
    name: 'week of date',
    src: `the (?<w>week|weekend) (?:of|beginning|starting|ending|ended) (?<rest>(?:${WEEKDAY},? )?${MONTH} ${DAY}(?:,? ${YEAR4})?)`,
    build: (g, _t, c) => {
      const inner = normalizeNested(g.rest!, c);
      const m = inner && inner.type === 'DATE' ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(inner.value) : null;
      if (!m) return undefined;
      const week = weekOf(dayNumber(+m[1], +m[2], +m[3]));
      return N('DATE', g.w!.toLowerCase() === 'weekend' ? `${week}-WE` : week, inner!.confident);
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
    // decades in words, "the nineties", "the nineteen-sixties": the most recent such decade not
    // after the DCT's (as "the 90s" above); the article is required ("in their forties" is an age)
    name: 'decade word',
    src: `the (?:nineteen[- ]|mid[- ])?(?<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![-\\p{L}])`,
    build: (g, t, c) => {
      const dec = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'].indexOf(g.d!.toLowerCase()) + 2;
      if (/\bmid/i.test(t)) return undefined; // the mod rule's; not guessed here
      if (/nineteen/i.test(t)) return N('DATE', `19${dec}`, true);
      const y = c.dct?.y ?? 2000;
      return N('DATE', `${Math.floor(y / 100) - (dec * 10 > y % 100 ? 1 : 0)}${dec}`, false);
    },
  },
  {
    // a year in words, as spoken (broadcast transcripts): "nineteen ninety-six", "the year two
    // thousand"; "nineteen" before a tens word cannot be a count ("nineteen hundred ninety-six" is)
    name: 'spelled year',
    src: `(?:the year )?nineteen[- ](?<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?<u>one|two|three|four|five|six|seven|eight|nine))?(?![-\\p{L}])|the year two thousand(?: and (?<u2>one|two|three|four|five|six|seven|eight|nine|ten))?(?![-\\p{L}])`,
    build: (g) => {
      const ones = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
      if (!g.t) return N('DATE', String(2000 + (g.u2 ? ones.indexOf(g.u2.toLowerCase()) + 1 : 0)), true);
      const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].indexOf(g.t.toLowerCase()) + 2;
      return N('DATE', String(1900 + tens * 10 + (g.u ? ones.indexOf(g.u.toLowerCase()) + 1 : 0)), true);
    },
  },
  {
    name: 'century',
    src: `(?:the )?(?<n>${CENTURY_ORDINAL}) century`,
    build: (g) => {
      const w = g.n!.toLowerCase();
      const n = /^\d/.test(w) ? parseInt(w, 10) : CENTURY_WORDS.indexOf(w) + 1;
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
      // January and February belong to the winter that began the December before: in February
      // "last fall" is the fall of the year before, "next spring" this year's (the season most
      // recently past / next to come, TimeML's reading of last/next)
      const sy = c.dct.m <= 2 ? y - 1 : y;
      if (/last|past/.test(rel)) y = idx < cur ? sy : sy - 1;
      else if (/next|coming/.test(rel)) y = idx > cur ? sy : sy + 1;
      else if (rel === 'this') {
        // "this summer": the season of the publication year, whatever the tense ("communities
        // are not going to be left on their own this summer" in March)
      } else {
        const tn = tenseOf(c);
        if (tn === 'past' && idx > cur) y -= 1;
        if (tn === 'future' && idx < cur) y += 1;
      }
      return N('DATE', `${pad(y, 4)}-${code}`, !!rel);
    },
  },
  // ---- holidays: a calendar date (or a weekday of a month) of a year -------------------------
  {
    // TIMEX3: a holiday is a DATE ("Thanksgiving Day" 1999-11-25); its year by "last/next/this"
    // or the tense, as for a weekday: the one before the DCT in the past, after it in the future
    name: 'holiday',
    src: `(?:(?<rel>last|next|this) )?(?<h>Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year['’]s (?:Day|Eve)|Election Day|Independence Day|Memorial Day|Labor Day|Halloween|Easter(?: Sunday| Monday| week)?)(?![-\\p{L}])`,
    build: (g, t, c) => {
      // a name: every word capitalized ("Election Day"), but "Easter week"
      const words = g.h!.split(/\s+/);
      if (!words.every((w) => w === 'week' || isCap(w))) return undefined;
      const h = g.h!.toLowerCase().replace(/’/g, "'");
      const week = / week$/.test(h);
      const on = (y: number): number => {
        const nth = (m: number, wd: number, k: number): number => dayNumber(y, m, 1) + ((wd - isoWeekday(y, m, 1) + 7) % 7) + 7 * (k - 1);
        if (h.startsWith('thanksgiving')) return nth(11, 4, 4);
        if (h === 'christmas eve') return dayNumber(y, 12, 24);
        if (h.startsWith('christmas')) return dayNumber(y, 12, 25);
        if (h === "new year's eve") return dayNumber(y, 12, 31);
        if (h.startsWith('new year')) return dayNumber(y, 1, 1);
        if (h === 'election day') return nth(11, 1, 1) + 1; // the Tuesday after the first Monday
        if (h === 'independence day') return dayNumber(y, 7, 4);
        if (h === 'memorial day') return nth(6, 1, 1) - 7; // the last Monday of May
        if (h === 'labor day') return nth(9, 1, 1);
        if (h === 'halloween') return dayNumber(y, 10, 31);
        // Easter Sunday (the Gregorian computus), Easter Monday the day after
        const a = y % 19, b = Math.floor(y / 100), cc = y % 100, d = Math.floor(b / 4), e = b % 4;
        const f = Math.floor((b + 8) / 25), gg = Math.floor((b - f + 1) / 3), hh = (19 * a + b - d - gg + 15) % 30;
        const i = Math.floor(cc / 4), k = cc % 4, l = (32 + 2 * e + 2 * i - hh - k) % 7, mm = Math.floor((a + 11 * hh + 22 * l) / 451);
        const q = hh + l - 7 * mm + 114;
        const sunday = dayNumber(y, Math.floor(q / 31), (q % 31) + 1);
        // "Easter week": the ISO week ending on Easter Sunday, placed by its Monday
        return / monday$/.test(h) ? sunday + 1 : week ? sunday - 6 : sunday;
      };
      const out = (n: number, confident: boolean) => N('DATE', week ? weekOf(n) : ymdOf(n), confident);
      if (!c.dct) return N('DATE', 'XXXX', false);
      const now = dn(c.dct);
      const y = c.dct.y;
      const rel = g.rel?.toLowerCase();
      const before = on(y) < now ? on(y) : on(y - 1);
      const after = on(y) > now ? on(y) : on(y + 1);
      if (rel === 'last') return out(before, true);
      if (rel === 'next') return out(after, true);
      if (rel === 'this') return out(on(y), true);
      const tn = tenseOf(c);
      if (on(y) === now) return out(now, true); // today's holiday (a week that begins today)
      if (tn === 'past') return out(before, !c.weakTense);
      if (tn === 'future') return out(after, !c.weakTense);
      return out(on(y), false);
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
