/** `pressmark stats`: what a corpus of .press files holds. */
import { parseArgs } from 'node:util';
import { entityName, formatProblem, listInputs, location, Progress, runJobs, type DocumentStats, type Job, type JobFault, type JobProblem } from '../node/batch';
import { ProjectConfigs } from '../node/projectConfig';
import { parseJobs } from './importCmd';
import { projectKnowledgeBase } from './projectKb';
import { FORMAT_OPTIONS, inputExists, outputFormat, printNotes, progressOnStderr, STDIN_HELP, STDIN_OPTION, UsageError, withStdin, type Io } from './common';

export const STATS_HELP = `Usage: pressmark stats [--format text|json] [--top N] [--no-mentions] <files, folders or ->...

Counts what a corpus of .press files holds (folders are searched for *.press; the knowledge
base is the one \`pressmark check\` reads for them): documents, characters (code points) and tokens of the plain
text, annotations per type with their distinct ids, the most frequent entities (not dates), mentions the
knowledge base and the date finder see that no annotation covers, and the documents with
errors (as \`pressmark check\` reports them).

  --format text   a table (the default)
  --format json   one JSON object instead of the table (--json: the same, deprecated)
${STDIN_HELP}
  --top N         how many entities and unannotated mentions to list (default 10)
  --no-mentions   skip the search for unannotated mentions (faster)
  --jobs N        worker threads (default 1: on 2 cores they did not pay; see docs/format.md)

Exit code: 2 on bad usage or when a file could not be read (reported on stderr, in file
order; the others are counted); else 1 when a file could not be counted (an internal error);
else 0 (documents with errors are listed, not a failure).
`;

interface Entry {
  type: string;
  id: string;
  count: number;
  labels: Map<string, number>;
}

interface MentionEntry {
  text: string;
  type: string;
  id: string;
  count: number;
  first: string;
  /** Input index of the first (results may arrive out of order with worker threads). */
  firstIndex: number;
}

function top<T>(items: Iterable<T>, n: number, count: (t: T) => number, key: (t: T) => string): T[] {
  return [...items].sort((a, b) => count(b) - count(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, n);
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function runStats(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...FORMAT_OPTIONS,
      ...STDIN_OPTION,
      top: { type: 'string', default: '10' },
      'no-mentions': { type: 'boolean', default: false },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(STATS_HELP);
    return 0;
  }
  const n = Number(values.top);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--top must be a whole number, not ${values.top}`);
  const format = outputFormat(values, ['text', 'json'] as const);
  if (positionals.length === 0) throw new UsageError('stats needs at least one file or folder, or - (see pressmark stats --help)');
  const given = withStdin(positionals, values['stdin-filename']);
  for (const p of given) if (!inputExists(p)) throw new UsageError(`cannot read ${p}: no such file or folder`);
  const listing = listInputs(given, ['.press'], { dedupe: true });
  printNotes(io, listing);
  const inputs = listing.inputs;
  // The knowledge base `check` sees (projectKb.ts): names and mentions are counted against it.
  const kbFiles = projectKnowledgeBase(given, inputs.filter((i) => !i.unreadable).map((i) => i.file)).files;
  const jobs: Job[] = inputs.map((i): Job => (i.unreadable ? { kind: 'unreadable', input: i.file, message: i.unreadable } : { kind: 'stats', input: i.file, mentions: !values['no-mentions'] }));
  const ctx = { kbFiles };

  let characters = 0;
  let tokens = 0;
  let annotations = 0;
  const byType = new Map<string, { count: number; ids: Set<string> }>();
  const entities = new Map<string, Entry>();
  const mentions = new Map<string, MentionEntry>();
  let mentionCount = 0;
  const withErrors: Array<JobProblem & { index: number }> = [];
  const failed: JobFault[] = [];
  const progress = new Progress(jobs.length, io.err, progressOnStderr(io));
  runJobs(jobs, ctx, {
    workers: parseJobs(values.jobs, jobs.length),
    onResult: (_i, r) => {
      progress.tick();
      const s: DocumentStats | undefined = r.stats;
      if (!s) {
        if (r.fault) failed.push(r.fault);
        return;
      }
      characters += s.characters;
      tokens += s.tokens;
      annotations += s.annotations.length;
      if (s.firstError) withErrors.push({ ...s.firstError, index: _i, message: `${s.errors} error${s.errors === 1 ? '' : 's'}, the first: ${s.firstError.message}` });
      for (const [type, id, label] of s.annotations) {
        let t = byType.get(type);
        if (!t) byType.set(type, (t = { count: 0, ids: new Set() }));
        t.count++;
        if (id) {
          t.ids.add(id);
          const k = `${type}\u0000${id}`;
          let e = entities.get(k);
          if (!e) entities.set(k, (e = { type, id, count: 0, labels: new Map() }));
          e.count++;
          e.labels.set(label, (e.labels.get(label) ?? 0) + 1);
        }
      }
      for (const m of s.mentions) {
        mentionCount++;
        const k = `${m.text}\u0000${m.type}\u0000${m.id}`;
        const e = mentions.get(k);
        const first = location((jobs[_i] as { input: string }).input, m.line, m.column);
        if (!e) mentions.set(k, { text: m.text, type: m.type, id: m.id, count: 1, first, firstIndex: _i });
        else {
          e.count++;
          if (_i < e.firstIndex) Object.assign(e, { first, firstIndex: _i });
        }
      }
    },
  });
  progress.clear();
  withErrors.sort((a, b) => a.index - b.index);

  const types = [...byType.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  // Entities, not time expressions (whose id is a value).
  const configs = new ProjectConfigs();
  const timex = (file: string, type: string) => configs.forFile(file).config.types.get(type)?.timex ?? false;
  const probe = inputs[0]?.file ?? given[0];
  const topEntities = top([...entities.values()].filter((e) => !timex(probe, e.type)), n, (e) => e.count, (e) => `${e.type}:${e.id}`);
  const topMentions = top(mentions.values(), n, (m) => m.count, (m) => m.text);
  const name = (type: string, id: string) => entityName(ctx, type, id);
  if (format === 'json') {
    const result = {
      documents: inputs.length,
      documentsWithErrors: withErrors.length,
      unreadable: failed.filter((f) => f.kind !== 'internal').map((f) => ({ file: f.file, message: f.message })),
      failed: failed.filter((f) => f.kind === 'internal').map((f) => ({ file: f.file, message: f.message })),
      characters,
      tokens,
      annotations: { total: annotations, byType: Object.fromEntries(types.map(([t, v]) => [t, { count: v.count, ids: v.ids.size }])) },
      topEntities: topEntities.map((e) => ({ type: e.type, id: e.id, name: name(e.type, e.id) ?? null, count: e.count, labels: Object.fromEntries([...e.labels].sort((a, b) => b[1] - a[1])) })),
      unannotatedMentions: values['no-mentions'] ? null : { total: mentionCount, top: topMentions.map((m) => ({ text: m.text, type: m.type, id: m.id, count: m.count, first: m.first })) },
      errors: withErrors.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message })),
    };
    io.out(JSON.stringify(result, null, 2) + '\n');
  } else {
    const rows: string[] = [];
    const row = (label: string, value: string, rest = '') => rows.push(`${label.padEnd(24)}${value.padStart(10)}${rest ? '  ' + rest : ''}`);
    row('documents', num(inputs.length), withErrors.length ? `(${num(withErrors.length)} with errors)` : '');
    row('characters', num(characters));
    row('tokens', num(tokens));
    row('annotations', num(annotations));
    for (const [t, v] of types) row(`  ${t}`, num(v.count), v.ids.size ? `${num(v.ids.size)} id${v.ids.size === 1 ? '' : 's'}` : '');
    if (topEntities.length) {
      rows.push('', 'top entities');
      for (const e of topEntities) row(`  ${e.type}:${e.id}`, num(e.count), name(e.type, e.id) ?? '');
    }
    if (!values['no-mentions']) {
      rows.push('');
      row('unannotated mentions', num(mentionCount));
      for (const m of topMentions) row(`  ${m.text}`, num(m.count), `${m.type}:${m.id}  first at ${m.first}`);
    }
    if (withErrors.length) {
      rows.push('', 'documents with errors');
      for (const p of withErrors.slice(0, Math.max(n, 1))) rows.push('  ' + formatProblem(p).replace(' error ', ' '));
      if (withErrors.length > Math.max(n, 1)) rows.push(`  … and ${num(withErrors.length - Math.max(n, 1))} more (--format json lists them all)`);
    }
    io.out(rows.join('\n') + '\n');
  }
  for (const f of failed) io.err(`pressmark: ${f.message}\n`);
  return failed.some((f) => f.kind !== 'internal') ? 2 : failed.length ? 1 : 0;
}
