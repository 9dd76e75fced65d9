import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI: pressmark check', function () {
  this.timeout(20_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports no problem on the examples (json), exit 0', () => {
    const r = run(['check', '--format', 'json', 'examples/']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), []);
  });

  it('reports each problem of a broken copy with its code and exact range, exit 1', () => {
    const example = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    const broken = example
      .replace('date: 2022-06-29', 'date: 2022-02-30')
      .replace('[Kazakhstan]{country:KZ} and [Luxembourg]{country:LU} commemorate', '[Kazakhstan{country:KZ} and [Luxembourg]{} commemorate')
      .replace('[Xavier Bettel]{person:xavier-bettel}', '[Xavier Bettel]{persn:xavier-bettel}');
    const file = path.join(dir, 'broken.press');
    fs.writeFileSync(file, broken);
    fs.copyFileSync(path.join(ROOT, 'examples/kazinform.kb.yaml'), path.join(dir, 'kazinform.kb.yaml'));
    const r = run(['check', '--format', 'json', file]);
    assert.equal(r.code, 1, r.err);
    const rows = JSON.parse(r.out) as Array<{ file: string; code: string; severity: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
    const lines = broken.split('\n');
    const rangeOf = (needle: string, line = lines.findIndex((l) => l.includes(needle))) => {
      const character = lines[line].indexOf(needle);
      return { start: { line, character }, end: { line, character: character + needle.length } };
    };
    assert.deepEqual(
      rows.map((x) => [x.code, x.severity, x.range]),
      [
        ['frontmatter.invalid-date', 'error', rangeOf('2022-02-30')],
        ['syntax.unclosed-label', 'error', rangeOf('[Kazakhstan{country:KZ}')],
        ['syntax.missing-type', 'error', rangeOf('{}')],
        ['syntax.unknown-type', 'error', rangeOf('persn')],
      ],
    );
    assert.ok(rows.every((x) => x.file.endsWith('broken.press')));
  });

  it('prints text lines file:line:col severity message (code), 1-based', () => {
    const file = path.join(dir, 'one.press');
    fs.writeFileSync(file, 'Привет 😀 [x]{cuontry:KZ}\n');
    const r = run(['check', file]);
    assert.equal(r.code, 1);
    // `cuontry` starts at UTF-16 column 14 (0-based): the emoji counts two.
    assert.match(r.out, /one\.press:1:15 error Unknown annotation type `cuontry`\..* \(syntax\.unknown-type\)\n$/);
    assert.match(r.err, /1 file checked, 1 problem \(1 error\)/);
  });

  it('exits 0 with warnings only, and 2 on bad usage or unreadable files, without a stack trace', () => {
    const file = path.join(dir, 'warn.press');
    fs.writeFileSync(file, '[Kazakhstan]{country}\n');
    assert.equal(run(['check', file]).code, 0);
    for (const args of [['check'], ['check', path.join(dir, 'missing.press')], ['check', '--format', 'xml', file], ['frobnicate'], ['check', '--nope', file]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^pressmark: .+\n$/);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });

  it('has --help for every command', () => {
    for (const args of [['--help'], ['check', '--help'], ['lsp', '--help']]) {
      const r = run(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.out, /^Usage: pressmark/);
    }
  });

  it('applies the nearest pressmark.yaml and reports its problems', () => {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'pressmark.yaml'), 'types:\n  ship: {id: required}\nrules:\n  annotation.missing-id: error\n  bogus.rule: off\n');
    fs.writeFileSync(path.join(ws, 'sub', 'a.press'), '[Aurora]{ship}\n');
    const r = run(['check', '--format', 'json', ws]);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.out) as Array<{ file: string; code: string; severity: string }>;
    assert.deepEqual(rows.map((x) => [path.basename(x.file), x.code, x.severity]), [
      ['pressmark.yaml', 'schema.unknown-rule', 'warning'],
      ['a.press', 'annotation.missing-id', 'error'],
    ]);
  });

  it('reads the same knowledge base whether a project\'s folder or its files are named: check, stats and annotate alike', () => {
    // The knowledge-base file sits in the project (beside pressmark.yaml's folder), outside the folder named.
    const ws = path.join(dir, 'project');
    fs.mkdirSync(path.join(ws, 'kb'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'news'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'pressmark.yaml'), 'rules: {}\n');
    fs.writeFileSync(path.join(ws, 'kb', 'fleet.kb.yaml'), 'entities:\n  - id: AURORA\n    type: org\n    name: Aurora Lines\n');
    fs.writeFileSync(path.join(ws, 'news', 'a.press'), '---\ndate: 2022-06-29\n---\n[Aurora Lines]{org:AURORA} sailed.\n');
    fs.writeFileSync(path.join(ws, 'news', 'b.press'), '---\ndate: 2022-06-29\n---\nAurora Lines sailed again.\n');
    const codes = (args: string[]) => (JSON.parse(run(['check', '--format', 'json', ...args]).out) as Array<{ code: string }>).map((x) => x.code);
    const byFolder = codes([path.join(ws, 'news')]);
    assert.ok(!byFolder.includes('entity.unknown-id'), `the folder: ${byFolder.join(', ')}`);
    assert.deepEqual(byFolder, codes([path.join(ws, 'news', 'a.press'), path.join(ws, 'news', 'b.press')]));
    const stats = JSON.parse(run(['stats', '--format', 'json', path.join(ws, 'news')]).out);
    assert.match(JSON.stringify(stats), /Aurora Lines/);
    const annotated = run(['annotate', path.join(ws, 'news')]);
    assert.equal(annotated.code, 0, annotated.err);
    assert.match(annotated.out, /\[Aurora Lines\]\{org:AURORA\} sailed again/);
  });

  it('reads a BOM and CRLF file with editor positions', () => {
    const file = path.join(dir, 'bom.press');
    fs.writeFileSync(file, '\uFEFF---\r\ndate: 2022-06-31\r\n---\r\n');
    const rows = JSON.parse(run(['check', '--format', 'json', file]).out);
    assert.deepEqual(rows[0].range, { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } });
  });

  it('checks a knowledge-base file named alone as one, not as a document', () => {
    const r = run(['check', '--format', 'json', 'examples/kazinform.kb.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), []);
    const text = run(['check', 'examples/kazinform.kb.yaml']);
    assert.match(text.err, /^0 files checked, 0 problems/);
  });

  it('gives the same output, in file order, with worker threads (--jobs 2) as in one thread', function () {
    this.timeout(120_000);
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(path.join(corpus, 'sub'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'examples/kazinform.kb.yaml'), path.join(corpus, 'people.kb.yaml'));
    const example = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    for (let i = 0; i < 90; i++) {
      // every third document broken, some in a subfolder; the workspace people are known in all
      const text = i % 3 === 0 ? example.replace('[Kazakhstan]{country:KZ}', `[Kazakhstan]{country:K${i}}`) : example.replace('Luxembourg', `Luxembourg ${i}`);
      fs.writeFileSync(path.join(corpus, i % 4 === 0 ? 'sub' : '', `doc-${String(i).padStart(3, '0')}.press`), text);
    }
    const one = run(['check', '--format', 'json', '--jobs', '1', corpus]);
    const two = run(['check', '--format', 'json', '--jobs', '2', corpus]);
    assert.equal(one.code, 1, one.err);
    assert.equal(two.code, 1, two.err);
    assert.equal(two.out, one.out);
    const rows = JSON.parse(one.out) as Array<{ file: string; code: string }>;
    assert.equal(rows.filter((r) => r.code === 'entity.unknown-id').length, 30);
    assert.ok(!rows.some((r) => r.file.endsWith('.kb.yaml')), 'the people file is valid');
    const files = rows.map((r) => r.file);
    assert.deepEqual(files, [...files].sort(), 'in file order');
    assert.equal(run(['check', '--jobs', '2', corpus]).out, run(['check', corpus]).out, 'text output too');
    assert.equal(run(['check', '--jobs', '0', corpus]).code, 2);
  });
});
