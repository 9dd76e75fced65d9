/**
 * The pure language service: every feature of Pressmark over plain text, with no transport.
 * The LSP server and the CLI are thin adapters over it. Ports (how to find the project
 * configuration of a document) are injected; nothing here touches the file system.
 */
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
  SemanticTokens,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { codeActions, type AssistContext } from './codeActions';
import { preannotate } from './assist/preannotate';
import { reviewEdit, reviewItems, type ReviewAction, type ReviewEdit, type ReviewItem } from './assist/review';
import { collectStatistics, statisticsMarkdown } from './assist/statistics';
import { suggestions, withProjectSettings } from './mentions/suggestions';
import { workspaceSymbols } from './assist/workspaceSymbols';
import type { IndexedDocument } from './navigation';
import { completion, kbFileCompletion, resolveCompletion } from './completion';
import { defaultConfig, parseSchema, type ProjectConfig } from './config';
import { collectProblems, computeDiagnostics, toDiagnostics, toDiagnosticsUpTo } from './diagnostics';
import { foldingRanges } from './folding';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { markupSpans, type MarkupSpans } from './markup';
import { kbSummary, type DocumentStatus } from './status';
import type { PressDocument } from './model';
import { parse } from './parser';
import type { SeveritySetting } from './rules';
import { semanticTokens } from './semanticTokens';
import { documentSymbols } from './symbols';
import { LineIndex } from './text';
import { KnowledgeBase } from './kb/knowledgeBase';
import { LruMap } from './lru';
import type { PipelineInputs } from './mentions/candidate';
import { annotateSelection, checkSelection, selectionChoices, selectionTypes, type AnnotateRequest, type SelectionCheck, type SelectionChoices, type SelectionType } from './annotateSelection';

/** The text of a document at a version, as LSP's TextDocument has it. */
export interface TextSource {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface LanguageServiceOptions {
  /** The project configuration that applies to a document (from its `pressmark.yaml`). */
  getConfig?(uri: string): ProjectConfig;
  /** The user's rule severities (the `pressmark.rules` setting) for a document. */
  getUserRules?(uri: string): Readonly<Record<string, SeveritySetting>> | undefined;
  /** The knowledge base that applies to a document (built-in plus its workspace files). */
  getKnowledgeBase?(uri: string): KnowledgeBase;
  /** The workspace's knowledge-base files and root, and the rejection file, for the fixes that write them. */
  getAssistContext?(uri: string): AssistContext | undefined;
  /**
   * What the suggestions of a document are made with besides the knowledge base: the
   * workspace's learned names, the rejections that apply to it, its path as they name it.
   */
  getPipelineInputs?(uri: string): PipelineInputs | undefined;
  /**
   * `pressmark.analysis.maxDocumentSize` for a document (UTF-16 units; none when undefined):
   * above it, every feature works on the syntax only (see `syntaxOnly`).
   */
  getMaxDocumentSize?(uri: string): number | undefined;
  /** Whether the client runs "Annotate Selection as..." (`pressmark.annotateSelection`), offered then as a code action. */
  clientAnnotatesSelection?(): boolean;
}

export interface PreannotateResult {
  /** One edit: every suggestion of the chosen types annotated. */
  edit: WorkspaceEdit;
  /** Annotations added, per type. */
  counts: Record<string, number>;
  /** Suggestions in the document per type, chosen or not. */
  available: Record<string, number>;
}

export interface LanguageService {
  parse(doc: TextSource): PressDocument;
  /**
   * Whether the document is above its size limit (`getMaxDocumentSize`). Its features then read
   * the syntax tree only, so that nothing runs the full analysis on it: diagnostics are the
   * parser's problems, quick-fixes those of syntax problems (and the remove-annotation refactor),
   * statistics count its annotations without suggestions; semantic tokens, inlay hints and
   * pre-annotation are empty; hover, completion, symbols and folding work as usual (they read the
   * tree and the knowledge base at one place).
   */
  syntaxOnly(doc: TextSource): boolean;
  /** All diagnostics; the parser's problems alone when `syntaxOnly` is asked or the document is above its size limit. */
  diagnostics(doc: TextSource, options?: { syntaxOnly?: boolean }): Diagnostic[];
  /** The first `max` diagnostics (as `diagnostics` orders them) and how many there are in all. */
  diagnosticsUpTo(doc: TextSource, max: number): { diagnostics: Diagnostic[]; total: number };
  hover(doc: TextSource, position: Position): Hover | null;
  completion(doc: TextSource, position: Position): CompletionList;
  /** Completion in a knowledge-base YAML file (types and ids). */
  kbFileCompletion(text: string, position: Position): CompletionList;
  /** Fills in an item's documentation (`uri` is the document the list was for). */
  resolveCompletion(item: CompletionItem, uri?: string): CompletionItem;
  /** Quick-fixes in a range; with `invoked` (the user asked: Ctrl+.), refactors too (remove an annotation). */
  codeActions(doc: TextSource, range: Range, only?: string[], invoked?: boolean): CodeAction[];
  /** Inlay hints in a range: resolved date values, relative dates in words, names after opaque entity ids (unless `entityNames` is false). */
  inlayHints(doc: TextSource, range: Range, options?: { entityNames?: boolean }): InlayHint[];
  /** The markup (`[`, `]{...}`) and the labels by type of the annotations meeting the ranges (all when omitted), from the syntax tree only: the client's decorations. */
  markup(doc: TextSource, ranges?: readonly Range[]): { markup: Range[]; labels: Array<{ type: string; range: Range }> };
  /** What the language status item shows: knowledge-base counts, suggestions left, syntax only. */
  status(doc: TextSource): DocumentStatus;
  semanticTokens(doc: TextSource): SemanticTokens;
  documentSymbols(doc: TextSource): DocumentSymbol[];
  foldingRanges(doc: TextSource): FoldingRange[];
  /** Diagnostics of a `pressmark.yaml` file itself. */
  schemaDiagnostics(text: string): Diagnostic[];
  /** Every suggestion of the chosen types (all when omitted) as one workspace edit. */
  preannotate(doc: TextSource, types?: readonly string[]): PreannotateResult;
  /** Review mode: the suggestions of the chosen types (all when omitted), in document order (empty above the size limit). */
  reviewItems(doc: TextSource, types?: readonly string[]): ReviewItem[];
  /** Review mode: the edit of one decision on the suggestion at exactly `range` (undefined when there is none there). */
  reviewEdit(doc: TextSource, range: Range, action: ReviewAction): ReviewEdit | undefined;
  /** Statistics of a document and of the workspace's documents, as Markdown. */
  statistics(doc: TextSource | undefined, workspace: Iterable<IndexedDocument>): string;
  /** Entities annotated in the given documents whose label or id matches the query. */
  workspaceSymbols(query: string, workspace: Iterable<IndexedDocument>): SymbolInformation[];
  /** "Annotate Selection as...": whether the range can be annotated (and why not), with the schema's types. */
  checkSelection(doc: TextSource, range: Range): SelectionCheck & { types?: SelectionType[] };
  /** The entities (knowledge-base search of `query`, the label's best matches first) or values the range may be annotated with. */
  selectionChoices(doc: TextSource, range: Range, type: string, query: string): SelectionChoices;
  /** The edit that annotates the range (and adds a new entity to the workspace knowledge base), or why it cannot. */
  annotateSelection(doc: TextSource, range: Range, req: AnnotateRequest): { edit: WorkspaceEdit } | { reason: string };
  /** Drops what is cached for a document (closed or deleted). */
  forget(uri: string): void;
}

const TOO_LARGE_FOR_SUGGESTIONS =
  'Unannotated mentions (suggestions) are not counted: the document is larger than `pressmark.analysis.maxDocumentSize`, so only its syntax is analysed.';

/**
 * Parsed documents kept (one per URI, the last text asked for): at most MAX_DOCUMENTS and about
 * DOCUMENT_BYTES of trees, least recently used dropped first (a dropped one is parsed again).
 */
const MAX_DOCUMENTS = 256;
const DOCUMENT_BYTES = 256 * 2 ** 20;

/** Approximate bytes of a parsed document: its text, its annotations, its line index, its problems. */
function documentBytes(doc: PressDocument): number {
  return 2 * doc.text.length + 600 * doc.all.length + 300 * doc.problems.length + 8 * doc.lines.lineCount;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new LruMap<string, { text: string; doc: PressDocument }>(MAX_DOCUMENTS, DOCUMENT_BYTES);
  const fallback = defaultConfig();
  const configOf = (uri: string): ProjectConfig => options.getConfig?.(uri) ?? fallback;
  const rulesOf = (uri: string) => options.getUserRules?.(uri);
  const emptyKb = new KnowledgeBase([]);
  const kbOf = (uri: string): KnowledgeBase => options.getKnowledgeBase?.(uri) ?? emptyKb;
  // with the project's mention settings (pressmark.yaml `mentions`), the same for every feature
  const inputsOf = (uri: string): PipelineInputs | undefined => withProjectSettings(options.getPipelineInputs?.(uri), configOf(uri));
  const syntaxOnly = (src: TextSource): boolean => src.getText().length > (options.getMaxDocumentSize?.(src.uri) ?? Infinity);

  /**
   * Parse once per text; every feature shares the tree. Kept by text, not by version: a URI
   * opened again with the same version number but another text is parsed again. The same
   * version's text is the same string (TextDocument), so the comparison is then one pointer.
   */
  function parsed(src: TextSource): PressDocument {
    const text = src.getText();
    const hit = cache.get(src.uri);
    if (hit && hit.text === text) return hit.doc;
    const doc = parse(text);
    cache.set(src.uri, { text, doc }, documentBytes(doc));
    return doc;
  }

  return Object.freeze({
    parse: parsed,
    syntaxOnly,
    diagnostics: (src: TextSource, options?: { syntaxOnly?: boolean }) =>
      options?.syntaxOnly || syntaxOnly(src)
        ? toDiagnostics(parsed(src).problems, parsed(src).lines, configOf(src.uri), rulesOf(src.uri))
        : computeDiagnostics(parsed(src), configOf(src.uri), rulesOf(src.uri), kbOf(src.uri), inputsOf(src.uri)),
    diagnosticsUpTo: (src: TextSource, max: number) => {
      const doc = parsed(src);
      const problems = syntaxOnly(src) ? doc.problems : collectProblems(doc, configOf(src.uri), kbOf(src.uri), inputsOf(src.uri));
      return toDiagnosticsUpTo(problems, doc.lines, configOf(src.uri), rulesOf(src.uri), max);
    },
    hover: (src: TextSource, position: Position) => {
      const doc = parsed(src);
      return hover(doc, doc.lines.offsetAt(position), configOf(src.uri), kbOf(src.uri));
    },
    completion: (src: TextSource, position: Position) => {
      const doc = parsed(src);
      return completion(doc, doc.lines.offsetAt(position), configOf(src.uri), kbOf(src.uri));
    },
    kbFileCompletion: (text: string, position: Position) => kbFileCompletion(text, new LineIndex(text).offsetAt(position), fallback, options.getKnowledgeBase?.('')),
    resolveCompletion: (item: CompletionItem, uri?: string) => resolveCompletion(item, uri ? kbOf(uri) : options.getKnowledgeBase?.('')),
    codeActions: (src: TextSource, range: Range, only?: string[], invoked?: boolean) =>
      codeActions(parsed(src), src.uri, range, configOf(src.uri), rulesOf(src.uri), only, kbOf(src.uri), options.getAssistContext?.(src.uri), invoked, syntaxOnly(src), inputsOf(src.uri), options.clientAnnotatesSelection?.() ?? false),
    preannotate: (src: TextSource, types?: readonly string[]) => {
      if (syntaxOnly(src)) return { edit: { changes: { [src.uri]: [] } }, counts: {}, available: {} };
      const r = preannotate(parsed(src), kbOf(src.uri), configOf(src.uri), types, inputsOf(src.uri));
      return { edit: { changes: { [src.uri]: r.edits } }, counts: r.counts, available: r.available };
    },
    reviewItems: (src: TextSource, types?: readonly string[]) => (syntaxOnly(src) ? [] : reviewItems(parsed(src), kbOf(src.uri), configOf(src.uri), types, inputsOf(src.uri))),
    reviewEdit: (src: TextSource, range: Range, action: ReviewAction) => {
      if (syntaxOnly(src)) return undefined;
      const doc = parsed(src);
      return reviewEdit(doc, src.uri, kbOf(src.uri), configOf(src.uri), doc.lines.span(range), action, options.getAssistContext?.(src.uri), inputsOf(src.uri));
    },
    statistics: (src: TextSource | undefined, workspace: Iterable<IndexedDocument>) => {
      const parts = ['# Annotation statistics', ''];
      if (src) {
        const doc = parsed(src);
        const kb = kbOf(src.uri);
        const title = `This document (${src.uri.replace(/^.*\//, '')})`;
        if (syntaxOnly(src)) {
          parts.push(statisticsMarkdown(title, collectStatistics([doc]), kb), TOO_LARGE_FOR_SUGGESTIONS, '');
        } else {
          const unannotated: Record<string, number> = {};
          for (const s of suggestions(doc, kb, inputsOf(src.uri))) unannotated[s.type] = (unannotated[s.type] ?? 0) + 1;
          parts.push(statisticsMarkdown(title, collectStatistics([doc]), kb, { unannotated }));
        }
      }
      const list = [...workspace];
      if (list.length) parts.push(statisticsMarkdown('Workspace', collectStatistics(list.map((d) => d.doc)), options.getKnowledgeBase?.(list[0].uri), { top: 25 }));
      return parts.join('\n');
    },
    workspaceSymbols: (query: string, workspace: Iterable<IndexedDocument>) => workspaceSymbols(query, workspace),
    inlayHints: (src: TextSource, range: Range, hintOptions?: { entityNames?: boolean }) => {
      if (syntaxOnly(src)) return [];
      const doc = parsed(src);
      return inlayHints(doc, doc.lines.span(range), configOf(src.uri), { kb: kbOf(src.uri), entityNames: hintOptions?.entityNames });
    },
    markup: (src: TextSource, ranges?: readonly Range[]) => {
      const doc = parsed(src);
      const m: MarkupSpans = markupSpans(doc, ranges?.map((r) => doc.lines.span(r)));
      return { markup: m.markup.map((s) => doc.lines.range(s)), labels: m.labels.map((l) => ({ type: l.type, range: doc.lines.range(l.span) })) };
    },
    status: (src: TextSource): DocumentStatus => {
      const tooLarge = syntaxOnly(src);
      const byType: Record<string, number> = {};
      let count: number | undefined;
      if (!tooLarge) {
        count = 0;
        for (const s of suggestions(parsed(src), kbOf(src.uri), inputsOf(src.uri))) {
          byType[s.type] = (byType[s.type] ?? 0) + 1;
          count++;
        }
      }
      return { kb: kbSummary(kbOf(src.uri)), suggestions: count, suggestionsByType: byType, syntaxOnly: tooLarge, characters: src.getText().length, maxDocumentSize: options.getMaxDocumentSize?.(src.uri) };
    },
    semanticTokens: (src: TextSource) => (syntaxOnly(src) ? { data: [] } : semanticTokens(parsed(src))),
    documentSymbols: (src: TextSource) => documentSymbols(parsed(src)),
    foldingRanges: (src: TextSource) => foldingRanges(parsed(src)),
    schemaDiagnostics: (text: string) => {
      const { config, problems } = parseSchema(text);
      return toDiagnostics(problems, new LineIndex(text), config);
    },
    checkSelection: (src: TextSource, range: Range) => {
      const doc = parsed(src);
      const r = checkSelection(doc, doc.lines.span(range));
      return r.ok ? { ...r, types: selectionTypes(configOf(src.uri)) } : r;
    },
    selectionChoices: (src: TextSource, range: Range, type: string, query: string) => {
      const doc = parsed(src);
      return selectionChoices(doc, doc.lines.span(range), type, query, configOf(src.uri), kbOf(src.uri));
    },
    annotateSelection: (src: TextSource, range: Range, req: AnnotateRequest) => {
      const doc = parsed(src);
      return annotateSelection(doc, src.uri, doc.lines.span(range), req, configOf(src.uri), kbOf(src.uri), options.getAssistContext?.(src.uri));
    },
    forget: (uri: string) => void cache.delete(uri),
  });
}
