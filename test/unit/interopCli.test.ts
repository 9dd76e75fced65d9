/** `pressmark import` of other tools' files and `export --to doccano|labelstudio|spacy`, end to end (needs the bundle: node scripts/esbuild.js). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tree } from '../support/tree';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const EXAMPLES = path.join(ROOT, 'examples');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI: imports and exports of other annotation tools', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-interop-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a doccano line, a Label Studio task and a Prodigy reject: two documents written, the rejected one skipped and counted', () => {
    fs.writeFileSync(
      path.join(dir, 'mixed.jsonl'),
      [
        '{"id": 1, "text": "Acme hired Jane Doe.", "label": [[0, 4, "ORG"], [11, 19, "PER"]]}',
        '{"data": {"text": "Astana hosts OSCE.", "id": "ls"}, "annotations": [{"result": [{"id": "r", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 0, "end": 6, "text": "Astana", "labels": ["LOC"]}}]}]}',
        '{"id": "no", "text": "Acme", "spans": [{"start": 0, "end": 4, "label": "ORG"}], "answer": "reject"}',
      ].join('\n') + '\n',
    );
    const r = run(['import', '--from', 'jsonl', '--out', 'out', 'mixed.jsonl'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '3 documents, 2 written, 1 skipped (1 answer: reject)\n');
    assert.deepEqual(tree(path.join(dir, 'out')), ['1.press', 'ls.press']);
    assert.equal(fs.readFileSync(path.join(dir, 'out/1.press'), 'utf8'), '[Acme]{org} hired [Jane Doe]{person}.');
    assert.equal(fs.readFileSync(path.join(dir, 'out/ls.press'), 'utf8'), '[Astana]{place} hosts OSCE.');
  });

  it('an unknown JSONL shape is an error at its line and exit 1; nothing is written for it', () => {
    fs.writeFileSync(path.join(dir, 'c.jsonl'), '{"text": "fine", "id": "ok"}\n\n{"text": "Acme", "ents": [[0, 4, "ORG"]], "id": "lost"}\n');
    const r = run(['import', '--from', 'jsonl', '--out', 'out', 'c.jsonl'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^c\.jsonl:3:1 error the line has a "text" and "ents", which Pressmark does not read/m);
    assert.match(r.err, /2 documents, 1 written, 1 failed\n$/);
    assert.deepEqual(tree(path.join(dir, 'out')), ['ok.press']);
  });

  it('export --to doccano and --to labelstudio (a JSON array) import back byte for byte', () => {
    const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.press'));
    for (const [to, file, extra] of [
      ['doccano', 'd.jsonl', []],
      ['doccano', 'dc.jsonl', ['--offsets', 'codepoints']],
      ['labelstudio', 'ls.json', []],
      ['labelstudio', 'lp.json', ['--as', 'predictions']],
    ] as const) {
      const exported = run(['export', '--to', to, ...extra, '--out', file, EXAMPLES], dir);
      assert.equal(exported.code, 0, exported.err);
      if (to === 'labelstudio') {
        const tasks = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
        assert.equal(tasks.length, examples.length);
        assert.ok(extra.length ? tasks[0].predictions : tasks[0].annotations, file);
      }
      const offsets = extra[0] === '--offsets' ? [...extra] : [];
      const back = run(['import', '--from', to, ...offsets, '--out', 'back-' + file, file], dir);
      assert.equal(back.code, 0, back.err);
      for (const f of examples) assert.equal(fs.readFileSync(path.join(dir, 'back-' + file, f), 'utf8'), fs.readFileSync(path.join(EXAMPLES, f), 'utf8'), `${to} ${extra.join(' ')} ${f}`);
    }
  });

  it('a Label Studio .json array with a region that does not fit is an error at the task\'s line', () => {
    fs.writeFileSync(path.join(dir, 'tasks.json'), '[\n  {"data": {"text": "Acme"}, "annotations": [{"result": []}]},\n  {"data": {"text": "Acme"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 4, "text": "Acne", "labels": ["ORG"]}}]}]}\n]\n');
    const r = run(['import', '--from', 'labelstudio', '--out', 'out', 'tasks.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^tasks\.json:3:1 error result 1: its text "Acne" is not the text at 0–4/m);
    // One task, pretty-printed over several lines, is one record.
    fs.writeFileSync(path.join(dir, 'one.json'), '{\n  "data": {"text": "Acme", "id": "one"},\n  "predictions": [{"result": [{"type": "labels", "value": {"start": 0, "end": 4, "text": "Acme", "labels": ["ORG"]}}]}]\n}\n');
    const one = run(['import', '--from', 'labelstudio', '--out', 'out', 'one.json'], dir);
    assert.equal(one.code, 0, one.err);
    assert.equal(fs.readFileSync(path.join(dir, 'out/one.press'), 'utf8'), '[Acme]{org}');
  });

  it('export --to spacy: tokens and the outermost layer, or --layer innermost; usage errors for options of other formats', () => {
    fs.writeFileSync(path.join(dir, 'n.press'), '[The [OSCE]{org} office]{org} opened.\n');
    const outer = JSON.parse(run(['export', '--to', 'spacy', 'n.press'], dir).out);
    assert.deepEqual(outer.spans, [{ start: 0, end: 15, token_start: 0, token_end: 2, label: 'org' }]);
    assert.deepEqual(outer.tokens.slice(0, 2), [{ text: 'The', start: 0, end: 3, id: 0, ws: true }, { text: 'OSCE', start: 4, end: 8, id: 1, ws: true }]);
    const inner = JSON.parse(run(['export', '--to', 'spacy', '--layer', 'innermost', 'n.press'], dir).out);
    assert.deepEqual(inner.spans, [{ start: 4, end: 8, token_start: 1, token_end: 1, label: 'org' }]);
    assert.equal(run(['export', '--to', 'jsonl', '--layer', 'innermost', 'n.press'], dir).code, 2);
    assert.equal(run(['export', '--to', 'labelstudio', '--as', 'gold', 'n.press'], dir).code, 2);
  });
});
