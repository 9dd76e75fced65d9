/**
 * Annotation statistics: annotations per type and the most annotated entities, for a document
 * and for the workspace, as Markdown tables a person reads at a glance. Pure.
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { PressDocument } from '../model';
import { DATE_TYPES } from '../mentions/suggestions';

export interface EntityCount {
  type: string;
  id: string;
  /** The label written most often. */
  label: string;
  count: number;
  /** In how many documents. */
  documents: number;
}

export interface Statistics {
  documents: number;
  annotations: number;
  byType: Record<string, number>;
  entities: EntityCount[];
}

interface Acc {
  documents: number;
  annotations: number;
  byType: Map<string, number>;
  entities: Map<string, { type: string; id: string; labels: Map<string, number>; count: number; docs: Set<number> }>;
}

export function collectStatistics(docs: Iterable<PressDocument>): Statistics {
  const acc: Acc = { documents: 0, annotations: 0, byType: new Map(), entities: new Map() };
  for (const doc of docs) {
    const n = acc.documents++;
    for (const a of doc.all) {
      if (!a.type) continue;
      acc.annotations++;
      acc.byType.set(a.type, (acc.byType.get(a.type) ?? 0) + 1);
      if (DATE_TYPES.includes(a.type) || !a.id) continue;
      const key = `${a.type}:${a.id}`;
      let e = acc.entities.get(key);
      if (!e) acc.entities.set(key, (e = { type: a.type, id: a.id, labels: new Map(), count: 0, docs: new Set() }));
      e.count++;
      e.docs.add(n);
      const label = a.text.replace(/\s+/g, ' ').trim();
      e.labels.set(label, (e.labels.get(label) ?? 0) + 1);
    }
  }
  const entities = [...acc.entities.values()]
    .map((e) => ({ type: e.type, id: e.id, label: [...e.labels].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? '', count: e.count, documents: e.docs.size }))
    .sort((x, y) => y.count - x.count || y.documents - x.documents || x.type.localeCompare(y.type) || x.id.localeCompare(y.id));
  const byType: Record<string, number> = {};
  for (const [t, c] of [...acc.byType].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))) byType[t] = c;
  return { documents: acc.documents, annotations: acc.annotations, byType, entities };
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function pct(n: number, total: number): string {
  return total ? `${Math.round((100 * n) / total)} %` : '';
}

/** One statistics block as Markdown: a table per type (with unannotated suggestions when given) and the top entities. */
export function statisticsMarkdown(
  title: string,
  s: Statistics,
  kb?: KnowledgeBase,
  options: { top?: number; unannotated?: Record<string, number> } = {},
): string {
  const top = options.top ?? 15;
  const out: string[] = [`## ${title}`, ''];
  const docs = s.documents === 1 ? '' : `${s.documents.toLocaleString('en')} documents, `;
  out.push(`${docs}${s.annotations.toLocaleString('en')} annotations, ${s.entities.length.toLocaleString('en')} distinct entities.`, '');
  const types = new Set([...Object.keys(s.byType), ...Object.keys(options.unannotated ?? {})]);
  if (types.size) {
    const withSugg = !!options.unannotated;
    out.push(withSugg ? '| type | annotations | share | not annotated yet |' : '| type | annotations | share |', withSugg ? '|---|---:|---:|---:|' : '|---|---:|---:|');
    for (const t of types) {
      const n = s.byType[t] ?? 0;
      out.push(`| ${cell(t)} | ${n.toLocaleString('en')} | ${pct(n, s.annotations)} |${withSugg ? ` ${(options.unannotated![t] ?? 0).toLocaleString('en')} |` : ''}`);
    }
    out.push('');
  }
  if (s.entities.length) {
    out.push(`Top entities${s.entities.length > top ? ` (${top} of ${s.entities.length.toLocaleString('en')})` : ''}:`, '');
    const multi = s.documents > 1;
    out.push(multi ? '| # | entity | type:id | name | annotations | documents |' : '| # | entity | type:id | name | annotations |', multi ? '|---:|---|---|---|---:|---:|' : '|---:|---|---|---|---:|');
    s.entities.slice(0, top).forEach((e, i) => {
      const name = kb?.get(e.type, e.id)?.name ?? '';
      out.push(`| ${i + 1} | ${cell(e.label)} | \`${cell(`${e.type}:${e.id}`)}\` | ${cell(name)} | ${e.count.toLocaleString('en')} |${multi ? ` ${e.documents.toLocaleString('en')} |` : ''}`);
    });
    out.push('');
  }
  return out.join('\n');
}
