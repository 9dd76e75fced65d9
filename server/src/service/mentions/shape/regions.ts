/**
 * The regions of a knowledge base as word sequences, for the place recognizer (places.ts):
 * first-level administrative regions (`US-GA`, `KZ-61`) and continents and world regions
 * (`europe`), the place entities without a population that the mention finder leaves alone.
 * Built once per KnowledgeBase (WeakMap cache), in time linear in the regions. Pure; never throws.
 */
import type { KnowledgeBase } from '../../kb/knowledgeBase';
import type { Entity } from '../../kb/types';
import { foldName } from '../../kb/normalize';
import { BARE_REGION_COUNTRIES, REGION_HEADS } from './placeWords';
import { WordMap } from '../words';

export interface RegionForm {
  entity: Entity;
  /** Folded words of the name ("north", "rhine", "westphalia"). */
  keys: string[];
  /** Per word: written with a capital in the knowledge base (the text must capitalize it too). */
  capital: boolean[];
  /**
   * When the name alone (no head word, no context) is this region: `ALWAYS` (a name of several
   * words, a world region, a region of a country whose regions news names bare), `LOCATIVE` (a
   * one-word name elsewhere: after a preposition of place), `NEVER` (another entity bears the
   * name: a country, a city, another region; or the region is a city).
   */
  bare: Bare;
}

export const enum Bare {
  NEVER = 0,
  LOCATIVE = 1,
  ALWAYS = 2,
}

export interface RegionIndex {
  /** Forms by their first folded word, longest first. */
  byFirst: Map<string, RegionForm[]>;
  /** The same, looked up by a word of the text without a slice (wordList.ts `lookup`). */
  firstWords: WordMap<RegionForm[]>;
}

const cache = new WeakMap<KnowledgeBase, RegionIndex>();

/** A place entity that is a region (no GeoNames id, a kind). */
export function isRegion(e: Entity): boolean {
  return e.type === 'place' && typeof e.facts?.kind === 'string' && typeof e.facts?.geonamesId !== 'number';
}

/** A region of a city's kind (Almaty the city of republican significance, `KZ-75`). */
export function isCityKind(e: Entity): boolean {
  const k = String(e.facts?.kind ?? '');
  return /\bcity\b|municipality|capital|town/.test(k);
}

function add(byFirst: Map<string, RegionForm[]>, form: RegionForm): void {
  const list = byFirst.get(form.keys[0]);
  if (list) list.push(form);
  else byFirst.set(form.keys[0], [form]);
}

export function regionIndex(kb: KnowledgeBase): RegionIndex {
  let ix = cache.get(kb);
  if (!ix) {
    ix = build(kb);
    cache.set(kb, ix);
  }
  return ix;
}

function build(kb: KnowledgeBase): RegionIndex {
  const byFirst = new Map<string, RegionForm[]>();
  for (const e of kb.all('place')) {
    if (!isRegion(e)) continue;
    const raws = new Set<string>([e.name, ...e.aliases, ...Object.values(e.names ?? {}).flat()]);
    for (const raw of raws) {
      if (typeof raw !== 'string' || !raw) continue;
      const written = raw.replace(/^the\s+/i, '');
      const key = foldName(written);
      if (!key) continue;
      const keys = key.split(' ');
      const words = written.split(/[\s\-‐–]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
      const capital = keys.map((_, i) => {
        const w = words[i] ?? '';
        return w.length > 0 && w[0] !== w[0].toLowerCase();
      });
      const others = kb.lookupName(written).filter((x) => x !== e);
      const country = String(e.facts?.country ?? '');
      const world = country === '';
      const bare = others.length > 0 || isCityKind(e) ? Bare.NEVER : keys.length > 1 || world || BARE_REGION_COUNTRIES.has(country) ? Bare.ALWAYS : Bare.LOCATIVE;
      add(byFirst, { entity: e, keys, capital, bare });
      // "Leningrad Oblast" (the name holds its head word): the name without it, for the head-word
      // and context rules ("the Leningrad region"); never alone
      if (keys.length > 1 && REGION_HEADS.has(keys[keys.length - 1])) add(byFirst, { entity: e, keys: keys.slice(0, -1), capital: capital.slice(0, -1), bare: Bare.NEVER });
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return { byFirst, firstWords: new WordMap(byFirst) };
}
