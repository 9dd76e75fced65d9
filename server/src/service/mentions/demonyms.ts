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

/** A capitalized word in Title Case (the only shape a demonym is read in). */
const TITLE_RE = /\p{Lu}\p{Ll}+/gu;
const LETTER_RE = /[\p{L}\p{N}'’]/u;
const isUpper = (s: string): boolean => /^\p{Lu}/u.test(s);
const isTitle = (s: string): boolean => /^\p{Lu}\p{Ll}+$/u.test(s);
const isSpace = (c: number): boolean => c === 32 || c === 0xa0;

interface Word {
  s: number;
  e: number;
  w: string;
}

/** The word after one space at p (text[p] the space), or undefined. */
function wordAfter(text: string, p: number): Word | undefined {
  if (p >= text.length || !isSpace(text.charCodeAt(p))) return undefined;
  const m = /^\p{L}+/u.exec(text.slice(p + 1, p + 41));
  return m ? { s: p + 1, e: p + 1 + m[0].length, w: m[0] } : undefined;
}

/** The word before one space ending at p (text[p - 1] the space), or undefined. */
function wordBefore(text: string, p: number): Word | undefined {
  if (p < 2 || !isSpace(text.charCodeAt(p - 1))) return undefined;
  const m = /\p{L}+$/u.exec(text.slice(Math.max(0, p - 41), p - 1));
  return m ? { s: p - 1 - m[0].length, e: p - 1, w: m[0] } : undefined;
}

export const demonymRecognizer: Recognizer = {
  name: 'builtin',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    const out: Candidate[] = [];
    if (ctx.demonyms !== true || (ctx.types && !ctx.types.has('country'))) return out;
    const table = tableOf(ctx.kb);
    if (!table.byAdjective.size) return out;
    /** The demonym whose first word is `a`: its country and last word, or undefined. */
    const demonymAt = (a: Word): [string, Word] | undefined => {
      if (!isTitle(a.w)) return undefined;
      const b = wordAfter(text, a.e);
      if (b && isTitle(b.w)) {
        const two = table.byAdjective.get(`${a.w.toLowerCase()} ${b.w.toLowerCase()}`);
        if (two) return [two, b];
      }
      const one = table.byAdjective.get(a.w.toLowerCase());
      return one ? [one, a] : undefined;
    };
    const premodifier = (a: Word, z: Word, coordinated: boolean): boolean => {
      // not in a hyphen compound, nor joined to anything but a space
      if (a.s > 0) {
        const before = text.charCodeAt(a.s - 1);
        if (before === 45 || before === 0x2010 || before === 0x2011 || before === 0x2013 || LETTER_RE.test(String.fromCharCode(before))) return false;
      }
      const next = wordAfter(text, z.e);
      if (!next) return false;
      // a capitalized word before it, other than a determiner: part of a name ("Royal Dutch Shell")
      const prev = wordBefore(text, a.s);
      if (!coordinated && prev && isUpper(prev.w) && !DETERMINERS.has(prev.w.toLowerCase())) return false;
      const w = next.w.toLowerCase();
      if (isUpper(next.w)) {
        // a title after it ("Australian Prime Minister"), else part of a longer name
        if (ROLE_HEADS.has(w)) return true;
        const after = wordAfter(text, next.e);
        return ROLE_MODIFIERS.has(w) && !!after && isUpper(after.w) && ROLE_HEADS.has(after.w.toLowerCase());
      }
      if (w === 'and' || w === 'or') {
        const first = wordAfter(text, next.e);
        const other = first && demonymAt(first);
        return !!other && premodifier(first, other[1], true);
      }
      // a verb in -ed after it: the subject, a noun ("the British agreed")
      return !NOUN_CONTEXT.has(w) && !/ed$/.test(w);
    };
    TITLE_RE.lastIndex = 0;
    for (let m = TITLE_RE.exec(text); m; m = TITLE_RE.exec(text)) {
      const a: Word = { s: m.index, e: m.index + m[0].length, w: m[0] };
      // whole words only ("McDonald", "eBay")
      if ((a.s > 0 && /\p{L}/u.test(text[a.s - 1])) || (a.e < text.length && /\p{L}/u.test(text[a.e]))) continue;
      const d = demonymAt(a);
      if (!d) continue;
      const [id, z] = d;
      if (premodifier(a, z, false)) {
        out.push({ start: a.s, end: z.e, type: 'country', id, confidence: 0.8, recognizer: 'builtin', reason: demonymReason(table.names.get(id) ?? id) });
      }
      TITLE_RE.lastIndex = z.e;
    }
    return out;
  },
};
