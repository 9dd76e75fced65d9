/**
 * Entity annotations against the knowledge base: unknown ids (with did-you-mean), ids of the
 * wrong type, labels that name another entity, and names not in use at the publication date.
 *
 * Precision first: a label is reported as naming something else only when the knowledge base
 * says what it names; a descriptive label ("the Central Asian nation") or a name the knowledge
 * base does not know is left alone. A capital standing for its country and a demonym for its
 * country are how news language names countries, and are accepted.
 */
import type { Entity } from '../kb/types';
import { foldName } from '../kb/normalize';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { Annotation } from '../model';
import { article, quote } from '../strings';
import { problemsBytes, type Check, type CheckContext, type Problem } from './check';
import { publicationDate } from './frontMatter';
import { ContentCache } from '../lru';

/**
 * Types whose ids are checked against the knowledge base: entity types it has entities of.
 * With none (no workspace people yet, or no knowledge base at all) there is nothing to check against.
 */
export function isEntityType(ctx: CheckContext, type: string): boolean {
  const def = ctx.config.types.get(type);
  return !!def && !def.timex && ctx.kb.count(type) > 0;
}

export function describeEntity(e: Entity): string {
  return `${e.name} (${e.type} ${e.id})`;
}

/** Whether the label is a name of the entity, or one news uses for it (capital, demonym). */
export function labelNames(kb: KnowledgeBase, label: string, e: Entity): boolean {
  const matches = kb.lookupNameMatches(label);
  if (matches.some((m) => m.entity === e || (m.entity.type === e.type && m.entity.id === e.id))) return true;
  const folded = foldName(label);
  if (e.type === 'country') {
    const dem = e.facts.demonym;
    if (dem && Object.values(dem).some((d) => typeof d === 'string' && foldName(d) === folded)) return true;
    if (matches.some((m) => m.entity.type === 'place' && m.entity.facts.country === e.id && m.entity.facts.capital)) return true;
  }
  return false;
}

function entityProblems(ctx: CheckContext, a: Annotation, date: string | undefined): Problem[] {
  const { kb } = ctx;
  if (!a.idSpan || !a.id) return [];
  const id = a.id;
  const entity = kb.get(a.type, id);
  if (!entity) {
    const other = kb.byId(id).filter((e) => e.type !== a.type && ctx.config.types.has(e.type));
    if (other.length) {
      return [
        {
          code: 'entity.wrong-type',
          span: a.typeSpan,
          message: `${quote(id)} is not ${article(a.type)} ${a.type} id: it is ${other.map((e) => `the ${e.type} ${e.name}`).join(' and ')}.`,
          data: { types: other.map((e) => e.type) },
        },
      ];
    }
    // Did you mean: entities of the type that the label names, then ids and names close to the id.
    const byLabel = kb.lookupName(a.text, { type: a.type });
    const candidates: Entity[] = [];
    for (const e of [...byLabel, ...kb.suggest(a.type, id, 3)]) {
      if (!candidates.some((c) => c.id === e.id)) candidates.push(e);
    }
    const top = candidates.slice(0, 3);
    const hint = top.length ? ` Did you mean ${top.map((e) => `${quote(e.id)} (${e.name})`).join(', ')}?` : '';
    return [
      {
        code: 'entity.unknown-id',
        span: a.idSpan,
        message: `Unknown ${a.type} id ${quote(id)}.${hint}`,
        data: { ids: top.map((e) => e.id), names: top.map((e) => e.name) },
      },
    ];
  }

  const out: Problem[] = [];
  const label = a.text.replace(/\s+/g, ' ').trim();
  if (!labelNames(kb, label, entity)) {
    const named = kb.lookupName(label).filter((e) => ctx.config.types.has(e.type));
    const sameType = named.filter((e) => e.type === a.type);
    if (named.length) {
      const fix = sameType[0] ?? named[0];
      out.push({
        code: 'entity.label-mismatch',
        span: a.labelSpan,
        message: `${quote(label)} names ${describeEntity(fix)}, but the annotation says ${describeEntity(entity)}.`,
        data: { type: fix.type, id: fix.id, name: fix.name },
      });
    }
  }

  if (date) {
    const folded = foldName(label);
    const records = (entity.formerNames ?? []).filter((f) => foldName(f.name) === folded);
    const isCurrentName = foldName(entity.name) === folded;
    const validNow = kb.nameValidAt(entity, date, records[0]?.lang);
    const covered = records.some((f) => (!f.from || f.from <= date) && (!f.to || date < f.to));
    const since = typeof entity.facts.nameSince === 'string' ? entity.facts.nameSince : undefined;
    if (records.length && !covered && !(isCurrentName && (!since || since <= date))) {
      const r = records[0];
      const period = r.from && r.to ? `from ${r.from} to ${r.to}` : r.from ? `from ${r.from}` : `until ${r.to}`;
      const then = validNow && validNow.known && foldName(validNow.name) !== folded ? ` On ${date} it was ${quote(validNow.name)}.` : '';
      out.push({
        code: 'entity.name-not-current',
        span: a.labelSpan,
        message: `${quote(label)} was the name of ${entity.name} ${period}.${then}`,
        data: { name: validNow?.name },
      });
    } else if (isCurrentName && !records.length && since && date < since && validNow && validNow.known && foldName(validNow.name) !== folded) {
      out.push({
        code: 'entity.name-not-current',
        span: a.labelSpan,
        message: `${quote(label)} has been the name of ${entity.name} since ${since}; on ${date} it was ${quote(validNow.name)}${validNow.from ? ` (from ${validNow.from}${validNow.to ? ` to ${validNow.to}` : ''})` : ''}.`,
        data: { name: validNow.name },
      });
    }
  }
  return out;
}

/** Where on its annotation a remembered problem stands. */
type Where = 'id' | 'type' | 'label';

/**
 * Problems by (date, type, id, label), per knowledge base and configuration, kept across
 * documents and paragraphs (least recently used dropped first, at most REMEMBERED_SIZE entries
 * and about REMEMBERED_BYTES): a corpus names the same entities again and again, and each
 * distinct mention is looked up once (did-you-mean is a search).
 */
const remembered = new WeakMap<KnowledgeBase, WeakMap<object, ContentCache<Array<{ where: Where; problem: Problem }>>>>();
const REMEMBERED_SIZE = 20_000;
const REMEMBERED_BYTES = 16 * 2 ** 20;

function memoOf(ctx: CheckContext): ContentCache<Array<{ where: Where; problem: Problem }>> {
  let byConfig = remembered.get(ctx.kb);
  if (!byConfig) remembered.set(ctx.kb, (byConfig = new WeakMap()));
  let memo = byConfig.get(ctx.config);
  if (!memo) byConfig.set(ctx.config, (memo = new ContentCache(REMEMBERED_SIZE, REMEMBERED_BYTES)));
  return memo;
}

/** The same (type, id, label) gives the same problems wherever it stands, moved to its spans. */
export const checkEntities: Check = (ctx) => {
  const out: Problem[] = [];
  const date = publicationDate(ctx.doc);
  const memo = memoOf(ctx);
  const entityTypes = new Map<string, boolean>();
  const checked = (type: string): boolean => {
    let v = entityTypes.get(type);
    if (v === undefined) entityTypes.set(type, (v = isEntityType(ctx, type)));
    return v;
  };
  for (const a of ctx.doc.all) {
    if (!a.id || !a.idSpan || !checked(a.type)) continue;
    const seen = memo.cached(
      [date ?? '', a.type, a.id, a.text],
      () =>
        entityProblems(ctx, a, date).map((problem) => ({
          where: problem.span.start === a.idSpan!.start ? 'id' : problem.span.start === a.typeSpan.start ? 'type' : 'label',
          problem,
        })),
      (list) => problemsBytes(list.map((x) => x.problem)) + 40 * list.length,
    );
    for (const { where, problem } of seen) {
      out.push({ ...problem, span: where === 'id' ? a.idSpan : where === 'type' ? a.typeSpan : a.labelSpan });
    }
  }
  return out;
};
