/**
 * Workspace knowledge-base files (`*.kb.yaml`, or files named in `pressmark.yaml`): people,
 * companies, ministries — any entity — added to or overriding the built-in knowledge base.
 * Parsed through the YAML guard (`../yaml.ts`) with positions so that every problem is a
 * diagnostic in the YAML file. Pure.
 *
 * ```yaml
 * entities:
 *   - id: xavier-bettel
 *     type: person
 *     name: Xavier Bettel
 *     aliases: [Bettel]
 *     roles:
 *       - { title: Prime Minister, country: LU, from: 2013-12-04, to: 2023-11-17 }
 * ```
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { KB_LIMITS, parseYaml } from '../yaml';
import type { ProjectConfig } from '../config';
import type { SyntaxProblem } from '../model';
import { LineIndex, snapSpan, type Span } from '../text';
import { foldName, padDate } from './normalize';
import type { KnowledgeBase } from './knowledgeBase';
import type { Entity, FormerName } from './types';

export const KB_FILE_SUFFIX = '.kb.yaml';

/** A reference from an entity to another entity, checked once all files are read. */
export interface KbReference {
  type: string;
  id: string;
  span: Span;
  what: string;
}

export interface KbFile {
  uri: string;
  text: string;
  lines: LineIndex;
  entities: Entity[];
  /** The span of each entity's id value, parallel to `entities`. */
  idSpans: Span[];
  /** The span of each entity's names (name and aliases), parallel to `entities`. */
  nameSpans: Array<Array<{ name: string; span: Span }>>;
  references: KbReference[];
  problems: SyntaxProblem[];
}

const ENTITY_KEYS = new Set([
  'id', 'type', 'name', 'names', 'aliases', 'acronyms', 'officialName', 'wikidata', 'formerNames', 'roles', 'facts', 'description',
]);
const ROLE_KEYS = new Set(['title', 'org', 'country', 'place', 'from', 'to']);
const FORMER_KEYS = new Set(['name', 'from', 'to', 'lang', 'acronym', 'note']);
const FACT_REFS: Record<string, string> = { country: 'country', hq: 'country', parent: 'org', capitalPlace: 'place' };
const ID_RE = /^[^\s{}[\]]+$/;
const QID_RE = /^Q[1-9][0-9]*$/;

function spanOf(node: unknown, fallback: Span): Span {
  const r = (node as YamlNode | null | undefined)?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : fallback;
}

function str(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** Parses and validates one knowledge-base file. Never throws. */
export function parseKbFile(uri: string, text: string, config: ProjectConfig): KbFile {
  const lines = new LineIndex(text);
  const file: KbFile = { uri, text, lines, entities: [], idSpans: [], nameSpans: [], references: [], problems: [] };
  const whole: Span = { start: 0, end: Math.min(1, text.length) };
  const report = (code: string, span: Span, message: string): void => void file.problems.push({ code, span, message });
  try {
    const parsed = parseYaml(text, KB_LIMITS);
    if (!parsed.ok) {
      report(`kb.${parsed.refusal}`, snapSpan(text, parsed.span), `This knowledge-base file ${parsed.message}: it is not read.`);
      return file;
    }
    for (const err of parsed.errors) {
      report(err.code === 'DUPLICATE_KEY' ? 'kb.duplicate-key' : 'kb.invalid-yaml', snapSpan(text, { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) }), err.message);
    }
    if (parsed.errors.length) return file;
    const root = parsed.doc.contents;
    if (root === null || root === undefined) return file;
    let list: YamlNode | null | undefined;
    if (isSeq(root)) list = root;
    else if (isMap(root)) {
      for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
        const key = str(pair.key);
        if (key === 'entities') list = pair.value;
        else report('kb.unknown-key', spanOf(pair.key, whole), `Unknown key ${JSON.stringify(key)}: a knowledge-base file has \`entities:\`, a list of entities.`);
      }
    } else {
      report('kb.invalid-entity', spanOf(root, whole), 'A knowledge-base file is a list of entities (or a mapping with `entities:`).');
      return file;
    }
    if (list === null || list === undefined) return file;
    if (!isSeq(list)) {
      report('kb.invalid-entity', spanOf(list, whole), '`entities` must be a list.');
      return file;
    }
    for (const item of list.items as YamlNode[]) readEntity(item);
  } catch (e) {
    report('kb.invalid-yaml', whole, `Could not read the file: ${String(e)}`);
  }
  return file;

  function readEntity(node: YamlNode): void {
    const at = spanOf(node, whole);
    if (!isMap(node)) return report('kb.invalid-entity', at, 'An entity is a mapping with at least `id`, `type` and `name`.');
    const get = (k: string): Pair<YamlNode, YamlNode> | undefined => (node as YAMLMap<YamlNode, YamlNode>).items.find((p) => str(p.key) === k) as Pair<YamlNode, YamlNode> | undefined;
    for (const p of node.items as Pair<YamlNode, YamlNode>[]) {
      const k = str(p.key) ?? '';
      if (!ENTITY_KEYS.has(k)) report('kb.unknown-key', spanOf(p.key, at), `Unknown entity key ${JSON.stringify(k)}. Keys: ${[...ENTITY_KEYS].join(', ')}.`);
    }
    const idPair = get('id');
    const typePair = get('type');
    const namePair = get('name');
    const id = str(idPair?.value);
    const type = str(typePair?.value);
    const name = str(namePair?.value);
    let ok = true;
    if (!id || !ID_RE.test(id)) {
      report('kb.invalid-entity', spanOf(idPair?.value ?? idPair?.key, at), id ? `The id ${JSON.stringify(id)} has spaces or brackets: ids are one word (\`xavier-bettel\`, \`MFA-KZ\`).` : 'The entity has no `id`.');
      ok = false;
    }
    if (!type) {
      report('kb.invalid-entity', spanOf(typePair?.value ?? typePair?.key, at), 'The entity has no `type` (country, org, person, place, or a type of pressmark.yaml).');
      ok = false;
    } else {
      const def = config.types.get(type);
      if (!def || def.timex) {
        report('kb.invalid-entity', spanOf(typePair!.value, at), `${JSON.stringify(type)} is not an entity type: ${[...config.types.values()].filter((t) => !t.timex).map((t) => t.name).join(', ')}.`);
        ok = false;
      }
    }
    if (!name) {
      report('kb.invalid-entity', spanOf(namePair?.value ?? namePair?.key, at), 'The entity has no `name`.');
      ok = false;
    }
    if (!ok) return;
    const nameSpans: Array<{ name: string; span: Span }> = [{ name: name!, span: spanOf(namePair!.value, at) }];
    const entity: Entity = {
      id: id!,
      type: type!,
      name: name!,
      names: {},
      aliases: [],
      facts: {},
      source: { kind: 'workspace', uri, range: lines.range(spanOf(idPair!.value, at)) },
    };
    const strings = (p: Pair<YamlNode, YamlNode> | undefined, what: string): string[] => {
      if (!p || p.value === null) return [];
      if (isScalar(p.value) && str(p.value) !== undefined) {
        nameSpans.push({ name: str(p.value)!, span: spanOf(p.value, at) });
        return [str(p.value)!];
      }
      if (!isSeq(p.value)) {
        report('kb.invalid-entity', spanOf(p.value, at), `\`${what}\` must be a list of names.`);
        return [];
      }
      const out: string[] = [];
      for (const n of p.value.items as YamlNode[]) {
        const v = str(n);
        if (v === undefined) report('kb.invalid-entity', spanOf(n, at), `Each of \`${what}\` must be a name.`);
        else {
          out.push(v);
          nameSpans.push({ name: v, span: spanOf(n, at) });
        }
      }
      return out;
    };
    const byLang = (p: Pair<YamlNode, YamlNode> | undefined, what: string): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      if (!p || p.value === null) return out;
      if (!isMap(p.value)) {
        report('kb.invalid-entity', spanOf(p.value, at), `\`${what}\` maps language tags to names: \`{en: [...], ru: [...]}\`.`);
        return out;
      }
      for (const lp of p.value.items as Pair<YamlNode, YamlNode>[]) out[str(lp.key) ?? ''] = strings(lp, `${what}.${str(lp.key)}`);
      return out;
    };
    entity.aliases = strings(get('aliases'), 'aliases');
    entity.names = byLang(get('names'), 'names');
    const acr = byLang(get('acronyms'), 'acronyms');
    if (Object.keys(acr).length) entity.acronyms = acr;
    const official = get('officialName');
    if (official) {
      const v = str(official.value);
      if (v) {
        entity.officialName = v;
        nameSpans.push({ name: v, span: spanOf(official.value, at) });
      } else report('kb.invalid-entity', spanOf(official.value ?? official.key, at), '`officialName` must be a name.');
    }
    const wd = get('wikidata');
    if (wd) {
      const v = str(wd.value);
      if (v && QID_RE.test(v)) entity.wikidata = v;
      else report('kb.invalid-entity', spanOf(wd.value ?? wd.key, at), '`wikidata` must be a Wikidata item id such as `Q1065`.');
    }
    const desc = get('description');
    if (desc && str(desc.value)) entity.facts.description = str(desc.value);
    readFormerNames(get('formerNames'), entity, at, nameSpans);
    readRoles(get('roles'), entity, at);
    readFacts(get('facts'), entity, at);
    file.entities.push(entity);
    file.idSpans.push(spanOf(idPair!.value, at));
    file.nameSpans.push(nameSpans);
  }

  function date(node: YamlNode | null | undefined, at: Span, what: string): string | undefined {
    if (node === null || node === undefined) return undefined;
    const v = str(node);
    if (v === undefined || !padDate(v)) {
      report('kb.invalid-date', spanOf(node, at), `\`${what}\` must be a date: YYYY, YYYY-MM or YYYY-MM-DD.`);
      return undefined;
    }
    return v;
  }

  function checkOrder(from: string | undefined, to: string | undefined, span: Span): void {
    if (from && to && padDate(from)! > padDate(to)!) report('kb.invalid-date', span, `\`from\` (${from}) is after \`to\` (${to}).`);
  }

  function readFormerNames(p: Pair<YamlNode, YamlNode> | undefined, entity: Entity, at: Span, nameSpans: Array<{ name: string; span: Span }>): void {
    if (!p || p.value === null) return;
    if (!isSeq(p.value)) return report('kb.invalid-entity', spanOf(p.value, at), '`formerNames` must be a list of `{name, from, to}`.');
    const out: FormerName[] = [];
    for (const item of p.value.items as YamlNode[]) {
      const s = spanOf(item, at);
      if (!isMap(item)) {
        report('kb.invalid-entity', s, 'A former name is `{name, from, to}`.');
        continue;
      }
      const f: Partial<FormerName> = {};
      for (const fp of item.items as Pair<YamlNode, YamlNode>[]) {
        const k = str(fp.key) ?? '';
        if (!FORMER_KEYS.has(k)) report('kb.unknown-key', spanOf(fp.key, s), `Unknown key ${JSON.stringify(k)} in a former name. Keys: ${[...FORMER_KEYS].join(', ')}.`);
        else if (k === 'from' || k === 'to') f[k] = date(fp.value, s, k);
        else if (str(fp.value) !== undefined) (f as Record<string, string>)[k] = str(fp.value)!;
        if (k === 'name' && str(fp.value)) nameSpans.push({ name: str(fp.value)!, span: spanOf(fp.value, s) });
      }
      if (!f.name) report('kb.invalid-entity', s, 'A former name needs `name`.');
      else {
        checkOrder(f.from, f.to, s);
        out.push(f as FormerName);
      }
    }
    if (out.length) entity.formerNames = out;
  }

  function readRoles(p: Pair<YamlNode, YamlNode> | undefined, entity: Entity, at: Span): void {
    if (!p || p.value === null) return;
    if (!isSeq(p.value)) return report('kb.invalid-entity', spanOf(p.value, at), '`roles` must be a list of `{title, org, country, from, to}`.');
    const roles: Array<Record<string, string>> = [];
    for (const item of p.value.items as YamlNode[]) {
      const s = spanOf(item, at);
      if (!isMap(item)) {
        report('kb.invalid-entity', s, 'A role is `{title, org, country, from, to}`.');
        continue;
      }
      const role: Record<string, string> = {};
      for (const rp of item.items as Pair<YamlNode, YamlNode>[]) {
        const k = str(rp.key) ?? '';
        const v = str(rp.value);
        if (!ROLE_KEYS.has(k)) report('kb.unknown-key', spanOf(rp.key, s), `Unknown key ${JSON.stringify(k)} in a role. Keys: ${[...ROLE_KEYS].join(', ')}.`);
        else if (k === 'from' || k === 'to') {
          const d = date(rp.value, s, k);
          if (d) role[k] = d;
        } else if (v !== undefined) {
          role[k] = v;
          if (k === 'org' || k === 'country' || k === 'place') file.references.push({ type: k, id: v, span: spanOf(rp.value, s), what: `role ${k}` });
        }
      }
      checkOrder(role.from, role.to, s);
      roles.push(role);
    }
    entity.facts.roles = roles;
  }

  function readFacts(p: Pair<YamlNode, YamlNode> | undefined, entity: Entity, at: Span): void {
    if (!p || p.value === null) return;
    if (!isMap(p.value)) return report('kb.invalid-entity', spanOf(p.value, at), '`facts` must be a mapping (`country: KZ`, `founded: 1992`, …).');
    for (const fp of p.value.items as Pair<YamlNode, YamlNode>[]) {
      const k = str(fp.key) ?? '';
      const v = isScalar(fp.value) ? fp.value.value : (fp.value as YamlNode | null)?.toJSON?.();
      entity.facts[k] = v;
      const refType = FACT_REFS[k];
      if (refType && typeof v === 'string') file.references.push({ type: refType, id: v, span: spanOf(fp.value, at), what: `fact ${k}` });
      if ((k === 'founded' || k === 'dissolved' || k === 'born' || k === 'died') && v !== null && v !== undefined) date(fp.value, at, k);
    }
  }
}

/**
 * Problems across the workspace files: the same id twice, two entities sharing a name,
 * references to ids that exist nowhere. Returns problems per file uri.
 */
export function crossFileProblems(files: readonly KbFile[], kb: KnowledgeBase): Map<string, SyntaxProblem[]> {
  const out = new Map<string, SyntaxProblem[]>(files.map((f) => [f.uri, []]));
  const seenIds = new Map<string, { file: KbFile; i: number }>();
  const seenNames = new Map<string, { entity: Entity; name: string }>();
  for (const f of files) {
    const problems = out.get(f.uri)!;
    f.entities.forEach((e, i) => {
      const key = `${e.type}\u0000${e.id}`;
      const first = seenIds.get(key);
      if (first) {
        const where = first.file === f ? `line ${f.lines.positionAt(first.file.idSpans[first.i].start).line + 1}` : `${first.file.uri.split('/').pop()}:${first.file.lines.positionAt(first.file.idSpans[first.i].start).line + 1}`;
        problems.push({ code: 'kb.duplicate-id', span: f.idSpans[i], message: `The ${e.type} id ${JSON.stringify(e.id)} is already defined (${where}); this one hides it.` });
      } else seenIds.set(key, { file: f, i });
      for (const { name, span } of f.nameSpans[i]) {
        const nk = `${e.type}\u0000${foldName(name)}`;
        const prior = seenNames.get(nk);
        if (prior && prior.entity !== e && prior.entity.id !== e.id) {
          problems.push({
            code: 'kb.alias-clash',
            span,
            message: `${JSON.stringify(name)} also names the ${e.type} ${JSON.stringify(prior.entity.id)} (${prior.entity.name}): the name is ambiguous.`,
          });
        } else if (!prior) seenNames.set(nk, { entity: e, name });
      }
    });
    for (const r of f.references) {
      if (!kb.get(r.type, r.id)) {
        problems.push({ code: 'kb.unknown-reference', span: r.span, message: `The ${r.what} ${JSON.stringify(r.id)} is no known ${r.type} id.` });
      }
    }
  }
  return out;
}
