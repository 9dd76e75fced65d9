/**
 * Name normalization and string distance for the knowledge base. Pure functions; never throw.
 *
 * Two kinds of keys:
 *  - folded keys (`foldName`): case-insensitive, diacritics folded (é→e, ё→е), dots and apostrophes
 *    dropped (`U.S.` → `us`, `Côte d'Ivoire` → `cote divoire`), other punctuation and dashes → space,
 *    a leading English article `the` dropped;
 *  - acronym keys (`acronymKey`): for short all-caps forms (`US`, `U.S.`, `OSCE PA`, `ООН`), the exact
 *    upper-case letters without dots, spaces or hyphens. All-caps names are matched case-sensitively so
 *    that `us`, `who` or `un` in running text do not match US, WHO or UN.
 */

const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const DROP = /[.'’‘ʼ`´"“”«»]/g;
const SEPARATORS = /[^\p{L}\p{N}&]+/gu;

/** Folded, case-insensitive key of a name. */
export function foldName(s: string): string {
  if (typeof s !== 'string') return '';
  let t: string;
  if (ASCII.test(s)) {
    // Fast path (most names): no diacritics to fold.
    t = s.toLowerCase().replace(DROP, '').replace(/&/g, ' and ').replace(ASCII_SEPARATORS, ' ').trim();
  } else {
    t = s.normalize('NFKD').replace(COMBINING, '').toLowerCase();
    if (SPECIAL.test(t)) t = t.replace(SPECIAL_G, c => SPECIAL_MAP[c] ?? c);
    t = t.replace(DROP, '').replace(/&/g, ' and ').replace(SEPARATORS, ' ').trim();
  }
  if (t.startsWith('the ') && t.length > 4) t = t.slice(4);
  return t;
}

const ASCII = /^[\x20-\x7e]*$/;
const ASCII_SEPARATORS = /[^a-z0-9&]+/g;
const SPECIAL = /[ßıøæœłđ]/;
const SPECIAL_G = /[ßıøæœłđ]/g;
const SPECIAL_MAP: Record<string, string> = { 'ß': 'ss', 'ı': 'i', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd' };

const ACRONYM_STRIP = /[.\s\-‐–]/g;
const ACRONYM_SHAPE = /^[\p{Lu}\p{N}&]{2,8}$/u;
const HAS_UPPER = /\p{Lu}/u;
const LOWER_ASCII = /[a-z]/;

/**
 * The acronym key of a name when the name is a short all-caps form (2–8 characters once dots,
 * spaces and hyphens are removed, with at least one upper-case letter), else undefined.
 */
export function acronymKey(s: string): string | undefined {
  if (typeof s !== 'string' || s.length < 2 || s.length > 24 || LOWER_ASCII.test(s)) return undefined;
  const t = s.normalize('NFC').replace(ACRONYM_STRIP, '');
  if (!ACRONYM_SHAPE.test(t) || !HAS_UPPER.test(t)) return undefined;
  // "U.S." and "US" are acronyms; a single capital with digits ("G7") too; a lone letter is not.
  if ((t.match(/\p{Lu}/gu) || []).length < 1 || t.length < 2) return undefined;
  return t;
}

/**
 * Acronym keys a query may stand for: its own acronym key, and for a title-case word of 4+ letters
 * (`Nato`, `Unesco`, the style of some newspapers) the upper-case form. Lower-case queries get none.
 */
export function queryAcronymKeys(q: string): string[] {
  if (typeof q !== 'string') return [];
  const own = acronymKey(q);
  if (own) return [own];
  const t = q.trim();
  if (/^\p{Lu}\p{Ll}{3,7}$/u.test(t)) return [t.toUpperCase()];
  return [];
}

/**
 * Levenshtein distance between a and b, or `max + 1` as soon as it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1] + cost;
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev; prev = cur; cur = t;
  }
  return prev[lb] <= max ? prev[lb] : max + 1;
}

/** Largest edit distance accepted as a fuzzy match for a query of this length. */
export function fuzzyBudget(length: number): number {
  if (length < 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

const DATE_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → `YYYY-MM-DD` (start of the period), else undefined. */
export function padDate(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const m = DATE_RE.exec(s.trim());
  if (!m) return undefined;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}
