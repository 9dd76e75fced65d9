/**
 * data/country-wikidata.yaml: ISO 3166-1 alpha-2 (plus XK) → Wikidata QID.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const FILE = path.resolve(__dirname, '../../../../data/country-wikidata.yaml');
const QID = /^Q[1-9][0-9]*$/;

describe('country-wikidata.yaml', () => {
  let map: Record<string, unknown>;
  let codes: string[];
  before(() => {
    const parsed: unknown = parse(fs.readFileSync(FILE, 'utf8'));
    assert.ok(parsed && typeof parsed === 'object' && !Array.isArray(parsed), 'top level must be a mapping');
    map = parsed as Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const iso: Record<string, string> = require('i18n-iso-countries').getAlpha2Codes();
    codes = [...new Set([...Object.keys(iso), 'XK'])].sort();
  });

  it('has an entry for every ISO 3166-1 alpha-2 code plus XK, and nothing else', () => {
    assert.ok(codes.length >= 250, `only ${codes.length} codes from i18n-iso-countries`);
    const missing = codes.filter((c) => !Object.prototype.hasOwnProperty.call(map, c));
    assert.deepStrictEqual(missing, [], `missing: ${missing.join(' ')}`);
    const extra = Object.keys(map).filter((k) => !codes.includes(k));
    assert.deepStrictEqual(extra, [], `unexpected keys: ${extra.join(' ')}`);
  });

  it('maps every code to a well-formed QID', () => {
    const bad = Object.entries(map).filter(([, v]) => typeof v !== 'string' || !QID.test(v));
    assert.deepStrictEqual(bad, []);
  });

  it('uses each QID only once', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const [code, qid] of Object.entries(map)) {
      const prev = seen.get(String(qid));
      if (prev) dups.push(`${qid}: ${prev} ${code}`);
      else seen.set(String(qid), code);
    }
    assert.deepStrictEqual(dups, []);
  });

  it('has the known anchors', () => {
    const anchors: Record<string, string> = {
      KZ: 'Q232', LU: 'Q32', US: 'Q30', FR: 'Q142', DE: 'Q183', GB: 'Q145', CN: 'Q148', RU: 'Q159',
      NO: 'Q20', XK: 'Q1246',
    };
    for (const [code, qid] of Object.entries(anchors)) assert.strictEqual(map[code], qid, code);
  });
});
