/**
 * Review mode's requests over stdio (issue 14 item 3): `pressmark/suggestions` lists the
 * suggestions in document order, as the `mention.unannotated` diagnostics report them, for the
 * document's version only; `pressmark/reviewEdit` gives the quick-fix's own edit of a decision
 * (accept, reject = "Not an entity here", accept all like this), refused for another version.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestClient } from '../support/lspClient';
import { applyEdits, words } from '../support/marked';
import { LineIndex } from '../../server/src/service/text';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { parseRejectFile } from '../../server/src/service/rejectFile';
import type { ReviewItem } from '../../server/src/service/assist/review';

const SEED = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
function stripped(): string {
  const doc = parse(SEED);
  return SEED.slice(0, doc.bodyStart) + plainText(doc).text;
}

/** The answer of pressmark/suggestions is the service's own item, sent as JSON. */
type Item = ReviewItem;
interface Listed {
  version: number;
  stale?: boolean;
  items: Item[];
}
interface Decided {
  version: number;
  stale?: boolean;
  title?: string;
  edit?: WorkspaceEdit;
  count?: number;
}

describe('review mode over LSP (pressmark/suggestions, pressmark/reviewEdit)', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  let version = 1;
  const uriOf = (f: string) => pathToFileURL(path.join(dir, f)).toString();
  const open = async (file: string, text: string) => {
    const got = client.diagnostics(uriOf(file));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'pressmark', version: version++, text } });
    return got;
  };
  const list = (file: string, v?: number, types?: string[]) => client.conn.sendRequest('pressmark/suggestions', { uri: uriOf(file), version: v, types }) as Promise<Listed>;
  const decide = (file: string, v: number, range: Range, action: string) => client.conn.sendRequest('pressmark/reviewEdit', { uri: uriOf(file), version: v, range, action }) as Promise<Decided>;
  const ownEdits = (edit: WorkspaceEdit, uri: string): TextEdit[] =>
    edit.changes?.[uri] ?? ((edit.documentChanges ?? []).find((c) => 'textDocument' in c && c.textDocument.uri === uri) as { edits: TextEdit[] } | undefined)?.edits ?? [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-review-'));
    fs.copyFileSync(path.join(ROOT, 'examples/kazinform.kb.yaml'), path.join(dir, 'kazinform.kb.yaml'));
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the suggestions in document order, exactly those of the mention.unannotated diagnostics, with labels and like-counts', async () => {
    const text = stripped();
    const ds = (await open('plain.press', text)).filter((d: Diagnostic) => d.code === 'mention.unannotated');
    const v = version - 1;
    const r = await list('plain.press', v);
    assert.equal(r.version, v);
    assert.ok(!r.stale);
    const lines = new LineIndex(text);
    const offsets = r.items.map((i) => lines.offsetAt(i.range.start));
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b), 'document order');
    const key = (range: Range) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
    assert.deepEqual(r.items.map((i) => key(i.range)).sort(), ds.map((d) => key(d.range)).sort(), 'the same suggestions as the diagnostics');
    for (const i of r.items) {
      const s = lines.span(i.range);
      assert.equal(text.slice(s.start, s.end).replace(/\s+/g, ' '), i.text.replace(/\s+/g, ' '));
    }
    const lu = r.items.find((i) => i.text === 'Luxembourg')!;
    assert.equal(lu.label, 'country LU (Luxembourg)');
    assert.equal(lu.like, r.items.filter((i) => i.text === 'Luxembourg' && i.type === 'country' && i.id === 'LU').length);
    assert.equal(lu.like, 7);
    const only = await list('plain.press', v, ['date']);
    assert.ok(only.items.length > 0 && only.items.every((i) => i.type === 'date'));
    // another version than the server's: stale, nothing listed
    const stale = await list('plain.press', v + 5);
    assert.deepEqual(stale, { version: v, stale: true, items: [] });
  });

  it('accept gives the quick-fix’s edit; accept all like this annotates every same reading; reject writes "Not an entity here"; a stale version gets no edit', async () => {
    const text = stripped();
    await open('plain.press', text);
    const v = version - 1;
    const { items } = await list('plain.press', v);
    const lu = items.find((i) => i.text === 'Luxembourg')!;
    const lines = new LineIndex(text);

    const accept = await decide('plain.press', v, lu.range, 'accept');
    assert.equal(accept.title, 'Annotate as country LU (Luxembourg)');
    assert.equal(accept.count, 1);
    // the same edit as the preferred code action at that suggestion
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf('plain.press') }, range: lu.range, context: { diagnostics: [], triggerKind: 1 } })) as CodeAction[];
    assert.deepEqual(accept.edit, actions.find((a) => a.isPreferred)!.edit);
    const one = applyEdits(text, lines, ownEdits(accept.edit!, uriOf('plain.press')));
    assert.equal(one.split('[Luxembourg]{country:LU}').length - 1, 1);
    assert.deepEqual(words(plainText(parse(one)).text), words(plainText(parse(text)).text));

    const all = await decide('plain.press', v, lu.range, 'acceptLike');
    assert.equal(all.count, 7);
    const every = applyEdits(text, lines, ownEdits(all.edit!, uriOf('plain.press')));
    assert.equal(every.split('[Luxembourg]{country:LU}').length - 1, 7);
    assert.deepEqual(parse(every).problems, []);
    assert.deepEqual(words(plainText(parse(every)).text), words(plainText(parse(text)).text));

    const reject = await decide('plain.press', v, lu.range, 'reject');
    assert.equal(reject.title, 'Not an entity here');
    const change = (reject.edit!.documentChanges ?? []).find((c) => 'textDocument' in c) as { textDocument: { uri: string }; edits: TextEdit[] };
    assert.equal(change.textDocument.uri, uriOf('pressmark.reject.yaml'));
    assert.deepEqual(parseRejectFile(applyEdits('', new LineIndex(''), change.edits)).list, [{ text: 'Luxembourg', in: 'plain.press' }]);
    assert.ok(!fs.existsSync(fileURLToPath(uriOf('pressmark.reject.yaml'))), 'the server only proposes; the client applies');

    assert.deepEqual(await decide('plain.press', v + 1, lu.range, 'accept'), { version: v, stale: true });
    // a range where no suggestion is: no edit
    const nowhere = { start: lu.range.start, end: { line: lu.range.end.line, character: lu.range.end.character - 1 } };
    assert.deepEqual(await decide('plain.press', v, nowhere, 'accept'), { version: v });
    // the list after the document changed: for the new version, the accepted mention gone
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('plain.press'), version: version++ }, contentChanges: [{ text: one }] });
    const after = await list('plain.press', version - 1);
    assert.equal(after.items.length, items.length - 1);
    assert.equal(after.items.filter((i) => i.text === 'Luxembourg').length, 6);
  });
  it('a new entity: accept all like this annotates every mention with the new id and adds the entity to the knowledge base once', async () => {
    const text = 'Prime Minister Ayan Serikbay met the press. Later Ayan Serikbay left, and Ayan Serikbay came back.\n';
    await open('new.press', text);
    const v = version - 1;
    const { items } = await list('new.press', v);
    const xb = items.find((i) => i.text === 'Ayan Serikbay');
    const same = items.filter((i) => i.text === 'Ayan Serikbay' && i.entity?.id === xb?.entity?.id).length;
    assert.ok(same >= 2, JSON.stringify(items));
    assert.ok(xb, JSON.stringify(items));
    assert.equal(xb.id, '');
    assert.equal(xb.label, `new person ${xb.entity!.id}`);
    assert.equal(xb.like, same);
    const all = await decide('new.press', v, xb.range, 'acceptLike');
    assert.equal(all.count, same);
    const changes = all.edit!.documentChanges as Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: TextEdit[] }>;
    const after = applyEdits(text, new LineIndex(text), ownEdits(all.edit!, uriOf('new.press')));
    assert.equal(after.split(`[Ayan Serikbay]{person:${xb.entity!.id}}`).length - 1, same, after);
    const kbEdits = changes.filter((c) => c.textDocument && c.textDocument.uri !== uriOf('new.press'));
    assert.equal(kbEdits.length, 1, JSON.stringify(changes));
    assert.equal(kbEdits[0].edits!.map((e) => e.newText).join('').split(`id: ${xb.entity!.id}`).length - 1, 1, 'the entity is added once');
  });
});
