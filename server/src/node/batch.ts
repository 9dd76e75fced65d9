/**
 * Corpus-scale work: one job per file (import a raw release, export a .press, import a brat
 * pair or a JSONL line), run in this thread or spread over worker threads. A job never throws:
 * a malformed or unreadable input gives a failed result with its problems (file, line,
 * column), and the batch goes on. Writes are atomic (atomic.ts).
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
import { toTimeml } from '../service/corpus/timeml';
import { LineIndex } from '../service/text';
import { parse } from '../service/parser';
import { plainText } from '../service/plain';
import { tokenize } from '../service/corpus/tokens';
import { collectProblems, severityName, toDiagnostics } from '../service/diagnostics';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityOf } from '../service/rules';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import type { KnowledgeBase } from '../service/kb/knowledgeBase';
import { findMentionsInDocument } from '../service/mentions/document';
import { ProjectConfigs } from './projectConfig';
import { WorkspaceKnowledgeBase } from './workspaceKb';
import { writeFileAtomic, type WriteOutcome } from './atomic';

export type ExportFormat = 'brat' | 'jsonl' | 'conll' | 'timeml';

export type Job =
  | { kind: 'raw'; input: string; output: string; force: boolean; keepDateline: boolean; annotate: boolean }
  | { kind: 'export'; input: string; id: string; format: ExportFormat; outDir: string | undefined; force: boolean }
  | { kind: 'from-brat'; ann: string; output: string; force: boolean }
  | { kind: 'from-jsonl'; file: string; line: number; text: string; outDir: string; force: boolean }
  | { kind: 'stats'; input: string; mentions: boolean }
  | { kind: 'check'; input: string; display: string; format: 'text' | 'json' };

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

export interface JobResult {
  /** written: output written; exists: not written, the output exists (no --force); failed: input refused; done: nothing to write (chunk). */
  status: 'written' | 'exists' | 'failed' | 'done';
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

function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
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

function write(files: Array<[string, string]>, force: boolean): WriteOutcome {
  if (!force && files.some(([f]) => fs.existsSync(f))) return 'exists';
  for (const [f, content] of files) if (writeFileAtomic(f, content, { force }) === 'exists') return 'exists';
  return 'written';
}

function runRaw(job: Extract<Job, { kind: 'raw' }>, ctx: BatchContext): JobResult {
  const { kb } = kbOf(ctx);
  const result = importRelease(readText(job.input), kb, { keepDateline: job.keepDateline, annotate: job.annotate });
  const problems = located(job.input, undefined, result.problems);
  if (result.text === undefined) return { status: 'failed', outputs: [], problems };
  return { status: write([[job.output, result.text]], job.force), outputs: [job.output], problems };
}

function runExport(job: Extract<Job, { kind: 'export' }>, ctx: BatchContext): JobResult {
  const text = withoutBom(readText(job.input));
  const read = fromPress(text);
  if (!read.doc) return { status: 'failed', outputs: [], problems: located(job.input, read.parsed.lines, read.problems) };
  const doc = read.doc;
  const isTimex = isTimexFor(job.input);
  const types = [...new Set(doc.spans.map((s) => s.type))];
  switch (job.format) {
    case 'jsonl': {
      const { kb } = kbOf(ctx);
      const chunk = toJsonl(job.id, doc, { isTimex, wikidata: (type, id) => kb.get(type, id)?.wikidata }) + '\n';
      return { status: 'done', outputs: [], problems: [], chunk, types };
    }
    case 'conll':
      return { status: 'done', outputs: [], problems: [], chunk: toConll(doc), types };
    case 'brat': {
      const { kb } = kbOf(ctx);
      const files = toBrat(doc, { normalizations: (type, id) => normalizations(kb, type, id) });
      const base = path.join(job.outDir!, job.id);
      const out: Array<[string, string]> = [
        [base + '.txt', files.txt],
        [base + '.ann', files.ann],
      ];
      if (files.sidecar !== undefined) out.push([base + '.meta.json', files.sidecar]);
      return { status: write(out, job.force), outputs: out.map(([f]) => f), problems: [], types };
    }
    case 'timeml': {
      const result = toTimeml(job.id, doc, isTimex);
      const problems: JobProblem[] = [];
      if (result.replaced) problems.push({ file: job.input, line: 1, column: 1, severity: 'warning', message: `${result.replaced} character(s) XML cannot carry were replaced by U+FFFD` });
      if (!result.hasDct) problems.push({ file: job.input, line: 1, column: 1, severity: 'warning', message: 'no `date` in the front matter: the TimeML file has no DCT' });
      const file = path.join(job.outDir!, job.id + '.tml');
      return { status: write([[file, result.text]], job.force), outputs: [file], problems, types };
    }
  }
}

function runFromBrat(job: Extract<Job, { kind: 'from-brat' }>, ctx: BatchContext): JobResult {
  const stem = job.ann.slice(0, -'.ann'.length);
  const ann = readText(job.ann);
  let txt: string;
  try {
    txt = readText(stem + '.txt');
  } catch {
    return { status: 'failed', outputs: [], problems: [{ file: job.ann, line: 1, column: 1, severity: 'error', message: `no ${path.basename(stem)}.txt beside it` }] };
  }
  const sidecar = fs.existsSync(stem + '.meta.json') ? readText(stem + '.meta.json') : undefined;
  const { byQid } = kbOf(ctx);
  const read = fromBrat(txt, ann, sidecar, { resolve: (type, db, key) => (db === 'Wikidata' ? byQid.get(`${type}\t${key}`) : undefined) });
  const annLines = new LineIndex(ann);
  const problems = located(job.ann, annLines, read.problems);
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
  const read = fromJsonl(job.text, { isTimex: isTimexFor(probe) });
  const problems: JobProblem[] = read.problems.map((p) => ({ file: job.file, line: job.line, column: p.offset + 1, severity: p.severity, message: p.message }));
  if (!read.doc) return { status: 'failed', outputs: [], problems };
  const rel = safeRelative(read.id ?? `line-${job.line}`);
  if (!rel) return fail(`the id ${JSON.stringify(read.id)} is not a usable file name`);
  const output = path.join(job.outDir, rel.endsWith('.press') ? rel : rel + '.press');
  const written = toPress(read.doc);
  problems.push(...written.problems.map((p) => ({ file: job.file, line: job.line, column: 1, severity: p.severity, message: p.message })));
  if (written.text === undefined) return { status: 'failed', outputs: [], problems };
  return { status: write([[output, written.text]], job.force), outputs: [output], problems };
}

function runStats(job: Extract<Job, { kind: 'stats' }>, ctx: BatchContext): JobResult {
  const text = withoutBom(readText(job.input));
  const parsed = parse(text);
  const config = configs.forFile(job.input).config;
  const { kb } = kbOf(ctx);
  const errors = collectProblems(parsed, config, kb).filter((p) => severityOf(p.code, config.rules) === 'error');
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
    for (const m of findMentionsInDocument(parsed, kb)) {
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
  const text = withoutBom(readText(job.input));
  const config = configs.forFile(job.input).config;
  const doc = parse(text);
  const diagnostics = toDiagnostics(collectProblems(doc, config, kbOf(ctx).kb), doc.lines, config);
  return { status: 'done', outputs: [], problems: [], check: checkOutput(job.display, diagnostics, job.format) };
}

/**
 * A file's diagnostics as `pressmark check` prints them (see JobResult.check): `text`, lines
 * `file:line:col severity message (code)`; `json`, one object per problem, joined by `,\n  `.
 */
export function checkOutput(file: string, diagnostics: readonly Diagnostic[], format: 'text' | 'json'): { output: string; rows: number; errors: number } {
  const rows: string[] = [];
  let errors = 0;
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

/** Runs one job. Never throws: an exception is a failed result. */
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
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder' : err.code ? `cannot read or write: ${err.code}` : `internal error: ${err.message ?? String(e)}`;
    return { status: 'failed', outputs: [], problems: [{ file, line: job.kind === 'from-jsonl' ? job.line : 1, column: 1, severity: 'error', message }] };
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs, progress and the summary (shared by the import and export commands)
// ---------------------------------------------------------------------------------------------

export interface Input {
  file: string;
  /** The path under the folder it was found in (`sub/doc.txt`), or its name when given alone. */
  relative: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * Files with one of `exts` under the folders given (sorted, hidden entries skipped) and the
 * files given by name whatever their extension. Throws ENOENT-style errors for the caller.
 */
export function listInputs(inputs: readonly string[], exts: readonly string[]): Input[] {
  const out: Input[] = [];
  const walk = (root: string, dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(root, p);
      else if (e.isFile() && exts.some((x) => e.name.endsWith(x))) out.push({ file: p, relative: path.relative(root, p) });
    }
  };
  for (const input of inputs) {
    if (fs.statSync(input).isDirectory()) walk(input, input);
    else out.push({ file: input, relative: path.basename(input) });
  }
  return out;
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
  failed = 0;
  done = 0;
  warnings = 0;

  add(r: JobResult): void {
    this[r.status]++;
    this.warnings += r.problems.filter((p) => p.severity === 'warning').length;
  }

  /** `12 written, 1 failed, 2 skipped (exist: use --force)` */
  summary(noun: string, count: number): string {
    const parts = [`${count} ${noun}${count === 1 ? '' : 's'}`];
    if (this.written) parts.push(`${this.written} written`);
    if (this.done) parts.push(`${this.done} converted`);
    if (this.failed) parts.push(`${this.failed} failed`);
    if (this.exists) parts.push(`${this.exists} skipped (the output exists: --force overwrites)`);
    if (this.warnings) parts.push(`${this.warnings} warning${this.warnings === 1 ? '' : 's'}`);
    return parts.join(', ');
  }

  get exitCode(): number {
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
  /** Called once per job, in completion order. */
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
  const local = (from: number, to: number) => {
    for (let i = from; i < to; i++) options.onResult(i, runJob(jobs[i], ctx));
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
        workerData: { [WORKER_MARK]: true, ctx, port: port2, signal: signal.buffer },
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
  let next = 0;
  let done = 0;
  const feed = (slot: Slot): void => {
    slot.busy = undefined;
    if (next >= jobs.length) return;
    const start = next;
    next = Math.min(jobs.length, next + CHUNK);
    slot.busy = [start, next];
    slot.port.postMessage({ start, jobs: jobs.slice(start, next) });
  };
  pool.forEach(feed);
  let lastAnswer = Date.now();
  while (done < jobs.length) {
    const seen = Atomics.load(signal, 0);
    let answered = false;
    for (const slot of pool) {
      for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
        const msg = m.message as { start: number; results: JobResult[] };
        msg.results.forEach((r, k) => options.onResult(msg.start + k, r));
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
      local(next, jobs.length);
      done += jobs.length - next;
      next = jobs.length;
    }
  }
  for (const slot of pool) {
    slot.port.close();
    void slot.worker.terminate();
  }
}

function serveAsWorker(): void {
  const data = workerData as { ctx: BatchContext; port: MessagePort; signal: SharedArrayBuffer };
  const signal = new Int32Array(data.signal);
  data.port.on('message', (msg: { start: number; jobs: Job[] }) => {
    data.port.postMessage({ start: msg.start, results: msg.jobs.map((j) => runJob(j, data.ctx)) });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true) serveAsWorker();
