/** `pressmark agree`: inter-annotator agreement between two copies of the same documents. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, listInputs, location, readInput } from '../node/batch';
import { cohensKappa, compareDocuments, firstDifference, prf, type Counts, type Disagreement } from '../service/corpus/agree';
import { fromPress, specOf, type CorpusSpan, type FromPress } from '../service/corpus/document';
import { FORMAT_OPTIONS, inputExists, isFolder, outputFormat, printNotes, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import { failIfInjected } from '../node/faults';

export const AGREE_HELP = `Usage: pressmark agree [--format text|json] <folderA> <folderB>

Compares two annotators' copies of the same documents (files with the same path under each
folder, or two files): per type precision, recall and F1 of B against A on exact matches
(same span, type and id), Cohen's kappa over tokens (each token labelled with the type of its
outermost annotation, or O), and every disagreement as file:line:col, so an editor can jump
to it. A changed annotation (another id, type or extent) is one disagreement.

  --format text   the list and the table (the default)
  --format json   one JSON object instead (--json: the same, deprecated)
${STDIN_HELP}
                         (one of two files)

Exit code: 2 on bad usage or when a document could not be read (reported in its place; the
others are compared); else 1 when the copies disagree (or a document is missing, has syntax
errors or another text, or could not be compared: an internal error); else 0.
`;

interface Side {
  file: string;
  read: FromPress;
}

interface Located {
  file: string;
  line: number;
  column: number;
  annotation: string;
}

function shown(doc: FromPress, i: number): string {
  const s: CorpusSpan = doc.doc!.spans[i];
  let label = doc.doc!.text.slice(s.start, s.end).replace(/\s+/g, ' ');
  if (label.length > 60) label = label.slice(0, 57) + '…';
  return `[${label}]{${s.spec ?? specOf(s.type, s.id, s.attributes)}}`;
}

function locate(side: Side, i: number): Located {
  const pos = side.read.parsed.lines.positionAt(side.read.spanSources[i]);
  return { file: side.file, line: pos.line + 1, column: pos.character + 1, annotation: shown(side.read, i) };
}

function pct(x: number): string {
  return (x * 100).toFixed(1).padStart(6);
}

export function runAgree(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...FORMAT_OPTIONS, ...STDIN_OPTION, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(AGREE_HELP);
    return 0;
  }
  const format = outputFormat(values, ['text', 'json'] as const);
  if (positionals.length !== 2) throw new UsageError('agree compares two folders (or two files): pressmark agree <folderA> <folderB>');
  const given = withStdin(positionals, values['stdin-filename']);
  const [a, b] = given;
  for (const p of given) if (!inputExists(p)) throw new UsageError(`cannot read ${p}: no such file or folder`);
  const dirs = given.map((p) => isFolder(p));
  if (dirs[0] !== dirs[1]) throw new UsageError('agree compares two folders or two files, not a folder with a file');

  const pairs: Array<[string, string, string]> = [];
  const problems: Array<{ file: string; line: number; column: number; message: string }> = [];
  let unreadable = 0;
  if (dirs[0]) {
    // Not deduplicated: two names of one file on one side pair with two files on the other.
    const listA = listInputs([a], ['.press']);
    const listB = listInputs([b], ['.press']);
    printNotes(io, { inputs: [], notes: [...listA.notes, ...listB.notes] });
    for (const i of [...listA.inputs, ...listB.inputs]) {
      if (!i.unreadable) continue;
      problems.push({ file: i.file, line: 1, column: 1, message: i.unreadable });
      unreadable++;
    }
    const inA = new Map(listA.inputs.filter((i) => !i.unreadable).map((i) => [i.relative, i.file]));
    const inB = new Map(listB.inputs.filter((i) => !i.unreadable).map((i) => [i.relative, i.file]));
    for (const [rel, file] of inA) {
      const other = inB.get(rel);
      if (other) pairs.push([rel, file, other]);
      else problems.push({ file, line: 1, column: 1, message: `only in ${a}: no ${path.join(b, rel)}` });
    }
    for (const [rel, file] of inB) if (!inA.has(rel)) problems.push({ file, line: 1, column: 1, message: `only in ${b}: no ${path.join(a, rel)}` });
  } else {
    pairs.push([path.basename(a), a, b]);
  }

  const perType = new Map<string, Counts>();
  const confusion = new Map<string, number>();
  let tokens = 0;
  let compared = 0;
  let documentsWithDisagreements = 0;
  const disagreements: Array<{ kind: Disagreement['kind']; a?: Located; b?: Located }> = [];
  const read = (file: string): Side => {
    const text = readInput(file).text;
    return { file, read: fromPress(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  };
  /** The file being read or compared, for a report of what went wrong with it. */
  let current = '';
  for (const [, fileA, fileB] of pairs) {
    try {
      comparePair(fileA, fileB);
    } catch (e) {
      // In its place, and the others are still compared.
      if (e instanceof InputError) unreadable++;
      const message = e instanceof InputError ? e.message : `internal error: ${(e as Error | undefined)?.message ?? String(e)}`;
      problems.push({ file: current, line: 1, column: 1, message: `not compared: ${message}` });
    }
  }
  function comparePair(fileA: string, fileB: string): void {
    current = fileA;
    const sa = read(fileA);
    current = fileB;
    const sb = read(fileB);
    current = fileA;
    failIfInjected(fileA);
    let usable = true;
    for (const side of [sa, sb]) {
      if (!side.read.doc) {
        usable = false;
        const p = side.read.problems[0];
        const pos = side.read.parsed.lines.positionAt(p.offset);
        problems.push({ file: side.file, line: pos.line + 1, column: pos.character + 1, message: `not compared: ${p.message}` });
      }
    }
    if (!usable) return;
    const diff = firstDifference(sa.read.doc!.text, sb.read.doc!.text);
    if (diff >= 0) {
      const posA = sa.read.parsed.lines.positionAt(sa.read.sourceOffsets[diff]);
      const posB = sb.read.parsed.lines.positionAt(sb.read.sourceOffsets[diff]);
      problems.push({ file: fileB, line: posB.line + 1, column: posB.character + 1, message: `not compared: the text differs from ${location(fileA, posA.line + 1, posA.character + 1)}` });
      return;
    }
    compared++;
    const result = compareDocuments(sa.read.doc!, sb.read.doc!);
    for (const [t, c] of result.perType) {
      const total = perType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
      perType.set(t, total);
    }
    for (const [k, c] of result.confusion) confusion.set(k, (confusion.get(k) ?? 0) + c);
    tokens += result.tokens;
    if (result.disagreements.length) documentsWithDisagreements++;
    for (const d of result.disagreements) {
      disagreements.push({ kind: d.kind, a: d.a !== undefined ? locate(sa, d.a) : undefined, b: d.b !== undefined ? locate(sb, d.b) : undefined });
    }
  }

  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of perType.values()) {
    overall.tp += c.tp;
    overall.fp += c.fp;
    overall.fn += c.fn;
  }
  const kappa = cohensKappa(confusion);
  const types = [...perType.keys()].sort();
  if (format === 'json') {
    const scores = (c: Counts) => ({ a: c.tp + c.fn, b: c.tp + c.fp, match: c.tp, ...prf(c) });
    io.out(
      JSON.stringify(
        {
          documents: pairs.length,
          compared,
          perType: Object.fromEntries(types.map((t) => [t, scores(perType.get(t)!)])),
          overall: scores(overall),
          kappa,
          tokens,
          disagreements,
          problems,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const lines: string[] = [];
    for (const d of disagreements) {
      if (d.kind === 'changed') lines.push(`${location(d.a!.file, d.a!.line, d.a!.column)} changed ${d.a!.annotation} → ${d.b!.annotation} (${location(d.b!.file, d.b!.line, d.b!.column)})`);
      else if (d.kind === 'only-a') lines.push(`${location(d.a!.file, d.a!.line, d.a!.column)} only in A ${d.a!.annotation}`);
      else lines.push(`${location(d.b!.file, d.b!.line, d.b!.column)} only in B ${d.b!.annotation}`);
    }
    for (const p of problems) lines.push(`${location(p.file, p.line, p.column)} ${p.message}`);
    if (lines.length) lines.push('');
    const width = Math.max(8, ...types.map((t) => t.length + 1));
    lines.push(`${'type'.padEnd(width)}${'A'.padStart(7)}${'B'.padStart(7)}${'match'.padStart(7)}   P (%)  R (%) F1 (%)`);
    const row = (t: string, c: Counts) => {
      const s = prf(c);
      lines.push(`${t.padEnd(width)}${String(c.tp + c.fn).padStart(7)}${String(c.tp + c.fp).padStart(7)}${String(c.tp).padStart(7)}  ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`);
    };
    for (const t of types) row(t, perType.get(t)!);
    row('all', overall);
    lines.push('', `Cohen's kappa over ${tokens.toLocaleString('en-US')} tokens: ${kappa.toFixed(3)}`);
    lines.push(`${disagreements.length} disagreement${disagreements.length === 1 ? '' : 's'} in ${documentsWithDisagreements} of ${compared} document${compared === 1 ? '' : 's'} compared${problems.length ? `; ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`);
    io.out(lines.join('\n') + '\n');
  }
  return unreadable ? 2 : disagreements.length || problems.length ? 1 : 0;
}
