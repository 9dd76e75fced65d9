/**
 * In-memory knowledge base with indexes by id, by name and for ranked search.
 *
 * A KnowledgeBase is a stack of layers: `withOverlay(entities)` returns a new KnowledgeBase whose top
 * layer holds the given entities; an entity in a higher layer hides the entity of the same type and
 * id below it. Building an overlay indexes only the overlay's entities, so the built-in layer is
 * shared and never rebuilt.
 *
 * Pure: no I/O. Never throws on bad input (unknown types, empty or odd strings, bad dates).
 */
import { Entity, EntityType, KbCounts, MatchKind, NameAtDate, SearchHit, SearchOptions } from './types';
import { acronymKey, editDistance, foldName, fuzzyBudget, padDate, queryAcronymKeys } from './normalize';
import { ownCopy } from '../lru';

/** How a name belongs to its entity, best first. */
const enum NameRank {
  Primary = 0,
  Current = 1,
  Former = 2,
}

interface NameEntry {
  key: string;
  raw: string;
  entity: Entity;
  rank: NameRank;
}

const TYPE_ORDER: Record<string, number> = { country: 0, org: 1, place: 2, person: 3 };
function typeRank(type: string): number {
  return TYPE_ORDER[type] ?? 4;
}

/** Intergovernmental bodies before agencies and forums, before NGOs, agencies and the press. */
const ORG_KIND_WEIGHT: Record<string, number> = {
  intergovernmental: 50, supranational: 50, alliance: 50, 'un-principal-organ': 50, 'specialized-agency': 50,
  court: 45, 'related-organization': 45, institution: 20, agency: 20, 'parliamentary-assembly': 20,
  'development-bank': 20, 'central-bank': 20, 'financial-institution': 20, 'regional-commission': 20,
  'un-programme': 20, 'treaty-regime': 15, forum: 15, 'standards-body': 10, 'sports-body': 10,
};

/** Larger = more prominent; used only to break ties. */
function importance(e: Entity): number {
  const f = e.facts || {};
  if (e.type === 'place') return (f.capital ? 1e10 : 0) + (typeof f.population === 'number' ? f.population : 0);
  if (e.type === 'country') return f.unMember ? 2 : f.independent ? 1 : 0;
  if (e.type === 'org') {
    const kind = typeof f.kind === 'string' ? f.kind : '';
    return (Array.isArray(f.members) ? f.members.length : 0) + (ORG_KIND_WEIGHT[kind] ?? 0) + (f.dissolved ? -1000 : 0);
  }
  return 0;
}

function entityKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

function currentNames(e: Entity): Array<[string, NameRank]> {
  const out: Array<[string, NameRank]> = [];
  if (typeof e.name === 'string' && e.name) out.push([e.name, NameRank.Primary]);
  for (const list of Object.values(e.names || {})) {
    if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') out.push([n, NameRank.Current]);
  }
  if (Array.isArray(e.aliases)) for (const n of e.aliases) if (typeof n === 'string') out.push([n, NameRank.Current]);
  for (const list of Object.values(e.acronyms || {})) {
    if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') out.push([n, NameRank.Current]);
  }
  if (typeof e.officialName === 'string') out.push([e.officialName, NameRank.Current]);
  if (Array.isArray(e.formerNames)) {
    for (const f of e.formerNames) {
      if (f && typeof f.name === 'string') out.push([f.name, NameRank.Former]);
      if (f && typeof f.acronym === 'string') out.push([f.acronym, NameRank.Former]);
    }
  }
  return out;
}

/** One layer's indexes. */
class Layer {
  readonly entities: Entity[] = [];
  readonly byKey = new Map<string, Entity>();
  readonly byId = new Map<string, Entity[]>();
  readonly byIdUpper = new Map<string, Entity[]>();
  readonly byType = new Map<string, Entity[]>();
  readonly folded = new Map<string, NameEntry[]>();
  readonly acronyms = new Map<string, NameEntry[]>();
  /** Distinct (key, entity) pairs for search scans. */
  readonly entries: NameEntry[] = [];
  /** Upper-case ids, for the case-insensitive id matches of a search scan. */
  readonly idUpper = new Map<Entity, string>();

  constructor(entities: readonly Entity[]) {
    for (const e of entities) {
      if (!e || typeof e.id !== 'string' || typeof e.type !== 'string') continue;
      const k = entityKey(e.type, e.id);
      const old = this.byKey.get(k);
      if (old) {
        // Later duplicates win within a layer.
        const i = this.entities.indexOf(old);
        if (i >= 0) this.entities.splice(i, 1);
      }
      this.byKey.set(k, e);
      this.entities.push(e);
    }
    for (const e of this.entities) {
      push(this.byId, e.id, e);
      push(this.byIdUpper, e.id.toUpperCase(), e);
      this.idUpper.set(e, e.id.toUpperCase());
      push(this.byType, e.type, e);
      const seenFolded = new Map<string, NameEntry>();
      const seenAcr = new Set<string>();
      for (const [raw, rank] of currentNames(e)) {
        const acr = acronymKey(raw);
        if (acr !== undefined) {
          if (!seenAcr.has(acr)) {
            seenAcr.add(acr);
            push(this.acronyms, acr, { key: acr, raw, entity: e, rank });
          }
        }
        const key = foldName(raw);
        if (!key) continue;
        const prev = seenFolded.get(key);
        if (prev) {
          if (rank < prev.rank) prev.rank = rank;
          continue;
        }
        const entry: NameEntry = { key, raw, entity: e, rank };
        seenFolded.set(key, entry);
        this.entries.push(entry);
        // All-caps short forms are looked up by exact case only (see normalize.ts).
        if (acr === undefined) push(this.folded, key, entry);
      }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface NameMatch {
  entity: Entity;
  /** The stored name that matched. */
  matched: string;
  /** True when the match is a former name. */
  former: boolean;
}

/** Names looked up, remembered per knowledge base (KnowledgeBase.nameEntries). */
const NAME_MEMO_SIZE = 20_000;
const NO_ENTRIES: readonly NameEntry[] = [];

export class KnowledgeBase {
  private readonly layers: readonly Layer[];

  constructor(entities: readonly Entity[] = [], below?: KnowledgeBase) {
    this.layers = [new Layer(entities), ...(below ? below.layers : [])];
  }

  /** A new KnowledgeBase with `entities` on top (they add to or override same type+id entities). */
  withOverlay(entities: readonly Entity[]): KnowledgeBase {
    return new KnowledgeBase(entities, this);
  }

  /** Entities of lower layers hidden by a same type+id entity in a higher layer; found once. */
  private hiddenSet: Set<Entity> | undefined;

  /** True when `e` is visible (not hidden by a same type+id entity in a higher layer). */
  private visible(e: Entity, layerIndex: number): boolean {
    if (layerIndex === 0) return true;
    if (!this.hiddenSet) {
      const hidden = new Set<Entity>();
      this.layers.forEach((layer, li) => {
        for (const x of layer.entities) {
          const k = entityKey(x.type, x.id);
          for (let i = 0; i < li; i++) {
            if (this.layers[i].byKey.has(k)) {
              hidden.add(x);
              break;
            }
          }
        }
      });
      this.hiddenSet = hidden;
    }
    return !this.hiddenSet.has(e);
  }

  /** The entity of this type with this id (exact case; `ignoreCase` falls back to a unique case-insensitive match). */
  get(type: EntityType, id: string, options?: { ignoreCase?: boolean }): Entity | undefined {
    if (typeof type !== 'string' || typeof id !== 'string') return undefined;
    const k = entityKey(type, id);
    for (const layer of this.layers) {
      const e = layer.byKey.get(k);
      if (e) return e;
    }
    if (options?.ignoreCase) {
      const found = this.byIdIgnoreCase(id).filter(e => e.type === type);
      if (found.length === 1) return found[0];
    }
    return undefined;
  }

  /** All entities with this id, any type (an id such as `AU` is both a country and an org). */
  byId(id: string): Entity[] {
    if (typeof id !== 'string') return [];
    const out: Entity[] = [];
    this.layers.forEach((layer, i) => {
      for (const e of layer.byId.get(id) || []) if (this.visible(e, i)) out.push(e);
    });
    return sortEntities(out);
  }

  private byIdIgnoreCase(id: string): Entity[] {
    const out: Entity[] = [];
    this.layers.forEach((layer, i) => {
      for (const e of layer.byIdUpper.get(id.toUpperCase()) || []) if (this.visible(e, i)) out.push(e);
    });
    return out;
  }

  /** Every visible entity, optionally of one type. */
  all(type?: EntityType): Entity[] {
    const out: Entity[] = [];
    this.layers.forEach((layer, i) => {
      const list = type === undefined ? layer.entities : layer.byType.get(type) || [];
      for (const e of list) if (this.visible(e, i)) out.push(e);
    });
    return out;
  }

  /** The types present, sorted (built-in types first). */
  types(): string[] {
    const set = new Set<string>();
    for (const layer of this.layers) for (const t of layer.byType.keys()) set.add(t);
    return [...set].sort((a, b) => typeRank(a) - typeRank(b) || a.localeCompare(b));
  }

  /**
   * Entities bearing this name: current names, aliases, acronyms and former names. Case-insensitive
   * and diacritics-folded for names; exact case for short all-caps acronyms (`US`, `U.S.` → US, but
   * `us` → nothing); an all-caps query that is no known acronym falls back to the folded names
   * (`IRAN` → Iran). Best first: current names before former ones, then countries, orgs, places,
   * then prominence (capitals, population).
   */
  lookupName(name: string, options?: { type?: EntityType }): Entity[] {
    const list = this.nameEntries(name, options);
    const out = new Array<Entity>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = list[i].entity;
    return out;
  }

  /** Like lookupName, with the stored name that matched and whether it is a former name. */
  lookupNameMatches(name: string, options?: { type?: EntityType }): NameMatch[] {
    return this.nameEntries(name, options).map(e => ({ entity: e.entity, matched: e.raw, former: e.rank === NameRank.Former }));
  }

  /**
   * The best entry of each entity bearing this name, best first (lookupName), remembered. The
   * recognizers ask for the same names keystroke after keystroke in a long paragraph, most of
   * them unknown: the map, sort and copies of each look-up were 4 MB of garbage per keystroke in
   * 499 KB (issue 12, item 3). Callers must not change the list.
   */
  private nameEntries(name: string, options?: { type?: EntityType }): readonly NameEntry[] {
    if (typeof name !== 'string') return [];
    const type = options?.type;
    let memo = type === undefined ? this.anyTypeNames : this.namesOfType.get(type);
    const known = memo?.get(name);
    if (known) return known;
    const list = this.findNameEntries(name, type);
    if (this.namesRemembered >= NAME_MEMO_SIZE) {
      this.anyTypeNames.clear();
      this.namesOfType.clear();
      this.namesRemembered = 0;
      memo = undefined;
    }
    if (!memo) {
      if (type === undefined) memo = this.anyTypeNames;
      else this.namesOfType.set(type, (memo = new Map()));
    }
    // an own copy of the name: one cut from a paragraph would keep the paragraph alive
    memo.set(ownCopy(name), list);
    this.namesRemembered++;
    return list;
  }

  /**
   * The entries of the names asked last (for any type, and per type), at most NAME_MEMO_SIZE in
   * all (then forgotten at once): the same names are asked again and again, keystroke after
   * keystroke in a paragraph. A knowledge base never changes (an overlay is a new one).
   */
  private readonly anyTypeNames = new Map<string, readonly NameEntry[]>();
  private readonly namesOfType = new Map<string, Map<string, readonly NameEntry[]>>();
  private namesRemembered = 0;

  private findNameEntries(name: string, type: EntityType | undefined): readonly NameEntry[] {
    const options = type === undefined ? undefined : { type };
    let found: Map<string, NameEntry> | undefined;
    const consider = (entry: NameEntry, layer: number) => {
      if (options?.type !== undefined && entry.entity.type !== options.type) return;
      if (!this.visible(entry.entity, layer)) return;
      const k = entityKey(entry.entity.type, entry.entity.id);
      found ??= new Map();
      const prev = found.get(k);
      if (!prev || entry.rank < prev.rank) found.set(k, entry);
    };
    const acrKeys = queryAcronymKeys(name);
    for (let i = 0; i < this.layers.length; i++) {
      const layer = this.layers[i];
      for (const ak of acrKeys) {
        const entries = layer.acronyms.get(ak);
        if (entries) for (const entry of entries) consider(entry, i);
      }
    }
    const exactAcronym = acronymKey(name) !== undefined;
    if (!found || !exactAcronym) {
      const key = foldName(name);
      if (key) {
        for (let i = 0; i < this.layers.length; i++) {
          const entries = this.layers[i].folded.get(key);
          if (entries) for (const entry of entries) consider(entry, i);
        }
      }
    }
    if (!found) return NO_ENTRIES;
    const list = [...found.values()];
    if (list.length > 1) list.sort((a, b) => a.rank - b.rank || compareEntities(a.entity, b.entity));
    return list;
  }

  /**
   * Ranked search over ids and names: exact id, exact name, id prefix, name prefix, word prefix,
   * substring, then fuzzy (edit distance). An empty query lists entities by prominence.
   */
  search(query: string, options?: SearchOptions): SearchHit[] {
    const limit = options?.limit !== undefined && options.limit >= 0 ? Math.floor(options.limit) : 20;
    const type = options?.type;
    if (typeof query !== 'string' || limit === 0) return [];
    const q = query.trim();
    if (!q) {
      return this.byProminence(type).slice(0, limit).map(entity => ({ entity, match: 'name-prefix' as MatchKind, matched: entity.name, score: 0 }));
    }
    const fq = foldName(q);
    const qUpper = q.toUpperCase();
    const budget = fuzzyBudget(fq.length);
    // by entity object: an entity is one object in its layer, and hidden ones are never offered
    const best = new Map<Entity, SearchHit>();
    const offer = (entity: Entity, match: MatchKind, matched: string, score: number) => {
      const prev = best.get(entity);
      if (!prev || score > prev.score) best.set(entity, { entity, match, matched, score });
    };
    // A substring of one or two letters is in most names: noise, and a scan that offers everything.
    const substrings = fq.length >= 3;
    this.layers.forEach((layer, li) => {
      const entities = type === undefined ? layer.entities : layer.byType.get(type) || [];
      for (const e of entities) {
        if (!this.visible(e, li)) continue;
        if (e.id === q) offer(e, 'id', e.id, 1000);
        else {
          const idUpper = layer.idUpper.get(e) ?? e.id.toUpperCase();
          if (idUpper === qUpper) offer(e, 'id', e.id, 950);
          // An id prefix as typed outranks name prefixes; a case-insensitive one ranks just below them.
          else if (e.id.startsWith(q)) offer(e, 'id-prefix', e.id, 800);
          else if (idUpper.startsWith(qUpper)) offer(e, 'id-prefix', e.id, 650);
        }
      }
      if (!fq) return;
      for (const entry of layer.entries) {
        const e = entry.entity;
        if (type !== undefined && e.type !== type) continue;
        const key = entry.key;
        const rankPenalty = entry.rank * 5;
        let score = -1;
        let match: MatchKind = 'fuzzy';
        if (key === fq) { score = 900; match = 'name'; }
        else if (key.startsWith(fq)) { score = 700; match = 'name-prefix'; }
        else {
          const at = key.indexOf(fq);
          if (at > 0 && key.charCodeAt(at - 1) === 32) { score = 600; match = 'word-prefix'; }
          else if (at > 0 && substrings) { score = 500; match = 'substring'; }
          // Misspellings keep their first letter (the cheap filter keeps the scan fast).
          else if (budget > 0 && key.charCodeAt(0) === fq.charCodeAt(0) && Math.abs(key.length - fq.length) <= budget) {
            const d = editDistance(key, fq, budget);
            if (d <= budget) { score = 400 - 50 * d; match = 'fuzzy'; }
          }
        }
        if (score < 0) continue;
        if (!this.visible(e, li)) continue;
        offer(e, match, entry.raw, score - rankPenalty);
      }
    });
    const hits = [...best.values()];
    hits.sort((a, b) => b.score - a.score || compareEntities(a.entity, b.entity));
    return hits.slice(0, limit);
  }

  /**
   * Did-you-mean for an unknown id of a type: the `n` entities whose id or names are closest to it
   * (edit distance, case-insensitive), best first. Empty when nothing is reasonably close.
   */
  suggest(type: EntityType | undefined, id: string, n = 3): Entity[] {
    if (typeof id !== 'string' || !id.trim() || !(n > 0)) return [];
    const qId = id.trim().toUpperCase();
    const qName = foldName(id);
    const maxId = Math.max(2, Math.floor(qId.length / 3));
    const maxName = Math.max(1, fuzzyBudget(qName.length));
    const scored = new Map<string, { e: Entity; d: number; viaId: boolean }>();
    const offer = (e: Entity, d: number, viaId: boolean) => {
      const k = entityKey(e.type, e.id);
      const prev = scored.get(k);
      if (!prev || d < prev.d || (d === prev.d && viaId && !prev.viaId)) scored.set(k, { e, d, viaId });
    };
    this.layers.forEach((layer, li) => {
      const entities = type === undefined ? layer.entities : layer.byType.get(type) || [];
      for (const e of entities) {
        if (!this.visible(e, li)) continue;
        const eid = e.id.toUpperCase();
        if (eid === qId && e.id === id) continue;
        // Other codes of the entity count as ids (a country's alpha-3 code: KAZ -> KZ).
        const alpha3 = typeof e.facts?.alpha3 === 'string' ? e.facts.alpha3 : undefined;
        if (alpha3 === qId) { offer(e, 0, true); continue; }
        const d = editDistance(eid, qId, maxId);
        if (d <= maxId) offer(e, d, true);
        else if (eid.startsWith(qId) || qId.startsWith(eid)) offer(e, maxId, true);
      }
      if (!qName) return;
      for (const entry of layer.entries) {
        if (type !== undefined && entry.entity.type !== type) continue;
        if (Math.abs(entry.key.length - qName.length) > maxName) continue;
        const d = editDistance(entry.key, qName, maxName);
        if (d <= maxName && this.visible(entry.entity, li)) offer(entry.entity, d, false);
      }
    });
    const list = [...scored.values()];
    list.sort((a, b) => a.d - b.d || Number(b.viaId) - Number(a.viaId) || compareEntities(a.e, b.e));
    return list.slice(0, Math.floor(n)).map(x => x.e);
  }

  /**
   * The name of the entity valid at `isoDate` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), from its former
   * names (`from` inclusive, `to` exclusive) and its current name (valid from `facts.nameSince` when
   * known). When several records cover the date, the one that began last wins. Undefined for a bad
   * date. When no record covers the date, the current name with `known: false`.
   */
  nameValidAt(entity: Entity, isoDate: string, lang?: string): NameAtDate | undefined {
    const date = padDate(isoDate);
    if (!date || !entity || typeof entity.name !== 'string') return undefined;
    const wantLang = lang && lang !== 'en' ? lang : undefined;
    let best: NameAtDate | undefined;
    let bestFrom = '';
    let lastEnd: string | undefined;
    for (const f of entity.formerNames || []) {
      if (!f || typeof f.name !== 'string') continue;
      const fLang = f.lang && f.lang !== 'en' ? f.lang : undefined;
      if (fLang !== wantLang) continue;
      const from = f.from !== undefined ? padDate(f.from) : '0000-01-01';
      const to = f.to !== undefined ? padDate(f.to) : '9999-12-31';
      if (!from || !to) continue;
      if (f.to !== undefined && (!lastEnd || to > lastEnd)) lastEnd = to;
      if (date >= from && date < to && (!best || from > bestFrom)) {
        best = { name: f.name, current: false, known: true, from: f.from, to: f.to, lang: f.lang };
        bestFrom = from;
      }
    }
    const current = wantLang ? (entity.names?.[wantLang]?.[0] ?? entity.name) : entity.name;
    const facts = entity.facts || {};
    const since = typeof facts.nameSince === 'string' ? padDate(facts.nameSince) : undefined;
    const founded = typeof facts.founded === 'string' ? padDate(facts.founded) : undefined;
    const currentFrom = since ?? lastEnd ?? founded;
    const sinceText = typeof facts.nameSince === 'string' ? facts.nameSince : undefined;
    if (best) {
      if (currentFrom && currentFrom > bestFrom && date >= currentFrom) {
        return { name: current, current: true, known: true, from: sinceText, lang: wantLang };
      }
      return best;
    }
    const known = !currentFrom || date >= currentFrom;
    return { name: current, current: true, known, from: sinceText, lang: wantLang };
  }

  /** Counts of visible entities by type, by source kind, and both. */
  counts(): KbCounts {
    const out: KbCounts = { total: 0, byType: {}, bySource: {}, byTypeAndSource: {} };
    for (const e of this.all()) {
      const src = e.source?.kind ?? 'unknown';
      out.total++;
      out.byType[e.type] = (out.byType[e.type] ?? 0) + 1;
      out.bySource[src] = (out.bySource[src] ?? 0) + 1;
      const t = (out.byTypeAndSource[e.type] ??= {});
      t[src] = (t[src] ?? 0) + 1;
    }
    return out;
  }

  private readonly prominenceCache = new Map<string, Entity[]>();

  /** Visible entities of a type (or all), most prominent first; computed once per knowledge base. */
  private byProminence(type?: EntityType): Entity[] {
    const key = type ?? '\u0000all';
    let list = this.prominenceCache.get(key);
    if (!list) {
      list = sortEntities(this.all(type));
      this.prominenceCache.set(key, list);
    }
    return list;
  }

  private readonly countCache = new Map<string, number>();

  /** Number of visible entities, optionally of one type (computed once per knowledge base and type). */
  count(type?: EntityType): number {
    const key = type ?? '\u0000all';
    let n = this.countCache.get(key);
    if (n === undefined) this.countCache.set(key, (n = this.all(type).length));
    return n;
  }
}

function compareEntities(a: Entity, b: Entity): number {
  return typeRank(a.type) - typeRank(b.type) || importance(b) - importance(a) || a.name.length - b.name.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function sortEntities(list: Entity[]): Entity[] {
  return list.sort(compareEntities);
}
