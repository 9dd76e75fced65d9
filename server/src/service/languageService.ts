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
} from 'vscode-languageserver-types';
import { codeActions } from './codeActions';
import { completion, kbFileCompletion, resolveCompletion } from './completion';
import { defaultConfig, parseSchema, type ProjectConfig } from './config';
import { computeDiagnostics, toDiagnostics } from './diagnostics';
import { foldingRanges } from './folding';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import type { PressDocument } from './model';
import { parse } from './parser';
import type { SeveritySetting } from './rules';
import { semanticTokens } from './semanticTokens';
import { documentSymbols } from './symbols';
import { LineIndex } from './text';
import { KnowledgeBase } from './kb/knowledgeBase';

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
}

export interface LanguageService {
  parse(doc: TextSource): PressDocument;
  /** All diagnostics; with `syntaxOnly`, the parser's problems and front matter checks alone (large documents). */
  diagnostics(doc: TextSource, options?: { syntaxOnly?: boolean }): Diagnostic[];
  hover(doc: TextSource, position: Position): Hover | null;
  completion(doc: TextSource, position: Position): CompletionList;
  /** Completion in a knowledge-base YAML file (types and ids). */
  kbFileCompletion(text: string, position: Position): CompletionList;
  /** Fills in an item's documentation (`uri` is the document the list was for). */
  resolveCompletion(item: CompletionItem, uri?: string): CompletionItem;
  codeActions(doc: TextSource, range: Range, only?: string[]): CodeAction[];
  /** Inlay hints in a range: resolved date values and relative dates in words. */
  inlayHints(doc: TextSource, range: Range): InlayHint[];
  semanticTokens(doc: TextSource): SemanticTokens;
  documentSymbols(doc: TextSource): DocumentSymbol[];
  foldingRanges(doc: TextSource): FoldingRange[];
  /** Diagnostics of a `pressmark.yaml` file itself. */
  schemaDiagnostics(text: string): Diagnostic[];
  /** Drops what is cached for a document (closed or deleted). */
  forget(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new Map<string, { version: number; text: string; doc: PressDocument }>();
  const fallback = defaultConfig();
  const configOf = (uri: string): ProjectConfig => options.getConfig?.(uri) ?? fallback;
  const rulesOf = (uri: string) => options.getUserRules?.(uri);
  const emptyKb = new KnowledgeBase([]);
  const kbOf = (uri: string): KnowledgeBase => options.getKnowledgeBase?.(uri) ?? emptyKb;

  /** Parse once per version; every feature shares the tree. */
  function parsed(src: TextSource): PressDocument {
    const hit = cache.get(src.uri);
    if (hit && hit.version === src.version) return hit.doc;
    const text = src.getText();
    if (hit && hit.text === text) {
      hit.version = src.version;
      return hit.doc;
    }
    const doc = parse(text);
    cache.set(src.uri, { version: src.version, text, doc });
    return doc;
  }

  return Object.freeze({
    parse: parsed,
    diagnostics: (src: TextSource, options?: { syntaxOnly?: boolean }) =>
      options?.syntaxOnly
        ? toDiagnostics(parsed(src).problems, parsed(src).lines, configOf(src.uri), rulesOf(src.uri))
        : computeDiagnostics(parsed(src), configOf(src.uri), rulesOf(src.uri), kbOf(src.uri)),
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
    codeActions: (src: TextSource, range: Range, only?: string[]) =>
      codeActions(parsed(src), src.uri, range, configOf(src.uri), rulesOf(src.uri), only, kbOf(src.uri)),
    inlayHints: (src: TextSource, range: Range) => {
      const doc = parsed(src);
      return inlayHints(doc, doc.lines.span(range), configOf(src.uri));
    },
    semanticTokens: (src: TextSource) => semanticTokens(parsed(src)),
    documentSymbols: (src: TextSource) => documentSymbols(parsed(src)),
    foldingRanges: (src: TextSource) => foldingRanges(parsed(src)),
    schemaDiagnostics: (text: string) => {
      const { config, problems } = parseSchema(text);
      return toDiagnostics(problems, new LineIndex(text), config);
    },
    forget: (uri: string) => void cache.delete(uri),
  });
}
