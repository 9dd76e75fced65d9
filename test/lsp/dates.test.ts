import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, Hover, InlayHint, Position } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
const WORKSPACE = pathToFileURL(path.join(ROOT, 'examples')).toString();
const URI = pathToFileURL(path.join(ROOT, 'examples/kazinform-2022-06-29.press')).toString();

function positionOf(text: string, needle: string, delta = 0): Position {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('language server over stdio: dates', function () {
  this.timeout(30_000);
  let client: TestClient;
  afterEach(async () => client && (await client.stop()));

  async function open(text: string, configuration?: Record<string, unknown>) {
    client = startServer();
    const r = await client.initialize({ rootUri: WORKSPACE, configuration });
    const published = client.diagnostics(URI);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'pressmark', version: 1, text } });
    return { capabilities: r.capabilities, diagnostics: await published };
  }

  it('the example: clean, hover on 29 June 2022, an inlay hint after [Today], completion after {date:', async () => {
    const { capabilities, diagnostics } = await open(EXAMPLE);
    assert.ok(capabilities.inlayHintProvider);
    assert.deepEqual(diagnostics, []);

    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(EXAMPLE, '[29 June 2022]', 4) })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Wednesday, 29 June 2022/);
    assert.match(value, /the publication date/);

    const hints = (await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: WHOLE })) as InlayHint[];
    assert.deepEqual(hints.map((h) => [h.label, h.position]), [['= Wednesday, 29 June 2022', positionOf(EXAMPLE, '[Today]{date:2022-06-29}', '[Today]{date:2022-06-29}'.length)]]);

    // Empty the value of [Today] and complete it.
    const edited = EXAMPLE.replace('[Today]{date:2022-06-29}', '[Today]{date:}');
    const again = client.diagnostics(URI, (p) => p.version === 2);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: edited }] });
    assert.deepEqual(await again, []);
    const list = (await client.conn.sendRequest('textDocument/completion', {
      textDocument: { uri: URI },
      position: positionOf(edited, '[Today]{date:}', '[Today]{date:'.length),
      context: { triggerKind: 2, triggerCharacter: ':' },
    })) as CompletionList;
    assert.equal(list.items[0].label, '2022-06-29');
    assert.equal(list.items[0].preselect, true);
    const hints2 = (await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: WHOLE })) as InlayHint[];
    assert.deepEqual(hints2.map((h) => h.label), ['→ 2022-06-29']);
  });

  it('[Today]{date:2022-06-28}: the mismatch warning and its fix, over the wire', async () => {
    const text = EXAMPLE.replace('[Today]{date:2022-06-29}', '[Today]{date:2022-06-28}');
    const { diagnostics } = await open(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['date.value-mismatch', 2]]);
    assert.match(String(diagnostics[0].message), /`2022-06-29`/);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Change the value to `2022-06-29`');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix.edit?.changes?.[URI], [{ range: diagnostics[0].range, newText: '2022-06-29' }]);
  });

  it('without `date` in the front matter: the warning on [Today], with the front-matter fix', async () => {
    const text = EXAMPLE.replace('date: 2022-06-29\n', '');
    const { diagnostics } = await open(text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['date.no-publication-date']);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Add `date: 2022-06-29` to the front matter']);
    assert.deepEqual(actions[0].edit?.changes?.[URI], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'date: 2022-06-29\n' }]);
  });

  it('pressmark.inlayHints.enabled: false turns the hints off (nested or dotted setting)', async () => {
    await open(EXAMPLE, { inlayHints: { enabled: false } });
    assert.deepEqual(await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: WHOLE }), []);
    await client.stop();
    await open(EXAMPLE, { 'inlayHints.enabled': false });
    assert.deepEqual(await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: WHOLE }), []);
  });
});
