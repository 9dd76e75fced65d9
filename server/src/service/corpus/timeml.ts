/**
 * TimeML 1.2.1 (the TempEval-3 layout): the body with inline `<TIMEX3 tid type value …>` around
 * the time expressions (date, time, duration, set; nested ones flattened to the outermost),
 * the document creation time `<DCT>` from the front matter's `date`, `<DOCID>` and `<TITLE>`.
 * Other annotations are not TimeML: their words stay, their markup goes. Characters XML cannot
 * carry (control characters) become U+FFFD and are counted. Pure; never throws.
 *
 * Every TIMEX3 is written valid by the specification's rules: `tid` unique (`t0` the DCT,
 * `t1`… the body), `type` one of DATE TIME DURATION SET, a `value` of the TIMEX3 value grammar
 * always (an empty id gets the value the label resolves to, as the editor's inlay hint shows
 * it: `resolveTimexValues`), `mod` in the specification's upper case, `functionInDocument` and
 * `temporalFunction` from their enumerations, `anchorTimeID`/`beginPoint`/`endPoint` only when
 * they name a tid of the file. What cannot be written so is a problem: `error` (the document
 * should not be written unless the user insists; the file then has `X` placeholders, still
 * valid), `warning` (an attribute dropped, a value that is a guess).
 */
import type { CorpusDocument } from './document';
import type { PressDocument } from '../model';
import { TIMEX_MODS, timexValueKind, validateSetAttributes, validateTimexValue, type TimexType } from '../dates/timex';
import { annotationType, isRelative, labelText, normalizeLabel } from '../checks/dates';
import { publicationDate } from '../checks/frontMatter';

/** TIMEX3 attributes that are carried over from an annotation's attributes. */
export const TIMEX3_ATTRIBUTES = ['mod', 'quant', 'freq', 'temporalFunction', 'functionInDocument', 'anchorTimeID', 'beginPoint', 'endPoint', 'comment'];

/** TimeML 1.2.1 `functionInDocument` values. */
export const FUNCTIONS_IN_DOCUMENT: readonly string[] = ['CREATION_TIME', 'EXPIRATION_TIME', 'MODIFICATION_TIME', 'PUBLICATION_TIME', 'RELEASE_TIME', 'RECEPTION_TIME', 'NONE'];

/** Values written for a TIMEX3 whose value is not known (`--force`): X for every unknown digit, as TimeML writes them. */
export const UNKNOWN_VALUES: Readonly<Record<TimexType, string>> = { date: 'XXXX-XX-XX', time: 'XXXX-XX-XXTXX:XX', duration: 'PXD', set: 'XXXX-XX-XX' };

/** What a TIMEX3 annotation without a value resolves to (the inlay hint's reading), or why not. */
export type TimexResolution = { type: TimexType; value: string; mod?: string; quant?: string; freq?: string; confident: boolean } | { unresolved: string };

export interface TimemlProblem {
  severity: 'error' | 'warning';
  code: 'export.timeml-value' | 'export.timeml-attribute';
  message: string;
  /** Index into doc.spans of the annotation, or -1 for the document (the DCT). */
  span: number;
}

export interface TimemlResult {
  text: string;
  /** How many characters XML cannot carry were replaced. */
  replaced: number;
  timexCount: number;
  /** Whether there was a `date` for the DCT. */
  hasDct: boolean;
  problems: TimemlProblem[];
}

export interface TimemlOptions {
  /** For each span of the document (same order), the resolution of an empty TIMEX3 id (resolveTimexValues). */
  resolved?: ReadonlyArray<TimexResolution | undefined>;
}

function xml(s: string, counter: { n: number }): string {
  return s
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, () => {
      counter.n++;
      return '\ufffd';
    });
}

/** The DCT's TIMEX3 type and value of a front-matter date (`2022-06-29`, `2022-06-29T10:30:00+06:00`), when it is a valid one. */
export function dctOf(date: unknown): { type: 'DATE' | 'TIME'; value: string } | undefined {
  if (typeof date !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(date.trim());
  if (!m) return undefined;
  const dct = m[2] ? { type: 'TIME' as const, value: `${m[1]}T${m[2]}` } : { type: 'DATE' as const, value: m[1] };
  return validateTimexValue(dct.type, dct.value).ok ? dct : undefined;
}

function isTimexType(t: string): t is TimexType {
  return t === 'date' || t === 'time' || t === 'duration' || t === 'set';
}

/**
 * The value each TIMEX3 annotation without one (`[Today]{date}`, `{date:}`) resolves to: the
 * reading of the editor's inlay hint (normalizeLabel against the publication date, in the
 * label's sentence), indexed like `parsed.all` (and so like fromPress's spans). A relative
 * label in a document without a publication date, or a label the dates engine does not read,
 * is `unresolved` with the reason.
 */
export function resolveTimexValues(parsed: PressDocument, isTimex: (type: string) => boolean): Array<TimexResolution | undefined> {
  const dct = publicationDate(parsed);
  return parsed.all.map((a): TimexResolution | undefined => {
    if (!isTimex(a.type) || !isTimexType(a.type) || a.id) return undefined;
    const label = labelText(a);
    if (!dct && isRelative(label)) return { unresolved: `"${label}" is relative to the publication date and the front matter has no valid \`date\`` };
    const n = normalizeLabel(parsed, a, dct);
    if (!n) return { unresolved: `the dates engine does not read "${label}" as a ${a.type}` };
    return { type: annotationType(n), value: n.value, mod: n.mod, quant: n.quant, freq: n.freq, confident: n.confident };
  });
}

export function toTimeml(id: string, doc: CorpusDocument, isTimex: (type: string) => boolean, options: TimemlOptions = {}): TimemlResult {
  const counter = { n: 0 };
  const problems: TimemlProblem[] = [];
  const text = doc.text;
  const dct = dctOf(doc.meta.date);
  if (doc.meta.date !== undefined && !dct) problems.push({ severity: 'warning', code: 'export.timeml-value', message: '`date` is not a valid date: the TimeML file has no DCT', span: -1 });
  // The outermost time expressions, in order: their tids are t1, t2, … (t0 is the DCT).
  const outer: number[] = [];
  let reach = -1;
  doc.spans.forEach((s, i) => {
    if (!isTimex(s.type) || !isTimexType(s.type) || s.start < reach) return;
    reach = s.end;
    outer.push(i);
  });
  const tidExists = (ref: string): boolean => {
    const m = /^t(0|[1-9]\d*)$/.exec(ref);
    if (!m) return false;
    const n = Number(m[1]);
    return n === 0 ? dct !== undefined : n <= outer.length;
  };
  let body = '';
  let pos = 0;
  outer.forEach((i, k) => {
    const s = doc.spans[i];
    const declared = s.type as TimexType;
    const fail = (message: string) => problems.push({ severity: 'error', code: 'export.timeml-value', message, span: i });
    const warn = (message: string, code: TimemlProblem['code'] = 'export.timeml-attribute') => problems.push({ severity: 'warning', code, message, span: i });
    let type: TimexType = declared;
    let value: string | undefined;
    const fromLabel: { mod?: string; quant?: string; freq?: string } = {};
    const resolved = options.resolved?.[i];
    const useResolution = (why: string): void => {
      if (resolved && !('unresolved' in resolved) && validateTimexValue(resolved.type, resolved.value).ok) {
        if (resolved.type !== declared) fail(`${why}: the label reads as the ${resolved.type.toUpperCase()} ${resolved.value}, not a ${declared.toUpperCase()}`);
        else if (!resolved.confident) warn(`the value ${resolved.value} is a guess of the dates engine (as the editor's hint shows it with ?)`, 'export.timeml-value');
        type = resolved.type;
        value = resolved.value;
        Object.assign(fromLabel, { mod: resolved.mod, quant: resolved.quant, freq: resolved.freq });
      } else {
        fail(`${why}${resolved && 'unresolved' in resolved ? `: ${resolved.unresolved}` : ''}; give the value in the annotation (\`{${declared}:VALUE}\`)`);
        value = UNKNOWN_VALUES[declared];
      }
    };
    if (s.id) {
      if (validateTimexValue(declared, s.id).ok) value = s.id;
      else {
        const kind = timexValueKind(s.id);
        if (kind !== 'unknown' && validateTimexValue(kind, s.id).ok) {
          fail(`${s.id} is a ${kind.toUpperCase()} value, not a ${declared.toUpperCase()}: written as type ${kind.toUpperCase()}`);
          type = kind;
          value = s.id;
        } else useResolution(`${s.id} is not a TIMEX3 ${declared.toUpperCase()} value`);
      }
    } else useResolution(`[${text.slice(s.start, s.end)}]{${declared}} has no value and none can be resolved`);
    let attrs = ` tid="t${k + 1}" type="${type.toUpperCase()}" value="${xml(value!, counter)}"`;
    const given = new Map<string, string>();
    for (const a of s.attributes) if (TIMEX3_ATTRIBUTES.includes(a.key) && !given.has(a.key)) given.set(a.key, a.value);
    for (const key of ['mod', 'quant', 'freq'] as const) if (!given.has(key) && fromLabel[key]) given.set(key, fromLabel[key]!);
    for (const [key, raw] of given) {
      let v: string | undefined = raw;
      if (key === 'mod' || key === 'functionInDocument') {
        const allowed = key === 'mod' ? TIMEX_MODS : FUNCTIONS_IN_DOCUMENT;
        v = allowed.includes(raw.toUpperCase()) ? raw.toUpperCase() : undefined;
      } else if (key === 'temporalFunction') {
        v = /^(true|false)$/i.test(raw) ? raw.toLowerCase() : undefined;
      } else if (key === 'freq') {
        v = validateSetAttributes({ freq: raw }).ok ? raw : undefined;
      } else if (key === 'anchorTimeID' || key === 'beginPoint' || key === 'endPoint') {
        if (!tidExists(raw)) {
          warn(`${key}=${raw} names no TIMEX3 of the file (tids: ${dct ? 't0 (the DCT), ' : ''}t1 to t${outer.length}): left out`);
          continue;
        }
      }
      if (v === undefined) {
        fail(`${key}=${raw} is not a TimeML 1.2.1 ${key}: left out`);
        continue;
      }
      attrs += ` ${key}="${xml(v, counter)}"`;
    }
    body += xml(text.slice(pos, s.start), counter) + `<TIMEX3${attrs}>` + xml(text.slice(s.start, s.end), counter) + '</TIMEX3>';
    pos = s.end;
  });
  body += xml(text.slice(pos), counter);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">',
    '',
    `<DOCID>${xml(id, counter)}</DOCID>`,
    '',
  ];
  if (dct) {
    parts.push(`<DCT><TIMEX3 tid="t0" type="${dct.type}" value="${dct.value}" temporalFunction="false" functionInDocument="CREATION_TIME">${xml(String(doc.meta.date), counter)}</TIMEX3></DCT>`, '');
  }
  if (typeof doc.meta.title === 'string') parts.push(`<TITLE>${xml(doc.meta.title, counter)}</TITLE>`, '');
  parts.push(`<TEXT>${body}</TEXT>`, '', '</TimeML>', '');
  return { text: parts.join('\n'), replaced: counter.n, timexCount: outer.length, hasDct: dct !== undefined, problems };
}
