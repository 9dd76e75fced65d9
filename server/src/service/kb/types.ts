/**
 * Knowledge-base entity model. Pure data: no I/O, no transport.
 *
 * Built-in entities come from dist/kb.json (scripts/build-kb.js); a workspace layer may add or
 * override entities through KnowledgeBase.withOverlay().
 */

/** The built-in types plus any schema-defined type name. */
export type EntityType = 'country' | 'org' | 'place' | 'person' | (string & {});

export interface Position {
  line: number;
  character: number;
}

/** Structurally compatible with an LSP Range. */
export interface Range {
  start: Position;
  end: Position;
}

export type EntitySource = { kind: 'builtin' } | { kind: 'workspace'; uri: string; range?: Range };

/**
 * A name the entity bore in a period. Dates are ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`;
 * `from` is inclusive, `to` is exclusive (the day the next name took effect). Either may be absent.
 * A partial date stands for the first day of its period (`1992` = 1992-01-01).
 */
export interface FormerName {
  name: string;
  from?: string;
  to?: string;
  /** Language of the name when it is not the English one (e.g. `ru`). */
  lang?: string;
  acronym?: string;
  note?: string;
}

export interface CountryFacts {
  alpha3?: string;
  numeric?: string;
  /** Capital names as given by world-countries. */
  capitals?: string[];
  /** Place id of the capital, e.g. `G1526273`. */
  capitalPlace?: string;
  region?: string;
  subregion?: string;
  demonym?: { en?: string; fr?: string };
  unMember?: boolean;
  independent?: boolean;
  flag?: string;
  lat?: number;
  lon?: number;
}

export interface OrgFacts {
  /** intergovernmental, parliamentary-assembly, development-bank, specialized-agency, news-agency, ... */
  kind?: string;
  founded?: string;
  dissolved?: string;
  /** Country id (ISO alpha-2) of the headquarters. */
  hq?: string;
  /** Org id of the parent organization. */
  parent?: string;
  predecessor?: string;
  successor?: string;
  /** Country ids of the member states (only for the major organizations). */
  members?: string[];
  /** Org ids of organizations that are members (e.g. EU and AU in the G20). */
  memberOrgs?: string[];
  website?: string;
  note?: string;
}

export interface PlaceFacts {
  /** Country id (ISO alpha-2). */
  country?: string;
  population?: number;
  lat?: number;
  lon?: number;
  /** National capital. */
  capital?: boolean;
  /** Seat of government that is not the capital (The Hague, La Paz, ...). */
  seatOfGovernment?: boolean;
  /** First-order administrative seat (regional capital). */
  adminSeat?: boolean;
  geonamesId?: number;
  /** Date the current name took effect, when known. */
  nameSince?: string;
  /** Regions: what the country calls it (`state`, `province`, `region`, `oblast`, ...); `continent`, `region` for world regions. */
  kind?: string;
  /** First-level administrative regions: the ISO 3166-2 code (also the id), and 1. */
  iso3166_2?: string;
  adminLevel?: number;
}

export type Facts = CountryFacts & OrgFacts & PlaceFacts & { [key: string]: unknown };

export interface Entity {
  /** Country: ISO alpha-2 (`KZ`, `XK`); org: short id (`OSCE-PA`); place: `G` + GeoNames id, a region's ISO 3166-2 code (`US-GA`), a world region's slug (`europe`). */
  id: string;
  type: EntityType;
  /** Preferred display name (English). */
  name: string;
  /** Names per language (`en`, `ru`, `kk`, `fr`, ...); the first of each list is preferred. */
  names: Record<string, string[]>;
  /** Other names, spellings and short forms, any language. */
  aliases: string[];
  /** Acronyms per language (`{en: ['OSCE'], ru: ['ОБСЕ']}`). */
  acronyms?: Record<string, string[]>;
  officialName?: string;
  /** Wikidata QID (`Q1065`). */
  wikidata?: string;
  formerNames?: FormerName[];
  facts: Facts;
  source: EntitySource;
}

/** Answer of KnowledgeBase.nameValidAt. */
export interface NameAtDate {
  name: string;
  /** True when the answer is the entity's current name. */
  current: boolean;
  /** False when no record covers the date and the current name is returned as a fallback. */
  known: boolean;
  from?: string;
  to?: string;
  lang?: string;
}

/** How a search hit matched, best first. */
export type MatchKind = 'id' | 'name' | 'id-prefix' | 'name-prefix' | 'word-prefix' | 'substring' | 'fuzzy';

export interface SearchHit {
  entity: Entity;
  match: MatchKind;
  /** The id or name that matched. */
  matched: string;
  score: number;
}

export interface SearchOptions {
  type?: EntityType;
  limit?: number;
}

export interface KbCounts {
  total: number;
  byType: Record<string, number>;
  bySource: Record<string, number>;
  /** `type` -> `source kind` -> count. */
  byTypeAndSource: Record<string, Record<string, number>>;
}
