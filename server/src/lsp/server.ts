/**
 * The language server: LSP transport only. Every handler finds the document, returns an
 * empty result when there is none, and delegates to the pure language service; `safe`
 * makes sure no handler ever throws over the wire.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { createLanguageService } from '../service/languageService';
import { LEGEND } from '../service/semanticTokens';
import { SCHEMA_FILE } from '../service/config';
import type { SeveritySetting } from '../service/rules';
import { ProjectConfigs } from '../node/projectConfig';

export const SERVER_NAME = 'pressmark';
export const SERVER_VERSION = '0.1.0';

interface Settings {
  rules: Record<string, SeveritySetting>;
}

const DEFAULT_SETTINGS: Settings = { rules: {} };

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let workspaceRoots: string[] = [];
  let configs = new ProjectConfigs();
  let supportsPull = false;
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const userRules = new Map<string, Record<string, SeveritySetting>>();

  const isSchema = (uri: string) => uri.endsWith('/' + SCHEMA_FILE);
  const openText = (file: string): string | undefined => documents.get(URI.fromPath(file))?.getText();

  const service = createLanguageService({
    getConfig: (uri) => {
      const file = URI.toPath(uri);
      return file ? configs.forFile(file).config : undefined!;
    },
    getUserRules: (uri) => userRules.get(uri),
  });

  function log(message: string): void {
    connection.console.log(`[pressmark] ${message}`);
  }

  async function safe<T>(what: string, empty: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      connection.console.error(`[pressmark] ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return empty;
    }
  }

  function settingsFor(uri: string): Promise<Settings> {
    if (!supportsConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'pressmark' })
        .then((v: unknown) => {
          const rules = (v as { rules?: unknown } | null)?.rules;
          return { rules: rules && typeof rules === 'object' ? (rules as Record<string, SeveritySetting>) : {} };
        })
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  async function diagnosticsOf(uri: string) {
    const doc = documents.get(uri);
    if (!doc) return [];
    if (isSchema(uri)) return service.schemaDiagnostics(doc.getText());
    userRules.set(uri, (await settingsFor(uri)).rules);
    return service.diagnostics(doc);
  }

  // Push diagnostics, for clients without pull support. Coalesced per document.
  const pending = new Map<string, ReturnType<typeof setImmediate>>();
  function schedulePush(uri: string): void {
    if (supportsPull) return;
    const prev = pending.get(uri);
    if (prev) clearImmediate(prev);
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        const doc = documents.get(uri);
        if (!doc) return;
        const version = doc.version;
        void safe('diagnostics', [], () => diagnosticsOf(uri)).then((diagnostics) => {
          const now = documents.get(uri);
          if (now && now.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
        });
      }),
    );
  }

  function revalidateAll(): void {
    if (supportsPull) {
      void connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const d of documents.all()) schedulePush(d.uri);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    supportsPull = !!caps.textDocument?.diagnostic;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = folders.map((u) => URI.toPath(u)).filter((p): p is string => !!p);
    configs = new ProjectConfigs(workspaceRoots, openText);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', ':'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        semanticTokensProvider: { legend: LEGEND, full: true, range: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        diagnosticProvider: supportsPull ? { identifier: 'pressmark', interFileDependencies: true, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pressmark' }).catch(() => undefined);
    }
    if (supportsWatchRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${SCHEMA_FILE}` }] })
        .catch(() => undefined);
    }
    log(`initialized (diagnostics: ${supportsPull ? 'pull' : 'push'})`);
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => isSchema(c.uri))) {
      configs.clear();
      revalidateAll();
    }
  });

  documents.onDidChangeContent((e) => {
    if (isSchema(e.document.uri)) {
      configs.clear();
      revalidateAll();
    }
    schedulePush(e.document.uri);
  });

  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    settingsCache.delete(e.document.uri);
    userRules.delete(e.document.uri);
    if (isSchema(e.document.uri)) {
      configs.clear();
      revalidateAll();
    }
    if (!supportsPull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params) =>
    safe('diagnostics', { kind: 'full' as const, items: [] }, async () => ({
      kind: 'full' as const,
      items: await diagnosticsOf(params.textDocument.uri),
    })),
  );

  const pressDoc = (uri: string) => (isSchema(uri) ? undefined : documents.get(uri));

  connection.onHover((p) => safe('hover', null, () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.hover(doc, p.position) : null;
  }));
  connection.onCompletion((p) => safe('completion', { isIncomplete: false, items: [] }, () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.completion(doc, p.position) : { isIncomplete: false, items: [] };
  }));
  connection.onCodeAction((p) => safe('code actions', [], async () => {
    const doc = pressDoc(p.textDocument.uri);
    if (!doc) return [];
    userRules.set(doc.uri, (await settingsFor(doc.uri)).rules);
    return service.codeActions(doc, p.range, p.context.only);
  }));
  connection.languages.semanticTokens.on((p) => safe('semantic tokens', { data: [] }, () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.semanticTokens(doc) : { data: [] };
  }));
  connection.onDocumentSymbol((p) => safe('document symbols', [], () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.documentSymbols(doc) : [];
  }));
  connection.onFoldingRanges((p) => safe('folding ranges', [], () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.foldingRanges(doc) : [];
  }));

  documents.listen(connection);
  connection.listen();
}
