/** `pressmark export`: .press files → brat standoff, CoNLL-2003, JSONL or TimeML. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AtomicStream, writeFileAtomic, WriteError } from '../node/atomic';
import { listInputs, Progress, reportLines, runJobs, Tally, type ExportFormat, type FormatOptions, type Job, type JobResult } from '../node/batch';
import { ProjectConfigs } from '../node/projectConfig';
import { annotationConf, toolsConf } from '../service/corpus/brat';
import { parseJobs } from './importCmd';
import { inputExists, printNotes, progressOnStderr, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import { projectKnowledgeBase } from './projectKb';

export const EXPORT_HELP = `Usage: pressmark export --to brat|conll|jsonl|timeml|doccano|labelstudio|spacy [--out DIR] [--force] <files, folders or ->...

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
  --to doccano  doccano JSONL: {"id", "text", "label": [[start, end, "type"]], "meta",
                "pressmark"} (ids, attributes and the exact writing in "pressmark");
                offsets in UTF-16 code units as doccano counts them (--offsets codepoints)
  --to labelstudio
                a JSON array of Label Studio tasks {"data": {"text", "id", "meta"},
                "annotations": [{"result": [...]}]}, code points; --as predictions puts
                them in "predictions" (pre-annotation)
  --to spacy    JSONL for spaCy/Prodigy: "tokens" and non-overlapping "spans" with
                token_start/token_end; nested annotations flattened to the outermost
                (--layer innermost: those that hold no other)
  --to timeml   DIR/DOC.tml with inline TIMEX3 and the DCT from the front matter; --out is required
  --out DIR     the folder to write into; for conll and jsonl also a file (*.conll, *.jsonl),
                and without --out they go to stdout
  --force       overwrite existing files (never done without it), and write documents
                with errors too (below)
${STDIN_HELP}
                         (its document id: NAME without .press)
  --jobs N      worker threads (default 1: on 2 cores they did not pay; see docs/format.md)

Documents with syntax errors (or an id the format cannot hold: white space, a control
character or one of [ ] { } " = \\) are reported (file:line:col, on stderr, in input order)
and left out; the others are exported. A document with errors of pressmark check (an
unknown id, an invalid date value...) or, for TimeML, a TIMEX3 without a value that can be
resolved ([today]{date} without a date in the front matter) is reported and left out
unless --force writes it (TimeML then has X for what is unknown: value="XXXX-XX-XX"); the
files with errors are listed last, and the exit code is 1 either way.
Every TIMEX3 has tid, type and value: a date annotated without a value ([Today]{date})
gets the value the editor's hint shows; mod and functionInDocument are written in TimeML's
upper case; anchorTimeID, beginPoint and endPoint only when they name a tid of the file.
Each output is written whole or not at all, and a document's files (brat: DOC.txt, DOC.ann,
DOC.meta.json) all or none: after a full disk ("no space left on the device") nothing of the
document is left and a rerun starts afresh. With --force a file that already holds what would
be written is left alone.
Exit code: 2 on bad usage, or when a document could not be read or an output could not be
written; else 1 when a document had errors or was left out (or failed: an internal error)
or an output already existed; else 0.
`;

const FORMATS: readonly ExportFormat[] = ['brat', 'conll', 'jsonl', 'timeml', 'doccano', 'labelstudio', 'spacy'];
const STREAMS: readonly ExportFormat[] = ['jsonl', 'conll', 'doccano', 'labelstudio', 'spacy'];

/** The options of --to doccano (--offsets), labelstudio (--as) and spacy (--layer). */
function exportOptions(format: ExportFormat, values: { as?: string; layer?: string; offsets?: string }): FormatOptions {
  const only = (flag: string, to: ExportFormat) => {
    if (format !== to) throw new UsageError(`--${flag} applies to --to ${to}, not --to ${format}`);
  };
  const options: FormatOptions = {};
  if (values.as !== undefined) {
    only('as', 'labelstudio');
    if (values.as !== 'annotations' && values.as !== 'predictions') throw new UsageError(`--as must be annotations or predictions, not ${values.as}`);
    options.as = values.as;
  }
  if (values.layer !== undefined) {
    only('layer', 'spacy');
    if (values.layer !== 'outermost' && values.layer !== 'innermost') throw new UsageError(`--layer must be outermost or innermost, not ${values.layer}`);
    options.layer = values.layer;
  }
  if (values.offsets !== undefined) {
    only('offsets', 'doccano');
    if (values.offsets !== 'utf16' && values.offsets !== 'codepoints') throw new UsageError(`--offsets must be utf16 or codepoints, not ${values.offsets}`);
    options.offsets = values.offsets === 'codepoints' ? 'code-points' : 'utf-16';
  }
  return options;
}

export function runExport(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      to: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      ...STDIN_OPTION,
      jobs: { type: 'string' },
      as: { type: 'string' },
      layer: { type: 'string' },
      offsets: { type: 'string' },
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
  if (format === undefined) throw new UsageError(`export needs --to ${FORMATS.join(', ')} (see pressmark export --help)`);
  if (!FORMATS.includes(format)) throw new UsageError(`--to must be one of ${FORMATS.join(', ')}, not ${format}`);
  const formatOptions = exportOptions(format, values);
  if (positionals.length === 0) throw new UsageError('export needs at least one file or folder, or - (see pressmark export --help)');
  const given = withStdin(positionals, values['stdin-filename']);
  for (const p of given) if (!inputExists(p)) throw new UsageError(`cannot read ${p}: no such file or folder`);
  const force = values.force;
  const out = values.out;
  const stream = STREAMS.includes(format);
  if (!stream && out === undefined) throw new UsageError(`export --to ${format} writes a folder of files: give it with --out DIR`);
  const outFile = stream && out !== undefined ? (/\.(jsonl|conll|txt|json)$/.test(out) ? out : path.join(out, `corpus.${format === 'labelstudio' ? 'json' : format === 'conll' ? 'conll' : 'jsonl'}`)) : undefined;
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
    return { kind: 'export', input: input.file, id, format, outDir: stream ? undefined : out, force, options: formatOptions };
  });

  const tally = new Tally();
  // The documents' errors are those `pressmark check` reports: the same knowledge base.
  const kbFiles = projectKnowledgeBase(given, inputs.filter((i) => !i.unreadable).map((i) => i.file)).files;
  const invalid: string[] = [];
  const progress = new Progress(jobs.length, io.err, progressOnStderr(io));
  const types = new Set<string>();
  // Chunks (JSONL lines, CoNLL documents) are written in input order (runJobs hands results in order).
  const sink = outFile ? new AtomicStream(outFile, force) : undefined;
  const write = sink ? (s: string) => sink.write(s) : (s: string) => io.out(s);
  // Label Studio reads one JSON array of tasks: the chunks are its elements.
  let tasks = 0;
  const emit = format === 'labelstudio' ? (s: string) => write((tasks++ === 0 ? '[\n' : ',\n') + s) : write;
  try {
    runJobs(jobs, { kbFiles }, {
      workers: parseJobs(values.jobs, jobs.length),
      onResult: (i: number, r: JobResult) => {
        tally.add(r);
        if (r.invalid) invalid.push(inputs[i].file);
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
  if (format === 'labelstudio') write(tasks === 0 ? '[]\n' : '\n]\n');
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
  if (invalid.length) {
    const shown = invalid.length > 20 ? `${invalid.slice(0, 20).join(', ')} and ${invalid.length - 20} more` : invalid.join(', ');
    io.err(`pressmark: ${invalid.length} document${invalid.length === 1 ? '' : 's'} with errors${force ? ' (written: --force)' : ' (not written; --force writes them)'}: ${shown}\n`);
  }
  return Math.max(tally.exitCode, invalid.length ? 1 : 0);
}
