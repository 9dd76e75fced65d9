/**
 * The server keeps serving: malformed and unknown requests, params of the wrong shape, closed
 * and stale documents, a 20 MB document, a failing feature, hostile knowledge-base files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');

describe('the server keeps serving', function () {
  this.timeout(60_000);
  let client: TestClient;
  afterEach(async () => client && (await client.stop()));

  it('answers requests with params of the wrong shape, for unknown and closed documents', async () => {
    client = startServer();
    await client.initialize();
    for (const params of [{}, { textDocument: null }, { textDocument: { uri: 42 }, position: 'x' }, { textDocument: { uri: 'file:///nope.press' }, position: { line: 0, character: 0 } }]) {
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/definition', 'textDocument/references', 'textDocument/codeAction', 'textDocument/inlayHint']) {
        await client.conn.sendRequest(method, params).catch((e: Error) => assert.doesNotMatch(String(e), /crash|exited/i));
      }
    }
    // Notifications with broken params, a document closed twice, an edit to a closed document.
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///x.press' } });
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never-opened.press' } });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.press', version: 9 }, contentChanges: [{ text: 'x' }] });
    await assert.rejects(client.conn.sendRequest('pressmark/noSuchMethod', {}), /Unhandled method|not found/i);
    // Still serving:
    const uri = 'file:///alive.press';
    const got = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '[x]{}' } });
    assert.deepEqual((await got).map((d) => d.code), ['syntax.missing-type']);
    assert.equal(client.proc.exitCode, null);
  });

  it('degrades on a 20 MB document, says so once, and answers a hover on a small one', async () => {
    client = startServer();
    await client.initialize();
    const body = EXAMPLE.split('---\n').slice(2).join('---\n');
    let big = '---\ndate: 2022-06-29\n---\n';
    while (big.length < 20_000_000) big += body;
    const bigUri = 'file:///big.press';
    const small = 'file:///small.press';
    const bigDiags = client.diagnostics(bigUri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'pressmark', version: 1, text: big } });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'pressmark', version: 1, text: '[Kazakhstan]{country:KZ}' } });
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 3 } })) as Hover;
    assert.match((h.contents as { value: string }).value, /Kazakhstan/);
    const ds = await bigDiags;
    assert.deepEqual(ds.filter((d) => d.code === 'document.too-large').length, 1);
    const tokens = (await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: bigUri } })) as { data: number[] };
    assert.deepEqual(tokens.data, []);
  });

  it('a feature that throws costs its own answer only, and is logged', async () => {
    client = startServer({ PRESSMARK_FAULT_INJECTION: 'hover' });
    await client.initialize();
    const uri = 'file:///f.press';
    const got = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '[Kazakhstan]{country:KZ}' } });
    await got;
    const logged = new Promise<string>((resolve) =>
      client.conn.onNotification('window/logMessage', (p: { message: string }) => {
        if (p.message.includes('hover failed')) resolve(p.message);
      }),
    );
    assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }), null);
    assert.match(await logged, /fault injected into hover/);
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.equal(symbols.length, 1);
  });

  it('drops stale work: only the last of fast edits is published', async () => {
    client = startServer();
    await client.initialize();
    const uri = 'file:///fast.press';
    const last = client.diagnostics(uri, (p) => p.version === 50);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '' } });
    for (let v = 2; v <= 50; v++) {
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `[x]{} ${v}` }] });
    }
    await last;
    const published = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(published.length < 49, `published ${published.length} times for 49 edits`);
    assert.equal(published[published.length - 1], 50);
  });

  it('an alias-bomb knowledge-base file gets a diagnostic within a second, then a hover is answered', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-bomb-'));
    try {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
        .concat(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `${k}: &${k} [${Array(10).fill('*' + 'abcdefghi'[i]).join(',')}]`))
        .concat(['entities: [*i]'])
        .join('\n');
      const kbUri = pathToFileURL(path.join(dir, 'bomb.kb.yaml')).toString();
      client = startServer();
      await client.initialize({ rootUri: pathToFileURL(dir).toString() });
      const diags = client.diagnostics(kbUri);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: kbUri, languageId: 'yaml', version: 1, text: bomb } });
      const ds = await diags;
      assert.ok(ds.length >= 1 && ds.every((d) => String(d.code).startsWith('kb.')), JSON.stringify(ds));
      const uri = pathToFileURL(path.join(dir, 'a.press')).toString();
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '[Kazakhstan]{country:KZ}' } });
      const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } })) as Hover;
      assert.match((h.contents as { value: string }).value, /Astana/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 50 MB knowledge-base file is refused with a diagnostic, not read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-huge-'));
    try {
      const file = path.join(dir, 'huge.kb.yaml');
      const line = '  - {id: p0, type: person, name: Person Zero}\n';
      fs.writeFileSync(file, 'entities:\n' + line.repeat(Math.ceil(50_000_000 / line.length)));
      client = startServer();
      await client.initialize({ rootUri: pathToFileURL(dir).toString() });
      const uri = pathToFileURL(file).toString();
      const diags = client.diagnostics(uri);
      // The editor opens it (VS Code does not send files over 50 MB; a smaller editor might).
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
      assert.deepEqual((await diags).map((d) => d.code), ['kb.too-large']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads no knowledge-base file outside the workspace, nor any named by configuration when untrusted', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-outside-'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-ws-'));
    try {
      fs.writeFileSync(path.join(outside, 'people.kb.yaml'), 'entities:\n  - {id: far, type: person, name: Far Away}\n');
      fs.writeFileSync(path.join(dir, 'pressmark.yaml'), `knowledgeBase:\n  - ${path.join(outside, 'people.kb.yaml')}\n`);
      fs.writeFileSync(path.join(dir, 'near.kb.yaml'), 'entities:\n  - {id: near, type: person, name: Near By}\n');
      client = startServer();
      await client.initialize({ rootUri: pathToFileURL(dir).toString() });
      const uri = pathToFileURL(path.join(dir, 'a.press')).toString();
      const got = client.diagnostics(uri);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '[Near By]{person:near} [Far Away]{person:far}' } });
      assert.deepEqual((await got).map((d) => [d.code, d.range.start.character]), [['entity.unknown-id', 41]]);
      await client.stop();

      // Untrusted: even a file inside the workspace that pressmark.yaml names is not read.
      fs.mkdirSync(path.join(dir, 'kb'));
      fs.renameSync(path.join(dir, 'near.kb.yaml'), path.join(dir, 'kb', 'near.yaml'));
      fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'knowledgeBase:\n  - kb/near.yaml\n');
      for (const trusted of [true, false]) {
        client = startServer();
        await client.initialize({ rootUri: pathToFileURL(dir).toString(), initializationOptions: { trusted } });
        const u = pathToFileURL(path.join(dir, `t-${trusted}.press`)).toString();
        const d = client.diagnostics(u);
        await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'pressmark', version: 1, text: '[Near By]{person:near}' } });
        // Trusted: the person is known. Untrusted: no person KB at all, so person ids are not checked.
        assert.deepEqual((await d).map((x) => x.code), []);
        const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 2 } })) as Hover;
        assert.equal(/Near By/.test((h.contents as { value: string }).value) && /person `near`/.test((h.contents as { value: string }).value), trusted);
        await client.stop();
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('1,000 didChange in one write: one analysis of the last version, and a hover after them is answered (issue 12, item 15)', async () => {
    client = startServer();
    await client.initialize();
    const body = EXAMPLE.split('---\n').slice(2).join('---\n');
    let text = '---\ndate: 2022-06-29\n---\n';
    while (text.length < 11_000) text += body;
    const uri = 'file:///burst.press';
    const opened = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
    await opened;
    const before = client.published.length;
    const line = text.split('\n').length - 1; // typing at the end of the last line
    let character = text.split('\n')[line].length;
    const last = client.diagnostics(uri, (p) => p.version === 1001, 60_000);
    client.writeNotifications(
      Array.from({ length: 1000 }, (_, i) => ({
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: { line, character }, end: { line, character: character++ } }, text: 'x' }] },
      })),
    );
    const at = text.split('\n').findIndex((l) => l.includes('[Kazakhstan]'));
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: at, character: text.split('\n')[at].indexOf('[Kazakhstan]') + 2 } })) as Hover;
    assert.match((h.contents as { value: string }).value, /Kazakhstan/);
    await last;
    const published = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(published.length <= 3, `published ${published.length} times for one burst: ${published.slice(0, 10).join(', ')}...`);
    assert.equal(published[published.length - 1], 1001);
  });

  it('after shutdown, requests are refused with InvalidRequest and nothing is analysed (issue 12, low severity)', async () => {
    client = startServer();
    await client.initialize();
    const uri = 'file:///late.press';
    await client.conn.sendRequest('shutdown');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: '[x]{}' } });
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['pressmark/statistics', { uri }],
    ] as const) {
      await assert.rejects(client.conn.sendRequest(method, params), (e: { code?: number }) => e.code === -32600, method);
    }
    // Before the fix the didOpen was analysed and published before the hover was answered.
    assert.deepEqual(client.published.filter((p) => p.uri === uri), []);
  });

  it('a URI opened again with the same version but another text is analysed afresh (issue 12, low severity)', async () => {
    client = startServer();
    await client.initialize({ pull: true });
    const uri = 'file:///again.press';
    const open = (text: string) => client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
    const seen = async () => ({
      codes: ((await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items.map((d) => d.code),
      symbols: ((await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string }>).map((x) => x.name),
    });
    // Closed in between, and not (a client that lost track of it): the new text wins.
    for (const closed of [true, false]) {
      await open('[x]{}');
      assert.deepEqual(await seen(), { codes: ['syntax.missing-type'], symbols: ['(no type)'] });
      if (closed) await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await open('[Kazakhstan]{country:KZ}');
      assert.deepEqual(await seen(), { codes: [], symbols: ['country'] }, closed ? 'closed, then opened' : 'opened again');
      await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  });

  it('pre-annotation with `types` as a string annotates that type only; other shapes are refused (issue 12, low severity)', async () => {
    client = startServer();
    await client.initialize();
    const uri = 'file:///types.press';
    const got = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: 'Kazakhstan and the OSCE met in Astana.' } });
    await got;
    const all = (await client.conn.sendRequest('pressmark/preannotate', { uri })) as { counts: Record<string, number> };
    assert.deepEqual(Object.keys(all.counts).sort(), ['country', 'org', 'place']);
    const one = (await client.conn.sendRequest('pressmark/preannotate', { uri, types: 'country' })) as { counts: Record<string, number> };
    assert.deepEqual(one.counts, { country: 1 });
    for (const types of [42, { country: true }, ['country', 7]]) {
      await assert.rejects(client.conn.sendRequest('pressmark/preannotate', { uri, types }), (e: { code?: number }) => e.code === -32602, JSON.stringify(types));
    }
    // The server command: its second argument, the same way.
    let applied: unknown;
    client.conn.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
      applied = p.edit;
      return { applied: true };
    });
    const r = (await client.conn.sendRequest('workspace/executeCommand', { command: 'pressmark.server.preannotate', arguments: [uri, 'country'] })) as { counts: Record<string, number> };
    assert.deepEqual(r.counts, { country: 1 });
    assert.match(JSON.stringify(applied), /\{country:KZ\}/);
    assert.doesNotMatch(JSON.stringify(applied), /\{(org|place):/);
  });
});
