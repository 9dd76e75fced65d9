/**
 * "Annotate Selection as..." over stdio (issue 14 item 2): the code action is offered on a
 * selection to a client that declares the command (`experimental.pressmark.annotateSelection`)
 * and to no other; the three requests check the range, list the choices and build the edit (a
 * new entity into pressmark.kb.yaml at the root), or say why not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../support/lspClient';
import { applyEdits } from '../support/marked';
import { LineIndex } from '../../server/src/service/text';

const TEXT = 'Делегация 🇰🇿 Казахстана met the Blue Marine Foundation in [Vienna]{place}.\r\n';

describe('Annotate Selection as... over LSP', function () {
  this.timeout(60_000);
  let client: TestClient;
  let dir: string;
  const uri = () => pathToFileURL(path.join(dir, 'a.press')).toString();
  const lines = new LineIndex(TEXT);
  const rangeOf = (words: string): Range => {
    const at = TEXT.indexOf(words);
    return lines.range({ start: at, end: at + words.length });
  };
  const start = async (experimental?: unknown) => {
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString(), experimental });
    const got = client.diagnostics(uri());
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'pressmark', version: 1, text: TEXT } });
    await got;
  };
  const actions = async (range: Range) =>
    ((await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri() }, range, context: { diagnostics: [], triggerKind: 1 } })) as CodeAction[]).map((a) => a.title);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-select-'));
  });
  afterEach(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the code action only for a client that has the command', async () => {
    await start({ pressmark: { annotateSelection: true } });
    assert.ok((await actions(rangeOf('Blue Marine Foundation'))).includes('Annotate Selection as...'));
    await client.stop();
    await start();
    assert.ok(!(await actions(rangeOf('Blue Marine Foundation'))).includes('Annotate Selection as...'));
  });

  it('check, choices and the edit; a refused range says why', async () => {
    await start({ pressmark: { annotateSelection: true } });
    const check = (await client.conn.sendRequest('pressmark/checkSelection', { uri: uri(), range: rangeOf('Казахстана') })) as { ok: boolean; label: string; types: Array<{ name: string }> };
    assert.equal(check.ok, true);
    assert.equal(check.label, 'Казахстана');
    assert.ok(check.types.some((t) => t.name === 'country'));
    const choices = (await client.conn.sendRequest('pressmark/selectionChoices', { uri: uri(), range: rangeOf('Казахстана'), type: 'country', query: '' })) as { choices: Array<{ id: string }> };
    assert.equal(choices.choices[0].id, 'KZ');
    const r = (await client.conn.sendRequest('pressmark/annotateSelection', { uri: uri(), range: rangeOf('Казахстана'), request: { type: 'country', id: 'KZ' } })) as { edit: { documentChanges: Array<{ edits: TextEdit[] }> } };
    assert.equal(applyEdits(TEXT, lines, r.edit.documentChanges[0].edits), TEXT.replace('Казахстана', '[Казахстана]{country:KZ}'));
    const made = (await client.conn.sendRequest('pressmark/annotateSelection', {
      uri: uri(),
      range: rangeOf('Blue Marine Foundation'),
      request: { type: 'org', id: 'blue-marine-foundation', newEntity: { name: 'Blue Marine Foundation' } },
    })) as { edit: { documentChanges: Array<{ kind?: string; uri?: string; textDocument?: { uri: string } }> } };
    const kbUri = pathToFileURL(path.join(dir, 'pressmark.kb.yaml')).toString();
    assert.ok(made.edit.documentChanges.some((c) => c.textDocument?.uri === kbUri), JSON.stringify(made));
    const across = TEXT.indexOf('in [Vien');
    const refused = (await client.conn.sendRequest('pressmark/checkSelection', { uri: uri(), range: lines.range({ start: across, end: across + 6 }) })) as { ok: boolean; reason: string };
    assert.equal(refused.ok, false);
    assert.match(refused.reason, /crosses the edge of the annotation `\[Vienna\]\{place\}`/);
  });
});
