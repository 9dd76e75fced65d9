/**
 * The annotation schema: built-in types plus what a workspace's `pressmark.yaml` declares
 * (extra types, which types need an id, rule severities, knowledge-base files).
 * `parseSchema` validates the file itself and returns problems with ranges in it.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { SyntaxProblem } from './model';
import { isSeveritySetting, RULES_BY_CODE, SEVERITIES, type SeveritySetting } from './rules';
import { snapSpan, type Span } from './text';
import { parseYaml, SCHEMA_LIMITS } from './yaml';

export type IdPolicy = 'required' | 'optional' | 'none';

export interface TypeDef {
  name: string;
  description: string;
  /** Whether an annotation of this type needs, may have or must not have an id. */
  id: IdPolicy;
  /** TIMEX3 types hold a TIMEX3 value in the id slot. */
  timex: boolean;
  builtin: boolean;
}

export interface ProjectConfig {
  types: ReadonlyMap<string, TypeDef>;
  /** Severity overrides from the schema file. */
  rules: Readonly<Record<string, SeveritySetting>>;
  /** Knowledge-base files named by the schema, relative to its folder. */
  knowledgeBase: readonly string[];
  /** The span in the schema file of each `knowledgeBase` entry, parallel to `knowledgeBase`. */
  knowledgeBaseSpans?: readonly Span[];
  /**
   * Set when the schema file that applies could not be read or was refused (a FIFO, a device,
   * too large, nested too deep...): what and why, a sentence that names the file. Every document
   * it applies to says so (`schema.unreadable`) and is checked with the built-in types and rules.
   */
  unreadable?: string;
  /**
   * How the mention finder proposes (`mentions:` in pressmark.yaml; docs/format.md). `demonyms`:
   * propose a country's demonym ("German magazine") as the country (MEANTIME, ACE); default
   * false (the seed, OntoNotes, CoNLL do not).
   */
  mentions?: { demonyms: boolean };
}

export const SCHEMA_FILE = 'pressmark.yaml';

const builtin = (name: string, description: string, id: IdPolicy, timex = false): TypeDef => ({
  name,
  description,
  id,
  timex,
  builtin: true,
});

export const BUILTIN_TYPES: readonly TypeDef[] = [
  builtin('country', 'A country or territory; the id is its ISO 3166-1 alpha-2 code (`KZ`).', 'required'),
  builtin('org', 'An organization; the id is its knowledge-base id (`OSCE-PA`).', 'required'),
  builtin('person', 'A person; the id is a workspace knowledge-base id.', 'optional'),
  builtin('place', 'A city, region or other place that is not a country.', 'optional'),
  builtin('date', 'TIMEX3 DATE: a calendar date or period; the id is its value (`2022-06-29`).', 'optional', true),
  builtin('time', 'TIMEX3 TIME: a time of day (`2022-06-29T14:30`).', 'optional', true),
  builtin('duration', 'TIMEX3 DURATION: a length of time (`P30Y`).', 'optional', true),
  builtin('set', 'TIMEX3 SET: a recurring time (`P1Y` with `quant=EVERY`).', 'optional', true),
];

export function defaultConfig(): ProjectConfig {
  return { types: new Map(BUILTIN_TYPES.map((t) => [t.name, t])), rules: {}, knowledgeBase: [] };
}

const TYPE_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ID_POLICIES: readonly IdPolicy[] = ['required', 'optional', 'none'];

function span(node: YamlNode | null | undefined, fallback: Span): Span {
  const r = node?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : fallback;
}

function list(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}

/**
 * Parses and validates a `pressmark.yaml`. Offsets in problems are into `text`. Never throws.
 * `file` names it in `config.unreadable` when the YAML guard refuses it.
 */
export function parseSchema(text: string, file: string = SCHEMA_FILE): { config: ProjectConfig; problems: SyntaxProblem[] } {
  const problems: SyntaxProblem[] = [];
  const types = new Map(BUILTIN_TYPES.map((t) => [t.name, t]));
  const rules: Record<string, SeveritySetting> = {};
  const knowledgeBase: string[] = [];
  const knowledgeBaseSpans: Span[] = [];
  let mentions: { demonyms: boolean } | undefined;
  const whole = { start: 0, end: Math.min(text.length, 1) };
  const report = (code: string, s: Span, message: string, data?: Record<string, unknown>): void => {
    problems.push(data ? { code, span: s, message, data } : { code, span: s, message });
  };
  try {
    const parsed = parseYaml(text, SCHEMA_LIMITS);
    if (!parsed.ok) {
      report(`schema.${parsed.refusal}`, snapSpan(text, parsed.span), `\`pressmark.yaml\` ${parsed.message}: it is not read.`);
      const unreadable = `${file} ${parsed.message}: it is not read.`;
      return { config: { types, rules, knowledgeBase, knowledgeBaseSpans, unreadable }, problems };
    }
    for (const err of parsed.errors) {
      report('schema.invalid-yaml', snapSpan(text, { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) }), err.message);
    }
    // With syntax errors the tree is a guess: report them alone, not what follows from them.
    const root = parsed.errors.length ? null : parsed.doc.contents;
    if (root !== null && root !== undefined && !isMap(root)) {
      report('schema.invalid-value', span(root as YamlNode, whole), '`pressmark.yaml` must be a mapping with `types`, `rules` and `knowledgeBase`.');
    }
    if (isMap(root)) {
      for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const keySpan = span(pair.key, whole);
        const value = pair.value;
        if (key === 'types') readTypes(value, keySpan);
        else if (key === 'rules') readRules(value, keySpan);
        else if (key === 'knowledgeBase') readKb(value, keySpan);
        else if (key === 'mentions') readMentions(value, keySpan);
        else if (key === 'version') {
          if (!isScalar(value) || value.value !== 1) report('schema.invalid-value', span(value, keySpan), '`version` must be `1`.');
        } else report('schema.unknown-key', keySpan, `Unknown key \`${key}\`: \`pressmark.yaml\` knows ${list(['version', 'types', 'rules', 'knowledgeBase', 'mentions'])}.`);
      }
    }
  } catch (e) {
    report('schema.invalid-yaml', whole, `Could not read pressmark.yaml: ${String(e)}`);
  }
  return { config: mentions ? { types, rules, knowledgeBase, knowledgeBaseSpans, mentions } : { types, rules, knowledgeBase, knowledgeBaseSpans }, problems };

  function readMentions(node: YamlNode | null, keySpan: Span): void {
    if (node === null || node === undefined) return;
    if (!isMap(node)) return report('schema.invalid-value', span(node, keySpan), '`mentions` must be a mapping (`demonyms`).');
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      const ks = span(pair.key, keySpan);
      const val = isScalar(pair.value) ? pair.value.value : undefined;
      if (k === 'demonyms') {
        if (typeof val !== 'boolean') report('schema.invalid-value', span(pair.value, ks), '`demonyms` must be `true` or `false`.');
        else mentions = { demonyms: val };
      } else report('schema.unknown-key', ks, `Unknown key \`${k}\` in \`mentions\`: it has ${list(['demonyms'])}.`);
    }
  }

  function readTypes(node: YamlNode | null, keySpan: Span): void {
    if (node === null || node === undefined) return;
    if (!isMap(node)) return report('schema.invalid-value', span(node, keySpan), '`types` must map type names to their settings.');
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const nameSpan = span(pair.key, keySpan);
      if (!TYPE_NAME_RE.test(name)) {
        report('schema.invalid-value', nameSpan, `\`${name}\` is not a valid type name: a letter followed by letters, digits, \`-\` or \`_\`.`);
        continue;
      }
      const base = types.get(name);
      const def: TypeDef = base ? { ...base } : { name, description: '', id: 'optional', timex: false, builtin: false };
      const v = pair.value;
      if (v !== null && v !== undefined && !(isScalar(v) && v.value === null)) {
        if (!isMap(v)) {
          report('schema.invalid-value', span(v, nameSpan), `The settings of type \`${name}\` must be a mapping (\`description\`, \`id\`).`);
        } else {
          for (const p of v.items as Pair<YamlNode, YamlNode>[]) {
            const k = isScalar(p.key) ? String(p.key.value) : '';
            const ks = span(p.key, nameSpan);
            const val = isScalar(p.value) ? p.value.value : undefined;
            if (k === 'description') {
              if (typeof val !== 'string') report('schema.invalid-value', span(p.value, ks), '`description` must be text.');
              else def.description = val;
            } else if (k === 'id') {
              if (typeof val !== 'string' || !(ID_POLICIES as readonly string[]).includes(val)) {
                report('schema.invalid-value', span(p.value, ks), `\`id\` must be one of ${list(ID_POLICIES)}.`);
              } else def.id = val as IdPolicy;
            } else {
              report('schema.unknown-key', ks, `Unknown key \`${k}\` in type \`${name}\`: a type has ${list(['description', 'id'])}.`);
            }
          }
        }
      }
      types.set(name, def);
    }
  }

  function readRules(node: YamlNode | null, keySpan: Span): void {
    if (node === null || node === undefined) return;
    if (!isMap(node)) return report('schema.invalid-value', span(node, keySpan), '`rules` must map rule codes to severities.');
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      const code = isScalar(pair.key) ? String(pair.key.value) : '';
      const cs = span(pair.key, keySpan);
      const sev = isScalar(pair.value) ? pair.value.value : undefined;
      // YAML 1.2 reads a bare `off` as the string "off"; `false` means off too.
      const setting = sev === false ? 'off' : sev;
      if (!RULES_BY_CODE.has(code)) report('schema.unknown-rule', cs, `Unknown rule \`${code}\`.`);
      if (!isSeveritySetting(setting)) {
        report('schema.invalid-value', span(pair.value, cs), `The severity of \`${code}\` must be one of ${list(SEVERITIES)}.`);
      } else if (RULES_BY_CODE.has(code)) rules[code] = setting;
    }
  }

  function readKb(node: YamlNode | null, keySpan: Span): void {
    if (node === null || node === undefined) return;
    if (!isSeq(node)) return report('schema.invalid-value', span(node, keySpan), '`knowledgeBase` must be a list of file paths.');
    for (const item of node.items as YamlNode[]) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
        knowledgeBase.push(item.value);
        knowledgeBaseSpans.push(span(item, keySpan));
      } else report('schema.invalid-value', span(item, keySpan), 'Each `knowledgeBase` entry must be a file path.');
    }
  }
}
