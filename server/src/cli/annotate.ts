/**
 * `pressmark annotate`: pre-annotation of .press and .txt files with the mention finder (names of
 * the knowledge base, dates), or of JSONL lines for ML pipelines. Only inserts markup: the plain
 * text of the result is the plain text of the input, checked before anything is printed or written.
 */
import { CodePoints } from '../service/text';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { escapeText, parse } from '../service/parser';
import { plainText } from '../service/plain';
import type { KnowledgeBase } from '../service/kb/knowledgeBase';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import { findMentionsInDocument, findMentionsInText, type Mention } from '../service/mentions';
import { writeFileAtomic, WriteError } from '../node/atomic';
import { InputError, readInput } from '../node/batch';
import { failIfInjected } from '../node/faults';
import { isValidId } from '../service/ids';
import { ProjectConfigs } from '../node/projectConfig';
import { projectKnowledgeBase } from './projectKb';
import { collectFiles, isFolder, printNotes, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import type { PipelineInputs } from '../service/mentions/candidate';
import { RejectionFiles } from '../node/rejectFiles';
import { learnFromFiles } from '../node/workspaceLearning';
import { learnedOfTypes } from '../service/assist/learned';
import { LineIndex } from '../service/text';

export const ANNOTATE_HELP = `Usage: pressmark annotate [--types T,...] [--date D] [--write [--force]] <files, folders or ->...
       pressmark annotate --jsonl [--types T,...] < documents.jsonl > annotations.jsonl

Pre-annotates .press or .txt files (folders are searched for both): the names of the
knowledge base (built-in, and the *.kb.yaml files of the project, as pressmark check finds
them) and the date expressions, where they are not annotated yet. Only markup is inserted:
the words never change. Review the result: the finder is precision-first, not complete.

  --types T,...  only these types (default: all): country, org, place, person, date, time,
                 duration, set, or a type of a workspace knowledge base
  --date D       the publication date (YYYY-MM-DD) for relative dates ("today"); default:
                 the front matter date of a .press file, or a leading "date YYYY-MM-DD" of a
                 raw .txt release
  --write        write the result instead of printing it: a .press file in place, a .txt file
                 as a .press file beside it (with the date as front matter when known; literal
                 brackets and braces escaped). Every file is written whole or not at all
                 (a temporary file in the same folder, then renamed); a .press file that gains
                 nothing is not written at all; a byte order mark stays; a file that is not
                 valid UTF-8 is refused (its words would change), not rewritten
  --force        with --write, replace an existing .press file made from a .txt file
${STDIN_HELP}
                         (read as a .press document when NAME ends in .press, else as
                         raw text; printed, not with --write)
  --jsonl        read {"id","dct","text"} lines on standard input (dct: YYYY-MM-DD or absent;
                 pressmark.yaml and the rejection file are looked up from --stdin-filename
                 NAME, else from the current folder)
                 and write {"id","annotations":[{"start","end","type","id","value"}]} lines:
                 start and end (exclusive) in Unicode code points into text; id is the
                 knowledge-base id of a name (null for a date), value the TIMEX3 value of a
                 date, time, duration or set (null for a name)

Without --write the result is printed (several files: each after a "==> file <==" line).
Each file is reported in its place on stderr and the others are still done.
Exit code: 2 on bad usage, or when an input could not be read or an output could not be
written (a full disk); else 1 when an input was refused (an existing .press without --force,
a file that is not valid UTF-8, a malformed JSONL line: reported with its line number, an
internal error); else 0.
`;

const TEMPORAL = new Set(['date', 'time', 'duration', 'set']);
const BUILTIN_TYPES = ['country', 'org', 'place', 'person', 'date', 'time', 'duration', 'set'];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** The raw scraped form starts with `date YYYY-MM-DD` (see corpus/raw.ts). */
const RAW_DATE_RE = /^\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})(?![\d-])/i;

export function runAnnotate(argv: string[], io: Io, readStdin: () => string = () => fs.readFileSync(0, 'utf8')): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      types: { type: 'string' },
      date: { type: 'string' },
      write: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      ...STDIN_OPTION,
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(ANNOTATE_HELP);
    return 0;
  }
  if (values.date !== undefined && !DATE_RE.test(values.date)) throw new UsageError(`--date must be YYYY-MM-DD, not ${JSON.stringify(values.date)}`);
  if (values.force && !values.write) throw new UsageError('--force goes with --write');
  if (values.jsonl) {
    if (positionals.length) throw new UsageError('--jsonl reads standard input: no files (see pressmark annotate --help)');
    if (values.write) throw new UsageError('--jsonl writes to standard output: no --write');
    const builtin = loadBuiltinKbWithInfo();
    if (builtin.loadError) throw new UsageError(`the built-in knowledge base is missing: ${builtin.loadError}`);
    const types = parseTypes(values.types, builtin.kb);
    // the rejection file found from the current folder applies (its entries without `in:`)
    const stdin = path.resolve(values['stdin-filename'] ?? 'stdin.press');
    const loaded = new RejectionFiles().forFile(stdin);
    if (loaded.file) warnRejectFile(io, loaded.file, loaded.text, loaded.problems);
    // and the pressmark.yaml found from there: its mention settings (demonyms)
    const demonyms = new ProjectConfigs().forFile(stdin).config.mentions?.demonyms === true;
    return annotateJsonl(readStdin, io, builtin.kb, types, values.date, { rejections: loaded.rejections, demonyms });
  }
  if (positionals.length === 0) throw new UsageError('annotate needs files or folders, -, or --jsonl (see pressmark annotate --help)');
  if (positionals.includes('-') && values.write) throw new UsageError('--write writes files: standard input (-) is printed, not with --write');
  const given = withStdin(positionals, values['stdin-filename']);

  const listing = collectFiles(given, ['.press', '.txt']);
  printNotes(io, listing);
  const files = listing.inputs.filter((i) => !i.unreadable).map((i) => i.file);
  const project = projectKnowledgeBase(given, files); // the knowledge base `check` sees (projectKb.ts)
  const kb = project.workspace.knowledgeBase();
  const roots = project.roots;
  const types = parseTypes(values.types, kb);
  // Workspace learning: the names annotated in the inputs and in the project folders (those of
  // the pressmark.yaml that apply, and the folders given), as they are before this run.
  const learned = learnFromFiles(files, [...roots, ...given.filter((p) => isFolder(p))]);
  const rejectFiles = new RejectionFiles();
  const schemas = new ProjectConfigs();
  const warned = new Set<string>();
  const inputsFor = (file: string): PipelineInputs => {
    const loaded = rejectFiles.forFile(file);
    if (loaded.file && !warned.has(loaded.file)) {
      warned.add(loaded.file);
      warnRejectFile(io, loaded.file, loaded.text, loaded.problems);
    }
    const config = schemas.forFile(file).config;
    return { learned: learnedOfTypes(learned, config.types), rejections: loaded.rejections, path: loaded.file ? RejectionFiles.relativePath(loaded.file, file) : undefined, demonyms: config.mentions?.demonyms === true };
  };
  let failed = 0;
  let unreadable = 0;
  const several = listing.inputs.length > 1;
  for (const input of listing.inputs) {
    const file = input.file;
    try {
      if (input.unreadable) throw new InputError(input.unreadable, 'unreadable');
      const { output, count, target, validUtf8 } = annotateFile(file, kb, types, values.date, inputsFor(file));
      const isTxt = target !== file;
      if (!values.write) {
        if (!validUtf8) io.err(`pressmark: warning: ${file} is not valid UTF-8: its invalid bytes are printed as U+FFFD\n`);
        if (several) io.out(`==> ${file} <==\n`);
        io.out(output);
        if (several && !output.endsWith('\n')) io.out('\n');
        continue;
      }
      const added = `${count} annotation${count === 1 ? '' : 's'} added`;
      if (!isTxt && count === 0) {
        // Nothing to add: the file is not touched (annotatePress gives the text back as it was).
        io.err(`${file}: ${added} (not rewritten)\n`);
        continue;
      }
      if (!validUtf8) {
        io.err(`pressmark: ${file} is not valid UTF-8: ${isTxt ? `${target} not written` : 'not rewritten'} (its invalid bytes would become U+FFFD; convert it to UTF-8 first)\n`);
        failed++;
        continue;
      }
      // In place through a symbolic link: the file it names is rewritten, the link stays.
      const outcome = writeFileAtomic(isTxt ? target : fs.realpathSync.native(target), output, { force: !isTxt || values.force });
      if (outcome === 'exists') {
        io.err(`pressmark: ${target} exists (not replaced; --force replaces it)\n`);
        failed++;
      } else {
        io.err(`${file}: ${added}${isTxt ? ` → ${target}${outcome === 'unchanged' ? ' (unchanged)' : ''}` : ''}\n`);
      }
    } catch (e) {
      if (e instanceof InputError || e instanceof WriteError) unreadable++;
      else failed++;
      const message = e instanceof InputError || e instanceof WriteError ? e.message : `${file}: internal error: ${(e as Error | undefined)?.message ?? String(e)}`;
      io.err(`pressmark: ${message}\n`);
    }
  }
  return unreadable ? 2 : failed ? 1 : 0;
}

function parseTypes(arg: string | undefined, kb: KnowledgeBase): string[] | undefined {
  if (arg === undefined) return undefined;
  const known = new Set(BUILTIN_TYPES);
  for (const e of kb.all()) known.add(e.type);
  const types = arg.split(',').map((t) => t.trim()).filter(Boolean);
  if (types.length === 0) throw new UsageError('--types needs at least one type');
  const unknown = types.filter((t) => !known.has(t));
  if (unknown.length) throw new UsageError(`unknown type${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in --types (known: ${[...known].sort().join(', ')})`);
  return types;
}

/** A rejection file's problems on stderr (its entries that are not read), as `check` reports them. */
function warnRejectFile(io: Io, file: string, text: string, problems: readonly { span: { start: number }; message: string; code: string }[]): void {
  const lines = new LineIndex(text);
  for (const p of problems) {
    const at = lines.positionAt(p.span.start);
    io.err(`pressmark: warning: ${file}:${at.line + 1}:${at.character + 1}: ${p.message} (${p.code})\n`);
  }
}

/**
 * The annotated text of a file (its byte order mark kept), how many annotations it gained, where
 * --write puts it, and whether the file was valid UTF-8 (if not, the output has U+FFFD for its
 * invalid bytes). Throws InputError when the file cannot be read.
 */
export function annotateFile(
  file: string,
  kb: KnowledgeBase,
  types: string[] | undefined,
  date: string | undefined,
  inputs?: PipelineInputs,
): { output: string; count: number; target: string; validUtf8: boolean } {
  const read = readInput(file);
  failIfInjected(file);
  const bom = read.text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const raw = bom ? read.text.slice(1) : read.text;
  if (file.endsWith('.press')) {
    const { output, count } = annotatePress(raw, kb, types, date, inputs);
    return { output: bom + output, count, target: file, validUtf8: read.validUtf8 };
  }
  const target = file.replace(/\.txt$/i, '') + '.press';
  // the .press file written is the document the rejections name (`in:`)
  const txtInputs = inputs?.path ? { ...inputs, path: inputs.path.replace(/\.txt$/i, '') + '.press' } : inputs;
  const { output, count } = annotateTxt(raw, kb, types, date, txtInputs);
  return { output: bom + output, count, target, validUtf8: read.validUtf8 };
}

/** A raw text as a .press document (words unchanged), pre-annotated. */
export function annotateTxt(text: string, kb: KnowledgeBase, types: string[] | undefined, date: string | undefined, inputs?: PipelineInputs): { output: string; count: number } {
  const dct = date ?? RAW_DATE_RE.exec(text)?.[1];
  // a text whose first line is `---` would read as front matter: an empty one keeps it body
  const head = dct ? `---\ndate: ${dct}\n---\n` : /^---[ \t]*\r?$/m.test(text.split('\n', 1)[0]) ? '---\n---\n' : '';
  const press = head + escapeText(text);
  const result = annotatePress(press, kb, types, dct, inputs);
  return result;
}

/** Inserts the markup of every unannotated mention; throws if the words would change (never expected). */
export function annotatePress(source: string, kb: KnowledgeBase, types: string[] | undefined, date: string | undefined, inputs?: PipelineInputs): { output: string; count: number } {
  const doc = parse(source);
  const mentions = findMentionsInDocument(doc, kb, date, { types, inputs });
  let out = '';
  let pos = 0;
  let count = 0;
  // the mentions come by start, an outer one before those inside it (the years of a year range,
  // a name inside a date): those are written nested in it, a partial overlap is left out
  const open: Array<{ end: number; spec: string }> = [];
  const closeUpTo = (at: number): void => {
    while (open.length && open[open.length - 1].end <= at) {
      const top = open.pop()!;
      out += source.slice(pos, top.end) + ']{' + top.spec + '}';
      pos = top.end;
    }
  };
  for (const m of mentions) {
    let start = m.start;
    // never split an escape (`\[` before the mention)
    if (start > 0 && source.charCodeAt(start - 1) === 92 && '[]{}\\'.includes(source[start])) start--;
    closeUpTo(start);
    if (start < pos || (open.length && m.end > open[open.length - 1].end)) continue;
    out += source.slice(pos, start) + '[';
    pos = start;
    open.push({ end: m.end, spec: specOf(m) });
    count++;
  }
  closeUpTo(Infinity);
  out += source.slice(pos);
  const before = plainText(doc).text;
  const after = plainText(parse(out)).text;
  if (before !== after) throw new Error('internal error: the annotated text would read differently; nothing done');
  return { output: out, count };
}

function specOf(m: Mention): string {
  return isValidId(m.id) ? `${m.type}:${m.id}` : m.type;
}

function annotateJsonl(readStdin: () => string, io: Io, kb: KnowledgeBase, types: string[] | undefined, date: string | undefined, inputs?: PipelineInputs): number {
  let input: string;
  try {
    input = readStdin();
  } catch (e) {
    throw new UsageError(`cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
  const lines = input.split('\n');
  let bad = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim()) continue;
    const fail = (message: string): void => {
      io.err(`pressmark: stdin:${i + 1}: ${message}\n`);
      bad++;
    };
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      fail(`not JSON (${(e as Error).message})`);
      continue;
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      fail('not a JSON object');
      continue;
    }
    const { id, dct, text } = row as { id?: unknown; dct?: unknown; text?: unknown };
    if (typeof text !== 'string') {
      fail('"text" must be a string');
      continue;
    }
    if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
      fail('"id" must be a string or a number');
      continue;
    }
    if (dct !== undefined && dct !== null && (typeof dct !== 'string' || !DATE_RE.test(dct.slice(0, 10)))) {
      fail('"dct" must be a date YYYY-MM-DD');
      continue;
    }
    const anchor = typeof dct === 'string' ? dct.slice(0, 10) : date;
    const points = new CodePoints(text);
    const cp = (o: number) => points.toCodePoint(o);
    const annotations = findMentionsInText(text, kb, anchor, { types, inputs }).map((m) => ({
      start: cp(m.start),
      end: cp(m.end),
      type: m.type,
      id: TEMPORAL.has(m.type) ? null : m.id,
      value: TEMPORAL.has(m.type) ? m.id : null,
    }));
    io.out(JSON.stringify({ id: id ?? null, annotations }) + '\n');
  }
  return bad ? 1 : 0;
}
