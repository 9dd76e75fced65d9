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

let client: LanguageClient | undefined;

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
    run: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'] },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Pressmark', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'pressmark' },
      { scheme: 'untitled', language: 'pressmark' },
      { scheme: 'file', pattern: '**/pressmark.yaml' },
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
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('pressmark-kb', builtinEntries),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client) void client.restart();
    }),
    output,
    vscode.commands.registerCommand('pressmark.restartServer', async () => {
      if (!client) return;
      await client.restart();
      void vscode.window.setStatusBarMessage('Pressmark: server restarted', 3000);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
