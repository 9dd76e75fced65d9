/**
 * The readability requests over stdio: `pressmark/markup` (the client's decorations),
 * `pressmark/status` (the language status item), and the entity-name inlay hints with their
 * setting `pressmark.inlayHints.entityNames`.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InlayHint, Range } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

const WORKSPACE = pathToFileURL(path.join(ROOT, 'examples')).toString();
const URI = pathToFileURL(path.join(ROOT, 'examples/readable-test.press')).toString();
const TEXT = '---\ndate: 2022-06-29\n---\n[Kazakhstan]{country:KZ} met in the [Austrian capital]{place:G2761369}.\n\nLuxembourg and [Xavier Bettel]{person:xavier-bettel} too.\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
const line = (n: number, a: number, b: number): Range => ({ start: { line: n, character: a }, end: { line: n, character: b } });

describe('language server over stdio: readability', function () {
  this.timeout(30_000);
  let client: TestClient;
  afterEach(async () => client && (await client.stop()));

  async function open(configuration?: Record<string, unknown>) {
    client = startServer();
    await client.initialize({ rootUri: WORKSPACE, configuration });
    const published = client.diagnostics(URI);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'pressmark', version: 1, text: TEXT } });
    await published;
  }

  it('pressmark/markup: the markup and labels of the annotations in the ranges asked', async () => {
    await open();
    const all = (await client.conn.sendRequest('pressmark/markup', { uri: URI })) as { markup: Range[]; labels: Array<{ type: string; range: Range }> };
    assert.deepEqual(all.labels.map((l) => l.type), ['country', 'place', 'person']);
    assert.deepEqual(all.markup.slice(0, 2), [line(3, 0, 1), line(3, 11, 24)]);
    const last = (await client.conn.sendRequest('pressmark/markup', { uri: URI, ranges: [line(5, 0, 60)] })) as { labels: Array<{ type: string }> };
    assert.deepEqual(last.labels.map((l) => l.type), ['person']);
    // Malformed ranges are left out, never a failure; an unknown document is null.
    const bad = (await client.conn.sendRequest('pressmark/markup', { uri: URI, ranges: [{ start: 1 }, null, 'x'] })) as { labels: unknown[] };
    assert.deepEqual(bad.labels, []);
    assert.equal(await client.conn.sendRequest('pressmark/markup', { uri: 'file:///nowhere.press' }), null);
  });

  it('pressmark/status: the knowledge base with the workspace files, the suggestions left', async () => {
    await open();
    const s = (await client.conn.sendRequest('pressmark/status', { uri: URI })) as { kb: { byType: Record<string, number>; workspace: number; total: number }; suggestions: number; syntaxOnly: boolean };
    assert.equal(s.syntaxOnly, false);
    assert.equal(s.suggestions, 1); // Luxembourg
    assert.ok(s.kb.workspace >= 1, 'examples/kazinform.kb.yaml is read');
    assert.ok(s.kb.byType.person >= 1 && s.kb.byType.country > 200);
    assert.equal(await client.conn.sendRequest('pressmark/status', { uri: 42 }), null);
  });

  it('pressmark/status above pressmark.analysis.maxDocumentSize: syntax only', async () => {
    await open({ analysis: { maxDocumentSize: 20 } });
    const s = (await client.conn.sendRequest('pressmark/status', { uri: URI })) as { suggestions?: number; syntaxOnly: boolean; maxDocumentSize: number };
    assert.equal(s.syntaxOnly, true);
    assert.equal(s.suggestions, undefined);
    assert.equal(s.maxDocumentSize, 20);
  });

  it('inlay hints: Vienna after G2761369; pressmark.inlayHints.entityNames false turns them off (nested or dotted)', async () => {
    await open();
    const names = async () => ((await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: WHOLE })) as InlayHint[]).map((h) => String(h.label));
    assert.deepEqual(await names(), ['Vienna']);
    await client.stop();
    await open({ inlayHints: { entityNames: false } });
    assert.deepEqual(await names(), []);
    await client.stop();
    await open({ 'inlayHints.entityNames': false });
    assert.deepEqual(await names(), []);
  });
});
