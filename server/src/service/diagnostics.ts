/**
 * Diagnostics: parser problems plus every registered check, with the severity each code has
 * after the schema file and the user's settings. Each diagnostic carries its stable code and,
 * in `data`, what its quick-fix needs.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { PressDocument } from './model';
import { severityOf, type Severity, type SeveritySetting } from './rules';
import { problemsBytes, type Check, type CheckContext, type Problem } from './checks/check';
import { paragraphs, parseParagraph, PARAGRAPH_OFFSET } from './paragraphs';
import { ContentCache } from './lru';
import { checkTypes } from './checks/types';
import { checkFrontMatter } from './checks/frontMatter';
import { checkEntities } from './checks/entities';
import { checkDates } from './checks/dates';
import { checkMentionEchoes, checkMentions } from './checks/mentions';
import type { PipelineInputs } from './mentions/candidate';
import { inputsKey, withProjectSettings } from './mentions/suggestions';
import { checkConsistency } from './checks/consistency';
import { checkBoundaries } from './checks/boundaries';
import { checkSchemaFile } from './checks/schema';
import { KnowledgeBase } from './kb/knowledgeBase';
import type { LineIndex } from './text';
import { sortInPlace } from './sort';

/**
 * Checks whose problems depend on the whole document: the front matter, and the consistency of
 * the annotations of the same words across paragraphs. A new check is one file in checks/ and one
 * line here or in PARAGRAPH_CHECKS.
 */
export const DOCUMENT_CHECKS: readonly Check[] = [checkFrontMatter, checkConsistency, checkSchemaFile, checkMentionEchoes];

/**
 * Checks whose problems about an annotation or a mention depend only on the paragraph it stands
 * in, the front matter, the configuration and the knowledge base: they run per paragraph, and
 * an unchanged paragraph's problems are reused (a keystroke re-checks one paragraph).
 */
export const PARAGRAPH_CHECKS: readonly Check[] = [checkTypes, checkEntities, checkDates, checkBoundaries, checkMentions];

/** Every check. */
export const CHECKS: readonly Check[] = [...DOCUMENT_CHECKS, ...PARAGRAPH_CHECKS];

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
const problemMemo = new WeakMap<PressDocument, { config: ProjectConfig; kb: KnowledgeBase; inputs: string; problems: readonly Problem[] }>();

/**
 * `mentionInputs`: the workspace's learned names, the user's rejections and the document's path
 * (mentions/candidate.ts), for the mention suggestions; the caches are keyed by their versions.
 */
export function collectProblems(doc: PressDocument, config: ProjectConfig, kb: KnowledgeBase = EMPTY_KB, given?: PipelineInputs): readonly Problem[] {
  const mentionInputs = withProjectSettings(given, config);
  const key = inputsKey(mentionInputs);
  const inputs = key.join('\u0000') + '\u0000' + (mentionInputs?.path ?? '');
  const memo = problemMemo.get(doc);
  if (memo && memo.config === config && memo.kb === kb && memo.inputs === inputs) return memo.problems;
  const problems = computeProblems(doc, config, kb, mentionInputs, key);
  problemMemo.set(doc, { config, kb, inputs, problems });
  return problems;
}

function computeProblems(doc: PressDocument, config: ProjectConfig, kb: KnowledgeBase, mentionInputs: PipelineInputs | undefined, inputsKey: string[]): Problem[] {
  const out: Problem[] = [...doc.problems];
  // Without a `date` key the date check implies a publication date from the whole document:
  // its problems are not paragraph-local then.
  const perParagraph = !!doc.frontMatter?.entries.some((e) => e.key === 'date');
  for (const check of perParagraph ? DOCUMENT_CHECKS : CHECKS) runCheck(check, { doc, config, kb, mentionInputs }, out);
  if (perParagraph) {
    const cache = paragraphCacheOf(kb, config);
    const fm = frontMatterKey(doc.text.slice(0, doc.bodyStart));
    for (const p of paragraphs(doc)) {
      const found = cache.cached(
        [fm, ...inputsKey, doc.text.slice(p.start, p.end)],
        () => {
          const problems: Problem[] = [];
          const sub = parseParagraph(doc.text.slice(p.start, p.end), doc);
          for (const check of PARAGRAPH_CHECKS) runCheck(check, { doc: sub, config, kb, mentionInputs }, problems);
          return problems;
        },
        // the problems, and the paragraph parsed alone that their strings may be cut from
        (problems) => problemsBytes(problems) + 2 * (p.end - p.start),
      );
      const delta = p.start - PARAGRAPH_OFFSET;
      for (const problem of found) out.push(shiftProblem(problem, delta));
    }
  }
  return sortInPlace(out, (a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function runCheck(check: Check, ctx: CheckContext, out: Problem[]): void {
  try {
    for (const p of check(ctx)) out.push(p);
  } catch (e) {
    out.push({ code: 'internal.error', span: { start: 0, end: 0 }, message: `Internal error in a check: ${String(e)}` });
  }
}

/**
 * Problems of paragraphs by (front matter, paragraph text), per knowledge base and configuration:
 * at most MAX_PARAGRAPHS paragraphs and about PARAGRAPH_BYTES, least recently used dropped first
 * (800 keystrokes in a 500 KB paragraph make 800 entries of ~4 MB each: the bytes bound them).
 */
const paragraphProblems = new WeakMap<KnowledgeBase, WeakMap<ProjectConfig, ContentCache<Problem[]>>>();
const MAX_PARAGRAPHS = 10_000;
const PARAGRAPH_BYTES = 12 * 2 ** 20;

function paragraphCacheOf(kb: KnowledgeBase, config: ProjectConfig): ContentCache<Problem[]> {
  let byConfig = paragraphProblems.get(kb);
  if (!byConfig) paragraphProblems.set(kb, (byConfig = new WeakMap()));
  let cache = byConfig.get(config);
  if (!cache) byConfig.set(config, (cache = new ContentCache(MAX_PARAGRAPHS, PARAGRAPH_BYTES)));
  return cache;
}

/**
 * A short key standing for a front matter's text: the paragraph cache keys by it instead of the
 * text, which may be long (hashing 32 KB of front matter for each of 2,000 paragraphs would cost
 * more than the checks). Each distinct text gets its own number (kept while used, compared in
 * full by the ContentCache), so equal keys mean equal front matters.
 */
const frontMatterKeys = new ContentCache<string>(256, 16 * 2 ** 20);
let frontMatterCount = 0;

function frontMatterKey(text: string): string {
  return frontMatterKeys.cached([text], () => `fm${++frontMatterCount}`, () => 0);
}

/** A problem moved by `delta`: its span and the spans (`{start, end}`) in its fix data. */
function shiftProblem(p: Problem, delta: number): Problem {
  const moved: Problem = { ...p, span: { start: p.span.start + delta, end: p.span.end + delta } };
  if (p.data) moved.data = shiftSpans(p.data, delta) as Record<string, unknown>;
  return moved;
}

/**
 * Objects of fix data known to hold no `{start, end}` object (nobody changes a problem, and many
 * share one data object: the `mention.unannotated` ones of a name), so that a keystroke in a long
 * paragraph does not walk them all again, a key list per object (issue 12, the typing budget).
 */
const SPAN_FREE = new WeakSet<object>();

/** `v` with every `{start, end}` object in it moved by `delta`; `v` itself when it holds none. */
function shiftSpans(v: unknown, delta: number): unknown {
  if (!v || typeof v !== 'object') return v;
  if (SPAN_FREE.has(v)) return v;
  const moved = shiftSpansOf(v, delta);
  if (moved === v) SPAN_FREE.add(v);
  return moved;
}

function shiftSpansOf(v: object, delta: number): unknown {
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x) => {
      const y = shiftSpans(x, delta);
      if (y !== x) changed = true;
      return y;
    });
    return changed ? out : v;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') return { start: o.start + delta, end: o.end + delta };
  let out: Record<string, unknown> | undefined;
  for (const k of keys) {
    const y = shiftSpans(o[k], delta);
    if (y !== o[k]) (out ??= { ...o })[k] = y;
  }
  return out ?? v;
}

/**
 * The `data` of diagnostics (`{ code, ...fix data }`) by their problem's data object: the problems
 * of one name share one data object (checks/mentions.ts), and so do their diagnostics now, instead
 * of a copy each (25,000 diagnostics in a 1 MB document). Nobody changes a diagnostic.
 */
const diagnosticData = new WeakMap<object, { code: string; data: Record<string, unknown> }>();

function dataOf(p: Problem & { data: Record<string, unknown> }): Record<string, unknown> {
  const known = diagnosticData.get(p.data);
  if (known && known.code === p.code) return known.data;
  const data = { code: p.code, ...p.data };
  diagnosticData.set(p.data, { code: p.code, data });
  return data;
}

export function toDiagnostic(p: Problem, severity: Severity, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.range(p.span),
    severity: LSP_SEVERITY[severity],
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (p.data) d.data = dataOf(p as Problem & { data: Record<string, unknown> });
  return d;
}

/** Problems as LSP diagnostics, with severities applied and `off` rules dropped. */
export function toDiagnostics(
  problems: readonly Problem[],
  lines: LineIndex,
  config: ProjectConfig,
  userRules?: Readonly<Record<string, SeveritySetting>>,
): Diagnostic[] {
  return toDiagnosticsUpTo(problems, lines, config, userRules, Infinity).diagnostics;
}

/**
 * Problems as a report's rows show them: range, severity, code and message, without `source` and
 * the fix `data` (severities applied, `off` rules dropped). `pressmark check` in text and JSON
 * prints nothing more, and copying the data of each of a corpus's hundreds of thousands of
 * diagnostics was garbage made for nothing.
 */
export function toReportDiagnostics(problems: readonly Problem[], lines: LineIndex, config: ProjectConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const sev = severityOf(p.code, config.rules, undefined);
    if (sev === 'off') continue;
    out.push({ range: lines.range(p.span), severity: LSP_SEVERITY[sev], code: p.code, message: p.message });
  }
  return out;
}

/**
 * The first `max` diagnostics and how many there are in all: the rest are counted, not made
 * (an editor is sent at most pressmark.analysis.maxProblems; making 11,800 LSP objects per
 * keystroke to send 1,000 was most of a long paragraph's garbage).
 */
export function toDiagnosticsUpTo(
  problems: readonly Problem[],
  lines: LineIndex,
  config: ProjectConfig,
  userRules: Readonly<Record<string, SeveritySetting>> | undefined,
  max: number,
): { diagnostics: Diagnostic[]; total: number } {
  const out: Diagnostic[] = [];
  let total = 0;
  for (const p of problems) {
    const sev = severityOf(p.code, config.rules, userRules);
    if (sev === 'off') continue;
    if (total++ < max) out.push(toDiagnostic(p, sev, lines));
  }
  return { diagnostics: out, total };
}

export function computeDiagnostics(
  doc: PressDocument,
  config: ProjectConfig,
  userRules?: Readonly<Record<string, SeveritySetting>>,
  kb?: KnowledgeBase,
  mentionInputs?: PipelineInputs,
): Diagnostic[] {
  return toDiagnostics(collectProblems(doc, config, kb, mentionInputs), doc.lines, config, userRules);
}
