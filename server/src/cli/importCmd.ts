/** `pressmark import`: raw releases, brat standoff or JSONL → .press files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, listInputs, Progress, readInput, reportLines, runJobs, Tally, type Input, type Job } from '../node/batch';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import { inputExists, printNotes, progressOnStderr, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import { jsonArrayElements } from '../service/corpus/labelstudio';
import { LineIndex } from '../service/text';

export const IMPORT_HELP = `Usage: pressmark import [--from raw|brat|jsonl|doccano|labelstudio|spacy] [--out DIR] [--force] <files, folders or ->...

Turns raw scraped releases (*.txt; folders are searched) into .press files. An optional
\`date YYYY-MM-DD\` prefix and the dateline (\`NUR-SULTAN. KAZINFORM - \`, \`LONDON (Reuters) - \`,
\`WASHINGTON, June 5 (AP) — \` ...) become front matter (date, dateline, source); the rest is
the body. An existing file is never overwritten without --force; every file is written
whole or not at all.

  --from raw       raw text (the default)
  --from brat      brat standoff: X.ann with X.txt (and X.meta.json, written by export)
  --from jsonl     JSONL, one document per line, in any of the shapes below (*.jsonl; a .json file
                   holding an array of Label Studio tasks too): Pressmark's and
                   Prodigy/spaCy's {"text", "spans": [{"start", "end", "label"}]} (code points;
                   Prodigy's "answer": reject and ignore are skipped and counted), doccano's
                   {"text", "label": [[start, end, "ORG"]]} or {"text", "entities": [...]},
                   Label Studio tasks {"data": {"text"}, "annotations"|"predictions"}; a line
                   of another shape, or whose spans do not fit its text, is an error
  --from doccano, --from labelstudio, --from spacy
                   the same reader (every shape is recognized by its keys)
  --offsets utf16|codepoints
                   how doccano lines count offsets (default utf16, as doccano does)
  --out DIR        where to write (default: beside each input; for JSONL, beside the .jsonl)
  --force          overwrite existing .press files
${STDIN_HELP}
                         (raw: needs NAME, the .press file is named after it; not for brat)
  --annotate       raw: pre-annotate the names and dates the knowledge base and the date
                   finder recognize (review them: precision first, not complete)
  --keep-dateline  raw: also keep the dateline as the first words of the body
  --jobs N         worker threads (default 1: on 2 cores they did not pay; see docs/format.md)

Problems are printed to stderr as file:line:col severity message, in input order; a
malformed or unreadable input is reported and the others are still imported. An id that
a .press file cannot hold (white space, a control character or one of [ ] { } " = \\)
refuses its document.
Exit code: 2 on bad usage, or when an input could not be read or an output could not be
written (a full disk: nothing of that document is left); else 1 when an input was refused
(or failed: an internal error) or an output already existed; else 0.
`;

/**
 * Threads for a batch of n jobs. Measured on 10,000 releases (2 shared cores): worker threads
 * did not pay (each loads the knowledge base, and the work is mostly file I/O), so the default
 * is this thread; --jobs N opts in (at most one per core is sensible).
 */
export function defaultJobs(n: number): number {
  void n;
  return 1;
}

export function parseJobs(value: string | undefined, n: number): number {
  if (value === undefined) return defaultJobs(n);
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not ${value}`);
  return jobs;
}

function outputFor(input: Input, out: string | undefined, given: boolean, ext: string): string {
  const rel = given ? path.basename(input.file) : input.relative;
  const stem = rel.replace(/\.[^./\\]+$/, '');
  return path.join(out ?? path.dirname(path.join(input.file)), out ? stem + ext : path.basename(stem) + ext);
}

export function runImport(argv: string[], io: Io): number {
  const parsed = parseArgs({
    args: argv,
    options: {
      from: { type: 'string', default: 'raw' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      annotate: { type: 'boolean', default: false },
      'keep-dateline': { type: 'boolean', default: false },
      ...STDIN_OPTION,
      jobs: { type: 'string' },
      offsets: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  const values = parsed.values;
  let positionals = parsed.positionals;
  if (values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const named = values.from;
  if (!['raw', 'brat', 'jsonl', 'doccano', 'labelstudio', 'spacy'].includes(named)) throw new UsageError(`--from must be raw, brat, jsonl, doccano, labelstudio or spacy, not ${named}`);
  // doccano, Label Studio and spaCy lines are JSONL lines of their own shapes: one reader.
  const from = named === 'raw' || named === 'brat' ? named : 'jsonl';
  const offsets = values.offsets;
  if (offsets !== undefined && offsets !== 'utf16' && offsets !== 'codepoints') throw new UsageError(`--offsets must be utf16 or codepoints, not ${offsets}`);
  if (offsets !== undefined && from !== 'jsonl') throw new UsageError(`--offsets applies to doccano lines, not --from ${named}`);
  const formatOptions = { offsets: offsets === 'codepoints' ? ('code-points' as const) : ('utf-16' as const) };
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder (see pressmark import --help)');
  if (from !== 'raw' && (values.annotate || values['keep-dateline'])) throw new UsageError(`--annotate and --keep-dateline apply to raw text, not --from ${from}`);
  if (positionals.includes('-') && from === 'brat') throw new UsageError('--from brat reads pairs of files (X.ann with X.txt): not standard input');
  if (positionals.includes('-') && from === 'raw' && values['stdin-filename'] === undefined) throw new UsageError('import - (raw text) needs --stdin-filename NAME: the .press file is named after it');
  positionals = withStdin(positionals, values['stdin-filename']);
  for (const p of positionals) if (!inputExists(p)) throw new UsageError(`cannot read ${p}: no such file or folder`);
  const out = values.out;
  if (out !== undefined && fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  const force = values.force;
  const given = (file: string) => positionals.includes(file);

  const jobs: Job[] = [];
  const notes: string[] = [];
  const unreadable = (input: Input): Job => ({ kind: 'unreadable', input: input.file, message: input.unreadable! });
  if (from === 'raw') {
    const listing = listInputs(positionals, ['.txt'], { dedupe: true });
    printNotes(io, listing);
    for (const input of listing.inputs) {
      if (input.unreadable) {
        jobs.push(unreadable(input));
        continue;
      }
      if (!given(input.file) && fs.existsSync(input.file.replace(/\.txt$/, '.ann'))) {
        notes.push(`${input.file}: skipped: it has a .ann beside it (brat: use --from brat)`);
        continue;
      }
      jobs.push({ kind: 'raw', input: input.file, output: outputFor(input, out, given(input.file), '.press'), force, keepDateline: values['keep-dateline'], annotate: values.annotate });
    }
    if (values.annotate || jobs.length) {
      const kb = loadBuiltinKbWithInfo();
      if (kb.loadError) io.err(`pressmark: warning: ${kb.loadError}: datelines are spelled without the knowledge base${values.annotate ? ' and nothing is annotated' : ''}\n`);
    }
  } else if (from === 'brat') {
    const inputs = positionals.map((p) => (p.endsWith('.txt') && fs.existsSync(p.slice(0, -4) + '.ann') ? p.slice(0, -4) + '.ann' : p));
    const listing = listInputs(inputs, ['.ann'], { dedupe: true });
    printNotes(io, listing);
    for (const input of listing.inputs) {
      if (input.unreadable) {
        jobs.push(unreadable(input));
        continue;
      }
      if (!input.file.endsWith('.ann')) throw new UsageError(`${input.file} is not a .ann file`);
      jobs.push({ kind: 'from-brat', ann: input.file, output: outputFor(input, out, inputs.includes(input.file), '.press'), force });
    }
  } else {
    // Folders are searched for *.jsonl (and for *.json with --from labelstudio: brat's DOC.meta.json is not a corpus).
    const listing = listInputs(positionals, named === 'labelstudio' ? ['.jsonl', '.json'] : ['.jsonl'], { dedupe: true });
    printNotes(io, listing);
    for (const input of listing.inputs) {
      let content: string;
      try {
        if (input.unreadable) throw new InputError(input.unreadable, 'unreadable');
        const read = readInput(input.file);
        if (!read.validUtf8) notes.push(`${input.file}:1:1 warning the file is not valid UTF-8: its invalid bytes were read as U+FFFD`);
        content = read.text;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        jobs.push({ kind: 'unreadable', input: input.file, message: e.message });
        continue;
      }
      const outDir = out ?? path.dirname(input.file);
      // A .json file holding an array (a Label Studio export): one record per element, at its line.
      // A .json file holding one object is one record.
      const elements = input.file.endsWith('.json') ? jsonArrayElements(content) ?? [{ offset: content.length - content.trimStart().length, text: content.trim() }] : undefined;
      if (elements) {
        const lines = new LineIndex(content);
        for (const e of elements) jobs.push({ kind: 'from-jsonl', file: input.file, line: lines.positionAt(e.offset).line + 1, text: e.text, outDir, force, options: formatOptions });
        continue;
      }
      const lines = content.split('\n');
      lines.forEach((line, i) => {
        const text = line.endsWith('\r') ? line.slice(0, -1) : line;
        if (text.trim() !== '') jobs.push({ kind: 'from-jsonl', file: input.file, line: i + 1, text: i === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, outDir, force, options: formatOptions });
      });
    }
  }
  // Two inputs must not write one output.
  const seen = new Map<string, string>();
  for (const j of jobs) {
    if (j.kind !== 'raw' && j.kind !== 'from-brat') continue;
    const o = path.resolve(j.output);
    const source = j.kind === 'raw' ? j.input : j.ann;
    if (seen.has(o)) throw new UsageError(`${seen.get(o)} and ${source} would both be written to ${j.output}: import them separately or into different --out folders`);
    seen.set(o, source);
  }

  for (const n of notes) io.err(`${n}\n`);
  const tally = new Tally();
  const progress = new Progress(jobs.length, io.err, progressOnStderr(io));
  const outputs = new Set<string>();
  runJobs(jobs, { kbFiles: [] }, {
    workers: parseJobs(values.jobs, jobs.length),
    onResult: (i, r) => {
      tally.add(r);
      for (const o of r.outputs) {
        if (from === 'jsonl' && outputs.has(o) && r.status === 'written') {
          r.problems.push({ file: (jobs[i] as { file: string }).file, line: (jobs[i] as { line: number }).line, column: 1, severity: 'warning', message: `${o} was written twice in this import (two lines with one id): the later one is kept` });
        }
        outputs.add(o);
      }
      const lines = reportLines(r);
      if (lines.length || r.status === 'exists') progress.clear();
      for (const line of lines) io.err(line + '\n');
      if (r.status === 'exists') io.err(`${r.outputs.join(', ')}: exists, not overwritten (use --force)\n`);
      progress.tick();
    },
  });
  progress.clear();
  io.err(tally.summary(from === 'jsonl' ? 'document' : 'file', jobs.length) + '\n');
  return tally.exitCode;
}
