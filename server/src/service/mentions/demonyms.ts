/**
 * Recognizer `builtin`, demonyms: a country's adjective standing for the country ("[German]
 * magazine Der Spiegel", "[Australian] Prime Minister John Howard", "[British] and [Irish]
 * stock markets"), proposed as that country, only where the project asks for it
 * (`pressmark.yaml`: `mentions: {demonyms: true}`; docs/format.md, "Demonyms"). Off by default:
 * the seed, OntoNotes (NORP) and CoNLL (MISC) do not annotate a demonym as the country; MEANTIME
 * (LOC) and ACE (GPE) do. The adjectives are the knowledge base's (`facts.adjectives`: the
 * demonym unless it is a person noun or shared by two countries, plus the table of
 * data/government-bodies.yaml: "Kazakh", "Saudi"). Pure; never throws.
 *
 * Rules (precision first):
 * - Only as a premodifier: a space and a word follow ("German magazine"); not before a full
 *   stop, a comma or the end ("in German." is the language; "a German" the person), not in a
 *   hyphen compound ("Franco-German", "Irish-owned").
 * - A capitalized word after it makes it part of a longer name ("American Airlines", "Russian
 *   Railways", "Chinese New Year"), unless that word begins a title ("Australian Prime Minister",
 *   "German Chancellor": shape/personWords.ts ROLE_HEADS, ROLE_MODIFIERS).
 * - A capitalized word before it, other than a determiner, makes it part of a name too ("Royal
 *   Dutch Shell").
 * - A function word or a verb after it (one in -ed, or of NOUN_CONTEXT) says it is a noun ("the
 *   Irish and ...", "a German said", "the British agreed"):
 *   not proposed, except "and"/"or" followed by another demonym ("British and Irish stock
 *   markets": both are).
 * - Inside a longer candidate ("Kazakh Foreign Ministry", "the Canadian Government") the arbiter
 *   never proposes it alone (a country inside a longer candidate, arbiter.ts step c).
 * - Plural nouns ("Americans") and continents' adjectives ("European") are no country.
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { Candidate, RecognizeContext, Recognizer } from './candidate';
import { ROLE_HEADS, ROLE_MODIFIERS } from './shape/personWords';

/** The reason of a demonym candidate. */
export const demonymReason = (country: string): string => `demonym of ${country}`;

/** Words after a demonym that make it a noun, not a premodifier. */
const NOUN_CONTEXT = new Set(
  `the a an of in on at to for from by with as is are was were be been being has have had do does did
  said says say told tells will would can could may might must shall should who whom whose which that
  this these those but not also than then there it its he she they we you nor so if when while
  because although though where after before since until`.split(/\s+/),
);

/** Capitalized words before a demonym that leave it free ("The American auto company"). */
const DETERMINERS = new Set(`the a an this that these those its their our his her every each both many some other another all no`.split(' '));

interface Table {
  /** Folded adjective ("kazakh", "south korean") → country id. */
  byAdjective: Map<string, string>;
  names: Map<string, string>;
}

const tables = new WeakMap<KnowledgeBase, Table>();

function tableOf(kb: KnowledgeBase): Table {
  let t = tables.get(kb);
  if (t) return t;
  t = { byAdjective: new Map(), names: new Map() };
  for (const c of kb.all('country')) {
    const adjectives = (c.facts as { adjectives?: unknown } | undefined)?.adjectives;
    if (!Array.isArray(adjectives)) continue;
    for (const a of adjectives) {
      if (typeof a !== 'string' || !/^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?$/u.test(a)) continue; // "UAE" is a name, not an adjective
      if (kb.lookupName(a, { type: 'country' }).length) continue; // a name of a country: the built-in names have it
      const k = a.toLowerCase();
      if (!t.byAdjective.has(k)) t.byAdjective.set(k, c.id);
    }
    t.names.set(c.id, c.name);
  }
  tables.set(kb, t);
  return t;
}

const WORD_RE = /\p{L}+/gu;
const isUpper = (s: string): boolean => /^\p{Lu}/u.test(s);
const isTitle = (s: string): boolean => /^\p{Lu}\p{Ll}+$/u.test(s);

interface Tok {
  s: number;
  e: number;
  w: string;
}

/** Only a single space (or a no-break space) between a and b. */
function spaced(text: string, a: Tok, b: Tok): boolean {
  return b.s === a.e + 1 && (text.charCodeAt(a.e) === 32 || text.charCodeAt(a.e) === 0xa0);
}

export const demonymRecognizer: Recognizer = {
  name: 'builtin',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    const out: Candidate[] = [];
    if (ctx.demonyms !== true || (ctx.types && !ctx.types.has('country'))) return out;
    const table = tableOf(ctx.kb);
    if (!table.byAdjective.size) return out;
    const toks: Tok[] = [];
    for (const m of text.matchAll(WORD_RE)) toks.push({ s: m.index!, e: m.index! + m[0].length, w: m[0] });
    /** The demonym starting at token i: [country, last token], or undefined. */
    const demonymAt = (i: number): [string, number] | undefined => {
      const a = toks[i];
      if (!a || !isTitle(a.w)) return undefined;
      const b = toks[i + 1];
      if (b && spaced(text, a, b) && isTitle(b.w)) {
        const two = table.byAdjective.get(`${a.w.toLowerCase()} ${b.w.toLowerCase()}`);
        if (two) return [two, i + 1];
      }
      const one = table.byAdjective.get(a.w.toLowerCase());
      return one ? [one, i] : undefined;
    };
    const premodifier = (i: number, last: number, coordinated: boolean): boolean => {
      const a = toks[i];
      const z = toks[last];
      // not in a hyphen compound, nor joined to anything but a space
      const before = a.s > 0 ? text.charCodeAt(a.s - 1) : 32;
      if (before === 45 || before === 0x2010 || before === 0x2011 || before === 0x2013 || /[\p{L}\p{N}'’]/u.test(String.fromCharCode(before))) return false;
      const next = toks[last + 1];
      if (!next || !spaced(text, z, next)) return false;
      // a capitalized word before it, other than a determiner: part of a name ("Royal Dutch Shell")
      const prev = toks[i - 1];
      if (!coordinated && prev && spaced(text, prev, a) && isUpper(prev.w) && !DETERMINERS.has(prev.w.toLowerCase())) return false;
      const w = next.w.toLowerCase();
      if (isUpper(next.w)) {
        // a title after it ("Australian Prime Minister"), else part of a longer name
        if (ROLE_HEADS.has(w)) return true;
        const after = toks[last + 2];
        return ROLE_MODIFIERS.has(w) && !!after && spaced(text, next, after) && isUpper(after.w) && ROLE_HEADS.has(after.w.toLowerCase());
      }
      if (w === 'and' || w === 'or') {
        const other = demonymAt(last + 2);
        return !!other && spaced(text, next, toks[last + 2]) && premodifier(last + 2, other[1], true);
      }
      // a verb in -ed after it: the subject, a noun ("the British agreed")
      return !NOUN_CONTEXT.has(w) && !/ed$/.test(w);
    };
    for (let i = 0; i < toks.length; i++) {
      const d = demonymAt(i);
      if (!d) continue;
      const [id, last] = d;
      if (premodifier(i, last, false)) {
        out.push({ start: toks[i].s, end: toks[last].e, type: 'country', id, confidence: 0.8, recognizer: 'builtin', reason: demonymReason(table.names.get(id) ?? id) });
      }
      i = last;
    }
    return out;
  },
};
