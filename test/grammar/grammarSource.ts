/**
 * The source of syntaxes/pressmark.tmLanguage.json. The JSON is generated from here because its
 * regexes are built from a few shared pieces (a label, a spec, ...) that nine annotation rules
 * and nine spec rules repeat; grammar.test.ts fails when the JSON and this file disagree, and
 * `PRESSMARK_UPDATE_GOLDEN=1` rewrites the JSON (and the golden token files) from it.
 *
 * The rules follow the parser (server/src/service/parser.ts) line by line; docs/grammar-scopes.md
 * lists the scopes and says where the grammar has to give up. All repeated groups are
 * possessive (`*+`, `++`): no regex here can backtrack, so none can blow up on hostile text.
 * `\n` appears in classes because vscode-textmate hands each line over with a trailing `\n`.
 */

type Rule = Record<string, unknown>;

export const GENERATED_NOTE =
  'Generated from test/grammar/grammarSource.ts: edit that file, then run the grammar tests with PRESSMARK_UPDATE_GOLDEN=1.';

export const ENTITY_TYPES = ['country', 'org', 'person', 'place'];
export const TIMEX_TYPES = ['date', 'time', 'duration', 'set'];
export const TYPES = [...ENTITY_TYPES, ...TIMEX_TYPES];


// The spec's tokens, as the parser scans them (parser.ts, `scanSpec`): tokens are separated by
// blanks and end at a blank, `{`, `}`, `[` or the end of the line. A `"` opens a quoted value only
// right after the first `=` of an attribute token; anywhere else, the `type:id` token above all,
// it is a character.
const T = String.raw`[^ \t{}\[\n]`;
const TOKEN_END = String.raw`(?![^ \t{}\[\n])`;
// A quoted value: closed, or (unclosed) running to the end of the line.
const Q_OPEN = String.raw`"(?:[^"\\\n]|\\.)*+`;
const Q = `${Q_OPEN}"`;
// An attribute token (any: the `=` and the quoted value may be missing or broken).
const ATTR = String.raw`(?:(?=${T})[^ \t{}\[\n=]*+(?:=(?:${Q_OPEN}"?)?${T}*+)?)`;
// An attribute token an unclosed spec keeps: a key, `=`, and no quoted value left open.
const ATTR_KEPT = String.raw`(?:[^ \t{}\[\n=]++=(?:${Q}|(?!"))${T}*+)`;
// The first token when it is right after `{` and has no `=` before its first `:`: `type` or
// `type:id` (whose id may hold `=` and `"`: an invalid id, not an attribute).
const TYPE_TOKEN = String.raw`(?:(?=${T})[^ \t{}\[\n=:]*+(?::${T}*+)?${TOKEN_END})`;
const FIRST = `(?>${TYPE_TOKEN}|${ATTR})`;
// A closed spec after its `{`: tokens up to `}`.
const CLOSED_BODY = String.raw`${FIRST}?(?:[ \t]++${ATTR}?)*+\}`;
// A spec right after `]`: to `}`; or, unclosed, its first token and the attributes after it
// up to the first token that is none (the rest of the line is text, as for the parser).
const SPEC_AFTER = String.raw`\{(?>${CLOSED_BODY}|(?:${FIRST}|[ \t]++${ATTR})?(?:[ \t]++${ATTR_KEPT})*+)`;
// What the parser takes for a spec that lost its `]` (`[label {type:id}`): a closed spec whose
// first token, right after `{`, is a type name optionally followed by `:id`.
const LOOKS = String.raw`(?=\{[A-Za-z][A-Za-z0-9_-]*(?::${T}*+)?[ \t}])\{${CLOSED_BODY}`;
// A label: plain chars, escape pairs, a `{` that does not read as a spec, or a balanced
// `[...]` (a nested annotation when a spec follows), or a nested `[` that a spec without its `]`
// closes (`[x {org}`: the parser drops that `[`). Possessive: no backtracking at all.
const LABEL = `(?<label>(?:[^\\[\\]\\\\\\n{]|\\\\.|(?!${LOOKS})\\{|\\[\\g<label>(?:\\](?:${SPEC_AFTER})?|${LOOKS}))*+)`;
// The id of the `type:id` token: anything up to the token's end.
const TOKEN_CHARS = `${T}*+`;
const typed = (type: string): string => `${type}(?::${TOKEN_CHARS})?${TOKEN_END}`;
// An attribute value that is not one closed quoted value.
const VALUE_CHARS = String.raw`(?:(?=${T})(?:${Q_OPEN}"?)?${T}*+)`;

function annotationRule(type: string | null): Rule {
  const typeCheck = type === null ? '\\{' : `\\{${typed(type)}`;
  return {
    name: `meta.annotation.${type ?? 'other'}.pressmark`,
    contentName: 'meta.label.pressmark',
    begin: `(\\[)(?=${LABEL}\\]${typeCheck})`,
    beginCaptures: { '1': { name: 'punctuation.definition.label.begin.pressmark' } },
    end: `(\\])(${SPEC_AFTER})|$`,
    endCaptures: {
      '1': { name: 'punctuation.definition.label.end.pressmark' },
      '2': { patterns: [{ include: `#spec-${type ?? 'other'}` }] },
    },
    patterns: [{ include: '#label-content' }],
  };
}

function specRule(type: string | null): Rule {
  const timex = type !== null && TIMEX_TYPES.includes(type);
  const typeRe = type === null ? '[^ \\t{}\\[\\n:=]+' : type;
  return {
    name: 'meta.spec.pressmark',
    begin: type === null ? '(\\{)' : `(\\{)(?=${typed(type)})`,
    beginCaptures: { '1': { name: 'punctuation.definition.spec.begin.pressmark' } },
    end: '(\\})|$',
    endCaptures: { '1': { name: 'punctuation.definition.spec.end.pressmark' } },
    patterns: [
      {
        match: `\\G(${typeRe})(?:(:)(${TOKEN_CHARS}))?${TOKEN_END}`,
        captures: {
          '1': { name: `entity.name.type.pressmark entity.name.type.${type ?? 'other'}.pressmark` },
          '2': { name: 'punctuation.separator.id.pressmark' },
          '3': { name: timex ? 'constant.numeric.timex.pressmark' : 'variable.other.id.pressmark' },
        },
      },
      ...(type === null
        ? [
            {
              match: `\\G(:)(${TOKEN_CHARS})${TOKEN_END}`,
              captures: {
                '1': { name: 'punctuation.separator.id.pressmark' },
                '2': { name: 'variable.other.id.pressmark' },
              },
            },
          ]
        : []),
      { include: '#attribute' },
    ],
  };
}

/** The grammar as a plain object (what the JSON file holds). */
export function buildGrammar(): Rule {
  const repository: Record<string, Rule> = {
    frontmatter: {
      name: 'meta.frontmatter.pressmark',
      begin: '\\A(?:\\x{FEFF})?(---)[ \\t]*\\r?$',
      beginCaptures: { '1': { name: 'punctuation.definition.frontmatter.pressmark' } },
      // `---` or `...` closes it. Unclosed front matter is body text for the parser; as a grammar
      // cannot look ahead for the closing line, it at least stops at the first annotated line.
      end: '^(?:(---|\\.\\.\\.)[ \\t]*\\r?$|(?=.*\\]\\{[A-Za-z]))',
      endCaptures: { '1': { name: 'punctuation.definition.frontmatter.pressmark' } },
      contentName: 'meta.embedded.block.frontmatter.pressmark',
      patterns: [{ include: 'source.yaml' }],
    },
    escape: {
      name: 'constant.character.escape.pressmark',
      match: '\\\\[\\[\\]{}\\\\]',
    },
    annotation: {
      patterns: [...TYPES.map((t) => ({ include: `#annotation-${t}` })), { include: '#annotation-other' }],
    },
    'label-content': {
      patterns: [{ include: '#escape' }, { include: '#annotation' }, { include: '#brackets' }, { include: '#multiline' }],
    },
    brackets: {
      begin: `\\[(?=${LABEL}\\])`,
      end: '\\]|$',
      patterns: [{ include: '#label-content' }],
    },
    multiline: {
      name: 'meta.annotation.multiline.pressmark',
      contentName: 'meta.label.pressmark',
      begin: `(\\[)(?!${LABEL}\\])`,
      end: `(\\])(${SPEC_AFTER})?|(${LOOKS})|^(?=[ \\t]*\\r?$)`,
      endCaptures: {
        '1': { name: 'punctuation.definition.label.end.pressmark' },
        '2': { patterns: [{ include: '#spec' }] },
        '3': { patterns: [{ include: '#spec' }] },
      },
      beginCaptures: { '1': { name: 'punctuation.definition.label.begin.pressmark' } },
      patterns: [{ include: '#label-content' }],
    },
    // `]{type...}` with no open `[` (the parser reports it and skips the spec).
    unopened: {
      name: 'meta.annotation.unopened.pressmark',
      match: `(\\])(${LOOKS})`,
      captures: {
        '1': { name: 'punctuation.definition.label.end.pressmark' },
        '2': { patterns: [{ include: '#spec' }] },
      },
    },
    spec: {
      patterns: [...TYPES.map((t) => ({ include: `#spec-${t}` })), { include: '#spec-other' }],
    },
    attribute: {
      match: `([^ \\t{}\\[\\n=]+)(=)(?:(${Q})${TOKEN_END}|(${VALUE_CHARS}))?`,
      captures: {
        '1': { name: 'entity.other.attribute-name.pressmark' },
        '2': { name: 'punctuation.separator.key-value.pressmark' },
        '3': { name: 'string.quoted.double.attribute-value.pressmark', patterns: [{ include: '#quoted-inner' }] },
        '4': { name: 'string.unquoted.attribute-value.pressmark' },
      },
    },
    'quoted-inner': {
      patterns: [
        { name: 'constant.character.escape.pressmark', match: '\\\\.' },
        { name: 'punctuation.definition.string.begin.pressmark', match: '(?<==)"' },
        { name: 'punctuation.definition.string.end.pressmark', match: '"' },
      ],
    },
  };
  for (const t of [...TYPES, null]) {
    repository[`annotation-${t ?? 'other'}`] = annotationRule(t);
    repository[`spec-${t ?? 'other'}`] = specRule(t);
  }

  const grammar: Rule = {
    name: 'Pressmark',
    scopeName: 'text.pressmark',
    fileTypes: ['press'],
    comment: GENERATED_NOTE,
    patterns: [
      { include: '#frontmatter' },
      { include: '#escape' },
      { include: '#annotation' },
      { include: '#multiline' },
      { include: '#unopened' },
    ],
    repository,
  };
  return grammar;
}

/** The JSON text of the grammar file. */
export function grammarJsonText(): string {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}
