/**
 * The benchmark suite cannot rot: a quick smoke run (small sizes, no budgets enforced) must
 * produce every measure. The real run is `npm run bench`, outside npm test.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('benchmark suite (smoke)', function () {
  this.timeout(300_000);
  it('bench/run.js --quick writes every measure with its ratio to the floor', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bench/run.js'), '--quick'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/results.quick.json'), 'utf8'));
    const m = results.measures;
    assert.ok(m.floor.mbPerS > 0);
    assert.ok(m.fullAnalysis.ratioToFloor > 0);
    for (const k of ['coldStart', 'hover', 'completion', 'codeAction', 'editDiagnostics']) assert.ok(m.lsp[k].n > 0, k);
    for (const k of ['hover', 'completion', 'codeAction', 'editDiagnostics']) assert.ok(m.service[k].n > 0, k);
    for (const k of ['parse', 'diagnostics', 'mentionsAndDates', 'semanticTokens']) assert.ok(m.fullAnalysisParts[k].ratioToFloor > 0, k);
    assert.ok(m.fullAnalysis.diagnostics > 0, 'the full analysis finds the unannotated mentions');
    assert.equal(Object.keys(m.check).length, 2);
    for (const c of Object.values(m.check) as Array<{ ratioToFloor: number; reportMb: number }>) assert.ok(c.ratioToFloor > 0 && c.reportMb > 0);
    for (const b of Object.values(m.burst) as Array<{ hoverMs: number; publishes: number }>) assert.ok(b.hoverMs > 0 && b.publishes >= 1);
    assert.deepEqual(m.datesLinear.map((d: { name: string }) => d.name.split(':')[0]), ['dates', 'dates', 'dates'], 'the date recognizer\'s three linearity shapes');
    for (const d of m.datesLinear as Array<{ points: Array<{ ms: number }>; growth: number }>) assert.ok(d.points.length === 4 && d.growth > 0);
    assert.ok(m.typing.keys > 0 && m.typing.peakRssMb > 0 && m.typing.end.n > 0);
    assert.ok(results.table.length >= 12);
    assert.match(r.stdout, /floor: \d+ MB\/s/);
  });
});
