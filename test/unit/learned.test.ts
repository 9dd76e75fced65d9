/**
 * Workspace learning (issue 13 item 2): the names annotated in the workspace, with counts, kept
 * incrementally per document: a changed document replaces its own contribution only, and the
 * version changes only when the names or counts do. Checked against a from-scratch count of
 * every document after random sequences of updates.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { contributionOf, LearnedIndex, learnedOfTypes } from '../../server/src/service/assist/learned';
import { parse } from '../../server/src/service/parser';
import type { Learned } from '../../server/src/service/mentions/candidate';

const sorted = (l: readonly Learned[]) => [...l].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The names of these texts counted from scratch. */
function fromScratch(texts: Iterable<string>): Learned[] {
  const totals = new Map<string, Learned>();
  for (const t of texts) {
    for (const [key, n] of contributionOf(parse(t))) {
      const [type, id, text] = key.split('\u0000');
      const e = totals.get(key) ?? { text, type, id, count: 0 };
      e.count += n;
      totals.set(key, e);
    }
  }
  return [...totals.values()];
}

describe('workspace learning: learned names', () => {
  it('labels, types, ids and counts; nested annotations; dates, broken markup and empty labels are not names', () => {
    const doc = parse(
      '---\ndate: 2024-01-02\n---\n[Xavier\n Bettel]{person:xavier-bettel} met [Bettel]{person:xavier-bettel} and [Xavier Bettel]{person:xavier-bettel}.\n' +
        '[[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA} on [Today]{date:2024-01-02}; [Marina Barrage]{place} []{org:X} [Бишкек]{place:G1528675} [x]{org:bad"id} [y]{org:Y',
    );
    const names = sorted(fromScratch([doc.text]));
    assert.deepEqual(names, sorted([
      { text: 'Xavier Bettel', type: 'person', id: 'xavier-bettel', count: 2 },
      { text: 'Bettel', type: 'person', id: 'xavier-bettel', count: 1 },
      { text: 'OSCE', type: 'org', id: 'OSCE', count: 1 },
      { text: 'OSCE Parliamentary Assembly', type: 'org', id: 'OSCE-PA', count: 1 },
      { text: 'Marina Barrage', type: 'place', id: '', count: 1 },
      { text: 'Бишкек', type: 'place', id: 'G1528675', count: 1 },
    ]));
  });

  it('a document updated, added and removed changes its own share only; the version moves with the names', () => {
    const idx = new LearnedIndex();
    idx.update('a', parse('[Bank of Canada]{org:BOC} and [Bank of Canada]{org:BOC}'));
    idx.update('b', parse('[Bank of Canada]{org:BOC}, [Ottawa]{place:G6094817}'));
    const v1 = idx.names();
    assert.deepEqual(sorted(v1.names), sorted([
      { text: 'Bank of Canada', type: 'org', id: 'BOC', count: 3 },
      { text: 'Ottawa', type: 'place', id: 'G6094817', count: 1 },
    ]));
    // the same annotations, other words around them: nothing changes, not even the version
    assert.equal(idx.update('a', parse('Today [Bank of Canada]{org:BOC} and later [Bank of Canada]{org:BOC}.')), false);
    assert.equal(idx.names(), v1);
    assert.equal(idx.update('b', undefined), true);
    const v2 = idx.names();
    assert.notEqual(v2.version, v1.version);
    assert.deepEqual(v2.names, [{ text: 'Bank of Canada', type: 'org', id: 'BOC', count: 2 }]);
    idx.update('a', undefined);
    assert.deepEqual(idx.names().names, []);
    assert.equal(idx.documents(), 0);
  });

  it('two indexes never share a version (the suggestion caches are keyed by it)', () => {
    const a = new LearnedIndex();
    const b = new LearnedIndex();
    a.update('x', parse('[A]{org:A}'));
    b.update('x', parse('[B]{org:B}'));
    assert.notEqual(a.names().version, b.names().version);
  });

  it('any sequence of updates: the same names as counting every document from scratch', () => {
    const labels = ['Bank of Canada', 'Ottawa', 'Lord Cameron', 'Қазақстан', '🇰🇿 team'];
    const ann = fc.record({ label: fc.constantFrom(...labels), type: fc.constantFrom('org', 'place', 'person'), id: fc.constantFrom('', 'A', 'B') });
    const docText = fc.array(ann, { maxLength: 5 }).map((list) => list.map((a) => `[${a.label}]{${a.type}${a.id ? ':' + a.id : ''}}`).join(' and\r\n'));
    const step = fc.record({ uri: fc.constantFrom('a', 'b', 'c'), text: fc.option(docText, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        const idx = new LearnedIndex();
        const texts = new Map<string, string>();
        for (const s of steps) {
          const before = idx.names();
          const changed = idx.update(s.uri, s.text === undefined ? undefined : parse(s.text));
          if (s.text === undefined) texts.delete(s.uri);
          else texts.set(s.uri, s.text);
          assert.deepEqual(sorted(idx.names().names), sorted(fromScratch(texts.values())));
          assert.equal(idx.names().version !== before.version, changed);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('workspace learning: only the types of the schema', () => {
  it('a misspelt type teaches nothing, so the built-in reading of the same words is still proposed', () => {
    const { defaultConfig } = require('../../server/src/service/config');
    const { suggestions } = require('../../server/src/service/mentions/suggestions');
    const { builtinKb } = require('./kb/helpers');
    const index = new LearnedIndex();
    index.update('file:///ws/broken.press', parse('[Kazakhstan]{country:KZ} and [Luxembourg]{cuontry:LU} signed.\n'));
    const all = index.names();
    const types = defaultConfig().types;
    const kept = learnedOfTypes(all, types);
    assert.deepEqual(kept.names.map((n) => `${n.text}=${n.type}:${n.id}`), ['Kazakhstan=country:KZ']);
    assert.notEqual(kept.version, all.version, 'another version: the caches keyed by it must not mix the two');
    assert.equal(learnedOfTypes(all, types), kept, 'the same snapshot and types give the same object');
    const doc = parse('---\ndate: 2022-06-29\n---\nKazakhstan and Luxembourg commemorate 30 years.\n');
    const got = suggestions(doc, builtinKb().kb, { learned: kept }).map((s: { text: string; type: string; id: string }) => `${s.text}=${s.type}:${s.id}`);
    assert.ok(got.includes('Luxembourg=country:LU'), got.join(', '));
    // and what the unfiltered names did: the misspelt reading took the words
    const unfiltered = suggestions(parse(doc.text), builtinKb().kb, { learned: all }).map((s: { text: string; type: string; id: string }) => `${s.text}=${s.type}:${s.id}`);
    assert.ok(unfiltered.includes('Luxembourg=cuontry:LU'), unfiltered.join(', '));
  });
});
