/**
 * Relative dates and their anchors: expressions whose value is computed from another time,
 * the publication date (DCT) for "today", "last week", "Friday", "three years ago", "June last
 * year", "the following year", the reporting unit "for the year", "the week's", or the quarter
 * last named in the text for "the quarter", "the year-ago period" (recognize.ts passes it), or
 * the date last mentioned for "that same day", "the next morning", "the previous Friday", "three
 * days later" (ANAPHORIC_RULES: recognize.ts matches them again with that date as their anchor);
 * and the fuzzy references "now", "recently", "the future" (PRESENT_REF, PAST_REF,
 * FUTURE_REF). TIMEX3 type DATE (TIME with a part of the day, SET for plural weekdays "on
 * Mondays").
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3 temporalFunction and anchorTimeID: the value of a
 * relative expression is a function of its anchor, by default the document creation time;
 * value PaPrFu: PAST_REF, PRESENT_REF, FUTURE_REF); TimeML annotation guidelines §2.2.3
 * (value, anchorTimeID, temporalFunction); TempEval-2010 TIMEX3 guidelines §2.1 (Dates) and
 * §3.1.2 (fuzzy expressions).
 */
import { N, family, normalizeNested, tenseOf, type Rule } from '../ctx';
import { dn, weekOf, ym, ymdOf, relativeUnit, shifted, weekdayDate } from '../calendar';
import { unitOf, parseAmount, durationValue, type Unit } from '../amounts';
import { monthOf, isCap, monthOk, modOf, podCode } from '../words';
import { sentenceTail } from '../tense';
import { dayNumber, isoWeekday, pad } from '../timex';
import { WEEKDAYS, ORDINALS, MONTH, MONTH_FULL, WEEKDAY, DAY, YEAR4, NUM_EXACT, NUM_VAGUE, UNIT, POD, APPROX } from '../vocabulary';

/**
 * The rules whose value recognize.ts computes again from the last date the text mentioned (within
 * a few sentences) instead of the DCT: their builders read only the reference time they are given
 * ("ago" only with "earlier" / "later": "three years ago" is deictic, "three years later" is not).
 */
export const ANAPHORIC_RULES: ReadonlySet<string> = new Set(['that unit', 'next day', 'anchored weekday', 'ago']);

export const RELATIVE_RULES: Rule[] = family('relative', [
  // ---- a month of the year before, of this year, of the next -------------------------------------
  {
    // "June last year", "January this year": one noun phrase, one expression (TimeBank). With
    // "of" ("October of next year") MEANTIME tags the month and the year apart, and so do we
    name: 'month rel year',
    src: `(?<m>${MONTH_FULL}) (?<rel>this|last|next) year(?![-\\p{L}])`,
    build: (g, _t, c) => {
      if (!monthOk(g.m)) return undefined;
      const off = g.rel!.toLowerCase() === 'last' ? -1 : g.rel!.toLowerCase() === 'next' ? 1 : 0;
      return c.dct ? N('DATE', ym(c.dct.y + off, monthOf(g.m!)!)) : N('DATE', `XXXX-${pad(monthOf(g.m!)!, 2)}`, false);
    },
  },
  {
    name: 'month of rel year',
    recognize: false, // in running text "October" and "next year" are two expressions
    src: `(?<m>${MONTH_FULL})(?: of)? (?<rel>this|last|next) year`,
    build: (g, _t, c) => {
      if (!monthOk(g.m)) return undefined;
      const off = g.rel!.toLowerCase() === 'last' ? -1 : g.rel!.toLowerCase() === 'next' ? 1 : 0;
      return c.dct ? N('DATE', ym(c.dct.y + off, monthOf(g.m!)!)) : N('DATE', `XXXX-${pad(monthOf(g.m!)!, 2)}`, false);
    },
  },
  {
    name: 'rel month',
    src: `(?<rel>last|next|this|this past|this coming|the coming|the past) (?<m>${MONTH_FULL})`,
    build: (g, _t, c) => {
      if (!monthOk(g.m)) return undefined;
      const m = monthOf(g.m!)!;
      if (!c.dct) return N('DATE', `XXXX-${pad(m, 2)}`, false);
      const r = g.rel!.toLowerCase();
      let y = c.dct.y;
      if (/last|past/.test(r)) y = m < c.dct.m ? c.dct.y : c.dct.y - 1;
      else if (/next|coming/.test(r)) y = m > c.dct.m ? c.dct.y : c.dct.y + 1;
      return N('DATE', ym(y, m));
    },
  },
  // ---- relative days -----------------------------------------------------------------------------
  {
    name: 'day word',
    src: `(?:(?<adv>earlier|later) )?(?<w>today|yesterday|tomorrow|the day before yesterday|the day after tomorrow)(?:['’]s)?(?: (?<pod>${POD}))?`,
    build: (g, t, c) => {
      if (/['’]s/.test(t) && /['’]s$/.test(t)) {
        // "today's": keep the date, the recognizer trims the possessive
      }
      // "USA Today", "This is VOA Today": a capitalized day word right after a capitalized word is
      // part of a name (TIDES 2005 3.2.3: proper names are not markable); a sentence-initial
      // "Today" follows punctuation, not a word
      if (!g.adv && isCap(g.w!) && /\p{Lu}[\p{L}\p{N}]*\s$/u.test(c.before.slice(-30))) return undefined;
      const w = g.w!.toLowerCase();
      const off = w === 'today' ? 0 : w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : /before/.test(w) ? -2 : 2;
      const date = relativeUnit('day', off, c.dct);
      if (g.pod) return N('TIME', `${date}T${podCode(g.pod)}`, !!c.dct);
      return N('DATE', date, !!c.dct);
    },
  },
  // ---- weekdays ----------------------------------------------------------------------------------
  {
    name: 'weekday',
    src: `(?:(?<rel>last|next|this|this past|this coming|coming|past|previous) )?(?<wd>${WEEKDAY})(?:(?<pl>s)(?![\\p{L}\\p{N}'’]))?(?: (?<pod>${POD})(?<pl2>s)?)?`,
    build: (g, t, c) => {
      const wdWord = g.wd!;
      if (!isCap(wdWord)) return undefined;
      const wd = WEEKDAYS[wdWord.toLowerCase()];
      // "on Mondays", "Tuesday nights": every such day, a SET (TimeML: plural calendar terms)
      if ((g.pl || g.pl2) && !g.rel) return N('SET', `XXXX-WXX-${wd}${g.pod ? 'T' + podCode(g.pod) : ''}`, true);
      if (g.pl) return undefined;
      // "on Monday and Tuesday nights": the plural part of the day is shared, a SET for each day
      const shared = !g.rel && !g.pod ? /^\s*(?:and|or|&)\s+\p{Lu}\p{Ll}+day\s+(morning|afternoon|evening|night)s\b/u.exec(c.after) : null;
      if (shared) return N('SET', `XXXX-WXX-${wd}T${podCode(shared[1])}`, true);
      const rel = g.rel?.toLowerCase().replace(/^this (past|coming)$/, (_m, x) => (x === 'past' ? 'last' : 'next'));
      const r = weekdayDate(wd, rel, c);
      if (!r) return undefined;
      if (g.pod) return N('TIME', `${r.value}T${podCode(g.pod)}`, r.confident);
      return N('DATE', r.value, r.confident);
    },
  },
  // ---- anaphoric days, weeks, months, years: anchored on the last date the text names ---------------
  // TimeML 1.2.1 §2.3 (temporalFunction, anchorTimeID): "that day", "the next morning", "the
  // previous Friday" are functions of a time named before them in the text, not of the DCT
  // ("Slepian was killed on Oct. 23, 1999. Earlier that day ..." is 1999-10-23). The builders give
  // the DCT reading, unconfident (normalize() sees no other time); recognize.ts replaces it with
  // the value computed from the last date mentioned (anchoredValue below, ANAPHORIC_RULES).
  {
    // "that day", "that same day", "earlier that day", "later that year", "the same week", "that
    // night": the unit of the time spoken of. Not "later in the day": "the day" is the story's day
    // (TimeBank tags "the day" with the DCT; MEANTIME tags "later" FUTURE_REF), not anaphoric
    name: 'that unit',
    src: `(?:(?<adv>earlier|later) (?:in )?)?(?<d>that same|that very|that|the same|the very) (?<u>day|morning|afternoon|evening|night|week|month|year|time)(?![-\\p{L}])`,
    build: (g, _t, c) => {
      // "that day traders ...", "the same day delivery": an adjective of the noun after it
      if (/^\s+(?:traders?|trading|care|jobs?|shifts?|trips?|passes?|delivery|surgery|school)\b/i.test(c.after)) return undefined;
      const u = g.u!.toLowerCase();
      if (u === 'time') {
        // "by that time", "at that time": the time spoken of itself (recognize.ts gives it that
        // date's value). Not "at the same time" (a connective) nor "during that time" (the span
        // of a period spoken of, a duration: TimeBank "During that time" P5Y)
        if (g.adv || g.d!.toLowerCase() !== 'that' || /\b(?:during|over|for|throughout|in|all)\s+$/i.test(c.before.slice(-16))) return undefined;
        return N('DATE', tenseOf(c) === 'future' ? 'FUTURE_REF' : 'PAST_REF', false);
      }
      if (/^(?:morning|afternoon|evening|night)$/.test(u)) return N('TIME', `${relativeUnit('day', 0, c.dct)}T${podCode(u)}`, false);
      return N('DATE', relativeUnit(unitOf(u)!, 0, c.dct), false);
    },
  },
  {
    // "the next day", "the following morning", "the previous day", "the day before", "the night
    // after": the day after (before) the one spoken of
    name: 'next day',
    src: `the (?:(?<rel>next|following|previous|prior|preceding) (?<u>day|morning|afternoon|evening|night)|(?<u2>day|morning|night|evening) (?<dir>before|after))(?![-\\p{L}])`,
    build: (g, _t, c) => {
      // "the day before the election", "the day after his death": anchored on an event, whose date
      // is not in the text (TimeBank tags "the day" alone there); not a time we can value
      // "the day before returning home": a preposition before a clause. Only "the day before" that
      // ends its phrase ("..., the day before.", "the day after, he left", "the night before and")
      if (g.dir && !/^(?:\s*(?:[,.;:!?)'"”]|$)|\s+(?:and|but|or|when|while|as|he|she|they|it|we|I|there)\b)/u.test(c.after)) return undefined;
      const back = /^(?:previous|prior|preceding|before)$/i.test(g.rel ?? g.dir ?? '');
      const u = (g.u ?? g.u2)!.toLowerCase();
      const date = relativeUnit('day', back ? -1 : 1, c.dct);
      if (u !== 'day') return N('TIME', `${date}T${podCode(u)}`, false);
      return N('DATE', date, false);
    },
  },
  {
    // "the previous Friday", "the following Monday": the weekday before (after) the day spoken of
    name: 'anchored weekday',
    src: `the (?<rel>previous|following|next|preceding|prior) (?<wd>${WEEKDAY})(?![\\p{L}\\p{N}])`,
    build: (g, _t, c) => {
      if (!isCap(g.wd!)) return undefined;
      const back = /^(?:previous|preceding|prior)$/i.test(g.rel!);
      const r = weekdayDate(WEEKDAYS[g.wd!.toLowerCase()], back ? 'last' : 'next', c);
      return r && N('DATE', r.value, false);
    },
  },
  {
    // "the day before last Tuesday('s hearing)", "the day after Oct. 12": a day off a date named in
    // the expression itself (TIDES 2005: one expression with its anchor)
    name: 'day before date',
    src: `the (?<u>day|night|morning|evening) (?<dir>before|after) (?<inner>(?:(?:last|next|this) )?${WEEKDAY}|${MONTH} ${DAY}(?:, ${YEAR4})?)(?![\\p{L}\\p{N}])`,
    build: (g, _t, c) => {
      const inner = normalizeNested(g.inner!, c);
      const m = inner && /^(\d{4})-(\d{2})-(\d{2})$/.exec(inner.value);
      if (!m) return undefined;
      const date = ymdOf(dayNumber(+m[1], +m[2], +m[3]) + (g.dir!.toLowerCase() === 'before' ? -1 : 1));
      const u = g.u!.toLowerCase();
      if (u !== 'day') return N('TIME', `${date}T${podCode(u)}`, inner!.confident);
      return N('DATE', date, inner!.confident);
    },
  },
  {
    // "today is the eighth day of Desert Shield", "it's the second day of an offensive": an ordinal
    // day of an event that the copula equates with the publication day (present tense)
    name: 'ordinal day',
    src: `the (?<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d{1,2}(?:st|nd|rd|th)) (?:straight |consecutive )?day(?![-\\p{L}])`,
    build: (_g, _t, c) => {
      if (!/\b(?:today|it|this)(?:\s+is|\s*['’]s)\s+$/i.test(c.before.slice(-20))) return undefined;
      return N('DATE', relativeUnit('day', 0, c.dct), !!c.dct);
    },
  },
  // ---- this week, last month, next year ----------------------------------------------------------
  {
    name: 'rel unit',
    src: `(?<rel>this|last|next|past|previous|coming|following|current|the (?:past|previous|last|next|coming|following|current|same|present)|earlier this|later this|early this|late this|earlier in the|later in the|(?:the )?same) (?<u>week|weekend|month|quarter|year|decade|century|fiscal year)(?!-)`,
    build: (g, t, c) => {
      // ABC's "This Week": a title in capitals, after a quotation mark or a name (TIDES 2005 3.2.3:
      // proper names are not markable); in running text the unit is lower case
      if (isCap(g.u!) && /^\p{Lu}/u.test(t) && /(?:["“]|\p{Lu}[\p{L}\p{N}'’]*\s)$/u.test(c.before.slice(-30))) return undefined;
      let rel = g.rel!.toLowerCase();
      const u = unitOf(g.u!.toLowerCase().replace('fiscal ', ''))!;
      const definite = /^the /.test(rel);
      rel = rel.replace(/^the /, '');
      // "the past year" is usually a duration ("over the past year"); MEANTIME values "the last year" as the previous year
      let off = 0;
      if (/^(last|past|previous)$/.test(rel)) off = -1;
      else if (/^(next|coming|following)$/.test(rel)) off = 1;
      // "over the past decade", "the next century": ten (a hundred) years up to or from now, a
      // DURATION (the calendar decade would be "the 1990s"); TimeBank: "the past decade" P10Y
      if (definite && /^(past|last|next|coming)$/.test(rel) && (u === 'decade' || u === 'century')) {
        return N('DURATION', durationValue(1, u), true);
      }
      if (definite && /^(following|previous)$/.test(rel)) {
        // "the following year": relative to a time in the text, guess from the DCT
        return N('DATE', relativeUnit(u, off, c.dct), false);
      }
      const conf = !!c.dct && !(definite && /^(past|last|next|coming)$/.test(rel));
      return N('DATE', relativeUnit(u, off, c.dct), conf);
    },
  },
  {
    // "over the weekend": the weekend before the publication (the one after it in a clause about
    // the future); a weekend publication is its own weekend
    name: 'the weekend',
    src: `the weekend(?![-\\p{L}])`,
    build: (_g, _t, c) => {
      if (!c.dct) return N('DATE', 'XXXX-WXX-WE', false);
      const n = dn(c.dct);
      const wd = isoWeekday(c.dct.y, c.dct.m, c.dct.d);
      if (wd >= 6) return N('DATE', weekOf(n) + '-WE', false);
      return N('DATE', weekOf(n + (tenseOf(c) === 'future' ? 7 : -7)) + '-WE', false);
    },
  },
  {
    // "the full year", "the whole year", "the entire year": the publication year (its reporting year)
    name: 'the full year',
    src: `the (?:full|whole|entire) year(?![-\\p{L}])`,
    build: (_g, _t, c) => (c.dct ? N('DATE', pad(c.dct.y, 4), false) : N('DATE', 'XXXX', false)),
  },
  {
    name: 'the year',
    src: `(?<w>the year|the month|the week)(?= (?:before|after|earlier|later|previous|ago))(?<rest> before| after| earlier| later| previous)?`,
    build: (g, _t, c) => {
      const u = unitOf(g.w!.slice(4))!;
      const rest = (g.rest ?? '').trim().toLowerCase();
      const off = /before|earlier|previous/.test(rest) ? -1 : /after|later/.test(rest) ? 1 : 0;
      return N('DATE', relativeUnit(u, off, c.dct), false);
    },
  },
  {
    // "for the year", "a high for the year", "the week's most active session", "by the end of the
    // month": the reporting period of the article, its year (month, week) by the DCT (a guess: the
    // anchor may be a time named before). Not "the year 2000", "the year before" (rules above)
    name: 'the unit',
    src: `the (?<u>year|month|week)(?![-\\p{L}\\p{N}]|\\s+(?:\\d|before|after|earlier|later|previous|ago|end(?:ed|ing)?\\b|two thousand|of\\s+(?:\\p{Lu}|\\d)|in which|when|that))`,
    build: (g, _t, c) => {
      const u = unitOf(g.u!.toLowerCase())!;
      return N('DATE', relativeUnit(u, 0, c.dct), false);
    },
  },
  // ---- ago / from now / in N days ----------------------------------------------------------------
  {
    name: 'ago',
    src: `(?:(?<approx>${APPROX}) )?(?<n>${NUM_EXACT}|${NUM_VAGUE}) (?<u>${UNIT}) (?<dir>ago|earlier|before|from now|hence|later)(?! than)`,
    build: (g, t, c) => {
      const dir = g.dir!.toLowerCase();
      const amount = parseAmount(g.n!);
      const u = unitOf(g.u!);
      if (amount === undefined || !u) return undefined;
      if (dir === 'earlier' || dir === 'before' || dir === 'later') {
        // anchored on another time in the text, not on the DCT: only "earlier/later" with ago-like reading
        if (dir !== 'earlier' && dir !== 'later') return undefined;
      }
      const sign = dir === 'ago' || dir === 'earlier' || dir === 'before' ? -1 : 1;
      const mod = modOf(g.approx);
      if (amount === 'X') return N('DATE', sign < 0 ? 'PAST_REF' : 'FUTURE_REF', false);
      const conf = dir === 'ago' || dir === 'from now' || dir === 'hence';
      return N('DATE', shifted(u, amount, sign, c.dct), conf && !!c.dct, mod ? { mod: mod === 'LESS_THAN' || mod === 'MORE_THAN' || mod === 'APPROX' ? 'APPROX' : mod } : {});
    },
  },
  {
    name: 'in N units',
    recognize: false,
    src: `(?<p>in|within) (?<n>${NUM_EXACT}) (?<u>${UNIT})(?:['’] time)?`,
    build: (g, _t, c) => {
      const amount = parseAmount(g.n!);
      const u = unitOf(g.u!);
      if (amount === undefined || amount === 'X' || !u) return undefined;
      if (g.p!.toLowerCase() === 'within') return N('DURATION', durationValue(amount, u), true, { mod: 'EQUAL_OR_LESS' });
      return N('DATE', shifted(u, amount, 1, c.dct), !!c.dct);
    },
  },
  // ---- the reporting period of business news (anchored by recognize.ts on the quarter last named) ---
  {
    // "the quarter", "the latest quarter", "that quarter", "the year-ago period": the period a
    // report is about. Without a quarter named before it, the last completed quarter (a guess)
    name: 'reporting period',
    // "the 1988 quarter", "the 1989 period": the period reported, in the year named (recognize.ts
    // anchors it like "the year-ago quarter", on the quarter last named)
    src: `(?<d>the|that|last year['’]s) (?:(?<adj>latest|most recent|comparable|year-ago|year-earlier|year-before|prior-year)(?: (?<adj2>year-ago|year-earlier))? |(?<y>${YEAR4}) )?(?<u>quarter|period)(?![-\\p{L}])`,
    build: (g, _t, c) => {
      // "last year's quarter" is the year-ago quarter
      const adj = `${g.adj ?? ''} ${g.adj2 ?? ''} ${/^last/i.test(g.d!) ? 'year-ago' : ''}`.toLowerCase();
      if (g.u!.toLowerCase() === 'period' && !adj.trim() && !g.y) return undefined; // "the period": too vague
      if (g.y) {
        if (/^last/i.test(g.d!)) return undefined;
        const q = c.dct ? relativeUnit('quarter', -1, c.dct).slice(4) : '-QX';
        return N('DATE', `${g.y}${q}`, false);
      }
      if (!c.dct) return N('DATE', 'XXXX-QX', false);
      // not "the quarter ended July 31" as the calendar quarter of July: fiscal quarters differ
      return N('DATE', relativeUnit('quarter', /year-|prior-year/.test(adj) ? -5 : -1, c.dct), false);
    },
  },
  {
    // "year-ago results", "compared with year-earlier profit": the year before (the quarter when
    // recognize.ts finds one named before)
    name: 'year-ago',
    src: `(?<w>year-ago|year-earlier)(?![-\\p{L}])`,
    build: (_g, _t, c) => (c.dct ? N('DATE', pad(c.dct.y - 1, 4), false) : N('DATE', 'XXXX', false)),
  },
  {
    name: 'same period last year',
    src: `the (?:same|corresponding|comparable) (?<u>period|month|quarter|week|day|time|season)(?: (?:of|in))? (?<r>a year ago|a year earlier|a year before|last year|the previous year|the year before|(?<y>${YEAR4}))`,
    build: (g, _t, c) => {
      const u = g.u!.toLowerCase();
      const y = g.y ? +g.y : c.dct ? c.dct.y - 1 : undefined;
      if (y === undefined) return N('DATE', 'XXXX', false);
      // the month or quarter meant is the one named earlier in the sentence, else the DCT's
      const tail = sentenceTail(c.before);
      const months = [...tail.matchAll(new RegExp(`\\b(${MONTH_FULL})\\b`, 'gi'))].filter((x) => isCap(x[1]));
      const lastMonth = months.length ? monthOf(months[months.length - 1][1]) : undefined;
      if (u === 'month' || (u === 'period' && lastMonth)) {
        const m = lastMonth ?? c.dct?.m;
        return m ? N('DATE', ym(y, m), !!lastMonth) : N('DATE', pad(y, 4), false);
      }
      if (u === 'quarter') {
        const q = /\b(first|second|third|fourth)[- ]quarter|\bQ([1-4])\b/i.exec(tail);
        const n = q ? (q[1] ? ORDINALS[q[1].toLowerCase()] : +q[2]) : c.dct ? Math.floor((c.dct.m - 1) / 3) + 1 : undefined;
        return n ? N('DATE', `${pad(y, 4)}-Q${n}`, !!q) : N('DATE', pad(y, 4), false);
      }
      return N('DATE', pad(y, 4), false);
    },
  },
  // ---- references: now, recently, the past, the future -------------------------------------------
  {
    name: 'present ref',
    // "currently" is PRESENT_REF like "now" (TIDES 2005 / TIMEX3 markable; TimeBank tags 10 of its
    // 16, MEANTIME 1 of 4: the untagged ones are omissions, the guidelines decide)
    src: `(?<w>now|right now|nowadays|currently|at present|at the moment|the present day|today's)(?![-\\p{L}])`,
    build: (g, t, c) => {
      const w = g.w!.toLowerCase();
      if (w === "today's") return N('DATE', relativeUnit('day', 0, c.dct), !!c.dct);
      if (w === 'now' && /^[-–]/.test(c.after)) return undefined;
      return N('DATE', 'PRESENT_REF', true);
    },
  },
  {
    name: 'current',
    recognize: false,
    src: `(?<w>current|currently|presently|these days|at this time|the present|ongoing|present)`,
    build: () => N('DATE', 'PRESENT_REF', false),
  },
  {
    name: 'past ref',
    src: `(?<w>recent (?:\\p{Lu}\\p{L}*\\.?(?:\\p{L}\\.)* )?history|recently|lately|the past|previously|formerly|once|recent|earlier|the old days)(?![-\\p{L}])`,
    build: (g, t, c) => {
      const w = g.w!.toLowerCase();
      if (w === 'once' || w === 'earlier' || w === 'previously' || w === 'formerly') return undefined; // too ambiguous in running text
      if (w === 'recent' && /^\s+(?:years|months|weeks|days|decades|times)\b/i.test(c.after)) return undefined;
      if (w === 'recent' && /^\s+(?:\p{Lu}|rounds?|weeks|polls?)/u.test(c.after) && /^\s+\p{Lu}/u.test(c.after)) return undefined;
      if (w === 'the past' && /^\s+(?:\d|few|several|couple|decade|year|month|week|day|two|three|four|five|six|seven|eight|nine|ten)/i.test(c.after)) return undefined;
      return N('DATE', 'PAST_REF', w !== 'recent');
    },
  },
  {
    name: 'past ref (normalize only)',
    recognize: false,
    src: `(?<w>previously|formerly|earlier|once|before|in the old days|historically)`,
    build: () => N('DATE', 'PAST_REF', false),
  },
  {
    name: 'future ref',
    src: `(?<w>(?:the )?(?:near |distant |foreseeable |immediate )?future|as soon as possible|(?:very |quite )?soon|(?:the )?(?:long|short|medium|near)[- ]term|shortly|someday|one day|later this (?:decade|century))(?![-\\p{L}])`,
    build: (g, t, c) => {
      const w = g.w!.toLowerCase();
      if (/^(one day|someday|shortly)$/.test(w) && !c.before.match(/\b(will|would|could|might)\b[^.]*$/i)) return undefined;
      if (/^(?:long|short|medium|near)[- ]term$/.test(w)) return undefined; // adjectives: "long-term contract"
      // "the long-term partnership", "the long-term lot": still an adjective, of the noun after it
      // (TIMEX3 marks the noun phrase "in the long term", not a modifier of another noun)
      if (/term$/.test(w) && /^\s+\p{Ll}/u.test(c.after) && !/^\s+(?:and|or|but|is|was|are|were|will|would|to|for|of|in|on|at|as|than|because|when|if)\b/i.test(c.after)) return undefined;
      // "as soon as he arrives", "as soon as Tuesday", "soon after being captured": a subordinating
      // conjunction or preposition (TIDES 2005 3.2.1: not markable; TimeML: a SIGNAL), unlike "as
      // soon as possible" (one expression, FUTURE_REF) and "will soon"
      if (/soon$/.test(w) && (/^\s+as\b/i.test(c.after) && /\bas\s+$/i.test(c.before) || /^\s+(?:after|before|afterwards?|thereafter)\b/i.test(c.after))) return undefined;
      if (/future$/.test(w) && !/^the /.test(w)) return undefined; // "future plans": an adjective
      if (w === 'soon' && /^[-–]/.test(c.after)) return undefined;
      return N('DATE', 'FUTURE_REF', true);
    },
  },
  {
    name: 'future ref adj',
    recognize: false,
    src: `(?<w>(?:long|short|medium|near)[- ]term|later|upcoming|forthcoming)`,
    build: () => N('DATE', 'FUTURE_REF', false),
  },
  // ---- Russian -----------------------------------------------------------------------------------
  {
    name: 'ru day word',
    src: `(?<w>сегодня|вчера|завтра|позавчера|послезавтра)`,
    build: (g, _t, c) => {
      const off = ({ сегодня: 0, вчера: -1, завтра: 1, позавчера: -2, послезавтра: 2 } as Record<string, number>)[g.w!.toLowerCase()] ?? 0;
      return N('DATE', relativeUnit('day', off, c.dct), !!c.dct);
    },
  },
  {
    name: 'ru rel unit',
    src: `(?<rel>в этом|в прошлом|в следующем|на этой|на прошлой|на следующей|в этом|в прошлом) (?<u>году|месяце|неделе)`,
    build: (g, _t, c) => {
      const rel = g.rel!.toLowerCase();
      const off = /прошл/.test(rel) ? -1 : /следующ/.test(rel) ? 1 : 0;
      const u: Unit = /год/.test(g.u!) ? 'year' : /месяц/.test(g.u!) ? 'month' : 'week';
      return N('DATE', relativeUnit(u, off, c.dct), !!c.dct);
    },
  },
]);
