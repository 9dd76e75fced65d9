/**
 * Recognizer `dates`: temporal expressions (dates/recognize.ts `findDates`, anchored at the
 * publication date): type `date`, `time`, `duration` or `set`, id the TIMEX3 value; confidence
 * 0.9, or 0.6 where the value is a guess. The years nested in a year range ("between 2014 and
 * 2016") only with `nested`. Pure; never throws.
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
    let lastEnd = -1;
    for (const d of findDates(text, ctx.dct)) {
      const type = d.type.toLowerCase();
      if (types && !types.has(type)) continue;
      // the years nested in a year range: only with `nested`
      if (d.start < lastEnd && !ctx.nested) continue;
      lastEnd = Math.max(lastEnd, d.end);
      out.push({ start: d.start, end: d.end, text: d.text, type, id: d.value, confidence: d.confident ? 0.9 : 0.6, recognizer: 'dates', reason: DATE_REASON });
    }
    return out;
  },
};
