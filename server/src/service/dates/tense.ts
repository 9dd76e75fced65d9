/**
 * The tense governing a temporal expression, guessed from the words around it in its sentence:
 * it places a weekday, a month or a season without a year before or after the publication date
 * (TimeML 1.2.1 §2.3 and the TimeML annotation guidelines §2.2.3 leave such a value to the
 * anchor, the document creation time, and the context). Pure functions; never throw.
 */

export type Tense = 'past' | 'present' | 'future';

const FUTURE_RE = /\b(will|won['’]t|shall|['’]ll|going to|(?:is|are) (?:to|due|set|scheduled|expected|slated)|to be held|expects? to|plans? to|plann(?:ed|ing)|intends? to|aims? to|would|should|may|might|could|must|upcoming|scheduled|slated|due to|set to)\b/gi;
const PAST_RE = /\b(was|were|had|did|said|told|announced|reported|ago|earlier|last|yesterday|has been|have been|[a-z]{3,}ed)\b/gi;
const PRESENT_RE = /\b(is|are|says|say|today)\b/gi;

/** Guesses the tense governing an expression from the words around it (same sentence). */
export function guessTense(before = '', after = ''): Tense | undefined {
  return guessTenseDetail(before, after)?.tense;
}

/**
 * Modals that do not fix a time: "could not stop the bullet Friday night", "they would appeal
 * Wednesday's ruling" (TimeML: modality is not tense). A tense read from one of them is a guess.
 */
const WEAK_MODALS = /^(?:would|should|may|might|could|must)$/;
/**
 * A future seen from a past time ("planned a demonstration on Saturday", "had been due to
 * expire Friday", "was to meet Monday"): the event may lie on either side of the publication
 * date, so the direction is a guess.
 */
export const FUTURE_IN_PAST_RE = /\b(?:planned|planning|(?:was|were) (?:to|due|scheduled|expected|set|slated|going to|likely to)|had been (?:due|scheduled|expected|set|slated|planned))\b/i;

/**
 * A clause that begins after the expression: a complement or relative clause ("warnings on
 * Thursday that air strikes could ..."), a second predicate ("on Saturday and were planning
 * to ..."). Its verb does not govern the expression, so the text after it is not read. A
 * temporal clause ("in November when he was called a witness") is about the expression's time
 * and is read; "and" between nouns ("Abortion and Reproductive Rights") is no clause.
 */
const CLAUSE_AFTER = /[;:(]|\s(?:--|_)\s|\band\s+(?:then\s+)?(?:was|were|is|are|has|have|had|will|would|did|\p{L}+ed)\b|\b(?:but|that|which|who|whom|whose|because|although|though|whereas|if|unless)\b/iu;
function clauseHead(s: string): string {
  const m = CLAUSE_AFTER.exec(s);
  return m ? s.slice(0, m.index) : s;
}
/** "had been due to", "had been scheduled": a plan the past perfect tells was overtaken (the time has passed). */
const PLAN_OVERTAKEN = /\bhad\s+been\s+$/i;

/** The tense guessed, and whether it rests only on a modal (weak: the reading is a guess). */
export function guessTenseDetail(before = '', after = ''): { tense: Tense; weak: boolean; word: string } | undefined {
  const b = sentenceTail(before);
  const a = clauseHead(sentenceHead(after));
  let best: { dist: number; tense: Tense; weak: boolean; word: string } | undefined;
  const scan = (s: string, re: RegExp, tense: Tense, fromEnd: boolean) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const w = m[1].toLowerCase();
      // "May" with a capital inside a sentence is the month, not the modal
      if (w === 'may' && m[1].charCodeAt(0) === 77) continue;
      // a participle after "be"/"been"/"being" is a passive, not a past tense ("should be completed")
      if (tense === 'past' && w.endsWith('ed') && /\bbe(?:en|ing)?\s+$/i.test(s.slice(Math.max(0, m.index - 8), m.index))) continue;
      if (tense === 'past' && /ed$/.test(w) && /^(need|speed|proceed|exceed|succeed|feed|breed|seed|bed|red|shed|embed|indeed|hundred|united|limited|based|related|expected|scheduled|planned|proposed|intended)$/.test(w)) continue;
      // a participle negated with un- is an adjective, not a past tense ("on a still unspecified
      // date", "markets untouched by the crisis")
      if (tense === 'past' && /^un(?:specified|disclosed|named|identified|expected|precedented|touched|changed|employed|founded|scheduled|announced|confirmed|resolved|solved|related|limited|secured|audited|regulated|explained|armed|opposed|determined|published|paid|used|finished|settled)$/.test(w)) continue;
      // "had ruled that Elian must be returned to his father, and set Friday as the deadline": a
      // modal before ", and" is in an earlier clause (a complement here) and does not govern the
      // predicate coordinated after it (a modal is only a guess of the tense anyway)
      if (fromEnd && WEAK_MODALS.test(w) && /,\s+and\s+\p{L}/u.test(s.slice(m.index + m[0].length))) continue;
      // "began as (previously) planned Saturday night", "opened as scheduled": a comparative clause
      // about a plan, not the tense of the clause that governs the date
      if (tense === 'future' && /^(?:planned|scheduled|expected)$/.test(w) && /\bas\s+(?:\p{L}+ly\s+)?$/iu.test(s.slice(Math.max(0, m.index - 24), m.index))) continue;
      let tn = tense;
      // "planned to leave on Thursday": the plan's time lies ahead; "On Friday, the government
      // planned to pay": the planning is the clause's past event
      if (tense === 'future' && !fromEnd && w.startsWith('plann')) tn = 'past';
      if (tense === 'future' && /^(?:due|scheduled|expected|set|slated|planned)/.test(w) && PLAN_OVERTAKEN.test(s.slice(Math.max(0, m.index - 12), m.index))) tn = 'past';
      const dist = fromEnd ? s.length - (m.index + m[0].length) : m.index;
      // words after the expression count a little less than words before it; explicit
      // future markers (modals, "scheduled") outweigh a nearer participle
      let d = fromEnd ? dist : dist + 3;
      if (tense === 'future') d -= fromEnd ? 10 : 4;
      if (tense === 'past' && /^(has been|have been|had|did|ago|yesterday|last|earlier)$/.test(w)) d -= 4;
      if (!best || d < best.dist) best = { dist: d, tense: tn, weak: WEAK_MODALS.test(w), word: w };
    }
  };
  scan(b, FUTURE_RE, 'future', true);
  scan(b, PAST_RE, 'past', true);
  scan(b, PRESENT_RE, 'present', true);
  scan(a, FUTURE_RE, 'future', false);
  scan(a, PAST_RE, 'past', false);
  scan(a, PRESENT_RE, 'present', false);
  const b2 = best as { tense: Tense; weak: boolean; word: string } | undefined;
  return b2 && { tense: b2.tense, weak: b2.weak || FUTURE_IN_PAST_RE.test(b) || FUTURE_IN_PAST_RE.test(a), word: b2.word };
}

/**
 * The direction a word right before a date gives it, whatever the tense of the clause: "since
 * March" lies before the publication, "payable Jan. 2", "effective Feb. 1", "until March 6",
 * "due Dec. 1" after it (dividends, contracts and deadlines in business news). The word must end
 * the text before the expression (prepositions and "on" between them are allowed).
 */
const SIGNAL_PAST = /\b(?:since)\s+(?:(?:on|early|late|mid)\s+)?$/i;
const SIGNAL_FUTURE = /\b(?:payable|effective|due|until|till|expires?|expiring|starting|beginning|scheduled\s+for|set\s+for|slated\s+for|planned\s+for|as\s+(?:soon|early)\s+as|next)\s+(?:(?:on|in|from|by)\s+)?$/i;
/** "by February", "through January": a deadline or the end of a span, ahead unless the clause is past. */
export const SIGNAL_AHEAD = /\b(?:by|through)\s+$/i;
export function signalTense(before: string): Tense | undefined {
  const t = before.length > 40 ? before.slice(-40) : before;
  if (SIGNAL_PAST.test(t)) return 'past';
  if (SIGNAL_FUTURE.test(t)) return 'future';
  return undefined;
}

export function sentenceTail(s: string): string {
  const t = s.slice(-120);
  const m = /[.!?]["”']?\s+(?=[^.!?]*$)|\n(?=[^\n]*$)/.exec(t);
  return m ? t.slice(m.index + m[0].length) : t;
}
export function sentenceHead(s: string): string {
  const t = s.slice(0, 120);
  // a closing quotation mark ends the quoted clause: the reporting clause after it ("...,'' Castro
  // said") has the report's tense, not the tense of what is reported
  const m = /[.!?](?:\s|$)|\n|''|”|[,.!?]"/.exec(t);
  return m ? t.slice(0, m.index) : t;
}

// ---------------------------------------------------------------------------
