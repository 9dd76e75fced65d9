import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, DocumentDiagnosticReport, DocumentSymbol, Hover, SemanticTokens } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
const BROKEN = '---\ndate: 2022-13-45\n---\n[Kazakhstan{country:KZ} and [x]{} and [y]{cuontry:KZ}.\n';

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;
  afterEach(async () => client && (await client.stop()));

  it('answers initialize with its capabilities', async () => {
    client = startServer();
    const r = await client.initialize();
    const c = r.capabilities;
    assert.ok(c.hoverProvider);
    assert.ok(c.completionProvider?.triggerCharacters?.includes('{'));
    assert.ok(c.codeActionProvider);
    assert.ok(c.semanticTokensProvider?.legend.tokenTypes.includes('country'));
    assert.ok(c.documentSymbolProvider);
    assert.ok(c.foldingRangeProvider);
    assert.equal((c.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.equal(c.diagnosticProvider, undefined, 'no pull diagnostics for a client without them');
    assert.equal(r.serverInfo?.name, 'pressmark');
  });

  it('publishes diagnostics, follows incremental edits, and clears them', async () => {
    client = startServer();
    await client.initialize();
    const uri = 'file:///tmp/pressmark-test/broken.press';
    const first = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: BROKEN } });
    const ds = await first;
    assert.deepEqual(ds.map((d) => d.code), ['frontmatter.invalid-date', 'syntax.unclosed-label', 'syntax.missing-type', 'syntax.unknown-type']);
    assert.deepEqual(ds[0].range, { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } });

    // Fix the date with an incremental edit: the date diagnostic goes away.
    const second = client.diagnostics(uri, (p) => p.version === 2);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } }, text: '2022-06-29' }],
    });
    assert.deepEqual((await second).map((d) => d.code), ['syntax.unclosed-label', 'syntax.missing-type', 'syntax.unknown-type']);

    const cleared = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  });

  it('returns pull diagnostics when the client supports them, with settings applied', async () => {
    client = startServer();
    const r = await client.initialize({ pull: true, configuration: { rules: { 'syntax.unknown-type': 'off' } } });
    assert.ok(r.capabilities.diagnosticProvider);
    const uri = 'file:///tmp/pressmark-test/pull.press';
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: BROKEN } });
    const report = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    assert.deepEqual((report as { items: Array<{ code: string }> }).items.map((d) => d.code), ['frontmatter.invalid-date', 'syntax.unclosed-label', 'syntax.missing-type']);
  });

  it('serves hover, completion, code actions, semantic tokens and symbols on the example', async () => {
    client = startServer();
    // The examples folder is the workspace: its kazinform.kb.yaml defines the people and ministries.
    await client.initialize({ rootUri: pathToFileURL(path.join(ROOT, 'examples')).toString() });
    const uri = pathToFileURL(path.join(ROOT, 'examples/kazinform-2022-06-29.press')).toString();
    const clean = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: EXAMPLE } });
    assert.deepEqual(await clean, []);
    const lines = EXAMPLE.split('\n');
    const line = lines.findIndex((l) => l.includes('[Kazakhstan]{country:KZ}'));
    const character = lines[line].indexOf('[Kazakhstan]') + 3;
    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /country.*KZ/);

    const tokens = (await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
    assert.ok(tokens.data.length > 5 * 50);
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['front matter', 'place', 'org', 'date', 'country', 'duration', 'person']);

    // Type `]{` after a word and ask for completion.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '[Astana]{' }],
    });
    const list = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 9 } })) as CompletionList;
    assert.ok(list.items.some((i) => i.label === 'place'));
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 7, character: 8 }, end: { line: 7, character: 8 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Close the annotation with `}`'), JSON.stringify(actions.map((a) => a.title)));
  });

  it('never fails a request: unknown documents, bad positions, unknown methods', async () => {
    client = startServer();
    await client.initialize();
    const uri = 'file:///nowhere/unknown.press';
    assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: 'x' } });
    assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: -5 } }), null);
    await assert.rejects(client.conn.sendRequest('pressmark/noSuchMethod', {}), /Unhandled method|not found/i);
    // Still alive:
    const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols, []);
  });

  it('reads pressmark.yaml from the workspace and reports its own problems', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-ws-'));
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'types:\n  ship:\n    id: required\nrules:\n  syntax.empty-label: off\n');
    try {
      client = startServer();
      await client.initialize({ rootUri: pathToFileURL(dir).toString() });
      const uri = pathToFileURL(path.join(dir, 'a.press')).toString();
      const got = client.diagnostics(uri);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '[Aurora]{ship} []{place}' } });
      assert.deepEqual((await got).map((d) => d.code), ['annotation.missing-id']);

      const schemaUri = pathToFileURL(path.join(dir, 'pressmark.yaml')).toString();
      const schemaDiags = client.diagnostics(schemaUri);
      // The open, edited schema applies to the document at once: `ship` takes an optional id again.
      const after = client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'annotation.missing-id'));
      await client.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: schemaUri, languageId: 'yaml', version: 1, text: 'types:\n  ship:\n    id: sometimes\n' },
      });
      assert.deepEqual((await schemaDiags).map((d) => d.code), ['schema.invalid-value']);
      assert.deepEqual((await after).map((d) => d.code), ['syntax.empty-label']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
