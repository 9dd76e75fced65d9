/** The workspace recognizer (mentions/workspace.ts) and its phrase matcher (mentions/phrases.ts). */
import * as assert from 'node:assert/strict';
import { workspaceRecognizer, learnedMatcher } from '../../../server/src/service/mentions/workspace';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import type { Learned } from '../../../server/src/service/mentions/candidate';

const LEARNED: Learned[] = [
  { text: 'Blue Marine Foundation', type: 'org', id: '', count: 3 },
  { text: 'Yermek Kosherbayev', type: 'person', id: 'kosherbayev', count: 4 },
  { text: 'Marina Barrage', type: 'place', id: '', count: 1 },
  { text: 'OSCE  ODIHR', type: 'org', id: 'ODIHR', count: 2 },
  { text: 'Georgia', type: 'place', id: 'US-GA', count: 5 },
  { text: 'Georgia', type: 'country', id: 'GE', count: 2 },
  { text: 'U.S.', type: 'country', id: 'US', count: 9 },
  { text: 'Turkmenaragatnashyk', type: 'org', id: 'TA', count: 1 },
  { text: 'Ақорда', type: 'place', id: 'akorda', count: 2 },
  { text: 'the ministry', type: 'org', id: 'lower', count: 7 },
  { text: 'Today', type: 'date', id: '2022-06-29', count: 9 },
  { text: 'Zero', type: 'org', id: 'zero', count: 0 },
];

const kb = new KnowledgeBase([]);
let version = 0;
function find(text: string, names: readonly Learned[] = LEARNED): Array<[string, string, string, string, number]> {
  const ctx = { kb, language: 'en', learned: { version: `v${++version}`, names } };
  return workspaceRecognizer.recognize(text, ctx).map((c) => [text.slice(c.start, c.end), c.type, c.id, c.reason, c.confidence]);
}

const CASES: Array<{ text: string; expected: Array<[string, string, string, string, number]> }> = [
  { text: 'The Blue Marine Foundation said.', expected: [['Blue Marine Foundation', 'org', '', 'annotated 3 times in this workspace', 0.95]] },
  { text: 'THE BLUE MARINE FOUNDATION SAID', expected: [['BLUE MARINE FOUNDATION', 'org', '', 'annotated 3 times in this workspace', 0.95]] },
  { text: 'the blue marine foundation', expected: [] },
  { text: 'Blue marine Foundation', expected: [] },
  { text: 'Blue Marine\nFoundation', expected: [['Blue Marine\nFoundation', 'org', '', 'annotated 3 times in this workspace', 0.95]] },
  { text: 'Blue Marine Foundations', expected: [] },
  { text: 'Blue Marine', expected: [] },
  { text: 'Minister Yermek Kosherbayev’s visit', expected: [['Yermek Kosherbayev', 'person', 'kosherbayev', 'annotated 4 times in this workspace', 0.95]] },
  { text: 'at the Marina Barrage.', expected: [['Marina Barrage', 'place', '', 'annotated once in this workspace', 0.95]] },
  { text: 'OSCE ODIHR and Osce Odihr', expected: [['OSCE ODIHR', 'org', 'ODIHR', 'annotated 2 times in this workspace', 0.95]] },
  { text: 'Georgia and Atlanta', expected: [['Georgia', 'place', 'US-GA', 'annotated 5 times in this workspace', 0.6]] },
  { text: 'the U.S. and the US and us', expected: [['U.S.', 'country', 'US', 'annotated 9 times in this workspace', 0.9]] },
  { text: 'Agency “Turkmenaragatnashyk” and NonTurkmenaragatnashyk', expected: [['Turkmenaragatnashyk', 'org', 'TA', 'annotated once in this workspace', 0.9]] },
  { text: '😀 Ақорда — АҚОРДА, ақорда', expected: [['Ақорда', 'place', 'akorda', 'annotated 2 times in this workspace', 0.9], ['АҚОРДА', 'place', 'akorda', 'annotated 2 times in this workspace', 0.9]] },
  { text: 'The Ministry said the ministry', expected: [] },
  { text: 'Today and Zero', expected: [] },
  { text: '#Georgia @Georgia x.Georgia', expected: [['Georgia', 'place', 'US-GA', 'annotated 5 times in this workspace', 0.6]] },
];

describe('mentions/workspace: names annotated in the workspace', () => {
  for (const c of CASES) {
    it(JSON.stringify(c.text), () => assert.deepEqual(find(c.text), c.expected));
  }
  it('offsets are UTF-16 (emoji, Cyrillic, CRLF before)', () => {
    const text = '😀😀\r\nАстана, Blue Marine Foundation';
    const [c] = workspaceRecognizer.recognize(text, { kb, language: 'en', learned: { version: 'x', names: LEARNED } });
    assert.equal(c.start, text.indexOf('Blue'));
    assert.equal(c.end, text.length);
  });
  it('several readings of one label: the most frequent, the others as alternatives', () => {
    const [c] = workspaceRecognizer.recognize('Georgia', { kb, language: 'en', learned: { version: 'y', names: LEARNED } });
    assert.deepEqual([c.type, c.id, c.alternatives], ['place', 'US-GA', [{ type: 'country', id: 'GE' }]]);
  });
  it('a label the knowledge base already knows with that reading is left to the built-in names', () => {
    const withCanada = new KnowledgeBase([{ id: 'CA', type: 'country', name: 'Canada', names: {}, aliases: [], facts: {}, source: { kind: 'builtin' } }]);
    const names: Learned[] = [{ text: 'Canada', type: 'country', id: 'CA', count: 3 }, { text: 'Canada', type: 'place', id: 'C', count: 1 }];
    assert.deepEqual(learnedMatcher(names, withCanada).match('Air Canada').map((h) => h.payload.id), ['C']);
    assert.deepEqual(learnedMatcher(names).match('Air Canada').map((h) => h.payload.id), ['CA']);
  });
  it('nothing learned: nothing proposed; odd entries skipped', () => {
    assert.deepEqual(find('Blue Marine Foundation', []), []);
    const odd = [null, { text: 5 }, { text: 'X Y', type: '', id: 'a', count: 1 }, { text: '  ', type: 'org', id: 'a', count: 1 }] as unknown as Learned[];
    assert.deepEqual(find('X Y', odd), []);
  });
  // (its speed is the bench's business: node scripts/bench-mentions.js; no timed test here)
  it('at scale: 20,000 learned names over 1 MB, every use found and none of the near misses', () => {
    const names: Learned[] = [];
    for (let i = 0; i < 20_000; i++) names.push({ text: `Name${i} Holding`, type: 'org', id: `n${i}`, count: 1 });
    const text = 'The Name17 Holding and Name18 said the Name19 Group. '.repeat(20_000);
    const found = workspaceRecognizer.recognize(text, { kb, language: 'en', learned: { version: 'big', names } });
    assert.equal(found.length, 20_000); // "Name18 said", "Name19 Group": first words known, the names not
  });
});
