/**
 * textDocument/semanticTokens/full/delta over LSP (issue 16 item 5): after an edit, the server
 * sends the tokens that changed, not the whole array, and the edit applied to the client's
 * tokens gives exactly the document's new tokens.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InitializeResult, SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

function apply(data: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const out = [...data];
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return out;
}

describe('semantic tokens delta over LSP', function () {
  this.timeout(30_000);
  let client: TestClient;
  afterEach(() => client.stop());

  it('an edit gets a delta smaller than the full token array, and the delta is exact', async () => {
    client = startServer();
    const init: InitializeResult = await client.initialize();
    const provider = init.capabilities.semanticTokensProvider as { full?: { delta?: boolean } };
    assert.equal(provider.full?.delta, true, 'semanticTokens/full/delta is offered');

    const example = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    const text = Array.from({ length: 5 }, () => example).join('\n');
    const uri = 'file:///tmp/pressmark-delta/doc.press';
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
    const full = (await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
    assert.ok(full.resultId, 'a full answer has a resultId');
    assert.ok(full.data.length > 500, `${full.data.length} integers`);

    // Annotate a word in the middle of the document, as a person types it.
    const lines = text.split('\n');
    const line = Math.floor(lines.length / 2);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '[Astana]{place} ' }],
    });
    const delta = (await client.conn.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: full.resultId })) as SemanticTokensDelta;
    assert.ok(Array.isArray(delta.edits), `a delta, not ${JSON.stringify(delta).slice(0, 80)}`);
    const sent = delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0);
    assert.ok(sent > 0 && sent < full.data.length / 10, `${sent} integers sent for ${full.data.length}`);

    const after = (await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
    assert.deepEqual(apply(full.data, delta.edits), after.data);
    assert.notEqual(after.data.length, full.data.length, 'the edit added tokens');
  });
});
