/** `pressmark kb`: search the knowledge base and count its entities. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import { KnowledgeBase } from '../service/kb/knowledgeBase';
import type { Entity, FormerName, SearchHit } from '../service/kb/types';
import { collectFiles, FORMAT_OPTIONS, outputFormat, readDocument, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import { InputError } from '../node/batch';
import { ProjectConfigs } from '../node/projectConfig';
import { WorkspaceKnowledgeBase } from '../node/workspaceKb';

export const KB_HELP = `Usage: pressmark kb <command> [options]

Looks into the knowledge base: the built-in countries, organizations and places.

Commands:
  search <query> [--type T] [--limit N] [--format text|json]
                              find entities by id, name, alias or former name
  stats [--format text|json]  count the entities by type and by source

Run pressmark kb <command> --help for the details of a command.
`;

export const KB_SEARCH_HELP = `Usage: pressmark kb search <query> [--type T] [--limit N] [--format text|json] [--kb FILE]...

Finds entities whose id, name, alias, acronym or former name matches <query> (several words
are one query). Best matches first: exact id, exact name, id prefix, name prefix, word prefix,
substring, then near misses (spelling mistakes). Case and diacritics do not matter for names.

  --type T      only entities of type T (country, org, place, person, ...)
  --limit N     at most N hits (default 20)
  --kb FILE     also a workspace knowledge-base file or folder of *.kb.yaml (repeatable;
                --kb - reads one from standard input, named by --stdin-filename NAME)
  --format text one line per hit (the default)
  --format json an array of {type, id, name, match, matched, score, wikidata?, formerNames?,
                facts, source}; facts holds the main facts of the type (codes, capital and
                region of a country; kind, dates and seat of an org; country, population and
                coordinates of a place); --json: the same, deprecated

Text output: one line per hit, the columns aligned:
  type  id  name  (details; formerly name from–to, ...)
A former name's dates are ISO dates; "from" is the day the name took effect, "to" the day the
next one did.

Exit code (as grep): 0 when something was found, 1 when nothing was, 2 on bad usage or when
the built-in knowledge base is missing.
`;

export const KB_STATS_HELP = `Usage: pressmark kb stats [--format text|json] [--kb FILE]...

Counts the entities of the knowledge base by type and by source (builtin, workspace).

  --format text  a table (the default)
  --format json  {total, byType: {country, org, place, ...}, bySource: {builtin, workspace},
                 byTypeAndSource: {country: {builtin, workspace}, ...}} (--json: the same, deprecated)
  --kb FILE      also a workspace knowledge-base file or folder of *.kb.yaml (repeatable;
                 --kb - reads one from standard input, named by --stdin-filename NAME)

Exit code: 0, or 2 on bad usage or when the built-in knowledge base is missing.
`;

/** Types that always exist, even without entities (a search among them finds nothing, exit 1). */
const BUILTIN_TYPES = ['country', 'org', 'place', 'person'];
const SOURCES = ['builtin', 'workspace'];
const DEFAULT_LIMIT = 20;

/**
 * The knowledge base the kb commands look into: the built-in one, with the entities of the given
 * knowledge-base files on top. Reading `.kb.yaml` files is not available yet, so `files` must be
 * empty. Throws UsageError when the built-in knowledge base is missing.
 */
/** The built-in knowledge base with the given workspace files (`*.kb.yaml`) laid over it. */
export function loadKnowledgeBase(files: readonly string[]): KnowledgeBase {
  const builtin = loadBuiltinKbWithInfo();
  if (builtin.loadError) throw new UsageError(`the built-in knowledge base is missing: ${builtin.loadError}`);
  if (files.length === 0) return builtin.kb;
  const configs = new ProjectConfigs();
  const workspace = new WorkspaceKnowledgeBase(builtin.kb, (f) => configs.forFile(f).config);
  for (const input of collectFiles(files, ['.kb.yaml']).inputs) {
    if (input.unreadable) throw new InputError(input.unreadable, 'unreadable');
    readDocument(input.file); // a clear error (exit code 2) for an unreadable file
    workspace.read(path.resolve(input.file));
  }
  return workspace.knowledgeBase();
}

export function runKb(argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  switch (sub) {
    case undefined:
      io.out(KB_HELP);
      return 2;
    case 'help':
    case '--help':
    case '-h':
      io.out(KB_HELP);
      return 0;
    case 'search':
      return runSearch(rest, io);
    case 'stats':
      return runStats(rest, io);
    default:
      throw new UsageError(`unknown kb command ${JSON.stringify(sub)} (see pressmark kb --help)`);
  }
}

// ------------------------------------------------------------------ search

function runSearch(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      type: { type: 'string' },
      limit: { type: 'string' },
      ...FORMAT_OPTIONS,
      ...STDIN_OPTION,
      kb: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(KB_SEARCH_HELP);
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('kb search needs a query (see pressmark kb search --help)');
  let limit = DEFAULT_LIMIT;
  if (values.limit !== undefined) {
    if (!/^[1-9][0-9]*$/.test(values.limit)) throw new UsageError(`--limit must be a positive whole number, not ${JSON.stringify(values.limit)}`);
    limit = Number(values.limit);
  }
  const format = outputFormat(values, ['text', 'json'] as const);
  const kb = loadKnowledgeBase(withStdin(values.kb ?? [], values['stdin-filename']));
  const type = values.type;
  if (type !== undefined) {
    const known = [...new Set([...BUILTIN_TYPES, ...kb.types()])];
    if (!known.includes(type)) throw new UsageError(`unknown type ${JSON.stringify(type)} (known: ${known.join(', ')})`);
  }
  const hits = kb.search(query, { type, limit });
  if (format === 'json') {
    io.out(JSON.stringify(hits.map(hitToJson), null, 2) + '\n');
  } else if (hits.length === 0) {
    io.err(`no match for ${JSON.stringify(query)}${type ? ` among ${type} entities` : ''}\n`);
  } else {
    io.out(formatHits(hits, kb));
  }
  return hits.length > 0 ? 0 : 1;
}

interface HitJson {
  type: string;
  id: string;
  name: string;
  match: string;
  matched: string;
  score: number;
  wikidata?: string;
  formerNames?: FormerName[];
  facts: Record<string, unknown>;
  source: string;
  uri?: string;
}

/** The facts worth showing per type (the rest stays in dist/kb.json). */
const FACT_KEYS: Record<string, readonly string[]> = {
  country: ['alpha3', 'numeric', 'capitals', 'capitalPlace', 'region', 'subregion', 'unMember', 'independent'],
  org: ['kind', 'founded', 'dissolved', 'hq', 'parent', 'predecessor', 'successor', 'website'],
  place: ['country', 'population', 'lat', 'lon', 'capital', 'seatOfGovernment', 'adminSeat', 'geonamesId', 'nameSince'],
};

function factsSubset(e: Entity): Record<string, unknown> {
  const facts = (e.facts || {}) as Record<string, unknown>;
  const keys = FACT_KEYS[e.type];
  const out: Record<string, unknown> = {};
  if (!keys) {
    // Schema-defined types: every plain fact.
    for (const [k, v] of Object.entries(facts)) if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) out[k] = v;
    return out;
  }
  for (const k of keys) if (facts[k] !== undefined) out[k] = facts[k];
  if (e.type === 'org' && Array.isArray(facts.members)) out.memberCount = facts.members.length;
  return out;
}

function hitToJson(h: SearchHit): HitJson {
  const e = h.entity;
  return {
    type: e.type,
    id: e.id,
    name: e.name,
    match: h.match,
    matched: h.matched,
    score: h.score,
    ...(e.wikidata ? { wikidata: e.wikidata } : {}),
    ...(e.formerNames && e.formerNames.length ? { formerNames: e.formerNames } : {}),
    facts: factsSubset(e),
    source: e.source?.kind ?? 'unknown',
    ...(e.source?.kind === 'workspace' ? { uri: e.source.uri } : {}),
  };
}

/** Former names in the default language, other than the current name, most recent first. */
function formerForDisplay(e: Entity): FormerName[] {
  const list = (e.formerNames || []).filter((f) => f && typeof f.name === 'string' && !f.lang && f.name !== e.name);
  const end = (f: FormerName) => f.to ?? f.from ?? '';
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (end(a.f) < end(b.f) ? 1 : end(a.f) > end(b.f) ? -1 : a.i - b.i))
    .map((x) => x.f);
}

function formatFormer(f: FormerName): string {
  const dates = f.from || f.to ? ` ${f.from ?? ''}–${f.to ?? ''}` : '';
  return f.name + dates;
}

const MAX_FORMER = 2;

function details(h: SearchHit, kb: KnowledgeBase): string {
  const e = h.entity;
  const f = (e.facts || {}) as Record<string, unknown>;
  const parts: string[] = [];
  const countryName = (id: unknown) => (typeof id === 'string' ? (kb.get('country', id)?.name ?? id) : undefined);
  if (e.type === 'country') {
    const where = typeof f.subregion === 'string' ? f.subregion : typeof f.region === 'string' ? f.region : undefined;
    if (where) parts.push(where);
    if (Array.isArray(f.capitals) && f.capitals.length) parts.push(`capital ${f.capitals.join(', ')}`);
  } else if (e.type === 'org') {
    const acronym = e.acronyms?.en?.[0];
    if (acronym && acronym !== e.name && acronym !== e.id) parts.push(acronym);
    if (typeof f.kind === 'string') parts.push(f.kind);
    if (typeof f.founded === 'string') parts.push(typeof f.dissolved === 'string' ? `${f.founded}–${f.dissolved}` : `since ${f.founded}`);
    else if (typeof f.dissolved === 'string') parts.push(`dissolved ${f.dissolved}`);
    const hq = countryName(f.hq);
    if (hq) parts.push(`seat ${hq}`);
  } else if (e.type === 'place') {
    const first: string[] = [];
    const c = countryName(f.country);
    if (c) first.push(c);
    if (f.capital) first.push('capital');
    else if (f.seatOfGovernment) first.push('seat of government');
    if (typeof f.population === 'number' && f.population > 0) first.push(`pop. ${formatPopulation(f.population)}`);
    if (first.length) parts.push(first.join(', '));
  }
  const former = formerForDisplay(e);
  const shown = former.slice(0, MAX_FORMER);
  const matchedFormer = former.find((x) => x.name === h.matched);
  if (matchedFormer && !shown.includes(matchedFormer)) shown.push(matchedFormer);
  if (shown.length) parts.push(`formerly ${shown.map(formatFormer).join(', ')}${former.length > shown.length ? ', …' : ''}`);
  const viaName = h.match !== 'id' && h.match !== 'id-prefix' && h.matched !== e.name && !matchedFormer;
  if (viaName) parts.unshift(`matched “${h.matched}”`);
  if (e.source?.kind === 'workspace') parts.push(`from ${displayUri(e.source.uri)}`);
  return parts.length ? `(${parts.join('; ')})` : '';
}

function formatPopulation(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)}k`;
  return String(n);
}

function displayUri(uri: string): string {
  const file = uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)) : uri;
  return path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file;
}

/** Longest name that still widens the name column (longer names just push their details right). */
const MAX_NAME_COLUMN = 40;

function formatHits(hits: readonly SearchHit[], kb: KnowledgeBase): string {
  const width = (get: (h: SearchHit) => string, cap = Infinity) => Math.min(cap, Math.max(...hits.map((h) => [...get(h)].length)));
  const wType = width((h) => h.entity.type);
  const wId = width((h) => h.entity.id);
  const wName = width((h) => h.entity.name, MAX_NAME_COLUMN);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));
  return hits
    .map((h) => {
      const d = details(h, kb);
      const line = `${pad(h.entity.type, wType)}  ${pad(h.entity.id, wId)}  ${d ? pad(h.entity.name, wName) + '  ' + d : h.entity.name}`;
      return line.trimEnd() + '\n';
    })
    .join('');
}

// ------------------------------------------------------------------ stats

interface StatsJson {
  total: number;
  byType: Record<string, number>;
  bySource: Record<string, number>;
  byTypeAndSource: Record<string, Record<string, number>>;
}

function runStats(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...FORMAT_OPTIONS, ...STDIN_OPTION, kb: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(KB_STATS_HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`kb stats takes no arguments (got ${JSON.stringify(positionals.join(' '))})`);
  const format = outputFormat(values, ['text', 'json'] as const);
  const kb = loadKnowledgeBase(withStdin(values.kb ?? [], values['stdin-filename']));
  const stats = statsOf(kb);
  if (format === 'json') {
    io.out(JSON.stringify(stats, null, 2) + '\n');
    return 0;
  }
  const types = Object.keys(stats.byType);
  const sources = Object.keys(stats.bySource);
  const rows: string[][] = [['type', ...sources, 'total']];
  for (const t of types) rows.push([t, ...sources.map((s) => String(stats.byTypeAndSource[t][s])), String(stats.byType[t])]);
  rows.push(['total', ...sources.map((s) => String(stats.bySource[s])), String(stats.total)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) io.out(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ') + '\n');
  return 0;
}

/** Counts with every built-in type and every source present (zero when empty). */
export function statsOf(kb: KnowledgeBase): StatsJson {
  const c = kb.counts();
  const types = [...new Set([...BUILTIN_TYPES, ...kb.types()])];
  const sources = [...new Set([...SOURCES, ...Object.keys(c.bySource)])];
  const byType: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  const byTypeAndSource: Record<string, Record<string, number>> = {};
  for (const t of types) {
    byType[t] = c.byType[t] ?? 0;
    byTypeAndSource[t] = {};
    for (const s of sources) byTypeAndSource[t][s] = c.byTypeAndSource[t]?.[s] ?? 0;
  }
  for (const s of sources) bySource[s] = c.bySource[s] ?? 0;
  return { total: c.total, byType, bySource, byTypeAndSource };
}
