/**
 * Hostile YAML and workspace files over stdio (issue 12, items 1, 2 and 16): the server survives
 * deeply nested YAML in front matter, in a `*.kb.yaml` of an untrusted workspace and in
 * `pressmark.yaml`; a `pressmark.yaml` that is a device or a FIFO gets a diagnostic instead of a
 * frozen server; a FIFO named `x.press` does not block references. Mocha's timeout is the hang
 * detector: every wait is on a notification or an answer.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../support/lspClient';

/** The 2 KB input of the issue: 1,000 `[` then 1,000 `]`. */
const DEEP = '['.repeat(1000) + ']'.repeat(1000);
const BODY = '[Kazakhstan]{country:KZ} and Luxembourg.';

describe('hostile YAML and workspace files (issue 12)', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-hostile-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  async function open(name: string, text: string, languageId = 'pressmark'): Promise<Diagnostic[]> {
    const got = client!.diagnostics(uriOf(name));
    await client!.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId, version: 1, text } });
    return got;
  }
  async function hoverKazakhstan(name: string): Promise<string> {
    const h = (await client!.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(name) }, position: { line: 0, character: 2 } })) as Hover;
    return (h.contents as { value: string }).value;
  }

  it('survives typing one character into front matter holding a 1,000-deep flow sequence', async () => {
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
    const text = `---\n${DEEP}\n---\n${BODY}`;
    const first = await open('a.press', text);
    assert.deepEqual(first.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['frontmatter.too-deep', 1, 64], ['mention.unannotated', 3, 29]]);
    // One character typed (the front matter is parsed again: before, the second parse aborted the server).
    for (const [version, at] of [[2, { line: 3, character: 0 }], [3, { line: 1, character: 500 }]] as const) {
      const next = client.diagnostics(uriOf('a.press'), (p) => p.version === version);
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: uriOf('a.press'), version },
        contentChanges: [{ range: { start: at, end: at }, text: 'x' }],
      });
      assert.deepEqual((await next).map((d) => d.code), ['frontmatter.too-deep', 'mention.unannotated']);
    }
    await open('b.press', BODY);
    assert.match(await hoverKazakhstan('b.press'), /Kazakhstan/);
    assert.equal(client.proc.exitCode, null);
  });

  it('opening a 1,000-deep *.kb.yaml in an untrusted workspace: a diagnostic in that file and nothing else', async () => {
    // On disk too: the file is read once by the workspace scan, then again when opened.
    fs.writeFileSync(path.join(dir, 'deep.kb.yaml'), DEEP);
    fs.writeFileSync(path.join(dir, 'people.kb.yaml'), 'entities:\n  - {id: near, type: person, name: Near By}\n');
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString(), initializationOptions: { trusted: false } });
    const ds = await open('deep.kb.yaml', DEEP, 'yaml');
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.character]), [['kb.too-deep', 64]]);
    // The other files of the workspace are read; a document is checked against them.
    assert.deepEqual((await open('a.press', `${BODY} [Near By]{person:nearly}`)).map((d) => d.code), ['mention.unannotated', 'entity.unknown-id']);
    assert.match(await hoverKazakhstan('a.press'), /Kazakhstan/);
    assert.equal(client.proc.exitCode, null);
  });

  it('a 1,000-deep pressmark.yaml: the documents it applies to say it is not read', async () => {
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), DEEP);
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
    const ds = await open('a.press', BODY);
    assert.deepEqual(ds.map((d) => d.code), ['schema.unreadable', 'mention.unannotated']);
    assert.match(String(ds[0].message), /pressmark\.yaml nests lists and mappings more than 64 levels deep/);
    assert.deepEqual((await open('pressmark.yaml', DEEP, 'yaml')).map((d) => d.code), ['schema.too-deep']);
  });

  for (const [what, make, kind] of [
    ['a symbolic link to /dev/zero', (f: string) => fs.symlinkSync('/dev/zero', f), /a symbolic link to \/dev\/zero, outside the workspace/],
    ['a FIFO', (f: string) => execFileSync('mkfifo', [f]), /a FIFO/],
  ] as const) {
    it(`pressmark.yaml as ${what}: a diagnostic on the document, no hang, then a hover is answered`, async () => {
      make(path.join(dir, 'pressmark.yaml'));
      client = startServer();
      await client.initialize({ rootUri: pathToFileURL(dir).toString() });
      const ds = await open('a.press', BODY);
      assert.deepEqual(ds.map((d) => d.code), ['schema.unreadable', 'mention.unannotated']);
      assert.deepEqual(ds[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.ok(String(ds[0].message).includes(path.join(dir, 'pressmark.yaml')), String(ds[0].message));
      assert.match(String(ds[0].message), kind);
      assert.match(await hoverKazakhstan('a.press'), /Kazakhstan/);
    });
  }

  it('a FIFO named x.press announced by a watcher event: the next references request is answered', async () => {
    fs.writeFileSync(path.join(dir, 'other.press'), 'Then [Kazakhstan]{country:KZ} again.\n');
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
    await open('a.press', BODY);
    const refs = async () =>
      ((await client!.conn.sendRequest('textDocument/references', { textDocument: { uri: uriOf('a.press') }, position: { line: 0, character: 2 }, context: { includeDeclaration: false } })) as Location[])
        .map((l) => path.basename(l.uri))
        .sort();
    assert.deepEqual(await refs(), ['a.press', 'other.press']);
    execFileSync('mkfifo', [path.join(dir, 'x.press')]);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('x.press'), type: 1 }] });
    assert.deepEqual(await refs(), ['a.press', 'other.press']);
    assert.equal(client.proc.exitCode, null);
  });

  it('a FIFO x.kb.yaml announced by a watcher event: not read, not blocking, never offered as a knowledge-base file to write to', async () => {
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
    const ds = await open('acme.press', '[Acme Corp]{org:ACME} said.');
    const d = ds.find((x) => x.code === 'entity.unknown-id')!;
    execFileSync('mkfifo', [path.join(dir, 'x.kb.yaml')]);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('x.kb.yaml'), type: 1 }] });
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf('acme.press') }, range: d.range, context: { diagnostics: [d] } })) as Array<{ title: string }>;
    const adds = actions.map((a) => a.title).filter((t) => t.startsWith('Add org'));
    assert.deepEqual(adds, ['Add org `ACME` (Acme Corp) to pressmark.kb.yaml']);
  });

  it('a knowledgeBase: entry leaving the workspace is a diagnostic in pressmark.yaml, at the entry', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-secret-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.yaml'), 'password: hunter2\n');
      fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'inside.kb.yaml'));
      const schema = `knowledgeBase:\n  - ${path.relative(dir, path.join(outside, 'secret.yaml'))}\n  - inside.kb.yaml\n  - /dev/zero\n`;
      fs.writeFileSync(path.join(dir, 'pressmark.yaml'), schema);
      client = startServer();
      await client.initialize({ rootUri: pathToFileURL(dir).toString() });
      const ds = await open('pressmark.yaml', schema, 'yaml');
      assert.deepEqual(ds.map((d) => [d.code, d.range.start.line, d.range.start.character]), [
        ['schema.kb-file-refused', 1, 4],
        ['schema.kb-file-refused', 2, 4],
        ['schema.kb-file-refused', 3, 4],
      ]);
      assert.match(String(ds[1].message), /outside the workspace once its symbolic links are followed/);
      assert.ok(ds.every((d) => !/password|hunter2/.test(String(d.message))));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
