/**
 * Units and amounts of time: unit words ("years", "hrs", "fortnight"), amounts ("two and a
 * half", "a couple of", "several" as X) and the TIMEX3 duration values they make (P30Y, PT48H,
 * P2Y6M, PXY: TimeML 1.2.1 §2.3, value Duration). Pure functions; never throw.
 */
import { NUM_VAGUE, SMALL, TENS } from './vocabulary';

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'half' | 'year' | 'decade' | 'century' | 'millennium';

const UNIT_WORD: Record<string, Unit> = {
  second: 'second', sec: 'second', minute: 'minute', min: 'minute', hour: 'hour', hr: 'hour', day: 'day', week: 'week',
  weekend: 'weekend', fortnight: 'week', month: 'month', quarter: 'quarter', half: 'half', year: 'year', yr: 'year',
  decade: 'decade', century: 'century', centurie: 'century',
};

export function unitOf(word: string): Unit | undefined {
  let w = word.toLowerCase();
  if (w.endsWith('s')) w = w.slice(0, -1);
  if (Object.prototype.hasOwnProperty.call(UNIT_WORD, w)) return UNIT_WORD[w];
  if (w.startsWith('millenni')) return 'millennium';
  return undefined;
}


const NUM_VAGUE_RE = new RegExp(`^${NUM_VAGUE}$`);

/** Parses an amount: digits, number words, "a", "a couple of", "two and a half"; X for vague. */
export function parseAmount(s: string): number | 'X' | undefined {
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

/**
 * TIMEX3 duration value for an amount of a unit: P30Y, PT48H, P2Y6M, PXY.
 *
 * Units: a known amount is written in the ISO 8601 units (TimeML 1.2.1 §2.3: the value of a
 * Duration is ISO 8601's): "two quarters" P6M, "a decade" P10Y, "a century" P100Y. An unknown
 * amount cannot be converted, so it keeps its own unit: "several quarters" PXQ, "decades" PXDE,
 * "centuries" PXCE, "millennia" PXML (the TIDES 2005 tokens, which timex.ts also accepts). The
 * corpora disagree and neither is consistent: TimeBank writes decades as years 3 times ("past
 * decade" P10Y, "two decades" P20Y) and once P1E ("about a decade"), vague decades PXY; centuries
 * PXC and PXE; quarters P2Q, PXQ, P1Q twice and in months twice ("the next three quarters" P9M,
 * "recent quarters" PXM); millennia P2L. MEANTIME writes "decades" PXD. We follow the rule above.
 */
export function durationValue(amount: number | 'X', unit: Unit): string {
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
