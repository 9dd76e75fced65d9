/**
 * Diagnostics: parser problems plus every registered check, with the severity each code has
 * after the schema file and the user's settings. Each diagnostic carries its stable code and,
 * in `data`, what its quick-fix needs.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { PressDocument } from './model';
import { severityOf, type Severity, type SeveritySetting } from './rules';
import type { Check, Problem } from './checks/check';
import { checkTypes } from './checks/types';
import { checkFrontMatter } from './checks/frontMatter';
import { checkEntities } from './checks/entities';
import { checkDates } from './checks/dates';
import { checkMentions } from './checks/mentions';
import { checkConsistency } from './checks/consistency';
import { checkBoundaries } from './checks/boundaries';
import { KnowledgeBase } from './kb/knowledgeBase';
import type { LineIndex } from './text';

/** Every check, in order. A new check is one file in checks/ and one line here. */
export const CHECKS: readonly Check[] = [checkFrontMatter, checkTypes, checkEntities, checkDates, checkConsistency, checkBoundaries, checkMentions];

const EMPTY_KB = new KnowledgeBase([]);

export const SOURCE = 'pressmark';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function severityName(s: DiagnosticSeverity | undefined): Severity {
  return s === DiagnosticSeverity.Warning ? 'warning' : s === DiagnosticSeverity.Information ? 'information' : s === DiagnosticSeverity.Hint ? 'hint' : 'error';
}

/** All problems of a document, before severities: parser problems and every check. */
/**
 * Problems of a parsed document (one version), kept while the tree lives: diagnostics and the
 * code actions that follow them share one computation. Callers must not change the array.
 */
const problemMemo = new WeakMap<PressDocument, { config: ProjectConfig; kb: KnowledgeBase; problems: readonly Problem[] }>();

export function collectProblems(doc: PressDocument, config: ProjectConfig, kb: KnowledgeBase = EMPTY_KB): readonly Problem[] {
  const memo = problemMemo.get(doc);
  if (memo && memo.config === config && memo.kb === kb) return memo.problems;
  const problems = computeProblems(doc, config, kb);
  problemMemo.set(doc, { config, kb, problems });
  return problems;
}

function computeProblems(doc: PressDocument, config: ProjectConfig, kb: KnowledgeBase): Problem[] {
  const out: Problem[] = [...doc.problems];
  for (const check of CHECKS) {
    try {
      out.push(...check({ doc, config, kb }));
    } catch (e) {
      out.push({ code: 'internal.error', span: { start: 0, end: 0 }, message: `Internal error in a check: ${String(e)}` });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

export function toDiagnostic(p: Problem, severity: Severity, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.range(p.span),
    severity: LSP_SEVERITY[severity],
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (p.data) d.data = { code: p.code, ...p.data };
  return d;
}

/** Problems as LSP diagnostics, with severities applied and `off` rules dropped. */
export function toDiagnostics(
  problems: readonly Problem[],
  lines: LineIndex,
  config: ProjectConfig,
  userRules?: Readonly<Record<string, SeveritySetting>>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const sev = severityOf(p.code, config.rules, userRules);
    if (sev !== 'off') out.push(toDiagnostic(p, sev, lines));
  }
  return out;
}

export function computeDiagnostics(
  doc: PressDocument,
  config: ProjectConfig,
  userRules?: Readonly<Record<string, SeveritySetting>>,
  kb?: KnowledgeBase,
): Diagnostic[] {
  return toDiagnostics(collectProblems(doc, config, kb), doc.lines, config, userRules);
}
