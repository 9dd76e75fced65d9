/**
 * `mention.unannotated`: a name or a date expression in the body that is not annotated, with what
 * it would become (and the other readings of an ambiguous name) and why it is proposed. The
 * suggestions come from mentions/suggestions.ts (the pipeline of recognizers and its arbiter,
 * cached per paragraph and per document).
 *
 * Message: "`Luxembourg` is not annotated: country LU (Luxembourg)." for a plain name of the
 * knowledge base or a date; the reason is added where it says more ("..., generated government
 * body.", "..., annotated 4 times in this workspace."), and a new entity reads "`Xavier Bettel`
 * is not annotated: new person xavier-bettel (title before the name).". Data: `{ type, id,
 * alternatives?, recognizer, reason, entity? }`.
 */
import type { Check, Problem } from './check';
import { describeReading, suggestionEchoes, suggestions, type Suggestion } from '../mentions/suggestions';
import { KB_NAME_REASON } from '../mentions/builtin';
import { DATE_REASON } from '../mentions/dates';
import { quote } from '../strings';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { ContentCache } from '../lru';

/**
 * Messages and fix data by (type, id, text, alternatives, recognizer, reason, entity), per
 * knowledge base (a name is mentioned again and again across paragraphs and documents): built
 * once, least recently used dropped first, at most REMEMBERED_SIZE entries and about
 * REMEMBERED_BYTES. Problems share the data object; nobody changes a problem.
 */
const remembered = new WeakMap<KnowledgeBase, ContentCache<{ message: string; data: Record<string, unknown> }>>();
const REMEMBERED_SIZE = 10_000;
const REMEMBERED_BYTES = 16 * 2 ** 20;

/** Reasons the message does not repeat: the plain name of the knowledge base, a date. */
const PLAIN_REASONS: ReadonlySet<string> = new Set([KB_NAME_REASON, DATE_REASON]);

/** The message of a suggestion, without the final dot. */
export function unannotatedMessage(kb: KnowledgeBase, s: Pick<Suggestion, 'text' | 'type' | 'id' | 'alternatives' | 'reason' | 'entity'>): string {
  const words = quote(s.text.replace(/\s+/g, ' '));
  if (!s.id && s.entity) {
    return `${words} is not annotated: new ${s.type} ${s.entity.id}${s.reason ? ` (${s.reason})` : ''}`;
  }
  let message = `${words} is not annotated: ${describeReading(kb, s.type, s.id)}`;
  if (s.reason && !PLAIN_REASONS.has(s.reason)) message += `, ${s.reason}`;
  if (s.alternatives?.length) message += `; or ${s.alternatives.map((a) => describeReading(kb, a.type, a.id)).join('; or ')}`;
  return message;
}

/**
 * The suggestions of the paragraph (a paragraph check), echoes apart: an echo depends on the other
 * paragraphs, `checkMentionEchoes` reports it.
 */
export const checkMentions: Check = ({ doc, kb, config, mentionInputs }) => problemsOf(suggestions(doc, kb, mentionInputs), kb, config.types, false);

/** The echoes of new entities (arbiter.ts, step d) across the document (a document check). */
export const checkMentionEchoes: Check = ({ doc, kb, config, mentionInputs }) => problemsOf(suggestionEchoes(doc, kb, mentionInputs), kb, config.types, true);

function problemsOf(list: readonly Suggestion[], kb: KnowledgeBase, types: { has(type: string): boolean }, echoes: boolean): Problem[] {
  const out: Problem[] = [];
  let memo = remembered.get(kb);
  if (!memo) remembered.set(kb, (memo = new ContentCache(REMEMBERED_SIZE, REMEMBERED_BYTES)));
  for (const s of list) {
    if (!types.has(s.type) || !!s.echo !== echoes) continue;
    const alternatives = s.alternatives?.length ? s.alternatives : undefined;
    const entity = s.entity ? JSON.stringify(s.entity) : '';
    const key = [s.type, s.id, s.text, s.recognizer, s.reason, entity];
    if (alternatives) for (const a of alternatives) key.push(a.type, a.id);
    // get, then set on a miss (not `cached`: two closures per suggestion, most of them hits)
    let made = memo.get(key);
    if (made === undefined) {
      made = {
        message: unannotatedMessage(kb, s) + '.',
        data: { type: s.type, id: s.id, ...(alternatives ? { alternatives } : {}), recognizer: s.recognizer, reason: s.reason, ...(s.entity ? { entity: s.entity } : {}) },
      };
      memo.set(key, made, 300 + 2 * made.message.length + (alternatives ? 80 * alternatives.length : 0) + 2 * entity.length);
    }
    out.push({ code: 'mention.unannotated', span: { start: s.start, end: s.end }, message: made.message, data: made.data });
  }
  return out;
}
