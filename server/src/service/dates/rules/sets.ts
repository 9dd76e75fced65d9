/**
 * Sets: times that recur ("every week", "each July", "twice a year", "annually", "$3 million a
 * year"). TIMEX3 type SET, value the period (P1W, XXXX-07, P1Y), quant EVERY or EACH, freq the
 * number of times in it (2X).
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3 quant and freq); TimeML annotation guidelines §2.2.3
 * (type SET, quant, freq); TempEval-2010 TIMEX3 guidelines §2.4 (Sets) and §3.2.4 (expressions
 * of frequency that are not marked).
 */
import { N, family, type Rule } from '../ctx';
import { unitOf, parseAmount, durationValue } from '../amounts';
import { monthOf, monthOk, podCode, unitInCompound } from '../words';
import { pad } from '../timex';
import { WEEKDAYS, MONTH_FULL, WEEKDAY, NUM_WORD, NUM_EXACT, UNIT, UNIT_SG, SEASON } from '../vocabulary';

export const SET_RULES: Rule[] = family('sets', [
  // ---- every unit, N times a unit, frequency words -----------------------------------------------
  {
    name: 'sets: N times a unit',
    src: `(?<f>once|twice|thrice|(?:${NUM_WORD}|\\d+) times) (?:a|an|per|every|each) (?<u>${UNIT_SG}|weekend)`,
    build: (g) => {
      const f = g.f!.toLowerCase();
      const n = f === 'once' ? 1 : f === 'twice' ? 2 : f === 'thrice' ? 3 : parseAmount(f.replace(/ times$/, ''));
      const u = unitOf(g.u!);
      if (n === undefined || n === 'X' || !u) return undefined;
      return N('SET', durationValue(1, u), true, { freq: `${n}X` });
    },
  },
  {
    name: 'sets: every unit',
    src: `(?<q>every|each|every other) (?:(?<n>${NUM_EXACT}) )?(?<u>${UNIT}|weekend|(?<wd>${WEEKDAY})|(?<pod>morning|afternoon|evening|night)|(?<mo>${MONTH_FULL})|(?<se>${SEASON}))`,
    build: (g) => {
      const q = g.q!.toLowerCase();
      const quant = q === 'each' ? 'EACH' : 'EVERY';
      // "each July", "every summer": that month (season) of every year
      if (g.mo) return monthOk(g.mo) && !g.n ? N('SET', `XXXX-${pad(monthOf(g.mo)!, 2)}`, true, { quant }) : undefined;
      if (g.se) return g.n ? undefined : N('SET', `XXXX-${({ spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' } as Record<string, string>)[g.se.toLowerCase()]}`, true, { quant });
      if (g.wd) return N('SET', `XXXX-WXX-${WEEKDAYS[g.wd.toLowerCase()]}`, true, { quant });
      if (g.pod) return N('SET', `XXXX-XX-XXT${podCode(g.pod)}`, true, { quant });
      const u = unitOf(g.u!);
      let n = g.n ? parseAmount(g.n) : 1;
      if (q === 'every other') n = 2;
      if (n === undefined || !u) return undefined;
      if (u === 'weekend') return N('SET', 'XXXX-WXX-WE', true, { quant });
      return N('SET', durationValue(n, u), true, { quant });
    },
  },
  {
    name: 'sets: annually',
    src: `(?<w>annually|yearly|monthly|weekly|daily|nightly|hourly|quarterly|biannually|biennially|semi-annually|semiannually|fortnightly|every day|per annum|a year|a month|a week|a day|per year|per month|per week|per day|per hour|an hour)`,
    build: (g, t, c) => {
      const w = g.w!.toLowerCase();
      const table: Record<string, string> = {
        annually: 'P1Y', yearly: 'P1Y', monthly: 'P1M', weekly: 'P1W', daily: 'P1D', nightly: 'P1D', hourly: 'PT1H',
        quarterly: 'P3M', biannually: 'P6M', 'semi-annually': 'P6M', semiannually: 'P6M', biennially: 'P2Y',
        fortnightly: 'P2W', 'every day': 'P1D', 'per annum': 'P1Y',
      };
      if (table[w]) {
        // "the Communist Party daily Granma": a newspaper; "its quarterly dividend", "the quarterly
        // results": the adjective is a property of the noun (TimeBank tags neither)
        if (w === 'daily' && /^\s+\p{Lu}/u.test(c.after)) return undefined;
        if (w === 'quarterly' && /^\s+(?:cash\s+)?(?:dividends?|results|reports?|earnings|loss(?:es)?|profits?|payments?|distributions?|rates?|figures|sales|revenues?|statements?|meetings?|reviews?|of)\b/i.test(c.after)) return undefined;
        return N('SET', table[w], true, /ly$|per annum|every day/.test(w) ? { quant: 'EVERY' } : {});
      }
      // "a year-earlier loss", "a week-old truce": a compound, no amount of time
      if (unitInCompound(c.after)) return undefined;
      // "a year" / "per year": a set after an amount ("15 a year", "$3 million per year"); else a duration
      const u = unitOf(w.replace(/^(a|an|per) /, ''))!;
      if (/(\d|\b(?:million|billion|thousand|hundred|percent|per cent|%|times|once|twice|cars|aircraft|planes|jets|units|vehicles|people|passengers|flights|tons|tonnes))[\s,]*$/i.test(c.before) || /^per /.test(w)) {
        return N('SET', durationValue(1, u), true);
      }
      if (/^per /.test(w)) return undefined;
      return N('DURATION', durationValue(1, u), true);
    },
  },
  {
    name: 'annual',
    src: `(?<w>annual|year-long|yearlong|year-round)`,
    // MEANTIME convention: the adjective "annual" ("annual profit") is a DURATION P1Y
    build: (g) => (g.w!.toLowerCase() === 'year-round' ? undefined : N('DURATION', 'P1Y', true)),
  },
]);
