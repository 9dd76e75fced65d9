/**
 * `mention.unannotated`: a name of the knowledge base or a date expression in the body that is
 * not annotated, with what it would become (and the other readings of an ambiguous name). The
 * suggestions come from assist/suggestions.ts (cached per paragraph and per document).
 */
import type { Check, Problem } from './check';
import { describeReading, suggestions } from '../assist/suggestions';
import { quote } from '../strings';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { LruMap } from '../lru';

/**
 * Messages and fix data by `type \0 id \0 text \0 alternatives`, per knowledge base (a name
 * is mentioned again and again across paragraphs and documents): built once, least recently used
 * dropped first. Problems share the data object; nobody changes a problem.
 */
const remembered = new WeakMap<KnowledgeBase, LruMap<string, { message: string; data: Record<string, unknown> }>>();
const REMEMBERED_SIZE = 10_000;

export const checkMentions: Check = ({ doc, kb, config }) => {
  const out: Problem[] = [];
  let memo = remembered.get(kb);
  if (!memo) remembered.set(kb, (memo = new LruMap(REMEMBERED_SIZE)));
  for (const s of suggestions(doc, kb)) {
    if (!config.types.has(s.type)) continue;
    const alternatives = s.alternatives?.length ? s.alternatives : undefined;
    const key = `${s.type}\u0000${s.id}\u0000${s.text}${alternatives ? `\u0000${alternatives.map((a) => `${a.type}:${a.id}`).join('\u0000')}` : ''}`;
    let made = memo.get(key);
    if (!made) {
      let message = `${quote(s.text.replace(/\s+/g, ' '))} is not annotated: ${describeReading(kb, s.type, s.id)}`;
      if (alternatives) message += `; or ${alternatives.map((a) => describeReading(kb, a.type, a.id)).join('; or ')}`;
      made = memo.set(key, { message: message + '.', data: { type: s.type, id: s.id, ...(alternatives ? { alternatives } : {}) } });
    }
    out.push({ code: 'mention.unannotated', span: { start: s.start, end: s.end }, message: made.message, data: made.data });
  }
  return out;
};
