/** The requests behind "Pressmark: Import Press Release" and "Pressmark: Compare With...". */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

describe('corpus requests over LSP', function () {
  this.timeout(30_000);
  let client: TestClient;
  afterEach(async () => client && (await client.stop()));

  it('pressmark/importRelease turns the scraped seed into a .press text', async () => {
    client = startServer();
    await client.initialize();
    const raw = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.txt'), 'utf8');
    const r = (await client.conn.sendRequest('pressmark/importRelease', { text: raw })) as { text: string; problems: string[] };
    assert.match(r.text, /^---\n(?:.*\n)*date: 2022-06-29\n(?:.*\n)*---\n/);
    assert.match(r.text, /dateline: Nur-Sultan/);
    assert.match(r.text, /source: Kazinform/);
    assert.match(r.text.split('---\n')[2], /^Today, on 29 June 2022/);
    const annotated = (await client.conn.sendRequest('pressmark/importRelease', { text: raw, annotate: true })) as { text: string };
    assert.match(annotated.text, /\[Luxembourg\]\{country:LU\}/);
    const bad = (await client.conn.sendRequest('pressmark/importRelease', { text: 42 })) as { text: null; problems: string[] };
    assert.equal(bad.text, null);
  });

  it('pressmark/compare reports exactly the three changed annotations', async () => {
    client = startServer();
    await client.initialize();
    const text = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    const other = text
      .replace('[Today]{date:2022-06-29}', '[Today]{date:2022-06-28}')
      .replace('[Xavier Bettel]{person:xavier-bettel}', 'Xavier Bettel')
      .replace('[2017]{date:2017}', '[2017]{date:2016}');
    const uri = pathToFileURL(path.join(ROOT, 'examples/kazinform-2022-06-29.press')).toString();
    const got = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
    await got;
    const found = (await client.conn.sendRequest('pressmark/compare', { uri, other })) as Array<{ range: { start: { line: number; character: number } }; message: string }>;
    assert.equal(found.length, 3, JSON.stringify(found));
    const lines = text.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return { line, character: lines[line].indexOf(needle) };
    };
    assert.deepEqual(found.map((f) => f.range.start).sort((a, b) => a.line - b.line || a.character - b.character), [at('[Today]'), at('[Xavier Bettel]'), at('[2017]')]);
  });
});
