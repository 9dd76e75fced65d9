/** Hover: the annotation under the cursor (innermost), or a front-matter key. */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import { annotationAt, type PressDocument } from './model';
import type { KnowledgeBase } from './kb/knowledgeBase';
import { entityCard } from './entityCard';
import { publicationDate } from './checks/frontMatter';
import { dateHover } from './dateHover';

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => '\\' + c);
}

export function hover(doc: PressDocument, offset: number, config: ProjectConfig, kb?: KnowledgeBase): Hover | null {
  const a = annotationAt(doc, offset);
  const entity = a && a.id && kb && !config.types.get(a.type)?.timex ? kb.get(a.type, a.id) : undefined;
  if (a && entity && kb) {
    const value = entityCard(entity, {
      kb,
      date: publicationDate(doc),
      documentCountries: doc.all.filter((x) => x.type === 'country' && x.id).map((x) => x.id!),
      displayUri: (uri) => uri.replace(/^.*\//, ''),
    });
    return { contents: { kind: MarkupKind.Markdown, value }, range: doc.lines.range(a.span) };
  }
  const timex = a ? dateHover(doc, a, config) : null;
  if (timex) return timex;
  if (a) {
    const def = config.types.get(a.type);
    const lines: string[] = [];
    const head = a.id ? `**${esc(a.type || '(no type)')}** \`${a.id.replace(/`/g, "'")}\`` : `**${esc(a.type || '(no type)')}**`;
    lines.push(head, '', `“${esc(a.text.replace(/\s+/g, ' ').trim())}”`);
    if (a.attributes.length) lines.push('', a.attributes.map((x) => `\`${x.key}\` = \`${x.value.replace(/`/g, "'")}\``).join(' · '));
    if (def) lines.push('', def.description || (def.builtin ? '' : 'Declared in `pressmark.yaml`.'));
    else if (a.type) lines.push('', `Unknown type: it is neither built in nor declared in \`pressmark.yaml\`.`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n').trim() }, range: doc.lines.range(a.span) };
  }
  const fm = doc.frontMatter;
  if (fm && offset >= fm.span.start && offset < fm.span.end) {
    const e = fm.entries.find((x) => offset >= x.keySpan.start && offset <= (x.valueSpan?.end ?? x.keySpan.end));
    const about = e && FRONT_MATTER_KEYS.find((k) => k.key === e.key);
    if (e && about) {
      return {
        contents: { kind: MarkupKind.Markdown, value: `**${about.key}**: ${about.doc}` },
        range: doc.lines.range({ start: e.keySpan.start, end: e.valueSpan?.end ?? e.keySpan.end }),
      };
    }
  }
  return null;
}

export const FRONT_MATTER_KEYS = [
  { key: 'date', doc: 'The publication date, `YYYY-MM-DD`: the anchor for relative dates such as “today”.' },
  { key: 'dateline', doc: 'The place the release was issued from, as in its dateline.' },
  { key: 'source', doc: 'The agency or issuer (Kazinform, Reuters, a ministry...).' },
  { key: 'title', doc: 'The headline.' },
  { key: 'language', doc: 'The language of the text, a tag such as `en`, `ru`, `kk`.' },
  { key: 'url', doc: 'Where the release was published.' },
  { key: 'id', doc: 'A stable identifier of the document in its corpus.' },
] as const;
