/**
 * Completion: annotation types after `]{`, knowledge-base ids after `]{type:` (ranked by how
 * well they match the label), TIMEX3 values after `]{date:` (the label's normalized value
 * first), front-matter keys at the start of a front-matter line.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { Annotation } from './model';
import { describeTimex, validateTimexValue, type TimexType } from './dates/timex';
import { annotationType, isRelative, labelText, normalizeLabel } from './checks/dates';
import { publicationDate } from './checks/frontMatter';
import type { ProjectConfig } from './config';
import { FRONT_MATTER_KEYS } from './hover';
import type { PressDocument } from './model';
import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Entity } from './kb/types';
import { entityCard } from './entityCard';
import { LineIndex } from './text';

const TYPE_SLOT_RE = /\]\{([A-Za-z0-9_-]*)$/;
/** The characters that accept a type item and are then typed after it (see `completion`). */
const TYPE_COMMIT_CHARACTERS = [':', '}'];
const ID_SLOT_RE = /\]\{([A-Za-z][A-Za-z0-9_-]*):([^\s{}]*)$/;
/** More candidates than this and the list is cut, marked incomplete so the client asks again. */
const MAX_ID_ITEMS = 60;

/** Entities for the id slot, best first: those the label names, then by the typed prefix or the label. */
export function rankIds(kb: KnowledgeBase, type: string, label: string, typed: string): Entity[] {
  const out: Entity[] = [];
  const seen = new Set<string>();
  const push = (e: Entity) => {
    if (!seen.has(e.id)) {
      seen.add(e.id);
      out.push(e);
    }
  };
  const named = label ? kb.lookupName(label, { type }) : [];
  if (typed) {
    const upper = typed.toUpperCase();
    for (const e of named) if (e.id.toUpperCase().startsWith(upper)) push(e);
    for (const h of kb.search(typed, { type, limit: MAX_ID_ITEMS })) push(h.entity);
  } else {
    for (const e of named) push(e);
    // A label that names nothing known: what it resembles (prefixes, misspellings).
    if (label && named.length === 0) for (const h of kb.search(label, { type, limit: MAX_ID_ITEMS })) push(h.entity);
    if (out.length < MAX_ID_ITEMS) for (const h of kb.search('', { type, limit: MAX_ID_ITEMS })) push(h.entity);
  }
  return out.slice(0, MAX_ID_ITEMS);
}
const FM_KEY_RE = /^([A-Za-z_]*)$/;

/** Fallback values per TIMEX3 type, after the label's own value (`{dct}` is the publication date). */
const TIMEX_ALTERNATIVES: Record<TimexType, Array<{ value: string; attrs?: Record<string, string> }>> = {
  date: [{ value: '{dct}' }, { value: '{month}' }, { value: '{year}' }, { value: 'PRESENT_REF' }, { value: 'PAST_REF' }, { value: 'FUTURE_REF' }],
  time: [{ value: 'PRESENT_REF' }],
  duration: [{ value: 'PXY' }, { value: 'PXM' }, { value: 'PXW' }, { value: 'PXD' }],
  set: ['P1D', 'P1W', 'P1M', 'P1Y'].map((value) => ({ value, attrs: { quant: 'EVERY' } })),
};

/**
 * Values for the id slot of a TIMEX3 annotation: what the label normalizes to (preselected; with
 * its `mod`/`quant`/`freq`, and the type changed when the label is of another TIMEX3 type), then
 * the publication date and other sensible values of the type.
 */
function timexItems(doc: PressDocument, ann: Annotation | undefined, type: TimexType, range: Range): CompletionItem[] {
  const dct = publicationDate(doc);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const has = (k: string) => !!ann?.attributes.some((x) => x.key === k);
  const attrText = (attrs: Record<string, string | undefined>) =>
    Object.entries(attrs)
      .filter(([k, v]) => v && !has(k))
      .map(([k, v]) => ` ${k}=${v}`)
      .join('');
  const push = (t: TimexType, value: string, attrs: Record<string, string | undefined>, note: string, extra: Partial<CompletionItem> = {}) => {
    if (seen.has(value) || !validateTimexValue(t, value).ok) return;
    seen.add(value);
    const d = describeTimex(t, value, attrs.mod, dct, { quant: attrs.quant, freq: attrs.freq });
    items.push({
      label: value,
      kind: CompletionItemKind.Value,
      detail: `${d.text}${note ? ` (${note})` : ''}`,
      labelDetails: { description: note || d.words },
      sortText: String(items.length).padStart(4, '0'),
      filterText: value,
      textEdit: { range, newText: value + attrText(attrs) },
      ...extra,
    });
  };
  const label = ann ? labelText(ann) : '';
  if (ann && label && (dct || !isRelative(label))) {
    const n = normalizeLabel(doc, ann, dct);
    if (n) {
      const t = annotationType(n);
      const retype: TextEdit[] = t === type ? [] : [{ range: doc.lines.range(ann.typeSpan), newText: t }];
      const note = `${t === type ? '' : `a ${t}; `}${n.confident ? 'the label' : 'the label, a guess'}`;
      push(t, n.value, { mod: n.mod, quant: n.quant, freq: n.freq }, note, { preselect: true, additionalTextEdits: retype.length ? retype : undefined });
    }
  }
  for (const alt of TIMEX_ALTERNATIVES[type]) {
    if (/\{/.test(alt.value) && !dct) continue;
    const value = alt.value.replace('{dct}', dct ?? '').replace('{month}', dct?.slice(0, 7) ?? '').replace('{year}', dct?.slice(0, 4) ?? '');
    push(type, value, alt.attrs ?? {}, '');
  }
  return items;
}

export function completion(doc: PressDocument, offset: number, config: ProjectConfig, kb?: KnowledgeBase): CompletionList {
  const lines = doc.lines;
  const pos = lines.positionAt(offset);
  const linePrefix = doc.text.slice(lines.lineStart(pos.line), offset);
  const items: CompletionItem[] = [];

  const fm = doc.frontMatter;
  if (fm && offset >= fm.contentSpan.start && offset <= fm.contentSpan.end) {
    const m = FM_KEY_RE.exec(linePrefix);
    if (m) {
      const present = new Set(fm.entries.map((e) => e.key));
      const range = lines.range({ start: offset - m[1].length, end: offset });
      for (const k of FRONT_MATTER_KEYS) {
        if (present.has(k.key)) continue;
        items.push({
          label: k.key,
          kind: CompletionItemKind.Property,
          documentation: { kind: 'markdown', value: k.doc },
          textEdit: { range, newText: `${k.key}: ` },
        });
      }
    }
    return { isIncomplete: false, items };
  }

  const idm = ID_SLOT_RE.exec(linePrefix);
  const def = idm ? config.types.get(idm[1]) : undefined;
  if (idm && def && !def.timex && kb && offset >= doc.bodyStart) {
    const typed = idm[2];
    const idStart = offset - typed.length;
    // Replace the whole id under the cursor, not only what is before it.
    let idEnd = offset;
    while (idEnd < doc.text.length && !/[\s{}]/.test(doc.text[idEnd])) idEnd++;
    const closeBracket = idStart - idm[1].length - 3; // `]` `{` type `:`
    const ann = doc.all.find((a) => a.close === closeBracket);
    const label = ann ? ann.text.replace(/\s+/g, ' ').trim() : '';
    const range = lines.range({ start: idStart, end: idEnd });
    const ranked = rankIds(kb, def.name, label, typed);
    ranked.forEach((e, i) => {
      items.push({
        label: e.id,
        kind: CompletionItemKind.Value,
        detail: e.name,
        labelDetails: { description: e.name },
        data: { entity: { type: e.type, id: e.id } }, // the card comes with completionItem/resolve
        sortText: String(i).padStart(4, '0'),
        filterText: `${typed}${e.id}`,
        textEdit: { range, newText: e.id },
        preselect: i === 0,
      });
    });
    return { isIncomplete: ranked.length >= MAX_ID_ITEMS || typed.length === 0, items };
  }

  if (idm && def && def.timex && offset >= doc.bodyStart) {
    const typed = idm[2];
    const idStart = offset - typed.length;
    let idEnd = offset;
    while (idEnd < doc.text.length && !/[\s{}]/.test(doc.text[idEnd])) idEnd++;
    const closeBracket = idStart - idm[1].length - 3;
    const ann = doc.all.find((a) => a.close === closeBracket);
    const type = (['date', 'time', 'duration', 'set'] as const).find((t) => t === def.name);
    if (!type) return { isIncomplete: false, items };
    return { isIncomplete: false, items: timexItems(doc, ann, type, lines.range({ start: idStart, end: idEnd })) };
  }

  const m = TYPE_SLOT_RE.exec(linePrefix);
  if (m && offset >= doc.bodyStart) {
    // The item replaces the whole type under the cursor (`{o|rg:KZ}` → `{org:KZ}`) and inserts
    // the type name only. A client types a commit character *after* the accepted item, so an item
    // that ended in `:` became `org::` when the user typed the colon (issue 14); `:` (an id
    // follows) and `}` (the annotation ends) commit the item and then stand after it, once. Enter or Tab inserts the name alone, and the colon typed
    // next asks for the ids (a trigger character).
    let typeEnd = offset;
    while (typeEnd < doc.text.length && /[A-Za-z0-9_-]/.test(doc.text[typeEnd])) typeEnd++;
    const range = lines.range({ start: offset - m[1].length, end: typeEnd });
    let rank = 0;
    for (const t of config.types.values()) {
      items.push({
        label: t.name,
        kind: t.timex ? CompletionItemKind.Constant : CompletionItemKind.Class,
        detail: t.builtin ? (t.timex ? 'TIMEX3 type' : 'entity type') : 'type from pressmark.yaml',
        documentation: { kind: 'markdown', value: t.description },
        sortText: String(rank++).padStart(3, '0'),
        textEdit: { range, newText: t.name },
        commitCharacters: TYPE_COMMIT_CHARACTERS,
      });
    }
  }
  return { isIncomplete: false, items };
}

/** Adds the documentation (the entity's card) to an id item the client wants to show. */
export function resolveCompletion(item: CompletionItem, kb: KnowledgeBase | undefined): CompletionItem {
  const ref = (item.data as { entity?: { type: string; id: string } } | undefined)?.entity;
  const e = ref && kb ? kb.get(ref.type, ref.id) : undefined;
  if (e && kb) item.documentation = { kind: MarkupKind.Markdown, value: entityCard(e, { kb }) };
  return item;
}

const KB_REF_KEYS: Record<string, string> = { org: 'org', country: 'country', place: 'place', hq: 'country', parent: 'org', capitalPlace: 'place' };
const KB_VALUE_RE = /(?:^|[\s{,])(type|org|country|place|hq|parent|capitalPlace):[ \t]*([^\s,{}]*)$/;

/** Completion in a knowledge-base file: entity types after `type:`, ids after `org:`, `country:`... */
export function kbFileCompletion(text: string, offset: number, config: ProjectConfig, kb: KnowledgeBase | undefined): CompletionList {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const m = KB_VALUE_RE.exec(text.slice(lineStart, offset));
  const items: CompletionItem[] = [];
  if (!m) return { isIncomplete: false, items };
  const typed = m[2];
  const lines = new LineIndex(text);
  const range = lines.range({ start: offset - typed.length, end: offset });
  if (m[1] === 'type') {
    for (const t of config.types.values()) {
      if (!t.timex) items.push({ label: t.name, kind: CompletionItemKind.Class, documentation: t.description, textEdit: { range, newText: t.name } });
    }
    return { isIncomplete: false, items };
  }
  if (!kb) return { isIncomplete: false, items };
  const ranked = rankIds(kb, KB_REF_KEYS[m[1]], '', typed);
  ranked.forEach((e, i) =>
    items.push({
      label: e.id,
      kind: CompletionItemKind.Value,
      detail: e.name,
      labelDetails: { description: e.name },
      sortText: String(i).padStart(4, '0'),
      filterText: `${typed}${e.id}`,
      textEdit: { range, newText: e.id },
      data: { entity: { type: e.type, id: e.id } },
    }),
  );
  return { isIncomplete: true, items };
}
