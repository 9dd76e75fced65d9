/**
 * doccano's sequence-labeling JSONL, one document per line:
 *
 *   {"id", "text", "label": [[start, end, "type"], ...], "meta"?, "pressmark"?}
 *
 * as doccano 1.x imports and exports it (`label`; older exports say `labels`), also read in
 * its relation-project shape `"entities": [{"id", "start_offset", "end_offset", "label"}]`.
 * Offsets count UTF-16 code units by default, as doccano counts them (its annotator works on
 * JavaScript strings; doccano/doccano#2290, doccano 1.8); `code-points` for files made by
 * Python scripts. The label is the annotation type; what a label cannot say (ids, attributes,
 * a spec as written, the front matter as written, escapes, a byte order mark) is in the line's
 * `pressmark` object (doccano keeps unknown keys as the document's metadata), `specs` keyed by
 * `start,end,label`. Other keys of a foreign line go into `meta`. Pure; never throws.
 */
import type { CorpusDocument, CorpusProblem, CorpusSpan } from './document';
import { CodePoints } from '../text';
import { applyExactness, exactnessOf, isObject, Offsets, readForeignSpan, readSpecTable, specTable, type OffsetUnit } from './foreign';

export interface DoccanoOptions {
  offsets: OffsetUnit;
}

export const DOCCANO_DEFAULTS: DoccanoOptions = { offsets: 'utf-16' };

/** One doccano JSONL line (without its line break). */
export function toDoccano(id: string, doc: CorpusDocument, options: DoccanoOptions = DOCCANO_DEFAULTS): string {
  const off = new Offsets(doc.text, options.offsets);
  const label = doc.spans.map((s) => [off.of(s.start), off.of(s.end), s.type] as [number, number, string]);
  const record: Record<string, unknown> = { id, text: doc.text, label };
  if (Object.keys(doc.meta).length) record.meta = doc.meta;
  const extra: Record<string, unknown> = exactnessOf(doc, new CodePoints(doc.text));
  const specs = specTable(doc.spans, (_s, i) => label[i].join(','));
  if (specs) extra.specs = specs;
  if (Object.keys(extra).length) record.pressmark = extra;
  return JSON.stringify(record);
}

const OWN_KEYS = new Set(['id', 'text', 'label', 'labels', 'entities', 'relations', 'meta', 'pressmark', 'Comments', 'comments']);

/** Whether a record is in doccano's shape (a `text` and `label`/`labels`/`entities`). */
export function isDoccano(data: Record<string, unknown>): boolean {
  return typeof data.text === 'string' && ('label' in data || 'labels' in data || 'entities' in data);
}

export interface FromDoccano {
  doc: CorpusDocument | undefined;
  problems: CorpusProblem[];
}

/** Reads a doccano record (see isDoccano). A span that does not fit the text is an error. */
export function fromDoccano(data: Record<string, unknown>, options: DoccanoOptions = DOCCANO_DEFAULTS): FromDoccano {
  const problems: CorpusProblem[] = [];
  const fail = (message: string): FromDoccano => {
    problems.push({ severity: 'error', code: 'import.invalid-doccano', message, offset: 0 });
    return { doc: undefined, problems };
  };
  const text = data.text as string;
  const off = new Offsets(text, options.offsets);
  const extra = isObject(data.pressmark) ? data.pressmark : {};
  const specs = readSpecTable(extra.specs);
  const spans: CorpusSpan[] = [];
  const take = (start: unknown, end: unknown, label: unknown, where: string): void => {
    const list = specs.get(`${String(start)},${String(end)},${String(label)}`);
    const span = readForeignSpan({ start, end, label, spec: list?.shift() }, off, where, problems);
    if (span) spans.push(span);
  };
  const labels = 'label' in data ? data.label : data.labels;
  if (labels !== undefined && labels !== null) {
    if (!Array.isArray(labels)) return fail('"label" must be an array of [start, end, "label"]');
    for (let k = 0; k < labels.length; k++) {
      const l = labels[k];
      if (typeof l === 'string') return fail(`"label" holds categories ("${l}": a text classification project), not spans`);
      if (!Array.isArray(l) || l.length !== 3) return fail(`label ${k + 1} is not [start, end, "label"]`);
      take(l[0], l[1], l[2], `label ${k + 1}`);
    }
  }
  if (data.entities !== undefined && data.entities !== null) {
    if (!Array.isArray(data.entities)) return fail('"entities" must be an array of {"start_offset", "end_offset", "label"}');
    data.entities.forEach((e, k) => {
      if (!isObject(e)) return void fail(`entity ${k + 1} is not an object`);
      take(e.start_offset, e.end_offset, e.label, `entity ${k + 1}`);
    });
  }
  if (Array.isArray(data.relations) && data.relations.length) {
    problems.push({ severity: 'warning', code: 'import.relations-dropped', message: `${data.relations.length} relation(s) are not kept in .press files`, offset: 0 });
  }
  let meta: Record<string, unknown> = {};
  if (data.meta !== undefined && data.meta !== null) {
    if (!isObject(data.meta)) return fail('"meta" must be an object');
    meta = { ...data.meta };
  }
  // doccano's metadata: every other key (doccano's own comments when there are some).
  for (const [k, v] of Object.entries(data)) {
    if (!OWN_KEYS.has(k) && !Object.prototype.hasOwnProperty.call(meta, k)) Object.defineProperty(meta, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  const comments = data.Comments ?? data.comments;
  if (Array.isArray(comments) && comments.length && !Object.prototype.hasOwnProperty.call(meta, 'comments')) meta.comments = comments;
  if (problems.some((p) => p.severity === 'error')) return { doc: undefined, problems };
  const doc: CorpusDocument = { text, meta, spans };
  applyExactness(doc, extra);
  return { doc, problems };
}
