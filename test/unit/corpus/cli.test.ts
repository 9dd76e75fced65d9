/** The corpus commands end to end: `node bin/pressmark.js import|export|stats|agree` (needs the bundle: node scripts/esbuild.js). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threeChanges } from './agree.test';
import { tree } from '../../support/tree';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const EXAMPLES = path.join(ROOT, 'examples');
const FIXTURES = path.join(ROOT, 'test/fixtures/corpus');
const EXAMPLE = path.join(EXAMPLES, 'kazinform-2022-06-29.press');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}


describe('CLI: corpus commands', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-corpus-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('import', () => {
    it('the seed release: date, dateline and source in the front matter, the body from "Today, on 29 June 2022"', () => {
      fs.copyFileSync(path.join(EXAMPLES, 'kazinform-2022-06-29.txt'), path.join(dir, 'seed.txt'));
      const r = run(['import', 'seed.txt'], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '1 file, 1 written\n');
      const press = fs.readFileSync(path.join(dir, 'seed.press'), 'utf8');
      assert.ok(press.startsWith('---\ndate: 2022-06-29\ndateline: Nur-Sultan\nsource: Kazinform\n---\nToday, on 29 June 2022, Kazakhstan'), press.slice(0, 200));
      assert.equal(run(['check', 'seed.press'], dir).code, 0);
    });

    it('never overwrites without --force, and leaves no temporary file', () => {
      fs.copyFileSync(path.join(EXAMPLES, 'kazinform-2022-06-29.txt'), path.join(dir, 'seed.txt'));
      fs.writeFileSync(path.join(dir, 'seed.press'), 'mine\n');
      const r = run(['import', 'seed.txt'], dir);
      assert.equal(r.code, 1);
      assert.match(r.err, /seed\.press: exists, not overwritten \(use --force\)/);
      assert.equal(fs.readFileSync(path.join(dir, 'seed.press'), 'utf8'), 'mine\n');
      const forced = run(['import', '--force', 'seed.txt'], dir);
      assert.equal(forced.code, 0, forced.err);
      assert.match(fs.readFileSync(path.join(dir, 'seed.press'), 'utf8'), /^---\ndate: 2022-06-29/);
      assert.deepEqual(tree(dir), ['seed.press', 'seed.txt']);
    });

    it('a folder of agency releases into --out, mirroring sub-folders', () => {
      const input = path.join(dir, 'in');
      fs.cpSync(path.join(FIXTURES, 'raw'), path.join(input, 'sub'), { recursive: true });
      const r = run(['import', '--out', 'out', 'in'], dir);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(tree(path.join(dir, 'out')), ['sub/ap-crlf.press', 'sub/kazinform-old.press', 'sub/plain.press', 'sub/reuters.press', 'sub/tass-markup.press']);
      const out = (f: string) => fs.readFileSync(path.join(dir, 'out/sub', f), 'utf8');
      assert.equal(out('ap-crlf.press'), '---\r\ndateline: Washington\r\nsource: AP\r\n---\r\nThe Senate passed the bill 52-47 on Thursday.\r\n\r\nIt goes to the House.\r\n');
      assert.equal(out('reuters.press'), '---\ndateline: London\nsource: Reuters\n---\nOil prices rose on Tuesday [1], traders said.\n');
      assert.match(out('kazinform-old.press'), /^---\ndateline: Astana\nsource: Kazinform\n---\nPresident Kassym-Jomart Tokayev/);
      assert.equal(out('plain.press'), 'No dateline here: just a statement issued today.\n');
      assert.equal(run(['check', path.join(dir, 'out')]).code, 0);
    });

    it('--annotate pre-annotates names and dates the knowledge base and the date finder recognize', () => {
      fs.copyFileSync(path.join(EXAMPLES, 'kazinform-2022-06-29.txt'), path.join(dir, 'seed.txt'));
      const r = run(['import', '--annotate', 'seed.txt'], dir);
      assert.equal(r.code, 0, r.err);
      const press = fs.readFileSync(path.join(dir, 'seed.press'), 'utf8');
      assert.ok(press.startsWith('---\ndate: 2022-06-29\ndateline: Nur-Sultan\nsource: Kazinform\n---\n[Today]{date:2022-06-29}, on [29 June 2022]{date:2022-06-29}, [Kazakhstan]{country:KZ} and [Luxembourg]{country:LU}'), press.slice(0, 300));
    });
  });

  describe('export and import back', () => {
    it('brat: DOC.txt, DOC.ann, DOC.meta.json, annotation.conf, tools.conf; back to the same bytes', () => {
      const r = run(['export', '--to', 'brat', '--out', path.join(dir, 'brat'), EXAMPLES]);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(tree(path.join(dir, 'brat')), ['annotation.conf', 'kazinform-2022-06-29.ann', 'kazinform-2022-06-29.meta.json', 'kazinform-2022-06-29.txt', 'tools.conf']);
      const back = run(['import', '--from', 'brat', '--out', path.join(dir, 'back'), path.join(dir, 'brat')]);
      assert.equal(back.code, 0, back.err);
      assert.equal(fs.readFileSync(path.join(dir, 'back/kazinform-2022-06-29.press'), 'utf8'), fs.readFileSync(EXAMPLE, 'utf8'));
      assert.match(fs.readFileSync(path.join(dir, 'brat/kazinform-2022-06-29.ann'), 'utf8'), /^N\d+\tReference T5 Wikidata:Q232\tKazakhstan$/m);
    });

    it('JSONL: to stdout or a file, and back to the same bytes', () => {
      const r = run(['export', '--to', 'jsonl', EXAMPLES]);
      assert.equal(r.code, 0, r.err);
      const line = JSON.parse(r.out) as { id: string; spans: Array<{ start: number; end: number; label: string }>; text: string };
      assert.equal(line.id, 'kazinform-2022-06-29');
      assert.equal([...line.text].slice(line.spans[4].start, line.spans[4].end).join(''), 'Kazakhstan');
      fs.writeFileSync(path.join(dir, 'c.jsonl'), r.out);
      const back = run(['import', '--from', 'jsonl', '--out', path.join(dir, 'back'), path.join(dir, 'c.jsonl')]);
      assert.equal(back.code, 0, back.err);
      assert.equal(fs.readFileSync(path.join(dir, 'back/kazinform-2022-06-29.press'), 'utf8'), fs.readFileSync(EXAMPLE, 'utf8'));
      const toFile = run(['export', '--to', 'jsonl', '--out', path.join(dir, 'x.jsonl'), EXAMPLES]);
      assert.equal(toFile.code, 0, toFile.err);
      assert.equal(fs.readFileSync(path.join(dir, 'x.jsonl'), 'utf8'), r.out);
      assert.equal(run(['export', '--to', 'jsonl', '--out', path.join(dir, 'x.jsonl'), EXAMPLES]).code, 2, 'exists');
    });

    it('CoNLL and TimeML', () => {
      const conll = run(['export', '--to', 'conll', EXAMPLES]);
      assert.equal(conll.code, 0, conll.err);
      assert.ok(conll.out.startsWith('-DOCSTART- -X- -X- O\n\nNUR-SULTAN _ _ B-place\n. _ _ O\nKAZINFORM _ _ B-org\n'));
      const tml = run(['export', '--to', 'timeml', '--out', dir, EXAMPLES]);
      assert.equal(tml.code, 0, tml.err);
      const text = fs.readFileSync(path.join(dir, 'kazinform-2022-06-29.tml'), 'utf8');
      assert.equal(text.match(/<TIMEX3 /g)!.length, 7); // the DCT and six time expressions
    });

    it('a malformed document is reported with file and position; the rest is exported; exit 1', () => {
      fs.cpSync(EXAMPLES, path.join(dir, 'in'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'in/bad.press'), 'Fine line.\n[Kazakhstan{country:KZ} and more.\n');
      const r = run(['export', '--to', 'jsonl', 'in'], dir);
      assert.equal(r.code, 1);
      assert.equal(r.out.trim().split('\n').length, 1);
      assert.equal(r.err, 'in/bad.press:2:1 error The label is not closed: add `]` before `{`.\n2 documents, 1 converted, 1 failed\n');
    });

    it('reads brat and JSONL written by other tools, reporting what it leaves out', () => {
      const brat = run(['import', '--from', 'brat', '--out', path.join(dir, 'b'), path.join(FIXTURES, 'brat-foreign')]);
      assert.equal(brat.code, 0, brat.err);
      assert.match(brat.err, /meeting\.ann:10:1 warning relations are not kept in \.press files \(first at R1\)/);
      assert.match(fs.readFileSync(path.join(dir, 'b/meeting.press'), 'utf8'), /^\[Ms Smith\]\{PER Negation=true\} met \[EU\]\{ORG:wd:Q458\}/);
      const jsonl = run(['import', '--from', 'jsonl', '--out', path.join(dir, 'j'), path.join(FIXTURES, 'spacy.jsonl')]);
      assert.equal(jsonl.code, 1);
      assert.match(jsonl.err, /spacy\.jsonl:3:1 warning An annotation is left out: place "York City" crosses place "New York"/);
      assert.match(jsonl.err, /spacy\.jsonl:4:\d+ error not JSON/);
      assert.match(jsonl.err, /spacy\.jsonl:5:1 error the id "\.\.\/escape" is not a usable file name/);
      assert.deepEqual(tree(path.join(dir, 'j')), ['brackets.press', 'merkel.press', 'sub/overlap.press']);
    });

    it('worker threads give the same output as one thread', () => {
      const input = path.join(dir, 'many');
      const example = fs.readFileSync(EXAMPLE, 'utf8');
      for (let i = 0; i < 80; i++) {
        fs.mkdirSync(path.join(input, String(i % 3)), { recursive: true });
        fs.writeFileSync(path.join(input, String(i % 3), `d${i}.press`), example.replace('30th', `${i}th`));
      }
      // The example's knowledge base (its org ids): without it the documents have check errors, and are not exported.
      fs.copyFileSync(path.join(EXAMPLES, 'kazinform.kb.yaml'), path.join(input, 'kazinform.kb.yaml'));
      const one = run(['export', '--to', 'jsonl', '--jobs', '1', input]);
      const two = run(['export', '--to', 'jsonl', '--jobs', '2', input]);
      assert.equal(one.code, 0, one.err);
      assert.equal(two.code, 0, two.err);
      assert.equal(two.out, one.out);
      assert.equal(one.out.trim().split('\n').length, 80);
      const brat = run(['export', '--to', 'brat', '--jobs', '2', '--out', path.join(dir, 'brat'), input]);
      assert.equal(brat.code, 0, brat.err);
      const back = run(['import', '--from', 'brat', '--jobs', '2', '--out', path.join(dir, 'back'), path.join(dir, 'brat')]);
      assert.equal(back.code, 0, back.err);
      for (const f of tree(input).filter((f) => f.endsWith('.press'))) assert.equal(fs.readFileSync(path.join(dir, 'back', f), 'utf8'), fs.readFileSync(path.join(input, f), 'utf8'), f);
    });
  });

  describe('stats and agree', () => {
    it('stats --json: documents, annotations per type, top entities, unannotated mentions', () => {
      const r = run(['stats', '--json', EXAMPLES]);
      assert.equal(r.code, 0, r.err);
      const s = JSON.parse(r.out);
      assert.equal(s.documents, 1);
      assert.equal(s.documentsWithErrors, 0);
      assert.equal(s.annotations.total, 32);
      assert.deepEqual(s.annotations.byType.country, { count: 13, ids: 2 });
      assert.deepEqual(s.topEntities[0], { type: 'country', id: 'LU', name: 'Luxembourg', count: 7, labels: { Luxembourg: 7 } });
      assert.ok(s.unannotatedMentions.total >= 1);
      assert.ok(s.topEntities.every((e: { type: string }) => e.type !== 'date'));
    });

    it('agree: a folder against a copy with three changed annotations reports exactly those three', () => {
      fs.mkdirSync(path.join(dir, 'a'));
      fs.mkdirSync(path.join(dir, 'b'));
      const text = fs.readFileSync(EXAMPLE, 'utf8');
      fs.writeFileSync(path.join(dir, 'a/doc.press'), text);
      fs.writeFileSync(path.join(dir, 'b/doc.press'), threeChanges(text));
      fs.writeFileSync(path.join(dir, 'a/same.press'), text);
      fs.writeFileSync(path.join(dir, 'b/same.press'), text);
      const r = run(['agree', 'a', 'b'], dir);
      assert.equal(r.code, 1, r.err);
      const lines = r.out.split('\n');
      const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
      const colOf = (needle: string) => text.split('\n')[lineOf(needle) - 1].indexOf(needle) + 1;
      assert.deepEqual(lines.slice(0, 4), [
        `a/doc.press:${lineOf('[Luxembourg]{country:LU} commemorate')}:${colOf('[Luxembourg]{country:LU} commemorate')} changed [Luxembourg]{country:LU} → [Luxembourg]{country:BE} (b/doc.press:${lineOf('[Luxembourg]{country:LU} commemorate')}:${colOf('[Luxembourg]{country:LU} commemorate')})`,
        `a/doc.press:${lineOf('[2015]')}:${colOf('[2015]')} only in A [2015]{date:2015}`,
        `a/doc.press:${lineOf('[Abai')}:${colOf('[Abai')} changed [Abai Kunanbayev]{person:abai-kunanbayev} → [Abai]{person:abai-kunanbayev} (b/doc.press:${lineOf('[Abai')}:${colOf('[Abai')})`,
        '',
      ]);
      assert.match(r.out, /3 disagreements in 1 of 2 documents compared\n$/);
      const json = JSON.parse(run(['agree', '--json', 'a', 'b'], dir).out);
      assert.equal(json.disagreements.length, 3);
      assert.equal(json.overall.match, 61);
      assert.ok(json.kappa > 0.9 && json.kappa < 1);
      assert.equal(run(['agree', 'a/same.press', 'b/same.press'], dir).code, 0);
    });

    it('agree reports documents whose text differs, and documents only on one side', () => {
      fs.mkdirSync(path.join(dir, 'a'));
      fs.mkdirSync(path.join(dir, 'b'));
      fs.writeFileSync(path.join(dir, 'a/x.press'), 'One [two]{t} three.\n');
      fs.writeFileSync(path.join(dir, 'b/x.press'), 'One [two]{t} thre.\n');
      fs.writeFileSync(path.join(dir, 'a/only.press'), 'x\n');
      const r = run(['agree', 'a', 'b'], dir);
      assert.equal(r.code, 1);
      assert.match(r.out, /^a\/only\.press:1:1 only in a: no b\/only\.press$/m);
      assert.match(r.out, /^b\/x\.press:1:18 not compared: the text differs from a\/x\.press:1:18$/m);
    });
  });

  it('help and usage errors', () => {
    for (const cmd of ['import', 'export', 'stats', 'agree']) {
      const r = run([cmd, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.out, new RegExp(`^Usage: pressmark ${cmd} `));
    }
    for (const args of [['import'], ['import', '--from', 'xml', 'x'], ['export', EXAMPLES], ['export', '--to', 'brat', EXAMPLES], ['export', '--to', 'csv', EXAMPLES], ['stats'], ['agree', EXAMPLES], ['import', 'missing.txt'], ['import', '--jobs', '0', EXAMPLES]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^pressmark: .+\n$/);
    }
  });
});
