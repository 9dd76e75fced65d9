/**
 * `pressmark kb search` and `pressmark kb stats`, run as the user runs them: node bin/pressmark.js
 * (the bundle dist/cli.js and dist/kb.json must be built, as for test/unit/cli.test.ts).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');

function run(args: string[], bin = BIN) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Hit {
  type: string;
  id: string;
  name: string;
  match: string;
  matched: string;
  score: number;
  wikidata?: string;
  formerNames?: Array<{ name: string; from?: string; to?: string; lang?: string }>;
  facts: Record<string, unknown>;
  source: string;
}

function searchJson(...args: string[]): Hit[] {
  const r = run(['kb', 'search', '--json', ...args]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Hit[];
}

describe('CLI: pressmark kb', function () {
  this.timeout(20_000);

  describe('stats', () => {
    it('--json counts the built-in entities by type and source, consistently', () => {
      const r = run(['kb', 'stats', '--json']);
      assert.equal(r.code, 0, r.err);
      const s = JSON.parse(r.out) as {
        total: number;
        byType: Record<string, number>;
        bySource: Record<string, number>;
        byTypeAndSource: Record<string, Record<string, number>>;
      };
      assert.deepEqual(Object.keys(s), ['total', 'byType', 'bySource', 'byTypeAndSource']);
      assert.ok(s.byType.country >= 249, `countries: ${s.byType.country}`);
      assert.ok(s.byType.org >= 300, `orgs: ${s.byType.org}`);
      assert.ok(s.byType.place >= 1000, `places: ${s.byType.place}`);
      assert.equal(s.byType.person, 0);
      assert.deepEqual(s.bySource, { builtin: s.total, workspace: 0 });
      assert.equal(Object.values(s.byType).reduce((a, b) => a + b, 0), s.total);
      for (const [type, bySource] of Object.entries(s.byTypeAndSource)) {
        assert.deepEqual(bySource, { builtin: s.byType[type], workspace: 0 }, type);
      }
    });

    it('prints an aligned table by default, with the same numbers', () => {
      const json = JSON.parse(run(['kb', 'stats', '--json']).out) as { total: number; byType: Record<string, number> };
      const r = run(['kb', 'stats']);
      assert.equal(r.code, 0, r.err);
      const lines = r.out.trimEnd().split('\n');
      assert.match(lines[0], /^type\s+builtin\s+workspace\s+total$/);
      const country = lines.find((l) => l.startsWith('country '));
      assert.deepEqual(country?.split(/\s+/), ['country', String(json.byType.country), '0', String(json.byType.country)]);
      assert.deepEqual(lines[lines.length - 1].split(/\s+/), ['total', String(json.total), '0', String(json.total)]);
      assert.equal(new Set(lines.map((l) => l.length)).size, 1, 'every row has the same width:\n' + r.out);
    });

    it('rejects arguments, exit 2', () => {
      const r = run(['kb', 'stats', 'places']);
      assert.equal(r.code, 2);
      assert.match(r.err, /takes no arguments/);
    });
  });

  describe('search', () => {
    it('finds Astana and shows its former name Nur-Sultan with its dates', () => {
      const r = run(['kb', 'search', 'Astana']);
      assert.equal(r.code, 0, r.err);
      const first = r.out.split('\n')[0];
      assert.match(first, /^place\s+G1526273\s+Astana\s+\(Kazakhstan\b/);
      assert.ok(first.includes('Nur-Sultan 2019-03-23–2022-09-17'), first);
    });

    it('finds Astana by its former name, showing the dates', () => {
      const r = run(['kb', 'search', 'Nur-Sultan']);
      assert.equal(r.code, 0, r.err);
      const first = r.out.split('\n')[0];
      assert.match(first, /^place\s+G1526273\s+Astana\s/);
      assert.ok(first.includes('Nur-Sultan 2019-03-23–2022-09-17'), first);
      const hits = searchJson('Nur-Sultan');
      assert.equal(hits[0].id, 'G1526273');
      assert.equal(hits[0].matched, 'Nur-Sultan');
    });

    it('aligns the columns: every id and every name starts at the same column', () => {
      const r = run(['kb', 'search', 'Astana', '--limit', '8']);
      assert.equal(r.code, 0, r.err);
      const lines = r.out.trimEnd().split('\n');
      const hits = searchJson('Astana', '--limit', '8');
      assert.ok(new Set(hits.map((h) => h.type)).size >= 2 && new Set(hits.map((h) => h.id.length)).size >= 2, 'types and ids of several widths');
      assert.equal(lines.length, hits.length);
      const idCols = lines.map((l, i) => l.indexOf(`  ${hits[i].id}  `));
      const nameCols = lines.map((l, i) => l.indexOf(`  ${hits[i].name}`, idCols[i] + hits[i].id.length + 2));
      assert.ok(idCols.every((c) => c > 0) && nameCols.every((c) => c > 0), r.out);
      assert.equal(new Set(idCols).size, 1, r.out);
      assert.equal(new Set(nameCols).size, 1, r.out);
    });

    it('--json gives hits with type, id, name, match, score, wikidata?, formerNames?, facts and source', () => {
      const hits = searchJson('Astana', '--limit', '5');
      assert.ok(hits.length >= 1 && hits.length <= 5);
      for (const h of hits) {
        assert.equal(typeof h.type, 'string');
        assert.equal(typeof h.id, 'string');
        assert.equal(typeof h.name, 'string');
        assert.ok(['id', 'name', 'id-prefix', 'name-prefix', 'word-prefix', 'substring', 'fuzzy'].includes(h.match), h.match);
        assert.equal(typeof h.score, 'number');
        assert.equal(typeof h.facts, 'object');
        assert.equal(h.source, 'builtin');
        if (h.wikidata !== undefined) assert.match(h.wikidata, /^Q[1-9][0-9]*$/);
      }
      const scores = hits.map((h) => h.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
      const astana = hits[0];
      assert.deepEqual([astana.type, astana.id, astana.name, astana.match], ['place', 'G1526273', 'Astana', 'name']);
      assert.equal(astana.facts.country, 'KZ');
      assert.equal(astana.facts.capital, true);
      assert.deepEqual(
        astana.formerNames?.find((f) => f.name === 'Nur-Sultan'),
        { name: 'Nur-Sultan', from: '2019-03-23', to: '2022-09-17' },
      );
    });

    it('--json facts are the subset of the type', () => {
      const [kz] = searchJson('KZ', '--type', 'country', '--limit', '1');
      assert.deepEqual([kz.id, kz.match], ['KZ', 'id']);
      assert.equal(kz.wikidata, 'Q232');
      assert.equal(kz.facts.alpha3, 'KAZ');
      assert.equal(kz.facts.region, 'Asia');
      assert.equal(kz.facts.population, undefined);
      const [osce] = searchJson('OSCE', '--type', 'org', '--limit', '1');
      assert.equal(osce.id, 'OSCE');
      assert.equal(osce.facts.kind, 'intergovernmental');
      assert.equal(osce.facts.hq, 'AT');
      assert.equal(osce.facts.members, undefined, 'member lists are left out (memberCount instead)');
    });

    it('--type keeps only entities of that type', () => {
      const all = searchJson('Panama', '--limit', '50');
      assert.deepEqual([...new Set(all.map((h) => h.type))].sort(), ['country', 'org', 'place'], 'without --type the country, its government bodies and the cities');
      const countries = searchJson('Panama', '--limit', '50', '--type', 'country');
      assert.ok(countries.length > 0 && countries.every((h) => h.type === 'country'));
      assert.equal(countries[0].id, 'PA');
      const places = searchJson('Panama', '--limit', '50', '--type', 'place');
      assert.ok(places.length > 0 && places.every((h) => h.type === 'place'));
      assert.equal(places.length + countries.length, all.filter((h) => h.type !== 'org').length);
      const orgs = searchJson('Europe', '--type', 'org');
      assert.ok(orgs.length > 0 && orgs.every((h) => h.type === 'org'));
      const text = run(['kb', 'search', 'Panama', '--type', 'place']);
      assert.equal(text.code, 0, text.err);
      const lines = text.out.trimEnd().split('\n');
      assert.equal(lines.length, places.length);
      assert.ok(lines.every((l) => l.startsWith('place ')), text.out);
    });

    it('--limit caps the hits; several words are one query', () => {
      assert.equal(searchJson('an', '--limit', '3').length, 3);
      const r = run(['kb', 'search', '--limit', '2', 'OSCE', 'Parliamentary', 'Assembly']);
      assert.equal(r.code, 0, r.err);
      const lines = r.out.trimEnd().split('\n');
      assert.ok(lines.length <= 2);
      assert.match(lines[0], /^org\s+OSCE-PA\s+OSCE Parliamentary Assembly/);
    });

    it('exit 1 when nothing is found (text: nothing on stdout; json: [])', () => {
      const text = run(['kb', 'search', 'Qxzqxzqxz']);
      assert.equal(text.code, 1);
      assert.equal(text.out, '');
      assert.match(text.err, /no match for "Qxzqxzqxz"/);
      const json = run(['kb', 'search', '--json', 'Qxzqxzqxz']);
      assert.equal(json.code, 1);
      assert.deepEqual(JSON.parse(json.out), []);
      const none = run(['kb', 'search', 'Astana', '--type', 'person']);
      assert.equal(none.code, 1, 'a known type without entities is no usage error');
    });

    it('exit 2 on bad usage, with one line on stderr', () => {
      for (const args of [
        ['kb', 'search'],
        ['kb', 'search', '   '],
        ['kb', 'search', 'Astana', '--type', 'cuontry'],
        ['kb', 'search', 'Astana', '--limit', '0'],
        ['kb', 'search', 'Astana', '--limit', 'ten'],
        ['kb', 'search', 'Astana', '--frobnicate'],
        ['kb', 'frob'],
      ]) {
        const r = run(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.out, '', args.join(' '));
        assert.match(r.err, /^pressmark: [^\n]+\n$/, args.join(' '));
      }
      assert.match(run(['kb', 'search', 'x', '--type', 'cuontry']).err, /unknown type "cuontry" \(known: country, org, place, person\)/);
    });
  });

  describe('help', () => {
    it('kb --help lists the commands; kb alone prints it with exit 2', () => {
      const r = run(['kb', '--help']);
      assert.equal(r.code, 0);
      assert.match(r.out, /^Usage: pressmark kb /);
      assert.match(r.out, /\n {2}search <query>/);
      assert.match(r.out, /\n {2}stats /);
      const bare = run(['kb']);
      assert.equal(bare.code, 2);
      assert.equal(bare.out, r.out);
    });

    it('kb search --help documents the options and the grep-like exit codes', () => {
      const r = run(['kb', 'search', '--help']);
      assert.equal(r.code, 0);
      assert.match(r.out, /^Usage: pressmark kb search <query>/);
      for (const opt of ['--type T', '--limit N', '--json']) assert.ok(r.out.includes(opt), opt);
      assert.match(r.out, /0 when something was found, 1 when nothing was, 2 on bad usage/);
    });

    it('kb stats --help documents the JSON shape', () => {
      const r = run(['kb', 'stats', '-h']);
      assert.equal(r.code, 0);
      assert.match(r.out, /^Usage: pressmark kb stats \[--format text\|json\]/);
      assert.match(r.out, /byTypeAndSource/);
    });

    it('pressmark --help mentions kb', () => {
      const r = run(['--help']);
      assert.equal(r.code, 0);
      assert.match(r.out, /\n {2}kb search <query>/);
    });
  });

  describe('without the built-in knowledge base', () => {
    let dir: string;
    let bin: string;
    before(() => {
      // The same bundle, away from dist/kb.json: the loader walks up from dist/ and finds nothing.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-nokb-'));
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.copyFileSync(BIN, path.join(dir, 'bin', 'pressmark.js'));
      fs.copyFileSync(path.join(ROOT, 'dist', 'cli.js'), path.join(dir, 'dist', 'cli.js'));
      bin = path.join(dir, 'bin', 'pressmark.js');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const args of [['kb', 'search', 'Astana'], ['kb', 'stats', '--json']]) {
      it(`${args.join(' ')}: exit 2 with a one-line message`, () => {
        const r = run(args, bin);
        assert.equal(r.code, 2);
        assert.equal(r.out, '');
        assert.match(r.err, /^pressmark: the built-in knowledge base is missing: [^\n]*kb\.json[^\n]*\n$/);
      });
    }
  });
});

describe('CLI: pressmark kb with workspace files', function () {
  this.timeout(20_000);
  it('--kb adds workspace entities to search and stats', () => {
    const root = path.resolve(__dirname, '../../..');
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/pressmark.js'), 'kb', ...args], { cwd: root, encoding: 'utf8' });
    const stats = JSON.parse(run('stats', '--json', '--kb', 'examples/').stdout);
    assert.equal(stats.byTypeAndSource.person.workspace, 2);
    const hits = JSON.parse(run('search', 'Bettel', '--type', 'person', '--json', '--kb', 'examples/kazinform.kb.yaml').stdout);
    assert.equal(hits[0].id, 'xavier-bettel');
    assert.equal(run('search', 'x', '--kb', 'no/such/file.kb.yaml').status, 2);
  });
});
