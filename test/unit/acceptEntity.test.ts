/**
 * Accepting a new entity (issue 13 item 1): on an id '' suggestion with its entity, "Annotate as
 * new person xavier-bettel" wraps the words and appends the entity (aliases, role as `roles:
 * [{title}]`) to the workspace knowledge-base file in one edit: the first target that can take
 * it, else pressmark.kb.yaml created at the root; when the id exists, it only annotates.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import type { AssistContext } from '../../server/src/service/codeActions';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { parseKbFile } from '../../server/src/service/kb/workspace';
import { defaultConfig } from '../../server/src/service/config';
import type { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { LineIndex } from '../../server/src/service/text';
import { applyEdits, source, words } from '../support/marked';
import { builtinKb, repoRoot } from './kb/helpers';

const SEED = fs.readFileSync(path.join(repoRoot(), 'examples/kazinform-2022-06-29.press'), 'utf8');
const DOC = 'file:///ws/doc.press';

function stripped(): string {
  const doc = parse(SEED);
  return SEED.slice(0, doc.bodyStart) + plainText(doc).text;
}

function setup(assist: AssistContext, kb: KnowledgeBase = builtinKb().kb) {
  const ls = createLanguageService({ getKnowledgeBase: () => kb, getAssistContext: () => assist });
  const text = stripped();
  const src = { ...source(text), uri: DOC };
  const d = ls.diagnostics(src).find((x) => x.code === 'mention.unannotated' && (x.data as { entity?: { id: string } }).entity?.id === 'xavier-bettel') as Diagnostic;
  assert.ok(d, 'the seed proposes Xavier Bettel as a new person');
  return { text, actions: ls.codeActions(src, d.range) };
}

type Change = { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: TextEdit[] };

describe('accepting a new entity', () => {
  const targets: Array<[string, AssistContext, string, string]> = [
    ['no knowledge-base file: pressmark.kb.yaml created at the root', { kbTargets: [], rootUri: 'file:///ws' }, 'file:///ws/pressmark.kb.yaml', ''],
    ['the first target that can take it (a flow list cannot)', { kbTargets: [{ uri: 'file:///ws/a.kb.yaml', text: 'entities: []\n' }, { uri: 'file:///ws/kb/people.kb.yaml', text: '# people\r\nentities:\r\n  - id: a\r\n    type: org\r\n    name: A\r\n' }], rootUri: 'file:///ws' }, 'file:///ws/kb/people.kb.yaml', '# people\r\nentities:\r\n  - id: a\r\n    type: org\r\n    name: A\r\n'],
  ];
  for (const [what, assist, uri, before] of targets) {
    it(what, () => {
      const { text, actions } = setup(assist);
      const a = actions.find((x) => x.title === 'Annotate as new person xavier-bettel') as CodeAction;
      assert.ok(a, actions.map((x) => x.title).join(' | '));
      assert.equal(a.isPreferred, true);
      assert.equal(actions[0], a, 'first');
      const changes = a.edit!.documentChanges as Change[];
      const own = changes.find((c) => c.textDocument?.uri === DOC)!;
      const after = applyEdits(text, parse(text).lines, own.edits!);
      assert.ok(after.includes(' [Xavier Bettel]{person:xavier-bettel} to '));
      assert.deepEqual(words(plainText(parse(after)).text), words(plainText(parse(text)).text));
      const kbChange = changes.find((c) => c.textDocument?.uri === uri)!;
      assert.ok(kbChange, JSON.stringify(changes));
      assert.equal(changes.some((c) => c.kind === 'create'), before === '');
      const kbText = applyEdits(before, new LineIndex(before), kbChange.edits!);
      const file = parseKbFile(uri, kbText, defaultConfig());
      assert.deepEqual(file.problems, []);
      const e = file.entities.find((x) => x.id === 'xavier-bettel')!;
      assert.deepEqual([e.type, e.name, e.aliases, (e.facts.roles as Array<Record<string, string>> | undefined)?.map((r) => r.title)], ['person', 'Xavier Bettel', ['Bettel'], ['Prime Minister of Luxembourg']]);
      if (before.includes('\r\n')) assert.ok(!/[^\r]\n/.test(kbText), 'CRLF kept');
      assert.ok(actions.some((x) => x.title === 'Annotate as person (no id)'));
    });
  }

  it('an id that exists: only annotated, nothing added', () => {
    const kb = builtinKb().kb.withOverlay(parseKbFile('file:///ws/p.kb.yaml', 'entities:\n  - id: xavier-bettel\n    type: person\n    name: X. Bettel\n', defaultConfig()).entities);
    const ls = createLanguageService({ getKnowledgeBase: () => kb, getAssistContext: () => ({ kbTargets: [], rootUri: 'file:///ws' }) });
    // a name the knowledge base does not hold as written, so that it stays a new-entity proposal
    const text = 'Yesterday Xavier Bettel, the Prime Minister of Luxembourg, arrived.\n';
    const src = { ...source(text), uri: DOC };
    const d = ls.diagnostics(src).find((x) => (x.data as { entity?: { id: string } }).entity?.id === 'xavier-bettel');
    assert.ok(d, "the person recognizer proposes the slug id, which the knowledge base has");
    const titles = ls.codeActions(src, d.range).map((x) => x.title);
    assert.ok(titles.includes('Annotate as person xavier-bettel (X. Bettel)'), titles.join(' | '));
    assert.ok(!titles.some((t) => t.startsWith('Annotate as new')));
  });
});
