/** What the CLI commands share: usage errors, file discovery, reading documents. */
import * as fs from 'node:fs';
import { listInputs, readInput, type Listing } from '../node/batch';
import { describe } from '../node/files';

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
