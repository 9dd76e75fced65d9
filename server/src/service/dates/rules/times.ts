/**
 * Times of day: a clock time with its zone and its date ("15:00 GMT Saturday", "5 p.m. EST,
 * Nov. 6": one expression), an hour by the part of the day ("4 in the morning"), noon and
 * midnight, a part of a day ("tonight", "this morning").
 * TIMEX3 type TIME, value YYYY-MM-DDThh:mm with the zone offset, or YYYY-MM-DDTMO/AF/EV/NI.
 *
 * Guidelines: TimeML 1.2.1 §2.3 (TIMEX3 value Time); TimeML annotation guidelines §2.2.1 (a time
 * and its date in one extent) and §2.2.3 (value); TempEval-2010 TIMEX3 guidelines §2.2 (Times of
 * day).
 */
import { N, family, type Ctx, type Groups, type Normalized, type Rule } from '../ctx';
import { relativeUnit, weekdayDate, monthDayNoYear } from '../calendar';
import { monthOf, dayOf, podCode } from '../words';
import { pad } from '../timex';
import { WEEKDAYS, MONTH, WEEKDAY, DAY, ZONE, AMPM, ZONE_OFFSETS } from '../vocabulary';

function dayPart(day: string | undefined, c: Ctx): { value: string; confident: boolean } {
  if (!day) return { value: relativeUnit('day', 0, c.dct), confident: false };
  const d = day.toLowerCase();
  if (d === 'today') return { value: relativeUnit('day', 0, c.dct), confident: !!c.dct };
  if (d === 'yesterday') return { value: relativeUnit('day', -1, c.dct), confident: !!c.dct };
  if (d === 'tomorrow') return { value: relativeUnit('day', 1, c.dct), confident: !!c.dct };
  const wd = WEEKDAYS[d];
  return weekdayDate(wd, undefined, c) ?? { value: relativeUnit('day', 0, c.dct), confident: false };
}

function timeValue(g: Groups, c: Ctx): Normalized | undefined {
  let h = +g.h!;
  const mi = g.mi ? +g.mi : 0;
  const ap = g.ap?.toLowerCase().replace(/\./g, '');
  if (ap) {
    if (h < 1 || h > 12) return undefined;
    if (ap === 'pm' && h < 12) h += 12;
    if (ap === 'am' && h === 12) h = 0;
  }
  // The zone: kept as an ISO 8601 offset ("5 p.m. EST" T17:00-05:00, "18:00 UTC" T18:00Z). The
  // corpora disagree: MEANTIME keeps it (T18:00Z); TimeBank drops it (T17:00), as the Time
  // datatype of the TimeML 1.2.1 schema (timeml_1.2.1.xsd) has no zone. Dropping it would
  // gain two TimeBank values and lose six of MEANTIME's seven zoned ones; agreement.ts accepts a value without
  // its zone as agreeing, so date.value-mismatch does not warn on either.
  const z = (g.z ?? g.z2)?.toUpperCase();
  const offRaw = (g.off ?? g.off2)?.replace(/\s+/g, '');
  let zone = '';
  if (z) {
    if (offRaw && (z === 'UTC' || z === 'GMT')) {
      const m = /^([+-])(\d{1,2})(?::?(\d\d))?$/.exec(offRaw);
      zone = m ? `${m[1]}${pad(+m[2], 2)}:${m[3] ?? '00'}` : 'Z';
      if (zone === '+00:00' || zone === '-00:00') zone = 'Z';
    } else {
      zone = ZONE_OFFSETS[z] ?? '';
    }
  }
  // TIMEX3: a time with its date is one expression ("5 p.m. EST, Nov. 6", "15:00 GMT Saturday")
  const md = g.mon ? monthDayNoYear(monthOf(g.mon)!, dayOf(g.dd!), c) : undefined;
  const date = md ? { value: md.value, confident: md.confident } : dayPart(g.day, c);
  const sec = g.s ? `:${g.s}` : '';
  // "around 7:15 p.m.": the approximation is in the extent, mod APPROX (TimeML 1.2.1 mod, as for
  // "about 30 years"; TimeBank: "around 7:15 p.m." APPROX, though once "about 10:35 a.m." without)
  return N('TIME', `${date.value}T${pad(h, 2)}:${pad(mi, 2)}${sec}${zone}`, date.confident, g.approx ? { mod: 'APPROX' } : undefined);
}

// ---------------------------------------------------------------------------

export const TIME_RULES: Rule[] = family('times', [
  // ---- parts of the day --------------------------------------------------------------------------
  {
    // "later this afternoon", "earlier tonight": the adverb is part of the extent, as in "later
    // today" and "later this year" (the relative rules; no mod there either)
    name: 'tonight',
    src: `(?:(?<adv>earlier|later) )?(?:tonight|last night|this (?<pod>morning|afternoon|evening))`,
    build: (g, t, c) => {
      const w = t.toLowerCase().replace(/^(?:earlier|later) /, '');
      if (w === 'tonight') return N('TIME', `${relativeUnit('day', 0, c.dct)}TNI`, !!c.dct);
      if (w === 'last night') return N('TIME', `${relativeUnit('day', -1, c.dct)}TNI`, !!c.dct);
      return N('TIME', `${relativeUnit('day', 0, c.dct)}T${podCode(g.pod!)}`, !!c.dct);
    },
  },
  // ---- clock times -------------------------------------------------------------------------------
  {
    name: 'clock time',
    src: `(?:(?<approx>about|around|approximately|roughly) )?(?<h>[01]?\\d|2[0-3])(?::|\\.(?=\\d\\d ?${AMPM}))(?<mi>[0-5]\\d)(?::(?<s>[0-5]\\d))?(?: ?(?<ap>${AMPM}))?(?: ?(?<z>${ZONE})(?: ?(?<off>[+-] ?\\d{1,2}(?::?\\d\\d)?))?| \\((?<z2>${ZONE}) ?(?<off2>[+-] ?\\d{1,2}(?::?\\d\\d)?)?\\))?(?:,? (?:on )?(?:(?<day>today|yesterday|tomorrow|${WEEKDAY})|(?<mon>${MONTH}) (?<dd>${DAY})(?![\\d:])))?`,
    build: (g, t, c) => timeValue(g, c),
  },
  {
    name: 'hour ampm',
    src: `(?:(?<approx>about|around|approximately|roughly) )?(?<h>1[0-2]|0?[1-9])(?: ?(?<ap>${AMPM}))(?: ?(?<z>${ZONE}))?(?:,? (?:on )?(?:(?<day>today|yesterday|tomorrow|${WEEKDAY})|(?<mon>${MONTH}) (?<dd>${DAY})(?![\\d:])))?`,
    build: (g, _t, c) => timeValue(g, c),
  },
  {
    // "4 in the morning", "10 o'clock at night", "five in the afternoon": a clock time by the part
    // of the day (TIMEX3 TIME), the day being the DCT's unless named
    name: 'hour in the pod',
    src: `(?<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: o['’]clock)? (?:in the (?<pod>morning|afternoon|evening)|at (?<pod2>night))(?![-\\p{L}])`,
    build: (g, _t, c) => {
      const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
      let h = /\d/.test(g.h!) ? +g.h! : words.indexOf(g.h!.toLowerCase()) + 1;
      const pod = (g.pod ?? g.pod2)!.toLowerCase();
      if (pod === 'morning') h = h === 12 ? 0 : h;
      else if (pod === 'night') h = h === 12 ? 0 : h >= 6 ? h + 12 : h;
      else h = h === 12 ? 12 : h + 12;
      const date = dayPart(undefined, c);
      return N('TIME', `${date.value}T${pad(h, 2)}:00`, date.confident);
    },
  },
  {
    // "mid-afternoon yesterday", "by mid afternoon", "in the late evening": a part of the day with
    // the part of it (TIMEX3 TIME, value the part of the day, mod START / MID / END as for "early
    // 2023"; TimeBank: "mid-afternoon yesterday" 1989-11-01TAF MID). Without a day named, "early"
    // and "late" only after a preposition or article: "late-night shows", "early morning fog"
    // qualify a noun. Not "midnight" (the rule below).
    name: 'mod pod',
    src: `(?<mod>early|mid|late)(?<sep>-| |)(?<pod>morning|afternoon|evening|night)(?![-\\p{L}])(?:,? (?<day>today|yesterday|tomorrow|${WEEKDAY}))?`,
    build: (g, _t, c) => {
      const m = g.mod!.toLowerCase();
      const pod = g.pod!.toLowerCase();
      if (!g.sep && (m !== 'mid' || pod === 'night')) return undefined;
      if (g.day && WEEKDAYS[g.day.toLowerCase()] && !/^\p{Lu}/u.test(g.day)) return undefined;
      if (!g.day && m !== 'mid' && !/\b(?:in|by|at|until|till|since|from|before|after|during|the)\s+$/i.test(c.before)) return undefined;
      const date = dayPart(g.day, c);
      return N('TIME', `${date.value}T${podCode(pod)}`, date.confident && !!g.day, { mod: m === 'early' ? 'START' : m === 'mid' ? 'MID' : 'END' });
    },
  },
  {
    // "noon Saturday", "midnight on Friday", "noon, Nov. 9", "midnight tonight": the day in the
    // same extent, as for a clock time (TimeML annotation guidelines §2.2.1)
    name: 'noon',
    src: `(?<w>noon|midday|midnight)(?:,? (?:on )?(?:(?<day>today|yesterday|tomorrow|tonight|${WEEKDAY})|(?<mon>${MONTH}) (?<dd>${DAY})(?![\\d:])))?`,
    build: (g, t, c) => {
      const w = g.w!.toLowerCase();
      // "high noon": the idiom (a decisive moment, the film), not twelve o'clock
      if (w === 'noon' && /\bhigh\s+$/i.test(c.before)) return undefined;
      const hh = w === 'midnight' ? '24:00' : '12:00';
      const md = g.mon ? monthDayNoYear(monthOf(g.mon)!, dayOf(g.dd!), c) : undefined;
      const date = md ?? dayPart(g.day?.toLowerCase() === 'tonight' ? 'today' : g.day, c);
      return N('TIME', `${date.value}T${hh}`, date.confident);
    },
  },
]);
