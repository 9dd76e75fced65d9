/**
 * A scraped release → a .press document, with the knowledge base spelling the dateline and
 * source (`NUR-SULTAN` → `Nur-Sultan`) and, when asked, pre-annotating the body. Shared by
 * `pressmark import` (node/batch.ts) and the editor's "Import Press Release" (the server).
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { findMentionsInText } from '../mentions';
import type { CorpusSpan } from './document';
import { importRaw, type RawImport } from './raw';

export function importRelease(raw: string, kb: KnowledgeBase, options: { keepDateline?: boolean; annotate?: boolean } = {}): RawImport {
  const spell = (name: string, kind: 'place' | 'source'): string | undefined =>
    kb.lookupNameMatches(name, { type: kind === 'place' ? 'place' : 'org' })[0]?.matched;
  // Names and dates of the body's plain text, anchored at the date the dateline gave.
  const spans = (body: string, meta: { date?: string }): CorpusSpan[] =>
    findMentionsInText(body, kb, meta.date).map((m) => ({ start: m.start, end: m.end, type: m.type, id: m.id, attributes: [] }));
  return importRaw(raw, { spell, keepDateline: options.keepDateline }, options.annotate ? spans : undefined);
}
