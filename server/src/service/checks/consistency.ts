/**
 * `annotation.inconsistent`: the same words annotated with another type or id elsewhere in the
 * document (`[Luxembourg]{country:LU}` here, `[Luxembourg]{place:G2960316}` there). Labels are
 * compared folded (case and white space). An empty id agrees with any id of its type ("still to
 * be filled in"); TIMEX3 annotations are compared by type only (the date checks judge values).
 * The annotations that differ from the most frequent reading are reported; on a tie, all are.
 */
import type { Check, Problem } from './check';
import type { Annotation } from '../model';
import { quote } from '../strings';
import { DATE_TYPES } from '../mentions/suggestions';

export function readingOf(a: Annotation): string {
  return DATE_TYPES.includes(a.type) || !a.id ? a.type : `${a.type}:${a.id}`;
}

export function foldLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export const checkConsistency: Check = ({ doc }) => {
  const groups = new Map<string, Annotation[]>();
  for (const a of doc.all) {
    if (!a.type || !a.specClosed) continue;
    const key = foldLabel(a.text);
    if (!key) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(a);
  }
  const out: Problem[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    // readings with an id; a bare type agrees with any id of that type
    const counts = new Map<string, number>();
    for (const a of g) counts.set(readingOf(a), (counts.get(readingOf(a)) ?? 0) + 1);
    const full = [...counts.keys()].filter((r) => r.includes(':'));
    const bareTypes = [...counts.keys()].filter((r) => !r.includes(':'));
    const distinct = new Set([...full, ...bareTypes.filter((t) => !full.some((r) => r.startsWith(t + ':')))]);
    if (distinct.size < 2) continue;
    const effective = (a: Annotation): string => {
      const r = readingOf(a);
      if (r.includes(':')) return r;
      const only = full.filter((f) => f.startsWith(r + ':'));
      return only.length === 1 ? only[0] : r;
    };
    const tally = new Map<string, number>();
    for (const a of g) tally.set(effective(a), (tally.get(effective(a)) ?? 0) + 1);
    let best = 0;
    for (const n of tally.values()) if (n > best) best = n;
    const leaders = [...tally].filter(([, n]) => n === best).map(([r]) => r);
    for (const a of g) {
      const mine = effective(a);
      if (leaders.length === 1 && mine === leaders[0]) continue;
      const others = [...tally].filter(([r]) => r !== mine);
      if (!others.length) continue;
      const firstOther = g.find((b) => effective(b) !== mine)!;
      const line = doc.lines.positionAt(firstOther.labelSpan.start).line + 1;
      const what = others.map(([r, n]) => `${quote(r)}${n > 1 ? ` (${n} times)` : ''}`).join(', ');
      out.push({
        code: 'annotation.inconsistent',
        span: a.labelSpan,
        message: `${quote(a.text.replace(/\s+/g, ' ').trim())} is annotated ${quote(readingOf(a))} here but ${what} elsewhere in this document (first on line ${line}).`,
        data: { annotation: a.span, readings: others.map(([r]) => r) },
      });
    }
  }
  return out;
};
