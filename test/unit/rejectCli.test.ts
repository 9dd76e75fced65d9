/**
 * The CLI honours the workspace's decisions (issue 13 items 2–3): `pressmark annotate` and
 * `pressmark check` find pressmark.reject.yaml as they find pressmark.yaml and never propose a
 * rejected suggestion (an `in:` entry only in its document), report a bad entry at its line, and
 * `annotate` learns the names annotated in the project's .press files.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from '../../server/src/service/parser';
import { walk } from '../../server/src/service/model';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, command, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function readings(press: string): string[] {
  return [...walk(parse(press).annotations)].map((a) => `${a.text}=${a.type}:${a.id ?? ''}`);
}

/** Files written under a fresh folder. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-reject-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const TALKS = 'Talks in Luxembourg and Kazakhstan went on.\n';
const REJECT = '- {text: Luxembourg, as: "country:LU"}\n- {text: kazakhstan, in: news/a.press}\n- {text: Georgia, as: "country:"}\n';

describe('CLI: the rejection file and workspace learning', function () {
  this.timeout(60_000);
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('annotate: rejected suggestions are not made (in: only in its document); a bad entry is a warning at its line', () => {
    dir = project({ 'pressmark.yaml': 'version: 1\n', 'pressmark.reject.yaml': REJECT, 'news/a.press': TALKS, 'news/b.press': TALKS, 'news/c.txt': TALKS });
    const r = run('annotate', ['--write', 'news'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readings(fs.readFileSync(path.join(dir, 'news/a.press'), 'utf8')), []);
    assert.deepEqual(readings(fs.readFileSync(path.join(dir, 'news/b.press'), 'utf8')), ['Kazakhstan=country:KZ']);
    assert.deepEqual(readings(fs.readFileSync(path.join(dir, 'news/c.press'), 'utf8')), ['Kazakhstan=country:KZ']);
    const warnings = r.err.split('\n').filter((l) => l.includes('pressmark.reject.yaml'));
    assert.equal(warnings.length, 1, r.err);
    assert.match(warnings[0], /pressmark\.reject\.yaml:3:\d+: .*\(reject\.invalid-entry\)/);
  });

  it('annotate without a pressmark.yaml: the rejection file above the file applies (found as pressmark.yaml is)', () => {
    dir = project({ 'pressmark.reject.yaml': REJECT, 'news/b.press': TALKS });
    const r = run('annotate', ['news/b.press'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readings(r.out), ['Kazakhstan=country:KZ']);
  });

  it('check: the rejection file’s problems, and no mention.unannotated for a rejected suggestion', () => {
    dir = project({ 'pressmark.yaml': 'version: 1\n', 'pressmark.reject.yaml': REJECT, 'news/a.press': TALKS, 'news/b.press': TALKS });
    const r = run('check', ['--format', 'json', '.'], dir);
    const rows = JSON.parse(r.out) as Array<{ file: string; code: string; message: string }>;
    const of = (f: string) => rows.filter((x) => x.file === f).map((x) => `${x.code}${x.code === 'mention.unannotated' ? ' ' + x.message.split(' ')[0] : ''}`);
    assert.deepEqual(of('pressmark.reject.yaml'), ['reject.invalid-entry']);
    assert.deepEqual(of(path.join('news', 'a.press')), []);
    assert.deepEqual(of(path.join('news', 'b.press')), ['mention.unannotated `Kazakhstan`']);
  });

  it('annotate learns the names annotated in the project’s .press files', () => {
    dir = project({ 'pressmark.yaml': 'version: 1\n', 'old/2024.press': 'Visitors met [Ayan Serikbay]{person:ayan-serikbay}.\n', 'new/today.txt': 'Then Ayan Serikbay spoke.\n' });
    const r = run('annotate', ['new/today.txt'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readings(r.out), ['Ayan Serikbay=person:ayan-serikbay']);
  });
});
