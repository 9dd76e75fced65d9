/** What the CLI commands share: usage errors, file discovery, reading documents. */
import * as fs from 'node:fs';
import { listInputs, MAX_INPUT_BYTES, readInput, type Listing } from '../node/batch';
import { describe, isProvided, provideFile } from '../node/files';

/** A usage or input error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `s` to a file descriptor before returning. process.stdout.write queues what a
 * pipe does not take at once, in memory: `pressmark check corpus/ | …` held hundreds of megabytes
 * of output that way. A pipe that is full (EAGAIN) is waited on; a reader that has gone (EPIPE)
 * ends the command quietly, as `… | head` expects.
 */
export function writeAllSync(fd: number, s: string): void {
  const buf = Buffer.from(s, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      else throw e;
    }
  }
}

export const processIo: Io = {
  out: (s) => writeAllSync(1, s),
  err: (s) => writeAllSync(2, s),
};

const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'out', 'dist']);

/**
 * Expands files and folders into the files with one of `exts`, sorted; folders are walked
 * (listInputs: links to files followed, nothing skipped silently, one entry per file). Files
 * named explicitly are kept whatever their extension, unless `onlyMatchingFiles`. A path that
 * does not exist is a usage error; the notes say what was left out and why.
 */
export function collectFiles(inputs: readonly string[], exts: readonly string[], options: { onlyMatchingFiles?: boolean } = {}): Listing {
  for (const input of inputs) {
    if (isProvided(input)) continue;
    try {
      fs.statSync(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${input}: ${code === 'ENOENT' ? 'no such file or folder' : describe(code)}`);
    }
  }
  return listInputs(inputs, exts, { skipDirs: SKIP_DIRS, onlyMatchingFiles: options.onlyMatchingFiles, dedupe: true });
}

/** Prints the notes of a listing (what was left out and why) on stderr. */
export function printNotes(io: Io, listing: Listing): void {
  for (const n of listing.notes) io.err(`pressmark: ${n}\n`);
}

/**
 * Reads a document as the editor sees it: UTF-8, without a byte order mark (through readInput,
 * the one reader of CLI inputs). Throws InputError (exit code 2).
 */
export function readDocument(file: string): string {
  const text = readInput(file).text;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Standard input, --format, terminals: what every command does the same way
// ---------------------------------------------------------------------------------------------

/** The option every command that reads files takes, with `-` among its inputs. */
export const STDIN_OPTION = { 'stdin-filename': { type: 'string' } } as const;

/** How the help of a command that reads files describes `-` (aligned with the other options). */
export const STDIN_HELP = `  -                      read standard input (once) in place of a file
  --stdin-filename NAME  the name of standard input: in messages, and where pressmark.yaml and
                         *.kb.yaml are looked up from (as for a file of that name; it need not
                         exist). Without it: \`-\`, looked up from the current folder`;

/** Reads all of standard input as bytes (blocking; a pipe or a file). */
export function readStdinBytes(): Buffer {
  return fs.readFileSync(0);
}

/**
 * The inputs with `-` replaced by the name of standard input (--stdin-filename NAME, or `-`), its
 * bytes provided under that name (node/files.ts provideFile): every reader then sees them, and
 * the look-ups of pressmark.yaml and *.kb.yaml start from that path. `-` at most once; a
 * --stdin-filename without `-` is a usage error.
 */
export function withStdin(inputs: readonly string[], stdinFilename: string | undefined, readStdin: () => Buffer = readStdinBytes): string[] {
  const dashes = inputs.filter((i) => i === '-').length;
  if (dashes > 1) throw new UsageError('- (standard input) can be given once');
  if (dashes === 0) {
    if (stdinFilename !== undefined) throw new UsageError('--stdin-filename names standard input: give - among the inputs');
    return [...inputs];
  }
  const name = stdinFilename ?? '-';
  if (name === '' || /[\x00-\x1f]/.test(name)) throw new UsageError(`--stdin-filename must be a file name, not ${JSON.stringify(name)}`);
  if (name !== '-' && inputs.includes(name)) throw new UsageError(`${name} is given both as a file and as --stdin-filename`);
  let bytes: Buffer;
  try {
    bytes = readStdin();
  } catch (e) {
    throw new UsageError(`cannot read standard input: ${describe((e as NodeJS.ErrnoException).code)}`);
  }
  if (bytes.length > MAX_INPUT_BYTES) throw new UsageError(`standard input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB: not read`);
  provideFile(name, bytes);
  return inputs.map((i) => (i === '-' ? name : i));
}

/** Whether an input exists: a file or folder on disk, or standard input under its name. */
export function inputExists(p: string): boolean {
  return isProvided(p) || fs.existsSync(p);
}

/** Whether an input is a folder (standard input never is; a path that cannot be read is not). */
export function isFolder(p: string): boolean {
  if (isProvided(p)) return false;
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The names in a folder (none when it cannot be listed: a --stdin-filename in a folder that does not exist). */
export function besideFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The --format and deprecated --json options of a command with output. */
export const FORMAT_OPTIONS = { format: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

/**
 * The output format of a command: `--format F` (one of `allowed`; default `text`), or the
 * deprecated `--json`, which still means `--format json` (and may not contradict --format).
 */
export function outputFormat<F extends string>(values: { format?: string; json?: boolean }, allowed: readonly F[]): F {
  const given = values.format;
  if (given !== undefined && !(allowed as readonly string[]).includes(given)) throw new UsageError(`--format must be ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed[allowed.length - 1]}, not ${given}`);
  if (values.json) {
    if (given !== undefined && given !== 'json') throw new UsageError(`--json (a deprecated name of --format json) contradicts --format ${given}`);
    return 'json' as F;
  }
  return (given ?? 'text') as F;
}

/**
 * Whether a stream may get control characters (a progress bar's `\r`, `\x1b[K`, colours): only
 * a terminal (isTTY) whose TERM is not `dumb`, and not when NO_COLOR is set (https://no-color.org:
 * any non-empty value). A pipe, a file or a CI log gets plain lines.
 */
export function supportsControl(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (stream.isTTY !== true) return false;
  if (env.TERM === 'dumb') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return true;
}

/** Whether the progress bar of a command may be drawn on stderr (the process's own, a capable terminal). */
export function progressOnStderr(io: Io): boolean {
  return io === processIo && supportsControl(process.stderr);
}
