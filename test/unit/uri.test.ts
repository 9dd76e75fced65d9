/**
 * URIs as VS Code spells them (server/src/node/uri.ts, vscode-uri): on Windows VS Code sends
 * `file:///c%3A/...`, and everywhere it encodes `@`; the files the server finds on disk must get
 * the same keys as the editor's documents, or open files and references would not match.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from '../../server/src/node/uri';
import { PressIndex } from '../../server/src/node/pressIndex';
import { WorkspaceKnowledgeBase } from '../../server/src/node/workspaceKb';
import { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { defaultConfig } from '../../server/src/service/config';
import { parse } from '../../server/src/service/parser';

describe('file URIs (vscode-uri)', () => {
  const cases: Array<{ sent: string; file: string }> = [
    { sent: 'file:///c%3A/Users/ana/corpus/doc.press', file: '/c:/Users/ana/corpus/doc.press' },
    { sent: 'file:///c%3A/Users/ana/corpus/doc.press', file: 'c:/Users/ana/corpus/doc.press' },
    { sent: 'file:///C:/Users/ana/corpus/doc.press', file: '/C:/Users/ana/corpus/doc.press' },
    { sent: 'file:///d%3A/Pressmark%20Korpus/%C3%BCber.kb.yaml', file: '/d:/Pressmark Korpus/über.kb.yaml' },
    { sent: 'file:///home/ana/x%40y%5B1%5D.press', file: '/home/ana/x@y[1].press' },
  ];
  for (const c of cases) {
    it(`${c.sent} and the path ${c.file} are one key`, () => {
      assert.equal(URI.key(c.sent), URI.fromPath(c.file));
      const back = URI.toPath(c.sent);
      assert.ok(back !== undefined);
      assert.equal(URI.fromPath(back), URI.key(c.sent), 'path → URI → path round trip');
    });
  }

  it('a drive letter is one key in either case and spelling', () => {
    assert.equal(URI.key('file:///C:/a/b.press'), URI.key('file:///c%3A/a/b.press'));
    assert.equal(URI.key('file:///C%3A/a/b.press'), 'file:///c%3A/a/b.press');
  });

  it('other schemes have no path, and a malformed URI never throws', () => {
    assert.equal(URI.toPath('untitled:Untitled-1'), undefined);
    assert.equal(URI.toPath('pressmark-kb:/country/KZ'), undefined);
    assert.doesNotThrow(() => URI.key('file://%%%'));
    assert.doesNotThrow(() => URI.toPath('file://%%%'));
  });

  it('a knowledge-base file read from a path is found by the URI VS Code sends for it', () => {
    const ws = new WorkspaceKnowledgeBase(new KnowledgeBase([]), () => defaultConfig());
    const file = URI.toPath('file:///c%3A/Users/ana/corpus/people.kb.yaml')!;
    ws.read(file, 'person:\n  - id: ana-lopez\n    name: Ana López\n');
    assert.ok(ws.fileOf('file:///c%3A/Users/ana/corpus/people.kb.yaml'), 'encoded drive');
    assert.ok(ws.fileOf('file:///C:/Users/ana/corpus/people.kb.yaml'), 'upper-case drive');
    assert.equal(ws.all()[0].uri, 'file:///c%3A/Users/ana/corpus/people.kb.yaml', 'the URI references answer with');
  });

  it('an open document and the same file on disk are one document of the workspace (a name with @)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-uri-'));
    try {
      const file = path.join(root, 'astana@2022.press');
      fs.writeFileSync(file, '[Astana]{place}\n');
      const index = new PressIndex([root]);
      const sent = URI.fromPath(file); // what VS Code sends for the open buffer
      assert.match(sent, /astana%402022\.press$/);
      const open = parse('[Astana]{place} and [Almaty]{place}\n');
      const docs = [...index.documents((u) => (u === sent ? open : undefined), [sent])];
      assert.equal(docs.length, 1, `one document, not the buffer and the file: ${docs.map((d) => d.uri).join(', ')}`);
      assert.equal(docs[0].doc, open, 'the buffer wins');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
