/**
 * The rule registry: every diagnostic code, its default severity and what it checks.
 * Severities are overridden per code by `pressmark.yaml` (`rules:`) and then by the
 * `pressmark.rules` setting; `off` silences a rule. Codes are stable: never rename one.
 */
import { FRONT_MATTER_LIMITS, KB_LIMITS, REJECT_LIMITS, SCHEMA_LIMITS, YAML_MAX_DEPTH, type YamlLimits } from './yaml';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RuleInfo {
  code: string;
  severity: Severity;
  description: string;
  /**
   * A suggestion, not a problem: a proposal of the mention pipeline. Hint by default, so VS Code
   * draws it subtly and leaves it out of the Problems panel, apart from real problems and from
   * "Compare With..." results (information); `pressmark.suggestions.severity` sets the group.
   */
  suggestion?: true;
}

function rule(code: string, severity: Severity, description: string, suggestion = false): RuleInfo {
  return suggestion ? { code, severity, description, suggestion } : { code, severity, description };
}

const entries = (l: YamlLimits) => `more than ${l.maxEntries.toLocaleString('en')} keys and list items`;
const size = (l: YamlLimits) => `over ${l.maxLength / 1024 / 1024} MB`;
const deep = `nesting lists and mappings more than ${YAML_MAX_DEPTH} levels deep`;

export const RULES: readonly RuleInfo[] = [
  rule('syntax.unclosed-label', 'error', 'A `[` whose label runs into `{type}` without `]`.'),
  rule('syntax.unopened-label', 'error', 'A `]{type}` with no `[` before it.'),
  rule('syntax.unclosed-spec', 'error', 'A `{` after `]` with no `}` on the same line.'),
  rule('syntax.missing-type', 'error', 'An annotation without a type: `[x]{}` or `[x]{:id}`.'),
  rule('syntax.invalid-type', 'error', 'A type name that is not a letter followed by letters, digits, `-` or `_`.'),
  rule('syntax.invalid-id', 'error', 'An id with white space, a control character or one of `[ ] { } " = \\`: `{person:a"}`, `{person:b=ob}`.'),
  rule('syntax.unknown-type', 'error', 'A type that is neither built in nor declared in `pressmark.yaml`.'),
  rule('syntax.invalid-attribute', 'error', 'Something in `{...}` after the type that is not `key=value`.'),
  rule('syntax.duplicate-attribute', 'warning', 'The same attribute twice in one annotation.'),
  rule('syntax.empty-label', 'warning', 'An annotation around no words: `[]{country:KZ}`.'),
  rule('syntax.too-deep', 'error', 'An annotation inside more than 16 other brackets: it is read as text (reported once per paragraph).'),
  rule('annotation.missing-id', 'warning', 'An annotation of a type that requires an id has none.'),
  rule('annotation.unexpected-id', 'warning', 'An annotation of a type that takes no id has one.'),
  rule('entity.unknown-id', 'error', 'An id the knowledge base does not know for the type.'),
  rule('entity.wrong-type', 'error', 'An id of another type: `{country:OSCE}`.'),
  rule('entity.label-mismatch', 'warning', 'The label names another entity than the id: `[Luxembourg]{country:KZ}`.'),
  rule('entity.name-not-current', 'information', 'A name that was not in use at the publication date (`Nur-Sultan` in 2023).'),
  rule('date.invalid-value', 'error', 'A TIMEX3 value, `mod`, `quant` or `freq` that is not valid: `{date:2022-02-30}`, `{duration:P3}`, `mod=SOON`.'),
  rule('date.mod-case', 'warning', 'A TIMEX3 `mod` written in lower case (`mod=approx`): TimeML spells it in upper case (`APPROX`); exports write it so.'),
  rule('date.type-mismatch', 'error', 'A value of another TIMEX3 type: `[three decades]{date:P30Y}`.'),
  rule('date.value-mismatch', 'warning', 'The label reads as another value against the publication date: `[Today]{date:2022-06-28}` published 2022-06-29.'),
  rule('date.no-publication-date', 'warning', 'A relative date (`today`, `last Friday`, `next year`) in a document whose front matter has no `date`.'),
  rule('mention.unannotated', 'hint', 'A knowledge-base name or a date expression that is not annotated; says what it would become (quick-fixes annotate it, or every mention of the entity). A suggestion: hint by default (`pressmark.suggestions.severity`).', true),
  rule('annotation.inconsistent', 'information', 'The same words annotated with another type or id elsewhere in the document.'),
  rule('annotation.boundary', 'information', 'A label that starts or ends with white space or punctuation, or starts with the article "the".'),
  rule('kb.invalid-yaml', 'error', 'A knowledge-base file is not valid YAML.'),
  rule('kb.duplicate-key', 'error', 'A key given twice in a knowledge-base entry.'),
  rule('kb.invalid-entity', 'error', 'A knowledge-base entry without `id`, `type` or `name`, or with a value of the wrong form.'),
  rule('kb.unknown-key', 'warning', 'A key the knowledge-base format does not know.'),
  rule('kb.invalid-date', 'error', 'A date in a knowledge-base entry that is not YYYY, YYYY-MM or YYYY-MM-DD, or dates out of order.'),
  rule('kb.duplicate-id', 'error', 'The same type and id defined twice in the workspace.'),
  rule('kb.alias-clash', 'warning', 'Two workspace entities of one type share a name or alias.'),
  rule('kb.unknown-reference', 'warning', 'A role or fact that refers to an id that exists nowhere.'),
  rule('kb.too-large', 'error', 'A knowledge-base file too large to read.'),
  rule('kb.too-deep', 'error', `A knowledge-base file ${deep}: not read.`),
  rule('kb.too-many-entries', 'error', `A knowledge-base file with ${entries(KB_LIMITS)}: not read.`),
  rule('kb.unreadable', 'error', 'A knowledge-base file that could not be read: not a regular file (a FIFO, a device), outside the workspace, or unreadable.'),
  rule('frontmatter.unclosed', 'error', 'Front matter opened with `---` and never closed.'),
  rule('frontmatter.invalid-yaml', 'error', 'The front matter is not valid YAML.'),
  rule('frontmatter.duplicate-key', 'error', 'A key given twice in the front matter.'),
  rule('frontmatter.not-a-mapping', 'error', 'The front matter is YAML but not a mapping of keys.'),
  rule('frontmatter.invalid-date', 'error', '`date` is not a calendar date `YYYY-MM-DD` (optionally with a time).'),
  rule('frontmatter.invalid-value', 'warning', 'A known front-matter key with a value of the wrong form (`url`, `language`, text fields).'),
  rule('frontmatter.too-large', 'error', `Front matter ${size(FRONT_MATTER_LIMITS)}: not read.`),
  rule('frontmatter.too-deep', 'error', `Front matter ${deep}: not read.`),
  rule('frontmatter.too-many-entries', 'error', `Front matter with ${entries(FRONT_MATTER_LIMITS)}: not read.`),
  rule('schema.invalid-yaml', 'error', '`pressmark.yaml` is not valid YAML.'),
  rule('schema.unknown-key', 'warning', 'A key `pressmark.yaml` does not know.'),
  rule('schema.invalid-value', 'error', 'A value of the wrong form in `pressmark.yaml`.'),
  rule('schema.too-large', 'error', `\`pressmark.yaml\` ${size(SCHEMA_LIMITS)}: not read.`),
  rule('schema.too-deep', 'error', `\`pressmark.yaml\` ${deep}: not read.`),
  rule('schema.too-many-entries', 'error', `\`pressmark.yaml\` with ${entries(SCHEMA_LIMITS)}: not read.`),
  rule('schema.unreadable', 'error', 'The `pressmark.yaml` that applies to a document could not be read or was refused (a FIFO, a device, too large, outside the workspace, nested too deep): the document is checked with the built-in types and rules.'),
  rule('schema.kb-file-refused', 'error', 'A `knowledgeBase:` entry of `pressmark.yaml` that is not read: outside the workspace (directly or through a symbolic link), not a regular file, or missing.'),
  rule('schema.unknown-rule', 'warning', 'A rule code in `pressmark.yaml` that does not exist.'),
  rule('reject.invalid-yaml', 'error', '`pressmark.reject.yaml` is not valid YAML: none of its rejections apply.'),
  rule('reject.invalid-entry', 'error', 'A rejection that is not `{text, as?, in?}` with valid values (a key twice, `as` not `type` or `type:id`, `in` not a relative path): that entry does not apply.'),
  rule('reject.unknown-key', 'warning', 'A key a rejection does not know (the entry applies without it).'),
  rule('reject.too-large', 'error', `\`pressmark.reject.yaml\` ${size(REJECT_LIMITS)}: not read.`),
  rule('reject.too-deep', 'error', `\`pressmark.reject.yaml\` ${deep}: not read.`),
  rule('reject.too-many-entries', 'error', `\`pressmark.reject.yaml\` with ${entries(REJECT_LIMITS)}: not read.`),
  rule('reject.unreadable', 'error', 'The `pressmark.reject.yaml` that applies to a document could not be read (a FIFO, a device, outside the workspace): no rejection applies.'),
  rule('document.too-large', 'information', 'A document above `pressmark.analysis.maxDocumentSize`: only its syntax is checked.'),
  rule('document.too-many-problems', 'information', 'More problems than `pressmark.analysis.maxProblems`: the rest are not shown in the editor (`pressmark check` lists all).'),
  rule('internal.error', 'error', 'A Pressmark bug: a feature failed on this document. Please report it.'),
];

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export function isSeveritySetting(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** The codes of the suggestions (`RuleInfo.suggestion`), which `pressmark.suggestions.severity` sets together. */
export const SUGGESTION_CODES: readonly string[] = RULES.filter((r) => r.suggestion).map((r) => r.code);

/** The default severity of the suggestions (what `pressmark.suggestions.severity` defaults to). */
export const SUGGESTION_SEVERITY: Severity = 'hint';

/**
 * The user's rule layer with the suggestions' severity setting under it: every suggestion code
 * gets `setting` unless the layer names the code itself. The default setting adds nothing, so a
 * `pressmark.yaml` `rules:` entry for a suggestion code keeps its effect; another setting is the
 * user's choice and, like `pressmark.rules`, wins over `pressmark.yaml`.
 */
export function withSuggestionSeverity(
  rules: Readonly<Record<string, SeveritySetting>>,
  setting: unknown,
): Readonly<Record<string, SeveritySetting>> {
  if (!isSeveritySetting(setting) || setting === SUGGESTION_SEVERITY) return rules;
  const out: Record<string, SeveritySetting> = {};
  for (const code of SUGGESTION_CODES) out[code] = setting;
  return { ...out, ...rules };
}

/** The severity of a code after overrides (later layers win), or 'off'. */
export function severityOf(code: string, ...layers: Array<Readonly<Record<string, SeveritySetting>> | undefined>): SeveritySetting {
  let s: SeveritySetting = RULES_BY_CODE.get(code)?.severity ?? 'error';
  for (const layer of layers) {
    const v = layer?.[code];
    if (isSeveritySetting(v)) s = v;
  }
  return s;
}
