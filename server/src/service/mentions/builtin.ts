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
import { shortFormOf } from './shortForms';
import { BUSINESS_HEADS, COMPANY_KINDS, PREMODIFIED_PRODUCTS } from './shape/orgWords';

/** The reason of a plain knowledge-base name (the diagnostic message does not repeat it). */
export const KB_NAME_REASON = 'a name of the knowledge base';
/** The reason of a generated government body. */
export const GENERATED_BODY_REASON = 'generated government body';
/** The reason of the veto over a maker's name before a product noun. */
export const PRODUCT_MODIFIER_REASON = "maker's name before a product noun";

/** Per knowledge base: the org ids known to be generated bodies or not (a name is met again and again). */
const generatedIds = new WeakMap<KnowledgeBase, Map<string, boolean>>();

/** Per knowledge base: the org ids that are companies or airlines (kb facts.kind). */
const companyIds = new WeakMap<KnowledgeBase, Map<string, boolean>>();

function isCompany(kb: KnowledgeBase, id: string): boolean {
  let known = companyIds.get(kb);
  if (!known) companyIds.set(kb, (known = new Map()));
  let v = known.get(id);
  if (v === undefined) known.set(id, (v = COMPANY_KINDS.has(String((kb.get('org', id)?.facts as { kind?: unknown } | undefined)?.kind))));
  return v;
}

/** The company's `contextNames` (kb facts; companyContext.ts). */
function contextNamesOf(kb: KnowledgeBase, id: string): readonly string[] {
  const v = (kb.get('org', id)?.facts as { contextNames?: unknown } | undefined)?.contextNames;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const PRODUCT_AFTER = /^[ \u00a0]([a-z]+)\b(?:[ \u00a0]([a-z]+)\b)?/;

/**
 * A company's name right before a product noun ("Airbus jets", "an all-Airbus fleet", data:
 * shape/orgWords.ts PREMODIFIED_PRODUCTS): the noun phrase names products, the maker is a
 * modifier inside it, not a mention of the organization (MEANTIME and ACE annotate the product).
 * A possessive ("Airbus's jets") keeps the organization: it owns them; so does a business noun
 * after the product noun ("General Motors automobile sales": data BUSINESS_HEADS).
 */
function beforeProductNoun(text: string, end: number): boolean {
  const m = PRODUCT_AFTER.exec(text.slice(end, end + 24));
  return !!m && PREMODIFIED_PRODUCTS.has(m[1]) && !(m[2] && BUSINESS_HEADS.has(m[2]));
}

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
      if (m.type === 'org' && isCompany(ctx.kb, m.id) && beforeProductNoun(text, m.end)) {
        // a veto, so that no recognizer proposes the maker there (the workspace's "Airbus" neither)
        out.push({ start: m.start, end: m.end, text: m.text, type: 'org', id: '', confidence: m.confidence, recognizer: 'builtin', reason: PRODUCT_MODIFIER_REASON, veto: true });
        continue;
      }
      if (m.type === 'org' && isCompany(ctx.kb, m.id)) {
        // "Ford Motor Company" → "Ford" later in the document (arbiter.ts, step d), unless the
        // short form names something else ("Singapore")
        const short = shortFormOf(m.text);
        const echoes: string[] = [];
        if (short && !ctx.kb.lookupName(short).some((x) => x.type !== 'org' || x.id !== m.id)) echoes.push(short);
        // and its names held back for context ("Ford"): the full name has settled which entity they are
        for (const n of contextNamesOf(ctx.kb, m.id)) if (!echoes.includes(n)) echoes.push(n);
        if (echoes.length) c.echoes = echoes;
      }
      out.push(c);
    }
    return out;
  },
};
