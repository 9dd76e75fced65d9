/**
 * TimeML (the TempEval-3 layout): the body with inline `<TIMEX3 tid type value mod …>` around
 * the time expressions (date, time, duration, set; nested ones flattened to the outermost),
 * the document creation time `<DCT>` from the front matter's `date`, `<DOCID>` and `<TITLE>`.
 * Other annotations are not TimeML: their words stay, their markup goes. Characters XML cannot
 * carry (control characters) become U+FFFD and are counted. Pure; never throws.
 */
import type { CorpusDocument } from './document';

/** TIMEX3 attributes that are carried over from an annotation's attributes. */
export const TIMEX3_ATTRIBUTES = ['mod', 'quant', 'freq', 'temporalFunction', 'functionInDocument', 'anchorTimeID', 'beginPoint', 'endPoint', 'comment'];

export interface TimemlResult {
  text: string;
  /** How many characters XML cannot carry were replaced. */
  replaced: number;
  timexCount: number;
  /** Whether there was a `date` for the DCT. */
  hasDct: boolean;
}

function xml(s: string, counter: { n: number }): string {
  return s
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, () => {
      counter.n++;
      return '\ufffd';
    });
}

/** The DCT's TIMEX3 type and value of a front-matter date (`2022-06-29`, `2022-06-29T10:30:00+06:00`). */
export function dctOf(date: unknown): { type: 'DATE' | 'TIME'; value: string } | undefined {
  if (typeof date !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(date);
  if (!m) return undefined;
  return m[2] ? { type: 'TIME', value: `${m[1]}T${m[2]}` } : { type: 'DATE', value: m[1] };
}

export function toTimeml(id: string, doc: CorpusDocument, isTimex: (type: string) => boolean): TimemlResult {
  const counter = { n: 0 };
  const text = doc.text;
  let body = '';
  let pos = 0;
  let reach = -1;
  let tid = 0;
  for (const s of doc.spans) {
    if (!isTimex(s.type) || s.start < reach) continue;
    reach = s.end;
    let attrs = ` tid="t${++tid}" type="${xml(s.type.toUpperCase(), counter)}"`;
    if (s.id) attrs += ` value="${xml(s.id, counter)}"`;
    for (const a of s.attributes) if (TIMEX3_ATTRIBUTES.includes(a.key)) attrs += ` ${a.key}="${xml(a.value, counter)}"`;
    body += xml(text.slice(pos, s.start), counter) + `<TIMEX3${attrs}>` + xml(text.slice(s.start, s.end), counter) + '</TIMEX3>';
    pos = s.end;
  }
  body += xml(text.slice(pos), counter);
  const dct = dctOf(doc.meta.date);
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
  return { text: parts.join('\n'), replaced: counter.n, timexCount: tid, hasDct: dct !== undefined };
}
