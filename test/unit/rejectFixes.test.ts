/**
 * The reject quick-fixes on `mention.unannotated` (issue 13 item 3, issue 14 item 4), through the
 * pure language service: "Not an entity here" and "Never suggest “X” as ..." append one entry to
 * the rejection file (created when missing, CRLF and comments kept), and with that entry among the
 * pipeline's inputs the suggestion is gone while the others stay.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import type { AssistContext } from '../../server/src/service/codeActions';
import type { PipelineInputs, Rejection } from '../../server/src/service/mentions/candidate';
import { parseRejectFile } from '../../server/src/service/rejectFile';
import { LineIndex } from '../../server/src/service/text';
import { applyEdits, source } from '../support/marked';
import { builtinKb } from './kb/helpers';

const REJECT_URI = 'file:///ws/pressmark.reject.yaml';

function service(assist: AssistContext | undefined, inputs?: PipelineInputs) {
  return createLanguageService({ getKnowledgeBase: () => builtinKb().kb, getAssistContext: () => assist, getPipelineInputs: () => inputs });
}

function unannotated(ls: ReturnType<typeof service>, text: string): Diagnostic[] {
  return ls.diagnostics(source(text)).filter((d) => d.code === 'mention.unannotated');
}

/** The rejection-file edit of an action: [create, text edit]. */
function rejectEdit(a: CodeAction): { create: unknown; edits: TextEdit[] } {
  const [create, change] = a.edit!.documentChanges! as [unknown, { textDocument: { uri: string }; edits: TextEdit[] }];
  assert.equal(change.textDocument.uri, REJECT_URI);
  return { create, edits: change.edits };
}

describe('reject quick-fixes', () => {
  // Cyrillic and an emoji before the name: the fix reads the words, not offsets
  const TEXT = 'Астана 🇰🇿: the talks in Luxembourg went on.\r\nLuxembourg said so.\r\n';

  const files: Array<[string, string | undefined]> = [
    ['no rejection file yet', undefined],
    ['a file with a comment and an entry, CRLF', '# ours\r\n- {text: Kazakhstan}\r\n'],
  ];
  for (const [what, existing] of files) {
    it(`${what}: both fixes, each one entry appended; the file reads back with it`, () => {
      const ls = service({ reject: { uri: REJECT_URI, text: existing, path: 'news/a.press' } });
      const d = unannotated(ls, TEXT).find((x) => (x.data as { id: string }).id === 'LU')!;
      assert.ok(d);
      const actions = ls.codeActions(source(TEXT), d.range);
      const titles = actions.map((a) => a.title);
      assert.equal(titles[0], 'Annotate as country LU (Luxembourg)', 'annotating stays first');
      const here = actions.find((a) => a.title === 'Not an entity here')!;
      const never = actions.find((a) => a.title === 'Never suggest “Luxembourg” as country LU')!;
      assert.ok(here && never, titles.join(' | '));
      assert.ok(!here.isPreferred && !never.isPreferred);
      for (const [a, entry] of [
        [here, { text: 'Luxembourg', in: 'news/a.press' }],
        [never, { text: 'Luxembourg', as: 'country:LU' }],
      ] as const) {
        const { create, edits } = rejectEdit(a);
        assert.deepEqual(create, { kind: 'create', uri: REJECT_URI, options: { ignoreIfExists: true } });
        const before = existing ?? '';
        const after = applyEdits(before, new LineIndex(before), edits);
        assert.ok(after.startsWith(before));
        const read = parseRejectFile(after);
        assert.deepEqual(read.problems, []);
        assert.deepEqual(read.list, [...parseRejectFile(before).list, entry]);
        if (existing?.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after));
      }
    });
  }

  it('no fixes without a rejection file target; no "Not an entity here" for a document outside its folder', () => {
    const none = service(undefined);
    const d = unannotated(none, TEXT)[0];
    assert.ok(!none.codeActions(source(TEXT), d.range).some((a) => /^(Not an entity|Never suggest)/.test(a.title)));
    const outside = service({ reject: { uri: REJECT_URI, text: undefined, path: undefined } });
    const titles = outside.codeActions(source(TEXT), d.range).map((a) => a.title);
    assert.ok(!titles.includes('Not an entity here'));
    assert.ok(titles.some((t) => t.startsWith('Never suggest')));
  });

  it('a rejection file that is not a block list: no reject fix (its own diagnostics say why)', () => {
    const ls = service({ reject: { uri: REJECT_URI, text: '[{text: A}]\n', path: 'a.press' } });
    const d = unannotated(ls, TEXT)[0];
    assert.ok(!ls.codeActions(source(TEXT), d.range).some((a) => /^(Not an entity|Never suggest)/.test(a.title)));
  });

  it('with the entry among the inputs, the suggestion is gone and the others stay', () => {
    const text = 'Talks in Luxembourg and Kazakhstan.';
    const before = unannotated(service(undefined), text).map((d) => (d.data as { id: string }).id);
    assert.deepEqual(before, ['LU', 'KZ']);
    const inputs = (list: Rejection[], path = 'a.press'): PipelineInputs => ({
      rejections: { version: JSON.stringify(list), list },
      path,
    });
    const ids = (i: PipelineInputs) => unannotated(service(undefined, i), text).map((d) => (d.data as { id: string }).id);
    assert.deepEqual(ids(inputs([{ text: 'Luxembourg', as: 'country:LU' }])), ['KZ']);
    assert.deepEqual(ids(inputs([{ text: 'luxembourg', as: 'country' }])), ['KZ']);
    assert.deepEqual(ids(inputs([{ text: 'Luxembourg', in: 'a.press' }])), ['KZ']);
    assert.deepEqual(ids(inputs([{ text: 'Luxembourg', in: 'b.press' }])), ['LU', 'KZ'], 'another document');
    assert.deepEqual(ids(inputs([{ text: 'Luxembourg', as: 'org' }])), ['LU', 'KZ'], 'another reading');
  });

  // Issue 14 item 4: every kind of suggestion (a built-in entity, a new person, an org by its
  // shape, a place, dates of each TIMEX3 type) gets both fixes, and each entry, once written,
  // keeps that suggestion from coming back while the others stay.
  it('every suggestion gets both fixes; each entry removes exactly its suggestion', () => {
    const text = [
      '---',
      'date: 2022-06-29',
      '---',
      'Prime Minister Xavier Bettel met the Blue Marine Foundation in Vienna on 29 June 2022.',
      '',
      'Kazakhstan and Luxembourg commemorate 30 years of relations every year; the talks begin at 10:00 tomorrow.',
      '',
    ].join('\n');
    const ls = service({ reject: { uri: REJECT_URI, text: undefined, path: 'a.press' } });
    const all = unannotated(ls, text);
    const kinds = new Set(all.map((d) => (d.data as { type: string }).type));
    for (const t of ['person', 'org', 'place', 'country', 'date', 'duration', 'set', 'time']) assert.ok(kinds.has(t), `a ${t} suggestion in ${JSON.stringify([...kinds])}`);
    const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}`;
    for (const d of all) {
      const actions = ls.codeActions(source(text), d.range).filter((a) => a.diagnostics?.some((x) => key(x) === key(d)));
      const here = actions.find((a) => a.title === 'Not an entity here');
      const never = actions.find((a) => a.title.startsWith('Never suggest “'));
      assert.ok(here && never, `${d.message}: ${actions.map((a) => a.title).join(' | ')}`);
      for (const a of [here, never]) {
        const entry = parseRejectFile(applyEdits('', new LineIndex(''), rejectEdit(a).edits)).list[0];
        const inputs: PipelineInputs = { rejections: { version: JSON.stringify(entry), list: [entry] }, path: 'a.press' };
        const left = unannotated(service(undefined, inputs), text).map(key);
        assert.ok(!left.includes(key(d)), `${a.title} (${JSON.stringify(entry)}): ${d.message} came back`);
        assert.ok(left.length >= all.length - 2, `${a.title}: ${all.length} → ${left.length} suggestions`);
      }
    }
  });
});
