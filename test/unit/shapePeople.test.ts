/**
 * People by shape and context (server/src/service/mentions/shape/people.ts): a table of texts
 * with the expected person spans marked `$[$...$]$`, what each proposal says (reason, role, entity
 * id), and texts where nothing is a person. The names are invented or public figures; none comes
 * from an evaluation corpus.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { personRecognizer, slug } from '../../server/src/service/mentions/shape/people';
import type { Candidate, RecognizeContext } from '../../server/src/service/mentions/candidate';
import { marked } from '../support/marked';
import { builtinKb, repoRoot } from './kb/helpers';

interface Case {
  /** The text, expected person spans marked. */
  doc: string;
  /** Per expected span, in order: a piece of the reason, the role, the entity id. */
  reason?: Array<string | undefined>;
  role?: Array<string | undefined>;
  id?: Array<string | undefined>;
}

const POSITIVE: Case[] = [
  // a title before the name
  { doc: 'President $[$Kassym-Jomart Tokayev$]$ received the delegation.', reason: ['title "President"'], role: ['President'], id: ['kassym-jomart-tokayev'] },
  { doc: 'On Monday Foreign Minister $[$Yermek Kosherbayev$]$ met the ambassador.', reason: ['title "Foreign Minister"'], role: ['Foreign Minister'] },
  { doc: 'OSCE Secretary General $[$Feridun Sinirlioglu$]$ opened the meeting.', role: ['OSCE Secretary General'] },
  { doc: 'UN Secretary-General $[$António Guterres$]$ called for restraint.', role: ['UN Secretary-General'], id: ['antonio-guterres'] },
  { doc: 'Secretary of State $[$Antony Blinken$]$ arrived in Astana.', reason: ['title "Secretary of State"'], role: ['Secretary of State'] },
  { doc: 'Minister of Foreign Affairs $[$Yermek Kosherbayev$]$ opened the forum.', role: ['Minister of Foreign Affairs'] },
  { doc: 'The President of Kazakhstan $[$Kassym-Jomart Tokayev$]$ spoke first.', role: ['President of Kazakhstan'] },
  { doc: 'It was the policy of President $[$Obama$]$\'s administration.', reason: ['title "President"'], id: ['obama'] },
  { doc: 'Former President $[$George W. Bush$]$ attended.', id: ['george-w-bush'] },
  { doc: 'Commission President $[$Ursula von der Leyen$]$ spoke.', id: ['ursula-von-der-leyen'] },
  { doc: 'He met President $[$Bashar al-Assad$]$ in the capital.' },
  // honorifics
  { doc: 'Mr. $[$Haddad$]$ declined to comment.', reason: ['honorific "Mr."'] },
  { doc: 'Dr. $[$Jane Doe$]$ and Prof. $[$John Roe$]$ spoke at the event.', reason: ['honorific "Dr."', 'honorific "Prof."'] },
  { doc: 'The talks were led by $[$Lord Cameron$]$ on Monday.', id: ['lord-cameron'] },
  { doc: 'The award went to Sir $[$Keir Starmer$]$ last year.' },
  // a lower-case role before a full name
  { doc: 'the 175th anniversary of the great poet $[$Abai Kunanbayev$]$, took place', reason: ['role "poet"'], role: ['poet'] },
  { doc: 'Market analyst $[$Maria Lopez$]$ expects growth.', role: ['analyst'] },
  { doc: 'the Kazakh foreign minister $[$Yermek Kosherbayev$]$ arrived', role: ['foreign minister'] },
  // appositions
  { doc: '$[$Xavier Bettel$]$, the Prime Minister of Luxembourg, arrived.', reason: ['apposition "the Prime Minister of Luxembourg"'], role: ['Prime Minister of Luxembourg'] },
  { doc: 'The visits of the Prime Minister of Luxembourg, $[$Xavier Bettel$]$ to Kazakhstan were useful.', reason: ['apposition "the Prime Minister of Luxembourg"'], role: ['Prime Minister of Luxembourg'] },
  { doc: 'The plan was drafted by $[$Lena Fischer$]$, chief financial officer of the group.', role: ['chief financial officer of the group'] },
  { doc: 'The board named $[$Mary Stone$]$ as its new chief executive.', role: ['new chief executive'] },
  // reporting verbs
  { doc: '"We are ready," said $[$John Carter$]$.', reason: ['subject of "said"'] },
  { doc: '$[$Anna Berg$]$ said the deal was closed.', reason: ['subject of "said"'] },
  { doc: 'The market will recover, according to $[$Omar Haddad$]$.', reason: ['after "according to"'] },
  // surnames later in the paragraph, linked to the same entity
  {
    doc: 'Foreign Minister $[$Yermek Kosherbayev$]$ met the delegation. $[$Kosherbayev$]$ said the talks were useful.',
    reason: ['title', 'surname of "Yermek Kosherbayev"'],
    id: ['yermek-kosherbayev', 'yermek-kosherbayev'],
  },
  {
    doc: '$[$Mary Stone$]$ to lead the group\nThe board named $[$Mary Stone$]$ as its new chief executive. $[$Stone$]$, 51, joined in 2001.',
    reason: ['again "Mary Stone"', 'named as', 'surname of "Mary Stone"'],
    id: ['mary-stone', 'mary-stone', 'mary-stone'],
  },
  // offsets: Cyrillic, emoji, CRLF (UTF-16)
  { doc: 'the poet $[$Абай Кунанбаев$]$ was born in 1845', id: ['абаи-кунанбаев'] }, // folded as kb/normalize.ts folds names (й → и),
  { doc: 'Президент $[$Касым-Жомарт Токаев$]$ принял делегацию.', reason: ['title "Президент"'] },
  { doc: '🎉🇰🇿 President $[$Kassym-Jomart Tokayev$]$ 🎉 spoke.' },
  { doc: 'First line.\r\nPresident $[$Anna Berg$]$ spoke.\r\n$[$Berg$]$ left.' },
];

/** Texts where nothing is a person. */
const NEGATIVE: string[] = [
  'The President said the Minister of Foreign Affairs would attend.',
  'The Ministry of Foreign Affairs of Kazakhstan said the talks would go on.',
  'The Prime Minister said the plan was ready.',
  'General Motors said it would cut jobs.',
  'He stayed at the President Hotel near the station.',
  'Luxembourg said it would join.',
  'British Gas said profits rose.',
  'He said Northwind Traders will expand.',
  'A dealer with Harbor Securities noted the rise.',
  'President Tokayev Meets Luxembourg Prime Minister',
  'Yesterday Omar said nothing.',
  'The Ohio-based Meridian Bancorp said profits rose.',
  'Kazakh Foreign Minister',
  'The plant is Nordic Works, a Norwegian official said Friday.',
  'the Kazakh-Luxembourg Business Council, the Benelux Chamber of Commerce in Kazakhstan',
  'Secretary General of the OSCE',
  '',
  '.,;:!?',
];

function ctx(): RecognizeContext {
  return { kb: builtinKb().kb, language: 'en' };
}

function persons(text: string): Candidate[] {
  return personRecognizer.recognize(text, ctx()).sort((a, b) => a.start - b.start);
}

describe('mentions/shape/people: people by shape and context', () => {
  for (const c of POSITIVE) {
    it(`proposes ${c.doc.replace(/\r?\n/g, ' ⏎ ')}`, () => {
      const m = marked(c.doc);
      const got = persons(m.text);
      assert.deepEqual(
        got.map((g) => m.text.slice(g.start, g.end)),
        m.ranges.map((r) => m.text.slice(r.start, r.end)),
      );
      assert.deepEqual(got.map((g) => [g.start, g.end]), m.ranges.map((r) => [r.start, r.end]));
      got.forEach((g, i) => {
        assert.equal(g.type, 'person');
        assert.equal(g.id, '');
        assert.equal(g.recognizer, 'shape');
        assert.ok(g.confidence > 0 && g.confidence <= 1);
        assert.ok(g.entity, 'a new entity');
        assert.equal(g.entity!.type, 'person');
        if (c.reason?.[i] !== undefined) assert.ok(g.reason.includes(c.reason[i]!), `reason ${JSON.stringify(g.reason)} has ${c.reason[i]}`);
        if (c.role?.[i] !== undefined) assert.equal(g.entity!.role, c.role[i]);
        if (c.id?.[i] !== undefined) assert.equal(g.entity!.id, c.id[i]);
      });
    });
  }

  for (const text of NEGATIVE) {
    it(`proposes nobody in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(persons(text).map((g) => text.slice(g.start, g.end)), []);
    });
  }

  it('gives the full name the surname as alias, and a slug id', () => {
    const text = 'Foreign Minister Yermek Kosherbayev met the delegation.';
    const [p] = persons(text);
    assert.deepEqual(p.entity, { id: 'yermek-kosherbayev', type: 'person', name: 'Yermek Kosherbayev', aliases: ['Kosherbayev'], role: 'Foreign Minister' });
    assert.equal(slug('António  Guterres'), 'antonio-guterres');
  });

  it('links a surname only after the full name, and not when the text used the word before', () => {
    const text = 'Bettel Foods grew fast. Later Xavier Bettel, the Prime Minister of Luxembourg, spoke. Bettel left.';
    assert.deepEqual(persons(text).map((g) => text.slice(g.start, g.end)), ['Xavier Bettel']);
  });

  it('finds Xavier Bettel and Abai Kunanbayev in the seed release', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'kazinform-2022-06-29.txt'), 'utf8');
    const got = persons(text).map((g) => [text.slice(g.start, g.end), g.entity!.id, g.entity!.role]);
    assert.deepEqual(got, [
      ['Xavier Bettel', 'xavier-bettel', 'Prime Minister of Luxembourg'],
      ['Abai Kunanbayev', 'abai-kunanbayev', 'poet'],
    ]);
  });

  it('never throws and stays linear on hostile input', () => {
    const pieces = ['President ', 'Mr. ', 'A. ', 'de ', 'Smith ', ', the ', 'said ', '\u{1F389}', '\r\n', '-', "'", 'Кунанбаев '];
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      let s = '';
      for (let k = 0; k < 40; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[seed % pieces.length];
      }
      for (const g of personRecognizer.recognize(s, ctx())) assert.ok(g.start >= 0 && g.end <= s.length && g.start < g.end);
    }
    const long = 'President John Smith said, the Minister of Foreign Affairs. '.repeat(20000);
    const t0 = Date.now();
    const got = personRecognizer.recognize(long, ctx());
    assert.ok(got.length >= 20000);
    assert.ok(Date.now() - t0 < 5000, 'a 1.2 MB paragraph in under 5 s');
  });
});
