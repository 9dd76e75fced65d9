/**
 * Entry point that VS Code's extension host calls (`--extensionTestsPath`): runs the in-editor
 * suite with mocha and rejects when a test fails. Used by test/electron/run.ts (desktop VS Code)
 * and by the code-server e2e test (the same suite in VS Code's web build).
 *
 * Where the extension host's stdout goes differs between hosts, so the results are also written
 * as JSON to $PRESSMARK_SUITE_REPORT when that is set.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface SuiteReport {
  passed: string[];
  failed: Array<{ title: string; error: string }>;
  pending: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'pressmark.suite.js'));
  const report: SuiteReport = { passed: [], failed: [], pending: [] };
  const reportFile = process.env.PRESSMARK_SUITE_REPORT;
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
        if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => report.passed.push(t.fullTitle()));
      runner.on('pending', (t) => report.pending.push(t.fullTitle()));
      runner.on('fail', (t, err: Error) => report.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
    } catch (e) {
      reject(e);
    }
  });
}
