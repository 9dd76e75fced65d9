/**
 * Label Studio tasks for a named-entity project (its "Named Entity Recognition" template:
 * `<Labels name="label" toName="text">`, `<Text name="text" value="$text">`):
 *
 *   {"data": {"text", "id", "meta"?, "pressmark"?},
 *    "annotations" | "predictions": [{"result": [{"id", "from_name": "label", "to_name": "text",
 *      "type": "labels", "value": {"start", "end", "text", "labels": ["type"]}}]}]}
 *
 * Offsets count code points, as Label Studio stores them since label-studio-frontend#308 (2022,
 * "store code points instead of js length"; Label Studio 1.6 and later). The annotations are
 * written as `annotations` (ground truth) or, for pre-annotation, `predictions`. What a label
 * cannot say (ids, attributes, specs as written, front matter as written, escapes, a byte order
 * mark) goes into `data.pressmark`, specs keyed by region id (Label Studio keeps `data` and the
 * region ids). Reading: the first annotation not cancelled, else the first prediction; a task
 * whose every annotation was cancelled is skipped. Pure; never throws.
 */
import type { CorpusDocument, CorpusProblem, CorpusSpan } from './document';
import { CodePoints } from '../text';
import { applyExactness, exactnessOf, isObject, Offsets, readForeignSpan, readSpecTable, specTable } from './foreign';

export interface LabelStudioOptions {
  /** Where the annotations go: `annotations` (the default) or `predictions` (pre-annotation). */
  as: 'annotations' | 'predictions';
}

/** One task as a JSON object (no line break). */
export function toLabelStudio(id: string, doc: CorpusDocument, options: LabelStudioOptions = { as: 'annotations' }): string {
  const cp = new Offsets(doc.text, 'code-points');
  const regionId = (i: number) => `s${i + 1}`;
  const result = doc.spans.map((s, i) => ({
    id: regionId(i),
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start: cp.of(s.start), end: cp.of(s.end), text: doc.text.slice(s.start, s.end), labels: [s.type] },
  }));
  const data: Record<string, unknown> = { text: doc.text, id };
  if (Object.keys(doc.meta).length) data.meta = doc.meta;
  const extra: Record<string, unknown> = exactnessOf(doc, new CodePoints(doc.text));
  const specs = specTable(doc.spans, (_s, i) => regionId(i));
  if (specs) extra.specs = specs;
  if (Object.keys(extra).length) data.pressmark = extra;
  const task = options.as === 'predictions' ? { data, predictions: [{ model_version: 'pressmark', result }] } : { data, annotations: [{ result }] };
  return JSON.stringify(task);
}

/** Whether a record is a Label Studio task (`data` with a `text`). */
export function isLabelStudio(data: Record<string, unknown>): boolean {
  return isObject(data.data) && ('annotations' in data || 'predictions' in data || 'completions' in data || typeof data.data.text === 'string');
}

export interface FromLabelStudio {
  id: string | undefined;
  doc: CorpusDocument | undefined;
  problems: CorpusProblem[];
  /** Why the task is skipped (every annotation cancelled). */
  skipped?: string;
}

/** Reads a Label Studio task (see isLabelStudio). A region that does not fit the text is an error. */
export function fromLabelStudio(task: Record<string, unknown>): FromLabelStudio {
  const problems: CorpusProblem[] = [];
  const fail = (message: string): FromLabelStudio => {
    problems.push({ severity: 'error', code: 'import.invalid-labelstudio', message, offset: 0 });
    return { id: undefined, doc: undefined, problems };
  };
  const data = task.data as Record<string, unknown>;
  if (typeof data.text !== 'string') return fail(`the task's "data" has no "text" string (keys: ${Object.keys(data).join(', ') || 'none'})`);
  const text = data.text;
  const rawId = data.id ?? task.id;
  const id = typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId)) ? String(rawId) : undefined;
  const lists: Array<[string, unknown]> = [
    ['annotations', task.annotations ?? task.completions],
    ['predictions', task.predictions],
  ];
  let chosen: Record<string, unknown> | undefined;
  let cancelled = 0;
  for (const [name, list] of lists) {
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return fail(`"${name}" must be an array`);
    const usable = list.filter((a) => isObject(a) && a.was_cancelled !== true) as Array<Record<string, unknown>>;
    cancelled += list.length - usable.length;
    if (usable.length === 0) continue;
    chosen = usable[0];
    if (usable.length > 1) problems.push({ severity: 'warning', code: 'import.annotations-dropped', message: `the task has ${usable.length} ${name}: the first is imported, the other ${usable.length - 1} are not`, offset: 0 });
    if (name === 'annotations' && Array.isArray(task.predictions) && task.predictions.length) {
      problems.push({ severity: 'warning', code: 'import.annotations-dropped', message: `the task's ${task.predictions.length} prediction(s) are not imported (its annotation is)`, offset: 0 });
    }
    break;
  }
  if (!chosen && cancelled > 0) return { id, doc: undefined, problems, skipped: 'cancelled' };
  const off = new Offsets(text, 'code-points');
  const extra = isObject(data.pressmark) ? data.pressmark : {};
  const specs = readSpecTable(extra.specs);
  const spans: CorpusSpan[] = [];
  const result = chosen ? chosen.result : [];
  if (!Array.isArray(result)) return fail('"result" must be an array');
  let others = 0;
  result.forEach((r, k) => {
    const where = `result ${k + 1}`;
    if (!isObject(r)) return void fail(`${where} is not an object`);
    if (r.type !== 'labels' && !(r.type === undefined && isObject(r.value) && Array.isArray(r.value.labels))) {
      others++;
      return;
    }
    const value = r.value;
    if (!isObject(value) || !Array.isArray(value.labels) || value.labels.length === 0) return void fail(`${where} has no "value" with "labels"`);
    const regionSpecs = typeof r.id === 'string' ? specs.get(r.id) : undefined;
    for (const label of value.labels) {
      const span = readForeignSpan({ start: value.start, end: value.end, label, text: value.text, spec: value.labels.length === 1 ? regionSpecs?.shift() : undefined }, off, where, problems);
      if (span) spans.push(span);
    }
  });
  if (others) problems.push({ severity: 'warning', code: 'import.results-dropped', message: `${others} result(s) that are not "labels" (relations, choices, text areas) are not kept in .press files`, offset: 0 });
  let meta: Record<string, unknown> = {};
  if (data.meta !== undefined && data.meta !== null) {
    if (!isObject(data.meta)) return fail('"data.meta" must be an object');
    meta = { ...data.meta };
  }
  if (problems.some((p) => p.severity === 'error')) return { id, doc: undefined, problems };
  const doc: CorpusDocument = { text, meta, spans };
  applyExactness(doc, extra);
  return { id, doc, problems };
}

/**
 * The elements of a JSON array text (a Label Studio export: `[task, task, …]`), each with its
 * offset, without parsing them; undefined when the text is not an array. Linear.
 */
export function jsonArrayElements(text: string): Array<{ offset: number; text: string }> | undefined {
  let i = 0;
  const n = text.length;
  const space = () => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  space();
  if (text[i] !== '[') return undefined;
  i++;
  const out: Array<{ offset: number; text: string }> = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (; i < n; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (start < 0 && !/\s/.test(c) && c !== ',' && !(c === ']' && depth === 0)) start = i;
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) {
        if (start >= 0) out.push({ offset: start, text: text.slice(start, i).trimEnd() });
        return out;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      if (start >= 0) out.push({ offset: start, text: text.slice(start, i).trimEnd() });
      start = -1;
    }
  }
  if (start >= 0) out.push({ offset: start, text: text.slice(start).trimEnd() });
  return out;
}
