/**
 * "Annotate Selection as...": the pure side. Whether a selection can become an annotation (it
 * must not cross an annotation's edge, the front matter or a paragraph break), what it may be
 * annotated as (the schema's types; per type, the knowledge base's best matches of the label,
 * a new entity, or the value the dates engine reads in it), and the edit: `[` before the
 * selection, `]{type:id}` after it. The words are never changed: the edit inserts markup only,
 * and the result is parsed again to make sure it reads as exactly one more annotation.
 */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Annotation, PressDocument } from './model';
import { MAX_NESTING } from './parser';
import { PARAGRAPH_OFFSET, paragraphs, parseParagraph } from './paragraphs';
import { plainText } from './plain';
import type { Span } from './text';
import { quote } from './strings';
import { rankIds } from './completion';
import { annotationType, labelContext, normalizeCached } from './checks/dates';
import { publicationDate } from './checks/frontMatter';
import { describeTimex, validateTimexValue, type TimexType } from './dates/timex';
import { isValidId, idProblem } from './ids';
import { slugOf } from './mentions/shape/orgs';
import { addToKbEdit, type NewEntity } from './assist/edits';
import type { AssistContext } from './codeActions';

/** A selection that can be annotated: its span (whitespace at the edges left out) and its words. */
export interface SelectionOk {
  ok: true;
  span: Span;
  /** The label as a reader reads it (markup of annotations inside it removed), on one line. */
  label: string;
  /** The annotation whose label holds the selection (the new one nests inside it). */
  parent?: { type: string; id?: string; label: string };
}
export type SelectionCheck = SelectionOk | { ok: false; reason: string };

const MAX_LABEL_SHOWN = 40;

function shown(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_LABEL_SHOWN ? t.slice(0, MAX_LABEL_SHOWN - 1) + '…' : t;
}

function describe(doc: PressDocument, a: Annotation): string {
  return `\`[${shown(a.text)}]{${shown(doc.text.slice(a.specSpan.start, a.specSpan.end))}}\``;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** `[`, then `]` and the spec after the words: the edit of an annotation over `span`. */
export function annotateSpanEdits(doc: PressDocument, span: Span, spec: string): TextEdit[] {
  const at = (o: number) => {
    const p = doc.lines.positionAt(o);
    return { start: p, end: p };
  };
  return [
    { range: at(span.start), newText: '[' },
    { range: at(span.end), newText: `]{${spec}}` },
  ];
}

/** The spec of an annotation: `type`, `type:id`, then ` key=value` attributes. */
export function specText(type: string, id: string | undefined, attributes?: Readonly<Record<string, string | undefined>>): string {
  const attrs = Object.entries(attributes ?? {})
    .filter(([k, v]) => /^[A-Za-z][\w-]*$/.test(k) && typeof v === 'string' && /^[^\s{}"=\\]+$/.test(v))
    .map(([k, v]) => ` ${k}=${v}`)
    .join('');
  return `${type}${id ? `:${id}` : ''}${attrs}`;
}

/**
 * Whether `selection` (UTF-16 offsets) can be annotated, and why not. Whitespace at its edges is
 * left out. Refused: an empty selection, one in the front matter, one across a blank line, one
 * whose edge is inside an escape or a character's surrogate pair, one that crosses the edge of an
 * annotation or lies in its markup, one that would nest deeper than the parser allows. A selection
 * inside one annotation's label nests in it; one that holds whole annotations wraps them.
 */
export function checkSelection(doc: PressDocument, selection: Span): SelectionCheck {
  const text = doc.text;
  let start = Math.max(0, Math.min(selection.start, selection.end, text.length));
  let end = Math.min(text.length, Math.max(selection.start, selection.end));
  if (start === end) return { ok: false, reason: 'Select the words to annotate first.' };
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (start === end) return { ok: false, reason: 'The selection holds no words, only spaces.' };
  if (start < doc.bodyStart) {
    return {
      ok: false,
      reason: doc.frontMatter
        ? 'The selection is in the front matter (between the `---` lines): only the text below it can be annotated.'
        : 'The selection starts before the text.',
    };
  }
  if (/\n[ \t]*\r?\n|\r[ \t]*\r/.test(text.slice(start, end))) {
    return { ok: false, reason: 'The selection spans a blank line: an annotation stays within one paragraph.' };
  }
  for (const edge of [start, end]) {
    if (edge > 0 && edge < text.length && isLow(text.charCodeAt(edge)) && isHigh(text.charCodeAt(edge - 1))) {
      return { ok: false, reason: 'An edge of the selection splits a character in two.' };
    }
  }
  for (const e of doc.escapes) {
    if ((e.start < start && start < e.end) || (e.start < end && end < e.end)) {
      return { ok: false, reason: `An edge of the selection is inside the escape \`${text.slice(e.start, e.end)}\`.` };
    }
  }
  let parent: Annotation | undefined;
  for (const a of doc.all) {
    if (a.span.end <= start || end <= a.span.start) continue; // apart
    if (start <= a.span.start && a.span.end <= end) continue; // wrapped whole
    if (a.labelSpan.start <= start && end <= a.labelSpan.end) {
      if (!parent || a.depth > parent.depth) parent = a; // inside its label: nests
      continue;
    }
    const inMarkup = (start >= a.close || end <= a.labelSpan.start) && start >= a.span.start && end <= a.span.end;
    return {
      ok: false,
      reason: inMarkup
        ? `The selection is in the markup of the annotation ${describe(doc, a)}: select words of the text.`
        : `The selection crosses the edge of the annotation ${describe(doc, a)}: select all of it, or only words inside its label.`,
    };
  }
  const wrapped = doc.all.filter((a) => start <= a.span.start && a.span.end <= end);
  const deepest = Math.max(parent ? parent.depth + 1 : 0, ...wrapped.map((a) => a.depth + 1));
  if (deepest >= MAX_NESTING) {
    return { ok: false, reason: `Annotations nest at most ${MAX_NESTING} deep.` };
  }
  // The proof: the text with the markup added reads as the same words with one more annotation there.
  const probe = verify(doc, { start, end }, 'x');
  if (!probe) return { ok: false, reason: 'The selection holds markup that does not open and close within it (a lone `[`, `]`, `{` or `}`).' };
  return {
    ok: true,
    span: { start, end },
    label: probe.text.replace(/\s+/g, ' ').trim(),
    parent: parent ? { type: parent.type, id: parent.id, label: parent.text.replace(/\s+/g, ' ').trim() } : undefined,
  };
}

/**
 * The new annotation, when the text with `[`…`]{spec}` added parses into the same annotations plus
 * it, and the same words. Only the paragraph of the selection is parsed (before and after), as a
 * paragraph parses alone exactly as in its document; the whole body when no paragraph holds it.
 */
function verify(doc: PressDocument, span: Span, spec: string): Annotation | undefined {
  const para = paragraphs(doc).find((p) => p.start <= span.start && span.end <= p.end) ?? { start: doc.bodyStart, end: doc.text.length };
  const text = doc.text.slice(para.start, para.end);
  const from = span.start - para.start;
  const to = span.end - para.start;
  const close = `]{${spec}}`;
  const before = parseParagraph(text);
  const next = parseParagraph(text.slice(0, from) + '[' + text.slice(from, to) + close + text.slice(to));
  if (next.all.length !== before.all.length + 1 || next.problems.length > before.problems.length) return undefined;
  const open = from + PARAGRAPH_OFFSET;
  const added = next.all.find((a) => a.open === open);
  if (!added || added.close !== open + 1 + (to - from) || added.span.end !== added.close + close.length) return undefined;
  return plainText(next).text === plainText(before).text ? added : undefined;
}

/** A type the selection may be annotated as (the schema's, in its order). */
export interface SelectionType {
  name: string;
  description: string;
  id: 'required' | 'optional' | 'none';
  timex: boolean;
}

export function selectionTypes(config: ProjectConfig): SelectionType[] {
  return [...config.types.values()].map((t) => ({ name: t.name, description: t.description, id: t.id, timex: t.timex }));
}

/** One entity or value the selection may be annotated with. */
export interface SelectionChoice {
  /** The type the annotation gets (a date label may read as a duration). */
  type: string;
  /** The id or TIMEX3 value. */
  id: string;
  /** The entity's name, or the value in words. */
  name: string;
  description?: string;
  attributes?: Record<string, string>;
}

export interface SelectionChoices {
  choices: SelectionChoice[];
  /** The new entity "New entity…" would add (id proposed from the label), for types a workspace file can define. */
  newEntity?: NewEntity;
  /** Whether the annotation may go without an id (`{place}`). */
  idOptional: boolean;
  /** Whether the knowledge base knows the label as a name of this type (else the new entity is the likely choice). */
  labelNamed?: boolean;
}

/** Knowledge-base choices shown at a time. */
const MAX_CHOICES = 40;

/**
 * What the selection may be annotated with, for a type: knowledge-base entities ranked as the
 * id completion ranks them (those the label names first, then what `query` or the label
 * resembles), or for a TIMEX3 type the value the dates engine reads in the label (in its
 * context, against the publication date), then the publication date.
 */
export function selectionChoices(doc: PressDocument, span: Span, typeName: string, query: string, config: ProjectConfig, kb: KnowledgeBase): SelectionChoices {
  const def = config.types.get(typeName);
  const checked = checkSelection(doc, span);
  if (!def || !checked.ok) return { choices: [], idOptional: false };
  const label = checked.label;
  const idOptional = def.id !== 'required';
  if (def.id === 'none') return { choices: [], idOptional: true };
  if (def.timex) return { choices: timexChoices(doc, checked.span, def.name as TimexType, label), idOptional };
  const choices = rankIds(kb, def.name, label, query.trim())
    .slice(0, MAX_CHOICES)
    .map((e) => {
      const also = [...new Set([...Object.values(e.acronyms ?? {}).flat(), ...e.aliases])].filter((x) => x !== e.name).slice(0, 3);
      return { type: e.type, id: e.id, name: e.name, description: also.length ? also.join(', ') : undefined };
    });
  const id = slugOf(label);
  const canDefine = def.name !== 'country' && isValidId(id) && label !== '';
  const newEntity = canDefine && !kb.get(def.name, id) ? { type: def.name, id, name: label } : undefined;
  return { choices, newEntity, idOptional, labelNamed: label !== '' && kb.lookupName(label, { type: def.name }).length > 0 };
}

function timexChoices(doc: PressDocument, span: Span, type: TimexType, label: string): SelectionChoice[] {
  const dct = publicationDate(doc);
  const out: SelectionChoice[] = [];
  const push = (t: TimexType, value: string, attrs: Record<string, string | undefined>, note: string) => {
    if (out.some((c) => c.id === value && c.type === t) || !validateTimexValue(t, value).ok) return;
    const d = describeTimex(t, value, attrs.mod, dct, { quant: attrs.quant, freq: attrs.freq });
    const attributes = Object.fromEntries(Object.entries(attrs).filter((x): x is [string, string] => typeof x[1] === 'string' && x[1] !== ''));
    out.push({ type: t, id: value, name: d.text, description: note, attributes: Object.keys(attributes).length ? attributes : undefined });
  };
  if (label) {
    // labelContext reads only the label's and the annotation's spans: those the annotation would have.
    const n = normalizeCached(label, dct, () => labelContext(doc, { labelSpan: span, span } as Annotation));
    if (n) {
      const t = annotationType(n);
      push(t, n.value, { mod: n.mod, quant: n.quant, freq: n.freq }, `${t === type ? '' : `a ${t}; `}${n.confident ? 'read in the label' : 'read in the label, a guess'}`);
    }
  }
  if (type === 'date' && dct) push('date', dct, {}, 'the publication date');
  return out;
}

export interface AnnotateRequest {
  type: string;
  /** The id or value ('' or absent: none). */
  id?: string;
  attributes?: Record<string, string>;
  /** Add the entity `{type, id, name}` to the workspace knowledge base (when it is not there yet). */
  newEntity?: { name: string };
}

/**
 * The workspace edit that annotates the selection, or why it cannot: the selection checked again
 * against the current text, the type against the schema, the id against the id syntax (or the
 * TIMEX3 value syntax); a new entity is appended to the first workspace knowledge-base file that
 * can take it (or `pressmark.kb.yaml` at the root, created), in the same edit.
 */
export function annotateSelection(
  doc: PressDocument,
  uri: string,
  selection: Span,
  req: AnnotateRequest,
  config: ProjectConfig,
  kb: KnowledgeBase,
  assist?: AssistContext,
): { edit: WorkspaceEdit } | { reason: string } {
  const checked = checkSelection(doc, selection);
  if (!checked.ok) return { reason: checked.reason };
  const def = config.types.get(req.type);
  if (!def) return { reason: `${quote(req.type)} is not a type of this document's schema.` };
  const id = (req.id ?? '').trim();
  if (def.id === 'none' && id) return { reason: `A ${def.name} annotation takes no id.` };
  if (def.id === 'required' && !id) return { reason: `A ${def.name} annotation needs an id.` };
  if (id && def.timex) {
    const v = validateTimexValue(def.name as TimexType, id);
    if (!v.ok) return { reason: `${quote(id)} is not a TIMEX3 ${def.name} value.` };
  } else if (id && !isValidId(id)) {
    return { reason: `${quote(id)} is not a valid id: ${idProblem(id) ?? 'see docs/format.md'}.` };
  }
  const spec = specText(def.name, id || undefined, def.timex ? req.attributes : undefined);
  if (!verify(doc, checked.span, spec)) return { reason: 'The annotation would not read back as written; nothing was changed.' };
  const edits = annotateSpanEdits(doc, checked.span, spec);
  if (!req.newEntity || !id || def.timex || kb.get(def.name, id)) return { edit: { documentChanges: [{ textDocument: { uri, version: null }, edits }] } };
  if (def.name === 'country') return { reason: 'Countries come from the built-in knowledge base (ISO 3166-1 codes); pick one of them.' };
  const name = req.newEntity.name.replace(/\s+/g, ' ').trim() || checked.label;
  const made = addToKbEdit(assist?.kbTargets ?? [], assist?.rootUri, { type: def.name, id, name });
  if (!made) return { reason: 'No workspace knowledge-base file can take the new entity (open a folder, or repair the file pressmark.yaml lists).' };
  return { edit: { documentChanges: [{ textDocument: { uri, version: null }, edits }, ...(made.edit.documentChanges ?? [])] } };
}
