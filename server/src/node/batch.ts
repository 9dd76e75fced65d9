/**
 * Corpus-scale work: one job per file (check a .press, import a raw release, export a .press,
 * import a brat pair or a JSONL line), run in this thread or spread over worker threads, the
 * results handed back in job order. A job never throws: a malformed input gives a failed result
 * with its problems (file, line, column), an input that cannot be read, an output that cannot be
 * written or an exception a failed result with its `fault`, and the batch goes on. Every input
 * is read through readFileGuarded (files.ts); writes are atomic (atomic.ts).
 *
 * Workers run this same module: the pool starts each worker with a one-line script that
 * requires this file (the CLI bundle, or the compiled module in tests), and the check at the
 * bottom turns it into a worker when it finds its marker in `workerData`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { fromPress, toPress, type CorpusProblem } from '../service/corpus/document';
import { importRelease } from '../service/corpus/release';
import { toJsonl, fromJsonl } from '../service/corpus/jsonl';
import { fromBrat, toBrat, type Normalization } from '../service/corpus/brat';
import { toConll } from '../service/corpus/conll';
import { toDoccano } from '../service/corpus/doccano';
import { toLabelStudio } from '../service/corpus/labelstudio';
import { toSpacy, type SpacyLayer } from '../service/corpus/spacy';
import type { OffsetUnit } from '../service/corpus/foreign';
import { resolveTimexValues, toTimeml } from '../service/corpus/timeml';
import { LineIndex } from '../service/text';
import { parse } from '../service/parser';
import { plainText } from '../service/plain';
import { tokenize } from '../service/corpus/tokens';
import { collectProblems, severityName, toDiagnostic, toReportDiagnostics } from '../service/diagnostics';
import { fixesOf } from '../service/codeActions';
import { artifactLocationOf, sarifFix, sarifResult, type ArtifactLocation } from '../service/sarif';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityOf } from '../service/rules';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import type { KnowledgeBase } from '../service/kb/knowledgeBase';
import { findMentionsInDocument } from '../service/mentions/document';
import { ProjectConfigs } from './projectConfig';
import { WorkspaceKnowledgeBase } from './workspaceKb';
import { RejectionFiles } from './rejectFiles';
import type { PipelineInputs } from '../service/mentions/candidate';
import { WriteError, writeFilesAtomic, type WriteOutcome } from './atomic';
import { describe as describeCode, isProvided, provideFile, providedFiles, readFileGuarded, type FileRefusal } from './files';
import { failIfInjected } from './faults';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export type ExportFormat = 'brat' | 'jsonl' | 'conll' | 'timeml' | 'doccano' | 'labelstudio' | 'spacy';

/** Options of the interchange formats (doccano's offsets, Label Studio's `annotations`/`predictions`, spaCy's layer). */
export interface FormatOptions {
  offsets?: OffsetUnit;
  as?: 'annotations' | 'predictions';
  layer?: SpacyLayer;
}

/** The output formats of `pressmark check`. */
export type CheckFormat = 'text' | 'json' | 'sarif';

export type Job =
  | { kind: 'raw'; input: string; output: string; force: boolean; keepDateline: boolean; annotate: boolean }
  | { kind: 'export'; input: string; id: string; format: ExportFormat; outDir: string | undefined; force: boolean; options?: FormatOptions }
  | { kind: 'from-brat'; ann: string; output: string; force: boolean }
  | { kind: 'from-jsonl'; file: string; line: number; text: string; outDir: string; force: boolean; options?: FormatOptions }
  | { kind: 'stats'; input: string; mentions: boolean }
  | { kind: 'check'; input: string; display: string; format: CheckFormat }
  /** An input found unreadable before the run (a folder, a JSONL file): reported in its place. */
  | { kind: 'unreadable'; input: string; message: string };

/** What `pressmark stats` needs of one document. */
export interface DocumentStats {
  characters: number;
  tokens: number;
  /** [type, id or null, label text] of every annotation. */
  annotations: Array<[string, string | null, string]>;
  /** Error-level problems (the same as `pressmark check`), with the first one's position. */
  errors: number;
  firstError?: JobProblem;
  /** Names and dates the mention finder sees that no annotation covers. */
  mentions: Array<{ text: string; type: string; id: string; line: number; column: number }>;
}

export interface JobProblem {
  file: string;
  /** 1-based; columns count UTF-16 code units, as `pressmark check` and editors do. */
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Why a job failed other than by a refused input: `unreadable` (an input could not be read) and
 * `unwritable` (an output could not be written: a full disk, no permission) end the command with
 * exit code 2; `internal` (an exception: a Pressmark bug) with 1. The message names the file.
 */
export interface JobFault {
  kind: 'unreadable' | 'unwritable' | 'internal';
  file: string;
  message: string;
}

export interface JobResult {
  /**
   * written: output written; exists: not written, the output exists (no --force); unchanged:
   * --force, and the output already holds these bytes (not written); failed: input refused, or
   * a fault; done: nothing to write (chunk, stats, check).
   */
  status: 'written' | 'exists' | 'unchanged' | 'failed' | 'done' | 'skipped';
  /** Why a record was skipped (status `skipped`: Prodigy's answer reject or ignore, a cancelled Label Studio task). */
  skipped?: string;
  fault?: JobFault;
  /** The files written or found existing. */
  outputs: string[];
  problems: JobProblem[];
  /** JSONL or CoNLL text of the document, for the caller to concatenate in order. */
  chunk?: string;
  /** Annotation types the document uses (brat: for annotation.conf). */
  types?: string[];
  stats?: DocumentStats;
  /**
   * `pressmark check`: the document's problems as output (`text`: its rows, each ended by a line
   * break; `json`: its rows joined by `,\n  `, for the caller to frame), how many rows and errors.
   * One string, not a string per row: results cross from workers by copy.
   */
  check?: { output: string; rows: number; errors: number };
  /**
   * `export`: the document has errors (those of `pressmark check`, or a TIMEX3 TimeML cannot
   * hold as it is): reported, not written unless --force, and the command exits 1 either way.
   */
  invalid?: true;
}

/** What every job of a batch shares (it crosses to the workers, so plain data). */
export interface BatchContext {
  /** Workspace knowledge-base files (`*.kb.yaml`) to lay over the built-in one. */
  kbFiles: string[];
}

// ---------------------------------------------------------------------------------------------
// Per-thread resources, loaded on first use
// ---------------------------------------------------------------------------------------------

interface Resources {
  kb: KnowledgeBase;
  /** `${type}\t${qid}` → id. */
  byQid: Map<string, string>;
}

let resources: { key: string; value: Resources } | undefined;
const configs = new ProjectConfigs();
/** The rejection files (pressmark.reject.yaml) that apply to the documents, found as pressmark.yaml is. */
const rejectFiles = new RejectionFiles();

/** A document's rejections (`check`, `stats`): those of the rejection file that applies to it. */
function rejectionsFor(file: string): PipelineInputs {
  const loaded = rejectFiles.forFile(file);
  return { rejections: loaded.rejections, path: loaded.file ? RejectionFiles.relativePath(loaded.file, file) : undefined, demonyms: configs.forFile(file).config.mentions?.demonyms === true };
}

function kbOf(ctx: BatchContext): Resources {
  const key = JSON.stringify(ctx.kbFiles);
  if (resources?.key === key) return resources.value;
  const builtin = loadBuiltinKbWithInfo();
  let kb = builtin.kb;
  if (ctx.kbFiles.length) {
    const ws = new WorkspaceKnowledgeBase(builtin.kb, (f) => configs.forFile(f).config);
    for (const f of ctx.kbFiles) ws.read(path.resolve(f));
    kb = ws.knowledgeBase();
  }
  const byQid = new Map<string, string>();
  for (const e of kb.all()) if (e.wikidata && !byQid.has(`${e.type}\t${e.wikidata}`)) byQid.set(`${e.type}\t${e.wikidata}`, e.id);
  resources = { key, value: { kb, byQid } };
  return resources.value;
}

function isTimexFor(file: string): (type: string) => boolean {
  const types = configs.forFile(file).config.types;
  return (t) => types.get(t)?.timex ?? false;
}

function normalizations(kb: KnowledgeBase, type: string, id: string): Normalization[] {
  const e = kb.get(type, id);
  const out: Normalization[] = [];
  if (e?.wikidata) out.push({ db: 'Wikidata', key: e.wikidata, name: e.name });
  const g = type === 'place' ? /^G(\d+)$/.exec(id) : null;
  if (g) out.push({ db: 'GeoNames', key: g[1], name: e?.name ?? id });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------

/** Inputs larger than this are refused (a JSONL corpus in one file included). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** An input that could not be read; the message names the file and says why. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly reason: FileRefusal,
  ) {
    super(message);
  }
}

export interface InputText {
  /** UTF-8 decoded, a byte order mark kept. */
  text: string;
  bytes: Buffer;
  validUtf8: boolean;
}

/**
 * Reads a file the user gave (a document, a corpus file): the one reader of every CLI input,
 * through readFileGuarded (devices, FIFOs and /proc files refused or bounded, at most
 * MAX_INPUT_BYTES). Throws InputError.
 */
export function readInput(file: string): InputText {
  const read = readFileGuarded(file, { maxBytes: MAX_INPUT_BYTES });
  if (!read.ok) throw new InputError(read.message, read.reason);
  return read;
}

/** The text of an input whose words go into an output, with a warning when bytes were not UTF-8. */
function readText(file: string, problems?: JobProblem[]): string {
  const read = readInput(file);
  if (!read.validUtf8) problems?.push(notUtf8(file));
  return read.text;
}

function notUtf8(file: string): JobProblem {
  return { file, line: 1, column: 1, severity: 'warning', message: 'the file is not valid UTF-8: its invalid bytes were read as U+FFFD' };
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function located(file: string, lines: LineIndex | undefined, problems: readonly CorpusProblem[]): JobProblem[] {
  return problems.map((p) => {
    const pos = lines ? lines.positionAt(p.offset) : { line: 0, character: 0 };
    return { file, line: pos.line + 1, column: pos.character + 1, severity: p.severity, message: p.message };
  });
}

/** A document's outputs, all or nothing (atomic.ts). */
function write(files: Array<[string, string]>, force: boolean): WriteOutcome {
  return writeFilesAtomic(files, { force });
}

function runRaw(job: Extract<Job, { kind: 'raw' }>, ctx: BatchContext): JobResult {
  const read: JobProblem[] = [];
  const text = readText(job.input, read);
  failIfInjected(job.input);
  const { kb } = kbOf(ctx);
  const result = importRelease(text, kb, { keepDateline: job.keepDateline, annotate: job.annotate });
  const problems = [...read, ...located(job.input, undefined, result.problems)];
  if (result.text === undefined) return { status: 'failed', outputs: [], problems };
  return { status: write([[job.output, result.text]], job.force), outputs: [job.output], problems };
}

function runExport(job: Extract<Job, { kind: 'export' }>, ctx: BatchContext): JobResult {
  const problems: JobProblem[] = [];
  // The byte order mark stays: fromPress records it (`bom`), and an import writes it back.
  const text = readText(job.input, problems);
  failIfInjected(job.input);
  const read = fromPress(text);
  problems.push(...located(job.input, read.parsed.lines, read.problems));
  if (!read.doc) return { status: 'failed', outputs: [], problems };
  const doc = read.doc;
  const isTimex = isTimexFor(job.input);
  const types = [...new Set(doc.spans.map((s) => s.type))];
  // The errors `pressmark check` finds (the same checks, knowledge base and rejections): the
  // document is reported and, unless --force, not exported.
  const config = configs.forFile(job.input).config;
  const checked = text.charCodeAt(0) === 0xfeff ? parse(withoutBom(text)) : read.parsed;
  let invalid = false;
  for (const p of collectProblems(checked, config, kbOf(ctx).kb, rejectionsFor(job.input))) {
    if (severityOf(p.code, config.rules) !== 'error') continue;
    const pos = checked.lines.positionAt(p.span.start);
    problems.push({ file: job.input, line: pos.line + 1, column: pos.character + 1, severity: 'error', message: `${p.message} (${p.code})` });
    invalid = true;
  }
  /** The result of a document whose outputs are ready: refused when it has errors, unless --force. */
  const base: JobResult = { status: 'done', outputs: [], problems, types };
  const finish = (writeOut: () => JobResult): JobResult => {
    if (!invalid) return writeOut();
    if (!job.force) return { ...base, status: 'failed', invalid: true };
    return { ...writeOut(), invalid: true };
  };
  switch (job.format) {
    case 'jsonl': {
      const { kb } = kbOf(ctx);
      const chunk = toJsonl(job.id, doc, { isTimex, wikidata: (type, id) => kb.get(type, id)?.wikidata }) + '\n';
      return finish(() => ({ ...base, chunk }));
    }
    case 'conll': {
      const chunk = toConll(doc);
      return finish(() => ({ ...base, chunk }));
    }
    case 'doccano': {
      const chunk = toDoccano(job.id, doc, { offsets: job.options?.offsets ?? 'utf-16' }) + '\n';
      return finish(() => ({ ...base, chunk }));
    }
    case 'labelstudio': {
      // One task; the caller frames the tasks as a JSON array.
      const chunk = toLabelStudio(job.id, doc, { as: job.options?.as ?? 'annotations' });
      return finish(() => ({ ...base, chunk }));
    }
    case 'spacy': {
      const chunk = toSpacy(job.id, doc, { layer: job.options?.layer ?? 'outermost', isTimex }) + '\n';
      return finish(() => ({ ...base, chunk }));
    }
    case 'brat': {
      const { kb } = kbOf(ctx);
      const files = toBrat(doc, { normalizations: (type, id) => normalizations(kb, type, id) });
      const stem = path.join(job.outDir!, job.id);
      const out: Array<[string, string]> = [
        [stem + '.txt', files.txt],
        [stem + '.ann', files.ann],
      ];
      if (files.sidecar !== undefined) out.push([stem + '.meta.json', files.sidecar]);
      return finish(() => ({ ...base, status: write(out, job.force), outputs: out.map(([f]) => f) }));
    }
    case 'timeml': {
      const result = toTimeml(job.id, doc, isTimex, { resolved: resolveTimexValues(read.parsed, isTimex) });
      for (const p of result.problems) {
        const pos = p.span >= 0 ? read.parsed.lines.positionAt(read.spanSources[p.span]) : { line: 0, character: 0 };
        problems.push({ file: job.input, line: pos.line + 1, column: pos.character + 1, severity: p.severity, message: `${p.message} (${p.code})` });
        if (p.severity === 'error') invalid = true;
      }
      if (result.replaced) problems.push({ file: job.input, line: 1, column: 1, severity: 'warning', message: `${result.replaced} character(s) XML cannot carry were replaced by U+FFFD` });
      if (doc.meta.date === undefined) problems.push({ file: job.input, line: 1, column: 1, severity: 'warning', message: 'no `date` in the front matter: the TimeML file has no DCT' });
      const file = path.join(job.outDir!, job.id + '.tml');
      return finish(() => ({ ...base, status: write([[file, result.text]], job.force), outputs: [file] }));
    }
  }
}

function runFromBrat(job: Extract<Job, { kind: 'from-brat' }>, ctx: BatchContext): JobResult {
  const stem = job.ann.slice(0, -'.ann'.length);
  const problems: JobProblem[] = [];
  const ann = readText(job.ann, problems);
  let txt: string;
  try {
    txt = readText(stem + '.txt', problems);
  } catch (e) {
    if (!(e instanceof InputError) || e.reason !== 'not-found') throw e;
    return { status: 'failed', outputs: [], problems: [{ file: job.ann, line: 1, column: 1, severity: 'error', message: `no ${path.basename(stem)}.txt beside it` }] };
  }
  const sidecar = fs.existsSync(stem + '.meta.json') ? readText(stem + '.meta.json', problems) : undefined;
  failIfInjected(job.ann);
  const { byQid } = kbOf(ctx);
  const read = fromBrat(txt, ann, sidecar, { resolve: (type, db, key) => (db === 'Wikidata' ? byQid.get(`${type}\t${key}`) : undefined) });
  const annLines = new LineIndex(ann);
  problems.push(...located(job.ann, annLines, read.problems));
  // An error (an id that cannot be written, ...) refuses the document: nothing is dropped silently.
  if (read.problems.some((p) => p.severity === 'error')) return { status: 'failed', outputs: [], problems };
  const written = toPress(read.doc!);
  problems.push(...located(stem + '.txt', new LineIndex(txt), written.problems));
  if (written.text === undefined) return { status: 'failed', outputs: [], problems };
  return { status: write([[job.output, written.text]], job.force), outputs: [job.output], problems };
}

/** A safe relative path for a document id (no `..`, no absolute paths, no odd characters). */
export function safeRelative(id: string): string | undefined {
  const parts = id
    .split(/[\\/]+/)
    .filter((p) => p !== '' && p !== '.')
    .map((p) => p.replace(/[\x00-\x1f<>:"|?*]/g, '_'));
  if (parts.length === 0 || parts.some((p) => p === '..')) return undefined;
  return parts.join(path.sep);
}

function runFromJsonl(job: Extract<Job, { kind: 'from-jsonl' }>, ctx: BatchContext): JobResult {
  void ctx;
  const fail = (message: string, column = 1): JobResult => ({ status: 'failed', outputs: [], problems: [{ file: job.file, line: job.line, column, severity: 'error', message }] });
  const probe = path.join(job.outDir, 'x.press');
  const read = fromJsonl(job.text, { isTimex: isTimexFor(probe), doccano: { offsets: job.options?.offsets ?? 'utf-16' } });
  const problems: JobProblem[] = read.problems.map((p) => ({ file: job.file, line: job.line, column: p.offset + 1, severity: p.severity, message: p.message }));
  if (read.skipped) return { status: 'skipped', skipped: read.skipped, outputs: [], problems };
  if (!read.doc || read.problems.some((p) => p.severity === 'error')) return { status: 'failed', outputs: [], problems };
  const rel = safeRelative(read.id ?? `line-${job.line}`);
  if (!rel) return fail(`the id ${JSON.stringify(read.id)} is not a usable file name`);
  const output = path.join(job.outDir, rel.endsWith('.press') ? rel : rel + '.press');
  const written = toPress(read.doc);
  problems.push(...written.problems.map((p) => ({ file: job.file, line: job.line, column: 1, severity: p.severity, message: p.message })));
  if (written.text === undefined) return { status: 'failed', outputs: [], problems };
  return { status: write([[output, written.text]], job.force), outputs: [output], problems };
}

function runStats(job: Extract<Job, { kind: 'stats' }>, ctx: BatchContext): JobResult {
  const text = withoutBom(readInput(job.input).text);
  failIfInjected(job.input);
  const parsed = parse(text);
  const config = configs.forFile(job.input).config;
  const { kb } = kbOf(ctx);
  const inputs = rejectionsFor(job.input);
  const errors = collectProblems(parsed, config, kb, inputs).filter((p) => severityOf(p.code, config.rules) === 'error');
  const plain = plainText(parsed);
  const stats: DocumentStats = {
    characters: [...plain.text].length,
    tokens: tokenize(plain.text).length,
    annotations: parsed.all.map((a) => [a.type, a.id ?? null, a.text]),
    errors: errors.length,
    mentions: [],
  };
  if (errors.length) {
    const pos = parsed.lines.positionAt(errors[0].span.start);
    stats.firstError = { file: job.input, line: pos.line + 1, column: pos.character + 1, severity: 'error', message: `${errors[0].message} (${errors[0].code})` };
  }
  if (job.mentions) {
    for (const m of findMentionsInDocument(parsed, kb, undefined, { inputs })) {
      const pos = parsed.lines.positionAt(m.start);
      stats.mentions.push({ text: m.text, type: m.type, id: m.id, line: pos.line + 1, column: pos.character + 1 });
    }
  }
  return { status: 'done', outputs: [], problems: [], stats };
}

/**
 * `pressmark check` of one document: its diagnostics (the same as the editor's) as output rows,
 * `file:line:col severity message (code)` or one JSON object per problem.
 */
function runCheckJob(job: Extract<Job, { kind: 'check' }>, ctx: BatchContext): JobResult {
  const text = withoutBom(readInput(job.input).text);
  failIfInjected(job.input);
  const config = configs.forFile(job.input).config;
  const doc = parse(text);
  const { kb } = kbOf(ctx);
  const inputs = rejectionsFor(job.input);
  const problems = collectProblems(doc, config, kb, inputs);
  if (job.format !== 'sarif') return { status: 'done', outputs: [], problems: [], check: checkOutput(job.display, toReportDiagnostics(problems, doc.lines, config), job.format) };
  // SARIF: each diagnostic with its quick-fixes (the editor's), as `fixes`.
  const uri = pathToFileURL(path.resolve(job.input)).href;
  const here = sarifLocation(job.display, job.input);
  const locate = (u: string) => (u === uri ? here : u.startsWith('file:') ? sarifLocation(displayPath(fileURLToPath(u)), fileURLToPath(u)) : { uri: u });
  const diagnostics: Diagnostic[] = [];
  const fixes: object[][] = [];
  for (const p of problems) {
    const severity = severityOf(p.code, config.rules);
    if (severity === 'off') continue;
    const d = toDiagnostic(p, severity, doc.lines);
    diagnostics.push(d);
    fixes.push(fixesOf(doc, uri, p, d, kb, inputs).flatMap((a) => sarifFix(a, locate) ?? []));
  }
  return { status: 'done', outputs: [], problems: [], check: checkOutput(job.display, diagnostics, 'sarif', { location: here, fixes }) };
}

/** A path as `pressmark check` shows it: relative to the current folder when under it. */
export function displayPath(f: string): string {
  return path.isAbsolute(f) ? path.relative(process.cwd(), f) || f : f;
}

/** The SARIF artifact location of a file, shown as `display`. */
export function sarifLocation(display: string, file: string): ArtifactLocation {
  return artifactLocationOf(display.split(path.sep).join('/'), pathToFileURL(path.resolve(file)).href);
}

/**
 * A file's diagnostics as `pressmark check` prints them (see JobResult.check): `text`, lines
 * `file:line:col severity message (code)`; `json`, one object per problem, joined by `,\n  `.
 */
export function checkOutput(
  file: string,
  diagnostics: readonly Diagnostic[],
  format: CheckFormat,
  sarif?: { location: ArtifactLocation; fixes?: ReadonlyArray<readonly object[]> },
): { output: string; rows: number; errors: number } {
  const rows: string[] = [];
  let errors = 0;
  if (format === 'sarif') {
    const location = sarif?.location ?? sarifLocation(file, file);
    diagnostics.forEach((d, i) => {
      if (severityName(d.severity) === 'error') errors++;
      rows.push(sarifResult(location, d, sarif?.fixes?.[i]));
    });
    return { output: rows.join(',\n        '), rows: rows.length, errors };
  }
  // JSON rows are written field by field (the same text JSON.stringify gives for the object
  // {file, range, severity, code, message}): a corpus has hundreds of thousands of them.
  const fileJson = JSON.stringify(file);
  for (const d of diagnostics) {
    const severity = severityName(d.severity);
    if (severity === 'error') errors++;
    const { start, end } = d.range;
    rows.push(
      format === 'json'
        ? `{"file":${fileJson},"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}},"severity":"${severity}","code":${JSON.stringify(String(d.code))},"message":${JSON.stringify(d.message)}}`
        : `${file}:${start.line + 1}:${start.character + 1} ${severity} ${d.message} (${d.code})\n`,
    );
  }
  return { output: rows.join(format === 'json' ? ',\n  ' : ''), rows: rows.length, errors };
}

/** The fault of an exception: an input not read, an output not written, or a bug. */
function faultOf(file: string, e: unknown): JobFault {
  if (e instanceof InputError) return { kind: 'unreadable', file, message: e.message };
  if (e instanceof WriteError) return { kind: 'unwritable', file: e.file, message: e.message };
  const err = e as NodeJS.ErrnoException | undefined;
  if (typeof err?.code === 'string') {
    const reading = ['open', 'read', 'stat', 'lstat', 'fstat', 'scandir', 'realpath'].includes(err.syscall ?? '');
    const where = err.path ?? file;
    return { kind: reading ? 'unreadable' : 'unwritable', file: where, message: `cannot ${reading ? 'read' : 'write'} ${where}: ${describeCode(err.code)}` };
  }
  return { kind: 'internal', file, message: `${file}: internal error: ${err?.message ?? String(e)}` };
}

/** The `internal.error` diagnostic of a file whose check threw (it carries the file in every output). */
export function internalErrorDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'internal.error',
    source: 'pressmark',
    message: `Internal error: ${message} (a Pressmark bug: please report it).`,
  };
}

/** Runs one job. Never throws: an exception is a failed result with its fault. */
export function runJob(job: Job, ctx: BatchContext): JobResult {
  const file = job.kind === 'from-brat' ? job.ann : job.kind === 'from-jsonl' ? job.file : job.input;
  try {
    switch (job.kind) {
      case 'raw':
        return runRaw(job, ctx);
      case 'export':
        return runExport(job, ctx);
      case 'from-brat':
        return runFromBrat(job, ctx);
      case 'from-jsonl':
        return runFromJsonl(job, ctx);
      case 'stats':
        return runStats(job, ctx);
      case 'check':
        return runCheckJob(job, ctx);
      case 'unreadable':
        return { status: 'failed', outputs: [], problems: [], fault: { kind: 'unreadable', file, message: job.message } };
    }
  } catch (e) {
    const fault = faultOf(job.kind === 'from-jsonl' ? `${job.file}:${job.line}` : file, e);
    const result: JobResult = { status: 'failed', outputs: [], problems: [], fault };
    if (job.kind === 'check' && fault.kind === 'internal') {
      // In the output, in its place, with its file: a file whose check failed never passes.
      result.check = checkOutput(job.display, [internalErrorDiagnostic((e as Error | undefined)?.message ?? String(e))], job.format);
    }
    return result;
  }
}

/** What a batch command prints of a result, on stderr: its problems, then its fault. */
export function reportLines(r: JobResult): string[] {
  const lines = r.problems.map(formatProblem);
  if (r.fault) lines.push(`pressmark: ${r.fault.message}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Inputs, progress and the summary (shared by the import and export commands)
// ---------------------------------------------------------------------------------------------

export interface Input {
  file: string;
  /** The path under the folder it was found in (`sub/doc.txt`), or its name when given alone. */
  relative: string;
  /** Set when the input cannot be read (a folder that cannot be listed): the job reports it in its place. */
  unreadable?: string;
}

export interface Listing {
  inputs: Input[];
  /** What was left out and why (a link to a folder, a second name of one file): for stderr. */
  notes: string[];
}

export interface ListOptions {
  /** Folder names not searched (besides hidden ones). */
  skipDirs?: ReadonlySet<string>;
  /** Files named explicitly are kept only if they have one of the extensions. */
  onlyMatchingFiles?: boolean;
  /** One input per file: a second name of one file (a symbolic link to it) is left out, with a note. */
  dedupe?: boolean;
}

const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The files with one of `exts` under the folders given (sorted, hidden entries skipped) and the
 * files given by name (whatever their extension, unless onlyMatchingFiles). Nothing is skipped
 * silently: a symbolic link is followed to what it names (a file is an input, a folder is left
 * out with a note: walks do not follow links to folders), and an entry that is not a regular
 * file (a FIFO, a device, a dangling link) is an input that the reader then refuses with its
 * reason. Throws for an input given that does not exist (the caller's usage error).
 */
export function listInputs(inputs: readonly string[], exts: readonly string[], options: ListOptions = {}): Listing {
  const skip = options.skipDirs ?? SKIP_DIRS;
  const found: Array<Input & { link: boolean }> = [];
  const notes: string[] = [];
  const matches = (name: string) => exts.some((x) => name.endsWith(x));
  const walk = (root: string, dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch (e) {
      found.push({ file: dir, relative: path.relative(root, dir), link: false, unreadable: `cannot read the folder ${dir}: ${describeCode((e as NodeJS.ErrnoException).code)}` });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || skip.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(root, p);
      else if (e.isSymbolicLink() && isFolder(p)) notes.push(`${p}: skipped: a link to a folder (links to folders are not followed; name the folder to include it)`);
      else if (matches(e.name)) found.push({ file: p, relative: path.relative(root, p), link: e.isSymbolicLink() });
    }
  };
  for (const input of inputs) {
    if (isProvided(input)) {
      if (!options.onlyMatchingFiles || matches(input)) found.push({ file: input, relative: path.basename(input), link: false });
    } else if (fs.statSync(input).isDirectory()) walk(input, input);
    else if (!options.onlyMatchingFiles || matches(input)) found.push({ file: input, relative: path.basename(input), link: fs.lstatSync(input).isSymbolicLink() });
  }
  if (!options.dedupe) return { inputs: found.map(strip), notes };
  // One input per file: the one that is not a link, else the first.
  const chosen = new Map<string, Input & { link: boolean }>();
  const real = found.map((i) => (i.unreadable ? undefined : realpathOf(i.file)));
  found.forEach((i, k) => {
    const key = real[k];
    if (key === undefined) return;
    const first = chosen.get(key);
    if (!first || (first.link && !i.link)) chosen.set(key, i);
  });
  const inputsOut: Input[] = [];
  found.forEach((i, k) => {
    const key = real[k];
    const kept = key === undefined ? i : chosen.get(key)!;
    if (kept === i) inputsOut.push(strip(i));
    else notes.push(`${i.file}: skipped: the same file as ${kept.file}`);
  });
  return { inputs: inputsOut, notes };
}

function strip(i: Input & { link: boolean }): Input {
  return i.unreadable === undefined ? { file: i.file, relative: i.relative } : { file: i.file, relative: i.relative, unreadable: i.unreadable };
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The file a path names once its links are followed; undefined for a dangling link (its reader says why). */
function realpathOf(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** Shows `done/total` on stderr while a terminal watches; silent otherwise. */
export class Progress {
  private done = 0;
  private last = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly write: (s: string) => void,
    private readonly enabled: boolean,
    private readonly what = 'files',
  ) {}

  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && this.done < this.total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((this.done / Math.max(1, this.total)) * width);
    this.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${this.done}/${this.total} ${this.what}`);
    this.shown = true;
  }

  /** Clears the bar (call before printing anything else). */
  clear(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}

/** Counts of a batch, for the summary line and the exit code. */
export class Tally {
  written = 0;
  exists = 0;
  unchanged = 0;
  failed = 0;
  done = 0;
  warnings = 0;
  unreadable = 0;
  unwritable = 0;
  internal = 0;
  skipped = 0;
  /** Skipped records by reason (`reject`, `ignore`, `cancelled`). */
  readonly skippedBy = new Map<string, number>();

  add(r: JobResult): void {
    this[r.status]++;
    if (r.status === 'skipped') this.skippedBy.set(r.skipped ?? 'skipped', (this.skippedBy.get(r.skipped ?? 'skipped') ?? 0) + 1);
    if (r.fault) this[r.fault.kind]++;
    this.warnings += r.problems.filter((p) => p.severity === 'warning').length;
  }

  /** `12 written, 2 failed (1 could not be read), 1 skipped (the output exists: --force overwrites)` */
  summary(noun: string, count: number): string {
    const parts = [`${count} ${noun}${count === 1 ? '' : 's'}`];
    if (this.written) parts.push(`${this.written} written`);
    if (this.done) parts.push(`${this.done} converted`);
    if (this.unchanged) parts.push(`${this.unchanged} unchanged`);
    if (this.failed) {
      const why = [this.unreadable && `${this.unreadable} could not be read`, this.unwritable && `${this.unwritable} could not be written`, this.internal && `${this.internal} internal error${this.internal === 1 ? '' : 's'}`].filter(Boolean);
      parts.push(`${this.failed} failed${why.length ? ` (${why.join(', ')})` : ''}`);
    }
    if (this.skipped) parts.push(`${this.skipped} skipped (${[...this.skippedBy].map(([why, n]) => `${n} ${why === 'cancelled' ? 'cancelled' : `answer: ${why}`}`).join(', ')})`);
    if (this.exists) parts.push(`${this.exists} skipped (the output exists: --force overwrites)`);
    if (this.warnings) parts.push(`${this.warnings} warning${this.warnings === 1 ? '' : 's'}`);
    return parts.join(', ');
  }

  /** 2 when an input could not be read or an output written; else 1 when an input was refused, failed or its output existed; else 0. */
  get exitCode(): number {
    if (this.unreadable || this.unwritable) return 2;
    return this.failed || this.exists ? 1 : 0;
  }
}

/** `file:line:col` (the file as it was given). */
export function location(file: string, line: number, column: number): string {
  return `${file}:${line}:${column}`;
}

/** `file:line:col severity message`. */
export function formatProblem(p: JobProblem): string {
  return `${location(p.file, p.line, p.column)} ${p.severity} ${p.message}`;
}

/** The knowledge base's name of an entity (the batch's knowledge base, loaded in this thread). */
export function entityName(ctx: BatchContext, type: string, id: string): string | undefined {
  return kbOf(ctx).kb.get(type, id)?.name;
}

// ---------------------------------------------------------------------------------------------
// The pool
// ---------------------------------------------------------------------------------------------

const WORKER_MARK = 'pressmark-batch-worker';
/** Jobs sent to a worker at a time. */
const CHUNK = 32;
/** A worker silent for this long is given up on; its jobs run in this thread. */
const STALL_MS = 120_000;

export interface RunOptions {
  /** Threads to use (1: this thread only). */
  workers: number;
  /** Called once per job, in job order (results that come early from workers wait for theirs). */
  onResult(index: number, result: JobResult): void;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  /** The jobs it is working on: [start, end), or undefined when idle. */
  busy: [number, number] | undefined;
}

/**
 * Runs the jobs; results arrive through onResult, in this thread. Synchronous, also with
 * workers: this thread blocks on a shared counter that workers bump after each answer
 * (Atomics.wait) and takes the answers from their ports (receiveMessageOnPort), so commands
 * stay plain functions that return an exit code. If the workers cannot be started or stop
 * answering, the remaining jobs run here.
 */
export function runJobs(jobs: readonly Job[], ctx: BatchContext, options: RunOptions): void {
  const count = Math.max(1, Math.min(options.workers, Math.ceil(jobs.length / CHUNK)));
  // Results in job order: those that come early wait here (at most the chunks the workers hold).
  const early = new Map<number, JobResult>();
  let next = 0;
  const deliver = (i: number, r: JobResult): void => {
    if (i < next || early.has(i)) return; // answered twice (a worker that came back after it was given up on)
    early.set(i, r);
    for (let x = early.get(next); x; x = early.get(next)) {
      early.delete(next);
      options.onResult(next++, x);
    }
  };
  const local = (from: number, to: number) => {
    for (let i = from; i < to; i++) deliver(i, runJob(jobs[i], ctx));
  };
  if (count <= 1) return local(0, jobs.length);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const pool: Slot[] = [];
  const oldGenerationMb = Math.max(256, Math.ceil((4 * process.memoryUsage().heapUsed) / 2 ** 20));
  try {
    for (let k = 0; k < count; k++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(`require(${JSON.stringify(__filename)});`, {
        eval: true,
        workerData: { [WORKER_MARK]: true, ctx, port: port2, signal: signal.buffer, provided: providedFiles() },
        transferList: [port2],
        // A worker's live data is about what this thread holds (the knowledge bases); without a
        // limit V8 lets garbage pile up to gigabytes across a corpus before collecting it.
        resourceLimits: { maxOldGenerationSizeMb: oldGenerationMb },
      });
      worker.on('error', () => undefined); // a dead worker stops answering: its jobs then run here
      worker.unref();
      pool.push({ worker, port: port1, busy: undefined });
    }
  } catch {
    for (const slot of pool) void slot.worker.terminate();
    return local(0, jobs.length);
  }
  let sent = 0;
  let done = 0;
  const feed = (slot: Slot): void => {
    slot.busy = undefined;
    if (sent >= jobs.length) return;
    const start = sent;
    sent = Math.min(jobs.length, sent + CHUNK);
    slot.busy = [start, sent];
    slot.port.postMessage({ start, jobs: jobs.slice(start, sent) });
  };
  pool.forEach(feed);
  let lastAnswer = Date.now();
  while (done < jobs.length) {
    const seen = Atomics.load(signal, 0);
    let answered = false;
    for (const slot of pool) {
      for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
        const msg = m.message as { start: number; results: JobResult[] };
        msg.results.forEach((r, k) => deliver(msg.start + k, r));
        done += msg.results.length;
        answered = true;
        feed(slot);
      }
    }
    if (answered) {
      lastAnswer = Date.now();
      continue;
    }
    if (Atomics.wait(signal, 0, seen, 1000) === 'timed-out' && Date.now() - lastAnswer > STALL_MS) {
      // Workers gone quiet: finish here, the chunks they held first.
      for (const slot of pool) {
        if (slot.busy) {
          local(slot.busy[0], slot.busy[1]);
          done += slot.busy[1] - slot.busy[0];
          slot.busy = undefined;
        }
      }
      local(sent, jobs.length);
      done += jobs.length - sent;
      sent = jobs.length;
    }
  }
  for (const slot of pool) {
    slot.port.close();
    void slot.worker.terminate();
  }
}

function serveAsWorker(): void {
  const data = workerData as { ctx: BatchContext; port: MessagePort; signal: SharedArrayBuffer; provided?: Array<[string, Uint8Array]> };
  const signal = new Int32Array(data.signal);
  // Standard input, read once by the main thread: the same bytes under the same name here.
  for (const [file, bytes] of data.provided ?? []) provideFile(file, Buffer.from(bytes));
  data.port.on('message', (msg: { start: number; jobs: Job[] }) => {
    data.port.postMessage({ start: msg.start, results: msg.jobs.map((j) => runJob(j, data.ctx)) });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true) serveAsWorker();
