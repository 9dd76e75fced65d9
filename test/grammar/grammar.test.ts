/**
 * The TextMate grammar pinned by golden token files.
 *
 * Each test/grammar/fixtures/NAME.press is tokenized line by line with vscode-textmate and
 * compared with NAME.press.tokens.json (per line, a list of {text, scopes}). After a deliberate
 * grammar change, regenerate the golden files and review their diff:
 *
 *   npx tsc -b && PRESSMARK_UPDATE_GOLDEN=1 npx mocha --no-config out/test/grammar/grammar.test.js
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { parse } from '../../server/src/service/parser';
import {
  FIXTURES_DIR,
  GRAMMAR_PATH,
  LANGUAGE_CONFIGURATION_PATH,
  REPO_ROOT,
  collectRegexes,
  loadGrammar,
  loadOnigLib,
  scopesPerChar,
  serializeGolden,
  splitLines,
  tokenizeLines,
  tokenizeText,
  type GoldenToken,
} from './harness';
import { ENTITY_TYPES, TIMEX_TYPES, TYPES, grammarJsonText } from './grammarSource';

const UPDATE = process.env.PRESSMARK_UPDATE_GOLDEN === '1';

type Json = Record<string, unknown>;

function readGrammarJson(): Json {
  return JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as Json;
}

function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.press'))
    .sort();
}

/** Index of the first body line: after a closed front matter, else 0. */
function bodyStartLine(lines: string[]): number {
  if (!/^\uFEFF?---[ \t]*$/.test(lines[0] ?? '')) return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) return i + 1;
  return 0;
}

/** The innermost scopes of the token(s) covering `needle` (first occurrence at or after `from`). */
function scopesAt(tokens: GoldenToken[], needle: string, from = 0): string[] {
  const line = tokens.map((t) => t.text).join('');
  const at = line.indexOf(needle, from);
  assert.ok(at >= 0, `"${needle}" not in line: ${line}`);
  const perChar = scopesPerChar(tokens);
  const scopes = new Set(perChar.slice(at, at + needle.length));
  assert.strictEqual(scopes.size, 1, `"${needle}" spans tokens with different scopes: ${[...scopes].join(' | ')}`);
  return [...scopes][0].split(' ');
}

describe('grammar: syntaxes/pressmark.tmLanguage.json', () => {
  let grammar: IGrammar;

  before(async () => {
    if (UPDATE) fs.writeFileSync(GRAMMAR_PATH, grammarJsonText());
    grammar = await loadGrammar();
  });

  describe('the grammar file', () => {
    it('is valid JSON with the expected scope name and resolvable includes', () => {
      const raw = readGrammarJson();
      assert.strictEqual(raw.scopeName, 'text.pressmark');
      const repo = raw.repository as Record<string, Json>;
      const includes: string[] = [];
      const walk = (n: unknown): void => {
        if (Array.isArray(n)) return n.forEach(walk);
        if (n === null || typeof n !== 'object') return;
        for (const [k, v] of Object.entries(n as Json)) {
          if (k === 'include' && typeof v === 'string') includes.push(v);
          else walk(v);
        }
      };
      walk(raw);
      assert.ok(includes.length > 10);
      for (const inc of includes) {
        if (inc.startsWith('#')) assert.ok(repo[inc.slice(1)], `include ${inc} has no repository entry`);
        else assert.strictEqual(inc, 'source.yaml', `unexpected external include ${inc}`);
      }
      // Every repository entry is used (a dead rule is a rule nobody tests).
      for (const key of Object.keys(repo)) assert.ok(includes.includes('#' + key), `repository.${key} is never included`);
    });

    it('is the JSON that test/grammar/grammarSource.ts generates', () => {
      const onDisk = fs.readFileSync(GRAMMAR_PATH, 'utf8').replace(/\r\n/g, '\n');
      assert.ok(
        onDisk === grammarJsonText(),
        'syntaxes/pressmark.tmLanguage.json differs from grammarSource.ts: edit the source and run with PRESSMARK_UPDATE_GOLDEN=1',
      );
    });

    it('has only regexes that oniguruma compiles', async () => {
      await loadOnigLib();
      const regexes = collectRegexes(readGrammarJson());
      assert.ok(regexes.length > 30, `only ${regexes.length} regexes found`);
      const failures: string[] = [];
      for (const { path: p, source } of regexes) {
        try {
          const scanner = new oniguruma.OnigScanner([source]);
          // Run it once, so that a regex that compiles but cannot execute also fails here.
          const sample = new oniguruma.OnigString('[a]{org:X k="v"} \\[ ---\n');
          scanner.findNextMatchSync(sample, 0);
          sample.dispose();
          scanner.dispose();
        } catch (e) {
          failures.push(`${p}: ${String(e)}\n    ${source}`);
        }
      }
      assert.deepStrictEqual(failures, []);
    });

    it('detects a regex that oniguruma rejects (the check above can fail)', async () => {
      await loadOnigLib();
      assert.throws(() => new oniguruma.OnigScanner(['(\\[)(?=unclosed']));
    });

    it('keeps the per-type rules identical apart from the type name', () => {
      const repo = readGrammarJson().repository as Record<string, Json>;
      // The type name as a word (not inside another word) becomes TYPE.
      const normalize = (rule: Json, type: string): string =>
        JSON.stringify(rule).replace(new RegExp(`(?<![A-Za-z])${type}(?![A-Za-z])`, 'g'), 'TYPE');
      for (const kind of ['annotation', 'spec']) {
        for (const group of [ENTITY_TYPES, TIMEX_TYPES]) {
          const forms = new Set(group.map((t) => normalize(repo[`${kind}-${t}`], t)));
          assert.strictEqual(forms.size, 1, `${kind}-{${group.join(',')}} differ beyond the type name`);
          assert.ok([...forms][0].split('TYPE').length >= 4, `${kind}-${group[0]} hardly names its type`);
        }
      }
      // Entity and TIMEX rules differ only in the id scope.
      const entity = normalize(repo['spec-country'], 'country');
      const timex = normalize(repo['spec-date'], 'date').replace('constant.numeric.timex.pressmark', 'variable.other.id.pressmark');
      assert.strictEqual(entity, timex);
      assert.strictEqual(
        normalize(repo['annotation-country'], 'country'),
        normalize(repo['annotation-date'], 'date'),
        'annotation rules of entity and TIMEX types differ',
      );
    });
  });

  describe('language-configuration.json', () => {
    it('is valid JSON with the brackets of the format', () => {
      const conf = JSON.parse(fs.readFileSync(LANGUAGE_CONFIGURATION_PATH, 'utf8')) as Json;
      assert.deepStrictEqual(conf.brackets, [
        ['[', ']'],
        ['{', '}'],
      ]);
      const wordPattern = new RegExp(String(conf.wordPattern), 'g');
      assert.deepStrictEqual('[Co-operation]{org:OSCE-PA} Казахстан'.match(wordPattern), ['Co-operation', 'org', 'OSCE-PA', 'Казахстан']);
    });
  });

  describe('golden token files', () => {
    const names = fixtureNames();

    it('has the fixtures the format needs', () => {
      for (const n of ['attributes', 'broken', 'crlf', 'escapes', 'frontmatter', 'nested', 'plain-brackets', 'types', 'unicode']) {
        assert.ok(names.includes(`${n}.press`), `fixture ${n}.press is missing`);
      }
      const crlf = fs.readFileSync(path.join(FIXTURES_DIR, 'crlf.press'), 'utf8');
      assert.ok(crlf.includes('\r\n') && !/[^\r]\n/.test(crlf), 'crlf.press lost its CRLF line ends (check git attributes)');
      assert.ok(fs.readFileSync(path.join(FIXTURES_DIR, 'frontmatter-bom-dots.press'), 'utf8').startsWith('\uFEFF---'));
    });

    for (const name of names) {
      it(`${name} matches ${name}.tokens.json`, () => {
        const text = fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
        const result = tokenizeText(grammar, text);
        assert.ok(!result.some((l) => l.stoppedEarly), 'tokenization stopped early');
        const actual = serializeGolden(result.map((l) => l.tokens));
        const goldenPath = path.join(FIXTURES_DIR, `${name}.tokens.json`);
        if (UPDATE) {
          fs.writeFileSync(goldenPath, actual);
          return;
        }
        assert.ok(
          fs.existsSync(goldenPath),
          `${path.relative(REPO_ROOT, goldenPath)} is missing: run with PRESSMARK_UPDATE_GOLDEN=1 and review it`,
        );
        const expected = fs.readFileSync(goldenPath, 'utf8').replace(/\r\n/g, '\n');
        // Compare parsed lines first for a readable first difference, then the exact text.
        const exp = JSON.parse(expected) as GoldenToken[][];
        const act = JSON.parse(actual) as GoldenToken[][];
        for (let i = 0; i < Math.max(exp.length, act.length); i++) {
          assert.deepStrictEqual(act[i], exp[i], `${name} line ${i + 1} differs from the golden file`);
        }
        assert.strictEqual(actual, expected);
      });
    }

    it('every golden file has its fixture', () => {
      for (const f of fs.readdirSync(FIXTURES_DIR).filter((x) => x.endsWith('.tokens.json'))) {
        assert.ok(names.includes(f.replace(/\.tokens\.json$/, '')), `${f} has no fixture`);
      }
    });
  });

  describe('behaviour', () => {
    const line = (text: string): GoldenToken[] => tokenizeText(grammar, text)[0].tokens;

    it('gives each annotation type its label meta scope, type scope and id scope', () => {
      for (const type of TYPES) {
        const tokens = line(`x [some label]{${type}:ID-1 k=v} y`);
        assert.ok(scopesAt(tokens, 'some label').includes(`meta.annotation.${type}.pressmark`), type);
        assert.ok(scopesAt(tokens, 'some label').includes('meta.label.pressmark'), type);
        assert.deepStrictEqual(scopesAt(tokens, type).slice(-2), ['entity.name.type.pressmark', `entity.name.type.${type}.pressmark`]);
        const idScope = TIMEX_TYPES.includes(type) ? 'constant.numeric.timex.pressmark' : 'variable.other.id.pressmark';
        assert.strictEqual(scopesAt(tokens, 'ID-1').at(-1), idScope);
        assert.strictEqual(scopesAt(tokens, ' y').at(-1), 'text.pressmark', `${type}: text after the annotation`);
      }
    });

    it('colours the rest of the line after plain brackets and broken annotations', () => {
      for (const prefix of ['[sic] ', '[1] ', '[a [b] c] ', '[x]{org ', '[x]{org:A k="open ', '[x {org} ', '\\[x]{org} ', '] ', '}{ ']) {
        const tokens = line(`${prefix}and [Kazakhstan]{country:KZ} end`);
        const scopes = scopesAt(tokens, 'Kazakhstan');
        assert.ok(scopes.includes('meta.annotation.country.pressmark'), `after "${prefix}": ${scopes.join(' ')}`);
        assert.strictEqual(scopesAt(tokens, ' end').at(-1), 'text.pressmark', `after "${prefix}"`);
      }
    });

    it('never carries a rule from one body line into the next, except an open label up to a blank line', () => {
      for (const name of fixtureNames()) {
        const lines = splitLines(fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));
        const result = tokenizeLines(grammar, lines);
        for (let i = bodyStartLine(lines); i < lines.length; i++) {
          if (lines[i].trim() === '') assert.strictEqual(result[i].depth, 1, `${name} line ${i + 1}: a blank line ends every label`);
        }
        assert.strictEqual(result[result.length - 1].depth, 1, `${name}: state left open at the end`);
      }
    });

    it('reads lines that keep a trailing CR (as some hosts pass them) like lines without it', () => {
      const text = fs.readFileSync(path.join(FIXTURES_DIR, 'crlf.press'), 'utf8');
      const clean = tokenizeText(grammar, text);
      const withCr = tokenizeLines(grammar, text.split('\n'));
      assert.strictEqual(withCr.length, clean.length);
      for (let i = 0; i < clean.length; i++) {
        const a = scopesPerChar(clean[i].tokens);
        const b = scopesPerChar(withCr[i].tokens);
        assert.deepStrictEqual(b.slice(0, a.length), a, `line ${i + 1}`);
      }
    });

    it('stays linear on hostile lines (no catastrophic backtracking)', function () {
      this.timeout(60000);
      const n = 2000;
      const hostile = [
        '['.repeat(n),
        ']'.repeat(n),
        '[a]{'.repeat(n / 4),
        '[a]{org} '.repeat(n / 8) + '[',
        '[a '.repeat(n / 3) + ']'.repeat(n / 3 - 1) + '{org}',
        '\\'.repeat(n) + '[x]{org}',
        '[x]{org k="' + '\\"'.repeat(n / 2),
        '[' + '{org} '.repeat(n / 6),
        '[x]{org ' + 'a="b" '.repeat(n / 6),
        '[' + 'a'.repeat(n) + ']{' + 'b'.repeat(n),
      ];
      for (const h of hostile) {
        // Catastrophic backtracking takes minutes here (the test's timeout stops it); linear or
        // mildly quadratic takes milliseconds.
        const r = tokenizeText(grammar, h + '\nnext [Kazakhstan]{country:KZ}');
        assert.ok(!r[0].stoppedEarly, JSON.stringify(h.slice(0, 30)));
      }
    });

    it('starts an annotation where the parser does, with the same type (property)', () => {
      // The grammar mirrors the parser's rules for one line; an annotation whose label spans lines
      // is only known at its `]`, so there the grammar has a `meta.annotation.multiline` region.
      const known = new Set(TYPES);
      const grammarStarts = (text: string): string[] => {
        const out: string[] = [];
        let offset = 0;
        for (const [i, r] of tokenizeLines(grammar, splitLines(text)).entries()) {
          let pos = offset;
          for (const t of r.tokens) {
            if (t.scopes.at(-1) === 'punctuation.definition.label.begin.pressmark') {
              out.push(`${pos}:${t.scopes.at(-2)!.replace(/^meta\.annotation\.|\.pressmark$/g, '')}`);
            }
            pos += t.text.length;
          }
          offset += splitLines(text)[i].length + 1;
        }
        return out;
      };
      const parserStarts = (text: string): string[] =>
        parse(text)
          .all.map((a) => {
            const kind = text.slice(a.span.start, a.span.end).includes('\n') ? 'multiline' : known.has(a.type) ? a.type : 'other';
            return { at: a.span.start, s: `${a.span.start}:${kind}` };
          })
          .sort((a, b) => a.at - b.at)
          .map((x) => x.s);
      const pieces = ['[', ']', '{', '}', '\\', ':', '=', '"', ' ', '\t', 'a', 'org', 'date:X', '{org}', '{ org}', ']{', '{org k=v}',
        'k="v}"', '{org:a"b}', 'x=1', '[a]{org}', 'К', '🇰🇿', '\n', '\n\n', 'k="', '="', '\\"', '{org:a=b}', 'k=v"w'];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 50 }), (parts) => {
          const text = 'x' + parts.join('');
          // Past MAX_NESTING open brackets the parser reads the outermost as text; the grammar
          // does not count (docs/grammar-scopes.md).
          fc.pre(!parse(text).problems.some((p) => p.code === 'syntax.too-deep'));
          const fromParser = parserStarts(text);
          // An unclosed `[` opens a multiline region in the grammar; the parser drops it later.
          const fromGrammar = grammarStarts(text).filter((s) => !s.endsWith(':multiline') || fromParser.includes(s));
          assert.deepStrictEqual(fromGrammar, fromParser, JSON.stringify(text));
        }),
        { numRuns: 3000, seed: 20220629 },
      );
    });

    it('random text never leaves state open past a blank line (property)', () => {
      const alphabet = fc.constantFrom('[', ']', '{', '}', '\\', ':', '=', '"', ' ', 'a', 'org', 'date', 'К', '🇰🇿', '\n', '\n\n', '---');
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
          const text = 'x' + parts.join('') + '\n\nafter [Kazakhstan]{country:KZ}';
          const result = tokenizeText(grammar, text);
          const last = result[result.length - 1];
          assert.strictEqual(result[result.length - 2].depth, 1);
          assert.ok(scopesAt(last.tokens, 'Kazakhstan').includes('meta.annotation.country.pressmark'));
        }),
        { numRuns: 300 },
      );
    });
  });
});
