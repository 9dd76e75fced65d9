/**
 * Recognizer `builtin`, companies in context: the bare names of companies that are also a
 * person's name, a word or a place ("Ford", "Toyota", "Shell": the knowledge base's
 * `facts.contextNames`, data/orgs/companies.yaml), which the built-in names leave out, proposed
 * where the context says it is the company. The candidate carries the name as its echo, so the
 * name is the company again wherever it stands later in the document (arbiter.ts, step d: one
 * sense per discourse, the person with the same surname decided there by context). Pure; never
 * throws.
 *
 * Rules:
 * - A company word right before it: "automaker Ford", "rivals Toyota", "oil company Shell"
 *   (shortForms.ts ECHO_COMPANY_WORDS).
 * - Its possessive followed, within three words, by a business noun: "Ford's production
 *   capacity", "Ford's North American losses", "Ford's Chief Executive Officer"
 *   (ECHO_COMPANY_NOUNS).
 * - Never when a capitalized word stands right before it ("Henry Ford", "Harrison Ford") or
 *   after it ("Ford Taurus", "Toyota City"), nor before a product noun ("Ford cars": builtin.ts).
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { Candidate, RecognizeContext, Recognizer } from './candidate';
import { PhraseMatcher } from './phrases';
import { ECHO_COMPANY_NOUNS, ECHO_COMPANY_WORDS } from './shortForms';

const matchers = new WeakMap<KnowledgeBase, PhraseMatcher<string>>();

function matcherOf(kb: KnowledgeBase): PhraseMatcher<string> {
  let m = matchers.get(kb);
  if (m) return m;
  const phrases: Array<{ text: string; payload: string }> = [];
  for (const o of kb.all('org')) {
    const names = (o.facts as { contextNames?: unknown } | undefined)?.contextNames;
    if (!Array.isArray(names)) continue;
    for (const n of names) if (typeof n === 'string' && n) phrases.push({ text: n, payload: o.id });
  }
  m = new PhraseMatcher(phrases);
  matchers.set(kb, m);
  return m;
}

const WORD_BEFORE = /([\p{L}.]+)[ \u00a0]+$/u;
const CAPITAL_AFTER = /^[ \u00a0]+\p{Lu}/u;
const POSSESSIVE = /^['’]s?((?:[ \u00a0]+[\p{L}-]+){1,3})/u;

/** The reason of a candidate: which context. */
export const companyContextReason = (what: string): string => `company context (${what})`;

/** Why the name at [start, end) is the company, or undefined. */
export function companyContextAt(text: string, start: number, end: number): string | undefined {
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  if (before && /^\p{Lu}/u.test(before)) return undefined; // "Henry Ford", "General Ford"
  const after = text.slice(end, end + 60);
  if (CAPITAL_AFTER.test(after)) return undefined; // "Ford Taurus"
  if (before && ECHO_COMPANY_WORDS.has(before.toLowerCase())) return `"${before}" before it`;
  const poss = POSSESSIVE.exec(after);
  if (poss) {
    const noun = poss[1].trim().split(/\s+/).find((w) => ECHO_COMPANY_NOUNS.has(w.toLowerCase()));
    if (noun) return `"${noun}" after its possessive`;
  }
  return undefined;
}

export const companyContextRecognizer: Recognizer = {
  name: 'builtin',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    const out: Candidate[] = [];
    if (ctx.types && !ctx.types.has('org')) return out;
    const matcher = matcherOf(ctx.kb);
    if (!matcher.size) return out;
    for (const h of matcher.match(text)) {
      const why = companyContextAt(text, h.start, h.end);
      if (!why) continue;
      const name = text.slice(h.start, h.end);
      out.push({ start: h.start, end: h.end, text: name, type: 'org', id: h.payload, confidence: 0.8, recognizer: 'builtin', reason: companyContextReason(why), echoes: [name] });
    }
    return out;
  },
};
