/**
 * `mention.unannotated`: a name of the knowledge base or a date expression in the body that is
 * not annotated, with what it would become (and the other readings of an ambiguous name). The
 * suggestions come from assist/suggestions.ts (cached per paragraph and per document).
 */
import type { Check, Problem } from './check';
import { describeReading, suggestions } from '../assist/suggestions';
import { quote } from '../strings';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { ContentCache } from '../lru';

/**
 * Messages and fix data by (type, id, text, alternatives), per knowledge base (a name is
 * mentioned again and again across paragraphs and documents): built once, least recently used
 * dropped first, at most REMEMBERED_SIZE entries and about REMEMBERED_BYTES. Problems share the
 * data object; nobody changes a problem.
 */
const remembered = new WeakMap<KnowledgeBase, ContentCache<{ message: string; data: Record<string, unknown> }>>();
const REMEMBERED_SIZE = 10_000;
const REMEMBERED_BYTES = 16 * 2 ** 20;

export const checkMentions: Check = ({ doc, kb, config }) => {
  const out: Problem[] = [];
  let memo = remembered.get(kb);
  if (!memo) remembered.set(kb, (memo = new ContentCache(REMEMBERED_SIZE, REMEMBERED_BYTES)));
  for (const s of suggestions(doc, kb)) {
    if (!config.types.has(s.type)) continue;
    const alternatives = s.alternatives?.length ? s.alternatives : undefined;
    const made = memo.cached(
      alternatives ? [s.type, s.id, s.text, ...alternatives.flatMap((a) => [a.type, a.id])] : [s.type, s.id, s.text],
      () => {
        let message = `${quote(s.text.replace(/\s+/g, ' '))} is not annotated: ${describeReading(kb, s.type, s.id)}`;
        if (alternatives) message += `; or ${alternatives.map((a) => describeReading(kb, a.type, a.id)).join('; or ')}`;
        return { message: message + '.', data: { type: s.type, id: s.id, ...(alternatives ? { alternatives } : {}) } };
      },
      (m) => 300 + 2 * m.message.length + (alternatives ? 80 * alternatives.length : 0),
    );
    out.push({ code: 'mention.unannotated', span: { start: s.start, end: s.end }, message: made.message, data: made.data });
  }
  return out;
};
