/**
 * `pressmark check` on hostile YAML and configuration files (issue 12, items 1 and 2), run as the
 * user runs it (node bin/pressmark.js; dist/cli.js must be built). The process is spawned
 * asynchronously so that mocha's timeout is the hang detector.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const DEEP = '['.repeat(1000) + ']'.repeat(1000);

function check(cwd: string, ...args: string[]): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, 'check', ...args], { cwd });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

describe('CLI: pressmark check on hostile YAML and configuration files', function () {
  this.timeout(30_000);
  let base: string;
  let dir: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-cli-yaml-'));
    dir = path.join(base, 'project');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.press'), '[Kazakhstan]{country:KZ} said so.\n');
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('knowledgeBase: [/dev/zero] is reported at the entry and not read; exit 1', async () => {
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'knowledgeBase:\n  - /dev/zero\n');
    const r = await check(dir, '.');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^pressmark\.yaml:2:5 error `\/dev\/zero` is not read: \/dev\/zero is outside the workspace .*\(schema\.kb-file-refused\)$/m);
  });

  it('annotate does not read a knowledgeBase: entry outside the workspace either', async () => {
    fs.writeFileSync(path.join(base, 'outside.kb.yaml'), '- id: jane-roe\n  type: person\n  name: Jane Roe\n');
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'knowledgeBase:\n  - ../outside.kb.yaml\n  - inside.kb.yaml\n');
    fs.writeFileSync(path.join(dir, 'inside.kb.yaml'), '- id: john-doe\n  type: person\n  name: John Doe\n');
    fs.writeFileSync(path.join(dir, 'b.press'), 'Jane Roe met John Doe.\n');
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'annotate', '--types', 'person', 'b.press'], { cwd: dir });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('close', (code) => resolve({ code, out }));
    });
    assert.match(r.out, /\[John Doe\]\{person:john-doe\}/, r.out);
    assert.doesNotMatch(r.out, /jane-roe/);
  });

  it('knowledgeBase: [../secret.yaml] is reported, not read, and none of its keys is printed; exit 1', async () => {
    fs.writeFileSync(path.join(base, 'secret.yaml'), 'password: hunter2\naws_secret_access_key: AKIA0000\n');
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'knowledgeBase:\n  - ../secret.yaml\n');
    for (const args of [['.'], ['a.press']]) {
      const r = await check(dir, ...args);
      assert.equal(r.code, 1, r.err);
      assert.match(r.out, /^pressmark\.yaml:2:5 error `\.\.\/secret\.yaml` is not read: .*secret\.yaml is outside the workspace/m);
      assert.doesNotMatch(r.out + r.err, /password|hunter2|aws_secret|AKIA/);
    }
  });

  it('a listed file inside the folders given is read; a missing one is a diagnostic, not a usage error', async () => {
    fs.mkdirSync(path.join(base, 'shared'));
    fs.writeFileSync(path.join(base, 'shared', 'people.kb.yaml'), 'entities:\n  - {id: near, type: person, name: Near By}\n');
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'knowledgeBase:\n  - ../shared/people.kb.yaml\n  - missing.kb.yaml\n');
    fs.writeFileSync(path.join(dir, 'a.press'), '[Near By]{person:nearly}\n');
    // From the project folder, ../shared is outside; given on the command line, it is inside.
    const narrow = await check(dir, '.');
    assert.match(narrow.out, /pressmark\.yaml:2:5 error .*outside the workspace/);
    const wide = await check(base, '.');
    assert.equal(wide.code, 1, wide.err);
    assert.doesNotMatch(wide.out, /pressmark\.yaml:2:5/);
    assert.match(wide.out, /pressmark\.yaml:3:5 error `missing\.kb\.yaml` is not read: there is no file .*missing\.kb\.yaml\. \(schema\.kb-file-refused\)/);
    assert.match(wide.out, /a\.press:1:18 error .*nearly.*\(entity\.unknown-id\)/);
  });

  it('1,000-deep YAML in front matter, a *.kb.yaml and pressmark.yaml: diagnostics and exit 1, never an abort', async () => {
    fs.writeFileSync(path.join(dir, 'deep.kb.yaml'), DEEP);
    fs.writeFileSync(path.join(dir, 'b.press'), `---\n${DEEP}\n---\nText.\n`);
    const r = await check(dir, '.');
    assert.equal(r.signal, null);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^deep\.kb\.yaml:1:65 error .*(kb\.too-deep)/m);
    assert.match(r.out, /^b\.press:2:65 error The front matter nests lists and mappings more than 64 levels deep.*(frontmatter\.too-deep)/m);
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), DEEP);
    const s = await check(dir, '.');
    assert.equal(s.code, 1, s.err);
    assert.match(s.out, /^pressmark\.yaml:1:65 error .*\(schema\.too-deep\)/m);
    assert.match(s.out, /^a\.press:1:1 error .*pressmark\.yaml nests lists and mappings more than 64 levels deep: it is not read\. This document is checked with the built-in types and rules\. \(schema\.unreadable\)/m);
  });

  it('a FIFO pressmark.yaml: every document says it is not read, no hang; exit 1', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pressmark.yaml')]);
    const r = await check(dir, '.');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^pressmark\.yaml:1:1 error .*pressmark\.yaml is a FIFO, not a regular file: it is not read\. \(schema\.unreadable\)/m);
    assert.match(r.out, /^a\.press:1:1 error .*pressmark\.yaml is a FIFO, not a regular file: it is not read\. This document is checked with the built-in types and rules\. \(schema\.unreadable\)/m);
  });
});
