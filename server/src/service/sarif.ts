/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for `pressmark check --format
 * sarif`, the format code-scanning UIs read: one run whose tool lists every rule of the registry
 * (rules.ts: the diagnostic codes, their descriptions as help, their default severities as
 * levels), one result per diagnostic with its region and its quick-fixes as SARIF `fixes`.
 *
 * Columns are UTF-16 code units, as in LSP and the text output (`run.columnKind` says so; it is
 * SARIF's default too); lines and columns are 1-based, an end column the one after the last
 * character (SARIF's rule). Built as strings, a result at a time, so a corpus streams.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { severityName } from './diagnostics';
import { RULES, type Severity } from './rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where an artifact is: a URI reference relative to a base (`%SRCROOT%`), or an absolute URI. */
export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** The base the relative artifact locations are resolved against (the current folder of the check). */
export const SRCROOT = '%SRCROOT%';

/** SARIF's level of a severity: error and warning as they are; information and hint (suggestions) are notes. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

const RULE_INDEX: ReadonlyMap<string, number> = new Map(RULES.map((r, i) => [r.code, i]));

/** The first sentence of a description (its short form). */
function firstSentence(s: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(s);
  return m ? m[0] : s;
}

/** Markdown (the descriptions quote markup in backticks) as plain text. */
function plain(s: string): string {
  return s.replace(/`([^`]*)`/g, '$1');
}

/** The rule descriptors of the tool: every code of the registry, in its order (results point at them by index). */
export function sarifRules(): object[] {
  return RULES.map((r) => ({
    id: r.code,
    shortDescription: { text: plain(firstSentence(r.description)) },
    fullDescription: { text: plain(r.description) },
    help: { text: plain(r.description), markdown: r.description },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { severity: r.severity, ...(r.suggestion ? { tags: ['suggestion'] } : {}) },
  }));
}

/**
 * The log up to its results: `{"$schema", "version", "runs": [{"tool", "columnKind",
 * "originalUriBaseIds", "results": [`. The rest is results, then sarifTail.
 */
export function sarifHead(version: string, srcroot: string): string {
  const tool = { driver: { name: 'pressmark', version, semanticVersion: /^\d+\.\d+\.\d+/.test(version) ? version : undefined, rules: sarifRules() } };
  const run = JSON.stringify({ tool, columnKind: 'utf16CodeUnits', originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith('/') ? srcroot : srcroot + '/' } } }, null, 2);
  // `{ ... }` of the run without its closing brace, then the results array opens.
  const open = run.slice(0, run.lastIndexOf('}')).trimEnd();
  return `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n${indent(open, 4)},\n      "results": [`;
}

/** The end of the log: closes the results and says how the run went (inputs not read are notifications). */
export function sarifTail(rows: number, invocation: { success: boolean; exitCode: number; notifications: readonly string[] }): string {
  const inv = {
    executionSuccessful: invocation.success,
    exitCode: invocation.exitCode,
    ...(invocation.notifications.length ? { toolExecutionNotifications: invocation.notifications.map((text) => ({ level: 'error', message: { text } })) } : {}),
  };
  return `${rows ? '\n      ' : ''}],\n      "invocations": [${indent(JSON.stringify(inv, null, 2), 6).trimStart()}]\n    }\n  ]\n}\n`;
}

function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return s
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/** A 1-based SARIF region of an LSP range (0-based, end exclusive; UTF-16 columns). */
function region(range: Diagnostic['range']): object {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * A quick-fix as a SARIF fix: its text edits per file (an `artifactChange` each, `replacements`
 * of deleted regions by inserted text). A fix that also creates, renames or deletes a file
 * cannot be written as replacements: it is left out (undefined), as is one with no edit.
 */
export function sarifFix(action: CodeAction, locate: (uri: string) => ArtifactLocation): object | undefined {
  const changes: Array<[string, readonly TextEdit[]]> = [];
  const edit = action.edit;
  if (!edit) return undefined;
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) changes.push([uri, edits]);
  for (const c of edit.documentChanges ?? []) {
    if (!('textDocument' in c)) return undefined;
    changes.push([c.textDocument.uri, c.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e)]);
  }
  const artifactChanges = changes
    .filter(([, edits]) => edits.length > 0)
    .map(([uri, edits]) => ({
      artifactLocation: locate(uri),
      replacements: edits.map((e) => ({ deletedRegion: region(e.range), ...(e.newText ? { insertedContent: { text: e.newText } } : {}) })),
    }));
  if (!artifactChanges.length) return undefined;
  return { description: { text: action.title }, artifactChanges };
}

/** One result: the diagnostic's rule, level, message and location, and its fixes. */
export function sarifResult(location: ArtifactLocation, d: Diagnostic, fixes: readonly object[] = []): string {
  const code = String(d.code);
  const index = RULE_INDEX.get(code);
  const result = {
    ruleId: code,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: sarifLevel(severityName(d.severity) as Severity),
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
    ...(fixes.length ? { fixes } : {}),
  };
  return JSON.stringify(result);
}

/**
 * The location of a file as the check names it: a relative path becomes a URI reference under
 * %SRCROOT% (each segment percent-encoded, `/` between them); an absolute one its `file:` URI.
 */
export function artifactLocationOf(display: string, absoluteUri: string): ArtifactLocation {
  const parts = display.split(/[\\/]/);
  if (display.startsWith('/') || /^[A-Za-z]:[\\/]/.test(display) || parts.includes('..')) return { uri: absoluteUri };
  return { uri: parts.map((p) => encodeURIComponent(p)).join('/'), uriBaseId: SRCROOT };
}
