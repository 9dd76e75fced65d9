/**
 * Every writer of an id into YAML (issue 12, item 8): rename's edits into `*.kb.yaml` files and
 * "Add to the knowledge base" write scalars that YAML reads back as exactly the id (and the name);
 * rename refuses what the id syntax refuses (service/ids.ts), with the same message as the parser.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parse as parseYaml } from 'yaml';
import { kbAppendEdit, yamlScalar } from '../../server/src/service/assist/edits';
import { defaultConfig } from '../../server/src/service/config';
import { idProblem, isValidId } from '../../server/src/service/ids';
import { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { parseKbFile } from '../../server/src/service/kb/workspace';
import { RenameError, renameEdits } from '../../server/src/service/navigation';
import { parse } from '../../server/src/service/parser';
import { LineIndex } from '../../server/src/service/text';

/** The ids and names of the issue, and what else YAML reads as something other than the string. */
const HOSTILE = ['E0', 'e-5', '*bob', '&bob', '!bob', "'bob", '|bob', '@bob', '%bob', '#x', '>x', '-x', '?x', ',x', '`x', 'yes', 'no', 'No', 'ON', 'y', 'n', 'null', 'Null', '~', 'true', 'false', '1e3', '0x1F', '1_000', '12:30', '2022-06-29', '.inf', '.nan', '<<', '-', 'a:b', 'a,b', 'a#b', "o'brien", 'Қазақстан', '🇰🇿', 'x\u2028y', 'x\u0085y'];
const NAMES = ['b: x', 'a #b', 'Xavier Bettel', ' lead', 'trail ', 'two  spaces', 'line\nbreak', 'tab\there', 'quote "q"', 'back\\slash', '\uFEFFbom', 'lone \ud800 surrogate', '[x]', '{y}', 'Nazarbayev, Nursultan'];

/** What each YAML reader makes of `id` written by yamlScalar, in a block mapping and in a flow collection. */
function readsBack(s: string): unknown[] {
  const w = yamlScalar(s);
  const out: unknown[] = [];
  for (const version of ['1.2', '1.1'] as const) {
    out.push((parseYaml(`id: ${w}\n`, { version }) as { id: unknown }).id);
    out.push((parseYaml(`- {org: ${w}, title: x}\n`, { version }) as Array<{ org: unknown }>)[0].org);
    out.push((parseYaml(`[${w}, x]\n`, { version }) as unknown[])[0]);
  }
  return out;
}

describe('YAML scalars written for ids and names', () => {
  for (const s of [...HOSTILE, ...NAMES]) {
    it(`${JSON.stringify(s)} → ${yamlScalar(s)} reads back as the same string`, () => {
      assert.deepEqual(readsBack(s), Array(6).fill(s));
    });
  }

  it('plain where nothing could read otherwise', () => {
    assert.deepEqual(['xavier-bettel', 'OSCE-PA', 'G1526273', 'Xavier Bettel', 'Қазақстан'].map(yamlScalar), ['xavier-bettel', 'OSCE-PA', 'G1526273', 'Xavier Bettel', 'Қазақстан']);
  });

  const hostileChar = fc.constantFrom('*', '&', '!', "'", '|', '@', '%', '#', '>', '-', '?', ',', ':', '`', '~', '.', '<', '0', '1', 'e', 'x', 'y', 'n', 'o', 'Қ', '🇰🇿', '\u2028', '\u0085', '\ud800', ' ', '\n', '\t', '"', '\\', '[', '}');
  const word = fc.constantFrom('yes', 'no', 'null', 'true', 'on', 'off', '1e3', '0x1F', '12:30', '2022-06-29', '.inf');
  const text = fc.array(fc.oneof(hostileChar, word, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

  it('every id that passes isValidId reads back as itself (property)', () => {
    fc.assert(
      fc.property(text.filter(isValidId), (id) => {
        assert.deepEqual(readsBack(id), Array(6).fill(id), yamlScalar(id));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it('every name reads back as itself (property)', () => {
    fc.assert(
      fc.property(text, (name) => {
        assert.deepEqual(readsBack(name), Array(6).fill(name), yamlScalar(name));
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});

/** Applies LSP text edits to a text. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const off = (p: Position) => lines.offsetAt(p);
  let out = text;
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

describe('rename', () => {
  const KB_URI = 'file:///ws/people.kb.yaml';
  const KB_TEXT = [
    'entities:',
    '  - id: acme',
    '    type: org',
    '    name: Acme',
    "  - id: 'bob'",
    '    type: person',
    '    name: Bob',
    '    roles:',
    '      - {title: CEO, org: acme}',
    '      - title: Chair',
    '        org: "acme"',
    '  - {id: ann, type: person, name: Ann, facts: {parent: acme}}',
    '',
  ].join('\n');
  const DOC_URI = 'file:///ws/a.press';
  const DOC_TEXT = '[Bob]{person:bob} of [Acme]{org:acme} and [Ann]{person:ann}.';

  function rename(type: string, id: string, newId: string): { kb: string; doc: string } {
    const file = parseKbFile(KB_URI, KB_TEXT, defaultConfig());
    assert.deepEqual(file.problems, []);
    const kb = new KnowledgeBase(file.entities);
    const doc = parse(DOC_TEXT);
    const edit: WorkspaceEdit = renameEdits({ type, id, idSpan: { start: 0, end: 0 } }, newId, kb, [{ uri: DOC_URI, doc }], [file]);
    return { kb: apply(KB_TEXT, edit.changes![KB_URI] ?? []), doc: apply(DOC_TEXT, edit.changes![DOC_URI] ?? []) };
  }

  const renamable = HOSTILE.filter(isValidId);
  it('has hostile ids to rename to', () => assert.ok(renamable.length > 30 && renamable.includes('*bob') && renamable.includes('1e3')));
  for (const newId of renamable) {
    it(`to ${JSON.stringify(newId)}: the knowledge-base file stays valid and defines it, every reference follows`, () => {
      for (const [type, id] of [
        ['person', 'bob'],
        ['org', 'acme'],
      ]) {
        const after = rename(type, id, newId);
        const file = parseKbFile(KB_URI, after.kb, defaultConfig());
        assert.deepEqual(file.problems, [], after.kb);
        assert.deepEqual(
          file.entities.map((e) => [e.type, e.id]),
          [
            ['org', type === 'org' ? newId : 'acme'],
            ['person', type === 'person' ? newId : 'bob'],
            ['person', 'ann'],
          ],
        );
        if (type === 'org') assert.deepEqual(file.references.map((r) => r.id), [newId, newId, newId], after.kb);
        const doc = parse(after.doc);
        assert.deepEqual(doc.problems, [], after.doc);
        assert.equal(doc.all.filter((a) => a.type === type && a.id === newId).length, 1, after.doc);
      }
    });
  }

  for (const newId of ['b=ob', 'a"', 'a b', 'x]', 'a\\b', '']) {
    it(`refuses ${JSON.stringify(newId)} with the id syntax's message`, () => {
      assert.throws(
        () => rename('person', 'bob', newId),
        (e: unknown) => e instanceof RenameError && e.message === `\`${newId}\` is not a valid id. ${idProblem(newId)}`,
      );
    });
  }

  it('keeps the line break after a block scalar id', () => {
    const text = 'entities:\n  - id: |-\n      bob\n    type: person\n    name: Bob\n';
    const file = parseKbFile(KB_URI, text, defaultConfig());
    assert.deepEqual(file.entities.map((e) => e.id), ['bob']);
    const edit = renameEdits({ type: 'person', id: 'bob', idSpan: { start: 0, end: 0 } }, '*bob', new KnowledgeBase(file.entities), [], [file]);
    const after = parseKbFile(KB_URI, apply(text, edit.changes![KB_URI]), defaultConfig());
    assert.deepEqual(after.problems, []);
    assert.deepEqual(after.entities.map((e) => [e.id, e.name]), [['*bob', 'Bob']]);
  });
});

describe('Add to the knowledge base', () => {
  const TARGET = { uri: 'file:///ws/k.kb.yaml', text: 'entities:\n  - id: acme\n    type: org\n    name: Acme\n' };
  for (const [id, name] of [...HOSTILE.filter(isValidId).map((id) => [id, 'Bob']), ...NAMES.map((n) => ['bob', n])]) {
    it(`appends ${JSON.stringify(id)} named ${JSON.stringify(name)} as a valid entry that reads back the same`, () => {
      const e = kbAppendEdit(TARGET, { id, type: 'person', name });
      assert.ok(e);
      const file = parseKbFile(TARGET.uri, apply(TARGET.text, [e]), defaultConfig());
      assert.deepEqual(file.problems, []);
      assert.deepEqual(file.entities.map((x) => [x.type, x.id, x.name]), [
        ['org', 'acme', 'Acme'],
        ['person', id, name],
      ]);
    });
  }
});
