import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { MentionFinder, Mention, FindOptions } from '../../../server/src/service/mentions/finder';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import type { Entity } from '../../../server/src/service/kb/types';
import { builtinKb } from '../kb/helpers';

/** [text of the mention, type, id] or with a 4th element: the alternatives as `type:id` strings. */
type Exp = [text: string, type: string, id: string, alternatives?: string[]];

function kb(): KnowledgeBase {
  return builtinKb().kb;
}

/** Finds and checks the mentions in order, with exact UTF-16 offsets. */
function check(text: string, expected: Exp[], options?: FindOptions, base: KnowledgeBase = kb()): Mention[] {
  const found = MentionFinder.for(base).find(text, options);
  const got = found.map((m) => {
    const e: unknown[] = [m.text, m.type, m.id];
    if (m.alternatives) e.push(m.alternatives.map((a) => `${a.type}:${a.id}`));
    return e;
  });
  const want = expected.map((e) => (e[3] ? [e[0], e[1], e[2], e[3]] : [e[0], e[1], e[2]]));
  assert.deepEqual(got, want, text);
  let from = 0;
  for (const m of found) {
    assert.equal(text.slice(m.start, m.end), m.text, 'offsets are UTF-16 offsets of the text');
    assert.ok(m.confidence > 0 && m.confidence <= 1, `confidence of ${m.text}`);
    if (!options?.nested) {
      assert.ok(m.start >= from, `${m.text} does not overlap the previous mention`);
      from = m.end;
    }
  }
  return found;
}

const LU_CITY = 'place:G2960316';

const CASES: Array<{ name: string; text: string; expect: Exp[]; options?: FindOptions }> = [
  // case and acronyms
  { name: 'US in capitals, not the pronoun us', text: 'US officials told us that the U.S. and the USA agree.', expect: [['US', 'country', 'US'], ['U.S.', 'country', 'US'], ['USA', 'country', 'US']] },
  { name: 'alpha-2 codes are never names', text: 'IT firms grew IN 2022 and BE ready; it is in the IN list.', expect: [] },
  { name: 'an all-caps line does not make US of us', text: 'KAZAKHSTAN TALKS WITH US ON TRADE', expect: [['KAZAKHSTAN', 'country', 'KZ']] },
  { name: 'lower-case common words that are city names', text: 'It was a nice day; reading and mobile phones split the bath water.', expect: [] },
  { name: 'sentence-initial common words', text: 'Reading is a pleasure. Nice weather followed. Split the bill, reading the note.', expect: [] },
  { name: 'a city where case and a preposition say so', text: 'She moved to Nice in 2019.', expect: [['Nice', 'place', 'G2990440']] },
  { name: 'a city name standing for a person or company', text: 'Mary Barra met analysts, said Henderson, and rivals Toyota agreed.', expect: [] },
  // longest match, organizations over countries inside their names
  { name: 'OSCE Parliamentary Assembly', text: 'the OSCE Parliamentary Assembly and the OSCE', expect: [['OSCE Parliamentary Assembly', 'org', 'OSCE-PA'], ['OSCE', 'org', 'OSCE']] },
  { name: 'PACE, not Europe', text: 'Kazakhstan – Parliamentary Assembly of the Council of Europe.', expect: [['Kazakhstan', 'country', 'KZ'], ['Parliamentary Assembly of the Council of Europe', 'org', 'PACE']] },
  { name: 'Council of Europe', text: 'a member of the Council of Europe since 1949', expect: [['Council of Europe', 'org', 'COE']] },
  { name: 'unknown organizations hide their country', text: 'Singapore Airlines, Air Canada and China Eastern Airlines ordered jets; China Eastern said so.', expect: [['Singapore Airlines', 'org', 'SIA'], ['Air Canada', 'org', 'AIR-CANADA'], ['China Eastern Airlines', 'org', 'CHINA-EASTERN'], ['China Eastern', 'org', 'CHINA-EASTERN']] },
  { name: 'an acronym defined for the longer name makes the country part of it', text: 'to supply the United States Air Force (USAF) with tankers; the United Kingdom’s Royal Air Force (RAF) too', expect: [['United Kingdom', 'country', 'GB']] },
  { name: 'an acronym that does not spell the longer name leaves the country', text: 'the United States Space Force (USAF) said', expect: [['United States', 'country', 'US']] },
  { name: 'an organization word after a country in a headline or a line in capitals', text: 'Airbus Wins Qatar Airways Order Worth Billions\nQATAR AIRWAYS ORDERS JETS\nSingapore Airlines To Be Compensated For Delays', expect: [['Airbus', 'org', 'AIRBUS'], ['Qatar Airways', 'org', 'QATAR-AIRWAYS'], ['QATAR AIRWAYS', 'org', 'QATAR-AIRWAYS'], ['Singapore Airlines', 'org', 'SIA']] },
  { name: 'a headline common noun after a country does not hide it', text: 'China Steel Output Falls In May\nSteel mills in China said output fell.', expect: [['China', 'country', 'CN'], ['China', 'country', 'CN']] },
  { name: 'a continuation the body shows hides the country in a headline', text: 'China Steel Output Falls In May\nThe mills of China Steel Corporation said output fell.', expect: [] },
  { name: 'a continuation the body shows hides the country in a line in capitals', text: 'CHINA EASTERN BUYS JETS\nThe carrier China Eastern Airlines said on Monday it would buy jets.', expect: [['CHINA EASTERN', 'org', 'CHINA-EASTERN'], ['China Eastern Airlines', 'org', 'CHINA-EASTERN']] },
  { name: 'a country before a title is a mention', text: 'US President Joe Biden and the United States Senate', expect: [['US', 'country', 'US'], ['United States Senate', 'org', 'PARL-US-UPPER']] },
  { name: 'a leading article stays out of the label', text: 'The United States and the Netherlands', expect: [['United States', 'country', 'US'], ['Netherlands', 'country', 'NL']] },
  // demonyms
  { name: 'demonyms are not countries', text: 'The Kazakh delegation, a Luxembourgish minister, Kazakhstani and American firms.', expect: [] },
  // word boundaries
  { name: 'possessive', text: "Kazakhstan's economy and Luxembourg’s banks", expect: [['Kazakhstan', 'country', 'KZ'], ['Luxembourg', 'country', 'LU', [LU_CITY]]] },
  { name: 'no match inside words', text: 'Kazakhstanis, PreKazakhstan, Luxembourgers and Francesca', expect: [] },
  { name: 'hyphen with a lower-case word', text: 'a Singapore-based firm and a US-led effort', expect: [['Singapore', 'country', 'SG', ['place:G1880252']], ['US', 'country', 'US']] },
  { name: 'hyphenated compound of two names', text: 'strengthen Kazakh-Luxembourg relations', expect: [['Luxembourg', 'country', 'LU', [LU_CITY]]] },
  { name: 'currencies', text: 'worth US$40 billion (AU$52 million, $US12)', expect: [] },
  { name: 'URLs and e-mail', text: 'see https://www.Kazakhstan.kz/Luxembourg or write to Luxembourg@mail.lu; www.Kazinform.kz', expect: [] },
  // ambiguity
  { name: 'a country list settles the country', text: 'Kazakhstan and Luxembourg commemorate', expect: [['Kazakhstan', 'country', 'KZ'], ['Luxembourg', 'country', 'LU']] },
  { name: 'City makes it the city', text: 'The meeting in Luxembourg City ended.', expect: [['Luxembourg City', 'place', 'G2960316']] },
  { name: 'city of', text: 'the mayor of Luxembourg and the city of Luxembourg', expect: [['Luxembourg', 'place', 'G2960316'], ['Luxembourg', 'place', 'G2960316']] },
  { name: 'state words settle the country', text: 'the Prime Minister of Luxembourg', expect: [['Luxembourg', 'country', 'LU']] },
  { name: 'otherwise the country, with the city as alternative', text: 'Talks were held in Luxembourg.', expect: [['Luxembourg', 'country', 'LU', [LU_CITY]]] },
  { name: 'a city followed by its country', text: 'They flew to Armenia, Colombia and to Toulouse, France.', expect: [['Armenia', 'place', 'G3689560'], ['Colombia', 'country', 'CO'], ['Toulouse', 'place', 'G2972315'], ['France', 'country', 'FR']] },
  { name: 'two countries of one name', text: 'refugees from Congo', expect: [['Congo', 'country', 'CD', ['country:CG']]] },
  // datelines and headlines
  { name: 'an all-caps dateline', text: 'NUR-SULTAN. KAZINFORM - Today Kazakhstan', expect: [['NUR-SULTAN', 'place', 'G1526273'], ['KAZINFORM', 'org', 'KAZINFORM'], ['Kazakhstan', 'country', 'KZ']] },
  { name: 'a dateline city that is also a country', text: 'LUXEMBOURG, June 29 - The government said', expect: [['LUXEMBOURG', 'place', 'G2960316', ['country:LU']]] },
  { name: 'a title-case headline', text: 'Kazakhstan And Luxembourg Celebrate Thirty Years Of Friendship', expect: [['Kazakhstan', 'country', 'KZ'], ['Luxembourg', 'country', 'LU']] },
  // scripts
  { name: 'Cyrillic names', text: 'Казахстан и Люксембург подписали соглашение в Астане.', expect: [['Казахстан', 'country', 'KZ'], ['Люксембург', 'country', 'LU', [LU_CITY]]] },
  // options
  { name: 'types', text: 'The OSCE met in Luxembourg and Nur-Sultan on Kazakhstan.', options: { types: ['place'] }, expect: [['Nur-Sultan', 'place', 'G1526273']] },
  // the code-unit tests that stand for regular expressions and string slices
  { name: 'an acronym after skipped words and capitalized words hides the country', text: 'the United States Department of Defense (USDD) said', expect: [['United States Department of Defense', 'org', 'MOD-US']] },
  { name: 'a long lower-case word between the name and the brackets keeps the country', text: 'France in Moscow last Friday (FMLF) said', expect: [['France', 'country', 'FR'], ['Moscow', 'place', 'G524901']] },
  { name: '"<city>, <country>" with a no-break space or a tab after the comma', text: 'They flew to Armenia,\u00a0Colombia and to Toulouse,\tFrance.', expect: [['Armenia', 'place', 'G3689560'], ['Colombia', 'country', 'CO'], ['Toulouse', 'place', 'G2972315'], ['France', 'country', 'FR']] },
  { name: 'a dateline with a no-break space before the dash', text: 'LUXEMBOURG\u00a0— The government said', expect: [['LUXEMBOURG', 'place', 'G2960316', ['country:LU']]] },
  { name: 'non-ASCII names, folded or not, in any case', text: 'Türkiye, TÜRKIYE, Turkiye and Côte d’Ivoire; Türkiye again.', expect: [['Türkiye', 'country', 'TR'], ['TÜRKIYE', 'country', 'TR'], ['Turkiye', 'country', 'TR'], ['Côte d’Ivoire', 'country', 'CI'], ['Türkiye', 'country', 'TR']] },
  { name: 'one name written in several ways keeps each text', text: 'Kazakhstan, KAZAKHSTAN and Kazakhstan; Luxembourg City and Luxembourg.', expect: [['Kazakhstan', 'country', 'KZ'], ['KAZAKHSTAN', 'country', 'KZ'], ['Kazakhstan', 'country', 'KZ'], ['Luxembourg City', 'place', 'G2960316'], ['Luxembourg', 'country', 'LU', [LU_CITY]]] },
];

describe('mentions/finder: rules', () => {
  for (const c of CASES) {
    it(c.name, () => {
      check(c.text, c.expect, c.options);
    });
  }

  it('exact UTF-16 offsets with Cyrillic, emoji and combining marks around', () => {
    const text = '🇰🇿🎉 Астана, 🇱🇺 — Kazakhstan and Luxembourg 👍🏽 Côte d’Ivoire and Cote d’Ivoire; Казахстан.';
    const found = check(text, [
      ['Астана', 'place', 'G1526273'],
      ['Kazakhstan', 'country', 'KZ'],
      ['Luxembourg', 'country', 'LU'],
      ['Côte d’Ivoire', 'country', 'CI'],
      ['Cote d’Ivoire', 'country', 'CI'],
      ['Казахстан', 'country', 'KZ'],
    ]);
    assert.equal(found[1].start, text.indexOf('Kazakhstan'));
    // the flags are surrogate pairs: UTF-16 offsets are not code point offsets
    assert.notEqual(found[1].start, [...text.slice(0, found[1].start)].length);
  });

  it('Astana alone is found when it is the subject (a capital)', () => {
    check('Astana hosted the forum.', [['Astana', 'place', 'G1526273']]);
  });

  it('types: a longer name of another type gives way to the wanted names inside it', () => {
    const base = kb().withOverlay([org('BCCK', 'Benelux Chamber of Commerce in Kazakhstan')]);
    check('The Benelux Chamber of Commerce in Kazakhstan met.', [['Benelux Chamber of Commerce in Kazakhstan', 'org', 'BCCK']], undefined, base);
    check('The Benelux Chamber of Commerce in Kazakhstan met.', [['Kazakhstan', 'country', 'KZ']], { types: ['country'] }, base);
  });

  it('nested: the mentions inside a longer one', () => {
    check(
      'the OSCE Parliamentary Assembly and the Parliamentary Assembly of the Council of Europe',
      [
        ['OSCE Parliamentary Assembly', 'org', 'OSCE-PA'],
        ['OSCE', 'org', 'OSCE'],
        ['Parliamentary Assembly of the Council of Europe', 'org', 'PACE'],
        ['Council of Europe', 'org', 'COE'],
      ],
      { nested: true },
    );
  });

  it('workspace entities (people, organizations) are found, longest first', () => {
    const base = kb().withOverlay([
      org('MFA-KZ', 'Ministry of Foreign Affairs of the Republic of Kazakhstan', ['Kazakh Foreign Ministry']),
      { id: 'xavier-bettel', type: 'person', name: 'Xavier Bettel', names: {}, aliases: ['Bettel'], facts: {}, source: { kind: 'workspace', uri: 'file:///kb.kb.yaml' } },
    ]);
    check('the Kazakh Foreign Ministry said Xavier Bettel met the Ministry of Foreign Affairs of the Republic of Kazakhstan; Bettel agreed.', [
      ['Kazakh Foreign Ministry', 'org', 'MFA-KZ'],
      ['Xavier Bettel', 'person', 'xavier-bettel'],
      ['Ministry of Foreign Affairs of the Republic of Kazakhstan', 'org', 'MFA-KZ'],
      ['Bettel', 'person', 'xavier-bettel'],
    ], undefined, base);
  });

  it('mixed-case acronyms match as written or in capitals only', () => {
    // "COE" is also the French acronym of the European Olympic Committees: not a native form in English text
    check('The CoE and the COE, not Coe the athlete.', [['CoE', 'org', 'COE'], ['COE', 'org', 'COE']]);
  });
});

describe('mentions/finder: state kept between calls', () => {
  // The finder keeps buffers and caches from one call to the next (readings per name and
  // options, scan buffers, per-text facts on the trie nodes): no call may see another's.
  const texts = [
    'Kazakhstan and Luxembourg commemorate; the mayor of Luxembourg said so in Luxembourg City.',
    'NUR-SULTAN. KAZINFORM - Today Kazakhstan\nCHINA EASTERN BUYS JETS\nThe carrier China Eastern Airlines said on Monday it would buy jets.',
    'the OSCE Parliamentary Assembly and the Parliamentary Assembly of the Council of Europe met in Geneva June 2022.',
    'The COE met; the UE and the PE; refugees from Congo; Armenia, Colombia; Reading the report in Reading, Nice weather in Nice.',
    'Казахстан и Люксембург подписали соглашение в Астане. The Benelux Chamber of Commerce in Kazakhstan met.',
  ];
  const options: Array<FindOptions | undefined> = [
    undefined,
    { nested: true },
    { types: ['country'] },
    { types: ['place', 'org'], nested: true },
    { language: 'fr' },
    { minPlacePopulation: 0 },
    { minPlacePopulation: 5_000_000 },
  ];

  it('gives each text the same mentions whatever was found before, with any options', () => {
    const base = kb();
    const shared = MentionFinder.for(base);
    // every (text, options) pair in one order on the shared finder, twice ...
    const first = new Map<string, Mention[]>();
    for (let round = 0; round < 2; round++) {
      for (let o = 0; o < options.length; o++) {
        for (let t = 0; t < texts.length; t++) {
          const found = shared.find(texts[t], options[o]);
          const key = `${t}/${o}`;
          if (round === 0) first.set(key, found);
          else assert.deepEqual(found, first.get(key), `second round, text ${t}, options ${JSON.stringify(options[o])}`);
        }
      }
    }
    // ... and in the reverse order on a new finder
    const fresh = new MentionFinder(base);
    for (let t = texts.length - 1; t >= 0; t--) {
      for (let o = options.length - 1; o >= 0; o--) {
        assert.deepEqual(fresh.find(texts[t], options[o]), first.get(`${t}/${o}`), `new finder, text ${t}, options ${JSON.stringify(options[o])}`);
      }
    }
    // the options change the answer (else this test could not fail on a cache mix-up)
    assert.notDeepEqual(first.get('3/0'), first.get('3/4'), 'French acronyms count in French text');
    assert.notDeepEqual(first.get('3/0'), first.get('3/6'), 'a minimum population drops cities');
    assert.notDeepEqual(first.get('2/0'), first.get('2/1'), 'nested adds the names inside');
  });

  it('a paragraph alone gives the mentions it gives inside the text, offsets shifted', () => {
    const f = MentionFinder.for(kb());
    const paragraphs = [
      'India signed an agreement with China in Astana today. The United States hosted representatives of India in Geneva June 2022.',
      'Russia expanded trade with France in Moscow last Friday. Kazakhstan and Luxembourg welcomed a delegation from the World Bank in Tashkent.',
    ];
    const whole = paragraphs.join('\n\n');
    const inWhole = f.find(whole);
    let offset = 0;
    const shifted: Mention[] = [];
    for (const p of paragraphs) {
      for (const m of f.find(p)) shifted.push({ ...m, start: m.start + offset, end: m.end + offset });
      offset += p.length + 2;
    }
    assert.deepEqual(shifted, inWhole);
    assert.ok(inWhole.length >= 10, `${inWhole.length} mentions`);
  });
});

describe('mentions/finder: building and robustness', () => {
  it('MentionFinder.for caches one finder per knowledge base', () => {
    const a = MentionFinder.for(kb());
    assert.equal(MentionFinder.for(kb()), a);
    const overlay = kb().withOverlay([]);
    assert.notEqual(MentionFinder.for(overlay), a);
    assert.ok(a.size > 5000, `the built-in knowledge base gives thousands of name forms (${a.size})`);
  });

  it('an empty knowledge base finds nothing', () => {
    assert.deepEqual(new MentionFinder(new KnowledgeBase([])).find('Kazakhstan and Luxembourg'), []);
  });

  it('odd entities are skipped, not fatal', () => {
    const bad = [
      { id: 'X1', type: 'org', name: '', names: {}, aliases: [], facts: {}, source: { kind: 'builtin' } },
      { id: 'X2', type: 'org', name: 'a, b (c)', names: { en: [42 as unknown as string] }, aliases: [null as unknown as string], facts: {}, source: { kind: 'builtin' } },
      { id: 'X3', type: 'org', name: 'Zorgon Union', names: {}, aliases: ['ZU'], facts: {}, source: { kind: 'builtin' } },
    ] as Entity[];
    const f = new MentionFinder(new KnowledgeBase(bad));
    assert.deepEqual(f.find('The Zorgon Union (ZU) met; zu and Zu did not.').map((m) => m.text), ['Zorgon Union', 'ZU']);
  });

  it('never throws and keeps offsets consistent on any text', () => {
    const f = MentionFinder.for(kb());
    const alphabet = fc.constantFrom('Kazakhstan', 'Luxembourg', 'US', 'us', 'U.S.', 'OSCE', 'Parliamentary', 'Assembly', 'of', 'the', 'Council', 'Europe', ' ', ' ', '-', "'s", '.', ',', '\n', '$', '@', 'Астана', '🇰🇿', '\u0301', 'City', 'Air', 'and');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.boolean(), (parts, nested) => {
        const text = parts.join('');
        const found = f.find(text, { nested });
        let from = 0;
        for (const m of found) {
          assert.equal(text.slice(m.start, m.end), m.text);
          assert.ok(m.end > m.start);
          if (!nested) {
            assert.ok(m.start >= from);
            from = m.end;
          }
        }
      }),
      { numRuns: 300 },
    );
    assert.deepEqual(f.find(undefined as unknown as string), []);
    assert.deepEqual(f.find(''), []);
  });
});

function org(id: string, name: string, aliases: string[] = []): Entity {
  return { id, type: 'org', name, names: {}, aliases, facts: {}, source: { kind: 'workspace', uri: 'file:///kb.kb.yaml' } };
}
