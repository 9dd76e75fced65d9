/**
 * Assisted annotation over stdio: the seed release with its annotations removed gets
 * `mention.unannotated` diagnostics; the quick-fix on Luxembourg; pre-annotation (custom request
 * and the server command that applies its edit); statistics; workspace symbols; the fix that
 * creates a workspace knowledge-base file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { applyEdits, words } from '../support/marked';

const SEED = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');

function stripped(): string {
  const doc = parse(SEED);
  return SEED.slice(0, doc.bodyStart) + plainText(doc).text;
}

describe('assisted annotation over LSP', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  const uriOf = (f: string) => pathToFileURL(path.join(dir, f)).toString();
  const open = async (file: string, text: string) => {
    const got = client.diagnostics(uriOf(file));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'pressmark', version: 1, text } });
    return got;
  };
  const start = async (withKb: boolean) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-assist-'));
    if (withKb) fs.copyFileSync(path.join(ROOT, 'examples/kazinform.kb.yaml'), path.join(dir, 'kazinform.kb.yaml'));
    fs.writeFileSync(path.join(dir, 'seed.press'), SEED);
    client = startServer();
    return client.initialize({ rootUri: pathToFileURL(dir).toString() });
  };
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bar: every seed mention as a suggestion (a hint); Ctrl+. on Luxembourg annotates it as country LU; annotate all in one edit', async () => {
    const init = await start(true);
    assert.ok(init.capabilities.workspaceSymbolProvider);
    const text = stripped();
    const lines = parse(text).lines;
    const ds = (await open('plain.press', text)).filter((d) => d.code === 'mention.unannotated');
    const spans = ds.map((d) => lines.span(d.range));
    const said = spans.map((s) => text.slice(s.start, s.end));
    assert.equal(said.filter((t) => t === 'Kazakhstan').length, 5);
    assert.equal(said.filter((t) => t === 'Luxembourg').length, 7);
    for (const t of ['OSCE Parliamentary Assembly', 'Parliamentary Assembly of the Council of Europe', 'Today', '29 June 2022', '2015', '2017', '2020', 'the past three decades']) assert.ok(said.includes(t), t);
    assert.ok(!said.includes('Europe'));
    assert.ok(ds.every((d) => d.severity === 4), 'suggestions are hints by default (issue 14)');

    const lu = ds[said.indexOf('Luxembourg')];
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('plain.press') },
      range: lu.range,
      context: { diagnostics: [lu], triggerKind: 1 },
    })) as CodeAction[];
    assert.equal(actions[0].title, 'Annotate as country LU (Luxembourg)');
    assert.equal(actions[0].isPreferred, true);
    const one = applyEdits(text, lines, actions[0].edit!.changes![uriOf('plain.press')] as TextEdit[]);
    assert.ok(one.includes(' and [Luxembourg]{country:LU} commemorate'));
    assert.deepEqual(words(plainText(parse(one)).text), words(plainText(parse(text)).text));

    const all = actions.find((a) => a.title === 'Annotate all 7 mentions as country LU (Luxembourg)')!;
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const every = applyEdits(text, lines, all.edit!.changes![uriOf('plain.press')] as TextEdit[]);
    assert.equal(every.split('[Luxembourg]{country:LU}').length - 1, 7);
    assert.deepEqual(words(plainText(parse(every)).text), words(plainText(parse(text)).text));
  });

  it('pressmark/preannotate returns one edit; the server command applies it through workspace/applyEdit', async () => {
    await start(true);
    const text = stripped();
    await open('plain.press', text);
    const r = (await client.conn.sendRequest('pressmark/preannotate', { uri: uriOf('plain.press'), types: ['country'] })) as { edit: WorkspaceEdit; counts: Record<string, number>; available: Record<string, number> };
    assert.deepEqual(r.counts, { country: 12 });
    assert.ok(r.available.org >= 5 && r.available.date >= 5);
    const out = applyEdits(text, parse(text).lines, r.edit.changes![uriOf('plain.press')]);
    assert.equal(parse(out).all.length, 12);

    const applied = new Promise<WorkspaceEdit>((resolve) => {
      client.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
        resolve(p.edit);
        return { applied: true };
      });
    });
    const result = (await client.conn.sendRequest('workspace/executeCommand', { command: 'pressmark.server.preannotate', arguments: [uriOf('plain.press'), ['org', 'date']] })) as { applied: boolean; counts: Record<string, number> };
    assert.equal(result.applied, true);
    assert.ok(result.counts.org >= 5 && result.counts.date >= 5 && !result.counts.country);
    const edit = await applied;
    const after = parse(applyEdits(text, parse(text).lines, edit.changes![uriOf('plain.press')]));
    assert.deepEqual(after.problems, []);
    assert.ok(after.all.some((a) => a.type === 'org' && a.id === 'PACE' && a.text === 'Parliamentary Assembly of the Council of Europe'));
  });

  it('statistics and workspace symbols cover the workspace’s .press files', async () => {
    await start(true);
    await open('plain.press', stripped());
    const stats = (await client.conn.sendRequest('pressmark/statistics', { uri: uriOf('plain.press') })) as { markdown: string };
    assert.match(stats.markdown, /## This document \(plain\.press\)\n\n0 annotations/);
    assert.match(stats.markdown, /\| country \| 0 \| {2}\| 12 \|/);
    assert.match(stats.markdown, /## Workspace\n\n2 documents, 32 annotations/);
    assert.match(stats.markdown, /\| 1 \| Luxembourg \| `country:LU` \| Luxembourg \| 7 \| 1 \|/);
    const symbols = (await client.conn.sendRequest('workspace/symbol', { query: 'bettel' })) as SymbolInformation[];
    assert.deepEqual(symbols.map((s) => [s.name, s.containerName, s.location.uri]), [['Xavier Bettel', 'person:xavier-bettel', uriOf('seed.press')]]);
  });

  it('an unknown org id: the fix creates pressmark.kb.yaml at the root when the workspace has no knowledge-base file', async () => {
    await start(false);
    const text = '[Acme Corp]{org:ACME} said.';
    const ds = (await open('acme.press', text)) as Diagnostic[];
    const d = ds.find((x) => x.code === 'entity.unknown-id')!;
    assert.ok(d, JSON.stringify(ds));
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf('acme.press') }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add org `ACME` (Acme Corp) to pressmark.kb.yaml')!;
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    const [create, change] = add.edit!.documentChanges! as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: TextEdit[] }];
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, uriOf('pressmark.kb.yaml'));
    assert.match(change.edits[0].newText, /entities:\n {2}- id: ACME\n {4}type: org\n {4}name: Acme Corp\n/);
  });
});
