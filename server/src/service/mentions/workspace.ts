/**
 * Recognizer `workspace`: the names annotated in the workspace's `.press` files (workspace
 * learning, issue 13 item 2, like INCEpTION's string-matching recommender). A label annotated
 * `[Yermek Kosherbayev]{person:kosherbayev}` is proposed wherever the same words stand, with the
 * same type and id, and the reason `annotated 4 times in this workspace`.
 *
 * Rules (phrases.ts): the label's exact words, whole words, the finder's case rules (a capitalized
 * word must be capitalized, a word in capitals stays in capitals); labels that start in lower case
 * and temporal labels (dates: their value depends on the text's date) are not learned. A label
 * annotated with several readings is proposed with the most frequent one, the others as
 * alternatives (confidence 0.6, as the finder's ambiguous names). Confidence 0.95 for a name of
 * several words, 0.9 for one word. A label whose reading is a name of the knowledge base already
 * (`[Canada]{country:CA}`) is left to the built-in names, whose context rules ("Air Canada" is
 * no country) must keep deciding: learning adds the names the knowledge base does not hold, or
 * not with that reading.
 *
 * The matcher is built once per learned list (its `version`), not per paragraph. Pure; never throws.
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { DATE_TYPES, type Candidate, type Learned, type RecognizeContext, type Recognizer } from './candidate';
import { PhraseMatcher } from './phrases';

interface Readings {
  type: string;
  id: string;
  count: number;
  alternatives?: Array<{ type: string; id: string }>;
  words: number;
}

/** The reason a learned name is proposed. */
export function learnedReason(count: number): string {
  return count === 1 ? 'annotated once in this workspace' : `annotated ${count} times in this workspace`;
}

/** The learned names as phrases: one per label text (white space folded), its readings by count. */
export function learnedMatcher(names: readonly Learned[], kb?: KnowledgeBase): PhraseMatcher<Readings> {
  const byText = new Map<string, Array<{ type: string; id: string; count: number }>>();
  for (const l of names) {
    if (!l || typeof l.text !== 'string' || typeof l.type !== 'string' || !l.type || DATE_TYPES.includes(l.type)) continue;
    const count = typeof l.count === 'number' && l.count > 0 ? l.count : 0;
    if (!count) continue;
    const text = l.text.trim().replace(/\s+/g, ' ');
    if (!text) continue;
    if (kb && l.id && knownAs(kb, text, l.type, l.id)) continue;
    let list = byText.get(text);
    if (!list) byText.set(text, (list = []));
    const id = typeof l.id === 'string' ? l.id : '';
    const same = list.find((r) => r.type === l.type && r.id === id);
    if (same) same.count += count;
    else list.push({ type: l.type, id, count });
  }
  const phrases: Array<{ text: string; payload: Readings }> = [];
  for (const [text, list] of byText) {
    list.sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const top = list[0];
    const words = text.split(' ').length;
    phrases.push({
      text,
      payload: { type: top.type, id: top.id, count: top.count, words, ...(list.length > 1 ? { alternatives: list.slice(1).map((r) => ({ type: r.type, id: r.id })) } : {}) },
    });
  }
  // most frequent labels first: of two labels with the same words, the more frequent wins
  phrases.sort((a, b) => b.payload.count - a.payload.count);
  return new PhraseMatcher(phrases);
}

/** The knowledge base knows `text` as a name of (type, id). */
function knownAs(kb: KnowledgeBase, text: string, type: string, id: string): boolean {
  try {
    return kb.lookupName(text, { type }).some((e) => e.id === id);
  } catch {
    return false;
  }
}

let last: { names: readonly Learned[]; version: string; kb: KnowledgeBase; matcher: PhraseMatcher<Readings> } | undefined;

function matcherFor(learned: { version: string; names: readonly Learned[] }, kb: KnowledgeBase): PhraseMatcher<Readings> {
  if (last && last.names === learned.names && last.version === learned.version && last.kb === kb) return last.matcher;
  const matcher = learnedMatcher(learned.names, kb);
  last = { names: learned.names, version: learned.version, kb, matcher };
  return matcher;
}

export const workspaceRecognizer: Recognizer = {
  name: 'workspace',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    const learned = ctx.learned;
    if (!learned || !Array.isArray(learned.names) || learned.names.length === 0) return [];
    const out: Candidate[] = [];
    for (const hit of matcherFor(learned, ctx.kb).match(text)) {
      const r = hit.payload;
      const c: Candidate = {
        start: hit.start,
        end: hit.end,
        type: r.type,
        id: r.id,
        confidence: r.alternatives ? 0.6 : r.words > 1 ? 0.95 : 0.9,
        recognizer: 'workspace',
        reason: learnedReason(r.count),
      };
      if (r.alternatives) c.alternatives = r.alternatives;
      out.push(c);
    }
    return out;
  },
};
