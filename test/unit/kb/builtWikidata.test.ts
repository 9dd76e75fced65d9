/**
 * Wikidata QIDs in the built knowledge base (dist/kb.json): every country gets its QID from
 * data/country-wikidata.yaml, and scripts/build-kb.js refuses malformed, missing or shared QIDs.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtinKb, rawKb, repoRoot } from './helpers';

describe('kb: Wikidata QIDs in the built knowledge base', function () {
  this.timeout(60_000);

  it('KZ is Q232 and LU is Q32', () => {
    const { kb } = builtinKb();
    assert.strictEqual(kb.get('country', 'KZ')?.wikidata, 'Q232');
    assert.strictEqual(kb.get('country', 'LU')?.wikidata, 'Q32');
  });

  it('every country has a well-formed QID, and no QID names two entities', () => {
    const raw = rawKb();
    const missing = raw.countries.filter((c) => typeof c.wikidata !== 'string' || !/^Q[1-9][0-9]*$/.test(c.wikidata)).map((c) => c.id);
    assert.deepStrictEqual(missing, []);
    const owners = new Map<string, string>();
    const shared: string[] = [];
    for (const e of [...raw.countries, ...raw.orgs]) {
      if (e.wikidata === undefined) continue;
      const prev = owners.get(e.wikidata);
      if (prev) shared.push(`${e.wikidata}: ${prev} and ${e.type} ${e.id}`);
      else owners.set(e.wikidata, `${e.type} ${e.id}`);
    }
    assert.deepStrictEqual(shared, []);
  });

  it('the search hits carry the QID', () => {
    const [hit] = builtinKb().kb.search('Kazakhstan', { type: 'country', limit: 1 });
    assert.strictEqual(hit.entity.id, 'KZ');
    assert.strictEqual(hit.entity.wikidata, 'Q232');
  });

  describe('build-kb.js validation', () => {
    let dir: string;
    const root = repoRoot();
    const check = (data: string) =>
      spawnSync(process.execPath, [path.join(root, 'scripts', 'build-kb.js'), '--check', '--quiet', '--data', data], { cwd: root, encoding: 'utf8' });

    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-kbdata-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('accepts the real data (a copy of data/)', () => {
      const data = path.join(dir, 'ok');
      fs.cpSync(path.join(root, 'data'), data, { recursive: true });
      const r = check(data);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(r.stderr, '');
    });

    it('fails, listing each problem: bad QID, QID shared by a country and an org, missing country, unknown code', () => {
      const data = path.join(dir, 'bad');
      fs.cpSync(path.join(root, 'data'), data, { recursive: true });
      const file = path.join(data, 'country-wikidata.yaml');
      const orgQid = /\n {2}wikidata: (Q[0-9]+)/.exec(fs.readFileSync(path.join(root, 'data', 'orgs', 'un-system.yaml'), 'utf8'));
      assert.ok(orgQid, 'an org QID in data/orgs/un-system.yaml');
      let text = fs.readFileSync(file, 'utf8');
      const edit = (re: RegExp, to: string) => {
        assert.ok(re.test(text), String(re));
        text = text.replace(re, to);
      };
      edit(/^KZ: Q232\b.*$/m, 'KZ: Q232x');
      edit(/^LU: Q32\b.*$/m, `LU: ${orgQid[1]}`);
      edit(/^DE: .*\n/m, '');
      text += 'ZZ: Q999999999\n';
      fs.writeFileSync(file, text);
      const r = check(data);
      assert.strictEqual(r.status, 1, r.stderr);
      const lines = r.stderr.trim().split('\n');
      const expect = [
        /^kb: country-wikidata\.yaml KZ: bad wikidata "Q232x"/,
        new RegExp(`^kb: orgs/un-system\\.yaml\\[\\d+\\] \\S+: wikidata ${orgQid[1]} also used by country LU$`),
        /^kb: country DE: no Wikidata QID in country-wikidata\.yaml$/,
        /^kb: country-wikidata\.yaml ZZ: not an ISO alpha-2 code/,
        /^kb: 4 problem\(s\); check failed$/,
      ];
      for (const re of expect) assert.ok(lines.some((l) => re.test(l)), `${re} in\n${r.stderr}`);
      assert.strictEqual(lines.length, 5, r.stderr);
    });

    it('fails when two countries share a QID', () => {
      const data = path.join(dir, 'dup');
      fs.cpSync(path.join(root, 'data'), data, { recursive: true });
      const file = path.join(data, 'country-wikidata.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^LU: Q32\b.*$/m, 'LU: Q232'));
      const r = check(data);
      assert.strictEqual(r.status, 1);
      assert.match(r.stderr, /^kb: country-wikidata\.yaml LU: wikidata Q232 also used by country KZ$/m);
    });
  });
});
