/**
 * Suggestions that do not flood (issue 14 item 5), over stdio: `mention.unannotated` is a hint by
 * default (VS Code leaves hints out of the Problems panel) while real problems keep their
 * severity; `pressmark.suggestions.severity` brings the information level back or turns them off;
 * a per-code `pressmark.rules` entry wins over it.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../support/lspClient';

const TEXT = '---\ndate: 2022-06-29\n---\nKazakhstan and Luxembourg met. [x]{nosuchtype}\n';

describe('suggestion severity over LSP', function () {
  this.timeout(30_000);
  let client: TestClient | undefined;
  afterEach(async () => client && (await client.stop()));

  async function diagnostics(configuration: Record<string, unknown>): Promise<Diagnostic[]> {
    client = startServer();
    await client.initialize({ pull: true, configuration });
    const uri = 'file:///tmp/pressmark-test/suggest.press';
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: TEXT } });
    const report = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    return (report as { items: Diagnostic[] }).items;
  }
  const severities = (ds: Diagnostic[], code: string) => [...new Set(ds.filter((d) => d.code === code).map((d) => d.severity))];

  const CASES: Array<{ what: string; configuration: Record<string, unknown>; suggestions: DiagnosticSeverity[] }> = [
    { what: 'by default, hints', configuration: {}, suggestions: [DiagnosticSeverity.Hint] },
    { what: 'suggestions.severity information (nested)', configuration: { suggestions: { severity: 'information' } }, suggestions: [DiagnosticSeverity.Information] },
    { what: 'suggestions.severity warning (dotted key)', configuration: { 'suggestions.severity': 'warning' }, suggestions: [DiagnosticSeverity.Warning] },
    { what: 'suggestions.severity off', configuration: { suggestions: { severity: 'off' } }, suggestions: [] },
    { what: 'pressmark.rules wins over it', configuration: { suggestions: { severity: 'off' }, rules: { 'mention.unannotated': 'information' } }, suggestions: [DiagnosticSeverity.Information] },
    { what: 'a value it does not know is the default', configuration: { suggestions: { severity: 'loud' } }, suggestions: [DiagnosticSeverity.Hint] },
  ];
  for (const c of CASES) {
    it(`${c.what}; the real error stays an error`, async () => {
      const ds = await diagnostics(c.configuration);
      assert.deepEqual(severities(ds, 'mention.unannotated'), c.suggestions, JSON.stringify(ds.map((d) => [d.code, d.severity])));
      if (c.suggestions.length) assert.equal(ds.filter((d) => d.code === 'mention.unannotated').length, 2);
      assert.deepEqual(severities(ds, 'syntax.unknown-type'), [DiagnosticSeverity.Error]);
    });
  }
});
