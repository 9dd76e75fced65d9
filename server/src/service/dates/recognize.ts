/**
 * Finds temporal expressions in running text (TIMEX3 extent conventions: no leading
 * preposition, "the past three decades" with its determiner, "2015 and 2017" as two).
 *
 * One left-to-right scan: a single combined regular expression finds the next position where
 * some rule can match; there the rules are tried anchored (sticky) and the longest match that
 * builds a value wins; the scan resumes after it. Each position is examined a bounded number
 * of times, so the cost is linear in the text length. Never throws.
 */
import { COMPILED, matchAt, TimexKind } from './normalize';
import { parseDct } from './timex';

export interface FoundDate {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  type: TimexKind;
  value: string;
  mod?: string;
  quant?: string;
  freq?: string;
  confident: boolean;
}

function stripNames(src: string): string {
  return src.replace(/\(\?<([A-Za-z]\w*)>/g, '(?:').replace(/\\k<\w+>/g, '[./]');
}

let master: RegExp | undefined;
function masterRe(): RegExp {
  if (!master) {
    const alts = COMPILED.filter((r) => r.recognize !== false).map((r) => stripNames(r.src));
    master = new RegExp(`(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  }
  return master;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Finds date, time, duration and set expressions in text, valued against dct (YYYY-MM-DD). */
export function findDates(text: string, dct?: string): FoundDate[] {
  const out: FoundDate[] = [];
  try {
    if (typeof text !== 'string' || text.length === 0) return out;
    const anchor = parseDct(dct);
    const re = masterRe();
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      if (m[0].length === 0) { re.lastIndex = start + 1; continue; }
      // the match must start at a word boundary
      if (start > 0 && WORD_CHAR.test(text[start - 1]) && WORD_CHAR.test(text[start])) {
        re.lastIndex = start + 1;
        continue;
      }
      const found = matchAt(text, start, anchor, true);
      if (found.length === 0) {
        re.lastIndex = start + 1;
        continue;
      }
      const best = found[0];
      let end = best.end;
      // extent conventions: no possessive, no trailing punctuation except in abbreviations
      let s = text.slice(start, end);
      const poss = /['’]s$/.exec(s);
      if (poss && !/\d0['’]s$/.test(s)) { end -= 2; s = s.slice(0, -2); }
      out.push({
        start,
        end,
        text: s,
        type: best.value.type,
        value: best.value.value,
        ...(best.value.mod ? { mod: best.value.mod } : {}),
        ...(best.value.quant ? { quant: best.value.quant } : {}),
        ...(best.value.freq ? { freq: best.value.freq } : {}),
        confident: best.value.confident,
      });
      re.lastIndex = Math.max(best.end, start + 1);
    }
  } catch {
    // never throw: return what was found so far
  }
  return out;
}
