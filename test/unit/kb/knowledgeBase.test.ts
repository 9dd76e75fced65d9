/**
 * KnowledgeBase over the built-in data: name lookups, ranked search, did-you-mean, names by date,
 * counts, overlays, and bad input.
 */
import * as assert from 'assert';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import { Entity } from '../../../server/src/service/kb/types';
import { builtinKb } from './helpers';

const ids = (list: Entity[]) => list.map(e => `${e.type}:${e.id}`);

describe('kb lookups', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  it('Kazakhstan is KZ, with Astana as capital', () => {
    const [kz] = kb.lookupName('Kazakhstan');
    assert.strictEqual(kz.type, 'country');
    assert.strictEqual(kz.id, 'KZ');
    assert.deepStrictEqual(kz.facts.capitals, ['Astana']);
    assert.strictEqual(kb.get('place', kz.facts.capitalPlace!)!.name, 'Astana');
    assert.strictEqual(kz.source.kind, 'builtin');
    for (const n of ['Казахстан', 'Қазақстан', 'Republic of Kazakhstan', 'kazakhstan', 'KAZAKHSTAN', 'Kazakstan']) {
      assert.strictEqual(kb.lookupName(n)[0]?.id, 'KZ', n);
    }
  });

  it('Luxembourg is the country LU and the city', () => {
    const found = ids(kb.lookupName('Luxembourg'));
    assert.strictEqual(found[0], 'country:LU');
    assert.ok(found.includes('place:G2960316'), found.join(' '));
    const city = kb.get('place', 'G2960316')!;
    assert.strictEqual(city.facts.country, 'LU');
    assert.strictEqual(city.facts.capital, true);
  });

  it('U.S., US and USA are the United States; lower-case us is not', () => {
    for (const n of ['U.S.', 'US', 'USA', 'U.S.A.', 'United States', 'United States of America', 'the United States', 'США']) {
      assert.deepStrictEqual(ids(kb.lookupName(n)).slice(0, 1), ['country:US'], n);
    }
    assert.deepStrictEqual(kb.lookupName('us'), []);
    assert.deepStrictEqual(kb.lookupName('who', { type: 'org' }), []);
    assert.strictEqual(kb.lookupName('WHO')[0]?.id, 'WHO');
  });

  it('short forms: UK, UAE, DPRK, North and South Korea, Ivory Coast, Czechia, Holland, Burma, Russia', () => {
    const cases: Record<string, string> = {
      UK: 'GB', 'U.K.': 'GB', Britain: 'GB', 'Great Britain': 'GB', UAE: 'AE', DPRK: 'KP', 'North Korea': 'KP',
      'South Korea': 'KR', Russia: 'RU', 'Ivory Coast': 'CI', "Côte d'Ivoire": 'CI', 'Cote d’Ivoire': 'CI',
      Czechia: 'CZ', 'Czech Republic': 'CZ', Holland: 'NL', Burma: 'MM', Türkiye: 'TR', Turkey: 'TR', Kosovo: 'XK',
    };
    for (const [name, id] of Object.entries(cases)) assert.strictEqual(kb.lookupName(name, { type: 'country' })[0]?.id, id, name);
  });

  it('acronyms are exact-case, with dots and spaces ignored, and title-case for long ones', () => {
    assert.strictEqual(kb.lookupName('OSCE')[0]?.id, 'OSCE');
    assert.strictEqual(kb.lookupName('ОБСЕ')[0]?.id, 'OSCE');
    assert.strictEqual(kb.lookupName('Unesco')[0]?.id, 'UNESCO');
    assert.strictEqual(kb.lookupName('Nato')[0]?.id, 'NATO');
    assert.strictEqual(kb.lookupName('N.A.T.O.')[0]?.id, 'NATO');
    assert.strictEqual(kb.lookupName('ООН')[0]?.id, 'UN');
    assert.strictEqual(kb.lookupName('СНГ')[0]?.id, 'CIS');
    assert.deepStrictEqual(kb.lookupName('un'), []);
    // An all-caps name that is no acronym falls back to the folded names.
    assert.strictEqual(kb.lookupName('IRAN')[0]?.id, 'IR');
  });

  it('OSCE Parliamentary Assembly is OSCE-PA, in several spellings', () => {
    for (const n of ['OSCE Parliamentary Assembly', 'OSCE PA', 'Parliamentary Assembly of the OSCE', 'ПА ОБСЕ', 'Парламентская ассамблея ОБСЕ']) {
      assert.strictEqual(kb.lookupName(n)[0]?.id, 'OSCE-PA', n);
    }
    assert.strictEqual(kb.get('org', 'OSCE-PA')!.facts.parent, 'OSCE');
  });

  it('former names find the entity: Nur-Sultan is Astana, with dates', () => {
    const [m] = kb.lookupNameMatches('Nur-Sultan');
    assert.strictEqual(m.entity.id, 'G1526273');
    assert.strictEqual(m.entity.name, 'Astana');
    assert.strictEqual(m.former, true);
    const f = m.entity.formerNames!.find(x => x.name === 'Nur-Sultan')!;
    assert.deepStrictEqual([f.from, f.to], ['2019-03-23', '2022-09-17']);
    assert.strictEqual(kb.lookupName('Нур-Султан')[0]?.id, 'G1526273');
    // the region is "Akmola Region" (KZ-11, named with its head word: build-kb.js settleRegionNames), so the former name finds the city
    assert.ok(kb.lookupNameMatches('Akmola').some(x => x.entity.id === 'G1526273' && x.former));
    assert.strictEqual(kb.lookupName('Alma-Ata')[0]?.id, 'G1526384');
    assert.strictEqual(kb.lookupName('Kiev')[0]?.id, 'G703448');
    assert.strictEqual(kb.lookupName('Bombay')[0]?.name, 'Mumbai');
    assert.strictEqual(kb.lookupName('Leningrad')[0]?.name, 'Saint Petersburg');
    assert.strictEqual(kb.lookupName('CSCE')[0]?.id, 'OSCE');
    assert.strictEqual(kb.lookupName('Organisation of the Islamic Conference')[0]?.id, 'OIC');
  });

  it('Kazakh cities have Russian and Kazakh names', () => {
    assert.strictEqual(kb.lookupName('Өскемен')[0]?.id, 'G1520316');
    assert.strictEqual(kb.lookupName('Усть-Каменогорск')[0]?.id, 'G1520316');
    assert.strictEqual(kb.lookupName('Ust-Kamenogorsk')[0]?.id, 'G1520316');
    assert.strictEqual(kb.lookupName('Қарағанды')[0]?.name, 'Karaganda');
    assert.strictEqual(kb.lookupName('Шымкент')[0]?.name, 'Shymkent');
  });

  it('diacritics are folded', () => {
    assert.strictEqual(kb.lookupName('Chisinau')[0]?.id, 'G618426');
    assert.strictEqual(kb.lookupName('Chișinău')[0]?.id, 'G618426');
    assert.ok(ids(kb.lookupName('Sao Paulo')).some(x => x.startsWith('place:')));
  });

  it('an id may be a country and an org', () => {
    assert.deepStrictEqual(ids(kb.byId('AU')), ['country:AU', 'org:AU']);
    assert.strictEqual(kb.get('org', 'AU')!.name, 'African Union');
    assert.strictEqual(kb.get('country', 'kz'), undefined);
    assert.strictEqual(kb.get('country', 'kz', { ignoreCase: true })?.id, 'KZ');
  });
});

describe('kb look-ups remembered (issue 12, item 3)', function () {
  const e = (type: string, id: string, name: string, aliases: string[] = []): Entity => ({
    type, id, name, names: { en: [name] }, aliases, facts: {}, source: { kind: 'workspace', uri: 'file:///w/kb.yaml' },
  });

  it('answers a name asked again alike, in a list of its own, per type', () => {
    const kb = new KnowledgeBase([e('country', 'GE', 'Georgia'), e('place', 'US-GA', 'Georgia'), e('org', 'ACME', 'Acme', ['Georgia'])]);
    const first = kb.lookupName('Georgia').map((x) => x.id);
    const list = kb.lookupName('Georgia');
    list.length = 0; // a caller's list is its own
    assert.deepStrictEqual(kb.lookupName('Georgia').map((x) => x.id), first);
    assert.strictEqual(first.length, 3);
    assert.deepStrictEqual(kb.lookupName('Georgia', { type: 'place' }).map((x) => x.id), ['US-GA']);
    assert.deepStrictEqual(kb.lookupName('Georgia', { type: 'person' }), []);
    assert.deepStrictEqual(kb.lookupNameMatches('Georgia', { type: 'org' }).map((m) => [m.entity.id, m.matched]), [['ACME', 'Georgia']]);
    assert.deepStrictEqual(kb.lookupName('Nowhere'), []);
  });

  it('an overlay answers with its own entities, the base as before', () => {
    const base = new KnowledgeBase([e('country', 'GE', 'Georgia')]);
    assert.deepStrictEqual(base.lookupName('Georgia').map((x) => x.id), ['GE']);
    const over = base.withOverlay([e('country', 'GE', 'Sakartvelo', ['Georgia']), e('person', 'george', 'Georgia')]);
    assert.deepStrictEqual(over.lookupName('Georgia').map((x) => `${x.type}:${x.name}`).sort(), ['country:Sakartvelo', 'person:Georgia']);
    assert.deepStrictEqual(base.lookupName('Georgia').map((x) => x.name), ['Georgia']);
  });

  it('stays right past the number of names it remembers', () => {
    const kb = new KnowledgeBase([e('country', 'GE', 'Georgia')]);
    for (let i = 0; i < 20_050; i++) kb.lookupName(`Name ${i}`);
    assert.deepStrictEqual(kb.lookupName('Georgia').map((x) => x.id), ['GE']);
    assert.deepStrictEqual(kb.lookupName('Name 3'), []);
  });
});

describe('kb names by date', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  it('Astana through its renamings', () => {
    const astana = kb.get('place', 'G1526273')!;
    const at = (d: string) => kb.nameValidAt(astana, d)!.name;
    assert.strictEqual(at('1950'), 'Akmolinsk');
    assert.strictEqual(at('1975-06-01'), 'Tselinograd');
    assert.strictEqual(at('1995'), 'Akmola');
    assert.strictEqual(at('2005-01-01'), 'Astana');
    assert.strictEqual(at('2019-03-22'), 'Astana');
    assert.strictEqual(at('2019-03-23'), 'Nur-Sultan');
    assert.strictEqual(at('2022-09-16'), 'Nur-Sultan');
    assert.strictEqual(at('2022-09-17'), 'Astana');
    const now = kb.nameValidAt(astana, '2024-05-01')!;
    assert.deepStrictEqual([now.current, now.known], [true, true]);
    assert.strictEqual(kb.nameValidAt(astana, '2020-06-01', 'ru')!.name, 'Нур-Султан');
    assert.strictEqual(kb.nameValidAt(astana, '2024-06-01', 'ru')!.name, 'Астана');
  });

  it('OSCE was the CSCE until 1995', () => {
    const osce = kb.get('org', 'OSCE')!;
    assert.strictEqual(kb.nameValidAt(osce, '1990-11-21')!.name, 'Conference on Security and Co-operation in Europe');
    assert.strictEqual(kb.nameValidAt(osce, '1994-12-31')!.name, 'Conference on Security and Co-operation in Europe');
    assert.strictEqual(kb.nameValidAt(osce, '1995-01-01')!.name, 'Organization for Security and Co-operation in Europe');
    assert.strictEqual(kb.nameValidAt(osce, '1990', 'ru')!.name, 'Совещание по безопасности и сотрудничеству в Европе');
  });

  it('a name with no record for the date is the current one, flagged unknown; bad dates give undefined', () => {
    const osce = kb.get('org', 'OSCE')!;
    const early = kb.nameValidAt(osce, '1960')!;
    assert.strictEqual(early.known, false);
    assert.strictEqual(kb.nameValidAt(osce, 'yesterday'), undefined);
    assert.strictEqual(kb.nameValidAt(osce, '2020-13-01'), undefined);
    const kz = kb.get('country', 'KZ')!;
    assert.deepStrictEqual(kb.nameValidAt(kz, '2001-01-01'), { name: 'Kazakhstan', current: true, known: true, from: undefined, lang: undefined });
  });

  it('Kyiv was spelt Kiev in English before 1995', () => {
    const kyiv = kb.get('place', 'G703448')!;
    assert.strictEqual(kb.nameValidAt(kyiv, '1990')!.name, 'Kiev');
    assert.strictEqual(kb.nameValidAt(kyiv, '2020')!.name, 'Kyiv');
  });
});

describe('kb search', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  it('ranks exact id, then id prefix, then names', () => {
    const hits = kb.search('OSCE', { type: 'org', limit: 5 });
    assert.strictEqual(hits[0].entity.id, 'OSCE');
    assert.strictEqual(hits[0].match, 'id');
    assert.ok(hits.slice(1, 4).every(h => h.entity.id.startsWith('OSCE-')), hits.map(h => h.entity.id).join(' '));
    assert.strictEqual(kb.search('KZ')[0].entity.id, 'KZ');
    assert.strictEqual(kb.search('kz')[0].entity.id, 'KZ');
  });

  it('name prefix prefers the country, then prominence', () => {
    const hits = kb.search('Kaz', { limit: 5 });
    assert.strictEqual(hits[0].entity.id, 'KZ');
    assert.strictEqual(hits[0].match, 'name-prefix');
    const places = kb.search('Ast', { type: 'place', limit: 3 });
    assert.strictEqual(places[0].entity.name, 'Astana');
  });

  it('finds word prefixes, substrings and misspellings', () => {
    const word = kb.search('Parliamentary Assembly', { type: 'org', limit: 50 });
    assert.ok(word.some(h => h.entity.id === 'OSCE-PA'));
    assert.ok(word.every(h => ['name', 'name-prefix', 'word-prefix', 'substring'].includes(h.match)));
    const fuzzy = kb.search('Kazahkstan', { type: 'country', limit: 3 });
    assert.strictEqual(fuzzy[0].entity.id, 'KZ');
    assert.strictEqual(fuzzy[0].match, 'fuzzy');
    // a region's name holding the letters comes first as a substring ("Split-Dalmatia"): Almaty follows
    assert.ok(kb.search('Almati', { type: 'place' }).slice(0, 3).some(h => h.entity.name === 'Almaty'));
  });

  it('scores never increase down the list, and type and limit are respected', () => {
    const hits = kb.search('an', { limit: 40 });
    assert.strictEqual(hits.length, 40);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
    assert.ok(kb.search('an', { type: 'org', limit: 10 }).every(h => h.entity.type === 'org'));
    assert.deepStrictEqual(kb.search('Astana', { limit: 0 }), []);
  });

  it('an empty query lists entities of a type', () => {
    const hits = kb.search('', { type: 'country', limit: 5 });
    assert.strictEqual(hits.length, 5);
    assert.ok(hits.every(h => h.entity.type === 'country'));
  });
});

describe('kb suggest', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  it('suggests close country ids for XX', () => {
    const s = kb.suggest('country', 'XX');
    assert.ok(s.length >= 1 && s.length <= 3, ids(s).join(' '));
    assert.ok(s.every(e => e.type === 'country' && /X/.test(e.id)), ids(s).join(' '));
  });

  it('suggests by id and by name', () => {
    assert.ok(ids(kb.suggest('org', 'OSCE-AP')).includes('org:OSCE-PA'));
    assert.strictEqual(kb.suggest('country', 'KAZ')[0]?.id, 'KZ');
    assert.strictEqual(kb.suggest('place', 'Almatty')[0]?.name, 'Almaty');
    assert.strictEqual(kb.suggest('country', 'Kazakstn', 1)[0]?.id, 'KZ');
    assert.strictEqual(kb.suggest('country', 'XX', 1).length, 1);
  });

  it('suggests nothing far away', () => {
    assert.deepStrictEqual(kb.suggest('country', 'Qwertyuiopasdf'), []);
    assert.deepStrictEqual(kb.suggest('country', ''), []);
  });
});

describe('kb overlay and counts', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  const ws = (e: Partial<Entity> & { id: string; type: string; name: string }): Entity => ({
    names: { en: [e.name] }, aliases: [], facts: {}, source: { kind: 'workspace', uri: 'file:///w/kb.yaml' }, ...e,
  });

  it('adds workspace entities and overrides built-in ones without touching the base', () => {
    const before = kb.counts();
    const over = kb.withOverlay([
      ws({ id: 'tokayev', type: 'person', name: 'Kassym-Jomart Tokayev', aliases: ['Tokayev', 'Токаев'] }),
      ws({ id: 'KZ', type: 'country', name: 'Qazaqstan Republic' }),
      ws({ id: 'ACME', type: 'org', name: 'Acme Benelux Chamber' }),
    ]);
    assert.strictEqual(over.get('person', 'tokayev')!.name, 'Kassym-Jomart Tokayev');
    assert.strictEqual(over.lookupName('Токаев')[0]?.id, 'tokayev');
    assert.strictEqual(over.get('country', 'KZ')!.name, 'Qazaqstan Republic');
    assert.strictEqual(over.get('country', 'KZ')!.source.kind, 'workspace');
    // The overridden built-in entity is hidden everywhere.
    assert.deepStrictEqual(over.lookupName('Kazakhstan'), []);
    assert.ok(!over.search('Kazakhstan', { type: 'country' }).some(h => h.entity.source.kind === 'builtin' && h.entity.id === 'KZ'));
    assert.strictEqual(over.search('KZ', { type: 'country' })[0].entity.name, 'Qazaqstan Republic');
    assert.ok(ids(over.search('Benelux', { type: 'org' }).map(h => h.entity)).includes('org:ACME'));
    const counts = over.counts();
    assert.strictEqual(counts.total, before.total + 2);
    assert.strictEqual(counts.bySource.workspace, 3);
    assert.strictEqual(counts.byTypeAndSource.country.workspace, 1);
    assert.strictEqual(counts.byTypeAndSource.country.builtin, before.byType.country - 1);
    assert.strictEqual(counts.byType.person, 1);
    assert.deepStrictEqual(over.types().slice(0, 4), ['country', 'org', 'place', 'person']);
    // Base unchanged.
    assert.strictEqual(kb.get('country', 'KZ')!.name, 'Kazakhstan');
    assert.strictEqual(kb.get('person', 'tokayev'), undefined);
    assert.deepStrictEqual(kb.counts(), before);
    // Overlays stack.
    const over2 = over.withOverlay([ws({ id: 'tokayev', type: 'person', name: 'K. Tokayev' })]);
    assert.strictEqual(over2.get('person', 'tokayev')!.name, 'K. Tokayev');
    assert.strictEqual(over2.count('person'), 1);
  });

  it('never throws on bad input', () => {
    const bad: any[] = [undefined, null, 42, {}, [], '', ' ', '\u0000', '[[', '{x}', 'a'.repeat(5000)];
    for (const b of bad) {
      assert.doesNotThrow(() => kb.lookupName(b));
      assert.doesNotThrow(() => kb.search(b));
      assert.doesNotThrow(() => kb.suggest('country', b));
      assert.doesNotThrow(() => kb.get(b, b));
      assert.doesNotThrow(() => kb.byId(b));
      assert.doesNotThrow(() => kb.nameValidAt(kb.get('country', 'KZ')!, b));
    }
    assert.doesNotThrow(() => new KnowledgeBase([null as any, { id: 1 } as any, { id: 'x', type: 'org' } as any]));
    assert.strictEqual(kb.nameValidAt(undefined as any, '2020'), undefined);
  });
});
