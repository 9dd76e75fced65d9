/**
 * Loads the built-in knowledge base from dist/kb.json (written by scripts/build-kb.js).
 *
 * `kbFromJson` is pure (data → KnowledgeBase, skipping malformed records); `loadBuiltinKb` adds the
 * file lookup and read. Neither throws: a missing or corrupt file gives an empty KnowledgeBase and
 * a `loadError` message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KnowledgeBase } from './knowledgeBase';
import { Entity, EntitySource, FormerName } from './types';

const BUILTIN: EntitySource = Object.freeze({ kind: 'builtin' }) as EntitySource;

export interface BuiltinKb {
  kb: KnowledgeBase;
  /** The file read, when one was found. */
  path?: string;
  /** Why the knowledge base is empty, when it is. */
  loadError?: string;
  /** Milliseconds spent reading, parsing and indexing. */
  loadMs: number;
}

/** Walks up from `startDir` to the first `dist/kb.json` (or `kb.json` inside a `dist` folder). */
export function findBuiltinKbPath(startDir: string = __dirname): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (path.basename(dir) === 'dist') {
      const inside = path.join(dir, 'kb.json');
      if (fs.existsSync(inside)) return inside;
    }
    const candidate = path.join(dir, 'dist', 'kb.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads, parses and indexes the built-in knowledge base. Never throws. */
export function loadBuiltinKbWithInfo(file?: string): BuiltinKb {
  const t0 = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const found = file ?? findBuiltinKbPath();
  if (!found) return { kb: new KnowledgeBase([]), loadError: 'dist/kb.json not found (run node scripts/build-kb.js)', loadMs: ms() };
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(found, 'utf8'));
  } catch (err) {
    return { kb: new KnowledgeBase([]), path: found, loadError: `cannot read ${found}: ${(err as Error).message}`, loadMs: ms() };
  }
  const kb = kbFromJson(data);
  const loadError = kb.count() === 0 ? `${found} holds no entities` : undefined;
  return { kb, path: found, loadError, loadMs: ms() };
}

/** The built-in knowledge base from `file` or the nearest dist/kb.json. Never throws (empty on error). */
export function loadBuiltinKb(file?: string): KnowledgeBase {
  return loadBuiltinKbWithInfo(file).kb;
}

/** Entities of a parsed kb.json; malformed records are skipped. */
export function entitiesFromJson(data: unknown): Entity[] {
  const out: Entity[] = [];
  if (!data || typeof data !== 'object') return out;
  const d = data as Record<string, unknown>;
  for (const key of ['countries', 'orgs']) {
    const list = d[key];
    if (!Array.isArray(list)) continue;
    for (const r of list) {
      const e = recordToEntity(r);
      if (e) out.push(e);
    }
  }
  if (Array.isArray(d.places)) {
    for (const row of d.places) {
      const e = placeRowToEntity(row);
      if (e) out.push(e);
    }
  }
  if (Array.isArray(d.regions)) {
    for (const row of d.regions) {
      const e = regionRowToEntity(row);
      if (e) out.push(e);
    }
  }
  return out;
}

/** KnowledgeBase of a parsed kb.json. */
export function kbFromJson(data: unknown): KnowledgeBase {
  return new KnowledgeBase(entitiesFromJson(data));
}

function recordToEntity(r: unknown): Entity | undefined {
  if (!r || typeof r !== 'object') return undefined;
  const o = r as Record<string, unknown>;
  if (typeof o.id !== 'string' || typeof o.type !== 'string' || typeof o.name !== 'string') return undefined;
  const e: Entity = {
    id: o.id,
    type: o.type,
    name: o.name,
    names: isObject(o.names) ? (o.names as Record<string, string[]>) : {},
    aliases: Array.isArray(o.aliases) ? (o.aliases as string[]) : [],
    facts: isObject(o.facts) ? (o.facts as Entity['facts']) : {},
    source: BUILTIN,
  };
  if (isObject(o.acronyms)) e.acronyms = o.acronyms as Record<string, string[]>;
  if (typeof o.officialName === 'string') e.officialName = o.officialName;
  if (typeof o.wikidata === 'string') e.wikidata = o.wikidata;
  if (Array.isArray(o.formerNames)) e.formerNames = o.formerNames as FormerName[];
  return e;
}

/** The names of a compact row: its English name, then the `names` of its extra, per language, without repeats. */
function namesOf(name: string, extra: unknown): Record<string, string[]> {
  const names: Record<string, string[]> = { en: [name] };
  if (isObject(extra)) {
    for (const [lang, list] of Object.entries(extra as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      const cur = names[lang] ?? (names[lang] = []);
      for (const n of list) if (typeof n === 'string' && !cur.includes(n)) cur.push(n);
    }
  }
  return names;
}

/** Row: [geonamesId, name, country, population, lat, lon, flags, extra?]; flags 1 capital, 2 seat of government, 4 admin seat. */
function placeRowToEntity(row: unknown): Entity | undefined {
  if (!Array.isArray(row) || row.length < 7) return undefined;
  const [gid, geoName, country, population, lat, lon, flags, extra] = row as [number, string, string, number, number, number, number, unknown];
  if (typeof gid !== 'number' || typeof geoName !== 'string' || typeof country !== 'string') return undefined;
  const x = isObject(extra) ? (extra as Record<string, unknown>) : undefined;
  const name = x && typeof x.name === 'string' ? x.name : geoName;
  const names = namesOf(name, x?.names);
  const aliases: string[] = x && Array.isArray(x.aliases) ? (x.aliases as string[]).slice() : [];
  const formerNames = x && Array.isArray(x.formerNames) ? (x.formerNames as FormerName[]) : undefined;
  // The GeoNames name, when superseded and not already recorded, stays findable.
  if (geoName !== name && !aliases.includes(geoName) && !(formerNames || []).some(f => f.name === geoName)) aliases.push(geoName);
  const f = typeof flags === 'number' ? flags : 0;
  const e: Entity = {
    id: 'G' + gid,
    type: 'place',
    name,
    names,
    aliases,
    facts: {
      country,
      population: typeof population === 'number' ? population : undefined,
      lat: typeof lat === 'number' ? lat : undefined,
      lon: typeof lon === 'number' ? lon : undefined,
      capital: (f & 1) !== 0,
      seatOfGovernment: (f & 2) !== 0,
      adminSeat: (f & 4) !== 0,
      geonamesId: gid,
    },
    source: BUILTIN,
  };
  if (x && typeof x.since === 'string') e.facts.nameSince = x.since;
  if (x && typeof x.wikidata === 'string') e.wikidata = x.wikidata;
  if (formerNames) e.formerNames = formerNames;
  return e;
}

/**
 * Row: [id, name, country, kind, extra?]: a first-level administrative region (id its ISO 3166-2
 * code, `US-GA`) or a continent or world region (id a slug, `europe`; country ''). Extra:
 * `{aliases?, names?}`. No population: the mention finder leaves these to the place recognizer.
 */
function regionRowToEntity(row: unknown): Entity | undefined {
  if (!Array.isArray(row) || row.length < 4) return undefined;
  const [id, name, country, kind, extra] = row as [string, string, string, string, unknown];
  if (typeof id !== 'string' || !id || typeof name !== 'string' || !name || typeof country !== 'string' || typeof kind !== 'string') return undefined;
  const x = isObject(extra) ? (extra as Record<string, unknown>) : undefined;
  const names = namesOf(name, x?.names);
  const aliases = x && Array.isArray(x.aliases) ? (x.aliases as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  const facts: Entity['facts'] = { kind };
  if (country) {
    facts.country = country;
    facts.iso3166_2 = id;
    facts.adminLevel = 1;
  }
  return { id, type: 'place', name, names, aliases, facts, source: BUILTIN };
}

function isObject(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
