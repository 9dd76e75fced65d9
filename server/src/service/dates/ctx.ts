/**
 * What a rule is and what its builder reads: the TIMEX3 value it builds (Normalized), the
 * context of a match (Ctx: the publication date and the text around, the tense read from it on
 * demand), the rule itself (Rule: a regular expression with named groups and a builder) and its
 * family (the file under rules/ that holds it).
 */
import type { Ymd } from './timex';
import { FUTURE_IN_PAST_RE, SIGNAL_AHEAD, guessTenseDetail, sentenceHead, sentenceTail, signalTense, type Tense } from './tense';

export type TimexKind = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface Normalized {
  type: TimexKind;
  value: string;
  mod?: string;
  quant?: string;
  freq?: string;
  /** false where the value is a guess (missing DCT, unknown tense, vague expression). */
  confident: boolean;
}

/**
 * The rule families, one file each under rules/ (rules/index.ts lists them all in matching
 * order); scripts/eval-dates.js --errors groups the errors by them.
 */
export type RuleFamily = 'absolute' | 'relative' | 'durations' | 'sets' | 'times' | 'mods+ranges';

export interface Ctx {
  dct?: Ymd;
  before: string;
  after: string;
  tense?: Tense | null; // null = not computed yet
  /** The tense rests only on a modal (set with `tense`). */
  weakTense?: boolean;
  /** The word the guessed tense was read from ("could", "said"; set with `tense`). */
  tenseWord?: string;
}

/** The tense of the clause around the match, read once from the context (a signal word first, then the verbs). */
export function tenseOf(c: Ctx): Tense | undefined {
  if (c.tense === null) {
    const b = c.before;
    const signal = signalTense(b);
    const g = signal ? undefined : guessTenseDetail(b, c.after);
    c.tense = signal ?? g?.tense;
    const sentence = signal ? sentenceTail(b) + ' ' + sentenceHead(c.after) : '';
    // a signal word in a future seen from the past ("had been due to expire Friday", "until
    // Thursday they had not called") does not place the date either
    c.weakTense = signal ? FUTURE_IN_PAST_RE.test(sentence) || (signal === 'future' && /\bhad\b/i.test(sentence)) : !!g?.weak;
    c.tenseWord = g?.word;
    // the past perfect places the end a signal word names before a past time: "until Thursday
    // they had not called him a suspect", "it had been due to expire Friday" (TimeML: the tense
    // of the governing verb; the signal gives the direction only from the time of that clause)
    if (signal === 'future' && /\bhad\s+(?:not\s+|never\s+)?(?:been|\p{L}+ed|\p{L}+en)\b/iu.test(sentence)) c.tense = 'past';
    if (c.tense !== 'past' && SIGNAL_AHEAD.test(b.length > 20 ? b.slice(-20) : b)) c.tense = 'future';
  }
  return c.tense;
}

export const N = (type: TimexKind, value: string, confident = true, extra?: Partial<Normalized>): Normalized =>
  (extra ? { type, value, ...extra, confident } : { type, value, confident });

export type Groups = Record<string, string | undefined>;

export interface Rule {
  name: string;
  /** Regex source with named groups (flags iu). */
  src: string;
  /** false: used by normalize() only, not by findDates() on running text. */
  recognize?: boolean;
  /** Set by the family file that holds the rule (rules/*.ts). */
  family: RuleFamily;
  build(g: Groups, text: string, c: Ctx): Normalized | undefined;
}

/** A rule as its family file writes it: the family is set by family(). */
export type RuleSpec = Omit<Rule, 'family'>;

/** The rules of one family file, each marked with the family (one source of truth). */
export function family(f: RuleFamily, rules: RuleSpec[]): Rule[] {
  return rules.map((r) => ({ ...r, family: f }));
}

/**
 * The whole-expression normalizer of the engine (engine.ts sets it when it loads), for rules
 * whose match holds another expression ("early" + "2023"): rules do not import the engine,
 * which imports them.
 */
let nestedCore: ((expr: string, c: Ctx) => Normalized | undefined) | undefined;
export function setNestedNormalizer(f: (expr: string, c: Ctx) => Normalized | undefined): void {
  nestedCore = f;
}
/** Normalizes part of a match as a whole expression with the same context (not "mod target" again). */
export function normalizeNested(expr: string, c: Ctx): Normalized | undefined {
  return nestedCore?.(expr, c);
}
