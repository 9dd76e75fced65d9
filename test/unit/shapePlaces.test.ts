/**
 * The place recognizer (mentions/shape/places.ts): regions of the knowledge base by context,
 * US state abbreviations, landmarks and water bodies by head word, cities by context.
 * Each case is a text with the expected proposals marked `[label]{id}` (a knowledge-base id) or
 * `[label]{+slug}` (a new entity with that slug id); every other proposal fails the case.
 */
import * as assert from 'assert';
import { placeRecognizer, placeSlug } from '../../server/src/service/mentions/shape/places';
import type { Candidate } from '../../server/src/service/mentions/candidate';
import type { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { builtinKb } from './kb/helpers';

interface Expected {
  start: number;
  end: number;
  id: string;
}

/** The plain text of a marked case and its expected proposals (UTF-16 offsets). */
function parse(marked: string): { text: string; expected: Expected[] } {
  const expected: Expected[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\[([^\]]+)\]\{([^}]+)\}/g)) {
    text += marked.slice(last, m.index);
    expected.push({ start: text.length, end: text.length + m[1].length, id: m[2] });
    text += m[1];
    last = m.index! + m[0].length;
  }
  text += marked.slice(last);
  return { text, expected };
}

function shown(c: Candidate): Expected {
  return { start: c.start, end: c.end, id: c.id || '+' + (c.entity?.id ?? '?') };
}

describe('place recognizer (shape/places.ts)', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  before(() => {
    kb = builtinKb().kb;
  });

  const cases: Array<[string, string]> = [
    // regions that share a name with a country: the country unless context says state
    ['city of the same country before', 'He flew to Atlanta, [Georgia]{US-GA}, on Monday.'],
    ['governor after the possessive', "[Georgia]{US-GA}'s governor signed the bill."],
    ['the state of', 'Officials from the state of [Georgia]{US-GA} arrived.'],
    ['a country list', 'Georgia and Armenia signed an agreement.'],
    ['a region listed with its country', 'The governments of Canada and [Ontario]{CA-ON} agreed; the provincial government of [Ontario]{CA-ON} paid.'],
    ['a city listed with its country stays the city', 'Talks in Kazakhstan and Almaty went on.'],
    ['a city of the country before', 'The talks in Tbilisi, Georgia, ended.'],
    // head words: capitalized ones are part of the label, lower-case ones context
    ['region head words', 'Officials of [Turkestan Region]{KZ-61} and the [Almaty]{KZ-19} region met.'],
    ['state head words', 'Both [Washington]{US-WA} state and [New York State]{US-NY} voted.'],
    ['a city name is the city without a head word', 'He lives in Almaty, Kazakhstan, and in Moscow.'],
    ['"province of"', 'The province of [Ontario]{CA-ON} and [Bavaria]{DE-BY} agreed.'],
    ['", <country>" picks between regions of one name', 'Flooding hit [Punjab]{PK-PB}, Pakistan, on Monday.'],
    ['a name of two regions alone is none', 'Flooding hit Punjab on Monday.'],
    ['several words', 'It expanded in [West Virginia]{US-WV}, [North Rhine-Westphalia]{DE-NW} and [East Kazakhstan]{KZ-63} lately.'],
    ['continents and world regions', 'Sales fell in [Europe]{europe} and [North America]{north-america} but rose in [Central Asia]{central-asia}.'],
    ['a one-word region elsewhere needs a preposition', 'Drilling started in [Mangystau]{KZ-47}. Mangystau officials agreed.'],
    // inside longer names: never alone
    ['a longer name after', 'Texas Instruments and Georgia Tech and Ontario Teachers signed.'],
    ['a longer name with "of"', 'The University of Alabama and the Bank of Georgia signed.'],
    ['a longer name with a head word', 'She studied at Georgia State University in the city.'],
    // US abbreviations after a city, and the city the knowledge base lacks
    ['state abbreviation', 'The plant in [Marietta]{+marietta}, [Ga.]{US-GA}, closed.'],
    ['a known city with an abbreviation', 'He moved to Atlanta, [Ga.]{US-GA}, last year.'],
    ['abbreviations alone are words', 'See Pa. and Ga. for details.'],
    // cities by context
    ['in <city>, <country>', 'The factory in [Gori]{+gori}, Georgia, opened.'],
    ['in <city>, <state>', 'The factory in [Smyrna]{+smyrna}, [Tennessee]{US-TN} opened.'],
    ['no city without a preposition of place', 'Smith, Georgia and Armenia agreed.'],
    // landmarks and water bodies
    ['trailing heads', 'It sank in the [Atlantic Ocean]{+atlantic-ocean} near [Changi International Airport]{+changi-international-airport}.'],
    ['leading heads and "of"', 'Between [Lake Baikal]{+lake-baikal} and the [Gulf of Mexico]{+gulf-of-mexico} lies [Orange County]{+orange-county}.'],
    ['lower-case airport', 'The plane landed at [Heathrow airport]{+heathrow-airport} on time.'],
    ['a city airport is no name', 'The plane landed at the London airport on time.'],
    ['a head word going on into a company', 'The Harbour Bridge Company and Lake Placid Group reported.'],
    ['sentence-initial function words are dropped', 'The [Caspian Sea]{+caspian-sea} is large. In [Red Square]{+red-square} crowds gathered.'],
    ['a headline proves nothing by case', 'Boeing Unveils New Plant Near Heathrow Airport'],
    // offsets: Cyrillic, emoji (surrogate pairs), CRLF
    ['after Cyrillic text', 'Встреча в Астане 🇰🇿 прошла.\r\nOfficials of [Turkestan Region]{KZ-61} met 😀 in the [Caspian Sea]{+caspian-sea} port.'],
    ['Cyrillic region names', '[Туркестанская область]{KZ-61} приняла делегацию (no morphology: "Туркестанской области" is not found).'],
  ];

  for (const [title, marked] of cases) {
    it(title, () => {
      const { text, expected } = parse(marked);
      const got = placeRecognizer.recognize(text, { kb, language: 'en' }).map(shown);
      const sort = (xs: Expected[]) => xs.slice().sort((a, b) => a.start - b.start || a.end - b.end);
      assert.deepStrictEqual(sort(got), sort(expected), `${text}\n got: ${got.map((g) => `[${text.slice(g.start, g.end)}]{${g.id}}`).join(' ')}`);
    });
  }

  it('proposes context-decided regions with higher confidence and a reason starting with "context"', () => {
    const text = 'He flew to Atlanta, Georgia, on Monday; Ontario agreed.';
    const got = placeRecognizer.recognize(text, { kb, language: 'en' });
    const ga = got.find((c) => c.id === 'US-GA')!;
    const on = got.find((c) => c.id === 'CA-ON');
    assert.ok(ga && ga.confidence >= 0.95 && ga.reason.startsWith('context'), JSON.stringify(ga));
    assert.strictEqual(on, undefined, 'Ontario is also a city in California: needs context');
    for (const c of got) assert.deepStrictEqual([c.type, c.recognizer], ['place', 'shape']);
  });

  it('new entities carry a slug id, the name and a kind', () => {
    const text = 'The plant in Marietta, Ga., is near Lake Lanier.';
    const got = placeRecognizer.recognize(text, { kb, language: 'en' }).filter((c) => c.id === '');
    assert.deepStrictEqual(
      got.map((c) => [c.entity?.id, c.entity?.type, c.entity?.name, c.entity?.facts?.kind]),
      [['marietta', 'place', 'Marietta', 'city'], ['lake-lanier', 'place', 'Lake Lanier', 'water']],
    );
    assert.strictEqual(placeSlug('Côte d’Azur Airport'), 'cote-dazur-airport');
  });

  it('never throws and proposes nothing on empty or odd input', () => {
    for (const t of ['', ' ', '\uD800', 'Lake', 'of of of', ', Ga.', 'Gulf of']) {
      assert.deepStrictEqual(placeRecognizer.recognize(t, { kb, language: 'en' }), []);
    }
  });

  it('reads a long paragraph in linear time', () => {
    const para = 'Officials of Turkestan Region met in the Atlantic Ocean port of Marietta, Ga., and in Europe. '.repeat(4000);
    const t0 = process.hrtime.bigint();
    const n = placeRecognizer.recognize(para, { kb, language: 'en' }).length;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.strictEqual(n, 4000 * 5);
    assert.ok(ms < 3000, `${ms} ms for ${para.length} characters`);
  });
});
