/**
 * Inlay hints after date annotations:
 * - an annotation with no value (`[Today]{date}`, `{date:}`) gets the value its label resolves
 *   to: `→ 2022-06-29` (`?` after a guess);
 * - a relative expression with a value (`[last Friday]{date:2022-06-24}`) gets the value in
 *   words: `= Friday, 24 June 2022`, so a reader sees which day it is without counting.
 * And after an entity annotation whose id does not read as the entity's name
 * (`[the Austrian capital]{place:G2761369}` `Vienna`): see `entityNameHint`.
 * Only annotations in the requested range are read (the labels, never the whole text).
 */
import type { InlayHint } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { Annotation, PressDocument } from './model';
import type { Span } from './text';
import { describeTimex, validateTimexValue } from './dates/timex';
import { annotationType, isRelative, labelText, normalizeLabel, timexTypeOf } from './checks/dates';
import { publicationDate } from './checks/frontMatter';
import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Entity } from './kb/types';
import { foldName } from './kb/normalize';

export interface InlayHintOptions {
  /** The knowledge base the entity names come from (none: no entity hints). */
  kb?: KnowledgeBase;
  /** Names after opaque entity ids (default on; `pressmark.inlayHints.entityNames`). */
  entityNames?: boolean;
}

/** Letters and digits, lower case, of a string: what an id and a name are compared on. */
function letters(s: string): string {
  return foldName(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether `id` (folded) is spelled by the letters `n` of a name in order, from its first letter: `KZ` in Kazakhstan, `MFA-KZ` in Ministry of Foreign Affairs of Kazakhstan. */
function spells(id: string, n: string): boolean {
  if (!id || !n || n[0] !== id[0]) return false;
  let i = 0;
  for (let j = 0; j < n.length && i < id.length; j++) if (n[j] === id[i]) i++;
  return i === id.length;
}

/** Folded names, computed once per entity (a knowledge base's entities do not change). */
const folded = new WeakMap<Entity, string[]>();

/** Every name of an entity a reader may know it by (its name, names per language, acronyms, aliases, former names), as `letters`. */
function namesOf(e: Entity): string[] {
  let list = folded.get(e);
  if (!list) {
    const out = [e.name, ...(e.aliases ?? [])];
    for (const l of Object.values(e.names ?? {})) out.push(...l);
    for (const l of Object.values(e.acronyms ?? {})) out.push(...l);
    for (const f of e.formerNames ?? []) if (f && typeof f.name === 'string') out.push(f.name);
    list = [...new Set(out.filter((x): x is string => typeof x === 'string').map(letters))].filter(Boolean);
    folded.set(e, list);
  }
  return list;
}

/**
 * The entity's name after its id, when the markup does not already say it. The rule: no hint
 * when the id reads as one of the entity's names (its letters and digits, case and punctuation
 * ignored, appear in that order in the name from its first letter: `KZ`, `LU`, `OSCE-PA`,
 * `xavier-bettel`, `MFA-KZ`), nor when the label is the name (`[Vienna]{place:G2761369}`: the
 * reader reads it there, and a label that names another entity is a diagnostic of its own).
 * Otherwise (`G2761369`, `US-GA`, an id with digits) the name at the publication date.
 */
export function entityNameHint(a: Annotation, kb: KnowledgeBase, dct: string | undefined): { label: string; tooltip: string } | undefined {
  if (!a.id || !a.idSpan) return undefined;
  const e = kb.get(a.type, a.id);
  if (!e || typeof e.name !== 'string') return undefined;
  const names = namesOf(e);
  const id = letters(a.id);
  if (names.some((n) => spells(id, n))) return undefined;
  const label = letters(a.text);
  const name = (dct && kb.nameValidAt(e, dct)?.name) || e.name;
  if (label && (label === letters(name) || names.includes(label))) return undefined;
  return {
    label: name,
    tooltip: `${a.type}:${a.id} is ${name}${name !== e.name ? ` (now ${e.name})` : ''} in the knowledge base.`,
  };
}

export function inlayHints(doc: PressDocument, span: Span, config: ProjectConfig, options: InlayHintOptions = {}): InlayHint[] {
  const out: InlayHint[] = [];
  const dct = publicationDate(doc);
  const kb = options.entityNames === false ? undefined : options.kb;
  for (const a of doc.all) {
    if (a.span.end < span.start || a.span.start > span.end) continue;
    if (kb && !timexTypeOf(a, config)) {
      const h = entityNameHint(a, kb, dct);
      if (h) out.push({ position: doc.lines.positionAt(a.span.end), label: h.label, paddingLeft: true, tooltip: h.tooltip });
      continue;
    }
    const type = timexTypeOf(a, config);
    const label = type ? labelText(a) : '';
    if (!type || !label) continue;
    const position = doc.lines.positionAt(a.span.end);
    if (!a.id) {
      if (!dct && isRelative(label)) continue; // nothing to resolve it against
      const n = normalizeLabel(doc, a, dct);
      if (!n) continue;
      const t = annotationType(n);
      const extra = [n.mod && `mod=${n.mod}`, n.quant && `quant=${n.quant}`, n.freq && `freq=${n.freq}`].filter(Boolean).join(' ');
      const d = describeTimex(t, n.value, n.mod, dct, { quant: n.quant, freq: n.freq });
      out.push({
        position,
        label: `→ ${t === type ? '' : t + ':'}${n.value}${extra ? ' ' + extra : ''}${n.confident ? '' : '?'}`,
        paddingLeft: true,
        tooltip: `${n.confident ? 'The label resolves to' : 'A guess: the label may resolve to'} ${d.text}.`,
      });
    } else if (validateTimexValue(type, a.id).ok && isRelative(label)) {
      const attr = (k: string) => a.attributes.find((x) => x.key === k)?.value;
      const d = describeTimex(type, a.id, attr('mod'), dct, { quant: attr('quant'), freq: attr('freq') });
      if (d.words !== a.id) out.push({ position, label: `= ${d.words}`, paddingLeft: true, tooltip: d.text });
    }
  }
  return out;
}
