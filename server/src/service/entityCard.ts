/**
 * The hover card of a knowledge-base entity, in Markdown: names, codes, the facts that tell
 * similar entities apart, membership of the document's other countries, the name valid at the
 * publication date, and where the entry is defined.
 */
import type { KnowledgeBase } from './kb/knowledgeBase';
import type { Entity } from './kb/types';

export interface CardContext {
  kb: KnowledgeBase;
  /** Publication date of the document (YYYY-MM-DD), when known. */
  date?: string;
  /** Ids of the countries annotated in the document (for "members among them"). */
  documentCountries?: readonly string[];
  /** Turns a workspace file uri into a short name for the "defined in" line. */
  displayUri?: (uri: string) => string;
}

/** Escapes Markdown in text from data (names may hold `*`, `_`, `[`...). */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, (c) => '\\' + c);
}

function countryName(kb: KnowledgeBase, id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const c = kb.get('country', id);
  return c ? `${c.facts.flag ? c.facts.flag + ' ' : ''}${md(c.name)}` : md(id);
}

function period(from?: string, to?: string): string {
  if (from && to) return `${from} – ${to}`;
  if (from) return `since ${from}`;
  if (to) return `until ${to}`;
  return '';
}

function formatNumber(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function entityCard(e: Entity, ctx: CardContext): string {
  const { kb } = ctx;
  const f = e.facts;
  const out: string[] = [];
  const flag = e.type === 'country' && typeof f.flag === 'string' ? `${f.flag} ` : '';
  out.push(`### ${flag}${md(e.name)}`);
  out.push(`${e.type} \`${e.id}\`${e.officialName && e.officialName !== e.name ? ` · ${md(e.officialName)}` : ''}`);
  // A government body says what it is and whose it is: "foreign ministry of 🇰🇿 Kazakhstan (`KZ`)".
  const whose = e.type === 'org' && typeof f.what === 'string' && typeof f.country === 'string' ? f.country : undefined;
  if (whose !== undefined) out.push('', `${md(String(f.what))} of ${countryName(kb, whose)} (\`${md(whose)}\`)`);
  const rows: Array<[string, string]> = [];
  const add = (k: string, v: string | undefined) => v && rows.push([k, v]);

  if (e.type === 'country') {
    const capital = typeof f.capitalPlace === 'string' ? kb.get('place', f.capitalPlace) : undefined;
    add('Capital', capital ? md(capital.name) : Array.isArray(f.capitals) ? f.capitals.map(md).join(', ') : undefined);
    add('Region', [f.region, f.subregion].filter((x) => typeof x === 'string' && x).map((x) => md(String(x))).join(' · '));
    add('Codes', [e.id, f.alpha3, f.numeric].filter(Boolean).map((c) => `\`${c}\``).join(' · '));
    if (typeof f.unMember === 'boolean') add('UN member', f.unMember ? 'yes' : 'no');
    if (f.demonym?.en) add('Demonym', md(f.demonym.en));
  } else if (e.type === 'org') {
    add('Kind', typeof f.kind === 'string' ? md(f.kind.replace(/-/g, ' ')) : undefined);
    add('Founded', typeof f.founded === 'string' ? f.founded : undefined);
    add('Dissolved', typeof f.dissolved === 'string' ? f.dissolved : undefined);
    const company = f.kind === 'company' || f.kind === 'airline';
    if (whose === undefined) add(company ? 'Country' : 'Headquarters', countryName(kb, f.hq));
    if (typeof f.parent === 'string') {
      const p = kb.get('org', f.parent);
      add('Part of', p ? `${md(p.name)} (\`${p.id}\`)` : md(f.parent));
    }
    if (Array.isArray(f.members)) {
      add('Members', `${f.members.length} countries`);
      const inDoc = (ctx.documentCountries ?? []).filter((c, i, all) => all.indexOf(c) === i && c !== e.id);
      if (inDoc.length) {
        const members = new Set(f.members);
        add('In this document', inDoc.map((c) => `${countryName(kb, c)} ${members.has(c) ? '✓ member' : '✗ not a member'}`).join(' · '));
      }
    }
    const acr = Object.entries(e.acronyms ?? {}).map(([lang, list]) => `${list.map(md).join(', ')}${lang === 'en' ? '' : ` (${lang})`}`);
    add('Acronyms', acr.join(' · '));
  } else if (e.type === 'place') {
    add('Country', countryName(kb, f.country));
    if (f.capital) add('Capital', 'national capital');
    if (typeof f.population === 'number') add('Population', formatNumber(f.population));
  } else if (e.type === 'person') {
    const roles = Array.isArray(f.roles) ? (f.roles as Array<Record<string, string>>) : [];
    for (const r of roles) {
      const where = [r.org ? kb.get('org', r.org)?.name ?? r.org : undefined, r.country ? kb.get('country', r.country)?.name ?? r.country : undefined].filter(Boolean).map((x) => md(String(x)));
      add('Role', `${md(r.title ?? 'role')}${where.length ? `, ${where.join(', ')}` : ''}${r.from || r.to ? ` (${period(r.from, r.to)})` : ''}`);
    }
  }
  if (typeof f.description === 'string') add('About', md(f.description));
  const other = Object.entries(e.names ?? {})
    .filter(([lang, list]) => lang !== 'en' && list[0] && list[0] !== e.name)
    .slice(0, 3)
    .map(([lang, list]) => `${md(list[0] ?? '')} (${lang})`);
  add('Also', other.join(' · '));
  if (e.formerNames?.length) {
    const former = e.formerNames.filter((n) => !n.lang || n.lang === 'en').map((n) => `${md(n.name)}${n.from || n.to ? ` (${period(n.from, n.to)})` : ''}`);
    add('Former names', former.join(' · '));
  }
  if (ctx.date) {
    const at = kb.nameValidAt(e, ctx.date);
    if (at && at.known) add(`Name on ${ctx.date}`, `${md(at.name)}${at.current ? '' : ` (${period(at.from, at.to)})`}`);
  }
  if (e.wikidata) add('Wikidata', `[${e.wikidata}](https://www.wikidata.org/wiki/${e.wikidata})`);

  if (rows.length) {
    out.push('', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\n/g, ' ')} |`));
  }
  const src = e.source;
  out.push('', src.kind === 'workspace' ? `*Defined in ${md(ctx.displayUri ? ctx.displayUri(src.uri) : src.uri)}*` : f.generated === true ? '*Built-in knowledge base (generated from the country data)*' : '*Built-in knowledge base*');
  return out.join('\n');
}
