/**
 * Annotation suggestions of a document: what the pipeline (pipeline.ts: the recognizers and the
 * arbiter) proposes outside the annotations, cached per paragraph and per document, with the
 * assistant's policy applied and the echoes of new entities added across paragraphs. Shared by
 * the `mention.unannotated` check, its quick-fixes, pre-annotation and statistics (checks/ and
 * assist/ both import it from here). Pure; never throws.
 *
 * Cost. The recognizers run over one paragraph at a time (annotations never span a blank line, so
 * a paragraph parses alone exactly as in the document), and the result of a paragraph is kept by
 * its text, the publication date, the versions of the learned names and of the rejections (and
 * the document's path when a rejection is limited to one document) and the knowledge base: a
 * keystroke re-analyses the paragraph it changed, not the document, and a rejection added takes
 * effect at once. The echoes (arbiter.ts, step d) are looked for only when the document has a new
 * entity with aliases, also per paragraph and cached by the aliases. The whole result is memoized
 * per parsed document, knowledge base and inputs, so code actions after diagnostics cost nothing
 * more. Context therefore reaches across
 * annotations but not across paragraphs (the finder's per-text facts, such as a one-word city
 * capitalized elsewhere, are per paragraph: precision is kept, a little recall may be lost).
 *
 * Policy (decided here, on top of the finder's rules): a name joined by a hyphen to another
 * capitalized word ("Kazakh-Luxembourg relations", "US-China") is not suggested: such compounds
 * are premodifiers that annotation guidelines (and the seed release) leave unannotated. Nor is a
 * mention that overlaps a syntax problem (`[Kazakhstan{country:KZ}`): markup is being written
 * there, and its own fix comes first.
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { PressDocument } from '../model';
import { paragraphs, parseParagraph, PARAGRAPH_OFFSET } from '../paragraphs';
import { plainText } from '../plain';
import { findMentionsInDocument, placeInDocument, type DocumentMention } from './document';
import { DATE_TYPES, type PipelineInputs } from './candidate';
import { echoSignature, echoSources, findEchoes, mergeEchoes, type EchoSource } from './arbiter';
import { compileRejections, isRejected } from './rejections';
import type { Found } from './pipeline';
import { ContentCache } from '../lru';

export { DATE_TYPES };

/**
 * A proposal in source offsets: start, end, text (as a reader sees it), type, id, alternatives,
 * confidence, wraps; and recognizer, reason, entity (for id '': what the accepting fix adds to the
 * workspace knowledge base).
 */
export type Suggestion = DocumentMention;

/** Paragraph cache: per knowledge base, (dct, inputs' versions, paragraph text) → mentions relative to the paragraph. */
const paragraphCache = new WeakMap<KnowledgeBase, ContentCache<DocumentMention[]>>();
/**
 * Paragraphs kept per knowledge base, least recently used dropped first: enough for the open
 * documents of an editor (a 1 MB transcript has ~1,500), small enough that a batch over a corpus
 * of unique paragraphs stays at a flat memory (each entry is ~1–3 KB); and at most about
 * PARAGRAPH_BYTES (one long paragraph edited 800 times is 800 entries of megabytes each).
 */
const MAX_PARAGRAPHS = 10_000;
const PARAGRAPH_BYTES = 12 * 2 ** 20;
/** Per parsed document: the suggestions for one knowledge base and inputs. */
const documentCache = new WeakMap<PressDocument, { kb: KnowledgeBase; inputs: string; list: Suggestion[] }>();
/** Echo cache: per knowledge base, (aliases, inputs, paragraph text) → the aliases found in the paragraph, relative to it. */
const echoCache = new WeakMap<KnowledgeBase, ContentCache<Array<DocumentMention & { source: number }>>>();
const MAX_ECHO_PARAGRAPHS = 2_000;
const ECHO_BYTES = 2 * 2 ** 20;

/**
 * The inputs with the project's mention settings (pressmark.yaml `mentions`): what the callers
 * that hold the project's configuration (diagnostics, pre-annotation, the CLI) hand on.
 */
export function withProjectSettings(inputs: PipelineInputs | undefined, config: { mentions?: { demonyms?: boolean } } | undefined): PipelineInputs | undefined {
  const demonyms = config?.mentions?.demonyms === true;
  if (demonyms === (inputs?.demonyms === true)) return inputs;
  return { ...inputs, demonyms };
}

/** The parts of the cache keys that the inputs give: the versions, and the path where a rejection depends on it. */
export function inputsKey(inputs: PipelineInputs | undefined): string[] {
  if (!inputs) return ['', '', '', ''];
  const scoped = compileRejections(inputs.rejections?.list).scoped;
  return [inputs.learned?.version ?? '', inputs.rejections?.version ?? '', scoped ? (inputs.path ?? '') : '', inputs.demonyms === true ? 'demonyms' : ''];
}

function frontMatterDate(doc: PressDocument): string | undefined {
  const v = doc.frontMatter?.data?.date;
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}

/** `parsed`: the paragraph already parsed alone (parseParagraph), when the caller has it. */
function analyseParagraph(kb: KnowledgeBase, text: string, dct: string | undefined, inputs: PipelineInputs | undefined, key: string[], parsed?: PressDocument): DocumentMention[] {
  let cache = paragraphCache.get(kb);
  if (!cache) paragraphCache.set(kb, (cache = new ContentCache(MAX_PARAGRAPHS, PARAGRAPH_BYTES)));
  return cache.cached(
    [dct ?? '', ...key, text],
    // the paragraph alone, without front matter: its date is `dct`; echoes are added per document
    () => findMentionsInDocument(parsed ? { ...parsed, frontMatter: undefined } : parseParagraph(text), kb, dct, { inputs, echoes: false }),
    // the mentions, and the paragraph parsed alone that their texts may be cut from
    (found) => mentionsBytes(found) + 2 * text.length,
  );
}

/** Approximate bytes of mentions: the objects, their texts, their other readings. */
function mentionsBytes(list: readonly DocumentMention[]): number {
  let n = 0;
  for (const m of list) n += 200 + 2 * m.text.length + (m.alternatives ? 80 * m.alternatives.length : 0) + (m.entity ? 300 : 0);
  return n;
}

const HYPHENS = new Set([0x2d, 0x2010, 0x2011]);

function isUpperLetter(ch: string | undefined): boolean {
  return !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLetter(ch: string | undefined): boolean {
  return !!ch && ch.toLowerCase() !== ch.toUpperCase();
}

/** A name in a compound of capitalized words joined by a hyphen ("Kazakh-Luxembourg"). */
function inCapitalizedCompound(text: string, m: DocumentMention): boolean {
  if (DATE_TYPES.includes(m.type)) return false;
  const before = m.start >= 2 && HYPHENS.has(text.charCodeAt(m.start - 1)) && isLetter(text[m.start - 2]);
  const after = HYPHENS.has(text.charCodeAt(m.end)) && isUpperLetter(text[m.end + 1]);
  return before || after;
}

/**
 * The paragraphs of the body that may hold a mention (a capital, a digit...), with their texts.
 *
 * A document that is one paragraph parsed alone (parseParagraph: `\n` + the paragraph; the
 * per-paragraph checks hand in such documents) is that paragraph, from offset PARAGRAPH_OFFSET,
 * and is not parsed again (`alone`): its text is then the very key the document's own paragraph
 * has in the paragraph cache, so the paragraph check (`checkMentions` on the paragraph parsed
 * alone) and the document check (`checkMentionEchoes` on the document) share one analysis.
 * `paragraphs` starts such a document's only paragraph at 0 (one line break is no separator):
 * keyed by `\n` + the paragraph, the pipeline ran twice per keystroke, and was kept twice.
 */
export function paragraphsToAnalyse(doc: PressDocument): Array<{ text: string; start: number; alone: boolean }> {
  const out: Array<{ text: string; start: number; alone: boolean }> = [];
  const n = doc.text.length;
  const parsedAlone = doc.bodyStart === 0 && doc.text.charCodeAt(0) === 10;
  for (const p of paragraphs(doc)) {
    const start = parsedAlone && p.start === 0 ? PARAGRAPH_OFFSET : p.start;
    if (start >= p.end) continue;
    const text = doc.text.slice(start, p.end);
    if (!/[\p{Lu}\p{Lt}\p{N}\p{Lo}]/u.test(text)) continue; // no capital, no digit: nothing to find
    out.push({ text, start, alone: parsedAlone && start === PARAGRAPH_OFFSET && p.end === n });
  }
  return out;
}

/**
 * Every suggestion of the document, in source offsets, sorted by start, not overlapping. Memoized
 * per parsed document, knowledge base and inputs (learned names, rejections, path).
 */
export function suggestions(doc: PressDocument, kb: KnowledgeBase, inputs?: PipelineInputs): Suggestion[] {
  const key = inputsKey(inputs);
  const memoKey = key.join('\u0000') + '\u0000' + (inputs?.path ?? '');
  const memo = documentCache.get(doc);
  if (memo && memo.kb === kb && memo.inputs === memoKey) return memo.list;
  let list: Suggestion[] = [];
  try {
    const dct = frontMatterDate(doc);
    const broken = doc.problems.map((p) => p.span);
    const inBroken = (m: { start: number; end: number }) => broken.some((b) => b.start < m.end && m.start < Math.max(b.end, b.start + 1));
    const keep = (s: Suggestion) => !inCapitalizedCompound(doc.text, s) && !(broken.length && inBroken(s));
    const parts = paragraphsToAnalyse(doc);
    for (const p of parts) {
      const text = p.text;
      for (const m of analyseParagraph(kb, text, dct, inputs, key, p.alone ? doc : undefined)) {
        const s: Suggestion = { ...m, start: m.start - PARAGRAPH_OFFSET + p.start, end: m.end - PARAGRAPH_OFFSET + p.start };
        if (keep(s)) list.push(s);
      }
    }
    // d. echoes of the new entities, across paragraphs
    const sources = echoSources(list);
    if (sources.length) {
      const signature = echoSignature(sources);
      const rejections = compileRejections(inputs?.rejections?.list);
      const echoes: Array<Suggestion & { source: number }> = [];
      for (const p of parts) {
        for (const e of echoesOfParagraph(kb, p.text, sources, signature, key, p.alone ? doc : undefined)) {
          const s = { ...e, start: e.start - PARAGRAPH_OFFSET + p.start, end: e.end - PARAGRAPH_OFFSET + p.start };
          if (keep(s)) echoes.push(s);
        }
      }
      list = mergeEchoes(list, echoes, sources, (e) => !isRejected(rejections, e.text, e.type, e.id || (e.entity?.id ?? ''), inputs?.path));
    }
  } catch {
    // never throw from the core: fewer suggestions
  }
  documentCache.set(doc, { kb, inputs: memoKey, list });
  return list;
}

/** The aliases of the sources that stand in one paragraph, outside its annotations, relative to the paragraph (cached). */
function echoesOfParagraph(kb: KnowledgeBase, text: string, sources: readonly EchoSource[], signature: string, key: string[], parsed?: PressDocument): Array<DocumentMention & { source: number }> {
  let cache = echoCache.get(kb);
  if (!cache) echoCache.set(kb, (cache = new ContentCache(MAX_ECHO_PARAGRAPHS, ECHO_BYTES)));
  return cache.cached(
    [signature, ...key, text],
    () => {
      const doc = parsed ?? parseParagraph(text);
      const plain = plainText(doc);
      const found: Array<Found & { source: number }> = findEchoes(plain.text, sources, signature).map((e) => ({
        start: e.start,
        end: e.end,
        text: plain.text.slice(e.start, e.end),
        type: e.type,
        id: e.id,
        confidence: e.confidence,
        recognizer: e.recognizer,
        reason: e.reason,
        ...(e.entity ? { entity: e.entity } : {}),
        echo: true as const,
        source: e.source,
      }));
      return placeInDocument(doc, plain, found, false);
    },
    (found) => mentionsBytes(found) + 2 * text.length,
  );
}

/**
 * The echoes among the suggestions (arbiter.ts, step d): what the `mention.unannotated` check
 * reports per document, since an echo depends on other paragraphs. Nothing is computed when no
 * paragraph proposes a new entity with aliases.
 */
export function suggestionEchoes(doc: PressDocument, kb: KnowledgeBase, inputs?: PipelineInputs): Suggestion[] {
  const memo = documentCache.get(doc);
  if (!memo || memo.kb !== kb) {
    // without the document's suggestions at hand: is there a source at all? (cached paragraphs, no copies)
    let any = false;
    try {
      const dct = frontMatterDate(doc);
      const key = inputsKey(inputs);
      for (const p of paragraphsToAnalyse(doc)) {
        if (analyseParagraph(kb, p.text, dct, inputs, key, p.alone ? doc : undefined).some((m) => (m.id === '' && !!m.entity?.aliases?.length) || !!m.echoes?.length)) {
          any = true;
          break;
        }
      }
    } catch {
      return [];
    }
    if (!any) return [];
  }
  return suggestions(doc, kb, inputs).filter((s) => s.echo);
}

/** The suggestions of some types (all when `types` is undefined). */
export function suggestionsOfTypes(doc: PressDocument, kb: KnowledgeBase, types?: readonly string[], inputs?: PipelineInputs): Suggestion[] {
  const all = suggestions(doc, kb, inputs);
  if (!types) return all;
  const want = new Set(types);
  return all.filter((s) => want.has(s.type));
}

/** What a suggestion would become, in words: `country LU (Luxembourg)`, `date 2022-06-29`. */
export function describeReading(kb: KnowledgeBase, type: string, id: string): string {
  if (DATE_TYPES.includes(type)) return id ? `${type} ${id}` : type;
  const name = id ? kb.get(type, id)?.name : undefined;
  return `${type} ${id}${name ? ` (${name})` : ''}`.trim();
}

/** The markup a suggestion inserts after its words: `]{country:LU}`. */
export function specOf(type: string, id: string): string {
  return id ? `{${type}:${id}}` : `{${type}}`;
}
