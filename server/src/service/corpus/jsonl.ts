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
 * Pure; never throws.
 */
import { parseSpec, specOf, unwritableId, type CorpusDocument, type CorpusProblem, type CorpusSpan } from './document';
import { CodePoints } from '../text';

export interface JsonlOptions {
  /** Whether a type is a TIMEX3 type (its id is a `value`, not a `kb_id`). */
  isTimex(type: string): boolean;
  /** The Wikidata QID of an entity, when known. */
  wikidata?(type: string, id: string): string | undefined;
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

/** Extra data that makes a round trip exact, in code points ({} when nothing is needed). */
export function exactnessOf(doc: CorpusDocument, cp: CodePoints): { frontMatter?: string; escapes?: number[]; bom?: boolean } {
  const extra: { frontMatter?: string; escapes?: number[]; bom?: boolean } = {};
  if (doc.frontMatter !== undefined) extra.frontMatter = doc.frontMatter;
  if (doc.escapes?.length) extra.escapes = doc.escapes.map((e) => cp.toCodePoint(e));
  if (doc.bom) extra.bom = true;
  return extra;
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
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Reads one JSONL line. Spans that cannot be read are reported and left out (warnings); an id
 * that cannot be written in a .press file is an error (the caller refuses the document).
 */
export function fromJsonl(line: string, options: JsonlOptions): FromJsonl {
  const problems: CorpusProblem[] = [];
  const fail = (message: string, offset = 0): FromJsonl => {
    problems.push({ severity: 'error', code: 'import.invalid-jsonl', message, offset });
    return { id: undefined, doc: undefined, problems };
  };
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    return fail(`not JSON: ${(e as Error).message}`, m ? Number(m[1]) : 0);
  }
  if (!isObject(data)) return fail('a line must be a JSON object {"id", "meta", "text", "spans"}');
  if (typeof data.text !== 'string') return fail('the object has no "text" string');
  const id = str(data.id);
  const text = data.text;
  const meta = data.meta === undefined || data.meta === null ? {} : data.meta;
  if (!isObject(meta)) return fail('"meta" must be an object');
  const cp = new CodePoints(text);
  const spans: CorpusSpan[] = [];
  const rawSpans = data.spans === undefined || data.spans === null ? [] : data.spans;
  if (!Array.isArray(rawSpans)) return fail('"spans" must be an array');
  rawSpans.forEach((raw, k) => {
    const warn = (message: string): void => {
      problems.push({ severity: 'warning', code: 'import.span-dropped', message: `span ${k + 1} is left out: ${message}`, offset: 0 });
    };
    if (!isObject(raw)) return warn('not an object');
    const start = typeof raw.start === 'number' ? cp.toUtf16(raw.start) : undefined;
    const end = typeof raw.end === 'number' ? cp.toUtf16(raw.end) : undefined;
    if (start === undefined || end === undefined) return warn(`start ${JSON.stringify(raw.start)} or end ${JSON.stringify(raw.end)} is not a code point offset into the text (0–${cp.length})`);
    const type = str(raw.label);
    if (type === undefined) return warn('no "label"');
    const kbId = raw.kb_id === '' ? undefined : str(raw.kb_id);
    const value = raw.value === '' ? undefined : str(raw.value);
    let id = options.isTimex(type) ? value ?? kbId : kbId ?? value;
    const attributes: Array<{ key: string; value: string }> = [];
    if (raw.attrs !== undefined && raw.attrs !== null) {
      if (!isObject(raw.attrs)) return warn('"attrs" must be an object');
      for (const [key, v] of Object.entries(raw.attrs)) {
        const value = str(v) ?? (typeof v === 'boolean' ? String(v) : undefined);
        if (value === undefined) return warn(`the attribute ${key} is not text`);
        attributes.push({ key, value });
      }
    }
    let spec: string | undefined;
    if (typeof raw.spec === 'string') {
      // The spec as written wins when it is this annotation's (same type, and the same id when one is given).
      const parsed = parseSpec(raw.spec);
      if (parsed && parsed.type === type && (id === undefined || parsed.id === id)) {
        id = parsed.id;
        if (attributes.length === 0) attributes.push(...parsed.attributes);
        spec = raw.spec;
      }
    }
    const why = unwritableId(id);
    if (why) {
      // Not left out quietly: the document is refused until the id is one .press can hold.
      problems.push({ severity: 'error', code: 'import.invalid-id', message: `span ${k + 1} (${type}): the id ${JSON.stringify(id)} cannot be written in a .press file: ${why}`, offset: 0 });
      return;
    }
    const span: CorpusSpan = { start, end, type, id, attributes };
    if (spec !== undefined && spec !== specOf(type, id, attributes)) span.spec = spec;
    spans.push(span);
  });
  const doc: CorpusDocument = { text, meta, spans };
  const extra = data.pressmark;
  if (isObject(extra)) {
    if (typeof extra.frontMatter === 'string') doc.frontMatter = extra.frontMatter;
    if (Array.isArray(extra.escapes)) {
      const escapes = extra.escapes.map((e) => (typeof e === 'number' ? cp.toUtf16(e) : undefined));
      if (escapes.every((e): e is number => e !== undefined && e < text.length)) doc.escapes = escapes;
    }
    if (extra.bom === true) doc.bom = true;
  }
  if (doc.frontMatter !== undefined && !doc.frontMatter.startsWith('---')) delete doc.frontMatter;
  return { id, doc, problems };
}
