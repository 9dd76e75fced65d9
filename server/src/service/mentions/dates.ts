/**
 * Recognizer `dates`: temporal expressions (dates/recognize.ts `findDates`, anchored at the
 * publication date): type `date`, `time`, `duration` or `set`, id the TIMEX3 value; confidence
 * 0.9, or 0.6 where the value is a guess. The years nested in a year range ("between 2014 and
 * 2016") are proposed as its parts (`partOf`), kept nested in it by the arbiter. Pure; never throws.
 */
import { findDates } from '../dates/recognize';
import { DATE_TYPES, type Candidate, type RecognizeContext, type Recognizer } from './candidate';

/** The reason of a temporal expression (the diagnostic message does not repeat it). */
export const DATE_REASON = 'temporal expression';

export const datesRecognizer: Recognizer = {
  name: 'dates',
  recognize(text: string, ctx: RecognizeContext): Candidate[] {
    const out: Candidate[] = [];
    const types = ctx.types;
    if (types && !DATE_TYPES.some((t) => types.has(t))) return out;
    let outer: Candidate | undefined;
    for (const d of findDates(text, ctx.dct)) {
      const type = d.type.toLowerCase();
      // the years nested in a year range are parts of it (partOf): nested markup, as the
      // recognizer gives them, so that pre-annotation proposes what findDates finds
      const inner = !!outer && d.start < outer.end;
      if (types && !types.has(type)) continue;
      const c: Candidate = { start: d.start, end: d.end, text: d.text, type, id: d.value, confidence: d.confident ? 0.9 : 0.6, recognizer: 'dates', reason: DATE_REASON };
      if (inner && !ctx.nested) c.partOf = outer;
      if (!inner) outer = c;
      out.push(c);
    }
    return out;
  },
};
