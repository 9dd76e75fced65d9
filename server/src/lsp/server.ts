/**
 * The language server: LSP transport only. Every handler finds the document, returns an
 * empty result when there is none, and delegates to the pure language service; `safe`
 * makes sure no handler ever throws over the wire.
 */
import {
  CodeActionKind,
  CodeActionTriggerKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type SemanticTokens,
  type SemanticTokensDelta,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { SemanticTokensCache } from './semanticTokensDelta';
import { createLanguageService } from '../service/languageService';
import { LEGEND } from '../service/semanticTokens';
import { SCHEMA_FILE } from '../service/config';
import { withSuggestionSeverity, type SeveritySetting } from '../service/rules';
import { listedKbFiles, ProjectConfigs } from '../node/projectConfig';
import { learnedOfTypes } from '../service/assist/learned';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import type { KnowledgeBase } from '../service/kb/knowledgeBase';
import { isKbFile, UNREAD_KB_CODES, WorkspaceKnowledgeBase } from '../node/workspaceKb';
import { toDiagnostics } from '../service/diagnostics';
import { LineIndex } from '../service/text';
import * as path from 'node:path';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { PressIndex } from '../node/pressIndex';
import {
  builtinEntryText,
  definition,
  entityRefInDocument,
  entityRefInKbFile,
  parseBuiltinUri,
  references,
  RenameError,
  renameEdits,
  type EntityRef,
} from '../service/navigation';
import { entityCard } from '../service/entityCard';
import { importRelease } from '../service/corpus/release';
import { compareTexts } from '../service/corpus/agree';
import type { Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity, MarkupKind, type Diagnostic } from 'vscode-languageserver/node';
import type { AssistContext } from '../service/codeActions';
import type { PipelineInputs } from '../service/mentions/candidate';
import { REJECT_FILE } from '../service/rejectFile';
import { RejectionFiles } from '../node/rejectFiles';
import { WorkspaceLearning } from '../node/workspaceLearning';
import { isInside } from '../node/files';
import { WORKSPACE_KB_FILE } from '../service/assist/edits';
import type { AnnotateRequest } from '../service/annotateSelection';
import { packageVersion } from '../node/version';

/** The server-side command behind "Pressmark: Pre-annotate Document" for clients without the extension: `[uri, types?]`; applies one workspace edit. */
export const PREANNOTATE_COMMAND = 'pressmark.server.preannotate';

export const SERVER_NAME = 'pressmark';
/** package.json's version (node/version.ts), as `pressmark --version` prints it. */
export const SERVER_VERSION = packageVersion();

interface Settings {
  rules: Record<string, SeveritySetting>;
  /** `pressmark.inlayHints.enabled` (default on). */
  inlayHints: boolean;
  /** `pressmark.inlayHints.entityNames` (default on): names after opaque entity ids. */
  entityNameHints: boolean;
  /** `pressmark.analysis.maxDocumentSize`: above it (UTF-16 units), syntax only and no semantic tokens. */
  maxDocumentSize: number;
  /** `pressmark.analysis.maxProblems`: diagnostics sent per document. */
  maxProblems: number;
}

/** After an edit that changes the workspace's learned names, the other documents are revalidated this much later (a burst of edits once). */
const LEARN_DELAY_MS = 300;

const DEFAULT_SETTINGS: Settings = { rules: {}, inlayHints: true, entityNameHints: true, maxDocumentSize: 4_000_000, maxProblems: 1000 };

/**
 * Features that throw on purpose when named in PRESSMARK_FAULT_INJECTION (comma-separated), so
 * that tests can check a failing feature costs its own answer only. Never set in normal use.
 */
const FAULTS = new Set((process.env.PRESSMARK_FAULT_INJECTION ?? '').split(',').filter(Boolean));
function maybeFail(feature: string): void {
  if (FAULTS.has(feature)) throw new Error(`fault injected into ${feature} (PRESSMARK_FAULT_INJECTION)`);
}

/** Reads the `pressmark` section as clients send it (nested, or with dotted keys). */
function readSettings(v: unknown): Settings {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const rules = o.rules;
  const nested = o.inlayHints && typeof o.inlayHints === 'object' ? (o.inlayHints as Record<string, unknown>).enabled : undefined;
  const enabled = nested ?? o['inlayHints.enabled'];
  const names = o.inlayHints && typeof o.inlayHints === 'object' ? (o.inlayHints as Record<string, unknown>).entityNames : o['inlayHints.entityNames'];
  const analysis = o.analysis && typeof o.analysis === 'object' ? (o.analysis as Record<string, unknown>) : {};
  const suggestions = o.suggestions && typeof o.suggestions === 'object' ? (o.suggestions as Record<string, unknown>) : {};
  const num = (v: unknown, dflt: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt);
  return {
    rules: withSuggestionSeverity(rules && typeof rules === 'object' ? (rules as Record<string, SeveritySetting>) : {}, suggestions.severity ?? o['suggestions.severity']),
    inlayHints: enabled !== false,
    entityNameHints: names !== false,
    maxDocumentSize: num(analysis.maxDocumentSize ?? o['analysis.maxDocumentSize'], DEFAULT_SETTINGS.maxDocumentSize),
    maxProblems: num(analysis.maxProblems ?? o['analysis.maxProblems'], DEFAULT_SETTINGS.maxProblems),
  };
}

/**
 * The `types` of a pre-annotation (the request's `types`, the command's second argument): absent
 * or null, every type; a string, that one type; a list of strings, those. Anything else is
 * refused, never read as "every type".
 */
function preannotateTypes(v: unknown): readonly string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((t) => typeof t === 'string')) return v as string[];
  throw new ResponseError(ErrorCodes.InvalidParams, '`types` must be a type name or a list of type names.');
}

/** A well-formed LSP range (what a custom request's `ranges` must hold). */
function isRange(r: unknown): r is Range {
  const pos = (p: unknown) => !!p && typeof p === 'object' && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);
  return !!r && typeof r === 'object' && pos((r as Range).start) && pos((r as Range).end);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let workspaceRoots: string[] = [];
  let configs = new ProjectConfigs();
  let supportsPull = false;
  /** The client has "Annotate Selection as..." (`experimental.pressmark.annotateSelection`): the code action runs it. */
  let clientAnnotatesSelection = false;
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let supportsInlayHintRefresh = false;
  let supportsSemanticTokensRefresh = false;
  let supportsFolderChanges = false;
  let trusted = true;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** The settings last resolved for each document: what the service reads (rules, size limit). */
  const resolvedSettings = new Map<string, Settings>();
  /** After `shutdown`: requests are refused (InvalidRequest) and nothing is analysed. */
  let shutDown = false;

  const isSchema = (uri: string) => uri.endsWith('/' + SCHEMA_FILE);
  const isReject = (uri: string) => uri.endsWith('/' + REJECT_FILE);
  const isPress = (uri: string) => !isSchema(uri) && !isKb(uri) && !isReject(uri);
  /** The open documents by URI key (URI.key): a client may spell a URI otherwise than vscode-uri does (`file:///C:/` for `file:///c%3A/`). */
  const openByKey = new Map<string, string>();
  const openDoc = (file: string): TextDocument | undefined => {
    const uri = URI.fromPath(file);
    return documents.get(openByKey.get(uri) ?? uri);
  };
  const openText = (file: string): string | undefined => openDoc(file)?.getText();
  /** The open document of a URI as the client (or its file watcher) spelt it. */
  const openAt = (uri: string): TextDocument | undefined => documents.get(uri) ?? documents.get(openByKey.get(URI.key(uri)) ?? uri);

  let workspaceKb: WorkspaceKnowledgeBase | undefined;
  /** `pressmark.knowledgeBase.additionalFiles` (absolute paths), as last read: read again on each configuration change. */
  let additionalKbFiles: string[] = [];
  /** Loads the built-in knowledge base and reads the workspace's files, once. */
  const workspace = (): WorkspaceKnowledgeBase => {
    if (!workspaceKb) {
      const info = loadBuiltinKbWithInfo();
      if (info.loadError) connection.console.error(`[pressmark] knowledge base: ${info.loadError}`);
      workspaceKb = new WorkspaceKnowledgeBase(info.kb, (file) => configs.forFile(file).config);
      const t0 = Date.now();
      const n = workspaceKb.scan(workspaceRoots, [...schemaKbFiles(), ...(trusted ? additionalKbFiles : [])], openText, (s) => log(`not reading ${s.file}: ${s.reason}`));
      log(`knowledge base: ${info.kb.count()} built-in entities in ${info.loadMs.toFixed(0)} ms; ${n} workspace file(s) in ${Date.now() - t0} ms`);
    }
    return workspaceKb;
  };
  const knowledgeBase = (): KnowledgeBase => kbWorkspace().knowledgeBase();
  /**
   * Knowledge-base files named by the workspace roots' pressmark.yaml: only in a trusted
   * workspace, and only inside the workspace (files elsewhere are read only when the user lists
   * them in the machine setting pressmark.knowledgeBase.additionalFiles).
   */
  function schemaKbFiles(): string[] {
    if (!trusted) return [];
    // Entries that may not be read are diagnostics in pressmark.yaml (diagnosticsOf).
    return workspaceRoots.flatMap((root) => listedKbFiles(configs.forFile(path.join(root, SCHEMA_FILE)), workspaceRoots).files);
  }
  const filePath = (uri: string) => URI.toPath(uri);
  /**
   * Knowledge-base files edited in the editor since they were last read: read on the next use
   * of the knowledge base, so that a burst of edits is parsed once, not once per change.
   */
  const kbEdited = new Set<string>();
  /** The workspace's knowledge base, with the editor's pending edits of its files read. */
  function kbWorkspace(): WorkspaceKnowledgeBase {
    const ws = workspace();
    if (kbEdited.size) {
      const uris = [...kbEdited];
      kbEdited.clear();
      for (const uri of uris) {
        const d = documents.get(uri);
        const file = filePath(uri);
        if (d && file) ws.read(file, d.getText());
      }
    }
    return ws;
  }
  /** The semantic tokens last sent per document (the base of semanticTokens/full/delta). */
  const tokenCache = new SemanticTokensCache();
  const pressIndex = new PressIndex([], (s) => log(`not indexing ${s.file}: ${s.reason}`));
  const openPress = (uri: string) => {
    const d = documents.get(uri);
    return d && isPress(uri) ? service.parse(d) : undefined;
  };
  const workspaceDocuments = () => pressIndex.documents(openPress, documents.keys());
  /** The names annotated in the workspace (workspace learning), kept per document. */
  const learning = new WorkspaceLearning(pressIndex, { parsed: openPress, uris: () => documents.keys() }, (m) => log(m));
  /** The rejection files (pressmark.reject.yaml), read on first use and after each change. */
  let rejections = new RejectionFiles();
  /** The workspace folder a file is in, or undefined. */
  const rootOf = (file: string) => workspaceRoots.find((r) => isInside(path.resolve(r), path.resolve(file)));
  /** Where a document's rejections are: the file that applies, or where the first reject fix creates it. */
  function rejectFileFor(file: string): { file: string; loaded: ReturnType<RejectionFiles['forFile']> } | undefined {
    const loaded = rejections.forFile(file);
    if (loaded.file) return { file: loaded.file, loaded };
    // beside the pressmark.yaml that applies, when it is in the workspace; else at the document's workspace root
    const schema = configs.forFile(file).file;
    const dir = schema && rootOf(schema) ? path.dirname(schema) : rootOf(file);
    return dir ? { file: path.join(dir, REJECT_FILE), loaded } : undefined;
  }
  function pipelineInputs(uri: string): PipelineInputs | undefined {
    const learned = learning.names();
    try {
      const file = filePath(uri);
      if (!file) return { learned };
      const target = rejectFileFor(file);
      const docPath = target ? RejectionFiles.relativePath(target.file, file) : undefined;
      return { learned: learnedOfTypes(learned, configs.forFile(file).config.types), rejections: target?.loaded.rejections, path: docPath };
    } catch {
      return { learned }; // never costs the document its diagnostics
    }
  }
  /** After the learned names changed, the other documents' suggestions may have: once per burst. */
  let learnTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleLearning(): void {
    if (learnTimer || shutDown) return;
    learnTimer = setTimeout(() => {
      learnTimer = undefined;
      if (shutDown) return;
      learning.names();
      if (learning.takeChanged()) revalidateAll();
    }, LEARN_DELAY_MS);
  }
  /** The entity id at a position, in a .press document or a knowledge-base file. */
  function entityRefAt(uri: string, position: { line: number; character: number }): EntityRef | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    if (isKb(uri)) {
      const file = kbWorkspace().fileOf(uri);
      return file ? entityRefInKbFile(file, file.lines.offsetAt(position)) : undefined;
    }
    if (isSchema(uri)) return undefined;
    const parsed = service.parse(doc);
    const file = filePath(uri);
    return entityRefInDocument(parsed, parsed.lines.offsetAt(position), file ? configs.forFile(file).config : configs.forFile('/').config);
  }
  const isKb = (uri: string) => isKbFile(uri);

  /**
   * Where the fixes write. Knowledge base: the files the first root's pressmark.yaml lists (in
   * that order), then the root's pressmark.kb.yaml (created when none can take an entry); each
   * inside the workspace and read. Rejections: the document's rejection file, its text from the
   * editor's buffer or the disk.
   */
  function assistContext(uri: string): AssistContext {
    const root = workspaceRoots[0];
    const ws = kbWorkspace();
    const wanted = [...(trusted && root ? listedKbFiles(configs.forFile(path.join(root, SCHEMA_FILE)), workspaceRoots).files : []), ...(root ? [path.join(root, WORKSPACE_KB_FILE)] : [])];
    const kbTargets: Array<{ uri: string; text: string }> = [];
    for (const f of new Set(wanted)) {
      const kb = ws.fileOf(URI.fromPath(f));
      if (kb && rootOf(f) && !kb.problems.some((x) => UNREAD_KB_CODES.has(x.code))) kbTargets.push({ uri: kb.uri, text: kb.text });
    }
    const out: AssistContext = { kbTargets, rootUri: root ? URI.fromPath(root) : undefined };
    const file = filePath(uri);
    const target = file ? rejectFileFor(file) : undefined;
    if (file && target && !target.loaded.problems.some((p) => p.code === 'reject.unreadable' || p.code === 'reject.too-large')) {
      const exists = !!target.loaded.file;
      out.reject = { uri: URI.fromPath(target.file), text: exists ? target.loaded.text : undefined, path: RejectionFiles.relativePath(target.file, file) };
    }
    return out;
  }

  const service = createLanguageService({
    getAssistContext: (uri) => assistContext(uri),
    getPipelineInputs: (uri) => pipelineInputs(uri),
    getKnowledgeBase: () => knowledgeBase(),
    getConfig: (uri) => {
      const file = URI.toPath(uri);
      return file ? configs.forFile(file).config : undefined!;
    },
    getUserRules: (uri) => resolvedSettings.get(uri)?.rules,
    getMaxDocumentSize: (uri) => (resolvedSettings.get(uri) ?? DEFAULT_SETTINGS).maxDocumentSize,
    clientAnnotatesSelection: () => clientAnnotatesSelection,
  });

  function log(message: string): void {
    connection.console.log(`[pressmark] ${message}`);
  }

  /**
   * Runs a handler: a failure is logged and answered with `empty`; a ResponseError is the answer
   * (an error the client is meant to see). After `shutdown`, every request is refused.
   */
  async function safe<T>(what: string, empty: T, run: () => T | Promise<T>): Promise<T> {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, `${what}: the server is shutting down (a request after shutdown)`);
    try {
      return await run();
    } catch (e) {
      if (e instanceof ResponseError) throw e;
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
        .then((v: unknown) => readSettings(v))
        .catch(() => DEFAULT_SETTINGS)
        .then((r) => {
          resolvedSettings.set(uri, r);
          return r;
        });
      settingsCache.set(uri, s);
    }
    return s;
  }

  async function diagnosticsOf(uri: string) {
    const doc = documents.get(uri);
    if (!doc) return [];
    if (isSchema(uri)) {
      const file = filePath(uri);
      const listed = file ? listedKbFiles(configs.forFile(file), workspaceRoots).problems : [];
      return [...service.schemaDiagnostics(doc.getText()), ...toDiagnostics(listed, new LineIndex(doc.getText()), configs.forFile(file ?? '/').config)];
    }
    if (isReject(uri)) {
      const file = filePath(uri);
      if (!file) return [];
      const loaded = rejections.at(file);
      return toDiagnostics(loaded.problems, new LineIndex(loaded.text), configs.forFile(file).config, (await settingsFor(uri)).rules);
    }
    if (isKb(uri)) {
      const file = filePath(uri);
      if (!file) return [];
      const { kb, problems } = kbWorkspace().problems(file);
      if (!kb) return [];
      return toDiagnostics(problems, kb.lines, configs.forFile(file).config, (await settingsFor(uri)).rules);
    }
    const settings = await settingsFor(uri);
    maybeFail('diagnostics');
    const tooLarge = service.syntaxOnly(doc);
    const { diagnostics: shown, total } = service.diagnosticsUpTo(doc, settings.maxProblems);
    const notes: Diagnostic[] = [];
    const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (tooLarge) {
      notes.push({
        range: at0,
        severity: DiagnosticSeverity.Information,
        code: 'document.too-large',
        source: 'pressmark',
        message: `This document has ${doc.getText().length.toLocaleString('en')} characters, more than pressmark.analysis.maxDocumentSize (${settings.maxDocumentSize.toLocaleString('en')}): only its syntax is checked; it gets no semantic colouring, inlay hints, suggestions or pre-annotation.`,
      });
    }
    if (total > settings.maxProblems) {
      notes.push({
        range: at0,
        severity: DiagnosticSeverity.Information,
        code: 'document.too-many-problems',
        source: 'pressmark',
        message: `${(total - settings.maxProblems).toLocaleString('en')} more problems are not shown (pressmark.analysis.maxProblems is ${settings.maxProblems}); \`pressmark check\` lists them all.`,
      });
    }
    return [...notes, ...shown];
  }

  /**
   * Push diagnostics, for clients without pull support, coalesced per document: each change
   * (re)starts the document's timer, and when PUSH_DELAY_MS pass without one, its current version
   * is analysed once and published if it is still current. 1,000 changes in one write are one
   * analysis of the last version, and a request after them waits for none of the others.
   */
  const PUSH_DELAY_MS = 50;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  function schedulePush(uri: string): void {
    if (supportsPull || shutDown) return;
    const prev = pending.get(uri);
    if (prev) clearTimeout(prev);
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        const doc = documents.get(uri);
        if (!doc || shutDown) return;
        const version = doc.version;
        void safe('diagnostics', [], () => diagnosticsOf(uri)).then(
          (diagnostics) => {
            const now = documents.get(uri);
            if (now && now.version === version && !shutDown) void connection.sendDiagnostics({ uri, version, diagnostics });
          },
          () => undefined, // shut down meanwhile
        );
      }, PUSH_DELAY_MS),
    );
  }

  /** Every document again (configuration, schema or knowledge base changed), once per burst of such changes. */
  let revalidateTimer: ReturnType<typeof setTimeout> | undefined;
  function revalidateAll(): void {
    if (revalidateTimer || shutDown) return;
    revalidateTimer = setTimeout(() => {
      revalidateTimer = undefined;
      if (shutDown) return;
      if (supportsPull) {
        void connection.languages.diagnostics.refresh().catch(() => undefined);
      } else {
        for (const d of documents.all()) schedulePush(d.uri);
      }
    }, PUSH_DELAY_MS);
  }

  /**
   * The workspace folders (at start, and after each workspace/didChangeWorkspaceFolders): what
   * is read from them (pressmark.yaml, rejections, the .press index and its learned names, the
   * knowledge-base files) is read again from the new folders on next use.
   */
  function setRoots(roots: string[]): void {
    workspaceRoots = roots;
    configs = new ProjectConfigs(workspaceRoots, openText);
    rejections = new RejectionFiles(workspaceRoots, openText);
    pressIndex.setRoots(workspaceRoots);
    learning.reset();
    if (workspaceKb) {
      workspaceKb = undefined; // scanned again on next use, open buffers winning
      kbEdited.clear();
    }
  }

  /**
   * Reads `pressmark.knowledgeBase.additionalFiles` again (at start and on each configuration
   * change): files added are read, and when files were taken out the knowledge base is scanned
   * again without them. Only in a trusted workspace.
   */
  async function refreshAdditionalFiles(): Promise<void> {
    if (!supportsConfiguration || !trusted) return;
    let v: unknown;
    try {
      v = await connection.workspace.getConfiguration({ section: 'pressmark' });
    } catch {
      return;
    }
    const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
    const listed = (o.knowledgeBase as { additionalFiles?: unknown } | undefined)?.additionalFiles ?? o['knowledgeBase.additionalFiles'];
    const files = [...new Set((Array.isArray(listed) ? listed : []).filter((f): f is string => typeof f === 'string' && f.length > 0).map((f) => path.resolve(f)))];
    const removed = additionalKbFiles.filter((f) => !files.includes(f));
    const added = files.filter((f) => !additionalKbFiles.includes(f));
    if (!removed.length && !added.length) return;
    additionalKbFiles = files;
    if (workspaceKb && removed.length) {
      workspaceKb = undefined; // a removed file may also be a workspace file: scanned again
      kbEdited.clear();
    } else if (workspaceKb) {
      for (const f of added) workspaceKb.read(f, openText(f));
    }
    log(`pressmark.knowledgeBase.additionalFiles: ${files.length} file(s)${added.length ? `, ${added.length} added` : ''}${removed.length ? `, ${removed.length} removed` : ''}`);
    revalidateAll();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    supportsPull = !!caps.textDocument?.diagnostic;
    clientAnnotatesSelection = (caps.experimental as { pressmark?: { annotateSelection?: unknown } } | undefined)?.pressmark?.annotateSelection === true;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsInlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    supportsFolderChanges = !!caps.workspace?.workspaceFolders;
    supportsSemanticTokensRefresh = !!caps.workspace?.semanticTokens?.refreshSupport;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    setRoots(folders.map((u) => URI.toPath(u)).filter((p): p is string => !!p));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', ':'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: false },
        semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        foldingRangeProvider: true,
        inlayHintProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        executeCommandProvider: { commands: [PREANNOTATE_COMMAND] },
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
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${SCHEMA_FILE}` }, { globPattern: `**/${REJECT_FILE}` }, { globPattern: '**/*.kb.yaml' }, { globPattern: '**/*.press' }],
        })
        .catch(() => undefined);
    }
    kbWorkspace();
    // Knowledge-base files outside the workspace that the user listed.
    void refreshAdditionalFiles();
    if (supportsFolderChanges) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p).map((p) => path.resolve(p)));
          const added = e.added.map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
          const roots = [...workspaceRoots.filter((r) => !removed.has(path.resolve(r))), ...added.filter((a) => !workspaceRoots.includes(a))];
          log(`workspace folders: ${roots.length} (${added.length} added, ${removed.size} removed)`);
          setRoots(roots);
          revalidateAll();
          refreshViews();
        });
      } catch (e) {
        log(`workspace folder changes are not followed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    log(`initialized (diagnostics: ${supportsPull ? 'pull' : 'push'})`);
  });

  /** Inlay hints and semantic tokens asked again (settings, folders or the knowledge base changed). */
  function refreshViews(): void {
    if (shutDown) return;
    if (supportsInlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (supportsSemanticTokensRefresh) void connection.languages.semanticTokens.refresh().catch(() => undefined);
  }

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    revalidateAll();
    refreshViews();
    void refreshAdditionalFiles();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let changed = false;
    for (const c of params.changes) {
      if (isSchema(c.uri)) {
        configs.clear();
        changed = true;
      } else if (isReject(c.uri)) {
        if (openAt(c.uri)) continue; // the editor's buffer wins
        rejections.clear();
        changed = true;
      } else if (c.uri.endsWith('.press')) {
        const file = filePath(c.uri);
        if (file) pressIndex.touch(file, c.type === 3);
        if (file && !openAt(c.uri)) {
          learning.mark(c.uri);
          scheduleLearning();
        }
      } else if (isKb(c.uri)) {
        const file = filePath(c.uri);
        if (!file || openAt(c.uri)) continue; // the editor's buffer wins
        if (c.type === 3 /* deleted */) kbWorkspace().remove(file);
        else kbWorkspace().read(file);
        changed = true;
      }
    }
    if (changed) revalidateAll();
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (isSchema(uri)) {
      configs.clear();
      revalidateAll();
    } else if (isReject(uri)) {
      rejections.clear();
      revalidateAll();
    } else if (isKb(uri)) {
      kbEdited.add(uri); // read on the next use of the knowledge base
      revalidateAll();
    } else {
      learning.mark(uri); // its annotations are read again on the next use
      scheduleLearning();
    }
    schedulePush(uri);
  });

  // A URI opened again starts afresh (the service also compares texts, not versions).
  documents.onDidOpen((e) => {
    service.forget(e.document.uri);
    openByKey.set(URI.key(e.document.uri), e.document.uri);
  });

  connection.onShutdown(() => {
    shutDown = true;
    for (const t of pending.values()) clearTimeout(t);
    pending.clear();
    if (revalidateTimer) clearTimeout(revalidateTimer);
    if (learnTimer) clearTimeout(learnTimer);
  });

  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    tokenCache.forget(e.document.uri);
    openByKey.delete(URI.key(e.document.uri));
    settingsCache.delete(e.document.uri);
    resolvedSettings.delete(e.document.uri);
    kbEdited.delete(e.document.uri);
    const timer = pending.get(e.document.uri);
    if (timer) clearTimeout(timer);
    pending.delete(e.document.uri);
    if (isSchema(e.document.uri)) {
      configs.clear();
      revalidateAll();
    } else if (isReject(e.document.uri)) {
      rejections.clear(); // back to what is on disk
      revalidateAll();
    } else if (isKb(e.document.uri)) {
      const file = filePath(e.document.uri);
      if (file) kbWorkspace().read(file); // back to what is on disk
      revalidateAll();
    } else {
      learning.mark(e.document.uri); // back to what is on disk (or gone, when it is not in the workspace)
      scheduleLearning();
    }
    if (!supportsPull && !shutDown) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params) =>
    safe('diagnostics', { kind: 'full' as const, items: [] }, async () => ({
      kind: 'full' as const,
      items: await diagnosticsOf(params.textDocument.uri),
    })),
  );

  const pressDoc = (uri: string) => (isPress(uri) ? documents.get(uri) : undefined);
  /** The document, when pre-annotation may run on it: not above its size limit (refused with a message). */
  async function preannotatable(doc: TextDocument): Promise<TextDocument> {
    const { maxDocumentSize } = await settingsFor(doc.uri);
    if (service.syntaxOnly(doc)) {
      throw new ResponseError(
        ErrorCodes.InvalidRequest,
        `This document has ${doc.getText().length.toLocaleString('en')} characters, more than pressmark.analysis.maxDocumentSize (${maxDocumentSize.toLocaleString('en')}): it is not pre-annotated.`,
      );
    }
    return doc;
  }

  connection.onHover((p) => safe('hover', null, () => {
    maybeFail('hover');
    const doc = pressDoc(p.textDocument.uri);
    if (doc) return service.hover(doc, p.position);
    if (isKb(p.textDocument.uri)) {
      // In a knowledge-base file: the card of the entity whose id is under the cursor.
      const ref = entityRefAt(p.textDocument.uri, p.position);
      const kb = knowledgeBase();
      const e = ref && kb.get(ref.type, ref.id);
      const file = kbWorkspace().fileOf(p.textDocument.uri);
      if (e && ref && file) {
        return { contents: { kind: MarkupKind.Markdown, value: entityCard(e, { kb, displayUri: (u) => u.replace(/^.*\//, '') }) }, range: file.lines.range(ref.idSpan) };
      }
    }
    return null;
  }));
  connection.onCompletion((p) => safe('completion', { isIncomplete: false, items: [] }, () => {
    const doc = pressDoc(p.textDocument.uri);
    if (doc) return service.completion(doc, p.position);
    const kbDoc = isKb(p.textDocument.uri) ? documents.get(p.textDocument.uri) : undefined;
    return kbDoc ? service.kbFileCompletion(kbDoc.getText(), p.position) : { isIncomplete: false, items: [] };
  }));
  connection.onDefinition((p) => safe('definition', null, () => {
    const ref = entityRefAt(p.textDocument.uri, p.position);
    return ref ? (definition(ref, knowledgeBase()) ?? null) : null;
  }));
  connection.onReferences((p) => safe('references', [], () => {
    const ref = entityRefAt(p.textDocument.uri, p.position);
    return ref ? references(ref, workspaceDocuments(), kbWorkspace().all(), p.context.includeDeclaration) : [];
  }));
  connection.onPrepareRename(async (p) => {
    const ref = await safe('prepare rename', undefined as EntityRef | undefined, () => entityRefAt(p.textDocument.uri, p.position));
    if (!ref) return null;
    const e = knowledgeBase().get(ref.type, ref.id);
    if (!e) throw new ResponseError(ErrorCodes.InvalidRequest, `Unknown ${ref.type} id \`${ref.id}\`.`);
    if (e.source.kind !== 'workspace') throw new ResponseError(ErrorCodes.InvalidRequest, `\`${ref.id}\` is a built-in ${ref.type} id; only workspace ids can be renamed.`);
    const doc = documents.get(p.textDocument.uri)!;
    const lines = isKb(p.textDocument.uri) ? kbWorkspace().fileOf(p.textDocument.uri)!.lines : service.parse(doc).lines;
    return { range: lines.range(ref.idSpan), placeholder: ref.id };
  });
  connection.onRenameRequest(async (p) => {
    const ref = await safe('rename', undefined as EntityRef | undefined, () => entityRefAt(p.textDocument.uri, p.position));
    if (!ref) return null;
    try {
      return renameEdits(ref, p.newName, knowledgeBase(), workspaceDocuments(), kbWorkspace().all());
    } catch (e) {
      if (e instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidRequest, e.message);
      connection.console.error(`[pressmark] rename failed: ${String(e)}`);
      return null;
    }
  });
  // "Pressmark: Import Press Release": a scraped release's text → the .press text.
  connection.onRequest('pressmark/importRelease', (p: { text?: unknown; annotate?: unknown }) =>
    safe('import release', { text: null as string | null, problems: [] as string[] }, () => {
      if (typeof p?.text !== 'string') return { text: null, problems: ['No text to import.'] };
      const r = importRelease(p.text, knowledgeBase(), { annotate: p.annotate === true });
      return { text: r.text ?? null, problems: r.problems.map((x) => x.message) };
    }),
  );
  // "Pressmark: Compare With...": the open document's disagreements with another annotator's copy.
  connection.onRequest('pressmark/compare', (p: { uri?: unknown; other?: unknown }) =>
    safe('compare', [] as Array<{ range: Range; message: string }>, () => {
      const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
      if (!doc || typeof p.other !== 'string') return [];
      const lines = service.parse(doc).lines;
      return compareTexts(doc.getText(), p.other).map((d) => ({ range: lines.range({ start: d.start, end: d.end }), message: d.message }));
    }),
  );
  connection.onRequest('pressmark/builtinEntry', (p: { uri: string }) => safe('builtin entry', null, () => {
    const key = parseBuiltinUri(p?.uri ?? '');
    const e = key && knowledgeBase().get(key.type, key.id);
    return e ? builtinEntryText(e) : null;
  }));
  // Assisted annotation: pre-annotation (one edit the client applies), statistics, workspace symbols.
  connection.onRequest('pressmark/preannotate', (p: { uri?: unknown; types?: unknown }) => safe('pre-annotate', null, async () => {
    const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
    return doc ? service.preannotate(await preannotatable(doc), preannotateTypes(p.types)) : null;
  }));
  // Review mode ("Pressmark: Review Suggestions"): the suggestions in order, then the edit of one decision.
  // Both answer for the document's current version only: `stale` when the client's `version` is another.
  connection.onRequest('pressmark/suggestions', (p: { uri?: unknown; version?: unknown; types?: unknown }) => safe('suggestions', null, async () => {
    const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
    if (!doc) return null;
    if (typeof p.version === 'number' && p.version !== doc.version) return { version: doc.version, stale: true, items: [] };
    await settingsFor(doc.uri);
    return { version: doc.version, items: service.reviewItems(await preannotatable(doc), preannotateTypes(p.types)) };
  }));
  connection.onRequest('pressmark/reviewEdit', (p: { uri?: unknown; version?: unknown; range?: Range; action?: unknown }) => safe('review edit', null, async () => {
    const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
    const action = p?.action === 'accept' || p?.action === 'reject' || p?.action === 'acceptLike' ? p.action : undefined;
    if (!doc || !action || !p.range) return null;
    if (typeof p.version === 'number' && p.version !== doc.version) return { version: doc.version, stale: true };
    await settingsFor(doc.uri);
    const r = service.reviewEdit(doc, p.range, action);
    return r ? { version: doc.version, ...r } : { version: doc.version };
  }));
  connection.onRequest('pressmark/statistics', (p: { uri?: string }) => safe('statistics', null, async () => {
    const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
    if (doc) await settingsFor(doc.uri);
    return { markdown: service.statistics(doc, workspaceDocuments()) };
  }));
  connection.onExecuteCommand((p) => safe('execute command', null, async () => {
    if (p.command !== PREANNOTATE_COMMAND) return null;
    const [uri, types] = (p.arguments ?? []) as [unknown, unknown];
    const doc = typeof uri === 'string' ? pressDoc(uri) : undefined;
    if (!doc) return null;
    const r = service.preannotate(await preannotatable(doc), preannotateTypes(types));
    const applied = await connection.workspace.applyEdit({ label: 'Pre-annotate document', edit: r.edit });
    return { applied: applied.applied, counts: r.counts };
  }));
  // The client's decorations (markup dimmed, labels coloured per type) for the visible ranges.
  connection.onRequest('pressmark/markup', (p: { uri?: unknown; ranges?: unknown }) => safe('markup', null, () => {
    const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
    const ranges = Array.isArray(p.ranges) ? (p.ranges as Range[]).filter(isRange) : undefined;
    return doc ? service.markup(doc, ranges) : null;
  }));
  // The language status item: knowledge-base counts, suggestions left, syntax only.
  connection.onRequest('pressmark/status', (p: { uri?: unknown }) => safe('status', null, async () => {
    const doc = typeof p?.uri === 'string' ? pressDoc(p.uri) : undefined;
    if (doc) await settingsFor(doc.uri);
    return doc ? service.status(doc) : null;
  }));
  // "Annotate Selection as..." (client/src/annotateSelection.ts): check the range, list what it may be, build the edit.
  connection.onRequest('pressmark/checkSelection', (p: { uri?: unknown; range?: Range }) => safe('check selection', null, () => {
    const doc = typeof p?.uri === 'string' && p.range ? pressDoc(p.uri) : undefined;
    return doc && p.range ? service.checkSelection(doc, p.range) : null;
  }));
  connection.onRequest('pressmark/selectionChoices', (p: { uri?: unknown; range?: Range; type?: unknown; query?: unknown }) => safe('selection choices', null, () => {
    const doc = typeof p?.uri === 'string' && p.range && typeof p.type === 'string' ? pressDoc(p.uri) : undefined;
    return doc && p.range ? service.selectionChoices(doc, p.range, String(p.type), typeof p.query === 'string' ? p.query : '') : null;
  }));
  connection.onRequest('pressmark/annotateSelection', (p: { uri?: unknown; range?: Range; request?: AnnotateRequest }) => safe('annotate selection', null, () => {
    const doc = typeof p?.uri === 'string' && p.range && p.request && typeof p.request.type === 'string' ? pressDoc(p.uri) : undefined;
    return doc && p.range && p.request ? service.annotateSelection(doc, p.range, p.request) : null;
  }));
  connection.onWorkspaceSymbol((p) => safe('workspace symbols', [], () => service.workspaceSymbols(p.query ?? '', workspaceDocuments())));
  connection.onCompletionResolve((item) => safe('completion resolve', item, () => service.resolveCompletion(item)));
  connection.onCodeAction((p) => safe('code actions', [], async () => {
    const doc = pressDoc(p.textDocument.uri);
    if (!doc) return [];
    await settingsFor(doc.uri);
    return service.codeActions(doc, p.range, p.context.only, p.context.triggerKind === CodeActionTriggerKind.Invoked);
  }));
  connection.languages.semanticTokens.on((p) => safe('semantic tokens', { data: [] }, async () => {
    const doc = pressDoc(p.textDocument.uri);
    if (doc) await settingsFor(doc.uri);
    return doc ? tokenCache.full(doc.uri, service.semanticTokens(doc)) : { data: [] };
  }));
  connection.languages.semanticTokens.onDelta((p) => safe('semantic tokens', { data: [] } as SemanticTokens | SemanticTokensDelta, async () => {
    const doc = pressDoc(p.textDocument.uri);
    if (doc) await settingsFor(doc.uri);
    return doc ? tokenCache.delta(doc.uri, p.previousResultId, service.semanticTokens(doc)) : { data: [] };
  }));
  connection.onDocumentSymbol((p) => safe('document symbols', [], () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.documentSymbols(doc) : [];
  }));
  connection.languages.inlayHint.on((p) => safe('inlay hints', [], async () => {
    const doc = pressDoc(p.textDocument.uri);
    const settings = doc && (await settingsFor(doc.uri));
    if (!doc || !settings || !settings.inlayHints) return [];
    return service.inlayHints(doc, p.range, { entityNames: settings.entityNameHints });
  }));
  connection.onFoldingRanges((p) => safe('folding ranges', [], () => {
    const doc = pressDoc(p.textDocument.uri);
    return doc ? service.foldingRanges(doc) : [];
  }));

  documents.listen(connection);
  connection.listen();
}
