/**
 * Annotation suggestions of a document: the mention finder's unannotated mentions, cached per
 * paragraph and per document, with the assistant's policy applied. Shared by the
 * `mention.unannotated` check, its quick-fixes, pre-annotation and statistics. Pure; never throws.
 *
 * Cost. The finder and the date recognizer run over one paragraph at a time (annotations never
 * span a blank line, so a paragraph parses alone exactly as in the document), and the result of a
 * paragraph is kept by its text, the publication date and the knowledge base: a keystroke
 * re-analyses the paragraph it changed, not the document. The whole result is memoized per parsed
 * document, so code actions after diagnostics cost nothing more. Context therefore reaches across
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
import { findMentionsInDocument, type DocumentMention } from '../mentions';
import { ContentCache } from '../lru';

export const DATE_TYPES: readonly string[] = ['date', 'time', 'duration', 'set'];

export type Suggestion = DocumentMention;

/** Paragraph cache: per knowledge base, (dct, paragraph text) → mentions relative to the paragraph. */
const paragraphCache = new WeakMap<KnowledgeBase, ContentCache<DocumentMention[]>>();
/**
 * Paragraphs kept per knowledge base, least recently used dropped first: enough for the open
 * documents of an editor (a 1 MB transcript has ~1,500), small enough that a batch over a corpus
 * of unique paragraphs stays at a flat memory (each entry is ~1–3 KB); and at most about
 * PARAGRAPH_BYTES (one long paragraph edited 800 times is 800 entries of megabytes each).
 */
const MAX_PARAGRAPHS = 10_000;
const PARAGRAPH_BYTES = 12 * 2 ** 20;
/** Per parsed document: the suggestions for one knowledge base. */
const documentCache = new WeakMap<PressDocument, { kb: KnowledgeBase; list: Suggestion[] }>();

function frontMatterDate(doc: PressDocument): string | undefined {
  const v = doc.frontMatter?.data?.date;
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}

/** `parsed`: the paragraph already parsed alone (parseParagraph), when the caller has it. */
function analyseParagraph(kb: KnowledgeBase, text: string, dct: string | undefined, parsed?: PressDocument): DocumentMention[] {
  let cache = paragraphCache.get(kb);
  if (!cache) paragraphCache.set(kb, (cache = new ContentCache(MAX_PARAGRAPHS, PARAGRAPH_BYTES)));
  return cache.cached(
    [dct ?? '', text],
    // the paragraph alone, without front matter: its date is `dct`
    () => findMentionsInDocument(parsed ? { ...parsed, frontMatter: undefined } : parseParagraph(text), kb, dct),
    // the mentions, and the paragraph parsed alone that their texts may be cut from
    (found) => mentionsBytes(found) + 2 * text.length,
  );
}

/** Approximate bytes of mentions: the objects, their texts, their other readings. */
function mentionsBytes(list: readonly DocumentMention[]): number {
  let n = 0;
  for (const m of list) n += 200 + 2 * m.text.length + (m.alternatives ? 80 * m.alternatives.length : 0);
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
 * Every suggestion of the document, in source offsets, sorted by start, not overlapping. Memoized
 * per parsed document and knowledge base.
 */
export function suggestions(doc: PressDocument, kb: KnowledgeBase): Suggestion[] {
  const memo = documentCache.get(doc);
  if (memo && memo.kb === kb) return memo.list;
  const list: Suggestion[] = [];
  try {
    const dct = frontMatterDate(doc);
    const broken = doc.problems.map((p) => p.span);
    const inBroken = (m: { start: number; end: number }) => broken.some((b) => b.start < m.end && m.start < Math.max(b.end, b.start + 1));
    for (const p of paragraphs(doc)) {
      const text = doc.text.slice(p.start, p.end);
      if (!/[\p{Lu}\p{Lt}\p{N}\p{Lo}]/u.test(text)) continue; // no capital, no digit: nothing to find
      // A document that is one paragraph parsed alone (the per-paragraph checks hand in such
      // documents) is not parsed again.
      const alone = doc.bodyStart === 0 && p.start === PARAGRAPH_OFFSET && p.end === doc.text.length && doc.text.charCodeAt(0) === 10;
      for (const m of analyseParagraph(kb, text, dct, alone ? doc : undefined)) {
        const s: Suggestion = { ...m, start: m.start - PARAGRAPH_OFFSET + p.start, end: m.end - PARAGRAPH_OFFSET + p.start };
        if (!inCapitalizedCompound(doc.text, s) && !(broken.length && inBroken(s))) list.push(s);
      }
    }
  } catch {
    // never throw from the core: fewer suggestions
  }
  documentCache.set(doc, { kb, list });
  return list;
}

/** The suggestions of some types (all when `types` is undefined). */
export function suggestionsOfTypes(doc: PressDocument, kb: KnowledgeBase, types?: readonly string[]): Suggestion[] {
  const all = suggestions(doc, kb);
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
