/**
 * `mention.unannotated`: a name of the knowledge base or a date expression in the body that is
 * not annotated, with what it would become (and the other readings of an ambiguous name). The
 * suggestions come from assist/suggestions.ts (cached per paragraph and per document).
 */
import type { Check, Problem } from './check';
import { describeReading, suggestions } from '../assist/suggestions';
import { quote } from '../strings';

export const checkMentions: Check = ({ doc, kb, config }) => {
  const out: Problem[] = [];
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
