/** Small string helpers shared by the features. */
import { editDistance } from './kb/normalize';

export { editDistance };

/** The candidates closest to `word` (case-insensitive), at most `limit`, within `maxDistance`. */
export function closest(word: string, candidates: Iterable<string>, maxDistance: number, limit = 3): string[] {
  const w = word.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), maxDistance);
    if (d <= maxDistance) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([c]) => c);
}

/**
 * The indefinite article before a word as it is read aloud: `an org`, `an event`, `a person`,
 * `a unit` (a `u` sounded "you": a consonant and a vowel follow it), `an umbrella`.
 */
export function article(word: string): 'a' | 'an' {
  const w = word.toLowerCase();
  if (/^[aeio]/.test(w)) return 'an';
  if (/^u/.test(w)) return /^u[bcdfgjklmnprstvz][aeiou]/.test(w) && !/^un[aeiou]?[bcdfghjklmnpqrstvwxz]{2}/.test(w) ? 'a' : 'an';
  return 'a';
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function quote(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}
