/**
 * Decisions that last, over stdio (issue 13 items 1–3, issue 14 item 4): the reject fixes write
 * pressmark.reject.yaml, the next diagnostics no longer show the suggestion, and after a server
 * restart it stays rejected; a bad entry is a diagnostic in the rejection file; accepting a new
 * entity writes the workspace knowledge base and the name is then known in another document;
 * a name annotated in one open document is suggested in another, and un-annotating it takes the
 * suggestion back.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../support/lspClient';
import { applyEdits } from '../support/marked';
import { LineIndex } from '../../server/src/service/text';
import { parseRejectFile } from '../../server/src/service/rejectFile';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { ROOT } from '../support/lspClient';
import { parseKbFile } from '../../server/src/service/kb/workspace';
import { defaultConfig } from '../../server/src/service/config';

const SEED = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
/** The seed release with its annotations removed, front matter kept. */
function strippedSeed(): string {
  const doc = parse(SEED);
  return SEED.slice(0, doc.bodyStart) + plainText(doc).text;
}

describe('rejections and workspace learning over LSP', function () {
  this.timeout(60_000);
  let client: TestClient;
  let dir: string;
  let version = 1;
  const uriOf = (f: string) => pathToFileURL(path.join(dir, f)).toString();
  const start = async () => {
    client = startServer();
    await client.initialize({ rootUri: pathToFileURL(dir).toString() });
  };
  const open = async (file: string, text: string, accept: (ds: Diagnostic[]) => boolean = () => true) => {
    const got = client.diagnostics(uriOf(file), (p) => accept(p.diagnostics));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: file.endsWith('.yaml') ? 'yaml' : 'pressmark', version: version++, text } });
    return got;
  };
  const change = async (file: string, text: string) =>
    client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version: version++ }, contentChanges: [{ text }] });
  const unannotated = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'mention.unannotated');
  const readings = (ds: Diagnostic[]) => unannotated(ds).map((d) => `${(d.data as { type: string }).type}:${(d.data as { id: string }).id}`);
  const actionsAt = async (file: string, d: Diagnostic) =>
    (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range: d.range, context: { diagnostics: [d], triggerKind: 1 } })) as CodeAction[];
  /** Applies a workspace edit as a client would, to the files on disk; returns the files changed. */
  const applyToDisk = (edit: WorkspaceEdit): string[] => {
    const changed: string[] = [];
    for (const c of edit.documentChanges ?? []) {
      if ('kind' in c) {
        if (c.kind === 'create' && !fs.existsSync(fileURLToPath(c.uri))) fs.writeFileSync(fileURLToPath(c.uri), '');
        continue;
      }
      const file = fileURLToPath(c.textDocument.uri);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, applyEdits(text, new LineIndex(text), c.edits as TextEdit[]));
      changed.push(c.textDocument.uri);
    }
    return changed;
  };
  const watched = (uris: string[]) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: uris.map((uri) => ({ uri, type: 2 })) });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-reject-'));
  });
  afterEach(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('"Never suggest" and "Not an entity here" write pressmark.reject.yaml; gone at once, and after a restart', async () => {
    const text = 'Talks in Luxembourg and Kazakhstan went on.\n\nThe Luxembourg side agreed with Kazakhstan.\n';
    fs.writeFileSync(path.join(dir, 'talks.press'), text);
    await start();
    const ds = await open('talks.press', text);
    assert.deepEqual(readings(ds), ['country:LU', 'country:KZ', 'country:LU', 'country:KZ']);

    const kz = unannotated(ds)[1];
    const never = (await actionsAt('talks.press', kz)).find((a) => a.title === 'Never suggest “Kazakhstan” as country KZ')!;
    assert.ok(never, (await actionsAt('talks.press', kz)).map((a) => a.title).join(' | '));
    const written = applyToDisk(never.edit!);
    assert.deepEqual(written, [uriOf('pressmark.reject.yaml')]);
    assert.deepEqual(parseRejectFile(fs.readFileSync(path.join(dir, 'pressmark.reject.yaml'), 'utf8')).list, [{ text: 'Kazakhstan', as: 'country:KZ' }]);
    let next = client.diagnostics(uriOf('talks.press'), (p) => !readings(p.diagnostics).includes('country:KZ'));
    await watched(written);
    assert.deepEqual(readings(await next), ['country:LU', 'country:LU'], 'every mention of that reading, in every paragraph');

    const lu = unannotated(await next)[0];
    const here = (await actionsAt('talks.press', lu)).find((a) => a.title === 'Not an entity here')!;
    assert.ok(here);
    next = client.diagnostics(uriOf('talks.press'), (p) => readings(p.diagnostics).length === 0);
    await watched(applyToDisk(here.edit!));
    assert.deepEqual(readings(await next), [], 'no reading at all for these words in this document');
    assert.deepEqual(parseRejectFile(fs.readFileSync(path.join(dir, 'pressmark.reject.yaml'), 'utf8')).list, [
      { text: 'Kazakhstan', as: 'country:KZ' },
      { text: 'Luxembourg', in: 'talks.press' },
    ]);

    await client.stop();
    await start();
    assert.deepEqual(readings(await open('talks.press', text)), [], 'still rejected after a restart');
    // "in" names this document only; "as" holds everywhere
    assert.deepEqual(readings(await open('other.press', 'Kazakhstan and Luxembourg.\n')), ['country:LU']);
  });

  it('an open, unsaved rejection file counts; a bad entry is a diagnostic in it, at the entry', async () => {
    const text = 'Talks in Luxembourg and Kazakhstan.\n';
    await start();
    assert.deepEqual(readings(await open('a.press', text)), ['country:LU', 'country:KZ']);
    const rejectText = '- {text: Luxembourg}\n- {text: Kazakhstan, as: "country:no such"}\n';
    const next = client.diagnostics(uriOf('a.press'), (p) => !readings(p.diagnostics).includes('country:LU'));
    const own = await open('pressmark.reject.yaml', rejectText);
    assert.deepEqual(own.map((d) => d.code), ['reject.invalid-entry']);
    const lines = new LineIndex(rejectText);
    const span = lines.span(own[0].range);
    assert.equal(rejectText.slice(span.start, span.end), '"country:no such"');
    assert.deepEqual(readings(await next), ['country:KZ'], 'the bad entry does not apply, the good one does');
  });

  it('a name annotated in one open document is suggested in another; un-annotated, it is not', async () => {
    await start();
    const b = 'Then Ayan Serikbay spoke at dawn.\n';
    assert.deepEqual(readings(await open('b.press', b)), []);
    const next = client.diagnostics(uriOf('b.press'), (p) => readings(p.diagnostics).includes('person:ayan-serikbay'));
    await open('a.press', 'Visitors met [Ayan Serikbay]{person:ayan-serikbay} and [Ayan Serikbay]{person:ayan-serikbay} again.\n');
    const ds = unannotated(await next);
    assert.equal(ds.length, 1);
    assert.match(String(ds[0].message), /annotated 2 times in this workspace/);
    const gone = client.diagnostics(uriOf('b.press'), (p) => readings(p.diagnostics).length === 0);
    await change('a.press', 'Visitors met Ayan Serikbay.\n');
    assert.deepEqual(readings(await gone), []);
  });

  it('a file on disk teaches too, and its save updates it alone', async () => {
    fs.writeFileSync(path.join(dir, 'old.press'), 'Visitors met [Ayan Serikbay]{person:ayan-serikbay}.\n');
    await start();
    assert.deepEqual(readings(await open('b.press', 'Then Ayan Serikbay spoke.\n')), ['person:ayan-serikbay']);
    fs.writeFileSync(path.join(dir, 'old.press'), 'Visitors came.\n');
    const gone = client.diagnostics(uriOf('b.press'), (p) => readings(p.diagnostics).length === 0);
    await watched([uriOf('old.press')]);
    assert.deepEqual(readings(await gone), []);
  });

  it('accepting a new entity: the words wrapped, the entity appended to pressmark.kb.yaml; then the name is known in another document', async () => {
    await start();
    const text = strippedSeed();
    const ds = unannotated(await open('seed.press', text));
    const d = ds.find((x) => (x.data as { entity?: { id: string } }).entity?.id === 'xavier-bettel')!;
    assert.ok(d, JSON.stringify(ds.map((x) => x.data)));
    const accept = (await actionsAt('seed.press', d)).find((a) => a.title === 'Annotate as new person xavier-bettel')!;
    assert.ok(accept, (await actionsAt('seed.press', d)).map((a) => a.title).join(' | '));
    assert.equal(accept.isPreferred, true);
    const changes = accept.edit!.documentChanges! as Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: TextEdit[] }>;
    const own = changes.find((c) => c.textDocument?.uri === uriOf('seed.press'))!;
    const after = applyEdits(text, new LineIndex(text), own.edits!);
    assert.ok(after.includes('[Xavier Bettel]{person:xavier-bettel}'));
    assert.equal(plainText(parse(after)).text, plainText(parse(text)).text, 'the words never change');
    assert.deepEqual(changes.filter((c) => c.kind === 'create').map((c) => c.uri), [uriOf('pressmark.kb.yaml')]);
    const kbWritten = applyToDisk({ documentChanges: changes.filter((c) => c.textDocument?.uri !== uriOf('seed.press')) as WorkspaceEdit['documentChanges'] });
    assert.deepEqual(kbWritten, [uriOf('pressmark.kb.yaml')]);
    const kb = parseKbFile(uriOf('pressmark.kb.yaml'), fs.readFileSync(path.join(dir, 'pressmark.kb.yaml'), 'utf8'), defaultConfig());
    assert.deepEqual(kb.problems, []);
    assert.deepEqual(kb.entities.map((e) => [e.type, e.id, e.name]), [['person', 'xavier-bettel', 'Xavier Bettel']]);

    const other = client.diagnostics(uriOf('other.press'), (p) => readings(p.diagnostics).includes('person:xavier-bettel'));
    await watched(kbWritten);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('other.press'), languageId: 'pressmark', version: version++, text: 'Yesterday Xavier Bettel spoke.\n' } });
    assert.ok(readings(await other).includes('person:xavier-bettel'));
    // the accepted document: the id is known, nothing to add again
    const v = version;
    const settled = client.diagnostics(uriOf('seed.press'), (p) => p.version === v);
    await change('seed.press', after);
    const now = await settled;
    assert.ok(!now.some((x) => x.code === 'entity.unknown-id'), JSON.stringify(now.filter((x) => x.code === 'entity.unknown-id')));
  });
});
