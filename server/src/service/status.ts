/**
 * What the editor's language status item shows about a document: the knowledge base it is
 * checked against (entities per type, how many from the workspace's files), the suggestions
 * left in it, and whether it is read for its syntax only (above its size limit).
 */
import type { KnowledgeBase } from './kb/knowledgeBase';

export interface KbSummary {
  /** Entities per type (`country`, `org`, `place`, `person`, schema types), built-in and workspace. */
  byType: Record<string, number>;
  /** Entities from the workspace's `*.kb.yaml` files. */
  workspace: number;
  total: number;
}

export interface DocumentStatus {
  kb: KbSummary;
  /** Unannotated mentions the document still has; undefined when it is read for its syntax only. */
  suggestions: number | undefined;
  /** Suggestions per type (none when syntax only). */
  suggestionsByType: Record<string, number>;
  /** Above `pressmark.analysis.maxDocumentSize`: syntax only. */
  syntaxOnly: boolean;
  /** The document's length (UTF-16 units) and its limit (undefined: none). */
  characters: number;
  maxDocumentSize: number | undefined;
}

/** Counted once per knowledge base (a knowledge base is rebuilt, never changed, when its files change). */
const summaries = new WeakMap<KnowledgeBase, KbSummary>();

export function kbSummary(kb: KnowledgeBase): KbSummary {
  let s = summaries.get(kb);
  if (!s) {
    const c = kb.counts();
    s = { byType: { ...c.byType }, workspace: c.bySource.workspace ?? 0, total: c.total };
    summaries.set(kb, s);
  }
  return s;
}
