/**
 * The pipeline as the editor and the CLI run it (mentions/pipeline.ts, mentions/suggestions.ts):
 * the cache keyed by the inputs' versions, rejections and learned names taking effect at once,
 * echoes across paragraphs, the `mention.unannotated` message and data.
 */
import * as assert from 'node:assert/strict';
import { parse } from '../../../server/src/service/parser';
import { defaultConfig } from '../../../server/src/service/config';
import { collectProblems } from '../../../server/src/service/diagnostics';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import type { Entity } from '../../../server/src/service/kb/types';
import { suggestions, suggestionsOfTypes } from '../../../server/src/service/mentions/suggestions';
import { findMentionsInDocument, findMentionsInText } from '../../../server/src/service/mentions/document';
import { RECOGNIZERS } from '../../../server/src/service/mentions/recognizers';
import type { Candidate, PipelineInputs, Recognizer } from '../../../server/src/service/mentions/candidate';
import { builtinKb } from '../kb/helpers';

function country(id: string, name: string): Entity {
  return { id, type: 'country', name, names: {}, aliases: [], facts: {}, source: { kind: 'builtin' } };
}

/** A fresh knowledge base per test: the caches are per knowledge base. */
function smallKb(): KnowledgeBase {
  return new KnowledgeBase([country('KZ', 'Kazakhstan'), country('LU', 'Luxembourg')]);
}

const words = (list: Array<{ text: string; type: string; id: string }>) => list.map((s) => `${s.text}=${s.type}:${s.id}`);

describe('mentions/pipeline: inputs and the caches', () => {
  // without the names-by-shape recognizers (restored after): here "Blue Marine Foundation" is a
  // name nobody knows until the workspace learns it; shape/orgs.ts has its own tests
  const registry = RECOGNIZERS as Recognizer[];
  const saved = registry.slice();
  before(() => registry.splice(0, registry.length, ...saved.filter((r) => r.name !== 'shape')));
  after(() => registry.splice(0, registry.length, ...saved));

  const source = '---\ndate: 2022-06-29\n---\nKazakhstan and Luxembourg signed.\n\nThe Blue Marine Foundation joined Kazakhstan.\n';

  it('a rejection added takes effect at once (same text, same paragraphs, new version)', () => {
    const kb = smallKb();
    const before: PipelineInputs = { rejections: { version: 'r1', list: [] } };
    assert.deepEqual(words(suggestions(parse(source), kb, before)), ['Kazakhstan=country:KZ', 'Luxembourg=country:LU', 'Kazakhstan=country:KZ']);
    const after: PipelineInputs = { rejections: { version: 'r2', list: [{ text: 'kazakhstan', as: 'country:KZ' }] } };
    assert.deepEqual(words(suggestions(parse(source), kb, after)), ['Luxembourg=country:LU']);
    // the same parsed document, other inputs: the memo is keyed by them too
    const doc = parse(source);
    assert.equal(suggestions(doc, kb, before).length, 3);
    assert.equal(suggestions(doc, kb, after).length, 1);
    assert.equal(suggestions(doc, kb, before).length, 3);
  });

  it('a rejection limited to one document: only there', () => {
    const kb = smallKb();
    const list = [{ text: 'Luxembourg', in: 'news/a.press' }];
    assert.deepEqual(words(suggestions(parse(source), kb, { path: 'news/a.press', rejections: { version: 'r', list } })), ['Kazakhstan=country:KZ', 'Kazakhstan=country:KZ']);
    assert.equal(suggestions(parse(source), kb, { path: 'news/b.press', rejections: { version: 'r', list } }).length, 3);
  });

  it('learned names: proposed once their version says so, with the reason in the message', () => {
    const kb = smallKb();
    assert.equal(suggestions(parse(source), kb, { learned: { version: 'l1', names: [] } }).length, 3);
    const learned: PipelineInputs = { learned: { version: 'l2', names: [{ text: 'Blue Marine Foundation', type: 'org', id: 'BMF', count: 4 }] } };
    const got = suggestions(parse(source), kb, learned);
    assert.deepEqual(words(got), ['Kazakhstan=country:KZ', 'Luxembourg=country:LU', 'Blue Marine Foundation=org:BMF', 'Kazakhstan=country:KZ']);
    const bmf = got.find((s) => s.id === 'BMF')!;
    assert.deepEqual([bmf.recognizer, bmf.reason], ['workspace', 'annotated 4 times in this workspace']);
    const problems = collectProblems(parse(source), defaultConfig(), kb, learned).filter((p) => p.code === 'mention.unannotated');
    assert.ok(problems.some((p) => p.message === '`Blue Marine Foundation` is not annotated: org BMF, annotated 4 times in this workspace.'), problems.map((p) => p.message).join('\n'));
    assert.deepEqual(problems.find((p) => p.data?.id === 'BMF')!.data, { type: 'org', id: 'BMF', recognizer: 'workspace', reason: 'annotated 4 times in this workspace' });
  });

  it('diagnostics: the paragraph problem cache is keyed by the inputs too', () => {
    const kb = smallKb();
    const config = defaultConfig();
    const count = (inputs?: PipelineInputs) => collectProblems(parse(source), config, kb, inputs).filter((p) => p.code === 'mention.unannotated').length;
    assert.equal(count(), 3);
    assert.equal(count({ rejections: { version: 'a', list: [{ text: 'Kazakhstan' }] } }), 1);
    assert.equal(count({ rejections: { version: 'b', list: [] } }), 3);
  });

  it('findMentionsInDocument and findMentionsInText take the same inputs', () => {
    const kb = smallKb();
    const inputs: PipelineInputs = { rejections: { version: 'x', list: [{ text: 'Luxembourg' }] }, learned: { version: 'y', names: [{ text: 'Blue Marine Foundation', type: 'org', id: 'BMF', count: 1 }] } };
    assert.deepEqual(words(findMentionsInDocument(parse(source), kb, undefined, { inputs })), ['Kazakhstan=country:KZ', 'Blue Marine Foundation=org:BMF', 'Kazakhstan=country:KZ']);
    assert.deepEqual(words(findMentionsInText('Luxembourg, Blue Marine Foundation', kb, undefined, { inputs })), ['Blue Marine Foundation=org:BMF']);
  });
});

/** A stand-in for a names-by-shape recognizer: "Minister <First> <Last>" as a new person with the surname as alias. */
const fakePeople: Recognizer = {
  name: 'shape',
  recognize(text: string): Candidate[] {
    const out: Candidate[] = [];
    for (const m of text.matchAll(/Minister ([A-Z][a-z]+) ([A-Z][a-z]+)/g)) {
      const start = m.index! + 'Minister '.length;
      const name = `${m[1]} ${m[2]}`;
      out.push({
        start,
        end: start + name.length,
        type: 'person',
        id: '',
        confidence: 0.85,
        recognizer: 'shape',
        reason: 'title before the name',
        entity: { id: name.toLowerCase().replace(' ', '-'), type: 'person', name, aliases: [m[2]] },
      });
    }
    return out;
  },
};

describe('mentions/pipeline: echoes across paragraphs', () => {
  // the registry without the names-by-shape recognizers, with the stand-in (restored after)
  const registry = RECOGNIZERS as Recognizer[];
  const saved = registry.slice();
  before(() => registry.splice(0, registry.length, ...saved.filter((r) => r.name !== 'shape'), fakePeople));
  after(() => registry.splice(0, registry.length, ...saved));

  const source = [
    '---',
    'date: 2022-06-29',
    '---',
    'Bettel arrived.',
    '',
    'Foreign Minister Xavier Bettel met [Kosherbayev]{person} in Kazakhstan.',
    '',
    'Bettel said, and BETTEL wrote; bettel no.',
    '',
    'Later Bettel left 😀 for Luxembourg.',
    '',
  ].join('\n');

  it('an alias in later paragraphs is the same new entity; not before, not inside an annotation, not in lower case', () => {
    const kb = smallKb();
    const doc = parse(source);
    const got = suggestions(doc, kb);
    assert.deepEqual(
      got.map((s) => [s.text, s.type, s.id, s.entity?.id, s.reason, doc.text.slice(s.start, s.end)]),
      [
        ['Xavier Bettel', 'person', '', 'xavier-bettel', 'title before the name', 'Xavier Bettel'],
        ['Kazakhstan', 'country', 'KZ', undefined, 'a name of the knowledge base', 'Kazakhstan'],
        ['Bettel', 'person', '', 'xavier-bettel', 'same as "Xavier Bettel" above', 'Bettel'],
        ['BETTEL', 'person', '', 'xavier-bettel', 'same as "Xavier Bettel" above', 'BETTEL'],
        ['Bettel', 'person', '', 'xavier-bettel', 'same as "Xavier Bettel" above', 'Bettel'],
        ['Luxembourg', 'country', 'LU', undefined, 'a name of the knowledge base', 'Luxembourg'],
      ],
    );
    assert.deepEqual(words(suggestionsOfTypes(doc, kb, ['country'])), ['Kazakhstan=country:KZ', 'Luxembourg=country:LU']);
  });

  it('the diagnostics report them once each, with the reason and the entity', () => {
    const kb = smallKb();
    const problems = collectProblems(parse(source), defaultConfig(), kb).filter((p) => p.code === 'mention.unannotated');
    const messages = problems.map((p) => p.message);
    assert.deepEqual(messages, [
      '`Xavier Bettel` is not annotated: new person xavier-bettel (title before the name).',
      '`Kazakhstan` is not annotated: country KZ (Kazakhstan).',
      '`Bettel` is not annotated: new person xavier-bettel (same as "Xavier Bettel" above).',
      '`BETTEL` is not annotated: new person xavier-bettel (same as "Xavier Bettel" above).',
      '`Bettel` is not annotated: new person xavier-bettel (same as "Xavier Bettel" above).',
      '`Luxembourg` is not annotated: country LU (Luxembourg).',
    ]);
    assert.deepEqual(problems[0].data, {
      type: 'person',
      id: '',
      recognizer: 'shape',
      reason: 'title before the name',
      entity: { id: 'xavier-bettel', type: 'person', name: 'Xavier Bettel', aliases: ['Bettel'] },
    });
  });

  it('a rejected echo stays away; the same text without the source gives no echo', () => {
    const kb = smallKb();
    const inputs: PipelineInputs = { rejections: { version: '1', list: [{ text: 'BETTEL' }] } };
    assert.deepEqual(suggestions(parse(source), kb, inputs).map((s) => s.text), ['Xavier Bettel', 'Kazakhstan', 'Luxembourg']);
    const without = source.replace('Foreign Minister Xavier Bettel', 'Xavier Bettel');
    assert.deepEqual(suggestions(parse(without), kb).map((s) => s.text), ['Kazakhstan', 'Luxembourg']);
  });

  it('findMentionsInText: the same echoes in a plain text', () => {
    const text = 'Minister Xavier Bettel came. Bettel left.';
    assert.deepEqual(findMentionsInText(text, smallKb()).map((m) => [m.text, m.reason]), [
      ['Xavier Bettel', 'title before the name'],
      ['Bettel', 'same as "Xavier Bettel" above'],
    ]);
  });
});

describe('mentions/pipeline: messages of the built-in names', () => {
  it('a generated government body says so; a plain name keeps the old wording', () => {
    const kb = builtinKb().kb;
    const doc = parse('---\ndate: 2022-06-29\n---\nThe Kazakh Foreign Ministry and the Bank of Japan met in Kazakhstan.\n');
    const messages = collectProblems(doc, defaultConfig(), kb).filter((p) => p.code === 'mention.unannotated').map((p) => p.message);
    assert.ok(messages.includes('`Kazakh Foreign Ministry` is not annotated: org MFA-KZ (Ministry of Foreign Affairs of Kazakhstan), generated government body.'), messages.join('\n'));
    assert.ok(messages.some((m) => /^`Bank of Japan` is not annotated: org CB-JP \(.+\), generated government body\.$/.test(m)), messages.join('\n'));
    assert.ok(messages.includes('`Kazakhstan` is not annotated: country KZ (Kazakhstan).'), messages.join('\n'));
  });
});
