/**
 * Recognizer `builtin`: the names of the knowledge base (countries, organizations, places, the
 * workspace's people and any workspace type), found by `MentionFinder` (finder.ts) with its rules
 * unchanged (README.md, "Rules"). The generated government bodies (data/government-bodies.yaml:
 * `MFA-KZ`, `CB-JP`, ...) are names of the knowledge base too; their reason says they are
 * generated. Pure; never throws.
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { DATE_TYPES, type Candidate, type RecognizeContext, type Recognizer } from './candidate';
import { MentionFinder } from './finder';

/** The reason of a plain knowledge-base name (the diagnostic message does not repeat it). */
export const KB_NAME_REASON = 'a name of the knowledge base';
/** The reason of a generated government body. */
export const GENERATED_BODY_REASON = 'generated government body';

/** Per knowledge base: the org ids known to be generated bodies or not (a name is met again and again). */
const generatedIds = new WeakMap<KnowledgeBase, Map<string, boolean>>();

function isGenerated(kb: KnowledgeBase, type: string, id: string): boolean {
  if (type !== 'org') return false;
  let known = generatedIds.get(kb);
  if (!known) generatedIds.set(kb, (known = new Map()));
  let v = known.get(id);
  if (v === undefined) {
    const facts = kb.get(type, id)?.facts as { generated?: unknown } | undefined;
    known.set(id, (v = facts?.generated === true));
  }
  return v;
}

export const builtinRecognizer: Recognizer = {
  name: 'builtin',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    const out: Candidate[] = [];
    let types: string[] | undefined;
    if (ctx.types) {
      types = [...ctx.types].filter((t) => !DATE_TYPES.includes(t));
      if (!types.length) return out;
    }
    const found = MentionFinder.for(ctx.kb).find(text, { types, nested: ctx.nested, language: ctx.language, minPlacePopulation: ctx.minPlacePopulation });
    for (const m of found) {
      const c: Candidate = {
        start: m.start,
        end: m.end,
        text: m.text,
        type: m.type,
        id: m.id,
        confidence: m.confidence,
        recognizer: 'builtin',
        reason: isGenerated(ctx.kb, m.type, m.id) ? GENERATED_BODY_REASON : KB_NAME_REASON,
      };
      if (m.alternatives) c.alternatives = m.alternatives;
      out.push(c);
    }
    return out;
  },
};
