/**
 * The VS Code extension: starts the Pressmark language server (the bundled CLI with
 * `lsp --stdio`) for .press files and pressmark.yaml, and registers the commands.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerAnnotateSelection } from './annotateSelection';
import { registerDecorations } from './decorations';
import { openExample } from './example';
import { registerReleaseText } from './releaseText';
import { registerReview } from './review';
import { SERVER_EXEC_ARGV } from './serverArgs';
import { showStatisticsView } from './statisticsView';
import { registerStatus } from './status';

let client: LanguageClient | undefined;

/** The types "Pre-annotate Document" offers, in this order; entity types are picked by default. */
const PREANNOTATE_TYPES: ReadonlyArray<{ type: string; description: string; picked: boolean }> = [
  { type: 'country', description: 'countries', picked: true },
  { type: 'org', description: 'organizations', picked: true },
  { type: 'place', description: 'cities and places', picked: true },
  { type: 'person', description: 'people of the workspace knowledge base', picked: true },
  { type: 'date', description: 'dates (TIMEX3 value against the publication date)', picked: true },
  { type: 'time', description: 'times of day', picked: false },
  { type: 'duration', description: 'durations', picked: false },
  { type: 'set', description: 'recurring times', picked: false },
];

interface PreannotateResult {
  edit: unknown;
  counts: Record<string, number>;
  available: Record<string, number>;
}

/** "Pressmark: Pre-annotate Document": pick types, then apply every suggestion of them as one undoable edit. */
async function preannotate(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'pressmark') {
    void vscode.window.showInformationMessage('Open a .press document to pre-annotate it.');
    return;
  }
  const uri = editor.document.uri.toString();
  const probe = await client.sendRequest<PreannotateResult | null>('pressmark/preannotate', { uri, types: [] });
  const available = probe?.available ?? {};
  const extra = Object.keys(available).filter((t) => !PREANNOTATE_TYPES.some((x) => x.type === t));
  const items = [...PREANNOTATE_TYPES, ...extra.map((type) => ({ type, description: type, picked: true }))].map((t) => ({
    label: t.type,
    description: `${available[t.type] ?? 0} suggestion${available[t.type] === 1 ? '' : 's'} · ${t.description}`,
    picked: t.picked && (available[t.type] ?? 0) > 0,
    type: t.type,
  }));
  const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Pre-annotate: which types?', placeHolder: 'Every suggestion of the chosen types is annotated in one edit (undo reverts it all)' });
  if (!chosen || chosen.length === 0) return;
  const how = await vscode.window.showQuickPick(
    [
      { label: '$(checklist) Review one by one', description: 'a accept · x reject · Space skip · u undo · Esc stop', review: true },
      { label: '$(check-all) Apply all', description: 'one edit; Undo reverts it all', review: false },
    ],
    { title: 'Pre-annotate: review or apply?', placeHolder: 'Review each suggestion with one key, or annotate them all at once' },
  );
  if (!how) return;
  if (how.review) return void vscode.commands.executeCommand('pressmark.review', { types: chosen.map((c) => c.type) });
  const version = editor.document.version;
  const result = await client.sendRequest<PreannotateResult | null>('pressmark/preannotate', { uri, types: chosen.map((c) => c.type) });
  if (!result) return;
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  if (total === 0) {
    void vscode.window.showInformationMessage('Pressmark: nothing to annotate for the chosen types.');
    return;
  }
  if (editor.document.version !== version) {
    void vscode.window.showWarningMessage('Pressmark: the document changed while pre-annotating; run the command again.');
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Pressmark: the pre-annotation could not be applied.');
    return;
  }
  const summary = Object.entries(result.counts).map(([t, n]) => `${n} ${t}`).join(', ');
  void vscode.window.setStatusBarMessage(`Pressmark: ${total} annotation${total === 1 ? '' : 's'} added (${summary}); Undo reverts them`, 8000);
}

/** "Pressmark: Show Statistics": the statistics of the active document and the workspace, rendered in a webview. */
async function showStatistics(): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const uri = editor && editor.document.languageId === 'pressmark' ? editor.document.uri.toString() : undefined;
  const result = await client.sendRequest<{ markdown: string } | null>('pressmark/statistics', { uri });
  showStatisticsView(result?.markdown ?? '# Annotation statistics\n\nNo statistics: the server did not answer.');
}

/** Restarts a crashed server up to 4 times in 3 minutes, and tells the user once. */
function errorHandler(output: vscode.OutputChannel): ErrorHandler {
  const restarts: number[] = [];
  let told = false;
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && now - restarts[0] > 3 * 60_000) restarts.shift();
      if (restarts.length <= 4) {
        if (!told) {
          told = true;
          void vscode.window.showWarningMessage('The Pressmark language server stopped unexpectedly and was restarted. See the "Pressmark" output for details.');
        }
        output.appendLine(`[client] server closed; restarting (${restarts.length} in the last 3 minutes)`);
        return { action: CloseAction.Restart };
      }
      void vscode.window.showErrorMessage('The Pressmark language server stopped 5 times in 3 minutes and will not be restarted. Run "Pressmark: Restart Server" to try again.');
      return { action: CloseAction.DoNotRestart };
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Pressmark', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'pressmark' },
      { scheme: 'untitled', language: 'pressmark' },
      { scheme: 'file', pattern: '**/pressmark.yaml' },
      { scheme: 'file', pattern: '**/pressmark.reject.yaml' },
      { scheme: 'file', pattern: '**/*.kb.yaml' },
    ],
    synchronize: { configurationSection: 'pressmark' },
    // In an untrusted workspace the server reads no knowledge-base files named by configuration.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    errorHandler: errorHandler(output),
  };
  client = new LanguageClient('pressmark', 'Pressmark', serverOptions, clientOptions);
  // "Go to definition" on a built-in entity opens a read-only view served by the server.
  const builtinEntries: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      if (!client) return '# The Pressmark server is not running.';
      const text = await client.sendRequest<string | null>('pressmark/builtinEntry', { uri: uri.toString() });
      return text ?? `# ${uri.path}: no such built-in entry`;
    },
  };
  const comparisons = vscode.languages.createDiagnosticCollection('pressmark-compare');
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('pressmark-kb', builtinEntries),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client) void client.restart();
    }),
    output,
    vscode.commands.registerCommand('pressmark.preannotate', () => preannotate()),
    vscode.commands.registerCommand('pressmark.importRelease', () => importRelease()),
    vscode.commands.registerCommand('pressmark.compareWith', () => compareWith(comparisons)),
    comparisons,
    vscode.workspace.onDidCloseTextDocument((d) => comparisons.delete(d.uri)),
    vscode.commands.registerCommand('pressmark.showStatistics', () => showStatistics()),
    vscode.commands.registerCommand('pressmark.restartServer', async () => {
      if (!client) return;
      await client.restart();
      void vscode.window.setStatusBarMessage('Pressmark: server restarted', 3000);
    }),
    vscode.commands.registerCommand('pressmark.openExample', () => openExample(context)),
  );
  registerStatus(context, client, output);
  registerDecorations(context, client);
  registerReleaseText(context);
  registerReview(context, () => client);
  registerAnnotateSelection(context, client);
  await client.start();
}

/** "Pressmark: Import Press Release": the open .txt (a scraped release) → a .press beside it, opened. */
async function importRelease(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) return void vscode.window.showInformationMessage('Open the scraped release (.txt) to import first.');
  const source = editor.document;
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Import', annotate: false },
      { label: 'Import and pre-annotate', description: 'countries, organizations, places, people, dates', annotate: true },
    ],
    { placeHolder: 'Import the release as a .press document' },
  );
  if (!choice) return;
  const result = await client.sendRequest<{ text: string | null; problems: string[] }>('pressmark/importRelease', { text: source.getText(), annotate: choice.annotate });
  if (result.text === null) return void vscode.window.showErrorMessage(`Pressmark could not import this release: ${result.problems.join('; ')}`);
  const base = source.uri.path.replace(/\.[^./]*$/, '');
  const target = source.uri.with({ path: `${base}.press` });
  let exists = true;
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    exists = false;
  }
  if (exists) {
    const answer = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it?`, { modal: true }, 'Replace');
    if (answer !== 'Replace') return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  await vscode.window.showTextDocument(target);
  if (result.problems.length) void vscode.window.showWarningMessage(`Imported with notes: ${result.problems.join('; ')}`);
}

/** "Pressmark: Compare With...": another annotator's copy → its disagreements, as diagnostics here. */
async function compareWith(comparisons: vscode.DiagnosticCollection): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'pressmark') return void vscode.window.showInformationMessage('Open a .press document to compare first.');
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Pressmark: ['press'] }, openLabel: 'Compare' });
  if (!picked?.[0]) return;
  const other = new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
  const found = await client.sendRequest<Array<{ range: vscode.Range; message: string }>>('pressmark/compare', { uri: editor.document.uri.toString(), other });
  const name = vscode.workspace.asRelativePath(picked[0]);
  comparisons.set(
    editor.document.uri,
    found.map((d) => {
      const r = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
      const diag = new vscode.Diagnostic(r, `${d.message} (vs ${name})`, vscode.DiagnosticSeverity.Information);
      diag.source = 'pressmark compare';
      return diag;
    }),
  );
  void vscode.window.showInformationMessage(found.length ? `${found.length} disagreement(s) with ${name}: see the Problems view.` : `No disagreement with ${name}.`);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
