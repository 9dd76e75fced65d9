/** What the CLI commands share: usage errors, file discovery, reading documents. */
import * as fs from 'node:fs';
import * as path from 'node:path';

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

const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);

/**
 * Expands files and folders into the files with one of `exts`, sorted; folders are walked.
 * Files named explicitly are kept whatever their extension, unless `onlyMatchingFiles`.
 */
export function collectFiles(inputs: readonly string[], exts: readonly string[], options: { onlyMatchingFiles?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      throw new UsageError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(e)}`);
    }
    if (st.isDirectory()) walk(input);
    else if (!options.onlyMatchingFiles || exts.some((x) => input.endsWith(x))) out.push(input);
  }
  return out;
}

/** Reads a document as the editor sees it: UTF-8, without a byte order mark. */
export function readDocument(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code ?? e)}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
