/** The arbiter (mentions/arbiter.ts): each rule with its own small table of candidates. */
import * as assert from 'node:assert/strict';
import { arbitrate, applyVetoes, resolveOverlaps, applyRejections, mergeEchoes, echoSources, findEchoes } from '../../../server/src/service/mentions/arbiter';
import { compileRejections } from '../../../server/src/service/mentions/rejections';
import type { Candidate, RecognizerName } from '../../../server/src/service/mentions/candidate';

/** A candidate over the first occurrence of `words` in `text` (the n-th with `nth`). */
function at(text: string, words: string, type: string, id: string, recognizer: RecognizerName = 'builtin', extra: Partial<Candidate> = {}, nth = 0): Candidate {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(words, start + 1);
  assert.ok(start >= 0, `${words} in ${text}`);
  return { start, end: start + words.length, type, id, confidence: 0.9, recognizer, reason: 'test', ...extra };
}

const show = (text: string, list: Candidate[]) => list.map((c) => `${text.slice(c.start, c.end)}=${c.type}:${c.id}/${c.recognizer}`);

describe('mentions/arbiter: a. vetoes', () => {
  const text = 'The Airbus A380 landed in Airbus Town near Paris.';
  const cases: Array<{ name: string; candidates: Candidate[]; expected: string[] }> = [
    {
      name: 'a veto of a type drops the candidates of that type inside it, and is not suggested',
      candidates: [at(text, 'Airbus A380', 'org', '', 'shape', { veto: true }), at(text, 'Airbus', 'org', 'AIRBUS'), at(text, 'Paris', 'place', 'P')],
      expected: ['Airbus=org:AIRBUS/builtin', 'Paris=place:P/builtin'].slice(1),
    },
    {
      name: 'a veto of one type keeps the other types inside it',
      candidates: [at(text, 'Airbus A380', 'org', '', 'shape', { veto: true }), at(text, 'A380', 'date', '0380', 'dates')],
      expected: ['A380=date:0380/dates'],
    },
    {
      name: "a veto '*' drops every type inside or equal to it",
      candidates: [at(text, 'Airbus A380', '*', '', 'shape', { veto: true }), at(text, 'Airbus A380', 'org', 'X'), at(text, 'A380', 'date', '0380', 'dates')],
      expected: [],
    },
    {
      name: 'a candidate partly outside the veto stays',
      candidates: [at(text, 'A380 landed', '*', '', 'shape', { veto: true }), at(text, 'Airbus A380', 'org', 'X')],
      expected: ['Airbus A380=org:X/builtin'],
    },
    {
      name: 'the same words elsewhere stay',
      candidates: [at(text, 'Airbus A380', 'org', '', 'shape', { veto: true }), at(text, 'Airbus', 'org', 'AIRBUS', 'builtin', {}, 1)],
      expected: ['Airbus=org:AIRBUS/builtin'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(show(text, applyVetoes(c.candidates).sort((a, b) => a.start - b.start)), c.expected);
      assert.deepEqual(show(text, arbitrate(c.candidates, text)), c.expected);
    });
  }
});

describe('mentions/arbiter: b. rejections', () => {
  const text = 'The Commonwealth met in Luxembourg; the  commonwealth  secretariat too.';
  const lux = () => at(text, 'Luxembourg', 'country', 'LU', 'builtin', { alternatives: [{ type: 'place', id: 'G1' }, { type: 'place', id: 'G2' }] });
  const cases: Array<{ name: string; rejections: Array<{ text: string; as?: string; in?: string }>; path?: string; candidates: Candidate[]; expected: string[] }> = [
    { name: 'no rejection: all kept', rejections: [], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: ['Commonwealth=org:COMMONWEALTH/builtin'] },
    { name: 'text and type:id', rejections: [{ text: 'Commonwealth', as: 'org:COMMONWEALTH' }], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: [] },
    { name: 'case folded', rejections: [{ text: 'COMMONWEALTH' }], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: [] },
    { name: 'white space folded', rejections: [{ text: ' the commonwealth   secretariat ' }], candidates: [at(text, 'commonwealth  secretariat', 'org', 'SEC')], expected: [] },
    { name: 'type alone: any id of that type', rejections: [{ text: 'Commonwealth', as: 'org' }], candidates: [at(text, 'Commonwealth', 'org', 'OTHER')], expected: [] },
    { name: 'another type is kept', rejections: [{ text: 'Commonwealth', as: 'place' }], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: ['Commonwealth=org:COMMONWEALTH/builtin'] },
    { name: 'another id is kept', rejections: [{ text: 'Commonwealth', as: 'org:OTHER' }], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: ['Commonwealth=org:COMMONWEALTH/builtin'] },
    { name: 'other words are kept', rejections: [{ text: 'Commonwealth Games' }], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: ['Commonwealth=org:COMMONWEALTH/builtin'] },
    { name: 'in: this document', rejections: [{ text: 'Commonwealth', in: 'news/a.press' }], path: 'news/a.press', candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: [] },
    { name: 'in: another document', rejections: [{ text: 'Commonwealth', in: 'news/a.press' }], path: 'news/b.press', candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: ['Commonwealth=org:COMMONWEALTH/builtin'] },
    { name: 'in: no path known', rejections: [{ text: 'Commonwealth', in: 'news/a.press' }], candidates: [at(text, 'Commonwealth', 'org', 'COMMONWEALTH')], expected: ['Commonwealth=org:COMMONWEALTH/builtin'] },
    { name: 'the first reading rejected: the first other one takes its place', rejections: [{ text: 'Luxembourg', as: 'country:LU' }], candidates: [lux()], expected: ['Luxembourg=place:G1/builtin'] },
    { name: 'a new entity is matched by its proposed id', rejections: [{ text: 'Xavier Bettel', as: 'person:xavier-bettel' }], candidates: [], expected: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = arbitrate(c.candidates, text, { rejections: compileRejections(c.rejections), path: c.path });
      assert.deepEqual(show(text, got), c.expected);
    });
  }
  it('rejected other readings are left out', () => {
    const got = applyRejections([lux()], text, compileRejections([{ text: 'luxembourg', as: 'place:G1' }]));
    assert.deepEqual(got.map((c) => [c.id, c.alternatives]), [['LU', [{ type: 'place', id: 'G2' }]]]);
  });
  it('a new entity (id empty) is rejected by the id proposed for it', () => {
    const t = 'Minister Xavier Bettel spoke.';
    const c = at(t, 'Xavier Bettel', 'person', '', 'shape', { entity: { id: 'xavier-bettel', type: 'person', name: 'Xavier Bettel' } });
    assert.deepEqual(arbitrate([c], t, { rejections: compileRejections([{ text: 'Xavier Bettel', as: 'person:xavier-bettel' }]) }), []);
    assert.equal(arbitrate([c], t, { rejections: compileRejections([{ text: 'Xavier Bettel', as: 'person:someone-else' }]) }).length, 1);
  });
});

describe('mentions/arbiter: c. overlaps', () => {
  const text = 'the Ministry of Foreign Affairs of Turkmenistan in recent U.S. history on 5 May 2024 at Bank of Canada';
  const cases: Array<{ name: string; candidates: Candidate[]; expected: string[]; nested?: string[] }> = [
    {
      name: 'the longer span wins',
      candidates: [at(text, 'Foreign Affairs', 'org', 'A'), at(text, 'Ministry of Foreign Affairs', 'org', 'B', 'shape')],
      expected: ['Ministry of Foreign Affairs=org:B/shape'],
    },
    {
      name: 'a country inside a longer candidate is not proposed alone',
      candidates: [at(text, 'Ministry of Foreign Affairs of Turkmenistan', 'org', '', 'shape'), at(text, 'Turkmenistan', 'country', 'TM')],
      expected: ['Ministry of Foreign Affairs of Turkmenistan=org:/shape'],
    },
    {
      name: 'a country inside a longer candidate that loses is not proposed alone either',
      candidates: [
        at(text, 'Affairs of Turkmenistan', 'org', 'X', 'shape'),
        at(text, 'Ministry of Foreign Affairs of', 'org', 'LONGER', 'shape'),
        at(text, 'Turkmenistan', 'country', 'TM'),
      ],
      expected: ['Ministry of Foreign Affairs of=org:LONGER/shape'],
    },
    {
      name: 'a place inside a longer candidate: the same',
      candidates: [at(text, 'Bank of Canada', 'org', 'CB-CA'), at(text, 'Canada', 'place', 'G9')],
      expected: ['Bank of Canada=org:CB-CA/builtin'],
    },
    {
      name: 'an org inside a longer candidate that loses is proposed',
      candidates: [at(text, 'Affairs of Turkmenistan', 'org', 'X', 'shape'), at(text, 'Ministry of Foreign Affairs of', 'org', 'LONGER', 'shape'), at(text, 'Turkmenistan', 'org', 'T')],
      expected: ['Ministry of Foreign Affairs of=org:LONGER/shape', 'Turkmenistan=org:T/builtin'],
    },
    {
      name: 'equal spans: workspace > builtin > shape > dates',
      candidates: [at(text, 'Bank of Canada', 'org', 'S', 'shape'), at(text, 'Bank of Canada', 'org', 'B', 'builtin'), at(text, 'Bank of Canada', 'org', 'W', 'workspace'), at(text, 'Bank of Canada', 'date', 'D', 'dates')],
      expected: ['Bank of Canada=org:W/workspace'],
    },
    {
      name: 'equal spans: builtin before shape',
      candidates: [at(text, 'Bank of Canada', 'org', 'S', 'shape'), at(text, 'Bank of Canada', 'org', 'B', 'builtin')],
      expected: ['Bank of Canada=org:B/builtin'],
    },
    {
      name: 'equal spans, same recognizer: the higher confidence',
      candidates: [at(text, 'Bank of Canada', 'org', 'LOW', 'shape', { confidence: 0.5 }), at(text, 'Bank of Canada', 'org', 'HIGH', 'shape', { confidence: 0.8 })],
      expected: ['Bank of Canada=org:HIGH/shape'],
    },
    {
      name: 'a date expression that holds a name stays around it, the name nested',
      candidates: [at(text, 'recent U.S. history', 'date', 'PAST_REF', 'dates'), at(text, 'U.S.', 'country', 'US')],
      expected: ['recent U.S. history=date:PAST_REF/dates', 'U.S.=country:US/builtin'],
    },
    {
      name: 'a date that holds a name and overlaps another name partly: the names',
      candidates: [at(text, 'recent U.S. history', 'date', 'PAST_REF', 'dates'), at(text, 'U.S.', 'country', 'US'), at(text, 'history on', 'org', 'X')],
      expected: ['U.S.=country:US/builtin', 'history on=org:X/builtin'],
    },
    {
      name: 'a longer date overlapping a name partly wins',
      candidates: [at(text, '5 May 2024', 'date', '2024-05-05', 'dates'), at(text, '2024 at', 'org', 'X')],
      expected: ['5 May 2024=date:2024-05-05/dates'],
      nested: ['5 May 2024=date:2024-05-05/dates', '2024 at=org:X/builtin'],
    },
    {
      name: 'a name inside a date: both, the name nested',
      candidates: [at(text, '5 May 2024', 'date', '2024-05-05', 'dates'), at(text, 'May', 'person', 'may')],
      expected: ['5 May 2024=date:2024-05-05/dates', 'May=person:may/builtin'],
    },
    {
      name: 'a date and a name of the same length: the name',
      candidates: [at(text, 'May', 'date', 'XXXX-05', 'dates'), at(text, 'May', 'person', 'may')],
      expected: ['May=person:may/builtin'],
    },
    {
      name: 'disjoint candidates all stay, sorted by start',
      candidates: [at(text, 'Bank of Canada', 'org', 'CB-CA'), at(text, 'Turkmenistan', 'country', 'TM')],
      expected: ['Turkmenistan=country:TM/builtin', 'Bank of Canada=org:CB-CA/builtin'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(show(text, arbitrate(c.candidates, text)), c.expected);
      if (c.nested) assert.deepEqual(show(text, arbitrate(c.candidates, text, { nested: true })), c.nested);
    });
  }
  it('nested: of equal spans only the first recognizer by rank; nested and overlapping ones stay', () => {
    const list = [
      at(text, 'Bank of Canada', 'org', '', 'shape'),
      at(text, 'Bank of Canada', 'org', 'CB-CA', 'builtin'),
      at(text, 'Canada', 'country', 'CA', 'builtin'),
      at(text, 'Canada', 'place', 'G9', 'builtin'),
      at(text, 'Canada', 'place', '', 'shape'),
    ];
    assert.deepEqual(show(text, arbitrate(list, text, { nested: true })), ['Bank of Canada=org:CB-CA/builtin', 'Canada=country:CA/builtin', 'Canada=place:G9/builtin']);
  });
  it('stays linear: 100,000 candidates over a long text in well under a second', () => {
    const long = 'Bank of Canada, Turkmenistan. '.repeat(50_000);
    const list: Candidate[] = [];
    for (let i = 0; i < 50_000; i++) {
      const s = i * 30;
      list.push({ start: s, end: s + 14, type: 'org', id: 'CB-CA', confidence: 0.9, recognizer: 'builtin', reason: '' });
      list.push({ start: s + 8, end: s + 14, type: 'country', id: 'CA', confidence: 0.9, recognizer: 'builtin', reason: '' });
    }
    const t0 = Date.now();
    const kept = resolveOverlaps(list);
    assert.equal(kept.length, 50_000);
    assert.ok(Date.now() - t0 < 1500, `${Date.now() - t0} ms`);
    assert.ok(kept.every((c) => c.type === 'org'));
    assert.equal(long.length, 1_500_000);
  });
  it('drops malformed candidates instead of throwing', () => {
    const bad = [{ start: -1, end: 3 }, { start: 5, end: 2 }, { start: 0, end: 10_000 }, null] as unknown as Candidate[];
    assert.deepEqual(arbitrate(bad, 'short text'), []);
  });
});

describe('mentions/arbiter: d. echoes', () => {
  const text = 'Foreign Minister Yermek Kosherbayev met the press. Later Kosherbayev said KOSHERBAYEV and kosherbayev; the Kosherbayev-led talks.';
  const source = at(text, 'Yermek Kosherbayev', 'person', '', 'shape', { entity: { id: 'yermek-kosherbayev', type: 'person', name: 'Yermek Kosherbayev', aliases: ['Kosherbayev'] } });
  it('an alias standing again is proposed with the same type and entity, capitalized only, after its source', () => {
    const sources = echoSources([source]);
    assert.equal(sources.length, 1);
    const echoes = findEchoes(text, sources);
    const merged = mergeEchoes([source], echoes, sources);
    assert.deepEqual(
      merged.map((c) => [text.slice(c.start, c.end), c.type, c.id, (c as Candidate).entity?.id, (c as Candidate).reason]),
      [
        ['Yermek Kosherbayev', 'person', '', 'yermek-kosherbayev', 'test'],
        ['Kosherbayev', 'person', '', 'yermek-kosherbayev', 'same as "Yermek Kosherbayev" above'],
        ['KOSHERBAYEV', 'person', '', 'yermek-kosherbayev', 'same as "Yermek Kosherbayev" above'],
        ['Kosherbayev', 'person', '', 'yermek-kosherbayev', 'same as "Yermek Kosherbayev" above'],
      ],
    );
    assert.ok(merged.every((c) => !('source' in c)));
  });
  it('not where something else is proposed, not before the source, not when filtered', () => {
    const sources = echoSources([source]);
    const echoes = findEchoes(text, sources);
    const other = at(text, 'Later Kosherbayev', 'org', 'X');
    assert.equal(mergeEchoes([source, other].sort((a, b) => a.start - b.start), echoes, sources).length, 4);
    assert.equal(mergeEchoes([source], echoes, sources, () => false).length, 1);
    const start = text.indexOf('the Kosherbayev');
    const late = { ...source, start, end: start + 18 };
    assert.equal(mergeEchoes([late], echoes, echoSources([late])).length, 1);
  });
  it('only new entities with aliases are sources', () => {
    assert.deepEqual(echoSources([{ ...source, id: 'known' }]), []);
    assert.deepEqual(echoSources([{ ...source, entity: { id: 'x', type: 'person', name: 'X' } }]), []);
    assert.equal(echoSources([source, { ...source, start: 100 }]).length, 1);
  });
});
