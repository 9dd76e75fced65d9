/**
 * Issue 13: generated government bodies of every country (data/government-bodies.yaml) and the
 * major companies (data/orgs/companies.yaml): the data validates, ids are unique, every body
 * resolves to its country, lookups and hover cards, and the existing mention finder finds them.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { entityCard } from '../../../server/src/service/entityCard';
import { KnowledgeBase } from '../../../server/src/service/kb/knowledgeBase';
import { Entity } from '../../../server/src/service/kb/types';
import { MentionFinder } from '../../../server/src/service/mentions';
import { builtinKb, repoRoot } from './helpers';

const BODY_ID = /^(MFA|MOD|MOF|MOEC|MOH|MOED|MOJ|MOI|MOEN|MOAG|MOT|GOV|PRES|CB|PARL)-([A-Z]{2})(-(LOWER|UPPER))?$/;

describe('kb: generated government bodies and companies (issue 13)', function () {
  this.timeout(60000);
  let kb: KnowledgeBase;
  let bodies: Entity[];
  let companies: Entity[];
  before(() => {
    kb = builtinKb().kb;
    bodies = kb.all('org').filter((e) => e.facts.generated === true);
    companies = kb.all('org').filter((e) => e.facts.kind === 'company' || e.facts.kind === 'airline');
  });

  it('build-kb --check accepts the data', () => {
    const root = repoRoot();
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-kb.js'), '--check', '--quiet'], { cwd: root, stdio: 'pipe' });
  });

  it('generates the bodies of every independent country, with unique ids derived from the country code', () => {
    assert.ok(bodies.length > 2000, `bodies: ${bodies.length}`);
    const ids = new Set<string>();
    for (const b of bodies) {
      assert.ok(!ids.has(b.id), `duplicate ${b.id}`);
      ids.add(b.id);
      const m = BODY_ID.exec(b.id);
      assert.ok(m, `id ${b.id}`);
      assert.strictEqual(m![2], b.facts.country, `${b.id} country`);
    }
    for (const c of kb.all('country').filter((x) => x.facts.unMember === true)) {
      for (const prefix of ['MFA', 'MOH', 'GOV', 'PARL']) assert.ok(ids.has(`${prefix}-${c.id}`), `missing ${prefix}-${c.id}`);
    }
    assert.ok(!ids.has('MFA-AQ'), 'no ministry of Antarctica');
    assert.ok(ids.has('PRES-KZ') && !ids.has('PRES-GB') && !ids.has('PRES-JP'), 'presidencies only where there is a president');
  });

  it('resolves every generated body to its country and every chamber to its parliament', () => {
    for (const b of bodies) {
      const c = kb.get('country', String(b.facts.country));
      assert.ok(c, `${b.id}: country ${b.facts.country}`);
      assert.ok(typeof b.facts.what === 'string' && b.facts.what, `${b.id}: what`);
      if (b.facts.kind === 'parliamentary-chamber') assert.ok(kb.get('org', String(b.facts.parent)), `${b.id}: parent`);
    }
  });

  it('gives every generated body names that name no other entity', () => {
    const clashes: string[] = [];
    for (const b of bodies) {
      for (const n of [...Object.values(b.names).flat(), ...Object.values(b.acronyms ?? {}).flat()]) {
        const others = kb.lookupName(n).filter((e) => e !== b);
        if (others.length) clashes.push(`${b.id} "${n}": ${others.map((e) => `${e.type}:${e.id}`).join(', ')}`);
      }
    }
    assert.deepStrictEqual(clashes, []);
  });

  it('keeps org ids unique across hand-written and generated entries, and company countries valid', () => {
    const seen = new Set<string>();
    for (const o of kb.all('org')) {
      assert.ok(!seen.has(o.id), `duplicate org id ${o.id}`);
      seen.add(o.id);
    }
    assert.ok(companies.length >= 300, `companies: ${companies.length}`);
    for (const c of companies) {
      assert.ok(c.names.en?.length, `${c.id} en name`);
      assert.ok(kb.get('country', String(c.facts.hq)), `${c.id} hq ${c.facts.hq}`);
    }
  });

  const lookups: Array<[string, string]> = [
    ['Kazakh Foreign Ministry', 'MFA-KZ'],
    ['Ministry of Foreign Affairs of the Republic of Kazakhstan', 'MFA-KZ'],
    ["Kazakhstan's Foreign Ministry", 'MFA-KZ'],
    ['MFA of Kazakhstan', 'MFA-KZ'],
    ['Ministry of Foreign Affairs of Turkmenistan', 'MFA-TM'],
    ['Ministry of Health of Turkmenistan', 'MOH-TM'],
    ['Bank of Canada', 'CB-CA'],
    ['Bank of Japan', 'CB-JP'],
    ['National Bank of Kazakhstan', 'CB-KZ'],
    ['Deutsche Bundesbank', 'CB-DE'],
    ['Federal Reserve', 'CB-US'],
    ['Mazhilis', 'PARL-KZ-LOWER'],
    ['Bundestag', 'PARL-DE-LOWER'],
    ['State Duma', 'PARL-RU-LOWER'],
    ["National People's Congress", 'PARL-CN'],
    ['Government of Kazakhstan', 'GOV-KZ'],
    ['Dutch Foreign Ministry', 'MFA-NL'],
    ['Foreign Ministry of the Netherlands', 'MFA-NL'],
    ['KazMunayGas', 'KMG'],
    ['General Motors', 'GM'],
    ['Air Astana', 'AIR-ASTANA'],
  ];
  for (const [name, id] of lookups) {
    it(`looks up "${name}" as org ${id}`, () => {
      const found = kb.lookupName(name).filter((e) => e.type === 'org').map((e) => e.id);
      assert.deepStrictEqual(found, [id]);
    });
  }

  it('lists no bare company name that is a common word, a surname or a place', () => {
    for (const bare of ['Shell', 'Apple', 'Amazon', 'Total', 'Orange', 'Target', 'Ford', 'Visa', 'Santander']) {
      assert.deepStrictEqual(kb.lookupName(bare).filter((e) => e.type === 'org').map((e) => e.id), [], bare);
    }
  });

  it('rejects a company named like a country or a city (build-kb)', () => {
    const root = repoRoot();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb13-'));
    try {
      for (const f of ['countries.yaml', 'country-wikidata.yaml', 'places-history.yaml']) fs.copyFileSync(path.join(root, 'data', f), path.join(dir, f));
      fs.mkdirSync(path.join(dir, 'orgs'));
      fs.writeFileSync(path.join(dir, 'orgs', 'companies.yaml'), '- {id: ACME, kind: company, hq: US, names: {en: [Acme Corporation, Georgia]}}\n- {id: ACME2, kind: company, names: {en: Acme Two}}\n');
      let stderr = '';
      try {
        execFileSync(process.execPath, [path.join(root, 'scripts', 'build-kb.js'), '--check', '--quiet', '--data', dir], { cwd: root, stdio: 'pipe' });
      } catch (err) {
        stderr = String((err as { stderr?: Buffer }).stderr ?? '');
      }
      assert.match(stderr, /ACME: name "Georgia" is also the name of country GE/);
      assert.doesNotMatch(stderr, /ACME2/, 'a company needs no ru or fr name');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hover card: a generated body says what it is and whose it is; a company shows its country', () => {
    const mfa = entityCard(kb.get('org', 'MFA-KZ')!, { kb });
    assert.match(mfa, /^### Ministry of Foreign Affairs of Kazakhstan$/m);
    assert.match(mfa, /^foreign ministry of 🇰🇿 Kazakhstan \(`KZ`\)$/m);
    assert.match(mfa, /generated from the country data/);
    const cb = entityCard(kb.get('org', 'CB-CA')!, { kb });
    assert.match(cb, /^central bank of 🇨🇦 Canada \(`CA`\)$/m);
    const kmg = entityCard(kb.get('org', 'KMG')!, { kb });
    assert.match(kmg, /\| Country \| 🇰🇿 Kazakhstan \|/);
    assert.match(kmg, /\| Kind \| company \|/);
    assert.doesNotMatch(kmg, /Wikidata/, 'no QID was confirmed for KMG');
    const gm = entityCard(kb.get('org', 'GM')!, { kb });
    assert.match(gm, /\| Country \| 🇺🇸 United States \|/);
    assert.match(gm, /\| Wikidata \| \[Q81965\]\(https:\/\/www\.wikidata\.org\/wiki\/Q81965\) \|/);
  });

  describe('the existing mention finder finds them', () => {
    const find = (text: string) => MentionFinder.for(kb).find(text).map((m) => `${m.text}|${m.type}:${m.id}`);
    const cases: Array<[string, string[]]> = [
      ['The Ministry of Foreign Affairs of Turkmenistan held a briefing.', ['Ministry of Foreign Affairs of Turkmenistan|org:MFA-TM']],
      ['The Bank of Japan raised rates.', ['Bank of Japan|org:CB-JP']],
      ['According to the Kazakh Foreign Ministry, talks went well.', ['Kazakh Foreign Ministry|org:MFA-KZ']],
      ["Russia's foreign ministry said on Monday.", ["Russia's foreign ministry|org:MFA-RU"]],
      ['The Bank of Canada and Bank of America disagreed.', ['Bank of Canada|org:CB-CA', 'Bank of America|org:BOFA']],
      ['Deputies of the Mazhilis approved the bill.', ['Mazhilis|org:PARL-KZ-LOWER']],
      ['KazMunayGas and Air Astana signed an agreement.', ['KazMunayGas|org:KMG', 'Air Astana|org:AIR-ASTANA']],
    ];
    for (const [text, want] of cases) {
      it(text, () => assert.deepStrictEqual(find(text), want));
    }
    it('the seed release (examples/kazinform-2022-06-29.txt) gets the Kazakh Foreign Ministry', () => {
      const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'kazinform-2022-06-29.txt'), 'utf8');
      assert.ok(find(text).includes('Kazakh Foreign Ministry|org:MFA-KZ'));
    });
  });
});
