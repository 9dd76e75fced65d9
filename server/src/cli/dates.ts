/** `pressmark dates`: normalize a temporal expression, or find the expressions in a text. */
import { CodePoints } from '../service/text';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { publicationDateProblem } from '../service/calendar';
import { normalize, type Normalized } from '../service/dates/normalize';
import { findDates } from '../service/dates/recognize';
import { readDocument, STDIN_OPTION, UsageError, withStdin, type Io } from './common';
import { describe } from '../node/files';

export const DATES_HELP = `Usage: pressmark dates [--date YYYY-MM-DD] [--before TEXT] [--after TEXT] <expression>
       pressmark dates [--date YYYY-MM-DD] --find [files or -...]

Normalizes a temporal expression to TIMEX3 against the publication date, or finds the
temporal expressions of a text.

  <expression>   the words of the expression (several arguments are joined with spaces);
                 prints one JSON object: {"type","value","mod"?,"quant"?,"freq"?,"confident"}
                 (type DATE, TIME, DURATION or SET), or null when it is not understood
  --find         finds the expressions in the files given, or in standard input (no file,
                 or -; --stdin-filename NAME names it); prints one
                 JSON object per line: {"start","end","text","type","value",...,"confident"}
                 with start and end (exclusive) in Unicode code points into the text
                 (a byte order mark is dropped first)
  --date D       the publication date, YYYY-MM-DD (a time after it is ignored). Without it,
                 relative expressions ("today", "last Friday") get values with X for what
                 is unknown (XXXX-XX-XX, XXXX-WXX-5) and "confident": false
  --before TEXT, --after TEXT
                 the text around the expression: its tense decides "on Friday" (past or next)

Exit code: 0 when understood (or something found), 1 when not understood (or nothing
found), 2 on bad usage or an unreadable file.
`;

function row(n: Normalized): Record<string, unknown> {
  return {
    type: n.type,
    value: n.value,
    ...(n.mod ? { mod: n.mod } : {}),
    ...(n.quant ? { quant: n.quant } : {}),
    ...(n.freq ? { freq: n.freq } : {}),
    confident: n.confident,
  };
}

function readInput(file: string | undefined, readStdin: () => string): string {
  if (file !== undefined) return readDocument(file);
  let text: string;
  try {
    text = readStdin();
  } catch (e) {
    throw new UsageError(`cannot read standard input: ${describe((e as NodeJS.ErrnoException).code)}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function runDates(argv: string[], io: Io, readStdin: () => string = () => fs.readFileSync(0, 'utf8')): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      date: { type: 'string' },
      find: { type: 'boolean' },
      before: { type: 'string' },
      after: { type: 'string' },
      ...STDIN_OPTION,
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(DATES_HELP);
    return 0;
  }
  let dct: string | undefined;
  if (values.date !== undefined) {
    const why = publicationDateProblem(values.date.trim());
    if (why) throw new UsageError(`--date: ${why}`);
    dct = values.date.trim().slice(0, 10);
  }
  if (values.find) {
    if (values.before !== undefined || values.after !== undefined) throw new UsageError('--before and --after go with an expression, not with --find');
    const files = withStdin(positionals, values['stdin-filename'], () => Buffer.from(readStdin(), 'utf8'));
    const inputs = files.length ? files : [undefined];
    let found = 0;
    for (const file of inputs) {
      const text = readInput(file, readStdin);
      const points = new CodePoints(text);
      const cp = (o: number) => points.toCodePoint(o);
      const lines: string[] = [];
      for (const d of findDates(text, dct)) {
        const { start, end, text: t, confident, ...rest } = d;
        const out = { ...(file !== undefined && inputs.length > 1 ? { file } : {}), start: cp(start), end: cp(end), text: t, ...rest, confident };
        lines.push(JSON.stringify(out));
      }
      found += lines.length;
      if (lines.length) io.out(lines.join('\n') + '\n');
    }
    return found > 0 ? 0 : 1;
  }
  const expression = positionals.join(' ').trim();
  if (!expression) throw new UsageError('dates needs an expression, or --find (see pressmark dates --help)');
  const n = normalize(expression, dct, { before: values.before, after: values.after });
  io.out(JSON.stringify(n ? row(n) : null) + '\n');
  if (!n) io.err(`pressmark: not a temporal expression Pressmark understands: ${JSON.stringify(expression)}\n`);
  return n ? 0 : 1;
}
