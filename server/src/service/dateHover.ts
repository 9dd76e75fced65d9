/**
 * Hover on a date, time, duration or set annotation: the value in words, its TIMEX3 type and
 * attributes, how it relates to the publication date, and what the label reads as when that is
 * another value (or when the annotation has no value yet).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { Annotation, PressDocument } from './model';
import { describeTimex, validateTimexValue } from './dates/timex';
import { annotationType, isRelative, labelText, normalizeLabel, timexTypeOf } from './checks/dates';
import { publicationDate } from './checks/frontMatter';

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => '\\' + c);
}

function attrsOf(a: Annotation): { mod?: string; quant?: string; freq?: string } {
  const get = (k: string) => a.attributes.find((x) => x.key === k)?.value;
  return { mod: get('mod'), quant: get('quant'), freq: get('freq') };
}

/** The hover of a TIMEX3 annotation, or null when the annotation is of another type. */
export function dateHover(doc: PressDocument, a: Annotation, config: ProjectConfig): Hover | null {
  const type = timexTypeOf(a, config);
  if (!type) return null;
  const dct = publicationDate(doc);
  const { mod, quant, freq } = attrsOf(a);
  const label = labelText(a);
  const lines: string[] = [];
  const attrs = [mod && `mod ${code(mod)}`, quant && `quant ${code(quant)}`, freq && `freq ${code(freq)}`].filter(Boolean).join(' · ');
  lines.push(`**${type}** ${a.id ? code(a.id) : '(no value)'} — TIMEX3 ${type.toUpperCase()}${attrs ? ` · ${attrs}` : ''}`);

  let valid = false;
  if (a.id) {
    const r = validateTimexValue(type, a.id);
    valid = r.ok;
    if (r.ok) {
      const d = describeTimex(type, a.id, mod, dct, { quant, freq });
      lines.push('', `**${esc(d.words)}**${d.relation ? ` — ${esc(d.relation)}` : ''}`);
    } else {
      lines.push('', `Invalid value: ${esc(r.reason)}.`);
    }
  }
  if (label) lines.push('', `“${esc(label)}”`);

  const relativeWithoutDate = !dct && !!label && isRelative(label);
  const n = label && !relativeWithoutDate ? normalizeLabel(doc, a, dct) : undefined;
  if (n && (!a.id || !valid || n.value !== a.id)) {
    const t = annotationType(n);
    const d = describeTimex(t, n.value, n.mod, dct, { quant: n.quant, freq: n.freq });
    const extra = [n.mod && `mod=${n.mod}`, n.quant && `quant=${n.quant}`, n.freq && `freq=${n.freq}`].filter(Boolean).join(' ');
    const what = `${t === type ? '' : `${t.toUpperCase()} `}${code(n.value + (extra ? ' ' + extra : ''))} (${esc(d.text)})`;
    const verb = n.confident ? 'reads as' : 'may read as';
    const against = dct && !d.relation ? ` against the publication date ${dct}` : '';
    lines.push('', a.id ? `The label ${verb} ${what}${against}.` : `No value yet: the label ${verb} ${what}${against}.`);
  }
  if (relativeWithoutDate) {
    lines.push('', 'Relative to the publication date, which the front matter does not give (`date: YYYY-MM-DD`).');
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: doc.lines.range(a.span) };
}
