/**
 * The workspace as it changes while the server runs (issue 16 item 5): folders added later are
 * read (their knowledge-base files, their .press files for references) and removed ones dropped
 * (workspace/didChangeWorkspaceFolders); `pressmark.knowledgeBase.additionalFiles` is read again
 * on workspace/didChangeConfiguration, its files' entities loaded and unloaded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { URI } from '../../server/src/node/uri';
import { startServer, type TestClient } from '../support/lspClient';

const PEOPLE = `entities:
  - id: ana-lopez
    type: person
    name: Ana López
`;
const TEXT = '[Ana López]{person:ana-lopez} spoke.\n';
const AT_ID = { line: 0, character: 20 }; // in `ana-lopez`

describe('workspace folders and settings that change @lsp', function () {
  this.timeout(30_000);
  let client: TestClient;
  let base: string;
  let a: string;
  let b: string;
  const folder = (dir: string) => ({ uri: URI.fromPath(dir), name: path.basename(dir) });
  /** Resolves at the next log line of the server that matches (the server says when it has read a change). */
  const logged = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line ${re} within 10 s`)), 10_000);
      client.conn.onNotification('window/logMessage', (m: { message: string }) => {
        if (re.test(m.message)) {
          clearTimeout(timer);
          resolve(m.message);
        }
      });
    });
  const definitionFile = async (uri: string) => {
    const d = (await client.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: AT_ID })) as Location | Location[] | null;
    const loc = Array.isArray(d) ? d[0] : d;
    return loc ? URI.toPath(loc.uri) : undefined;
  };
  const referenceFiles = async (uri: string) => {
    const refs = (await client.conn.sendRequest('textDocument/references', { textDocument: { uri }, position: AT_ID, context: { includeDeclaration: true } })) as Location[];
    return refs.map((r) => path.relative(base, URI.toPath(r.uri)!)).sort();
  };
  const openDoc = async (uri: string) => {
    const first = client.diagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: TEXT } });
    await first;
  };

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-folders-')));
    a = path.join(base, 'a');
    b = path.join(base, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(b, 'people.kb.yaml'), PEOPLE);
    fs.writeFileSync(path.join(b, 'other.press'), 'Then [Ana]{person:ana-lopez} left.\n');
    client = startServer();
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('a folder added later is read (knowledge base, .press files), and dropped when removed', async () => {
    await client.initialize({ workspaceFolders: [folder(a)], rootUri: URI.fromPath(a) });
    const uri = URI.fromPath(path.join(a, 'doc.press'));
    await openDoc(uri);
    assert.equal(await definitionFile(uri), undefined, 'ana-lopez is in no knowledge base before folder b is added');
    assert.deepEqual(await referenceFiles(uri), ['a/doc.press']);

    const added = logged(/workspace folders: 2 \(1 added/);
    await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(b)], removed: [] } });
    await added;
    assert.equal(await definitionFile(uri), path.join(b, 'people.kb.yaml'));
    assert.deepEqual(await referenceFiles(uri), ['a/doc.press', 'b/other.press', 'b/people.kb.yaml'], 'references reach folder b’s .press file and knowledge base');

    const removed = logged(/workspace folders: 1 \(0 added, 1 removed/);
    await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder(b)] } });
    await removed;
    assert.equal(await definitionFile(uri), undefined, 'folder b’s knowledge base is dropped');
    assert.deepEqual(await referenceFiles(uri), ['a/doc.press'], 'folder b’s documents are dropped');
  });

  it('pressmark.knowledgeBase.additionalFiles is read again when the settings change', async () => {
    const extra = path.join(b, 'people.kb.yaml'); // outside the workspace (folder a)
    await client.initialize({ workspaceFolders: [folder(a)], rootUri: URI.fromPath(a), configuration: {} });
    const uri = URI.fromPath(path.join(a, 'doc.press'));
    await openDoc(uri);
    assert.equal(await definitionFile(uri), undefined);

    const loaded = logged(/additionalFiles: 1 file\(s\), 1 added/);
    client.setConfiguration({ knowledgeBase: { additionalFiles: [extra] } });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await loaded;
    assert.equal(await definitionFile(uri), extra, 'the listed file’s entities are loaded');

    const unloaded = logged(/additionalFiles: 0 file\(s\), 1 removed/);
    client.setConfiguration({ knowledgeBase: { additionalFiles: [] } });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await unloaded;
    assert.equal(await definitionFile(uri), undefined, 'and unloaded when it is taken out');
  });
});
