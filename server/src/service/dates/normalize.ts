/**
 * Normalization of English (and some Russian) temporal expressions of press releases to
 * TIMEX3 values, anchored on the publication date (DCT). Pure functions; never throw.
 *
 * The grammar (RULES) is shared with recognize.ts: each rule is one regular expression with
 * named groups plus a builder that turns a match into a TIMEX3 value.
 */
import {
  Ymd, dayNumber, fromDayNumber, isoWeek, isoWeekday, daysInMonth, parseDct, pad, formatYmd,
} from './timex';
import {
  MONTHS, RU_MONTHS, WEEKDAYS, SMALL, TENS, ORDINALS, MONTH_FULL, MONTH, WEEKDAY, DAY, YEAR4, YEAR, NUM_WORD, NUM_EXACT, NUM_VAGUE, UNIT, UNIT_SG, POD, SEASON, APPROX, ZONE, AMPM, RU_MONTH_GEN, RU_MONTH_ANY, ZONE_OFFSETS,
} from './vocabulary';

export type TimexKind = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface Normalized {
  type: TimexKind;
  value: string;
  mod?: string;
  quant?: string;
  freq?: string;
  /** false where the value is a guess (missing DCT, unknown tense, vague expression). */
  confident: boolean;
}

export interface NormalizeContext {
  /** Text before the expression (the end of it is used: same sentence). */
  before?: string;
  /** Text after the expression. */
  after?: string;
}

// ---------------------------------------------------------------------------
// Context: tense

export type Tense = 'past' | 'present' | 'future';

const FUTURE_RE = /\b(will|won['’]t|shall|['’]ll|going to|(?:is|are) (?:to|due|set|scheduled|expected|slated)|to be held|expects? to|plans? to|plann(?:ed|ing)|intends? to|aims? to|would|should|may|might|could|must|upcoming|scheduled|slated|due to|set to)\b/gi;
const PAST_RE = /\b(was|were|had|did|said|told|announced|reported|ago|earlier|last|yesterday|has been|have been|[a-z]{3,}ed)\b/gi;
const PRESENT_RE = /\b(is|are|says|say|today)\b/gi;

/** Guesses the tense governing an expression from the words around it (same sentence). */
export function guessTense(before = '', after = ''): Tense | undefined {
  return guessTenseDetail(before, after)?.tense;
}

/**
 * Modals that do not fix a time: "could not stop the bullet Friday night", "they would appeal
 * Wednesday's ruling" (TimeML: modality is not tense). A tense read from one of them is a guess.
 */
const WEAK_MODALS = /^(?:would|should|may|might|could|must)$/;
/**
 * A future seen from a past time ("planned a demonstration on Saturday", "had been due to
 * expire Friday", "was to meet Monday"): the event may lie on either side of the publication
 * date, so the direction is a guess.
 */
const FUTURE_IN_PAST_RE = /\b(?:planned|planning|(?:was|were) (?:to|due|scheduled|expected|set|slated|going to|likely to)|had been (?:due|scheduled|expected|set|slated|planned))\b/i;

/**
 * A clause that begins after the expression: a complement or relative clause ("warnings on
 * Thursday that air strikes could ..."), a second predicate ("on Saturday and were planning
 * to ..."). Its verb does not govern the expression, so the text after it is not read. A
 * temporal clause ("in November when he was called a witness") is about the expression's time
 * and is read; "and" between nouns ("Abortion and Reproductive Rights") is no clause.
 */
const CLAUSE_AFTER = /[;:(]|\s(?:--|_)\s|\band\s+(?:then\s+)?(?:was|were|is|are|has|have|had|will|would|did|\p{L}+ed)\b|\b(?:but|that|which|who|whom|whose|because|although|though|whereas|if|unless)\b/iu;
function clauseHead(s: string): string {
  const m = CLAUSE_AFTER.exec(s);
  return m ? s.slice(0, m.index) : s;
}
/** "had been due to", "had been scheduled": a plan the past perfect tells was overtaken (the time has passed). */
const PLAN_OVERTAKEN = /\bhad\s+been\s+$/i;

/** The tense guessed, and whether it rests only on a modal (weak: the reading is a guess). */
function guessTenseDetail(before = '', after = ''): { tense: Tense; weak: boolean; word: string } | undefined {
  const b = sentenceTail(before);
  const a = clauseHead(sentenceHead(after));
  let best: { dist: number; tense: Tense; weak: boolean; word: string } | undefined;
  const scan = (s: string, re: RegExp, tense: Tense, fromEnd: boolean) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const w = m[1].toLowerCase();
      // "May" with a capital inside a sentence is the month, not the modal
      if (w === 'may' && m[1].charCodeAt(0) === 77) continue;
      // a participle after "be"/"been"/"being" is a passive, not a past tense ("should be completed")
      if (tense === 'past' && w.endsWith('ed') && /\bbe(?:en|ing)?\s+$/i.test(s.slice(Math.max(0, m.index - 8), m.index))) continue;
      if (tense === 'past' && /ed$/.test(w) && /^(need|speed|proceed|exceed|succeed|feed|breed|seed|bed|red|shed|embed|indeed|hundred|united|limited|based|related|expected|scheduled|planned|proposed|intended)$/.test(w)) continue;
      // a participle negated with un- is an adjective, not a past tense ("on a still unspecified
      // date", "markets untouched by the crisis")
      if (tense === 'past' && /^un(?:specified|disclosed|named|identified|expected|precedented|touched|changed|employed|founded|scheduled|announced|confirmed|resolved|solved|related|limited|secured|audited|regulated|explained|armed|opposed|determined|published|paid|used|finished|settled)$/.test(w)) continue;
      let tn = tense;
      // "planned to leave on Thursday": the plan's time lies ahead; "On Friday, the government
      // planned to pay": the planning is the clause's past event
      if (tense === 'future' && !fromEnd && w.startsWith('plann')) tn = 'past';
      if (tense === 'future' && /^(?:due|scheduled|expected|set|slated|planned)/.test(w) && PLAN_OVERTAKEN.test(s.slice(Math.max(0, m.index - 12), m.index))) tn = 'past';
      const dist = fromEnd ? s.length - (m.index + m[0].length) : m.index;
      // words after the expression count a little less than words before it; explicit
      // future markers (modals, "scheduled") outweigh a nearer participle
      let d = fromEnd ? dist : dist + 3;
      if (tense === 'future') d -= fromEnd ? 10 : 4;
      if (tense === 'past' && /^(has been|have been|had|did|ago|yesterday|last|earlier)$/.test(w)) d -= 4;
      if (!best || d < best.dist) best = { dist: d, tense: tn, weak: WEAK_MODALS.test(w), word: w };
    }
  };
  scan(b, FUTURE_RE, 'future', true);
  scan(b, PAST_RE, 'past', true);
  scan(b, PRESENT_RE, 'present', true);
  scan(a, FUTURE_RE, 'future', false);
  scan(a, PAST_RE, 'past', false);
  scan(a, PRESENT_RE, 'present', false);
  const b2 = best as { tense: Tense; weak: boolean; word: string } | undefined;
  return b2 && { tense: b2.tense, weak: b2.weak || FUTURE_IN_PAST_RE.test(b) || FUTURE_IN_PAST_RE.test(a), word: b2.word };
}

/**
 * The direction a word right before a date gives it, whatever the tense of the clause: "since
 * March" lies before the publication, "payable Jan. 2", "effective Feb. 1", "until March 6",
 * "due Dec. 1" after it (dividends, contracts and deadlines in business news). The word must end
 * the text before the expression (prepositions and "on" between them are allowed).
 */
const SIGNAL_PAST = /\b(?:since)\s+(?:(?:on|early|late|mid)\s+)?$/i;
const SIGNAL_FUTURE = /\b(?:payable|effective|due|until|till|expires?|expiring|starting|beginning|scheduled\s+for|set\s+for|slated\s+for|planned\s+for|as\s+(?:soon|early)\s+as|next)\s+(?:(?:on|in|from|by)\s+)?$/i;
/** "by February", "through January": a deadline or the end of a span, ahead unless the clause is past. */
const SIGNAL_AHEAD = /\b(?:by|through)\s+$/i;
function signalTense(before: string): Tense | undefined {
  const t = before.length > 40 ? before.slice(-40) : before;
  if (SIGNAL_PAST.test(t)) return 'past';
  if (SIGNAL_FUTURE.test(t)) return 'future';
  return undefined;
}

function sentenceTail(s: string): string {
  const t = s.slice(-120);
  const m = /[.!?]["”']?\s+(?=[^.!?]*$)|\n(?=[^\n]*$)/.exec(t);
  return m ? t.slice(m.index + m[0].length) : t;
}
function sentenceHead(s: string): string {
  const t = s.slice(0, 120);
  // a closing quotation mark ends the quoted clause: the reporting clause after it ("...,'' Castro
  // said") has the report's tense, not the tense of what is reported
  const m = /[.!?](?:\s|$)|\n|''|”|[,.!?]"/.exec(t);
  return m ? t.slice(0, m.index) : t;
}

// ---------------------------------------------------------------------------
// Value helpers

interface Ctx {
  dct?: Ymd;
  before: string;
  after: string;
  tense?: Tense | null; // null = not computed yet
  /** The tense rests only on a modal (set with `tense`). */
  weakTense?: boolean;
  /** The word the guessed tense was read from ("could", "said"; set with `tense`). */
  tenseWord?: string;
}

function tenseOf(c: Ctx): Tense | undefined {
  if (c.tense === null) {
    const b = c.before;
    const signal = signalTense(b);
    const g = signal ? undefined : guessTenseDetail(b, c.after);
    c.tense = signal ?? g?.tense;
    const sentence = signal ? sentenceTail(b) + ' ' + sentenceHead(c.after) : '';
    // a signal word in a future seen from the past ("had been due to expire Friday", "until
    // Thursday they had not called") does not place the date either
    c.weakTense = signal ? FUTURE_IN_PAST_RE.test(sentence) || (signal === 'future' && /\bhad\b/i.test(sentence)) : !!g?.weak;
    c.tenseWord = g?.word;
    // the past perfect places the end a signal word names before a past time: "until Thursday
    // they had not called him a suspect", "it had been due to expire Friday" (TimeML: the tense
    // of the governing verb; the signal gives the direction only from the time of that clause)
    if (signal === 'future' && /\bhad\s+(?:not\s+|never\s+)?(?:been|\p{L}+ed|\p{L}+en)\b/iu.test(sentence)) c.tense = 'past';
    if (c.tense !== 'past' && SIGNAL_AHEAD.test(b.length > 20 ? b.slice(-20) : b)) c.tense = 'future';
  }
  return c.tense;
}

const N = (type: TimexKind, value: string, confident = true, extra?: Partial<Normalized>): Normalized =>
  (extra ? { type, value, ...extra, confident } : { type, value, confident });

function dn(p: Ymd): number { return dayNumber(p.y, p.m, p.d); }
function ymdOf(n: number): string { return formatYmd(fromDayNumber(n)); }
function weekOf(n: number): string {
  const p = fromDayNumber(n);
  const w = isoWeek(p.y, p.m, p.d);
  return `${pad(w.year, 4)}-W${pad(w.week, 2)}`;
}
function ym(y: number, m: number): string {
  const t = y * 12 + (m - 1);
  return `${pad(Math.floor(t / 12), 4)}-${pad((t % 12) + 1, 2)}`;
}

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'half' | 'year' | 'decade' | 'century' | 'millennium';

const UNIT_WORD: Record<string, Unit> = {
  second: 'second', sec: 'second', minute: 'minute', min: 'minute', hour: 'hour', hr: 'hour', day: 'day', week: 'week',
  weekend: 'weekend', fortnight: 'week', month: 'month', quarter: 'quarter', half: 'half', year: 'year', yr: 'year',
  decade: 'decade', century: 'century', centurie: 'century',
};

function unitOf(word: string): Unit | undefined {
  let w = word.toLowerCase();
  if (w.endsWith('s')) w = w.slice(0, -1);
  if (Object.prototype.hasOwnProperty.call(UNIT_WORD, w)) return UNIT_WORD[w];
  if (w.startsWith('millenni')) return 'millennium';
  return undefined;
}

/** The calendar unit containing dct shifted by `offset` units, as a TIMEX3 date value. */
function relativeUnit(unit: Unit, offset: number, dct: Ymd | undefined): string {
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
function shifted(unit: Unit, amount: number, sign: number, dct: Ymd | undefined): string {
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

const NUM_VAGUE_RE = new RegExp(`^${NUM_VAGUE}$`);

/** Parses an amount: digits, number words, "a", "a couple of", "two and a half"; X for vague. */
function parseAmount(s: string): number | 'X' | undefined {
  // the frequent cases first: plain digits, one number word (what the steps below give them)
  if (isDigits(s)) return +s;
  if (Object.prototype.hasOwnProperty.call(SMALL, s)) return SMALL[s];
  let t = s.toLowerCase().trim().replace(/\s+/g, ' ');
  if (NUM_VAGUE_RE.test(t)) return 'X';
  let extra = 0;
  const frac = /^(\d{1,3}) 1\/2$/.exec(t); // "5 1/2"
  if (frac) return +frac[1] + 0.5;
  if (/ and a half$/.test(t)) { extra = 0.5; t = t.replace(/ and a half$/, ''); }
  if (/^(half an?|a half)$/.test(t)) return 0.5 + extra;
  if (/^a couple( of)?$/.test(t)) return 2 + extra;
  if (/^(a |one )?dozen$/.test(t)) return 12 + extra;
  if (/^(a |one )?hundred$/.test(t)) return 100 + extra;
  if (/^\d+([.,]\d+)?$/.test(t)) {
    if (/^\d{1,3},\d{3}$/.test(t)) return +t.replace(',', '') + extra;
    return +t.replace(',', '.') + extra;
  }
  if (t in SMALL) return SMALL[t] + extra;
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](\w+))?$/.exec(t);
  if (m) {
    const unit = m[2] ? SMALL[m[2]] : 0;
    if (unit === undefined || unit > 9) return undefined;
    return TENS[m[1]] + unit + extra;
  }
  return undefined;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function fmtAmount(n: number | 'X'): string {
  if (n === 'X') return 'X';
  return Number.isInteger(n) ? String(n) : String(+n.toFixed(3));
}

/**
 * A fractional amount in whole units and the next smaller one, the ISO 8601 form the TIMEX3
 * values follow ("two and a half years" P2Y6M, "5 1/2 hours" PT5H30M, "a minute and a half"
 * PT1M30S; TimeBank writes these; MEANTIME once wrote P2.5Y, which ISO also allows: we write
 * the combined form). Undefined where the fraction does not give whole smaller units.
 */
const SPLIT: Partial<Record<Unit, { per: number; fmt: (whole: number, part: number) => string }>> = {
  year: { per: 12, fmt: (w, p) => `P${w ? w + 'Y' : ''}${p}M` },
  month: { per: 30, fmt: (w, p) => `P${w ? w + 'M' : ''}${p}D` },
  day: { per: 24, fmt: (w, p) => `P${w ? w + 'D' : ''}T${p}H` },
  hour: { per: 60, fmt: (w, p) => `PT${w ? w + 'H' : ''}${p}M` },
  minute: { per: 60, fmt: (w, p) => `PT${w ? w + 'M' : ''}${p}S` },
};
function splitDuration(amount: number, unit: Unit): string | undefined {
  const sp = SPLIT[unit];
  if (!sp || Number.isInteger(amount) || amount < 0) return undefined;
  const whole = Math.floor(amount);
  const part = (amount - whole) * sp.per;
  if (Math.abs(part - Math.round(part)) > 1e-9) return undefined;
  return sp.fmt(whole, Math.round(part));
}

/** TIMEX3 duration value for an amount of a unit: P30Y, PT48H, P2Y6M, PXY. */
function durationValue(amount: number | 'X', unit: Unit): string {
  if (amount !== 'X') {
    const split = splitDuration(amount, unit);
    if (split) return split;
  }
  if (amount === 'X') {
    return ({ second: 'PTXS', minute: 'PTXM', hour: 'PTXH', day: 'PXD', week: 'PXW', weekend: 'PXWE', month: 'PXM', quarter: 'PXQ', half: 'PXM', year: 'PXY', decade: 'PXDE', century: 'PXCE', millennium: 'PXML' } as Record<Unit, string>)[unit];
  }
  const a = fmtAmount;
  switch (unit) {
    case 'second': return `PT${a(amount)}S`;
    case 'minute': return `PT${a(amount)}M`;
    case 'hour': return Number.isInteger(amount) ? `PT${a(amount)}H` : Number.isInteger(amount * 60) ? `PT${amount * 60}M` : `PT${a(amount)}H`;
    case 'day': return `P${a(amount)}D`;
    case 'week': return `P${a(amount)}W`;
    case 'weekend': return `P${a(amount)}WE`;
    case 'month': return `P${a(amount)}M`;
    case 'quarter': return `P${a(amount * 3)}M`;
    case 'half': return `P${a(amount * 6)}M`;
    case 'year': return `P${a(amount)}Y`;
    case 'decade': return `P${a(amount * 10)}Y`;
    case 'century': return `P${a(amount * 100)}Y`;
    case 'millennium': return `P${a(amount * 1000)}Y`;
  }
  return `P${a(amount)}Y`;
}

function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}
function ruMonthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  for (const stem of Object.keys(RU_MONTHS).sort((a, b) => b.length - a.length)) {
    if (w.startsWith(stem)) return RU_MONTHS[stem];
  }
  return undefined;
}
function yearOf(s: string | undefined, dct?: Ymd): number | undefined {
  if (!s) return undefined;
  const t = s.replace(/^['’]/, '');
  if (t.length === 2) {
    const v = +t;
    // two-digit year: the century that puts it nearest to the publication year
    const base = dct ? Math.floor(dct.y / 100) * 100 : 2000;
    const cands = [base - 100 + v, base + v, base + 100 + v];
    const ref = dct ? dct.y : 2000;
    return cands.reduce((a, b) => (Math.abs(b - ref) < Math.abs(a - ref) ? b : a));
  }
  return +t;
}
function dayOf(s: string): number { return parseInt(s, 10); }
function isCap(s: string | undefined): boolean {
  if (!s) return false;
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90; // \p{Lu} in ASCII
  return /^\p{Lu}/u.test(s);
}

/** Year of a month (and day) given without a year, from the DCT and the tense. */
function yearForMonthDay(m: number, d: number | undefined, c: Ctx): { y: number | undefined; confident: boolean } {
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
function weekdayDate(wd: number, rel: string | undefined, c: Ctx): { value: string; confident: boolean } | undefined {
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

function modOf(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().replace(/^the\s+/, '').replace(/[-\s]+$/, '').replace(/\s+/g, ' ');
  if (/^(early|beginning of|start of|the start of|dawn of|very early)$/.test(w)) return 'START';
  if (/^(mid|middle of|the middle of|midst of)$/.test(w)) return 'MID';
  if (/^(late|end of|close of|very late|turn of)$/.test(w)) return 'END';
  if (/^(about|around|some|approximately|roughly)$/.test(w)) return 'APPROX';
  if (/^(nearly|almost|less than|under|just under|fewer than|barely)$/.test(w)) return 'LESS_THAN';
  if (/^(more than|over|just over|well over)$/.test(w)) return 'MORE_THAN';
  if (/^(at least)$/.test(w)) return 'EQUAL_OR_MORE';
  if (/^(up to|at most)$/.test(w)) return 'EQUAL_OR_LESS';
  return undefined;
}

/** What a number is when it follows these: an amount, a flight number, ... not a year. */
const NOT_A_YEAR_AFTER = /[$£€¥#№]\s*$|\b(?:No|no|Nos|number|Flight|flight|Route|route|Model|model|Room|room)\.?\s*$|\d[,.]?$/;

/** White space as \s in a regular expression. */
function isRxSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * re.test(s) for an expression whose matches all end at the end of s and span at most `reach`
 * characters before its trailing white space (not counting one character of context before
 * them, for a \b): only that tail of s is searched.
 */
function testTail(re: RegExp, s: string, reach: number): boolean {
  let k = s.length;
  while (k > 0 && isRxSpace(s.charCodeAt(k - 1))) k--;
  const from = k - reach - 2;
  return re.test(from > 0 ? s.slice(from) : s);
}

/** For tests: testTail and white space as \s. */
export const tailForTest = { testTail, isRxSpace, NOT_A_YEAR_AFTER };

// ---------------------------------------------------------------------------
// Rules

type Groups = Record<string, string | undefined>;

export interface Rule {
  name: string;
  /** Regex source with named groups (flags iu). */
  src: string;
  /** false: used by normalize() only, not by findDates() on running text. */
  recognize?: boolean;
  build(g: Groups, text: string, c: Ctx): Normalized | undefined;
}

const fullDate = (y: number | undefined, m: number, d: number, confident = true): Normalized | undefined => {
  if (d < 1 || d > daysInMonth(y ?? 2000, m)) return undefined;
  if (y === undefined) return N('DATE', `XXXX-${pad(m, 2)}-${pad(d, 2)}`, false);
  return N('DATE', `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`, confident);
};

const monthDayNoYear = (m: number, d: number, c: Ctx): Normalized | undefined => {
  const { y, confident } = yearForMonthDay(m, d, c);
  return fullDate(y, m, d, confident);
};

/** Month names must be capitalized in English text; bare "May"/"March" need support. */
function monthOk(word: string | undefined): boolean {
  return !!word && isCap(word);
}

// Targets of "early/mid/late/the end of ..." (sources without named groups are built by recursion)
const MOD_TARGET = `(?:${MONTH}(?:,? ${YEAR4})?|${YEAR4}|${SEASON}(?: (?:of )?${YEAR4})?|(?:the )?(?:1[5-9]|20)\\d0s|(?:this|last|next|the|that|the following|the previous|the same) (?:year|month|week|decade|century|quarter|season|spring|summer|autumn|fall|winter)|(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?:${YEAR4}|this year|last year|next year))?|the (?:\\d{1,2}(?:st|nd|rd|th)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)) century|(?:the )?(?:19|20)\\d0s)`;

export const RULES: Rule[] = [
  // ---- full dates -------------------------------------------------------
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
  // ---- month + day, no year ----------------------------------------------
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
  // ---- month (+ year) ------------------------------------------------------
  {
    name: 'month year',
    src: `(?<m>${MONTH})(?:,| of)? (?<y>${YEAR4})`,
    build: (g) => (monthOk(g.m) ? N('DATE', ym(+g.y!, monthOf(g.m!)!)) : undefined),
  },
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
  // ---- modified: early 2023, mid-July, the end of this year ----------------
  {
    name: 'mod target',
    src: `(?<mod>(?:the )?(?:very )?(?:early|late|beginning of|start of|middle of|end of|close of|turn of|dawn of)|mid|the mid|early|late)(?:[- ]| in )(?<rest>${MOD_TARGET})`,
    build: (g, _t, c) => {
      const inner = normalizeCore(g.rest!, c, true);
      if (!inner || inner.type !== 'DATE') return undefined;
      const mod = modOf(g.mod!.replace(/^the\s+/i, '').replace(/^very\s+/i, ''));
      if (!mod) return undefined;
      return { ...inner, mod };
    },
  },
  // ---- years, decades, centuries ---------------------------------------------
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
    src: `(?:the )?(?<n>\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second) century`,
    build: (g) => {
      const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first', 'twenty-second'];
      const w = g.n!.toLowerCase();
      const n = /^\d/.test(w) ? parseInt(w, 10) : words.indexOf(w) + 1;
      if (n < 1 || n > 30) return undefined;
      return N('DATE', pad(n - 1, 2));
    },
  },
  // ---- quarters, halves, seasons ------------------------------------------
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
  // ---- relative days --------------------------------------------------------
  {
    name: 'day word',
    src: `(?:(?<adv>earlier|later) )?(?<w>today|yesterday|tomorrow|the day before yesterday|the day after tomorrow)(?:['’]s)?(?: (?<pod>${POD}))?`,
    build: (g, t, c) => {
      if (/['’]s/.test(t) && /['’]s$/.test(t)) {
        // "today's": keep the date, the recognizer trims the possessive
      }
      const w = g.w!.toLowerCase();
      const off = w === 'today' ? 0 : w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : /before/.test(w) ? -2 : 2;
      const date = relativeUnit('day', off, c.dct);
      if (g.pod) return N('TIME', `${date}T${podCode(g.pod)}`, !!c.dct);
      return N('DATE', date, !!c.dct);
    },
  },
  {
    name: 'tonight',
    src: `tonight|last night|this (?<pod>morning|afternoon|evening)`,
    build: (g, t, c) => {
      const w = t.toLowerCase();
      if (w === 'tonight') return N('TIME', `${relativeUnit('day', 0, c.dct)}TNI`, !!c.dct);
      if (w === 'last night') return N('TIME', `${relativeUnit('day', -1, c.dct)}TNI`, !!c.dct);
      return N('TIME', `${relativeUnit('day', 0, c.dct)}T${podCode(g.pod!)}`, !!c.dct);
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
  // ---- weekdays ---------------------------------------------------------------
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
  // ---- this week, last month, next year ---------------------------------------
  {
    name: 'rel unit',
    src: `(?<rel>this|last|next|past|previous|coming|following|current|the (?:past|previous|last|next|coming|following|current|same|present)|earlier this|later this|early this|late this|earlier in the|later in the|(?:the )?same) (?<u>week|weekend|month|quarter|year|decade|century|fiscal year)(?!-)`,
    build: (g, t, c) => {
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
    // "by year-end", "at year's end": the end of the publication year (TimeML: mod END); "since
    // year-end" looks back to the end of the year before
    name: 'year end',
    src: `(?:the )?year(?:['’]s)?[- ]end(?![-\\p{L}])`,
    build: (_g, _t, c) => {
      if (!c.dct) return N('DATE', 'XXXX', false, { mod: 'END' });
      return N('DATE', pad(c.dct.y - (tenseOf(c) === 'past' ? 1 : 0), 4), false, { mod: 'END' });
    },
  },
  {
    // "for the year ended March 31", "the fiscal year ending June 30": a fiscal year, a span of
    // twelve months named by its end (TimeBank: DURATION P1Y)
    name: 'the year ended',
    src: `the (?:fiscal |financial )?year(?= end(?:ed|ing) )`,
    build: () => N('DURATION', 'P1Y', true),
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
  // ---- ago / from now / in N days ----------------------------------------------
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
  // ---- durations ---------------------------------------------------------------
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
  // ---- the reporting period of business news (anchored by recognize.ts on the quarter last named)
  {
    // "the quarter", "the latest quarter", "that quarter", "the year-ago period": the period a
    // report is about. Without a quarter named before it, the last completed quarter (a guess)
    name: 'reporting period',
    src: `(?<d>the|that|last year['’]s) (?:(?<adj>latest|most recent|comparable|year-ago|year-earlier|year-before|prior-year)(?: (?<adj2>year-ago|year-earlier))? )?(?<u>quarter|period)(?![-\\p{L}])`,
    build: (g, _t, c) => {
      // "last year's quarter" is the year-ago quarter
      const adj = `${g.adj ?? ''} ${g.adj2 ?? ''} ${/^last/i.test(g.d!) ? 'year-ago' : ''}`.toLowerCase();
      if (g.u!.toLowerCase() === 'period' && !adj.trim()) return undefined; // "the period": too vague
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
  {
    name: 'adjectival duration',
    src: `(?<n>\\d{1,4}(?:\\.\\d+)?|${NUM_WORD}|half)[- ](?<u>${UNIT_SG})(?:[- ](?<old>old|long))?(?=[- ]\\p{L}|$)`,
    build: (g, t, c) => {
      if (!/-/.test(t)) return undefined; // "three year" without hyphen is not adjectival
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
    src: `(?:(?<the>the|a|an) (?<rel>past|last|next|coming|previous|first|following|final|remaining|subsequent|preceding|ensuing|recent|intervening) )?(?:(?<approx>${APPROX}) )?(?<n>${NUM_EXACT}|${NUM_VAGUE}) (?:(?:more|additional|further|extra|consecutive|straight|full|long|short|successive) )?(?<u>${UNIT})(?<half> and a half)?(?:-long)?(?! (?:old|later|earlier|ago|from now)\\b)`,
    build: (g, t, c) => {
      const parsed = parseAmount(g.n!);
      // "a minute and a half", "two years and a half"
      const amount = g.half && typeof parsed === 'number' ? parsed + 0.5 : parsed;
      const u = unitOf(g.u!);
      if (amount === undefined || !u) return undefined;
      const nword = g.n!.toLowerCase();
      if ((nword === 'a' || nword === 'an') && /^\s*(?:of|or)\b/i.test(c.after)) return undefined;
      // "CBS's 60 Minutes", "24 Hours of Le Mans": a capitalised unit after a number is a title
      if (!g.the && !g.approx && isCap(g.u) && !/(?:^|[.!?]\s+|\n)$/.test(c.before) && !/^(?:\p{Lu}[\p{Lu}\d\s-]*)$/u.test(t)) return undefined;
      if (u === 'quarter' && (amount === 1 || amount === 0.5 || amount === 'X')) return undefined; // "about a quarter" of something
      if (/^(a|an|one)$/.test(nword) && !g.rel && !g.approx &&
          /^\s+(?!(?:of|or|and|in|on|at|to|for|after|before|later|earlier|ago|from|since|until|when|while|with|without|by|per|than|that|or|but|is|was|has|had|will|would|the|this|its|their|his|her|we|they|it|he|she)\b)\p{L}/iu.test(c.after)) {
        // "a second A380", "not a day anybody can": a noun follows, not a span of time
        return undefined;
      }
      if (nword === 'some' && !g.the) {
        // "some years" is vague; "some 30 years" is handled by approx
      }
      // a plain number before "day"/"hour" can be a quantity of something else only rarely; accept
      const approx = modOf(g.approx);
      const extra: Partial<Normalized> = approx ? { mod: approx } : {};
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
  // ---- times -------------------------------------------------------------------
  {
    name: 'clock time',
    src: `(?<h>[01]?\\d|2[0-3])(?::|\\.(?=\\d\\d ?${AMPM}))(?<mi>[0-5]\\d)(?::(?<s>[0-5]\\d))?(?: ?(?<ap>${AMPM}))?(?: ?(?<z>${ZONE})(?: ?(?<off>[+-] ?\\d{1,2}(?::?\\d\\d)?))?| \\((?<z2>${ZONE}) ?(?<off2>[+-] ?\\d{1,2}(?::?\\d\\d)?)?\\))?(?:,? (?:on )?(?:(?<day>today|yesterday|tomorrow|${WEEKDAY})|(?<mon>${MONTH}) (?<dd>${DAY})(?![\\d:])))?`,
    build: (g, t, c) => timeValue(g, c),
  },
  {
    name: 'hour ampm',
    src: `(?<h>1[0-2]|0?[1-9])(?: ?(?<ap>${AMPM}))(?: ?(?<z>${ZONE}))?(?:,? (?:on )?(?:(?<day>today|yesterday|tomorrow|${WEEKDAY})|(?<mon>${MONTH}) (?<dd>${DAY})(?![\\d:])))?`,
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
    name: 'noon',
    src: `(?<w>noon|midday|midnight)(?: (?<day>today|yesterday|tomorrow|${WEEKDAY}))?`,
    build: (g, t, c) => {
      const w = g.w!.toLowerCase();
      // "high noon": the idiom (a decisive moment, the film), not twelve o'clock
      if (w === 'noon' && /\bhigh\s+$/i.test(c.before)) return undefined;
      const hh = w === 'midnight' ? '24:00' : '12:00';
      const date = dayPart(g.day, c);
      return N('TIME', `${date.value}T${hh}`, date.confident);
    },
  },
  // ---- references: now, recently, the past, the future ---------------------------
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
  // ---- Russian ------------------------------------------------------------------
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
];

function podCode(pod: string): string {
  return ({ morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' } as Record<string, string>)[pod.toLowerCase()] ?? 'DT';
}

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
  return N('TIME', `${date.value}T${pad(h, 2)}:${pad(mi, 2)}${sec}${zone}`, date.confident);
}

// ---------------------------------------------------------------------------
// Matching

const END = '(?![\\p{L}\\p{N}])';

export interface CompiledRule extends Rule {
  sticky: RegExp;
  full: RegExp;
}

export const COMPILED: CompiledRule[] = RULES.map((r) => ({
  ...r,
  sticky: new RegExp(`(?:${r.src})${END}`, 'iuy'),
  full: new RegExp(`^(?:${r.src})$`, 'iu'),
}));

export function makeCtx(dct: string | undefined, before: string, after: string): Ctx {
  return { dct: parseDct(dct), before, after, tense: null };
}

// ---------------------------------------------------------------------------
// Dispatch: which rules can match at a position
//
// The matches of a rule begin with one of a few short prefixes, read off its regular expression
// in a canonical form (letters lower-cased, every ASCII digit read as 0): a match of 'wd? d month
// year' at "29 June 2022" begins "00 june ". The prefixes of all rules, up to PREFIX_LEN characters,
// form a trie; at a position only the rules whose prefix the text there begins with are tried.
// The analysis over-approximates: negative lookarounds are taken to hold, a positive lookahead
// is read instead of what follows it, and a prefix stops early before a character class that is
// not a short list ("recent \p{Lu}..." gives "recent "). A prefix that is a whole match counts
// only where no letter or digit follows (the rules end there). A text character whose case
// folding is not plain lower-casing (a letter other than ASCII and basic Cyrillic, a surrogate)
// stops the walk, and every rule with a prefix below that point is tried. Tests check on
// generated text that no rule that matches is ever skipped (test/unit/dates/dispatch.test.ts).
//
// Then the candidates are built longest first; a value built without reading the text around
// the match is kept and reused for the same rule, matched text (and groups) and DCT, and the
// rules whose groups follow from the matched text are matched with test() (no match object)
// until one has to be built.

const PREFIX_LEN = 8;

/** A parsed rule expression: the subset of regular expression syntax the rules use. */
type RxNode =
  | { t: 'chars'; cs: string[] } // one character out of a list (canonical forms)
  | { t: 'stop' } // a character the prefix cannot follow (a wide class, a back reference)
  | { t: 'group'; alts: RxNode[][] }
  | { t: 'look'; alts: RxNode[][] } // a lookahead: the text there begins with a match of it
  | { t: 'rep'; node: RxNode; min: number; max: number }
  | { t: 'empty' }; // other assertions: negative lookarounds, lookbehinds, \b, ^, $

/** Canonical form of a character of a rule (one code point), or undefined if it has none. */
function canonRuleChar(c: string): string | undefined {
  const u = c.codePointAt(0)!;
  if (c.length !== 1) return undefined;
  if (u >= 48 && u <= 57) return '0';
  if (u < 128) return u >= 65 && u <= 90 ? String.fromCharCode(u + 32) : c;
  if (u >= 0x410 && u <= 0x44f) return u <= 0x42f ? String.fromCharCode(u + 32) : c;
  if (u === 0x2019 || u === 0x2013 || u === 0x2014) return c; // ’ – —: no case variants
  return undefined;
}

/** [\p{L}\p{N}] for BMP code units >= 128, filled on first use: 0 unknown, 1 no, 2 yes. */
let bmpLN: Uint8Array | undefined;
const LN_CHAR = /^[\p{L}\p{N}]$/u;

/** Whether a code point is a letter or a number (\p{L} or \p{N}). */
export function isLetterOrDigit(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  if (cp < 0x10000) {
    if (!bmpLN) bmpLN = new Uint8Array(0x10000);
    let k = bmpLN[cp];
    if (k === 0) bmpLN[cp] = k = LN_CHAR.test(String.fromCharCode(cp)) ? 2 : 1;
    return k === 2;
  }
  return LN_CHAR.test(String.fromCodePoint(cp));
}

/**
 * Canonical form of a code unit of the text, or -1 where the walk must stop: a letter or digit
 * other than ASCII and basic Cyrillic (its case folding may reach a rule's letter), a surrogate.
 */
function canonTextUnit(u: number): number {
  if (u < 128) return u >= 48 && u <= 57 ? 48 : u >= 65 && u <= 90 ? u + 32 : u;
  if (u >= 0x410 && u <= 0x44f) return u <= 0x42f ? u + 32 : u;
  if (u >= 0xd800 && u <= 0xdfff) return -1;
  return isLetterOrDigit(u) ? -1 : u;
}

/** Parses a rule expression (u mode); throws on syntax it does not know. */
function parseRx(src: string): RxNode[][] {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`rule analysis: ${why} at ${i} in ${src.slice(0, 60)}`);
  };
  const STOP: RxNode = { t: 'stop' };
  const char = (c: string): RxNode => {
    const k = canonRuleChar(c);
    return k === undefined ? STOP : { t: 'chars', cs: [k] };
  };
  const escape = (inClass: boolean): RxNode => {
    const e = src[i++];
    if (e === 'd') return { t: 'chars', cs: ['0'] };
    if ((e === 'b' || e === 'B') && !inClass) return { t: 'empty' };
    if (e === 'p' || e === 'P') {
      const end = src.indexOf('}', i);
      if (src[i] !== '{' || end < 0) fail('\\p');
      i = end + 1;
      return STOP;
    }
    if (e === 'k') {
      const end = src.indexOf('>', i);
      if (src[i] !== '<' || end < 0) fail('\\k');
      i = end + 1;
      return STOP;
    }
    if (e !== undefined && /[sSwWD]/.test(e)) return STOP;
    if (e !== undefined && /[.\\/()[\]{}?*+|^$\-]/.test(e)) return char(e);
    return fail(`escape \\${e}`);
  };
  const parseClass = (): RxNode => {
    if (src[i] === '^') {
      // negated: any character but a few
      const end = src.indexOf(']', i + 1);
      if (end < 0) fail('unclosed class');
      i = end + 1;
      return STOP;
    }
    const cs = new Set<string>();
    let wide = false;
    const add = (n: RxNode) => {
      if (n.t === 'chars') for (const c of n.cs) cs.add(c);
      else wide = true;
    };
    const item = (): { node: RxNode; raw?: string } => {
      if (src[i] === '\\') {
        i++;
        const before = i;
        const node = escape(true);
        return { node, raw: i === before + 1 && node.t === 'chars' ? src[before] : undefined };
      }
      const cp = src.codePointAt(i)!;
      const raw = String.fromCodePoint(cp);
      i += raw.length;
      return { node: char(raw), raw };
    };
    while (i < src.length && src[i] !== ']') {
      const a = item();
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        const b = item();
        if (a.raw === undefined || b.raw === undefined) return fail('class range');
        const lo = a.raw.codePointAt(0)!;
        const hi = b.raw.codePointAt(0)!;
        if (hi < lo || hi - lo > 200) {
          wide = true;
        } else {
          for (let cp = lo; cp <= hi; cp++) add(char(String.fromCodePoint(cp)));
        }
      } else {
        add(a.node);
      }
    }
    if (src[i] !== ']') fail('unclosed class');
    i++;
    return wide ? STOP : { t: 'chars', cs: [...cs] };
  };
  const parseAlts = (): RxNode[][] => {
    const alts: RxNode[][] = [[]];
    while (i < src.length) {
      const ch = src[i];
      if (ch === ')') break;
      if (ch === '|') {
        i++;
        alts.push([]);
        continue;
      }
      let atom: RxNode;
      if (ch === '(') {
        i++;
        let kind: 'group' | 'look' | 'empty' = 'group';
        if (src.startsWith('?:', i)) i += 2;
        else if (src.startsWith('?=', i)) { i += 2; kind = 'look'; }
        else if (src.startsWith('?!', i)) { i += 2; kind = 'empty'; }
        else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) { i += 3; kind = 'empty'; }
        else if (src.startsWith('?<', i)) i = src.indexOf('>', i) + 1;
        else if (src[i] === '?') fail('group kind');
        const inner = parseAlts();
        if (src[i] !== ')') fail('unclosed group');
        i++;
        atom = kind === 'empty' ? { t: 'empty' } : { t: kind, alts: inner };
      } else if (ch === '[') {
        i++;
        atom = parseClass();
      } else if (ch === '\\') {
        i++;
        atom = escape(false);
      } else if (ch === '^' || ch === '$') {
        i++;
        atom = { t: 'empty' };
      } else if (ch === '.') {
        i++;
        atom = STOP;
      } else if (ch === '?' || ch === '*' || ch === '+' || ch === '{' || ch === ']' || ch === '}') {
        return fail(`unexpected ${ch}`);
      } else {
        const raw = String.fromCodePoint(src.codePointAt(i)!);
        i += raw.length;
        atom = char(raw);
      }
      let min = 1;
      let max = 1;
      const q = src[i];
      if (q === '?') { min = 0; i++; }
      else if (q === '*') { min = 0; max = Infinity; i++; }
      else if (q === '+') { max = Infinity; i++; }
      else if (q === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
        if (!m) return fail('quantifier');
        min = +m[1];
        max = m[2] ? (m[3] ? +m[3] : Infinity) : min;
        i += m[0].length;
      }
      if (min !== 1 || max !== 1) {
        if (src[i] === '?') i++; // lazy: the same language
        if (atom.t !== 'empty') atom = { t: 'rep', node: atom, min, max };
      }
      alts[alts.length - 1].push(atom);
    }
    return alts;
  };
  const alts = parseAlts();
  if (i !== src.length) fail('trailing text');
  return alts;
}

/**
 * Walks the canonical prefixes (at most PREFIX_LEN characters) that every match of a rule
 * begins with one of: `step` reads one more character from a cursor (a string, a trie node);
 * `open` is called where a prefix stops (the match may go on), `closed` where it is a whole
 * match (the rules end where no letter or digit follows). Where a lookahead stands, its own
 * prefixes are followed (the text there begins with a match of it) instead of the rest of the
 * rule. False where the prefixes cannot be listed (the rule is then tried everywhere).
 */
function walkPrefixes<T>(src: string, start: T, step: (at: T, c: string) => T, open: (at: T) => void, closed: (at: T) => void): boolean {
  let steps = 0;
  type Cont = { seq: RxNode[]; at: number; next: Cont } | undefined;
  const OPEN_END: Cont = { seq: [{ t: 'stop' }], at: 0, next: undefined };
  const walk = (k: Cont, p: T, len: number, depth: number): boolean => {
    if (++steps > 2_000_000 || depth > 400) return false;
    if (len >= PREFIX_LEN) {
      open(p);
      return true;
    }
    if (!k) {
      closed(p);
      return true;
    }
    if (k.at >= k.seq.length) return walk(k.next, p, len, depth + 1);
    const n = k.seq[k.at];
    const rest: Cont = { seq: k.seq, at: k.at + 1, next: k.next };
    switch (n.t) {
      case 'empty':
        return walk(rest, p, len, depth + 1);
      case 'stop':
        open(p);
        return true;
      case 'chars':
        for (const c of n.cs) if (!walk(rest, step(p, c), len + 1, depth + 1)) return false;
        return true;
      case 'group':
        for (const alt of n.alts) if (!walk({ seq: alt, at: 0, next: rest }, p, len, depth + 1)) return false;
        return true;
      case 'look':
        for (const alt of n.alts) if (!walk({ seq: alt, at: 0, next: OPEN_END }, p, len, depth + 1)) return false;
        return true;
      case 'rep': {
        if (n.min === 0 && !walk(rest, p, len, depth + 1)) return false;
        if (n.max === 0) return true;
        const again: RxNode = { t: 'rep', node: n.node, min: Math.max(0, n.min - 1), max: n.max - 1 };
        return walk({ seq: [n.node, again], at: 0, next: rest }, p, len, depth + 1);
      }
    }
  };
  try {
    return walk({ seq: [{ t: 'group', alts: parseRx(src) }], at: 0, next: undefined }, start, 0, 0);
  } catch {
    return false;
  }
}

/** Marks a prefix that is a whole match (in the prefixes listed for tests). */
const CLOSED = '$';

/** The prefixes of a rule as strings (CLOSED at the end of a whole match), or undefined. */
function rulePrefixes(src: string): Set<string> | undefined {
  const out = new Set<string>();
  const ok = walkPrefixes(src, '', (p, c) => p + c, (p) => out.add(p), (p) => out.add(p + CLOSED));
  return ok ? out : undefined;
}

/** Whether a symbol is a letter or digit (a whole match cannot go on with it). */
function isWordSymbol(sym: number): boolean {
  return sym === 48 || (sym >= 97 && sym <= 122) || (sym >= 128 && sym <= 159);
}
/** Whether a canonical character is a letter or digit. */
function isWordCanon(u: number): boolean {
  return u === 48 || (u >= 97 && u <= 122) || (u >= 0x430 && u <= 0x44f);
}

/**
 * The trie of rule prefixes in flat arrays: node ids (0 = the root), the child of (node,
 * symbol) in an open-addressing table, and for each node the rules to try where the walk ends
 * there (as indices into `lists`):
 * - stopWord: a letter or digit follows (prefixes along the way, whole matches only where the
 *   text went on with something else);
 * - stopOther: something else follows (also the whole matches ending here);
 * - below: the text cannot be read on (also every rule with a prefix further down).
 */
interface FlatTrie {
  keys: Int32Array; // node * 256 + symbol, -1: empty slot
  vals: Int32Array; // child node
  shift: number;
  stopWord: Int32Array;
  stopOther: Int32Array;
  below: Int32Array;
  lists: number[][];
}

/** Symbol (0-255) of a canonical character on a trie edge, -1 for a character on none. */
function symbolOf(u: number): number {
  if (u < 128) return u;
  if (u >= 0x430 && u <= 0x44f) return 128 + (u - 0x430);
  if (u === 0x2019) return 160;
  if (u === 0x2013) return 161;
  if (u === 0x2014) return 162;
  return -1;
}

function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

const tries: Array<FlatTrie | undefined> = [undefined, undefined];

function prefixTrie(recognizeOnly: boolean): FlatTrie {
  const k = recognizeOnly ? 1 : 0;
  const done = tries[k];
  if (done) return done;
  // rule sets as bit masks in two 32-bit halves (rules 0-31, 32-63); with more rules than
  // that, a trie of the root alone: every rule is tried everywhere
  if (COMPILED.length > 64) {
    const all = COMPILED.map((r, i) => (recognizeOnly && r.recognize === false ? -1 : i)).filter((i) => i >= 0);
    const one = new Int32Array(1);
    return (tries[k] = { keys: new Int32Array(16).fill(-1), vals: new Int32Array(16), shift: 28, stopWord: one, stopOther: one, below: one, lists: [all] });
  }
  const child = new Map<number, number>(); // node * 256 + symbol -> node
  const openLo = [0], openHi = [0], closedLo = [0], closedHi = [0];
  const stepTo = (n: number, c: string): number => {
    const sym = symbolOf(c.charCodeAt(0));
    if (sym < 0) throw new Error(`no symbol for ${c}`);
    const key = n * 256 + sym;
    let m = child.get(key);
    if (m === undefined) {
      m = openLo.length;
      child.set(key, m);
      openLo.push(0);
      openHi.push(0);
      closedLo.push(0);
      closedHi.push(0);
    }
    return m;
  };
  COMPILED.forEach((r, i) => {
    if (recognizeOnly && r.recognize === false) return;
    const lo = i < 32 ? 1 << i : 0, hi = i < 32 ? 0 : 1 << (i - 32);
    const mark = (loA: number[], hiA: number[]) => (n: number) => {
      loA[n] |= lo;
      hiA[n] |= hi;
    };
    if (!walkPrefixes(r.src, 0, stepTo, mark(openLo, openHi), mark(closedLo, closedHi))) mark(openLo, openHi)(0); // tried everywhere
  });
  const count = openLo.length;
  const kids: number[][] = Array.from({ length: count }, () => []);
  for (const [key, m] of child) kids[Math.floor(key / 256)].push(key % 256, m);
  const lists: number[][] = [];
  const listIds = new Map<number, number>();
  const intern = (lo: number, hi: number): number => {
    const key = (lo >>> 0) + hi * 4294967296;
    let id = listIds.get(key);
    if (id === undefined) {
      const list: number[] = [];
      for (let b = 0; b < 32; b++) if (lo & (1 << b)) list.push(b);
      for (let b = 0; b < 32; b++) if (hi & (1 << b)) list.push(32 + b);
      id = lists.length;
      lists.push(list);
      listIds.set(key, id);
    }
    return id;
  };
  const stopWord = new Int32Array(count), stopOther = new Int32Array(count), below = new Int32Array(count);
  let subHi = 0;
  // returns the rules with a prefix at or below n (low half; high half in subHi)
  const fill = (n: number, aboveLo: number, aboveHi: number): number => {
    const wLo = aboveLo | openLo[n], wHi = aboveHi | openHi[n];
    const oLo = wLo | closedLo[n], oHi = wHi | closedHi[n];
    stopWord[n] = intern(wLo, wHi);
    stopOther[n] = intern(oLo, oHi);
    let sLo = openLo[n] | closedLo[n], sHi = openHi[n] | closedHi[n];
    const ks = kids[n];
    for (let j = 0; j < ks.length; j += 2) {
      const word = isWordSymbol(ks[j]);
      sLo |= fill(ks[j + 1], word ? wLo : oLo, word ? wHi : oHi);
      sHi |= subHi;
    }
    below[n] = intern(oLo | sLo, oHi | sHi);
    subHi = sHi;
    return sLo;
  };
  fill(0, 0, 0);
  let bits = 4;
  while (1 << bits < child.size * 2) bits++;
  const size = 1 << bits;
  const keys = new Int32Array(size).fill(-1), vals = new Int32Array(size);
  const shift = 32 - bits;
  for (const [key, m] of child) {
    let slot = slotOf(key, shift);
    while (keys[slot] !== -1) slot = (slot + 1) & (size - 1);
    keys[slot] = key;
    vals[slot] = m;
  }
  const flat: FlatTrie = { keys, vals, shift, stopWord, stopOther, below, lists };
  tries[k] = flat;
  return flat;
}

/** The rules (indices into COMPILED, in order) that can match at `index` of `text`. */
function rulesAt(text: string, index: number, t: FlatTrie): number[] {
  let n = 0;
  const end = Math.min(text.length, index + PREFIX_LEN);
  const mask = t.keys.length - 1;
  let j = index;
  for (; j < end; j++) {
    const u = canonTextUnit(text.charCodeAt(j));
    if (u < 0) return t.lists[t.below[n]];
    const sym = symbolOf(u);
    let next = -1;
    if (sym >= 0) {
      const key = n * 256 + sym;
      for (let slot = slotOf(key, t.shift); t.keys[slot] !== -1; slot = (slot + 1) & mask) {
        if (t.keys[slot] === key) {
          next = t.vals[slot];
          break;
        }
      }
    }
    if (next < 0) return t.lists[isWordCanon(u) ? t.stopWord[n] : t.stopOther[n]];
    n = next;
  }
  if (j >= text.length) return t.lists[t.stopOther[n]];
  const u = canonTextUnit(text.charCodeAt(j));
  if (u < 0) return t.lists[t.below[n]];
  return t.lists[isWordCanon(u) ? t.stopWord[n] : t.stopOther[n]];
}

/**
 * Rule context with the text around a match cut out only when a builder reads it. One instance
 * serves every candidate in turn (reset before each build): builders do not keep it, and
 * matchAt is not called from a builder.
 */
class LazyCtx implements Ctx {
  tense: Tense | undefined | null = null;
  dct: Ymd | undefined = undefined;
  private b: string | undefined = undefined;
  private a: string | undefined = undefined;
  private text = '';
  private start = 0;
  private end = 0;
  reset(dct: Ymd | undefined, text: string, start: number, end: number): this {
    this.tense = null;
    this.dct = dct;
    this.b = undefined;
    this.a = undefined;
    this.text = text;
    this.start = start;
    this.end = end;
    return this;
  }
  /** Whether the builder read the text around the match (directly or for the tense). */
  read = false;
  get before(): string {
    this.read = true;
    return (this.b ??= this.text.slice(Math.max(0, this.start - 160), this.start));
  }
  set before(v: string) {
    this.b = v;
  }
  get after(): string {
    this.read = true;
    return (this.a ??= this.text.slice(this.end, this.end + 160));
  }
  set after(v: string) {
    this.a = v;
  }
}
const sharedCtx = new LazyCtx();

/**
 * Values built from matches whose builder read no text around them: such a value depends only
 * on the rule, the matched text, its groups and the DCT (builders are pure functions). One entry
 * per rule and matched text; emptied when it grows large.
 */
interface Built { dct: number; groups: Array<string | undefined>; value: Normalized | undefined }
const builtCache: Array<Map<string, Built>> = COMPILED.map(() => new Map());
let builtCount = 0;
const BUILT_MAX = 5000;
/** For tests: empties the cache of built values. */
export function clearBuiltCacheForTest(): void {
  for (const m of builtCache) m.clear();
  builtCount = 0;
}

/** A new string with the code units of s (not a view into a longer string). */
function ownCopy(s: string): string {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  return String.fromCharCode(...codes);
}
/** Names of the groups of each rule, in order. */
const groupNames: string[][] = COMPILED.map((r) => [...r.src.matchAll(/\(\?<([A-Za-z]\w*)>/g)].map((m) => m[1]));

/**
 * Whether a rule's groups follow from its matched text alone: no assertion (lookaround, \b,
 * ^, $) but at the end of the rule, where it is tested at the end of the match, and no group
 * after a lookahead (it could capture text after the match). Then every way
 * through the rule that consumes the same text reads the same characters and meets the same
 * assertions there, and the first such way (the one the engine takes) does not depend on the
 * text around: the same rule and matched text give the same groups.
 */
function groupsFollowText(src: string): boolean {
  if (/\(\?<[=!]/.test(src)) return false; // a lookbehind reads before the match
  const look = src.indexOf('(?=');
  if (look >= 0 && /\(\?<[A-Za-z]/.test(src.slice(look))) return false; // a group in a lookahead is read after the match
  const hasAssertion = (n: RxNode): boolean => {
    switch (n.t) {
      case 'empty':
      case 'look':
        return true;
      case 'group':
        return n.alts.some((alt) => alt.some(hasAssertion));
      case 'rep':
        return hasAssertion(n.node);
      default:
        return false;
    }
  };
  try {
    return parseRx(src).every((alt) => {
      let last = alt.length;
      while (last > 0 && (alt[last - 1].t === 'empty' || alt[last - 1].t === 'look')) last--;
      return alt.slice(0, last).every((n) => !hasAssertion(n));
    });
  } catch {
    return false;
  }
}
/** Rules whose groups follow from the matched text (their built values are cached by it). */
const fromText: boolean[] = COMPILED.map((r) => groupsFollowText(r.src));

/** For tests: the rules whose groups follow from their matched text. */
export function groupsFollowTextForTest(): string[] {
  return COMPILED.filter((_r, i) => fromText[i]).map((r) => r.name);
}

let allRules: number[][] | undefined;

/** Scratch of matchesAt: end, rule index and groups of each rule that matched. */
const candEnd = new Int32Array(COMPILED.length);
const candRule = new Int32Array(COMPILED.length);
const candGroups: Array<Groups | undefined> = new Array(COMPILED.length).fill(undefined);
const candText: Array<string | undefined> = new Array(COMPILED.length).fill(undefined);

export interface RuleMatch { end: number; rule: string; value: Normalized }

/** Builds the match of rule k from index to end; undefined if the builder refuses it. */
function buildMatch(text: string, index: number, dct: Ymd | undefined, k: number, t: string, groups: Groups | undefined): Normalized | undefined {
  const r = COMPILED[k];
  const end = index + t.length;
  const d = dct ? dct.y * 10000 + dct.m * 100 + dct.d : -1;
  const names = groupNames[k];
  const cache = builtCache[k];
  const seen = cache.get(t);
  if (seen && seen.dct === d) {
    // where groups follow from the text they need no comparing (nor an exec to get them)
    let same = true;
    if (!fromText[k]) {
      for (let j = 0; j < names.length; j++) {
        if (seen.groups[j] !== groups![names[j]]) {
          same = false;
          break;
        }
      }
    }
    if (same) return seen.value;
  }
  if (!groups) {
    // matched by test(): the same match again, with its groups
    r.sticky.lastIndex = index;
    const m = r.sticky.exec(text);
    if (!m || m[0] !== t) return undefined; // cannot happen: the same expression at the same place
    groups = (m.groups ?? {}) as Groups;
  }
  const ctx = sharedCtx.reset(dct, text, index, end);
  ctx.read = false;
  let v: Normalized | undefined;
  try {
    v = r.build(groups, t, ctx);
  } catch {
    v = undefined;
  }
  if (!ctx.read && t.length <= 64) {
    if (++builtCount > BUILT_MAX) {
      for (const m of builtCache) m.clear();
      builtCount = 1;
    }
    // own copies: a substring may keep the whole text alive
    const g = groups;
    cache.set(ownCopy(t), { dct: d, groups: names.map((n) => (g[n] === undefined ? undefined : ownCopy(g[n]!))), value: v });
  }
  ctx.reset(undefined, '', 0, 0); // keep no text alive
  return v;
}

/** The longest match found by the last call of longestMatchAt (one record, reused). */
export interface LongestMatch { end: number; rule: string; value: Normalized; text: string }
const longest: LongestMatch = { end: 0, rule: '', value: { type: 'DATE', value: '', confident: false }, text: '' };

/**
 * The rule matches at index, longest first (then in rule order), each built into a value: all
 * of them pushed to `all` if given, else only the first one, into `longest`. Whether one was.
 */
function matchesAt(text: string, index: number, dct: Ymd | undefined, recognizeOnly: boolean, exhaustive: boolean, all: RuleMatch[] | undefined): boolean {
  let list: number[];
  if (exhaustive) {
    allRules ??= [COMPILED.map((_r, i) => i), COMPILED.map((r, i) => (r.recognize === false ? -1 : i)).filter((i) => i >= 0)];
    list = allRules[recognizeOnly ? 1 : 0];
  } else {
    list = rulesAt(text, index, prefixTrie(recognizeOnly));
  }
  // candidates in the scratch arrays (matchesAt is not reentrant: builders do not call it)
  let count = 0;
  for (let k = 0; k < list.length; k++) {
    const i = list[k];
    const re = COMPILED[i].sticky;
    re.lastIndex = index;
    if (fromText[i]) {
      // the end is enough for now (test() allocates no match); text and groups when built
      if (!re.test(text) || re.lastIndex === index) continue;
      candEnd[count] = re.lastIndex;
      candGroups[count] = undefined;
      candText[count] = undefined;
    } else {
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      candEnd[count] = index + m[0].length;
      candGroups[count] = (m.groups ?? {}) as Groups;
      candText[count] = m[0];
    }
    candRule[count] = i;
    count++;
  }
  let found = false;
  // longest first, then in rule order (the list is in rule order): pick, build, mark as done
  for (let left = count; left > 0; left--) {
    let best = -1;
    for (let j = 0; j < count; j++) if (candEnd[j] >= 0 && (best < 0 || candEnd[j] > candEnd[best])) best = j;
    const end = candEnd[best];
    const k = candRule[best];
    candEnd[best] = -1;
    const t = candText[best] ?? text.slice(index, end);
    const v = buildMatch(text, index, dct, k, t, candGroups[best]);
    if (!v) continue;
    if (!all) {
      longest.end = end;
      longest.rule = COMPILED[k].name;
      longest.value = v;
      longest.text = t;
      found = true;
      break;
    }
    found = true;
    all.push({ end, rule: COMPILED[k].name, value: v });
  }
  candGroups.fill(undefined, 0, count); // keep no match alive
  candText.fill(undefined, 0, count);
  return found;
}

/**
 * All rule matches starting exactly at `index` of `text`, longest first, each built into a
 * value (rules whose builder refuses the match are skipped). Only the rules whose prefixes the
 * text at `index` begins with are tried, unless `exhaustive` (every rule: for tests of that).
 */
export function matchAt(text: string, index: number, dct: Ymd | undefined, recognizeOnly: boolean, firstOnly = false, exhaustive = false): RuleMatch[] {
  if (firstOnly) {
    if (!matchesAt(text, index, dct, recognizeOnly, exhaustive, undefined)) return [];
    return [{ end: longest.end, rule: longest.rule, value: longest.value }];
  }
  const out: RuleMatch[] = [];
  matchesAt(text, index, dct, recognizeOnly, exhaustive, out);
  return out;
}

/**
 * The longest rule match at `index` that builds a value, as matchAt(text, index, dct, true,
 * true)[0] but with the matched text, in a record that the next call reuses.
 */
export function longestMatchAt(text: string, index: number, dct: Ymd | undefined, exhaustive = false): LongestMatch | undefined {
  return matchesAt(text, index, dct, true, exhaustive, undefined) ? longest : undefined;
}

/** For tests: the rules (indices into COMPILED) that matchAt tries at `index`. */
export function dispatchedRulesForTest(text: string, index: number, recognizeOnly: boolean): number[] {
  return [...rulesAt(text, index, prefixTrie(recognizeOnly))];
}

/**
 * For tests: the canonical prefixes of each rule (undefined: the rule is tried everywhere); a
 * prefix that is a whole match ends with $.
 */
export function rulePrefixesForTest(): Array<{ name: string; prefixes: string[] | undefined }> {
  return COMPILED.map((r) => {
    const p = rulePrefixes(r.src);
    return { name: r.name, prefixes: p && [...p].sort() };
  });
}

/** Normalizes a whole expression with the rules (first rule whose regex matches it entirely). */
function normalizeCore(expr: string, c: Ctx, nested = false): Normalized | undefined {
  for (const r of COMPILED) {
    if (nested && r.name === 'mod target') continue;
    const m = r.full.exec(expr);
    if (!m) continue;
    let v: Normalized | undefined;
    try {
      v = r.build((m.groups ?? {}) as Groups, expr, c);
    } catch {
      v = undefined;
    }
    if (v) return v;
  }
  return undefined;
}

const LEADING = /^(?:on|in|at|by|since|until|till|from|during|for|of|to|as of|starting|beginning|around|circa|c\.|the|в|во|с|до|на|к)\s+/i;

/**
 * Normalizes one temporal expression to a TIMEX3 type and value, anchored on the publication
 * date dct (YYYY-MM-DD). context.before/after (the surrounding text) decide the tense of
 * ambiguous weekdays and months. Returns undefined if the expression is not understood.
 */
export function normalize(expression: string, dct: string | undefined, context?: NormalizeContext): Normalized | undefined {
  return normalizeTracked(expression, dct, context).value;
}

/** The rule context, noting whether a rule read the text around the expression. */
class TrackedCtx implements Ctx {
  read = false;
  tense: Tense | null | undefined = null;
  constructor(
    readonly dct: Ymd | undefined,
    private b: string,
    private a: string,
  ) {}
  get before(): string {
    this.read = true;
    return this.b;
  }
  set before(v: string) {
    this.b = v;
  }
  get after(): string {
    this.read = true;
    return this.a;
  }
  set after(v: string) {
    this.a = v;
  }
}

/**
 * normalize(), and whether the value depended on the context: `usedContext` is false when no
 * rule read the text around the expression, so that the same expression and publication date
 * give the same value in any context (the path up to a first read depends on them alone).
 */
export function normalizeTracked(expression: string, dct: string | undefined, context?: NormalizeContext): { value: Normalized | undefined; usedContext: boolean } {
  let c: TrackedCtx | undefined;
  try {
    if (typeof expression !== 'string') return { value: undefined, usedContext: false };
    let expr = expression.trim().replace(/\s+/g, ' ').replace(/[.,;:!?]+$/, (m) => (/\.$/.test(m) && /(?:a\.m|p\.m|\b[A-Z][a-z]{2,3})\.$/.test(expression.trim()) ? '.' : ''));
    if (!expr) return { value: undefined, usedContext: false };
    const before = typeof context?.before === 'string' ? context.before : '';
    const after = typeof context?.after === 'string' ? context.after : '';
    c = new TrackedCtx(parseDct(dct), before, after);
    let v = normalizeCore(expr, c);
    while (!v && LEADING.test(expr)) {
      const m = LEADING.exec(expr)!;
      c.before = (c.before ? c.before + ' ' : '') + m[0];
      c.tense = null;
      expr = expr.slice(m[0].length);
      v = normalizeCore(expr, c);
    }
    if (!v && /['’]s$/.test(expr)) v = normalizeCore(expr.replace(/['’]s$/, ''), c);
    return { value: v, usedContext: c.read };
  } catch {
    return { value: undefined, usedContext: c?.read ?? true };
  }
}
