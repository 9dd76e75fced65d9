/**
 * Durations: an amount of a unit of time ("30 years", "two and a half years", "several
 * months", "the past decade", "a three-year contract", "half an hour"), with a mod for an
 * approximation ("about 30 years" APPROX, "nearly two years" LESS_THAN). TIMEX3 type DURATION,
 * value P30Y, P2Y6M, PXM (X: an unknown amount), PT30M. An age ("a 22-year-old") is not a time
 * expression.
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3 value Duration, the ISO 8601 period form; mod);
 * TimeML annotation guidelines §2.2.3 (value, mod); TempEval-2010 TIMEX3 guidelines §2.3
 * (Durations) and §3.2.5 (durations that cannot be quantified).
 */
import { N, family, type Normalized, type Rule } from '../ctx';
import { unitOf, parseAmount, durationValue, type Unit } from '../amounts';
import { isCap, modOf, unitInCompound } from '../words';
import { NUM_WORD, NUM_EXACT, NUM_VAGUE, UNIT, UNIT_SG, APPROX } from '../vocabulary';

export const DURATION_RULES: Rule[] = family('durations', [
  // ---- an amount of a unit -----------------------------------------------------------------------
  {
    name: 'adjectival duration',
    // "a three-year period", "its one-year term": when the noun is itself a span of time the
    // noun phrase is the time expression (TimeML guidelines §2.2.1, the whole phrase; TimeBank 2 of 3)
    src: `(?:(?<art>a|an|the) )?(?<n>\\d{1,4}(?:\\.\\d+)?|${NUM_WORD}|half)[- ](?<u>${UNIT_SG})(?:[- ](?<old>old|long))?(?: (?<head>period|term|span|stretch|interval|stint|spell))?(?=[- ]\\p{L}|$|[^-\\p{L}\\p{N}])`,
    build: (g, t, c) => {
      if (!/-/.test(t)) return undefined; // "three year" without hyphen is not adjectival
      if (g.art && !g.head) return undefined; // "a three-year contract": the adjective alone
      if (!g.head && c.after !== '' && !/^[- ]\p{L}/u.test(c.after)) return undefined; // an adjective: a noun follows
      // an age ("a 22-year-old man", "the 6-month-old") is a property of a person or thing, not a
      // time expression: TimeBank never tags one, and HeidelTime removes them with a negative rule
      if (g.old && g.old.toLowerCase() === 'old') return undefined;
      if (/^[- ]old\b/i.test(c.after)) return undefined; // "a 6-year-old." (the lookahead gave up "-old")
      const n = g.n!.toLowerCase() === 'half' ? 0.5 : parseAmount(g.n!);
      const u = unitOf(g.u!);
      if (n === undefined || n === 'X' || !u) return undefined;
      return N('DURATION', durationValue(n, u), true);
    },
  },
  {
    name: 'duration',
    // the determiner is part of the expression ("for the nine months", "the four days he had
    // considered": TimeML guidelines §2.2.1, the whole noun phrase; TimeBank includes it 78 times
    // in 91); a range of amounts ("two to three weeks", "the next 12 to 18 months") is one amount
    src: `(?:(?<approx0>${APPROX}) )?(?:(?<the>the|a|an) (?<rel>past|last|next|coming|previous|first|following|final|remaining|subsequent|preceding|ensuing|recent|intervening|latest) |(?<det>the) )?(?:(?<approx>${APPROX}) )?(?<n>${NUM_EXACT}|${NUM_VAGUE}|couple of)(?: (?<to>to|or) (?<n2>${NUM_EXACT}))? (?:(?:more|additional|further|extra|consecutive|straight|full|long|short|successive) )?(?<u>${UNIT})(?<half> and a half)?(?:-long)?(?<orso> or so)?`,
    build: (g, t, c) => {
      // "at least the past 18 months" (the bound before the determiner), "the next couple of years"
      if (g.approx0 && g.approx) return undefined;
      // "at least the first two quarters of 1990": the bound is not part of the longer expression
      if (g.approx0 && (g.rel || g.det) && /^ of\b/i.test(c.after)) return undefined;
      const ap = g.approx ?? g.approx0;
      if (/^couple of$/i.test(g.n!) && !g.rel) return undefined;
      const parsed = /^couple of$/i.test(g.n!) ? 2 : parseAmount(g.n!);
      // "a minute and a half", "two years and a half", also before "later" ("a minute and a half
      // later": the "ago" rule reads no half after the unit, and TimeBank tags the DURATION)
      let amount = g.half && typeof parsed === 'number' ? parsed + 0.5 : parsed;
      const u = unitOf(g.u!);
      if (amount === undefined || !u) return undefined;
      // "two years old", "three years later" (the "ago" rule), "an hour" of "an hour and a half"
      if (!g.half && !/-long$/i.test(t) && /^ (?:(?:old|later|earlier|ago)\b|from now\b|and a half\b)/i.test(c.after)) return undefined;
      // "a year-earlier loss", "a week-old truce": a compound, no amount of time
      if (unitInCompound(c.after)) return undefined;
      // "a years-old slump": "a" is no amount of a plural unit
      if (/^an?$/i.test(g.n!) && /s$/i.test(g.u!)) return undefined;
      const nword = g.n!.toLowerCase();
      // "the 1988 quarter", "the 1989 period": a four-digit year before a singular period noun is
      // the period of that year (the reporting-period rule), never a count
      if (/^(?:1[0-9]|20)\d\d$/.test(nword) && !/s$/i.test(g.u!)) return undefined;
      // "the" alone before an amount: "the nine months", not "the one year" or "the a ..."
      if (g.det && /^(a|an|one)$/.test(nword)) return undefined;
      if (g.n2) {
        // "between 60 and 90 days", "from two to six days": two amounts, two expressions (TimeBank
        // and MEANTIME both); otherwise "two to three weeks" is one DURATION of an amount the
        // text does not fix: X in the unit (TempEval-2010 §2.3; TimeBank once PXM, once P2W)
        if (/\b(?:between|from)\s+$/i.test(c.before) && !g.the && !g.det) return undefined;
        const a2 = parseAmount(g.n2);
        if (typeof parsed !== 'number' || typeof a2 !== 'number' || a2 <= parsed || /^(a|an)$/.test(nword)) return undefined;
        amount = 'X';
      }
      // "over" before an amount is "more than" only where it cannot be the preposition: after a
      // verb of lasting or a preposition ("last over a week", "for over a decade"). Elsewhere it
      // is "during" ("used over three years", "evolved over several years": TimeBank leaves it out
      // 18 times in 20): a preposition is not in the extent (TimeML guidelines §2.2.1)
      if (ap && /^over$/i.test(ap) &&
          !/\b(?:for|in|after|within|than|of|last|lasts|lasted|lasting|take|takes|took|taking|taken|spent|spend|spends|spending|wait|waited|run|ran|runs)\s+$/i.test(c.before)) return undefined;
      if ((nword === 'a' || nword === 'an') && /^\s*(?:of|or)\b/i.test(c.after)) return undefined;
      // "CBS's 60 Minutes", "24 Hours of Le Mans": a capitalised unit after a number is a title
      if (!g.the && !ap && isCap(g.u) && !/(?:^|[.!?]\s+|\n)$/.test(c.before) && !/^(?:\p{Lu}[\p{Lu}\d\s-]*)$/u.test(t)) return undefined;
      // "about a quarter" of something, "three quarters of the vote": a fraction, not a period;
      // "several quarters of losses" is one
      if (u === 'quarter' && (amount === 1 || amount === 0.5)) return undefined;
      if (u === 'quarter' && /^ of (?:the|a|an|its|their|his|her|our|all|those|these|them|us|\d)\b/i.test(c.after)) return undefined;
      if (/^(a|an|one)$/.test(nword) && !g.rel && !ap &&
          /^\s+(?!(?:of|or|and|in|on|at|to|for|after|before|later|earlier|ago|from|since|until|when|while|with|without|by|per|than|that|or|but|is|was|has|had|will|would|the|this|its|their|his|her|we|they|it|he|she)\b)\p{L}/iu.test(c.after)) {
        // "a second A380", "not a day anybody can": a noun follows, not a span of time
        return undefined;
      }
      if (nword === 'some' && !g.the) {
        // "some years" is vague; "some 30 years" is handled by approx
      }
      // a plain number before "day"/"hour" can be a quantity of something else only rarely; accept
      // "the next two years or so": an approximation, in the expression (TimeBank: APPROX)
      const approx = modOf(ap) ?? (g.orso ? 'APPROX' : undefined);
      const extra: Partial<Normalized> = approx && !g.n2 ? { mod: approx } : {};
      return N('DURATION', durationValue(amount, u), amount !== 'X', extra);
    },
  },
  {
    name: 'vague plural duration',
    src: `(?:(?<the>the) (?<rel>past|last|next|coming|recent|previous|following) |(?<rec>recent|coming|past|next|previous|ensuing|subsequent) |(?<over>over|in|for) the )?(?<u>years|decades|months|weeks|days|centuries|hours|minutes)(?<long>-long)?`,
    build: (g, t, c) => {
      const u = unitOf(g.u!)!;
      const prefixed = !!(g.rel || g.rec || g.over);
      if (!prefixed && (c.before !== '' || c.after !== '')) {
        // bare "years": only where it is clearly a span ("for years", "decades of", "decades in the making")
        if (!/\b(?:for|over|within|after|in|of|take|took|takes|lasted?|spent|spend)\s+$/i.test(c.before) && !/^\s+(?:of|ago|later|earlier|in the making|on end)\b|^-long/i.test(c.after + (g.long ?? ''))) return undefined;
        if (/^\s+ago\b/i.test(c.after)) return N('DATE', 'PAST_REF', false);
      }
      if (g.over && g.over.toLowerCase() !== 'over') return undefined;
      const rel = (g.rel ?? g.rec ?? '').toLowerCase();
      if (g.the && /^(next|coming|following)$/.test(rel) === false && !/^(past|last|recent|previous)$/.test(rel)) return undefined;
      return N('DURATION', durationValue('X', u), false);
    },
  },
  {
    name: 'decade(s) a century',
    src: `(?<a>a|one|half a) (?<u>decade|century|fortnight|millennium)`,
    build: (g) => {
      const u = unitOf(g.u!)!;
      const amount = g.a!.toLowerCase() === 'half a' ? 0.5 : 1;
      if (g.u!.toLowerCase() === 'fortnight') return N('DURATION', 'P2W', true);
      return N('DURATION', durationValue(amount, u), true);
    },
  },
  {
    name: 'half hour',
    src: `(?:a |an )?(?<h>half[- ]an? hour|half[- ]hour|quarter of an hour|quarter[- ]hour)`,
    build: (g) => N('DURATION', /quarter/i.test(g.h!) ? 'PT15M' : 'PT30M', true),
  },
  // ---- a fiscal year named by its end ------------------------------------------------------------
  {
    // "for the year ended March 31", "the fiscal year ending June 30": a fiscal year, a span of
    // twelve months named by its end (TimeBank: DURATION P1Y)
    name: 'the year ended',
    src: `the (?:fiscal |financial )?year(?= end(?:ed|ing) )`,
    build: () => N('DURATION', 'P1Y', true),
  },
  // ---- Russian -----------------------------------------------------------------------------------
  {
    name: 'ru duration',
    src: `(?<n>\\d{1,4}) (?<u>лет|года?|год|месяц(?:а|ев)?|недел[ьи]|недель|дн(?:я|ей)|день|час(?:а|ов)?|минут[ы]?)`,
    build: (g) => {
      const n = +g.n!;
      const u = g.u!.toLowerCase();
      const unit: Unit = /^(лет|год)/.test(u) ? 'year' : /^месяц/.test(u) ? 'month' : /^недел/.test(u) ? 'week' : /^(дн|день)/.test(u) ? 'day' : /^час/.test(u) ? 'hour' : 'minute';
      return N('DURATION', durationValue(n, unit), true);
    },
  },
]);
