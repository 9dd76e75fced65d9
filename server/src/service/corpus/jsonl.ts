/**
 * JSONL: one document per line, in the shape spaCy/Prodigy-style tools read:
 *
 *   {"id", "meta", "text", "spans": [{"start", "end", "label", "kb_id", "value"}]}
 *
 * Offsets are Unicode code points into `text`, end exclusive. `label` is the annotation type;
 * `kb_id` holds the id of entity types, `value` the TIMEX3 value of the time types (the other
 * one is null). Optional keys, written only when there is something to say: a span's `attrs`
 * (`{"mod": "APPROX"}`), `spec` (the spec as written, when not canonical) and `wikidata`; the
 * line's `pressmark` (`frontMatter` as written, `escapes` as code point offsets, `bom`).
 *
 * Reading (`fromJsonl`) recognizes the shapes of other tools too, by their keys: Prodigy/spaCy
 * (`spans` without Pressmark's `kb_id` and `value`: labels mapped by `typeOfLabel`), doccano
 * (doccano.ts) and Label Studio tasks (labelstudio.ts); the span checks are foreign.ts's.
 * Pure; never throws.
 */
import { specOf, type CorpusDocument, type CorpusProblem, type CorpusSpan } from './document';
import { CodePoints } from '../text';
import { applyExactness, exactnessOf, isObject, Offsets, readForeignSpan, str, typeOfLabel } from './foreign';
import { fromDoccano, isDoccano, type DoccanoOptions } from './doccano';
import { fromLabelStudio, isLabelStudio } from './labelstudio';

export { exactnessOf } from './foreign';

export interface JsonlOptions {
  /** Whether a type is a TIMEX3 type (its id is a `value`, not a `kb_id`). */
  isTimex(type: string): boolean;
  /** The Wikidata QID of an entity, when known. */
  wikidata?(type: string, id: string): string | undefined;
  /** How doccano lines count offsets (default: UTF-16 code units, as doccano does). */
  doccano?: DoccanoOptions;
}

export interface JsonlSpan {
  start: number;
  end: number;
  label: string;
  kb_id: string | null;
  value: string | null;
  attrs?: Record<string, string>;
  spec?: string;
  wikidata?: string;
}

export interface JsonlRecord {
  id: string;
  meta: Record<string, unknown>;
  text: string;
  spans: JsonlSpan[];
  pressmark?: { frontMatter?: string; escapes?: number[]; bom?: boolean };
}

export function toJsonlRecord(id: string, doc: CorpusDocument, options: JsonlOptions): JsonlRecord {
  const cp = new CodePoints(doc.text);
  const spans = doc.spans.map((s): JsonlSpan => {
    const timex = options.isTimex(s.type);
    const out: JsonlSpan = {
      start: cp.toCodePoint(s.start),
      end: cp.toCodePoint(s.end),
      label: s.type,
      kb_id: timex ? null : s.id ?? null,
      value: timex ? s.id ?? null : null,
    };
    if (s.attributes.length) out.attrs = Object.fromEntries(s.attributes.map((a) => [a.key, a.value]));
    // An empty id reads as "none" in these tools: the spec keeps `{type:}` apart from `{type}`.
    if (s.spec !== undefined) out.spec = s.spec;
    else if (s.id === '') out.spec = specOf(s.type, s.id, s.attributes);
    const qid = !timex && s.id ? options.wikidata?.(s.type, s.id) : undefined;
    if (qid) out.wikidata = qid;
    return out;
  });
  const record: JsonlRecord = { id, meta: doc.meta, text: doc.text, spans };
  const extra = exactnessOf(doc, cp);
  if (Object.keys(extra).length) record.pressmark = extra;
  return record;
}

/** One JSONL line (without its line break). */
export function toJsonl(id: string, doc: CorpusDocument, options: JsonlOptions): string {
  return JSON.stringify(toJsonlRecord(id, doc, options));
}

export interface FromJsonl {
  id: string | undefined;
  doc: CorpusDocument | undefined;
  /** Offsets are into the line. */
  problems: CorpusProblem[];
  /** Why the record is skipped, not imported (Prodigy's `answer`: reject, ignore; Label Studio: cancelled). */
  skipped?: string;
  /** The shape the record was read as. */
  shape?: JsonlShape;
}

export type JsonlShape = 'pressmark' | 'prodigy' | 'doccano' | 'labelstudio' | 'text';

/** Keys a line of plain text may have besides `text` (Prodigy's input and task keys). */
const TEXT_KEYS = new Set(['id', 'meta', 'text', 'tokens', 'answer', 'pressmark', '_input_hash', '_task_hash', '_view_id', '_session_id', '_annotator_id', '_timestamp', 'html']);

const SHAPES = 'Pressmark or Prodigy/spaCy {"text", "spans"}, doccano {"text", "label"} or {"text", "entities"}, Label Studio {"data": {"text"}, "annotations"}';

/**
 * Reads one JSONL line in any of the shapes annotation tools write: Pressmark's own and
 * Prodigy/spaCy's (`spans`), doccano's (`label`, `entities`), Label Studio tasks (`data`,
 * `annotations`/`predictions`) and plain text (`{"text"}`). A line of another shape, or whose
 * spans do not fit its text, is an error (never an empty document); an id that cannot be
 * written in a .press file is an error (the caller refuses the document). Prodigy's `answer`
 * `reject` and `ignore` skip the line (`skipped`).
 */
export function fromJsonl(line: string, options: JsonlOptions): FromJsonl {
  const fail = (message: string, offset = 0): FromJsonl => ({ id: undefined, doc: undefined, problems: [{ severity: 'error', code: 'import.invalid-jsonl', message, offset }] });
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    return fail(`not JSON: ${(e as Error).message}`, m ? Number(m[1]) : 0);
  }
  return fromRecord(data, options);
}

/** Reads one parsed record (a JSONL line, an element of a Label Studio JSON array): see fromJsonl. */
export function fromRecord(data: unknown, options: JsonlOptions): FromJsonl {
  const fail = (message: string): FromJsonl => ({ id: undefined, doc: undefined, problems: [{ severity: 'error', code: 'import.unknown-shape', message, offset: 0 }] });
  if (!isObject(data)) return fail(`a line must be a JSON object: ${SHAPES}`);
  if (isLabelStudio(data)) return { ...fromLabelStudio(data), shape: 'labelstudio' };
  if (typeof data.text !== 'string') return fail(`the line is in no shape Pressmark reads (keys: ${Object.keys(data).join(', ') || 'none'}); expected ${SHAPES}`);
  const id = str(data.id);
  if (isDoccano(data)) return { id, ...fromDoccano(data, options.doccano), shape: 'doccano' };
  const answer = data.answer;
  if (answer !== undefined && answer !== 'accept') {
    if (answer === 'reject' || answer === 'ignore') return { id, doc: undefined, problems: [], skipped: answer, shape: 'prodigy' };
    return fail(`"answer" is ${JSON.stringify(answer)}, not accept, reject or ignore`);
  }
  if (data.spans === undefined || data.spans === null) {
    const other = Object.keys(data).filter((k) => !TEXT_KEYS.has(k));
    if (other.length) return fail(`the line has a "text" and ${other.map((k) => JSON.stringify(k)).join(', ')}, which Pressmark does not read: expected ${SHAPES}`);
  }
  return fromSpans(data, id, options);
}

/** Pressmark's own lines and Prodigy/spaCy's: `text` and `spans`. */
function fromSpans(data: Record<string, unknown>, id: string | undefined, options: JsonlOptions): FromJsonl {
  const problems: CorpusProblem[] = [];
  const fail = (message: string): FromJsonl => {
    problems.push({ severity: 'error', code: 'import.invalid-jsonl', message, offset: 0 });
    return { id: undefined, doc: undefined, problems };
  };
  const text = data.text as string;
  const meta = data.meta === undefined || data.meta === null ? {} : data.meta;
  if (!isObject(meta)) return fail('"meta" must be an object');
  const offsets = new Offsets(text, 'code-points');
  const spans: CorpusSpan[] = [];
  const rawSpans = data.spans === undefined || data.spans === null ? [] : data.spans;
  if (!Array.isArray(rawSpans)) return fail('"spans" must be an array');
  let shape: JsonlShape = data.spans === undefined || data.spans === null ? 'text' : 'pressmark';
  rawSpans.forEach((raw, k) => {
    const where = `span ${k + 1}`;
    const error = (message: string): void => {
      problems.push({ severity: 'error', code: 'import.invalid-jsonl', message: `${where}: ${message}`, offset: 0 });
    };
    if (!isObject(raw)) return error('not an object');
    // Pressmark writes both keys (one null); other tools' spans have their own labels.
    const own = 'kb_id' in raw && 'value' in raw;
    if (!own) shape = 'prodigy';
    const type = str(raw.label);
    const kbId = raw.kb_id === '' ? undefined : str(raw.kb_id);
    const value = raw.value === '' ? undefined : str(raw.value);
    const timex = type !== undefined && options.isTimex(own ? type : typeOfLabel(type));
    const spanId = timex ? value ?? kbId : kbId ?? value;
    const attributes: Array<{ key: string; value: string }> = [];
    if (raw.attrs !== undefined && raw.attrs !== null) {
      if (!isObject(raw.attrs)) return error('"attrs" must be an object');
      for (const [key, v] of Object.entries(raw.attrs)) {
        const value = str(v) ?? (typeof v === 'boolean' ? String(v) : undefined);
        if (value === undefined) return error(`the attribute ${key} is not text`);
        attributes.push({ key, value });
      }
    }
    const span = readForeignSpan({ start: raw.start, end: raw.end, label: raw.label, text: raw.text, id: spanId, attributes, spec: typeof raw.spec === 'string' ? raw.spec : undefined, foreign: !own }, offsets, where, problems);
    if (span) spans.push(span);
  });
  if (problems.some((p) => p.severity === 'error')) return { id, doc: undefined, problems, shape };
  const doc: CorpusDocument = { text, meta, spans };
  applyExactness(doc, data.pressmark);
  return { id, doc, problems, shape };
}
