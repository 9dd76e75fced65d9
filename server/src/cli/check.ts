/** `pressmark check`: diagnostics of .press files (and the pressmark.yaml that applies to them). */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import { toDiagnostics } from '../service/diagnostics';
import { checkOutput, displayPath, runJobs, sarifLocation, type BatchContext, type CheckFormat, type Job, type JobResult } from '../node/batch';
import { parseJobs } from './importCmd';
import { LineIndex } from '../service/text';
import { ProjectConfigs } from '../node/projectConfig';
import { projectKnowledgeBase } from './projectKb';
import * as os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectFiles, FORMAT_OPTIONS, outputFormat, printNotes, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import { sarifHead, sarifTail } from '../service/sarif';
import { packageVersion } from '../node/version';
import { RejectionFiles } from '../node/rejectFiles';

/**
 * Worker threads for a check of n files: one per core (at most 4) from 256 files, where loading
 * the knowledge base in each worker (~0.3 s) is repaid; below that, this thread.
 */
export function defaultCheckJobs(n: number): number {
  return n >= 256 ? Math.max(1, Math.min(4, os.availableParallelism())) : 1;
}

export const CHECK_HELP = `Usage: pressmark check [--format text|json|sarif] [--jobs N] [--stdin-filename NAME] <files, folders or ->...

Prints the problems of .press files (folders are searched for *.press), of the
pressmark.yaml that applies to them, and of the knowledge-base files they use
(*.kb.yaml in the folders given, under the folder of the pressmark.yaml that
applies to a document or beside a document none applies to, and the files
pressmark.yaml lists).

  --format text   one line per problem: file:line:col severity message (code)
                  (line and column 1-based; columns count UTF-16 code units, as editors do)
  --format json   an array of {file, range: {start: {line, character}, end}, severity, code, message}
                  (0-based line and UTF-16 character, as in LSP)
  --format sarif  a SARIF 2.1.0 log (code-scanning UIs): one run, every rule of the registry
                  (id: the problem's code, help, default level), one result per problem
                  (ruleId, level: error, warning or note for information and hints, 1-based
                  region with UTF-16 columns: columnKind utf16CodeUnits) with its quick-fixes
                  as fixes (artifactChanges, replacements); paths relative to %SRCROOT%, the
                  current folder
  --json          the same as --format json (deprecated)
${STDIN_HELP}
  --jobs N        worker threads (default: one per core, at most 4, for 256 files or more;
                  else this thread); the output is in file order either way

Each file is reported in its place, whatever happens to the others: one that cannot be read
(a device, a FIFO, a folder named .press, a file over 256 MB) on stderr ("pressmark: cannot
read ..."), one whose check fails with an internal.error problem; the others are checked.

Exit code: 2 on bad usage or when a file could not be read (that wins: the check is
incomplete); else 1 when there are errors (an internal.error included); else 0 (warnings only).
`;

interface Reported {
  file: string;
  diagnostics: Diagnostic[];
}

export function runCheck(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...FORMAT_OPTIONS, ...STDIN_OPTION, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const format: CheckFormat = outputFormat(values, ['text', 'json', 'sarif'] as const);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder, or - (see pressmark check --help)');
  const given = withStdin(positionals, values['stdin-filename']);

  // A file named alone is read as a .press document whatever its name, except a knowledge-base
  // file: that is checked as one (below), not as prose.
  const documents = collectFiles(given, ['.press']);
  const inputs = documents.inputs.filter((i) => !i.file.endsWith('.kb.yaml'));
  const files = inputs.map((i) => i.file);
  const kbListing = collectFiles(given, ['.kb.yaml'], { onlyMatchingFiles: true });
  const kbFiles = kbListing.inputs.filter((i) => !i.unreadable).map((i) => i.file);
  printNotes(io, documents);
  printNotes(io, { inputs: [], notes: kbListing.notes.filter((n) => !documents.notes.includes(n)) });
  const configs = new ProjectConfigs();
  const project = projectKnowledgeBase(given, files, { configs, kbFiles }); // (throws before any output when the built-in one is missing)
  // Problems are printed as each file is checked: a corpus of 10,000 documents keeps nothing behind.
  let errors = 0;
  let count = 0;
  let rowsOut = 0;
  const display = displayPath;
  /** One write per file (a write per problem costs a system call each): `output` of checkOutput. */
  const write = (output: string, rows: number): void => {
    if (!rows) return;
    io.out(format === 'json' ? `${rowsOut === 0 ? '[\n  ' : ',\n  '}${output}` : format === 'sarif' ? `${rowsOut === 0 ? '\n        ' : ',\n        '}${output}` : output);
    rowsOut += rows;
  };
  const report = ({ file, diagnostics }: Reported): void => {
    const out = checkOutput(display(file), diagnostics, format, format === 'sarif' ? { location: sarifLocation(display(file), file) } : undefined);
    errors += out.errors;
    count += out.rows;
    write(out.output, out.rows);
  };
  // Each file in its place: its problems (an internal.error when its check threw), or on stderr
  // why it could not be read; the run goes on.
  let unreadable = 0;
  const notifications: string[] = [];
  const emit = (r: JobResult): void => {
    if (r.check) {
      errors += r.check.errors;
      count += r.check.rows;
      write(r.check.output, r.check.rows);
    }
    if (r.fault && !r.check) {
      if (r.fault.kind === 'internal') errors++;
      else unreadable++;
      io.err(`pressmark: ${r.fault.message}\n`);
      notifications.push(r.fault.message);
    }
  };
  if (format === 'sarif') io.out(sarifHead(packageVersion(), pathToFileURL(process.cwd()).href));
  // The rejection files that apply to the documents (pressmark.reject.yaml, found as
  // pressmark.yaml is): their problems, once each; the documents' checks honour their entries.
  const rejectFiles = new RejectionFiles();
  const rejectsSeen = new Set<string>();
  for (const file of files) {
    const loaded = rejectFiles.forFile(file);
    if (!loaded.file || rejectsSeen.has(loaded.file)) continue;
    rejectsSeen.add(loaded.file);
    const diagnostics = toDiagnostics(loaded.problems, new LineIndex(loaded.text), configs.forFile(loaded.file).config);
    if (diagnostics.length) report({ file: loaded.file, diagnostics });
  }
  // The knowledge base of the documents (projectKb.ts: the one rule of every command): the
  // problems of each pressmark.yaml that applies and of each knowledge-base file read.
  for (const { schema, problems } of project.schemas) {
    const diagnostics = toDiagnostics(problems, new LineIndex(schema.text), schema.config);
    if (diagnostics.length) report({ file: schema.file, diagnostics });
  }
  for (const kbFile of project.workspace.all()) {
    const file = fileURLToPath(kbFile.uri);
    const diagnostics = toDiagnostics(project.workspace.problems(file).problems, kbFile.lines, configs.forFile(file).config);
    if (diagnostics.length) report({ file: path.relative(process.cwd(), file) || file, diagnostics });
  }
  // The documents: one job each, in this thread or spread over worker threads (each loads the
  // same knowledge base: the built-in one and the files read above); printed in file order.
  const jobs: Job[] = inputs.map((i): Job => (i.unreadable ? { kind: 'unreadable', input: i.file, message: i.unreadable } : { kind: 'check', input: i.file, display: display(i.file), format }));
  const ctx: BatchContext = { kbFiles: project.files };
  runJobs(jobs, ctx, {
    workers: values.jobs === undefined ? defaultCheckJobs(files.length) : parseJobs(values.jobs, files.length),
    onResult: (_index, result) => emit(result),
  });
  const exitCode = unreadable > 0 ? 2 : errors > 0 ? 1 : 0;
  if (format === 'json') io.out(rowsOut ? '\n]\n' : '[]\n');
  else if (format === 'sarif') io.out(sarifTail(rowsOut, { success: unreadable === 0, exitCode, notifications }));
  else io.err(`${files.length} file${files.length === 1 ? '' : 's'} checked, ${count} problem${count === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})${unreadable ? `, ${unreadable} file${unreadable === 1 ? '' : 's'} could not be read` : ''}\n`);
  return exitCode;
}

