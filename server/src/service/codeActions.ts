/**
 * Quick-fixes. They are computed from the current parse, not from the (possibly stale)
 * diagnostics the client sends, and match problems by their code, never by message text.
 * Invariant: a fix edits markup only; the words of the text stay as they are.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { KnowledgeBase } from './kb/knowledgeBase';
import { collectProblems, toDiagnostic } from './diagnostics';
import type { Annotation, PressDocument } from './model';
import type { Problem } from './checks/check';
import type { Span } from './text';
import { severityOf, type SeveritySetting } from './rules';
import { quote } from './strings';
import { parse } from './parser';
import { plainText } from './plain';
import { describeReading, DATE_TYPES, suggestions, type Suggestion } from './mentions/suggestions';
import { addToKbEdit, annotateAllEdits, annotateEdits, trimEdits, type KbTarget, type NewEntity } from './assist/edits';
import { boundaryTrim } from './checks/boundaries';
import { readingOf } from './checks/consistency';
import { isValidId } from './ids';
import type { PipelineInputs, Rejection } from './mentions/candidate';
import { appendRejectionEdit } from './rejectFile';
import { slugOf } from './mentions/shape/orgs';

/** What the assisted-annotation fixes need from the workspace (the server's knowledge-base files). */
export interface AssistContext {
  /** The workspace's knowledge-base files, the one to receive new entries first. */
  kbTargets?: readonly KbTarget[];
  /** The workspace root, where `pressmark.kb.yaml` is created when no target can take an entry. */
  rootUri?: string;
  /**
   * The rejection file that applies to the document, where the reject fixes append: its URI (it
   * may not exist yet), its current text (the editor's buffer or the disk; undefined when there
   * is none), and the document's path as its `in:` entries name it (undefined: the document is
   * not under the rejection file's folder, so "Not an entity here" cannot name it).
   */
  reject?: { uri: string; text: string | undefined; path: string | undefined };
}

export interface FixContext {
  doc: PressDocument;
  uri: string;
  problem: Problem;
  diagnostic: Diagnostic;
  kb?: KnowledgeBase;
  assist?: AssistContext;
  /** The workspace's learned names and rejections, as the suggestions were made with them. */
  inputs?: PipelineInputs;
}

type Fixer = (ctx: FixContext) => CodeAction[];

function edit(doc: PressDocument, span: Span, newText: string): TextEdit {
  return { range: doc.lines.range(span), newText };
}

function action(ctx: FixContext, title: string, edits: TextEdit[], isPreferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [ctx.diagnostic],
    isPreferred,
    edit: { changes: { [ctx.uri]: edits } },
  };
}

function workspaceAction(ctx: FixContext, title: string, edit: WorkspaceEdit, isPreferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [ctx.diagnostic], isPreferred, edit };
}

function annotationWithSpan(doc: PressDocument, span: unknown): Annotation | undefined {
  const s = span as Span | undefined;
  if (!s || typeof s.start !== 'number') return undefined;
  return doc.all.find((a) => a.span.start === s.start && a.span.end === s.end);
}

/** Removes an annotation's markup and keeps its label as written (nested markup included). */
export function unwrapEdit(doc: PressDocument, a: Annotation): TextEdit {
  return edit(doc, a.span, doc.text.slice(a.labelSpan.start, a.labelSpan.end));
}

const removeAnnotation: Fixer = (ctx) => {
  const a = annotationWithSpan(ctx.doc, ctx.problem.data?.annotation);
  return a ? [action(ctx, 'Remove the annotation, keep its text', [unwrapEdit(ctx.doc, a)], true)] : [];
};

/** The fixers, by diagnostic code. A code without an evident repair has none. */
export const FIXERS: Readonly<Record<string, Fixer>> = {
  'syntax.unclosed-label': (ctx) => {
    const { insertAt, brace } = ctx.problem.data as { insertAt: number; brace: number };
    const spec = ctx.problem.span.end;
    const ws = ctx.doc.text.slice(insertAt, brace);
    // `[Kazakhstan {country:KZ}` → `[Kazakhstan]{country:KZ} `: the space moves out of the markup.
    const edits = ws ? [edit(ctx.doc, { start: insertAt, end: brace }, ']'), edit(ctx.doc, { start: spec, end: spec }, ws)] : [edit(ctx.doc, { start: brace, end: brace }, ']')];
    return [action(ctx, 'Close the label with `]`', edits, true)];
  },
  'syntax.unclosed-spec': (ctx) => {
    const at = (ctx.problem.data as { insertAt: number }).insertAt;
    return [action(ctx, 'Close the annotation with `}`', [edit(ctx.doc, { start: at, end: at }, '}')], true)];
  },
  'syntax.missing-type': removeAnnotation,
  'syntax.empty-label': (ctx) => {
    const a = annotationWithSpan(ctx.doc, ctx.problem.data?.annotation);
    return a ? [action(ctx, 'Remove the empty annotation', [unwrapEdit(ctx.doc, a)], true)] : [];
  },
  'syntax.unknown-type': (ctx) => {
    const suggestions = (ctx.problem.data?.suggestions as string[] | undefined) ?? [];
    return suggestions.map((s, i) =>
      action(ctx, `Change the type to ${quote(s)}`, [edit(ctx.doc, ctx.problem.span, s)], i === 0 && suggestions.length === 1),
    );
  },
  'syntax.duplicate-attribute': (ctx) => {
    const s = ctx.problem.data?.remove as Span;
    let start = s.start;
    while (start > 0 && /[ \t]/.test(ctx.doc.text[start - 1])) start--;
    return [action(ctx, 'Remove the repeated attribute', [edit(ctx.doc, { start, end: s.end }, '')], true)];
  },
  'entity.unknown-id': (ctx) => {
    const { ids, names } = ctx.problem.data as { ids: string[]; names: string[] };
    const out = ids.map((id, i) => action(ctx, `Change the id to ${quote(id)} (${names[i]})`, [edit(ctx.doc, ctx.problem.span, id)], i === 0 && ids.length === 1));
    return [...out, ...addToKnowledgeBase(ctx)];
  },
  'mention.unannotated': (ctx) => {
    const s = ctx.kb ? suggestions(ctx.doc, ctx.kb, ctx.inputs).find((m) => m.start === ctx.problem.span.start && m.end === ctx.problem.span.end) : undefined;
    if (!s || !ctx.kb) return [];
    const kb = ctx.kb;
    const entity = newEntityOf(s);
    if (entity) return [...acceptNewEntity(ctx, kb, s, entity), ...rejectActions(ctx, s)];
    const out = [action(ctx, `Annotate as ${describeReading(kb, s.type, s.id)}`, annotateEdits(ctx.doc, s, s.type, s.id), true)];
    const same = suggestions(ctx.doc, kb, ctx.inputs).filter((m) => m.type === s.type && m.id === s.id && (s.id !== '' || !newEntityOf(m)));
    if (same.length > 1) out.push(action(ctx, `Annotate all ${same.length} mentions as ${describeReading(kb, s.type, s.id)}`, annotateAllEdits(ctx.doc, same)));
    for (const alt of s.alternatives ?? []) out.push(action(ctx, `Annotate as ${describeReading(kb, alt.type, alt.id)}`, annotateEdits(ctx.doc, s, alt.type, alt.id)));
    out.push(...rejectActions(ctx, s));
    return out;
  },
  'annotation.boundary': (ctx) => {
    const a = annotationWithSpan(ctx.doc, ctx.problem.data?.annotation);
    const t = a && boundaryTrim(ctx.doc, a, ctx.kb);
    if (!a || !t) return [];
    const kept = ctx.doc.text.slice(t.lead.end, t.trail.start).replace(/\s+/g, ' ');
    return [action(ctx, `Trim the label to ${quote(kept)}`, trimEdits(ctx.doc, a, t), true)];
  },
  'annotation.inconsistent': (ctx) => {
    const a = annotationWithSpan(ctx.doc, ctx.problem.data?.annotation);
    const readings = (ctx.problem.data?.readings as string[] | undefined) ?? [];
    if (!a) return [];
    return readings
      .filter((r) => r.includes(':') && r !== readingOf(a))
      .map((r) => {
        const end = a.idSpan ? a.idSpan.end : a.typeSpan.end;
        return action(ctx, `Change to ${quote(r)}, as elsewhere in this document`, [edit(ctx.doc, { start: a.typeSpan.start, end }, r)]);
      });
  },
  'entity.wrong-type': (ctx) => {
    const types = (ctx.problem.data?.types as string[]) ?? [];
    return types.map((t) => action(ctx, `Change the type to ${quote(t)}`, [edit(ctx.doc, ctx.problem.span, t)], types.length === 1));
  },
  'entity.label-mismatch': (ctx) => {
    const { type, id, name } = ctx.problem.data as { type: string; id: string; name: string };
    const a = ctx.doc.all.find((x) => x.labelSpan.start === ctx.problem.span.start && x.labelSpan.end === ctx.problem.span.end);
    if (!a || !a.idSpan) return [];
    const edits = type === a.type ? [edit(ctx.doc, a.idSpan, id)] : [edit(ctx.doc, { start: a.typeSpan.start, end: a.idSpan.end }, `${type}:${id}`)];
    const what = type === a.type ? `the id to ${quote(id)}` : `the annotation to ${quote(`${type}:${id}`)}`;
    return [action(ctx, `Change ${what} (${name})`, edits, true)];
  },
  'date.invalid-value': (ctx) => {
    const { value, what } = (ctx.problem.data ?? {}) as { value?: string; what?: string };
    return value ? [action(ctx, `Change ${what ?? 'the value'} to ${quote(value)}`, [edit(ctx.doc, ctx.problem.span, value)], true)] : [];
  },
  'date.mod-case': (ctx) => FIXERS['date.invalid-value'](ctx),
  'date.type-mismatch': (ctx) => {
    const type = ctx.problem.data?.type as string;
    return [action(ctx, `Change the type to ${quote(type)}`, [edit(ctx.doc, ctx.problem.span, type)], true)];
  },
  'date.value-mismatch': (ctx) => {
    const value = ctx.problem.data?.value as string;
    return [action(ctx, `Change the value to ${quote(value)}`, [edit(ctx.doc, ctx.problem.span, value)], true)];
  },
  'date.no-publication-date': (ctx) => {
    const date = ctx.problem.data?.date as string | undefined;
    const e = addFrontMatterDate(ctx.doc, date ?? '');
    if (!e) return [];
    return [
      date
        ? action(ctx, `Add \`date: ${date}\` to the front matter`, [e], true)
        : action(ctx, 'Add `date:` to the front matter (then type the publication date)', [e], false),
    ];
  },
  'annotation.missing-id': (ctx) => {
    const a = annotationWithSpan(ctx.doc, ctx.problem.data?.annotation);
    return a ? missingIdFixes(ctx, a) : [];
  },
  'annotation.unexpected-id': (ctx) => {
    const s = ctx.problem.data?.remove as Span;
    return [action(ctx, 'Remove the id', [edit(ctx.doc, s, '')], true)];
  },
};

/** The entity a suggestion without an id would create (a name no knowledge base knows yet), when its id is usable. */
function newEntityOf(s: { id: string; entity?: NewEntity }): NewEntity | undefined {
  const e = s.entity;
  return s.id === '' && e && typeof e.id === 'string' && isValidId(e.id) && typeof e.name === 'string' && e.name.trim() ? e : undefined;
}

/**
 * The fixes of a new entity: "Annotate as new person xavier-bettel" wraps the words in
 * `{person:xavier-bettel}` and appends the entity to the workspace knowledge-base file in the
 * same edit (when an entity of that type and id exists, it only annotates: an entry is never
 * added twice); "Annotate all N mentions as new ..." does it for each mention of the same new
 * entity in the document; "Annotate as person (no id)" annotates the type alone.
 */
function acceptNewEntity(ctx: FixContext, kb: KnowledgeBase, s: Suggestion, e: NewEntity): CodeAction[] {
  const out: CodeAction[] = [];
  const same = suggestions(ctx.doc, kb, ctx.inputs).filter((m) => newEntityOf(m)?.id === e.id && m.type === s.type);
  const offer = (list: readonly Suggestion[], all: boolean): void => {
    const edits = annotateAllEdits(ctx.doc, list.map((m) => ({ start: m.start, end: m.end, type: e.type, id: e.id })));
    const many = all ? `all ${list.length} mentions ` : '';
    if (kb.get(e.type, e.id)) {
      out.push(action(ctx, `Annotate ${many}as ${describeReading(kb, e.type, e.id)}`, edits, !all));
      return;
    }
    const made = ctx.assist ? addToKbEdit(ctx.assist.kbTargets ?? [], ctx.assist.rootUri, e) : undefined;
    if (!made) return;
    const changes = [{ textDocument: { uri: ctx.uri, version: null }, edits }, ...(made.edit.documentChanges ?? [])];
    out.push(workspaceAction(ctx, `Annotate ${many}as new ${e.type} ${e.id}`, { documentChanges: changes }, !all));
  };
  offer([s], false);
  if (same.length > 1) offer(same, true);
  out.push(action(ctx, `Annotate as ${s.type} (no id)`, annotateEdits(ctx.doc, s, s.type, ''), out.length === 0));
  return out;
}

/** “Commonwealth” in a title: the words on one line, curly-quoted, shortened past 40 characters. */
function curly(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > 40 ? t.slice(0, 39) + '…' : t}”`;
}

/**
 * The reject fixes of a suggestion: "Not an entity here" (`{text, in: <this document>}`) and
 * "Never suggest “X” as type id" (`{text, as: type:id}`, or `as: type` for a new entity), each
 * one entry appended to the rejection file (created when missing). None when the file cannot take
 * an entry (it is not a block list: its own diagnostics say why).
 */
function rejectActions(ctx: FixContext, s: { text: string; type: string; id: string }): CodeAction[] {
  const target = ctx.assist?.reject;
  const text = s.text.replace(/\s+/g, ' ').trim();
  if (!target || !text) return [];
  const out: CodeAction[] = [];
  const add = (title: string, r: Rejection): void => {
    const te = appendRejectionEdit(target.text, r);
    if (!te) return;
    out.push(
      workspaceAction(ctx, title, {
        documentChanges: [
          { kind: 'create', uri: target.uri, options: { ignoreIfExists: true } },
          { textDocument: { uri: target.uri, version: null }, edits: [te] },
        ],
      }),
    );
  };
  if (target.path) add('Not an entity here', { text, in: target.path });
  const as = s.id ? `${s.type}:${s.id}` : s.type;
  add(`Never suggest ${curly(text)} as ${s.id ? `${s.type} ${s.id}` : s.type}`, { text, as });
  return out;
}

/** The edit that gives an annotation without an id the id `id`: `{org:}` or `{org}` → `{org:ID}`. */
function setIdEdit(doc: PressDocument, a: Annotation, id: string): TextEdit {
  return a.idSpan ? edit(doc, a.idSpan, id) : edit(doc, { start: a.typeSpan.end, end: a.typeSpan.end }, `:${id}`);
}

/**
 * `annotation.missing-id`: the ids the knowledge base knows for the label (preferred when there
 * is one), else what the label resembles; when none is named by the label and a workspace file
 * can take an entry, a new entity with the label's slug as its id, added in the same edit.
 */
function missingIdFixes(ctx: FixContext, a: Annotation): CodeAction[] {
  const kb = ctx.kb;
  const label = a.text.replace(/\s+/g, ' ').trim();
  if (!kb || !label) return [];
  const named = kb.lookupName(label, { type: a.type });
  const shown = named.length ? named.slice(0, 5) : kb.search(label, { type: a.type, limit: 3 }).map((h) => h.entity);
  const out = shown.map((e) => action(ctx, `Set the id to ${quote(e.id)} (${e.name})`, [setIdEdit(ctx.doc, a, e.id)], named.length === 1));
  if (named.length === 0 && ctx.assist && a.type !== 'country' && !DATE_TYPES.includes(a.type)) {
    const id = slugOf(label);
    if (isValidId(id) && !kb.get(a.type, id)) {
      const made = addToKbEdit(ctx.assist.kbTargets ?? [], ctx.assist.rootUri, { id, type: a.type, name: label });
      if (made) {
        const changes = [{ textDocument: { uri: ctx.uri, version: null }, edits: [setIdEdit(ctx.doc, a, id)] }, ...(made.edit.documentChanges ?? [])];
        out.push(workspaceAction(ctx, `Set the id to new ${a.type} ${quote(id)} (${label}), added to ${made.file}`, { documentChanges: changes }, shown.length === 0));
      }
    }
  }
  return out;
}

/** `entity.unknown-id` on a type a workspace file can define: add the id to a workspace knowledge-base file. */
function addToKnowledgeBase(ctx: FixContext): CodeAction[] {
  const a = ctx.doc.all.find((x) => x.idSpan && x.idSpan.start === ctx.problem.span.start && x.idSpan.end === ctx.problem.span.end);
  if (!a || !a.id || !ctx.assist || a.type === 'country' || DATE_TYPES.includes(a.type)) return [];
  if (!isValidId(a.id)) return [];
  const name = a.text.replace(/\s+/g, ' ').trim();
  if (!name) return [];
  const made = addToKbEdit(ctx.assist.kbTargets ?? [], ctx.assist.rootUri, { id: a.id, type: a.type, name });
  return made ? [workspaceAction(ctx, `Add ${a.type} ${quote(a.id)} (${name}) to ${made.file}`, made.edit)] : [];
}

/**
 * Removing an annotation (keeping its text) is offered on any annotation the range is in, innermost
 * first, as a `refactor.rewrite` action: when the user invokes code actions (Ctrl+.) or asks for
 * refactors, not in the automatic light-bulb computation.
 */
function removeActions(doc: PressDocument, uri: string, want: Span, taken: ReadonlySet<string>): CodeAction[] {
  const out: CodeAction[] = [];
  const around = doc.all.filter((a) => a.type && a.span.start <= want.start && want.end <= a.span.end).reverse();
  for (const a of around.slice(0, 3)) {
    const e = unwrapEdit(doc, a);
    if (taken.has(JSON.stringify(e))) continue;
    const label = a.text.replace(/\s+/g, ' ').trim();
    const spec = doc.text.slice(a.specSpan.start, a.specSpan.end);
    out.push({
      title: `Remove the annotation ${quote(label.length > 40 ? label.slice(0, 39) + '…' : label)} {${spec}}, keep its text`,
      kind: CodeActionKind.RefactorRewrite,
      isPreferred: false,
      edit: { changes: { [uri]: [e] } },
    });
  }
  return out;
}

/**
 * The edit that adds `date: value` as the first key of the front matter, creating the front
 * matter when the document has none. None for an unclosed front matter or one that is not a
 * block mapping (a line there would not be a key).
 */
export function addFrontMatterDate(doc: PressDocument, value: string): TextEdit | undefined {
  const eol = /\r\n/.test(doc.text) ? '\r\n' : /\r/.test(doc.text) ? '\r' : '\n';
  const line = `date: ${value}`;
  const fm = doc.frontMatter;
  if (!fm) return edit(doc, { start: doc.bodyStart, end: doc.bodyStart }, `---${eol}${line}${eol}---${eol}`);
  if (!fm.closed) return undefined;
  const content = doc.text.slice(fm.contentSpan.start, fm.contentSpan.end);
  if (content.trim() !== '' && (fm.entries.length === 0 || /^\s*\{/.test(content))) return undefined;
  return edit(doc, { start: fm.contentSpan.start, end: fm.contentSpan.start }, `${line}${eol}`);
}

/** Where a problem's fixes apply: its span, and the whole annotation it is about when it names one. */
function reachOf(problem: Problem): Span {
  const a = problem.data?.annotation as Span | undefined;
  if (!a || typeof a.start !== 'number' || typeof a.end !== 'number') return problem.span;
  return { start: Math.min(a.start, problem.span.start), end: Math.max(a.end, problem.span.end) };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The command of the client's "Annotate Selection as..." (client/src/annotateSelection.ts); arguments `[uri, range]`. */
export const ANNOTATE_SELECTION_COMMAND = 'pressmark.annotateSelection';

/**
 * "Annotate Selection as..." on any selection that holds words (the command says why when the
 * selection cannot be annotated), for clients that have the command.
 */
function selectionActions(doc: PressDocument, uri: string, range: Range, want: Span): CodeAction[] {
  if (want.start >= want.end || !/\S/.test(doc.text.slice(want.start, want.end))) return [];
  return [{ title: 'Annotate Selection as...', kind: CodeActionKind.RefactorRewrite, command: { title: 'Annotate Selection as...', command: ANNOTATE_SELECTION_COMMAND, arguments: [uri, range] } }];
}

/**
 * The quick-fixes of one problem, as codeActions offers them for it (a syntax repair that would
 * change other markup's words left out; a fixer that cannot build its edit offers nothing):
 * for `pressmark check --format sarif`, which writes them as SARIF `fixes`.
 */
export function fixesOf(doc: PressDocument, uri: string, problem: Problem, diagnostic: Diagnostic, kb?: KnowledgeBase, inputs?: PipelineInputs): CodeAction[] {
  const fixer = FIXERS[problem.code];
  if (!fixer) return [];
  try {
    const fixes = fixer({ doc, uri, problem, diagnostic, kb, inputs });
    return problem.code.startsWith('syntax.') ? fixes.filter((a) => keepsWords(doc, uri, a)) : fixes;
  } catch {
    return [];
  }
}

export function codeActions(
  doc: PressDocument,
  uri: string,
  range: Range,
  config: ProjectConfig,
  userRules?: Readonly<Record<string, SeveritySetting>>,
  only?: string[],
  kb?: KnowledgeBase,
  assist?: AssistContext,
  invoked = false,
  syntaxOnly = false,
  inputs?: PipelineInputs,
  annotateSelection = false,
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((k) => k === '' || k === kind || kind.startsWith(k + '.'));
  const want = doc.lines.span(range);
  const out: CodeAction[] = [];
  const refactors = (invoked || !!only?.some((k) => k.startsWith(CodeActionKind.Refactor))) && wants(CodeActionKind.RefactorRewrite);
  const selection = refactors && annotateSelection ? selectionActions(doc, uri, range, want) : [];
  if (!wants(CodeActionKind.QuickFix)) {
    return refactors ? [...removeActions(doc, uri, want, new Set()), ...selection] : [];
  }
  // Above the size limit, the parser's problems only: no check runs.
  // Which fixes hold the caret (or the selection): they come first, and only they may be preferred.
  const holding = new Set<CodeAction>();
  for (const problem of syntaxOnly ? doc.problems : collectProblems(doc, config, kb, inputs)) {
    const fixer = FIXERS[problem.code];
    const reach = reachOf(problem);
    if (!fixer || !overlaps(reach, want)) continue;
    const severity = severityOf(problem.code, config.rules, userRules);
    if (severity === 'off') continue;
    const diagnostic = toDiagnostic(problem, severity, doc.lines);
    try {
      const fixes = fixer({ doc, uri, problem, diagnostic, kb, assist, inputs });
      // A syntax repair next to other broken markup can change how that markup reads (a spec
      // left open swallowing the words after it): such a fix is not offered.
      const kept = problem.code.startsWith('syntax.') ? fixes.filter((a) => keepsWords(doc, uri, a)) : fixes;
      if (reach.start <= want.start && want.end <= reach.end) for (const a of kept) holding.add(a);
      out.push(...kept);
    } catch {
      // A fixer that cannot build its edit offers nothing; the other fixes stay.
    }
  }
  if (holding.size) {
    // A client lists the fixes of the whole range it asked about (VS Code: the line, or a
    // diagnostic's range, and a paragraph is one line): the caret's own come first, in their order.
    for (const a of out) if (!holding.has(a)) a.isPreferred = false;
    out.sort((x, y) => Number(holding.has(y)) - Number(holding.has(x)));
  }
  const taken = new Set<string>();
  for (const a of out) for (const e of Object.values(a.edit?.changes ?? {}).flat()) taken.add(JSON.stringify(e));
  try {
    if (refactors) out.push(...removeActions(doc, uri, want, taken), ...selection);
  } catch {
    // nothing to add
  }
  return out;
}

const SPEC_LIKE = /\{[A-Za-z][\w-]*(?::[^\s{}]*)?[^{}]*\}/g;

/** The words a reader reads: the plain text, without markup left over by broken annotations. */
function readerWords(text: string): string {
  return (plainText(parse(text)).text.replace(SPEC_LIKE, '').replace(/[[\]]/g, '').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Whether applying the action leaves the words of the document as they were. */
function keepsWords(doc: PressDocument, uri: string, action: CodeAction): boolean {
  const edits = [...(action.edit?.changes?.[uri] ?? [])]
    .map((e) => ({ start: doc.lines.offsetAt(e.range.start), end: doc.lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let after = doc.text;
  for (const e of edits) after = after.slice(0, e.start) + e.text + after.slice(e.end);
  return readerWords(after) === readerWords(doc.text);
}
