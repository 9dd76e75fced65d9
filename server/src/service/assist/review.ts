/**
 * Review mode (the editor's "Review Suggestions", one key per suggestion): the document's
 * suggestions in document order, as the `mention.unannotated` diagnostics report them, and the
 * edit of one decision on one of them: accept (the preferred quick-fix), reject ("Not an entity
 * here", else "Never suggest ... as ..."), accept all like this (the same words, type and id
 * everywhere in the document). The edits are the quick-fixes' own (codeActions.ts FIXERS), so a
 * key in review mode does exactly what the matching Ctrl+. item does. Pure; never throws.
 *
 * The list carries no edits: building every accept and reject edit up front would read the
 * rejection file (and for new entities the knowledge-base file) once per suggestion; a decision
 * asks for the one edit it applies.
 */
import type { CodeAction, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { PressDocument } from '../model';
import type { ProjectConfig } from '../config';
import type { Span } from '../text';
import type { PipelineInputs } from '../mentions/candidate';
import { describeReading, suggestions, type Suggestion } from '../mentions/suggestions';
import { FIXERS, type AssistContext } from '../codeActions';
import { toDiagnostic } from '../diagnostics';

/** One suggestion as review mode shows it. */
export interface ReviewItem {
  /** The words, in UTF-16 positions. */
  range: Range;
  /** The words as a reader reads them. */
  text: string;
  type: string;
  /** The id; '' for a new entity (then `entity`) or a type alone. */
  id: string;
  /** What accepting makes of it, in words: `country LU (Luxembourg)`, `new person xavier-bettel`. */
  label: string;
  /** Why it is suggested (the recognizer's reason). */
  reason: string;
  recognizer: string;
  /** For a new entity: the entity accepting adds to the workspace knowledge base. */
  entity?: { id: string; type: string; name: string };
  /** How many suggestions of the document are like this one (itself included): what "accept all like this" annotates. */
  like: number;
}

export type ReviewAction = 'accept' | 'reject' | 'acceptLike';

export interface ReviewEdit {
  /** The quick-fix's title ("Annotate as country LU (Luxembourg)", "Not an entity here"). */
  title: string;
  edit: WorkspaceEdit;
  /** Suggestions the edit decides (more than 1 for "accept all like this"). */
  count: number;
}

/** The key "accept all like this" matches on: the words (spaces normalised), the type, the id (or the new entity's id). */
export function likeKey(s: Pick<Suggestion, 'text' | 'type' | 'id' | 'entity'>): string {
  return [s.text.replace(/\s+/g, ' ').trim(), s.type, s.id || (s.entity?.id ? `new:${s.entity.id}` : '')].join('\u0000');
}

/** The suggestions review mode walks: those of the project's types (of `types` when given), in document order. */
export function reviewSuggestions(doc: PressDocument, kb: KnowledgeBase, config: ProjectConfig, types?: readonly string[], inputs?: PipelineInputs): Suggestion[] {
  const want = types ? new Set(types) : undefined;
  return suggestions(doc, kb, inputs).filter((s) => config.types.has(s.type) && (!want || want.has(s.type)));
}

/** The review items of a document (see reviewSuggestions). */
export function reviewItems(doc: PressDocument, kb: KnowledgeBase, config: ProjectConfig, types?: readonly string[], inputs?: PipelineInputs): ReviewItem[] {
  const list = reviewSuggestions(doc, kb, config, types, inputs);
  const likes = new Map<string, number>();
  for (const s of list) likes.set(likeKey(s), (likes.get(likeKey(s)) ?? 0) + 1);
  return list.map((s) => {
    const item: ReviewItem = {
      range: doc.lines.range(s),
      text: s.text,
      type: s.type,
      id: s.id,
      label: !s.id && s.entity ? `new ${s.type} ${s.entity.id}` : describeReading(kb, s.type, s.id),
      reason: s.reason,
      recognizer: s.recognizer,
      like: likes.get(likeKey(s)) ?? 1,
    };
    if (!s.id && s.entity) item.entity = { id: s.entity.id, type: s.entity.type, name: s.entity.name };
    return item;
  });
}

/** The quick-fixes of the suggestion at exactly `span` (none when there is no such suggestion). */
function fixesOf(doc: PressDocument, uri: string, kb: KnowledgeBase, s: Suggestion, assist: AssistContext | undefined, inputs: PipelineInputs | undefined): CodeAction[] {
  const problem = { code: 'mention.unannotated', span: { start: s.start, end: s.end }, message: '' };
  try {
    return FIXERS['mention.unannotated']({ doc, uri, problem, diagnostic: toDiagnostic(problem, 'information', doc.lines), kb, assist, inputs });
  } catch {
    return [];
  }
}

/** The edits of `edit` to the document `uri` (in `changes` or `documentChanges`). */
function documentEdits(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.changes?.[uri]) return edit.changes[uri];
  for (const c of edit.documentChanges ?? []) if ('textDocument' in c && c.textDocument.uri === uri) return c.edits as TextEdit[];
  return [];
}

/** `edit` with the edits to the document `uri` replaced by `edits` (the other files' changes kept). */
function withDocumentEdits(edit: WorkspaceEdit, uri: string, edits: TextEdit[]): WorkspaceEdit {
  if (edit.changes?.[uri]) return { ...edit, changes: { ...edit.changes, [uri]: edits } };
  return { ...edit, documentChanges: (edit.documentChanges ?? []).map((c) => ('textDocument' in c && c.textDocument.uri === uri ? { ...c, edits } : c)) };
}

/**
 * The edit of one decision on the suggestion whose words are exactly `span`; undefined when there
 * is none there (the document changed) or the decision cannot be made (no rejection file can take
 * an entry: its own diagnostics say why).
 */
export function reviewEdit(
  doc: PressDocument,
  uri: string,
  kb: KnowledgeBase,
  config: ProjectConfig,
  span: Span,
  action: ReviewAction,
  assist?: AssistContext,
  inputs?: PipelineInputs,
): ReviewEdit | undefined {
  const list = reviewSuggestions(doc, kb, config, undefined, inputs);
  const s = list.find((m) => m.start === span.start && m.end === span.end);
  if (!s) return undefined;
  const fixes = fixesOf(doc, uri, kb, s, assist, inputs);
  if (action === 'reject') {
    const r = fixes.find((a) => a.title === 'Not an entity here') ?? fixes.find((a) => a.title.startsWith('Never suggest '));
    return r?.edit ? { title: r.title, edit: r.edit, count: 1 } : undefined;
  }
  const accept = fixes.find((a) => a.isPreferred && a.edit);
  if (!accept?.edit) return undefined;
  if (action === 'accept') return { title: accept.title, edit: accept.edit, count: 1 };
  // All like this: the accepting fix's markup around every suggestion with the same words, type and id.
  const own = documentEdits(accept.edit, uri);
  const open = own.find((e) => doc.lines.offsetAt(e.range.start) === s.start);
  const close = own.find((e) => doc.lines.offsetAt(e.range.start) === s.end && e !== open);
  if (own.length !== 2 || !open || !close) return { title: accept.title, edit: accept.edit, count: 1 };
  const key = likeKey(s);
  const same = list.filter((m) => likeKey(m) === key);
  const edits: TextEdit[] = [];
  for (const m of same) {
    const a = doc.lines.positionAt(m.start);
    const b = doc.lines.positionAt(m.end);
    edits.push({ range: { start: a, end: a }, newText: open.newText }, { range: { start: b, end: b }, newText: close.newText });
  }
  return { title: `${accept.title} (${same.length} like this)`, edit: withDocumentEdits(accept.edit, uri, edits), count: same.length };
}
