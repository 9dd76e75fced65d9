/**
 * `mention.unannotated`: a name of the knowledge base or a date expression in the body that is
 * not annotated, with what it would become (and the other readings of an ambiguous name). The
 * suggestions come from assist/suggestions.ts (cached per paragraph and per document).
 */
import type { Check, Problem } from './check';
import { describeReading, suggestions } from '../assist/suggestions';
import { quote } from '../strings';

/**
 * Above this many characters a document is not searched for unannotated mentions on every
 * change (the first search of a 1 MB document takes seconds); "Pre-annotate Document" and
 * `pressmark annotate` still find them. One diagnostic says so.
 */
export const MENTION_CHECK_LIMIT = 500_000;

export const checkMentions: Check = ({ doc, kb, config }) => {
  const out: Problem[] = [];
  if (doc.text.length > MENTION_CHECK_LIMIT) {
    return [
      {
        code: 'mention.skipped',
        span: { start: doc.bodyStart, end: doc.bodyStart },
        message: `This document has ${doc.text.length.toLocaleString('en')} characters: above ${MENTION_CHECK_LIMIT.toLocaleString('en')}, unannotated mentions are not searched as you type. Run "Pressmark: Pre-annotate Document" or \`pressmark annotate\` to find them.`,
      },
    ];
  }
  for (const s of suggestions(doc, kb)) {
    if (!config.types.has(s.type)) continue;
    let message = `${quote(s.text.replace(/\s+/g, ' '))} is not annotated: ${describeReading(kb, s.type, s.id)}`;
    if (s.alternatives?.length) message += `; or ${s.alternatives.map((a) => describeReading(kb, a.type, a.id)).join('; or ')}`;
    out.push({
      code: 'mention.unannotated',
      span: { start: s.start, end: s.end },
      message: message + '.',
      data: { type: s.type, id: s.id, ...(s.alternatives?.length ? { alternatives: s.alternatives } : {}) },
    });
  }
  return out;
};
