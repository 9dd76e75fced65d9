/**
 * The server's workspace walk (server/src/node/walk.ts) and the knowledge-base reader over it:
 * symbolic links to .press and .kb.yaml files are followed when they stay inside the roots (once
 * per real file); the others, and FIFOs, are passed over with a reason (issue 12, low severity).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConfig } from '../../server/src/service/config';
import { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { findFiles, type SkippedFile } from '../../server/src/node/walk';
import { WorkspaceKnowledgeBase } from '../../server/src/node/workspaceKb';

describe('workspace walk: symbolic links and special files', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-walk-'));
    root = path.join(base, 'ws');
    outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(root, '.drafts'), { recursive: true });
    fs.mkdirSync(path.join(root, 'sub'));
    fs.mkdirSync(outside);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const walk = (suffix = '.press') => {
    const skipped: SkippedFile[] = [];
    const files = findFiles([root], suffix, 50_000, (s) => skipped.push(s));
    const rel = (f: string) => path.relative(root, f);
    return { files: files.map(rel).sort(), skipped: skipped.map((s) => [rel(s.file), s.reason]).sort() };
  };

  it('follows a link to a regular file inside the roots, once per real file', () => {
    fs.writeFileSync(path.join(root, 'sub', 'a.press'), 'A');
    fs.writeFileSync(path.join(root, '.drafts', 'hidden.press'), 'H');
    fs.symlinkSync(path.join(root, 'sub', 'a.press'), path.join(root, 'again.press')); // a file the walk finds anyway
    fs.symlinkSync('../.drafts/hidden.press', path.join(root, 'sub', 'linked.press')); // relative, into a folder the walk skips
    fs.symlinkSync(path.join(root, '.drafts', 'hidden.press'), path.join(root, 'twice.press')); // a second link to it
    const { files, skipped } = walk();
    assert.equal(files.length, 2, JSON.stringify(files));
    assert.ok(files.includes(path.join('sub', 'a.press')));
    assert.ok(files.includes(path.join('sub', 'linked.press')) !== files.includes('twice.press'));
    assert.deepEqual(skipped, []);
  });

  it('passes over, with a reason, a link leaving the roots, a broken link, a FIFO and a link to one', () => {
    fs.writeFileSync(path.join(outside, 'secret.press'), 'S');
    fs.symlinkSync(path.join(outside, 'secret.press'), path.join(root, 'leak.press'));
    fs.symlinkSync(path.join(root, 'none.press'), path.join(root, 'broken.press'));
    execFileSync('mkfifo', [path.join(root, 'x.press')]);
    fs.symlinkSync(path.join(root, 'x.press'), path.join(root, 'sub', 'to-fifo.press'));
    fs.symlinkSync(path.join(root, 'sub'), path.join(root, 'folder.press'));
    const { files, skipped } = walk();
    assert.deepEqual(files, []);
    assert.deepEqual(skipped.map(([f]) => f), ['broken.press', 'folder.press', 'leak.press', path.join('sub', 'to-fifo.press'), 'x.press']);
    const why = Object.fromEntries(skipped);
    assert.match(why['leak.press'], /symbolic link to .*secret\.press, outside the workspace/);
    assert.match(why['broken.press'], /leads nowhere/);
    assert.match(why['x.press'], /a FIFO, not a regular file/);
    assert.match(why[path.join('sub', 'to-fifo.press')], /symbolic link to a FIFO/);
    assert.match(why['folder.press'], /symbolic link to a folder/);
  });

  it('keeps the entry budget: a link is one entry, like a file', () => {
    fs.writeFileSync(path.join(root, 'a.press'), 'A');
    fs.symlinkSync(path.join(root, 'a.press'), path.join(root, 'b.press'));
    // Two entries in the root (`.drafts` and `sub` are folders: four in all, in readdir order).
    assert.equal(findFiles([root], '.press', 0).length, 0);
    assert.deepEqual(findFiles([root], '.press', 4).map((f) => path.basename(f)), ['a.press']);
  });

  it('the knowledge base reads a linked *.kb.yaml inside the workspace, not one leaving it; a FIFO named as a file is a diagnostic', () => {
    fs.writeFileSync(path.join(root, '.drafts', 'people.yaml'), 'entities:\n  - {id: near, type: person, name: Near By}\n');
    fs.symlinkSync(path.join(root, '.drafts', 'people.yaml'), path.join(root, 'people.kb.yaml'));
    fs.writeFileSync(path.join(outside, 'far.yaml'), 'entities:\n  - {id: far, type: person, name: Far Away}\n');
    fs.symlinkSync(path.join(outside, 'far.yaml'), path.join(root, 'far.kb.yaml'));
    const fifo = path.join(root, 'sub', 'pipe.kb.yaml');
    execFileSync('mkfifo', [fifo]);
    const ws = new WorkspaceKnowledgeBase(new KnowledgeBase([]), () => defaultConfig());
    const skipped: SkippedFile[] = [];
    ws.scan([root], [fifo], undefined, (s) => skipped.push(s));
    const kb = ws.knowledgeBase();
    assert.ok(kb.get('person', 'near'));
    assert.equal(kb.get('person', 'far'), undefined);
    assert.deepEqual(skipped.map((s) => path.basename(s.file)).sort(), ['far.kb.yaml', 'pipe.kb.yaml']);
    // Named as a file (the CLI's arguments, the extra files): read through the guard, refused with a diagnostic.
    assert.deepEqual(ws.problems(fifo).problems.map((p) => p.code), ['kb.unreadable']);
    assert.match(ws.problems(fifo).problems[0].message, /a FIFO, not a regular file/);
    assert.equal(ws.fileOf(pathToFileURL(path.join(root, 'far.kb.yaml')).toString()), undefined);
  });
});
