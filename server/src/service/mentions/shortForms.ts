/**
 * Short forms of organization names (arbiter.ts, step d): news writes a company's full name
 * with its legal form or designator once ("Chrysler LLC", "Ford Motor Company", "Daimler AG")
 * and its distinctive part after that ("Chrysler", "Ford", "Daimler"). The full name proposed
 * makes the short form a mention of the same entity later in the same document, as a defined
 * acronym or a surname is. Data and one function; pure; never throws.
 */
import { LEGAL_FORMS } from './shape/orgWords';

/**
 * Words a company's name ends in that are not its distinctive part: the legal forms
 * (shape/orgWords.ts LEGAL_FORMS) and these designators ("Ford Motor Company" → "Ford", "Tata
 * Group" → "Tata"). "Motor" (singular) is the designator of "Ford Motor", "Toyota Motor", "Honda
 * Motor"; "Motors" is not ("General Motors" is no "General").
 */
export const NAME_TAILS: ReadonlySet<string> = new Set([
  'company', 'corporation', 'incorporated', 'limited', 'group', 'holding', 'holdings', 'motor', 'co', 'co.', 'corp', 'corp.', 'inc', 'inc.', 'ltd', 'ltd.',
]);

const TAIL_RE = /[ \u00a0]+([^\s]+)$/;

/** Whether the folded word is a tail (a designator or a legal form). */
function isTail(word: string): boolean {
  const w = word.replace(/,$/, '');
  return NAME_TAILS.has(w.toLowerCase()) || LEGAL_FORMS.has(w);
}

/**
 * The short form of an organization's name written with a legal form or a designator, or
 * undefined: "Chrysler LLC" → "Chrysler", "Ford Motor Company" → "Ford", "Chrysler Holding LLC" →
 * "Chrysler", "Samsung Electronics Co., Ltd." → "Samsung Electronics". Undefined when the name
 * has no tail, when nothing capitalized is left, when what is left ends in a connector ("Bank
 * of"), and for names in capitals (a headline's).
 */
export function shortFormOf(name: string): string | undefined {
  if (typeof name !== 'string') return undefined;
  let s = name.trim().replace(/\s+/g, ' ');
  if (!/\p{Ll}/u.test(s)) return undefined;
  let cut = false;
  for (let guard = 0; guard < 4; guard++) {
    const m = TAIL_RE.exec(s);
    if (!m || !isTail(m[1])) break;
    s = s.slice(0, m.index).replace(/,$/, '');
    cut = true;
  }
  if (!cut || !s) return undefined;
  const words = s.split(' ');
  if (!words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || w === '&')) return undefined;
  if (isTail(words[words.length - 1])) return undefined;
  return s;
}

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Words right before an alias that a person and a company share which make it the company
 * ("automaker Ford", "rivals Toyota", "the firm Chrysler").
 */
export const ECHO_COMPANY_WORDS = words(`
  automaker automakers carmaker carmakers maker makers manufacturer manufacturers company companies
  firm firms rival rivals group airline airlines carrier supplier airframer conglomerate giant
`);

/**
 * Nouns within three words after the possessive of an alias that a person and a company share
 * which make it the company ("Ford's production capacity", "Ford's North American losses",
 * "Ford's Chief Executive Officer").
 */
export const ECHO_COMPANY_NOUNS = words(`
  production capacity plant plants factory factories workforce workers employees staff jobs sales
  revenue revenues profit profits loss losses earnings shares stock shareholders board directors
  chief ceo executive executives chairman management operations division divisions unit units
  subsidiary subsidiaries brand brands models vehicles cars lineup dealers dealerships market
  headquarters restructuring bankruptcy debt bonds
`);
