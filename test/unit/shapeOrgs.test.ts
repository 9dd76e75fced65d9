import * as assert from 'node:assert/strict';
import type { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import type { Entity } from '../../server/src/service/kb/types';
import type { Candidate } from '../../server/src/service/mentions/candidate';
import { orgRecognizer, slugOf } from '../../server/src/service/mentions/shape/orgs';
import { builtinKb } from './kb/helpers';

/**
 * The organization recognizer (mentions/shape/orgs.ts), as a table: each text marks the spans it
 * must propose with [[...]] and the vetoes with {{...}}; nothing else may be proposed. The
 * markers are taken out before the text is read, so offsets are checked too.
 */

/** A company the built-in base does not hold, for the "the <maker> <Model>" veto. */
const CHEVROLET: Entity = { id: 'CHEVROLET', type: 'org', name: 'Chevrolet', names: {}, aliases: [], facts: { kind: 'company' }, source: { kind: 'workspace', uri: 'file:///test.kb.yaml' } };

let kbCache: KnowledgeBase | undefined;
function kb(): KnowledgeBase {
  return (kbCache ??= builtinKb().kb.withOverlay([CHEVROLET]));
}

interface Marked {
  text: string;
  names: Array<[number, number]>;
  vetoes: Array<[number, number]>;
}

/** The text without its markers, and the marked spans in its offsets. */
function unmark(src: string): Marked {
  let text = '';
  const names: Array<[number, number]> = [];
  const vetoes: Array<[number, number]> = [];
  const open: Array<{ at: number; veto: boolean }> = [];
  for (let i = 0; i < src.length; ) {
    const two = src.slice(i, i + 2);
    if (two === '[[' || two === '{{') {
      open.push({ at: text.length, veto: two === '{{' });
      i += 2;
    } else if (two === ']]' || two === '}}') {
      const o = open.pop()!;
      (o.veto ? vetoes : names).push([o.at, text.length]);
      i += 2;
    } else {
      text += src[i];
      i++;
    }
  }
  const bySpan = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
  return { text, names: names.sort(bySpan), vetoes: vetoes.sort(bySpan) };
}

function run(text: string): Candidate[] {
  return orgRecognizer.recognize(text, { kb: kb(), language: 'en' });
}

function spans(cs: Candidate[], veto: boolean): Array<[number, number]> {
  return cs
    .filter((c) => !!c.veto === veto)
    .map((c): [number, number] => [c.start, c.end])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function show(text: string, list: Array<[number, number]>): string[] {
  return list.map(([s, e]) => text.slice(s, e));
}

const CASES: Array<[string, string]> = [
  // rule 1: head words, words before them, complements after them
  ['head word, words before it', 'the [[Blue Marine Foundation]] said on Monday.'],
  ['head word, complements', 'He met the [[Ministry of Foreign Affairs of Turkmenistan]] delegation.'],
  ['demonym before the head', 'the [[Kazakh Foreign Ministry]] said.'],
  ['"in" after a chamber', 'the [[Benelux Chamber of Commerce in Kazakhstan]] hosted the forum.'],
  ['"in" after an embassy', 'a note from the [[Embassy of Japan in Kazakhstan]] arrived.'],
  ['"and" inside a complement', 'the [[Chamber of Commerce and Industry of Uzbekistan]] and others.'],
  ['"for" and "and"', 'the [[Office for Democratic Institutions and Human Rights]] observed the vote.'],
  ['dotted abbreviation before the head', 'according to the [[U.S. Department of Labor]] figures.'],
  ['a possessive a name holds', 'loans from the [[People\'s Bank of China]] rose.'],
  ['a possessive before the name', 'Turkmenistan\'s [[Ministry of Foreign Affairs]] said.'],
  ['the article is not part of the name', 'The [[Government Accountability Office]] upheld the protest.'],
  ['a sentence-initial function word is not either', 'In [[Ministry of Health]] figures, growth slowed.'],
  ['words after the head', '[[Thai Airways International]] and [[Aer Lingus Group PLC]] ordered jets.'],
  ['two names joined by "and"', 'the [[Ministry of Health]] and [[Ministry of Finance]] agreed.'],
  ['a name and a country joined by "and"', 'the [[Chamber of Commerce of Kazakhstan]] and Luxembourg met.'],
  ['a modifier joined by a hyphen is not part of it', 'the Singapore-based [[Blue Marine Foundation]] said.'],
  ['"&" inside the words before the head', 'shares of [[Procter & Gamble Company]] rose.'],
  ['the last head word of the run is the name\'s', 'the [[Senate Banking Committee]] and the [[University Students Federation]] met.'],
  ['a title after the name', 'the [[Kazakh Foreign Ministry]] Spokesman Aibek Smadiyarov said.'],
  ['a facility word makes it a place\'s name', 'at Andrews Air Force Base and the Walter Reed Army Medical Center.'],
  ['"in" needs a name before it', 'the bombed-out Embassy in Nairobi and the [[U.S. Embassy in Pretoria]] closed.'],
  ['a complement whose name goes on is left out', 'the [[U.S. Embassy]] in Dar es Salaam.'],
  ['a word joined to the word before starts no name', 'the anti-Castro [[Cuban American National Foundation]] said.'],
  ['an abbreviated month ends the name', 'testified before the [[Committee on Government Reform]] on Feb. 10.'],
  ['a number word starts no name', 'Twelve [[Arab League]] nations voted.'],
  ['a place at the end of the run', 'the Jewish West Bank settlement.'],
  // rule 2: legal forms
  ['legal form with its dot', 'signed with [[Dialogue Events Ltd.]] in May.'],
  ['legal forms in capitals', '[[Chrysler LLC]] said that [[Daimler AG]] agreed.'],
  ['legal form after a comma', '[[Samsung Electronics Co., Ltd.]] reported profits.'],
  ['dotted legal form', 'the parent [[EADS N.V.]] said.'],
  ['a legal form, then words after it and a complement', '[[Service Corp. International]] and [[Society Corp. of Cleveland]] said.'],
  ['a heading in capitals is not part of the name', 'EUROBONDS [[Canadian Imperial Bank of Commerce]] offered notes.'],
  ['a name does not start with a legal form', 'led by Goldman, Sachs amp Co. [[Hertz Corp.]] said.'],
  // rule 3: quoted names after a designator
  ['designator and curly quotes', 'organized by [[Company “Dialogue Events Ltd.”]] in Ashgabat.'],
  ['agency and a quoted name', 'the [[Agency “Turkmenaragatnashyk”]] reported.'],
  ['legal form first, quoted name', 'shares of [[JSC “Kazakhtelecom”]] rose.'],
  ['straight quotes, words before the designator', 'the [[State Concern "Turkmengaz"]] said.'],
  ['guillemets', 'the [[Company «Kazakh Invest»]] said.'],
  ['a quoted sentence is speech, not a name', 'said [[Acme Co.]] "It\'s going to get bloody."'],
  // rule 4: acronyms defined in brackets, and their later uses
  ['acronym defined, used again', 'the [[Office for Democratic Institutions and Human Rights]] ([[ODIHR]]) observed the vote; [[ODIHR]] said so.'],
  ['acronym without the trailing designator', '[[General Motors Corporation]] ([[GM]]) said [[GM]] would cut jobs.'],
  ['acronym letters inside a word', 'delivered to [[Singapore Airlines]] ([[SIA]]) on time.'],
  ['acronym with a lower-case letter', 'the [[Bank of England]] ([[BoE]]) held rates.'],
  ['acronym spelling words joined by "and"', 'the [[European Aeronautic Defence and Space Company]] ([[EADS]]) won.'],
  ['an acronym used before its definition is not taken', 'ODIHR said the [[Office for Democratic Institutions and Human Rights]] ([[ODIHR]]) would.'],
  ['a country in brackets is no acronym', 'the [[Department of Health]] (UK) said.'],
  // rule 5: vetoes
  ['maker and model', 'the {{Airbus A380}} landed.'],
  ['model and model name', 'a {{Boeing 787 Dreamliner}} flew.'],
  ['hyphenated model', 'two {{Boeing 737-800}} jets.'],
  ['airline and model', 'An {{American Airlines 777}} landing at Heathrow.'],
  ['model with letters after the digits', 'the {{Airbus A400M}} military transport.'],
  ['determiner, maker, model name, product noun', 'the {{Chevrolet Volt}} hybrid sold well.'],
  ['a maker and a name before "unit" is a company', 'the Chevrolet Hughes unit and the Chevrolet Volt project.'],
  ['a quantity is no model', 'Boeing 300 jobs were cut.'],
  ['an unknown word before a bare number is no maker', 'About 200 Americans left.'],
  ['a year is no model', 'Airbus 2008 results.'],
  ['a head word ends no maker', 'the [[Health Ministry]] COVID-19 update.'],
  ['a head word is no model name', 'the [[Chevrolet Foundation]] said.'],
  // rule 6: headlines and lines in capitals
  ['headline: one name', '[[Blue Marine Foundation]] Launches Ocean Fund With Partners\nThe foundation said.'],
  ['headline: too many words before the head', 'Kazakhstan Welcomes New Trade Development Agency Plans\nText.'],
  ['line in capitals', 'MINISTRY OF FOREIGN AFFAIRS OF TURKMENISTAN HOSTS TALKS\nText.'],
  // rule 7: regional units
  ['company and region', 'a stake in [[GM Europe]] was sold.'],
  ['company and two-word region', 'Northrop Grumman and [[EADS North America]] plan to build.'],
  ['not a company', 'the EU Kazakhstan summit.'],
  // not organizations
  ['the head alone', 'the Ministry said on Monday. Parliament approved it. The Senate voted.'],
  ['a title is no organization', 'Prime Minister John Howard said. The Minister of Foreign Affairs of Turkmenistan spoke.'],
  ['"and" before the head: two companies or one?', 'Boeing and Lockheed Martin Corporation bid.'],
  ['a place ending in a head word', 'settlements in the West Bank grew.'],
  ['an abbreviation that is no legal form', 'Ohio AG Dave Yost sued.'],
  ['a hyphenated modifier', 'an EADS-led consortium won.'],
  ['lower case', 'the ministry of health and the blue marine foundation.'],
  // offsets: Cyrillic, emoji, CRLF
  ['emoji and Cyrillic before', '🇰🇿🇱🇺 Встреча: the [[Blue Marine Foundation]] said.\r\nThe [[Ministry of Health]] 👍 agreed.'],
  ['astral letters before', '𝒜𝒷 and 😀 then [[Dialogue Events Ltd.]] said.'],
];

describe('shape/orgs: organizations by shape and context', () => {
  for (const [title, src] of CASES) {
    it(title, () => {
      const m = unmark(src);
      const got = run(m.text);
      assert.deepEqual(show(m.text, spans(got, false)), show(m.text, m.names), 'proposals');
      assert.deepEqual(spans(got, false), m.names, 'proposal offsets');
      assert.deepEqual(show(m.text, spans(got, true)), show(m.text, m.vetoes), 'vetoes');
    });
  }

  it('keeps the contract: recognizer shape, type org, no id, an entity, a reason, a confidence', () => {
    for (const [, src] of CASES) {
      const { text } = unmark(src);
      for (const c of run(text)) {
        assert.equal(c.recognizer, 'shape');
        assert.equal(c.type, 'org');
        assert.equal(c.id, '');
        assert.ok(c.reason.length > 0 && c.reason === c.reason.trim());
        assert.ok(c.confidence > 0 && c.confidence <= 1);
        assert.ok(c.start >= 0 && c.start < c.end && c.end <= text.length);
        if (c.veto) {
          assert.equal(c.entity, undefined);
          continue;
        }
        assert.ok(c.entity, 'an entity for the accepting fix');
        assert.equal(c.entity.type, 'org');
        assert.ok(c.entity.id.length > 0 && !/\s/.test(c.entity.id));
        assert.equal(c.entity.name, c.entity.name.replace(/\s+/g, ' ').trim());
      }
    }
  });

  const ENTITIES: Array<[string, string, string, string | undefined, string]> = [
    ['the Blue Marine Foundation said.', 'Blue Marine Foundation', 'blue-marine-foundation', undefined, 'head word "Foundation"'],
    ['signed with Dialogue Events Ltd. in May.', 'Dialogue Events Ltd.', 'dialogue-events-ltd', undefined, 'legal form "Ltd."'],
    ['organized by Company “Dialogue Events Ltd.” in May.', 'Company “Dialogue Events Ltd.”', 'dialogue-events-ltd', 'Dialogue Events Ltd.', 'designator "Company" before a quoted name'],
    ['the Office for Democratic Institutions and Human Rights (ODIHR) said.', 'Office for Democratic Institutions and Human Rights', 'ODIHR', 'ODIHR', 'acronym "ODIHR" defined in brackets'],
  ];
  for (const [text, label, id, alias, reason] of ENTITIES) {
    it(`proposes ${label} as ${id}`, () => {
      const c = run(text).find((x) => text.slice(x.start, x.end) === label);
      assert.ok(c, label);
      assert.equal(c.entity?.id, id);
      assert.equal(c.entity?.name, label);
      assert.deepEqual(c.entity?.aliases, alias === undefined ? undefined : [alias]);
      assert.equal(c.reason, reason);
    });
  }

  it('gives later uses of a defined acronym the same entity', () => {
    const text = 'the Penske Automotive Group (PAG) was chosen. PAG said.';
    const uses = run(text).filter((c) => text.slice(c.start, c.end) === 'PAG');
    assert.equal(uses.length, 2);
    for (const u of uses) assert.deepEqual(u.entity, { id: 'PAG', type: 'org', name: 'Penske Automotive Group', aliases: ['PAG'] });
  });

  it('names a regional unit after its parent', () => {
    const c = run('a stake in GM Europe was sold.').find((x) => !x.veto)!;
    assert.equal(c.entity?.id, 'gm-europe');
    assert.deepEqual(c.entity?.facts, { parent: 'GM' });
  });

  it('slugs names as the knowledge base folds them', () => {
    assert.equal(slugOf('Blue Marine Foundation'), 'blue-marine-foundation');
    assert.equal(slugOf("People's Bank of China"), 'peoples-bank-of-china');
    assert.equal(slugOf('U.S. Department of Labor'), 'us-department-of-labor');
    assert.equal(slugOf('Procter & Gamble Company'), 'procter-and-gamble-company');
  });

  it('never throws, and reads hostile text in one pass', () => {
    const hostile = [
      '',
      '\ud800\udc00\ud800',
      '(((((',
      '“'.repeat(1000),
      'Company “' + 'A '.repeat(5000),
      'Ministry of '.repeat(20000),
      'Bank (BA'.repeat(5000),
      'A. '.repeat(20000),
      'Airbus A380 '.repeat(10000),
      'X & '.repeat(20000),
    ];
    for (const text of hostile) {
      const t0 = Date.now();
      const out = run(text);
      assert.ok(Array.isArray(out));
      assert.ok(Date.now() - t0 < 3000, `${text.slice(0, 20)}: ${Date.now() - t0} ms`);
    }
    assert.deepEqual(orgRecognizer.recognize(undefined as unknown as string, { kb: kb(), language: 'en' }), []);
  });
});
