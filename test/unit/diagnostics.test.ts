import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultConfig, parseSchema } from '../../server/src/service/config';
import { computeDiagnostics, toDiagnostic, toDiagnostics, toReportDiagnostics } from '../../server/src/service/diagnostics';
import { LineIndex } from '../../server/src/service/text';
import { loadBuiltinKb } from '../../server/src/service/kb/builtin';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { RULES } from '../../server/src/service/rules';
import { marked } from '../support/marked';

const ROOT = path.resolve(__dirname, '../../..');

function codes(text: string, config = defaultConfig(), userRules?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>) {
  return computeDiagnostics(parse(text), config, userRules).map((d) => d.code);
}

describe('diagnostics', () => {
  it('the annotated seed example is clean', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    assert.deepEqual(computeDiagnostics(parse(text), defaultConfig()), []);
  });

  const CASES: Array<{ doc: string; code: string; severity: DiagnosticSeverity }> = [
    { doc: '[x]{$[$cuontry$]$:KZ}', code: 'syntax.unknown-type', severity: DiagnosticSeverity.Error },
    { doc: '[Kazakhstan]{$[$country$]$}', code: 'annotation.missing-id', severity: DiagnosticSeverity.Warning },
    { doc: '---\ndate: $[$2022-13-45$]$\n---\n', code: 'frontmatter.invalid-date', severity: DiagnosticSeverity.Error },
    { doc: '---\ndate: $[$2022-02-29$]$\n---\n', code: 'frontmatter.invalid-date', severity: DiagnosticSeverity.Error },
    { doc: '---\ndate: $[$29 June 2022$]$\n---\n', code: 'frontmatter.invalid-date', severity: DiagnosticSeverity.Error },
    { doc: '---\ndate: $[$2022$]$\n---\n', code: 'frontmatter.invalid-date', severity: DiagnosticSeverity.Error },
    { doc: '---\nurl: $[$not a url$]$\n---\n', code: 'frontmatter.invalid-value', severity: DiagnosticSeverity.Warning },
    { doc: '---\nlanguage: $[$English language$]$\n---\n', code: 'frontmatter.invalid-value', severity: DiagnosticSeverity.Warning },
  ];
  for (const c of CASES) {
    it(`${c.code} on ${JSON.stringify(c.doc.replace(/\$[[\]]\$/g, ''))}`, () => {
      const m = marked(c.doc);
      const doc = parse(m.text);
      const ds = computeDiagnostics(doc, defaultConfig());
      assert.equal(ds.length, 1, JSON.stringify(ds));
      assert.equal(ds[0].code, c.code);
      assert.equal(ds[0].severity, c.severity);
      assert.equal(ds[0].source, 'pressmark');
      assert.deepEqual(ds[0].range, doc.lines.range(m.ranges[0]));
      assert.ok(String(ds[0].message).length > 10);
    });
  }

  it('valid front matter values pass', () => {
    assert.deepEqual(codes('---\ndate: 2024-02-29\nurl: https://www.inform.kz/en/x\nlanguage: en\ntitle: A title\n---\n'), []);
    assert.deepEqual(codes('---\ndate: 2022-06-29T10:30:00+06:00\n---\n'), []);
  });

  it('unknown type suggests the closest types', () => {
    const d = computeDiagnostics(parse('[x]{cuontry:KZ}'), defaultConfig())[0];
    assert.match(String(d.message), /Did you mean `country`\?/);
    assert.deepEqual((d.data as { suggestions: string[] }).suggestions, ['country']);
  });

  it('every code has a registry entry and the registry has no duplicates', () => {
    const seen = new Set(RULES.map((r) => r.code));
    assert.equal(seen.size, RULES.length);
    const broken = '---\ndate: x\n---\n[a{country:KZ} [b]{} [c]{zz} [d]{country} ]{org:X} [e]{set:P a=1 a=2 b} []{place} [f]{org:X';
    for (const code of codes(broken)) assert.ok(seen.has(String(code)), `unregistered code ${code}`);
  });
});

describe('rule severities', () => {
  const text = '[x]{cuontry:KZ} [y]{country}';
  it('the setting overrides the default and can turn a rule off', () => {
    assert.deepEqual(codes(text, defaultConfig(), { 'syntax.unknown-type': 'off' }), ['annotation.missing-id']);
    const ds = computeDiagnostics(parse(text), defaultConfig(), { 'annotation.missing-id': 'hint' });
    assert.equal(ds.find((d) => d.code === 'annotation.missing-id')?.severity, DiagnosticSeverity.Hint);
  });
  it('pressmark.yaml rules apply, and the user setting wins over them', () => {
    const { config, problems } = parseSchema('rules:\n  syntax.unknown-type: warning\n  annotation.missing-id: off\n');
    assert.deepEqual(problems, []);
    const ds = computeDiagnostics(parse(text), config);
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['syntax.unknown-type', DiagnosticSeverity.Warning]]);
    const ds2 = computeDiagnostics(parse(text), config, { 'syntax.unknown-type': 'error', 'annotation.missing-id': 'information' });
    assert.deepEqual(ds2.map((d) => [d.code, d.severity]), [
      ['syntax.unknown-type', DiagnosticSeverity.Error],
      ['annotation.missing-id', DiagnosticSeverity.Information],
    ]);
  });
});

describe('pressmark.yaml schema', () => {
  it('declares types and id policies', () => {
    const { config, problems } = parseSchema('version: 1\ntypes:\n  ship:\n    description: A named vessel\n    id: required\n  person:\n    id: required\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(codes('[Aurora]{ship:aurora} [Bettel]{person}', config), ['annotation.missing-id']);
    assert.deepEqual(codes('[Aurora]{ship}', config), ['annotation.missing-id']);
    assert.deepEqual(codes('[Aurora]{ship:a}', config), []);
  });

  const SCHEMA_CASES: Array<{ doc: string; codes: string[] }> = [
    { doc: 'types:\n  ship: {id: $[$maybe$]$}\n', codes: ['schema.invalid-value'] },
    { doc: '$[$colour$]$: red\n', codes: ['schema.unknown-key'] },
    { doc: 'rules:\n  $[$syntax.nope$]$: error\n', codes: ['schema.unknown-rule'] },
    { doc: 'rules:\n  syntax.empty-label: $[$loud$]$\n', codes: ['schema.invalid-value'] },
    { doc: 'types:\n  $[$9ship$]$: {}\n', codes: ['schema.invalid-value'] },
    { doc: 'types:\n  ship: {$[$colour$]$: red}\n', codes: ['schema.unknown-key'] },
    { doc: 'types: [$[$a$]$\n', codes: ['schema.invalid-yaml'] },
  ];
  for (const c of SCHEMA_CASES) {
    it(`${c.codes.join(', ')}: ${JSON.stringify(c.doc.replace(/\$[[\]]\$/g, ''))}`, () => {
      const m = marked(c.doc);
      const { problems } = parseSchema(m.text);
      assert.deepEqual(problems.map((p) => p.code), c.codes);
      if (c.codes[0] !== 'schema.invalid-yaml') assert.deepEqual(problems.map((p) => p.span), m.ranges);
    });
  }
});

describe('diagnosticsUpTo (what an editor is sent: pressmark.analysis.maxProblems)', () => {
  it('gives the first max diagnostics as diagnostics() orders them, and how many there are in all', () => {
    const kb = loadBuiltinKb();
    const ls = createLanguageService({ getKnowledgeBase: () => kb });
    const text = '---\ndate: 2022-06-29\n---\n' + 'Kazakhstan and Luxembourg met [x]{nope} today. '.repeat(40);
    const src = { uri: 'file:///upto.press', version: 1, getText: () => text };
    const all = ls.diagnostics(src);
    assert.ok(all.length > 100, `${all.length} diagnostics`);
    for (const max of [0, 1, 37, all.length, all.length + 5]) {
      const r = ls.diagnosticsUpTo(src, max);
      assert.equal(r.total, all.length);
      assert.deepEqual(r.diagnostics, all.slice(0, max));
    }
  });
});

describe('diagnostics of problems (toDiagnostic, toReportDiagnostics)', () => {
  const lines = new LineIndex('Astana\nand Almaty\n');
  const shared = { type: 'place', id: 'G1526384' };
  const problems = [
    { code: 'mention.unannotated', span: { start: 0, end: 6 }, message: 'one', data: shared },
    { code: 'mention.unannotated', span: { start: 11, end: 17 }, message: 'two', data: shared },
    { code: 'syntax.missing-type', span: { start: 7, end: 10 }, message: 'three', data: shared },
    { code: 'syntax.invalid-id', span: { start: 1, end: 2 }, message: 'four' },
  ];
  it('gives each diagnostic its own code in its data, also where problems of two codes share a data object', () => {
    const ds = problems.map((p) => toDiagnostic(p, 'warning', lines));
    assert.deepEqual(ds.map((d) => d.data), [
      { code: 'mention.unannotated', type: 'place', id: 'G1526384' },
      { code: 'mention.unannotated', type: 'place', id: 'G1526384' },
      { code: 'syntax.missing-type', type: 'place', id: 'G1526384' },
      undefined,
    ]);
    assert.deepEqual(shared, { type: 'place', id: 'G1526384' }); // the problem's data is not changed
  });
  it('report rows: the diagnostics without source and data, off rules dropped', () => {
    const config = defaultConfig();
    config.rules = { ...config.rules, 'syntax.invalid-id': 'off' };
    const full = toDiagnostics(problems, lines, config);
    const report = toReportDiagnostics(problems, lines, config);
    assert.equal(report.length, 3);
    assert.deepEqual(report, full.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message })));
  });
});
