import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

/** Position of the `nth` occurrence of `needle` (plus `delta` characters) in text. */
function pos(text: string, needle: string, delta = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

const PEOPLE = `entities:
  - id: dariga-n
    type: person
    name: Dariga Nazarbayeva
    aliases: [Dariga]
    roles:
      - { title: Senator, country: KZ, from: 2019-05-04, to: 2020-05-02 }
  - id: mfa-lu
    type: org
    name: Ministry of Foreign Affairs of Luxembourg
    facts: { country: LU }
`;

describe('knowledge base over LSP', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  const uriOf = (f: string) => pathToFileURL(path.join(dir, f)).toString();
  const open = async (file: string, text: string, languageId = 'pressmark') => {
    const got = client.diagnostics(uriOf(file));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId, version: 1, text } });
    return got;
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-kb-'));
    fs.writeFileSync(path.join(dir, 'people.kb.yaml'), PEOPLE);
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hover over Kazakhstan shows a card with the capital and the Wikidata id', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    await open('a.press', text);
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('a.press') }, position: pos(text, '[Kazakhstan]', 3) })) as Hover;
    const v = (h.contents as { value: string }).value;
    assert.match(v, /Kazakhstan/);
    assert.match(v, /Capital \| Astana/);
    assert.match(v, /Q232/);
    const org = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('a.press') }, position: pos(text, 'OSCE]{org:OSCE}', 1) })) as Hover;
    assert.match((org.contents as { value: string }).value, /Kazakhstan ✓ member · .*Luxembourg ✓ member/);
  });

  it('completes ids after `{country:`, the entity the label names first', async () => {
    const text = 'x [Luxembourg]{country:';
    await open('b.press', text);
    const list = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uriOf('b.press') }, position: pos(text, 'country:', 8) })) as CompletionList;
    assert.equal(list.items[0].label, 'LU');
    assert.equal(list.items[0].detail, 'Luxembourg');
    const resolved = (await client.conn.sendRequest('completionItem/resolve', list.items[0])) as CompletionItem;
    assert.match((resolved.documentation as { value: string }).value, /Luxembourg/);
  });

  it('reports unknown ids with did-you-mean fixes, and a label naming another entity with a fix', async () => {
    const text = '[Xy]{country:XX} and [Luxembourg]{country:KZ}';
    const ds = await open('c.press', text);
    assert.deepEqual(ds.map((d) => d.code), ['entity.unknown-id', 'entity.label-mismatch']);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('c.press') },
      range: { start: pos(text, 'Luxembourg'), end: pos(text, 'Luxembourg') },
      context: { diagnostics: [] },
    })) as Array<{ title: string; edit: WorkspaceEdit }>;
    const fix = actions.find((a) => a.title.startsWith('Change the id to `LU`'))!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.edit.changes![uriOf('c.press')][0].newText, 'LU');
    const unknown = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('c.press') },
      range: { start: pos(text, 'XX'), end: pos(text, 'XX') },
      context: { diagnostics: [] },
    })) as Array<{ title: string }>;
    assert.ok(unknown.length >= 1 && unknown.length <= 3, unknown.map((a) => a.title).join(' | '));
  });

  it('a workspace person is valid, completable, hoverable; a duplicate id is a diagnostic in the YAML', async () => {
    const text = '[Dariga Nazarbayeva]{person:dariga-n} and ';
    const ds = await open('d.press', text);
    assert.deepEqual(ds, []);
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('d.press') }, position: pos(text, 'Dariga', 2) })) as Hover;
    assert.match((h.contents as { value: string }).value, /Senator/);
    assert.match((h.contents as { value: string }).value, /people\.kb\.yaml/);
    const typed = '[Dariga]{person:d';
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf('d.press'), version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: text.length }, end: { line: 0, character: text.length } }, text: typed }],
    });
    const list = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uriOf('d.press') }, position: { line: 0, character: text.length + typed.length } })) as CompletionList;
    assert.equal(list.items[0].label, 'dariga-n');
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf('d.press'), version: 3 },
      contentChanges: [{ text }],
    });

    // Editing the KB file: a duplicate id appears in the YAML, and the open document follows.
    const kbDiags = client.diagnostics(uriOf('people.kb.yaml'), (p) => p.diagnostics.some((d) => d.code === 'kb.duplicate-id'));
    const docAfter = client.diagnostics(uriOf('d.press'), (p) => p.diagnostics.some((d) => d.code === 'entity.unknown-id'));
    const broken = PEOPLE.replace('id: mfa-lu\n    type: org', 'id: dariga-n\n    type: person').replace('  - id: dariga-n\n    type: person\n    name: Dariga Nazarbayeva', '  - id: dariga-x\n    type: person\n    name: Dariga Nazarbayeva');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('people.kb.yaml'), languageId: 'yaml', version: 1, text: broken } });
    // The broken file has dariga-x (first) and dariga-n (second): no duplicate yet — make one.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf('people.kb.yaml'), version: 2 },
      contentChanges: [{ text: broken.replace('id: dariga-x', 'id: dariga-n').replace('name: Ministry of Foreign Affairs of Luxembourg', 'name: Other') }],
    });
    const kd = await kbDiags;
    assert.ok(kd.some((d) => d.code === 'kb.duplicate-id' && d.range.start.line === 7), JSON.stringify(kd));
    // With two dariga-n, the later one hides the first: the document's person is still known.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf('people.kb.yaml'), version: 3 },
      contentChanges: [{ text: PEOPLE.replace(/dariga-n/g, 'dariga-z') }],
    });
    const after = await docAfter;
    assert.deepEqual(after.map((d) => d.code), ['entity.unknown-id']);
  });

  it('goes to the definition in the YAML, finds references across files, renames everywhere', async () => {
    fs.writeFileSync(path.join(dir, 'other.press'), 'Later, [Dariga]{person:dariga-n} spoke.\n');
    const text = '[Dariga Nazarbayeva]{person:dariga-n} met [Luxembourg]{country:LU}.';
    await open('e.press', text);
    const at = pos(text, 'Dariga', 1);
    const def = (await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: uriOf('e.press') }, position: at })) as Location;
    assert.equal(def.uri, uriOf('people.kb.yaml'));
    assert.equal(def.range.start.line, 1);
    const builtin = (await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: uriOf('e.press') }, position: pos(text, 'Luxembourg', 1) })) as Location;
    assert.equal(builtin.uri, 'pressmark-kb:/country/LU.yaml');
    const entry = (await client.conn.sendRequest('pressmark/builtinEntry', { uri: builtin.uri })) as string;
    assert.match(entry, /name: "Luxembourg"/);

    const refs = (await client.conn.sendRequest('textDocument/references', { textDocument: { uri: uriOf('e.press') }, position: at, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map((r) => path.basename(r.uri)).sort(), ['e.press', 'other.press', 'people.kb.yaml']);

    const prep = await client.conn.sendRequest('textDocument/prepareRename', { textDocument: { uri: uriOf('e.press') }, position: at });
    assert.deepEqual((prep as { placeholder: string }).placeholder, 'dariga-n');
    const edit = (await client.conn.sendRequest('textDocument/rename', { textDocument: { uri: uriOf('e.press') }, position: at, newName: 'dariga-nazarbayeva' })) as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes!).map((u) => path.basename(u)).sort(), ['e.press', 'other.press', 'people.kb.yaml']);
    assert.ok(Object.values(edit.changes!).flat().every((e) => e.newText === 'dariga-nazarbayeva'));
    await assert.rejects(
      client.conn.sendRequest('textDocument/prepareRename', { textDocument: { uri: uriOf('e.press') }, position: pos(text, 'Luxembourg', 1) }),
      /built-in/,
    );
  });

  it('reports a name not in use at the publication date', async () => {
    const ds = await open('f.press', '---\ndate: 2023-05-01\n---\n[Nur-Sultan]{place:G1526273} hosted the meeting.\n');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'entity.name-not-current');
    assert.equal(ds[0].severity, 3);
    assert.match(ds[0].message as string, /2019-03-23.*2022-09-17.*Astana/);
  });
});
