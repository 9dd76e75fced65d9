/**
 * Mods and ranges: the part of a period ("early 2023", "mid-July", "the end of this year",
 * "year-end": mod START, MID, END on the value of the period), the parts of a month ("the first
 * week of June"), and ranges: "between 2014 and 2016" (one DURATION of the span, the MEANTIME
 * convention), "between 60 and 90 days" (the first amount takes the unit of the second).
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3 mod: START, MID, END; beginPoint and endPoint for the
 * duration of a range); TimeML annotation guidelines §2.2.1 (extent: the modifier inside the
 * expression) and §2.2.3 (mod); TempEval-2010 TIMEX3 guidelines §2.1 (Dates) and §2.3
 * (Durations).
 */
import { N, family, normalizeNested, tenseOf, type Rule } from '../ctx';
import { weekOf, yearForMonthDay } from '../calendar';
import { unitOf, parseAmount, durationValue } from '../amounts';
import { monthOf, monthOk, modOf } from '../words';
import { dayNumber, daysInMonth, pad } from '../timex';
import { CENTURY_ORDINAL, ORDINALS, MONTH_FULL, MONTH, YEAR4, NUM_WORD, NUM_EXACT, UNIT, SEASON } from '../vocabulary';

// Targets of "early/mid/late/the end of ..." (sources without named groups are built by recursion)
const MOD_TARGET = `(?:${MONTH}(?:,? ${YEAR4})?|${YEAR4}|${SEASON}(?: (?:of )?${YEAR4})?|(?:the )?(?:1[5-9]|20)\\d0s|(?:this|last|next|the|that|the following|the previous|the same) (?:year|month|week|decade|century|quarter|season|spring|summer|autumn|fall|winter)|(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?:${YEAR4}|this year|last year|next year))?|the ${CENTURY_ORDINAL} century|(?:the )?(?:19|20)\\d0s)`;

export const MOD_RANGE_RULES: Rule[] = family('mods+ranges', [
  // ---- modified: early 2023, mid-July, the end of this year --------------------------------------
  {
    name: 'mod target',
    src: `(?<mod>(?:the )?(?:very )?(?:early|late|beginning of|start of|middle of|end of|close of|turn of|dawn of)|mid|the mid|early|late)(?:[- ]| in )(?<rest>${MOD_TARGET})`,
    build: (g, _t, c) => {
      const inner = normalizeNested(g.rest!, c);
      if (!inner || inner.type !== 'DATE') return undefined;
      const mod = modOf(g.mod!.replace(/^the\s+/i, '').replace(/^very\s+/i, ''));
      if (!mod) return undefined;
      return { ...inner, mod };
    },
  },
  {
    // "the last half of the '80s", "the first half of the 20th century": a half of a decade or a
    // century has no ISO 8601 value of its own; TimeML 1.2.1 writes the period with mod START
    // (the first, earlier half) or END (the second, last, latter, later half), as for "early/late".
    // A half of a year is a value of its own (1990-H1: the 'quarter' rule).
    name: 'half of a decade',
    src: `(?:the )?(?<o>first|earlier|second|last|latter|later) half of (?:the )?(?<rest>(?:1[5-9]|20)\\d0s|['’]\\d0s|(?:this|last|next) (?:decade|century)|the ${CENTURY_ORDINAL} century)`,
    build: (g, _t, c) => {
      const inner = normalizeNested(g.rest!, c);
      if (!inner || inner.type !== 'DATE' || /-/.test(inner.value)) return undefined;
      return { ...inner, mod: /^(?:first|earlier)$/i.test(g.o!) ? 'START' : 'END' };
    },
  },
  {
    // "by year-end", "at year's end": the end of the publication year (TimeML: mod END); "since
    // year-end" looks back to the end of the year before
    name: 'year end',
    src: `(?:the )?year(?:['’]s)?[- ]end(?![-\\p{L}])`,
    build: (_g, _t, c) => {
      if (!c.dct) return N('DATE', 'XXXX', false, { mod: 'END' });
      return N('DATE', pad(c.dct.y - (tenseOf(c) === 'past' ? 1 : 0), 4), false, { mod: 'END' });
    },
  },
  // ---- ranges ------------------------------------------------------------------------------------
  {
    name: 'year range',
    src: `(?<p>between|from) (?<y1>${YEAR4}) (?:and|to|until|through) (?<y2>${YEAR4})`,
    // MEANTIME convention: "between 2014 and 2016" is one DURATION of the span
    build: (g) => {
      const d = +g.y2! - +g.y1!;
      if (d <= 0 || d > 100) return undefined;
      return N('DURATION', `P${d}Y`, false);
    },
  },
  {
    name: 'amount before a range',
    src: `(?<n>\\d{1,4}(?:[.,]\\d+)?|${NUM_WORD})(?= (?:and|to|or) (?:${NUM_EXACT}) (?<u>${UNIT})(?![\\p{L}\\p{N}]))`,
    // "between 60 and 90 days": the first amount is a duration in the unit of the second
    build: (g) => {
      const amount = parseAmount(g.n!);
      const u = unitOf(g.u!);
      if (amount === undefined || amount === 'X' || !u) return undefined;
      return N('DURATION', durationValue(amount, u), true);
    },
  },
  // ---- parts of a year ---------------------------------------------------------------------------
  {
    // "the first two quarters of 1990" is the first half of 1990, a DATE 1990-H1 (TimeML 1.2.1
    // §2.3 PartOfYear, like "the first half of 1990"); "the last six months of 1989" 1989-H2,
    // "the first three months of 1990" 1990-Q1. A span that is no quarter or half ("the first
    // three quarters of 1990") has no such value: the DURATION "the first three quarters" P9M and
    // the DATE "1990", as TimeBank tags "the first nine months of 1997"
    name: 'months of a year',
    src: `the (?<o>first|last|final) (?<n>two|three|six|2|3|6) (?<u>quarters|months) of (?<rest>${YEAR4}|(?:this|last|next|the same|the previous|the following) year)`,
    build: (g, _t, c) => {
      const inner = normalizeNested(g.rest!, c);
      if (!inner || inner.type !== 'DATE' || !/^\d{4}$/.test(inner.value)) return undefined;
      const n = parseAmount(g.n!);
      if (typeof n !== 'number') return undefined;
      const months = /^q/i.test(g.u!) ? n * 3 : n;
      if (months > 12) return undefined;
      const last = /^(last|final)$/i.test(g.o!);
      if (months === 6) return { ...inner, value: `${inner.value}-H${last ? 2 : 1}` };
      if (months === 3) return { ...inner, value: `${inner.value}-Q${last ? 4 : 1}` };
      return undefined;
    },
  },
  // ---- parts of a month --------------------------------------------------------------------------
  {
    name: 'week of month',
    src: `the (?<o>first|second|third|fourth|last|final) (?<u>week|weekend) of (?<m>${MONTH_FULL})(?:,? (?<y>${YEAR4}))?`,
    build: (g, _t, c) => {
      if (!monthOk(g.m)) return undefined;
      const m = monthOf(g.m!)!;
      const y = g.y ? +g.y : yearForMonthDay(m, undefined, c).y;
      if (y === undefined) return N('DATE', `XXXX-${pad(m, 2)}`, false);
      const o = g.o!.toLowerCase();
      // the week holding most of its days in the month: count from the 4th / the last day minus 3
      const day = o === 'last' || o === 'final' ? daysInMonth(y, m) - 3 : 4 + 7 * (ORDINALS[o] - 1);
      const v = weekOf(dayNumber(y, m, day));
      return N('DATE', g.u!.toLowerCase() === 'weekend' ? v + '-WE' : v, !!g.y);
    },
  },
]);
