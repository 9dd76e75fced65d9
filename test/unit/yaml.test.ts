/**
 * The YAML guard (issue 12, items 1 and 13): every YAML the project parses (front matter,
 * `*.kb.yaml`, `pressmark.yaml`) goes through `parseYaml`, which refuses a text over a limit
 * (size, nesting depth, entries) with one problem before the `yaml` package composes it, and
 * finds duplicate keys in linear time. Times are measured in bench/shapes/yaml.js, not here.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseDocument } from 'yaml';
import { defaultConfig, parseSchema } from '../../server/src/service/config';
import { parseKbFile } from '../../server/src/service/kb/workspace';
import type { SyntaxProblem } from '../../server/src/service/model';
import { parse } from '../../server/src/service/parser';
import { RULES_BY_CODE } from '../../server/src/service/rules';
import { FRONT_MATTER_LIMITS, KB_LIMITS, parseYaml, SCHEMA_LIMITS, YAML_MAX_DEPTH } from '../../server/src/service/yaml';
import { computeDiagnostics } from '../../server/src/service/diagnostics';

/** The 2 KB input of the issue: 1,000 `[` then 1,000 `]`. */
const DEEP = '['.repeat(1000) + ']'.repeat(1000);

/** Each surface: how a YAML text becomes its problems there, and the code prefix. */
const SURFACES: Array<{ name: string; prefix: string; problems: (yaml: string) => { text: string; problems: readonly SyntaxProblem[] } }> = [
  {
    name: 'front matter',
    prefix: 'frontmatter',
    problems: (yaml) => {
      const text = `---\n${yaml}\n---\nThe [Kazakhstan]{country:KZ} text.`;
      return { text, problems: parse(text).problems };
    },
  },
  { name: 'a *.kb.yaml file', prefix: 'kb', problems: (text) => ({ text, problems: parseKbFile('file:///w/a.kb.yaml', text, defaultConfig()).problems }) },
  { name: 'pressmark.yaml', prefix: 'schema', problems: (text) => ({ text, problems: parseSchema(text).problems }) },
];

describe('the YAML guard: nesting (issue 12, item 1)', () => {
  for (const s of SURFACES) {
    it(`the 1,000-deep flow sequence in ${s.name}: one ${s.prefix}.too-deep problem, no throw, and a second parse is fine too`, () => {
      for (const round of [1, 2, 3]) {
        const { text, problems } = s.problems(DEEP);
        assert.deepEqual(problems.map((p) => p.code), [`${s.prefix}.too-deep`], `round ${round}`);
        // At the `[` that opens level 65, saying which limit.
        const at = text.indexOf('[') + YAML_MAX_DEPTH;
        assert.deepEqual(problems[0].span, { start: at, end: at + 1 });
        assert.match(problems[0].message, /nests lists and mappings more than 64 levels deep/);
        assert.ok(RULES_BY_CODE.has(problems[0].code));
      }
    });
  }

  it('the document around deep front matter is still parsed and checked; a mapping is a level', () => {
    const text = `---\ntags: ${DEEP}\n---\n[Kazakhstan]{cuontry:KZ}`;
    const doc = parse(text);
    assert.deepEqual(doc.problems.map((p) => [p.code, p.span.start]), [['frontmatter.too-deep', text.indexOf('[') + YAML_MAX_DEPTH - 1]]);
    assert.deepEqual(doc.frontMatter?.entries, []);
    assert.deepEqual(computeDiagnostics(doc, defaultConfig()).map((d) => d.code), ['frontmatter.too-deep', 'syntax.unknown-type']);
  });

  // Every way YAML nests, 1,000 deep: refused. Each crashed or aborted the process before.
  const deepShapes: Array<[string, string]> = [
    ['flow sequences', DEEP],
    ['flow mappings', '{a: '.repeat(1000) + '1' + '}'.repeat(1000)],
    ['compact sequences `- - -`', '- '.repeat(1000) + 'x\n'],
    ['explicit keys `? ? ?`', '? '.repeat(1000) + 'x\n'],
    ['indented mappings', Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + '\n'],
    ['indented sequences', Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + '-').join('\n') + ' x\n'],
    ['mixed', '- a: ['.repeat(400) + 'x' + ']'.repeat(400) + '\n'],
    ['deep after a first document', 'a: 1\n---\n' + DEEP],
  ];
  for (const [name, text] of deepShapes) {
    it(`refuses ${name}`, () => {
      const r = parseYaml(text, KB_LIMITS);
      assert.equal(r.ok ? 'ok' : r.refusal, 'too-deep');
    });
  }

  it('the limit is 64 levels: 64 are read, 65 are not', () => {
    const nest = (n: number) => '['.repeat(n) + 'x' + ']'.repeat(n);
    const at = parseYaml(nest(64), KB_LIMITS);
    assert.ok(at.ok);
    assert.equal(JSON.stringify(at.doc.toJSON()), nest(64).replace('x', '"x"'));
    const over = parseYaml(nest(65), KB_LIMITS);
    assert.equal(!over.ok && over.refusal, 'too-deep');
    const block = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x\n';
    assert.ok(parseYaml(block(64), KB_LIMITS).ok);
    assert.equal(parseYaml(block(65), KB_LIMITS).ok, false);
  });

  // Brackets that are text, not nesting: what the package's own lexer says is a scalar or a comment.
  const notNesting: Array<[string, string]> = [
    ['a block scalar', `note: |\n  ${'['.repeat(5000)}\n  ${'{'.repeat(5000)}\nnext: 1\n`],
    ['a folded scalar', `note: >-\n  ${'['.repeat(5000)}\n`],
    ['a double-quoted scalar', `note: "${'['.repeat(5000)}"\n`],
    ['a single-quoted scalar over lines', `note: '${'['.repeat(2000)}\n  ${'['.repeat(2000)}'\n`],
    ['a plain scalar', `note: a ${'['.repeat(5000)}\n`],
    ['a comment', `# ${'['.repeat(5000)}\nnote: x # ${'{'.repeat(5000)}\n`],
  ];
  for (const [name, text] of notNesting) {
    it(`reads 5,000 brackets in ${name}`, () => {
      const r = parseYaml(text, KB_LIMITS);
      assert.ok(r.ok, r.ok ? '' : r.message);
    });
  }
});

describe('the YAML guard: size and entries', () => {
  it('refuses a text over the size limit before lexing it, with one problem', () => {
    const big = 'a: ' + 'x'.repeat(FRONT_MATTER_LIMITS.maxLength) + '\n';
    const r = parseYaml(big, FRONT_MATTER_LIMITS);
    assert.equal(!r.ok && r.refusal, 'too-large');
    assert.match(!r.ok ? r.message : '', /more than 1\.0 MB/);
    const doc = parse(`---\n${big}---\nbody`);
    assert.deepEqual(doc.problems.map((p) => p.code), ['frontmatter.too-large']);
    assert.deepEqual(parseSchema(big).problems.map((p) => p.code), ['schema.too-large']);
  });

  for (const [name, limits, code, problems] of [
    ['front matter', FRONT_MATTER_LIMITS, 'frontmatter.too-many-entries', (y: string) => parse(`---\n${y}---\n`).problems],
    ['pressmark.yaml', SCHEMA_LIMITS, 'schema.too-many-entries', (y: string) => parseSchema(y).problems],
  ] as const) {
    it(`${name}: more than ${limits.maxEntries.toLocaleString('en')} keys is one ${code} problem, at the first key past the limit`, () => {
      let yaml = '';
      for (let i = 0; i <= limits.maxEntries; i++) yaml += `k${i}: v\n`;
      const ps = problems(yaml);
      assert.deepEqual(ps.map((p) => p.code), [code]);
      assert.match(ps[0].message, new RegExp(`more than ${limits.maxEntries.toLocaleString('en')} keys and list items`));
      const lastKey = `k${limits.maxEntries}:`;
      const offset = code.startsWith('frontmatter') ? 4 : 0;
      assert.equal(ps[0].span.start, offset + yaml.indexOf(lastKey) + lastKey.length - 1);
    });
  }

  it(`a *.kb.yaml file: list items count too, more than ${KB_LIMITS.maxEntries.toLocaleString('en')} is one kb.too-many-entries problem`, () => {
    const text = 'entities: [' + 'a,'.repeat(KB_LIMITS.maxEntries + 10) + ']';
    const ps = parseKbFile('file:///w/a.kb.yaml', text, defaultConfig()).problems;
    assert.deepEqual(ps.map((p) => p.code), ['kb.too-many-entries']);
    // `:` and `[` are two entries, then one `,` per item.
    assert.equal(ps[0].span.start, 'entities: ['.length + 2 * (KB_LIMITS.maxEntries - 2) + 1);
  });
});

describe('the YAML guard: duplicate keys without the quadratic check (issue 12, item 13)', () => {
  it('20,000 keys of front matter: every entry read, the duplicate at the end found at its key', () => {
    let yaml = '';
    for (let i = 0; i < 20_000; i++) yaml += `key${i}: "value ${i}"\n`;
    yaml += 'key7: again\n';
    const text = `---\n${yaml}---\nbody`;
    const doc = parse(text);
    assert.equal(doc.frontMatter?.entries.length, 20_001);
    assert.equal(doc.frontMatter?.data.key19999, 'value 19999');
    assert.equal(doc.frontMatter?.data.key7, 'value 7');
    const at = text.lastIndexOf('key7:');
    assert.deepEqual(
      doc.problems.map((p) => [p.code, p.span]),
      [['frontmatter.duplicate-key', { start: at, end: at + 'key7'.length }]],
    );
  });

  it('20,000 entries of `types:` in pressmark.yaml: every type declared, a repeated one reported', () => {
    let yaml = 'types:\n';
    for (let i = 0; i < 20_000; i++) yaml += `  t${i}:\n    description: Type ${i}\n`;
    yaml += '  t5: {id: none}\n';
    const { config, problems } = parseSchema(yaml);
    assert.deepEqual(problems.map((p) => [p.code, yaml.slice(p.span.start, p.span.start + 3)]), [['schema.invalid-yaml', 't5:']]);
    // With a YAML error the file is reported alone (as before): without it every type is there.
    const clean = parseSchema(yaml.slice(0, yaml.lastIndexOf('  t5:')));
    assert.deepEqual(clean.problems, []);
    assert.equal(clean.config.types.get('t19999')?.description, 'Type 19999');
    assert.equal(clean.config.types.size, 20_000 + config.types.size);
  });

  it('a repeated key in a knowledge-base entry keeps its code and place', () => {
    const text = 'entities:\n  - id: a\n    type: person\n    name: A\n    name: B\n';
    const { problems } = parseKbFile('file:///w/a.kb.yaml', text, defaultConfig());
    const at = text.lastIndexOf('name:');
    assert.deepEqual(problems.map((p) => [p.code, p.span]), [['kb.duplicate-key', { start: at, end: at + 1 }]]);
  });

  it('reads what the yaml package reads with its own uniqueKeys check, on random YAML', () => {
    const piece = fc.constantFrom(
      'a', 'b', 'a', '1', '"a"', "'a'", ': ', ':', '- ', '? ', '[', ']', '{', '}', ', ', ',', '\n', '\n  ', '\n    ', ' ', '#c', '&x ', '*x',
      '!!str ', '|', '>', '---\n', '...\n', '.nan', 'null', '~', '', '"', "'", '\t', 'true',
    );
    const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    // Maps as maps: keys that are collections stay what they are (and the package does not warn).
    const json = (d: { toJS(o: { mapAsMap: boolean }): unknown }) => {
      try {
        return JSON.stringify(d.toJS({ mapAsMap: true }), (_k, v: unknown) => (v instanceof Map ? [...v] : v));
      } catch (e) {
        return String(e);
      }
    };
    fc.assert(
      fc.property(text, (t) => {
        const ref = parseDocument(t, { uniqueKeys: true, prettyErrors: false });
        const mine = parseYaml(t, KB_LIMITS);
        assert.ok(mine.ok);
        const others = (es: ReadonlyArray<{ code: string; pos: readonly number[] }>) => es.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => [e.code, e.pos[0], e.pos[1]]);
        const dups = (es: ReadonlyArray<{ code: string; pos: readonly number[] }>) => es.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]).sort((x, y) => x - y);
        assert.deepEqual(others(mine.errors), others(ref.errors));
        // The same repeated keys. In valid YAML at the same place, but that the package puts one
        // after an empty value at the end of the line before, the guard at the key itself (only
        // white space between). Around syntax errors, the same number.
        const [a, b] = [dups(ref.errors), dups(mine.errors)];
        assert.equal(b.length, a.length);
        if (others(ref.errors).length === 0) a.forEach((x, i) => assert.ok(x <= b[i] && /^\s*$/.test(t.slice(x, b[i])), JSON.stringify([t, a, b])));
        assert.equal(json(mine.doc), json(ref));
      }),
      { numRuns: 5000, seed: 12 },
    );
  });
});
