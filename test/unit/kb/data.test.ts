/**
 * Plausibility of the built-in data: counts, ids, Wikidata QIDs, dates, references.
 */
import * as assert from 'assert';
import { Entity } from '../../../server/src/service/kb/types';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import { padDate } from '../../../server/src/service/kb/normalize';
import { builtinKb, rawKb } from './helpers';

const QID = /^Q[1-9][0-9]*$/;
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

describe('kb data', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  let orgs: Entity[];
  before(() => {
    kb = builtinKb().kb;
    orgs = kb.all('org');
  });

  it('has all ISO 3166-1 countries plus Kosovo, at least 300 orgs and 1000 places', () => {
    const counts = kb.counts();
    assert.ok(counts.byType.country >= 250, `countries: ${counts.byType.country}`);
    assert.ok(counts.byType.org >= 300, `orgs: ${counts.byType.org}`);
    assert.ok(counts.byType.place >= 1000, `places: ${counts.byType.place}`);
    assert.strictEqual(counts.bySource.builtin, counts.total);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const iso: Record<string, string> = require('i18n-iso-countries').getAlpha2Codes();
    for (const code of [...Object.keys(iso), 'XK']) assert.ok(kb.get('country', code), `missing country ${code}`);
  });

  it('gives every country English, Russian, Kazakh and French names', () => {
    for (const c of kb.all('country')) {
      for (const lang of ['en', 'ru', 'kk', 'fr']) assert.ok(c.names[lang]?.length, `${c.id} has no ${lang} name`);
      assert.match(String(c.facts.alpha3 ?? ''), /^[A-Z]{3}$/, `${c.id} alpha3`);
    }
    assert.strictEqual(kb.get('country', 'KZ')!.names.kk[0], 'Қазақстан');
    assert.strictEqual(kb.get('country', 'KZ')!.names.ru[0], 'Казахстан');
  });

  it('has unique ids per type', () => {
    for (const [type, list] of Object.entries(groupBy(kb.all(), e => e.type))) {
      const seen = new Set<string>();
      for (const e of list) {
        assert.ok(!seen.has(e.id), `duplicate ${type} id ${e.id}`);
        seen.add(e.id);
      }
    }
  });

  it('org ids are short upper-case codes', () => {
    for (const o of orgs) assert.match(o.id, /^[A-Z0-9][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/, o.id);
  });

  it('orgs have English, Russian and French names and a kind (companies, airlines and generated bodies: English)', () => {
    for (const o of orgs) {
      const enOnly = o.facts.kind === 'company' || o.facts.kind === 'airline' || o.facts.generated === true;
      for (const lang of enOnly ? ['en'] : ['en', 'ru', 'fr']) assert.ok(o.names[lang]?.[0], `${o.id} names.${lang}`);
      assert.ok(typeof o.facts.kind === 'string' && o.facts.kind, `${o.id} kind`);
    }
  });

  it('Wikidata QIDs are well-formed and unique', () => {
    const seen = new Map<string, string>();
    let n = 0;
    for (const e of kb.all()) {
      if (e.wikidata === undefined) continue;
      n++;
      assert.match(e.wikidata, QID, `${e.type}:${e.id} wikidata ${e.wikidata}`);
      assert.ok(!seen.has(e.wikidata), `${e.wikidata} used by ${seen.get(e.wikidata)} and ${e.type}:${e.id}`);
      seen.set(e.wikidata, `${e.type}:${e.id}`);
    }
    assert.ok(n >= 150, `only ${n} QIDs`);
    // Well-known items.
    const qid = (id: string) => kb.get('org', id)?.wikidata;
    assert.strictEqual(qid('UN'), 'Q1065');
    assert.strictEqual(qid('EU'), 'Q458');
    assert.strictEqual(qid('NATO'), 'Q7184');
    assert.strictEqual(qid('OSCE'), 'Q81299');
    assert.strictEqual(qid('COE'), 'Q8908');
  });

  it('dates are ISO, founded comes before former names, former names are in order and to >= from', () => {
    for (const e of kb.all()) {
      const f = e.facts;
      for (const key of ['founded', 'dissolved', 'nameSince'] as const) {
        if (f[key] !== undefined) assert.match(String(f[key]), DATE, `${e.id} ${key}`);
      }
      if (f.founded && f.dissolved) assert.ok(padDate(f.dissolved)! >= padDate(f.founded)!, `${e.id} dissolved before founded`);
      let prev: string | undefined;
      for (const fn of e.formerNames || []) {
        assert.ok(fn.name, `${e.id} former name without a name`);
        if (fn.from !== undefined) assert.match(fn.from, DATE, `${e.id} ${fn.name} from`);
        if (fn.to !== undefined) assert.match(fn.to, DATE, `${e.id} ${fn.name} to`);
        const from = fn.from ? padDate(fn.from)! : undefined;
        const to = fn.to ? padDate(fn.to)! : undefined;
        if (from && to) assert.ok(to >= from, `${e.id} ${fn.name}: to ${fn.to} < from ${fn.from}`);
        if (from && f.founded) assert.ok(from >= padDate(f.founded)!, `${e.id} ${fn.name}: from ${fn.from} before founded ${f.founded}`);
        if (from && !fn.lang) {
          if (prev) assert.ok(from >= prev, `${e.id} former names out of order at ${fn.name}`);
          prev = from;
        }
      }
    }
  });

  it('members, hq, parent, predecessor and successor refer to existing entities', () => {
    for (const o of orgs) {
      const f = o.facts;
      if (f.hq !== undefined) assert.ok(kb.get('country', f.hq), `${o.id} hq ${f.hq}`);
      for (const key of ['parent', 'predecessor', 'successor'] as const) {
        if (f[key] !== undefined) assert.ok(kb.get('org', f[key]!), `${o.id} ${key} ${f[key]}`);
      }
      for (const m of f.members || []) assert.ok(kb.get('country', m), `${o.id} member ${m}`);
      for (const m of f.memberOrgs || []) assert.ok(kb.get('org', m), `${o.id} memberOrg ${m}`);
      assert.strictEqual(new Set(f.members || []).size, (f.members || []).length, `${o.id} duplicate members`);
    }
    for (const c of kb.all('country')) {
      if (c.facts.capitalPlace) assert.ok(kb.get('place', c.facts.capitalPlace), `${c.id} capital ${c.facts.capitalPlace}`);
    }
    for (const p of kb.all('place')) if (p.facts.country !== undefined || p.facts.kind === undefined) assert.ok(kb.get('country', String(p.facts.country)), `${p.id} country ${p.facts.country}`);
  });

  it('has member lists for the major organizations, with the right sizes', () => {
    const expected: Record<string, number> = {
      UN: 193, EU: 27, OSCE: 57, NATO: 32, COE: 46, CIS: 9, CSTO: 6, EAEU: 5, SCO: 10, ASEAN: 11, AU: 55,
      OIC: 57, G7: 7, G20: 19, BENELUX: 3,
    };
    for (const [id, n] of Object.entries(expected)) {
      assert.strictEqual(kb.get('org', id)?.facts.members?.length, n, id);
    }
    const un = new Set(kb.get('org', 'UN')!.facts.members);
    assert.ok(un.has('KZ') && !un.has('VA') && !un.has('PS') && !un.has('XK') && !un.has('TW'));
    assert.ok(kb.get('org', 'EU')!.facts.members!.includes('LU'));
    assert.ok(kb.get('org', 'OSCE')!.facts.members!.includes('KZ'));
  });

  it('places are compact: city ids are G + GeoNames id (regions: regions.test.ts) and the JSON stays small', () => {
    for (const p of kb.all('place').filter(x => x.facts.adminLevel === undefined && x.facts.kind === undefined)) {
      assert.match(p.id, /^G[1-9][0-9]*$/);
      assert.strictEqual(p.id, 'G' + p.facts.geonamesId);
      assert.ok(typeof p.facts.lat === 'number' && typeof p.facts.lon === 'number');
    }
    const size = JSON.stringify(rawKb()).length;
    assert.ok(size < 3 * 1024 * 1024, `kb.json is ${size} bytes`);
  });

  it('every country with a national capital among the places links to it', () => {
    const capitals = kb.all('place').filter(p => p.facts.capital);
    assert.ok(capitals.length >= 230, `${capitals.length} capitals`);
    const kz = kb.get('country', 'KZ')!;
    assert.strictEqual(kb.get('place', kz.facts.capitalPlace!)!.name, 'Astana');
  });
});

function groupBy<T>(list: T[], key: (t: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const x of list) (out[key(x)] ??= []).push(x);
  return out;
}
