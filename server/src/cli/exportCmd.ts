/** `pressmark export`: .press files → brat standoff, CoNLL-2003, JSONL or TimeML. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AtomicStream, writeFileAtomic, WriteError } from '../node/atomic';
import { listInputs, Progress, reportLines, runJobs, Tally, type ExportFormat, type Job, type JobResult } from '../node/batch';
import { ProjectConfigs } from '../node/projectConfig';
import { annotationConf, toolsConf } from '../service/corpus/brat';
import { parseJobs } from './importCmd';
import { inputExists, printNotes, progressOnStderr, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';

export const EXPORT_HELP = `Usage: pressmark export --to brat|conll|jsonl|timeml [--out DIR] [--force] <files, folders or ->...

Exports .press files (folders are searched for *.press) for other tools. Offsets are
Unicode code points into the plain text (the body without markup). See docs/format.md,
"Exports", for what each format carries.

  --to brat     DIR/DOC.txt, DIR/DOC.ann (T lines, AnnotatorNotes with the spec, N lines
                with Wikidata and GeoNames references), DIR/DOC.meta.json (front matter),
                DIR/annotation.conf and DIR/tools.conf; --out is required
  --to conll    CoNLL-2003 BIO: one token per line, a blank line between sentences,
                -DOCSTART- before each document; nested annotations flattened to the outermost
  --to jsonl    one document per line: {"id", "meta", "text", "spans": [{"start", "end",
                "label", "kb_id", "value"}]}
  --to timeml   DIR/DOC.tml with inline TIMEX3 and the DCT from the front matter; --out is required
  --out DIR     the folder to write into; for conll and jsonl also a file (*.conll, *.jsonl),
                and without --out they go to stdout
  --force       overwrite existing files (never done without it)
${STDIN_HELP}
                         (its document id: NAME without .press)
  --jobs N      worker threads (default 1: on 2 cores they did not pay; see docs/format.md)

Documents with syntax errors (or an id the format cannot hold: white space, a control
character or one of [ ] { } " = \\) are reported (file:line:col, on stderr, in input order)
and left out; the others are exported.
Each output is written whole or not at all, and a document's files (brat: DOC.txt, DOC.ann,
DOC.meta.json) all or none: after a full disk ("no space left on the device") nothing of the
document is left and a rerun starts afresh. With --force a file that already holds what would
be written is left alone.
Exit code: 2 on bad usage, or when a document could not be read or an output could not be
written; else 1 when a document was left out (or failed: an internal error) or an output
already existed; else 0.
`;

const FORMATS: readonly ExportFormat[] = ['brat', 'conll', 'jsonl', 'timeml'];

export function runExport(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      to: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      ...STDIN_OPTION,
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  const format = values.to as ExportFormat | undefined;
  if (format === undefined) throw new UsageError('export needs --to brat, conll, jsonl or timeml (see pressmark export --help)');
  if (!FORMATS.includes(format)) throw new UsageError(`--to must be brat, conll, jsonl or timeml, not ${format}`);
  if (positionals.length === 0) throw new UsageError('export needs at least one file or folder, or - (see pressmark export --help)');
  const given = withStdin(positionals, values['stdin-filename']);
  for (const p of given) if (!inputExists(p)) throw new UsageError(`cannot read ${p}: no such file or folder`);
  const force = values.force;
  const out = values.out;
  const stream = format === 'jsonl' || format === 'conll';
  if (!stream && out === undefined) throw new UsageError(`export --to ${format} writes a folder of files: give it with --out DIR`);
  const outFile = stream && out !== undefined ? (/\.(jsonl|conll|txt)$/.test(out) ? out : path.join(out, `corpus.${format}`)) : undefined;
  if (out !== undefined && !stream && fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  if (outFile && !force && fs.existsSync(outFile)) throw new UsageError(`${outFile} exists: use --force to overwrite it`);

  const listing = listInputs(given, ['.press'], { dedupe: true });
  printNotes(io, listing);
  const inputs = listing.inputs;
  const ids = new Map<string, string>();
  const jobs: Job[] = inputs.map((input): Job => {
    if (input.unreadable) return { kind: 'unreadable', input: input.file, message: input.unreadable };
    const id = (given.includes(input.file) ? path.basename(input.file) : input.relative).replace(/\.press$/, '').split(path.sep).join('/');
    if (ids.has(id)) throw new UsageError(`${ids.get(id)} and ${input.file} have the same document id ${JSON.stringify(id)}: export them separately`);
    ids.set(id, input.file);
    return { kind: 'export', input: input.file, id, format, outDir: stream ? undefined : out, force };
  });

  const tally = new Tally();
  const progress = new Progress(jobs.length, io.err, progressOnStderr(io));
  const types = new Set<string>();
  // Chunks (JSONL lines, CoNLL documents) are written in input order (runJobs hands results in order).
  const sink = outFile ? new AtomicStream(outFile, force) : undefined;
  const emit = sink ? (s: string) => sink.write(s) : (s: string) => io.out(s);
  try {
    runJobs(jobs, { kbFiles: [] }, {
      workers: parseJobs(values.jobs, jobs.length),
      onResult: (_i: number, r: JobResult) => {
        tally.add(r);
        for (const t of r.types ?? []) types.add(t);
        const lines = reportLines(r);
        if (lines.length || r.status === 'exists') progress.clear();
        for (const line of lines) io.err(line + '\n');
        if (r.status === 'exists') io.err(`${r.outputs.join(', ')}: exists, not overwritten (use --force)\n`);
        if (r.chunk) emit(r.chunk);
        progress.tick();
      },
    });
  } catch (e) {
    sink?.abort();
    throw e;
  }
  progress.clear();
  if (sink && sink.commit() === 'exists') {
    io.err(`${outFile}: exists, not overwritten (use --force)\n`);
    tally.exists++;
  }
  if (format === 'brat' && out !== undefined && jobs.length) {
    // annotation.conf: the schema's types (of every pressmark.yaml that applies) and any others used.
    const configs = new ProjectConfigs();
    const all = new Set<string>();
    for (const input of inputs) if (!input.unreadable) for (const t of configs.forFile(input.file).config.types.keys()) all.add(t);
    for (const t of types) all.add(t);
    for (const [name, content] of [
      ['annotation.conf', annotationConf([...all])],
      ['tools.conf', toolsConf()],
    ]) {
      try {
        if (writeFileAtomic(path.join(out, name), content, { force }) === 'exists') io.err(`${path.join(out, name)}: exists, kept (use --force to regenerate)\n`);
      } catch (e) {
        if (!(e instanceof WriteError)) throw e;
        io.err(`pressmark: ${e.message}\n`);
        tally.unwritable++;
      }
    }
  }
  io.err(tally.summary('document', jobs.length) + (outFile ? ` → ${outFile}` : '') + '\n');
  return tally.exitCode;
}
