/**
 * First-level administrative regions and world regions in the built-in knowledge base
 * (scripts/build-kb.js buildRegions, data/regions.yaml; data/README.md, "Regions").
 */
import * as assert from 'assert';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import { builtinKb, rawKb } from './helpers';

describe('kb regions', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  // [id, name, country, kind]
  const present: Array<[string, string, string, string]> = [
    ['US-GA', 'Georgia', 'US', 'state'],
    ['US-NY', 'New York', 'US', 'state'],
    ['CA-ON', 'Ontario', 'CA', 'province'],
    ['DE-BY', 'Bavaria', 'DE', 'land'],
    ['KZ-61', 'Turkistan', 'KZ', 'region'],
    ['KZ-19', 'Almaty', 'KZ', 'region'],
    ['KZ-10', 'Abai', 'KZ', 'region'],
    ['GB-SCT', 'Scotland', 'GB', 'country'],
    ['IT-52', 'Tuscany', 'IT', 'region'],
    ['AU-QLD', 'Queensland', 'AU', 'state'],
  ];
  for (const [id, name, country, kind] of present) {
    it(`${id} is ${name}, a ${kind} of ${country}`, () => {
      const e = kb.get('place', id);
      assert.ok(e, `no place ${id}`);
      assert.deepStrictEqual([e.name, e.facts.country, e.facts.kind, e.facts.iso3166_2, e.facts.adminLevel], [name, country, kind, id, 1]);
      assert.ok(kb.get('country', country), `country ${country}`);
    });
  }

  // a name, the region it must find (among others of that name)
  const names: Array<[string, string]> = [
    ['Turkestan', 'KZ-61'],
    ['Туркестанская область', 'KZ-61'],
    ['Hesse', 'DE-HE'],
    ['Bavaria', 'DE-BY'],
    ['Ontario', 'CA-ON'],
  ];
  for (const [name, id] of names) {
    it(`the name "${name}" finds ${id}`, () => {
      assert.ok(kb.lookupName(name, { type: 'place' }).some((e) => e.id === id), kb.lookupName(name).map((e) => e.id).join(', '));
    });
  }

  // negatives: no second-level subdivisions (ISO 3166-2 has them: GB council areas, French
  // departments, Italian provinces), no region without an English name, no country as a region
  const absent = ['GB-ABE', 'FR-75', 'IT-RM', 'ES-B', 'US', 'KZ', 'GE-XX'];
  for (const id of absent) {
    it(`has no region ${id}`, () => {
      assert.strictEqual(kb.get('place', id), undefined);
    });
  }

  it('"Georgia" is still first the country, then the state', () => {
    const hits = kb.lookupName('Georgia');
    assert.strictEqual(hits[0].type, 'country');
    assert.ok(hits.some((e) => e.id === 'US-GA'));
  });

  it('"New York" and "Frankfurt" are also the cities (short forms in places-history.yaml)', () => {
    assert.ok(kb.lookupName('New York').some((e) => e.id === 'G5128581'));
    assert.ok(kb.lookupName('Frankfurt').some((e) => e.id === 'G2925533'));
  });

  it('every region id is its ISO 3166-2 code with its country as prefix, unique, and first-level regions are a few thousand', () => {
    const regions = kb.all('place').filter((e) => e.facts.adminLevel === 1);
    assert.ok(regions.length > 3000 && regions.length < 4500, `${regions.length} regions`);
    const seen = new Set<string>();
    for (const e of regions) {
      assert.match(e.id, /^[A-Z]{2}-[A-Z0-9]{1,3}$/);
      assert.strictEqual(e.id.slice(0, 2), e.facts.country);
      assert.ok(!seen.has(e.id), `twice: ${e.id}`);
      seen.add(e.id);
      assert.ok(!/[,()²]/.test(e.name), `${e.id} name ${e.name}`);
    }
    // every US state and DC
    assert.ok(regions.filter((e) => e.facts.country === 'US').length >= 51);
  });

  it('continents and world regions have slug ids and no country', () => {
    for (const [id, name] of [['europe', 'Europe'], ['north-america', 'North America'], ['middle-east', 'Middle East']]) {
      const e = kb.get('place', id);
      assert.ok(e, id);
      assert.strictEqual(e.name, name);
      assert.strictEqual(e.facts.country, undefined);
      assert.ok(['continent', 'region'].includes(String(e.facts.kind)));
    }
  });

  it('regions are compact rows in kb.json and have no population (the finder leaves them to the place recognizer)', () => {
    const raw = rawKb() as unknown as { regions: unknown[][]; regionColumns: string[] };
    assert.deepStrictEqual(raw.regionColumns, ['id', 'name', 'country', 'kind', 'extra']);
    assert.ok(raw.regions.every((r) => Array.isArray(r) && r.length >= 4 && r.length <= 5));
    for (const e of kb.all('place').filter((x) => x.facts.kind !== undefined)) assert.strictEqual(e.facts.population, undefined, e.id);
  });
});
