/**
 * Entry point that VS Code's extension host calls (`--extensionTestsPath`): runs the in-editor
 * suite with mocha and rejects when a test fails. Used by test/electron/run.ts (desktop VS Code)
 * and by the code-server e2e test (the same suite in VS Code's web build).
 */
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'pressmark.suite.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
