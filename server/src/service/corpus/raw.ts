/**
 * Raw releases → `.press`: the scraped form (an optional `date YYYY-MM-DD` prefix, then the
 * dateline, then the body) becomes front matter (`date`, `dateline`, `source`) and the body.
 *
 * Datelines follow how agencies write them:
 *
 *   NUR-SULTAN. KAZINFORM - Today, …                    (Kazinform)
 *   ASTANA, June 29 (Kazinform) -- …                     (Kazinform, older)
 *   LONDON (Reuters) - …  /  TOKYO, June 5 (Reuters) - …  (Reuters)
 *   WASHINGTON, June 5 (AP) — …                          (AP)
 *   MOSCOW, June 29. /TASS/. …                           (TASS)
 *   NEW YORK, June 29, 2022 /PRNewswire/ -- …            (PR Newswire)
 *   SAN FRANCISCO--(BUSINESS WIRE)--…                    (Business Wire)
 *   NEW YORK, June 29, 2022 (GLOBE NEWSWIRE) -- …        (GlobeNewswire)
 *   BAKU, Azerbaijan, June 29. …                         (Trend)
 *   ASTANA – …                                           (a place and a dash)
 *
 * that is: PLACE [, REGION]… [, DATE] [SOURCE] SEPARATOR. The place is in capitals (or, with a
 * date or a source after it, in title case); the separator is a hyphen, `--`, an en or em dash,
 * or (after a date or `/SOURCE/`) a full stop. Casing: names in capitals are written as the
 * knowledge base spells them (`NUR-SULTAN` → `Nur-Sultan`, `KAZINFORM` → `Kazinform`, `AP` → `AP`)
 * and otherwise in title case word by word (`UNITED NATIONS` → `United Nations`, particles such
 * as `de` and `of` in lower case); a source of up to four capitals stays an acronym (`AFP`).
 * Pure; never throws.
 */
import { toPress, type CorpusDocument, type CorpusProblem, type CorpusSpan } from './document';

export interface Dateline {
  /** The dateline as written, separator included. */
  raw: string;
  /** Where it starts and ends in the text it was found in (UTF-16). */
  start: number;
  end: number;
  /** The place as written (`NUR-SULTAN`), with its qualifiers (`WASHINGTON, D.C.`). */
  place: string;
  /** The date as written (`June 29`), when there is one. */
  dateText?: string;
  /** The date as YYYY-MM-DD, or MM-DD when the dateline gives no year. */
  date?: string;
  /** The source as written (`KAZINFORM`, `Reuters`), when there is one. */
  source?: string;
}

export interface RawOptions {
  /**
   * The spelling of a name as the knowledge base writes it (`NUR-SULTAN` → `Nur-Sultan`), when
   * it knows it: places for the dateline, organizations for the source.
   */
  spell?(name: string, kind: 'place' | 'source'): string | undefined;
  /** Keep the dateline as the first words of the body (it is always in the front matter). */
  keepDateline?: boolean;
}

export interface RawImport {
  /** The .press text (undefined only if it cannot be written; problems say why). */
  text: string | undefined;
  meta: { date?: string; dateline?: string; source?: string };
  dateline: Dateline | undefined;
  /** The body as plain text (what the .press reads as). */
  body: string;
  problems: CorpusProblem[];
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const CAPS_PART = "\\p{Lu}[\\p{Lu}\\p{M}\\d'’&]*";
const CAPS_WORD = `${CAPS_PART}(?:-${CAPS_PART})*`;
/** `ST.`, `FT.`, `U.S.`: words in capitals that end with a full stop and go on. */
const CAPS_ABBR = '(?:\\p{Lu}{1,3}\\.|(?:\\p{Lu}\\.){2,})';
const TITLE_WORD = "\\p{Lu}[\\p{Ll}\\p{M}'’.]*(?:-\\p{Lu}[\\p{Ll}\\p{M}'’.]*)*";
const PARTICLE = '(?:de|da|do|del|della|di|du|la|le|les|of|on|upon|am|an|der|den|van|von|sur|en|y|al|el)';

const PREFIX_RE = /^\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})(?![\d-])[ \t]*/i;
const PLACE_CAPS_RE = new RegExp(`(?:(?:${CAPS_ABBR}|${CAPS_WORD}) )*${CAPS_WORD}`, 'uy');
const PLACE_TITLE_RE = new RegExp(`${TITLE_WORD}(?: (?:${PARTICLE} )?${TITLE_WORD}){0,3}`, 'uy');
const REGION_RE = new RegExp(`, ((?!${MONTH}[\\s,])(?:\\p{Lu}[\\p{L}\\p{M}.'’-]*)(?: \\p{Lu}[\\p{L}\\p{M}.'’-]*){0,2})(?=[,.]? )`, 'uy');
const DATE_RE = new RegExp(
  `[,.]? (?:(${MONTH}) (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?|(\\d{1,2}) (${MONTH})(?:,? (\\d{4}))?|(\\d{4})-(\\d{2})-(\\d{2}))(?![\\p{L}\\d])`,
  'uy',
);
const SOURCE_PAREN_RE = /(?:,? ?)\(([^()\n]{1,40})\)/y;
const SOURCE_SLASH_RE = /[,.]? ?\/([^/\n]{1,40})\//y;
const SOURCE_WIRE_RE = /--\(([^()\n]{1,40})\)--/y;
const SOURCE_CAPS_RE = new RegExp(`\\. (${CAPS_WORD}(?: ${CAPS_WORD}){0,2})(?= ?(?:-{1,3}|–|—|―))`, 'uy');
const DASH_RE = /[ \t]*(?:-{1,3}|–|—|―)[ \t]*/y;
const STOP_RE = /\.[ \t]+(?=[\p{Lu}\d"“‘(])/uy;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function isCaps(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/** Title case of a name in capitals, word by word and across hyphens (`NUR-SULTAN` → `Nur-Sultan`). */
export function titleCase(name: string): string {
  let first = true;
  return name.replace(/[\p{L}\p{M}\d'’]+/gu, (w) => {
    const lower = w.toLowerCase();
    const out = !first && new RegExp(`^${PARTICLE}$`).test(lower) ? lower : lower.replace(/^(\p{L})/u, (c) => c.toUpperCase()).replace(/(['’])(\p{L})(?=\p{L}{2})/gu, (_, q: string, c: string) => q + c.toUpperCase());
    first = false;
    return out;
  });
}

function monthDay(month: string, day: string, year: string | undefined): string | undefined {
  const m = MONTHS[month.replace(/\.$/, '').toLowerCase()];
  const d = Number(day);
  if (!m || d < 1 || d > 31) return undefined;
  const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return year ? `${year}-${md}` : md;
}

/**
 * The dateline at `at` in `text` (after white space), or undefined. `known(place)` says whether
 * a name in capitals is a place the knowledge base knows: only then may a dateline be just a
 * place and a dash.
 */
export function parseDateline(text: string, at = 0, known?: (place: string) => boolean): Dateline | undefined {
  let p = at;
  while (p < text.length && /[ \t\r\n\ufeff]/.test(text[p])) p++;
  const start = p;
  let placeMatch = sticky(PLACE_CAPS_RE, text, p);
  let caps = true;
  if (!placeMatch || !/\p{Lu}.*\p{Lu}/u.test(placeMatch[0]) || /\p{Ll}/u.test(text[p + placeMatch[0].length] ?? '')) {
    placeMatch = sticky(PLACE_TITLE_RE, text, p);
    caps = false;
  }
  if (!placeMatch) return undefined;
  let place = placeMatch[0];
  p += place.length;
  for (let r = sticky(REGION_RE, text, p), n = 0; r && n < 2; r = sticky(REGION_RE, text, p), n++) {
    place += r[0];
    p += r[0].length;
  }
  let dateText: string | undefined;
  let date: string | undefined;
  const d = sticky(DATE_RE, text, p);
  if (d) {
    date = d[1] ? monthDay(d[1], d[2], d[3]) : d[5] ? monthDay(d[5], d[4], d[6]) : `${d[7]}-${d[8]}-${d[9]}`;
    if (date) {
      dateText = d[0].replace(/^[,.]? /, '');
      p += d[0].length;
    }
  }
  let source: string | undefined;
  let end: number | undefined;
  const wire = sticky(SOURCE_WIRE_RE, text, p);
  const slash = wire ? null : sticky(SOURCE_SLASH_RE, text, p);
  const paren = wire || slash ? null : sticky(SOURCE_PAREN_RE, text, p);
  const capsSource = wire || slash || paren || !caps ? null : sticky(SOURCE_CAPS_RE, text, p);
  const s = wire ?? slash ?? paren ?? capsSource;
  if (s) {
    source = s[1].trim();
    p += s[0].length;
    if (wire) end = p;
  }
  if (end === undefined) {
    const dash = sticky(DASH_RE, text, p);
    if (dash && p < text.length) end = p + dash[0].length;
    else if ((dateText || slash) && sticky(STOP_RE, text, p)) end = p + sticky(STOP_RE, text, p)![0].length;
    else if (slash && /^\s/.test(text.slice(p, p + 1))) end = p;
  } else {
    const space = /^[ \t]*/.exec(text.slice(end))![0];
    end += space.length;
  }
  if (end === undefined) return undefined;
  // What makes a dateline: a date or a source, or a place in capitals the knowledge base knows.
  if (!dateText && !source && !(caps && known?.(place.split(',')[0]))) return undefined;
  if (!caps && !dateText && !source) return undefined;
  while (end < text.length && /[ \t]/.test(text[end])) end++;
  const result: Dateline = { raw: text.slice(start, end), start, end, place };
  if (dateText) result.dateText = dateText;
  if (date) result.date = date;
  if (source) result.source = source;
  return result;
}

/** The dateline place as it goes into the front matter. */
export function datelineName(place: string, options: RawOptions = {}): string {
  return place
    .split(', ')
    .map((part, i) => {
      if (!isCaps(part)) return part;
      const spelled = i === 0 ? options.spell?.(part, 'place') : undefined;
      return spelled ?? (/^(?:\p{Lu}\.)+$/u.test(part) ? part : titleCase(part));
    })
    .join(', ');
}

/** The source as it goes into the front matter. */
export function sourceName(source: string, options: RawOptions = {}): string {
  const spelled = options.spell?.(source, 'source');
  if (spelled) return spelled;
  if (!isCaps(source)) return source;
  return /^\p{Lu}{1,4}$/u.test(source) ? source : titleCase(source);
}

/**
 * Imports one raw release. `spans` gives annotations to write (e.g. found mentions), in plain
 * text offsets into the body, knowing the front matter found. Never throws.
 */
export function importRaw(raw: string, options: RawOptions = {}, spans: (body: string, meta: RawImport['meta']) => CorpusSpan[] = () => []): RawImport {
  const problems: CorpusProblem[] = [];
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const meta: RawImport['meta'] = {};
  const prefix = PREFIX_RE.exec(text);
  if (prefix) {
    meta.date = prefix[1];
    text = text.slice(prefix[0].length);
  }
  const dateline = parseDateline(text, 0, (place) => options.spell?.(place, 'place') !== undefined);
  if (dateline) {
    if (!meta.date && dateline.date && /^\d{4}-/.test(dateline.date)) meta.date = dateline.date;
    meta.dateline = datelineName(dateline.place, options);
    if (dateline.source) meta.source = sourceName(dateline.source, options);
  }
  if (meta.date && !isCalendarDate(meta.date)) {
    problems.push({ severity: 'warning', code: 'import.invalid-date', message: `${meta.date} is not a calendar date: left out of the front matter.`, offset: 0 });
    delete meta.date;
  }
  let body = dateline && !options.keepDateline ? text.slice(dateline.end) : text.replace(/^[ \t\r\n]+/, '');
  const nl = /\r\n?|\n/.exec(body)?.[0] ?? '\n';
  if (body !== '' && !/[\r\n]$/.test(body)) body += nl;
  const doc: CorpusDocument = { text: body, meta: { ...meta }, spans: spans(body, meta) };
  // toPress checks that the text reads back as this body and front matter.
  const written = toPress(doc);
  problems.push(...written.problems);
  return { text: written.text, meta, dateline, body, problems };
}

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
