/**
 * Navigation over entities: what entity is at a position (in a .press document or a
 * knowledge-base file), where it is defined, where it is referenced, and the edits of a rename.
 * Pure: the caller hands in the workspace's documents and knowledge-base files.
 */
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Entity } from './kb/types';
import type { KbFile } from './kb/workspace';
import { yamlScalar } from './assist/edits';
import { idProblem } from './ids';
import type { Annotation, PressDocument } from './model';
import type { Span } from './text';

export interface EntityRef {
  type: string;
  id: string;
  /** Where the id is written at the position. */
  idSpan: Span;
}

/** A .press document of the workspace, parsed. */
export interface IndexedDocument {
  uri: string;
  doc: PressDocument;
}

export const BUILTIN_SCHEME = 'pressmark-kb';

/** The read-only location of a built-in entry: `pressmark-kb:/country/KZ.yaml`. */
export function builtinUri(e: Entity): string {
  return `${BUILTIN_SCHEME}:/${encodeURIComponent(e.type)}/${encodeURIComponent(e.id)}.yaml`;
}

export function parseBuiltinUri(uri: string): { type: string; id: string } | undefined {
  const m = /^pressmark-kb:\/([^/]+)\/(.+)\.yaml$/.exec(uri);
  return m ? { type: decodeURIComponent(m[1]), id: decodeURIComponent(m[2]) } : undefined;
}

function isEntityAnnotation(a: Annotation, config: ProjectConfig): boolean {
  const def = config.types.get(a.type);
  return !!def && !def.timex && !!a.id && !!a.idSpan;
}

/** The entity annotation whose label or id is at offset. */
export function entityRefInDocument(doc: PressDocument, offset: number, config: ProjectConfig): EntityRef | undefined {
  let best: Annotation | undefined;
  for (const a of doc.all) {
    if (a.span.start <= offset && offset <= a.span.end && isEntityAnnotation(a, config)) {
      if (!best || a.span.start >= best.span.start) best = a; // innermost
    }
  }
  return best ? { type: best.type, id: best.id!, idSpan: best.idSpan! } : undefined;
}

/** The entity id (definition or reference) at offset in a knowledge-base file. */
export function entityRefInKbFile(file: KbFile, offset: number): EntityRef | undefined {
  const i = file.idSpans.findIndex((s) => s.start <= offset && offset <= s.end);
  if (i >= 0) return { type: file.entities[i].type, id: file.entities[i].id, idSpan: file.idSpans[i] };
  const r = file.references.find((x) => x.span.start <= offset && offset <= x.span.end);
  return r ? { type: r.type, id: r.id, idSpan: r.span } : undefined;
}

export function definition(ref: EntityRef, kb: KnowledgeBase): Location | undefined {
  const e = kb.get(ref.type, ref.id);
  if (!e) return undefined;
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (e.source.kind === 'workspace') return { uri: e.source.uri, range: e.source.range ?? zero };
  return { uri: builtinUri(e), range: zero };
}

/** Every annotation of the entity in the documents, and its definition in a workspace file. */
export function references(ref: EntityRef, docs: Iterable<IndexedDocument>, kbFiles: readonly KbFile[], includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  for (const { uri, doc } of docs) {
    for (const a of doc.all) {
      if (a.type === ref.type && a.id === ref.id) out.push({ uri, range: doc.lines.range(a.span) });
    }
  }
  for (const f of kbFiles) {
    if (includeDeclaration) {
      f.entities.forEach((e, i) => {
        if (e.type === ref.type && e.id === ref.id) out.push({ uri: f.uri, range: f.lines.range(f.idSpans[i]) });
      });
    }
    for (const r of f.references) if (r.type === ref.type && r.id === ref.id) out.push({ uri: f.uri, range: f.lines.range(r.span) });
  }
  return out;
}

export class RenameError extends Error {}

/**
 * The edits that rename a workspace entity's id everywhere: its definition, references in
 * knowledge-base files, and every annotation. Built-in ids are not renamed: they are codes
 * (ISO, knowledge-base ids) that other tools share.
 */
export function renameEdits(ref: EntityRef, newId: string, kb: KnowledgeBase, docs: Iterable<IndexedDocument>, kbFiles: readonly KbFile[]): WorkspaceEdit {
  const e = kb.get(ref.type, ref.id);
  if (!e) throw new RenameError(`Unknown ${ref.type} id \`${ref.id}\`: nothing to rename.`);
  if (e.source.kind !== 'workspace') throw new RenameError(`\`${ref.id}\` is a built-in ${ref.type} id; only ids defined in workspace knowledge-base files can be renamed.`);
  const why = idProblem(newId);
  if (why) throw new RenameError(`\`${newId}\` is not a valid id. ${why}`);
  if (newId !== ref.id && kb.get(ref.type, newId)) throw new RenameError(`The ${ref.type} id \`${newId}\` already exists.`);
  const changes: Record<string, TextEdit[]> = {};
  const add = (uri: string, range: Range, newText: string) => (changes[uri] ??= []).push({ range, newText });
  for (const { uri, doc } of docs) {
    for (const a of doc.all) if (a.type === ref.type && a.id === ref.id && a.idSpan) add(uri, doc.lines.range(a.idSpan), newId);
  }
  // In YAML the id is a scalar node (quotes, or a block scalar's header and line break, included):
  // it becomes one that reads back as the new id.
  const scalar = yamlScalar(newId);
  const yamlEdit = (f: KbFile, span: Span) => add(f.uri, f.lines.range(span), scalar + /\s*$/.exec(f.text.slice(span.start, span.end))![0]);
  for (const f of kbFiles) {
    f.entities.forEach((x, i) => {
      if (x.type === ref.type && x.id === ref.id) yamlEdit(f, f.idSpans[i]);
    });
    for (const r of f.references) if (r.type === ref.type && r.id === ref.id) yamlEdit(f, r.span);
  }
  return { changes };
}

/** A read-only YAML view of a built-in entry, for "go to definition". */
export function builtinEntryText(e: Entity): string {
  const lines = [`# Built-in knowledge base entry (read-only): ${e.type} ${e.id}`, `id: ${JSON.stringify(e.id)}`, `type: ${e.type}`, `name: ${JSON.stringify(e.name)}`];
  if (e.officialName) lines.push(`officialName: ${JSON.stringify(e.officialName)}`);
  if (e.wikidata) lines.push(`wikidata: ${e.wikidata}`);
  const block = (key: string, value: unknown) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    lines.push(`${key}: ${JSON.stringify(value)}`);
  };
  block('names', e.names);
  block('aliases', e.aliases);
  block('acronyms', e.acronyms);
  block('formerNames', e.formerNames);
  block('facts', e.facts);
  return lines.join('\n') + '\n';
}
