/**
 * Atomic file writes: the content goes to a temporary file in the target's folder, which then
 * takes the target's name in one step, so a reader (or a crash) never sees half a file.
 * Without `force` an existing file is never replaced, even one created while we write: the
 * temporary file is hard-linked to the target name, which fails if the name is taken (on file
 * systems without hard links, an existence check and a rename). With `force` a file that
 * already holds the bytes is left alone (not even its time changes).
 *
 * Files that belong together (a brat `.txt` and its `.ann`) are written all or nothing: every
 * temporary file is written before any takes its name, and a failure removes what was placed.
 * A failure to write (a full disk, no permission) is a WriteError naming the file; no
 * temporary file stays behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { injectedFault } from './faults';
import { describe } from './files';

/** written; exists: not written, the target exists (no force); unchanged: force, and the target already holds these bytes. */
export type WriteOutcome = 'written' | 'exists' | 'unchanged';

/** A file that could not be written: "cannot write FILE: no space left on the device". */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
  ) {
    super(`cannot write ${file}: ${describe(code)}`);
  }
}

/** The error as a WriteError of `file` when it is a system error (it has a code); others (bugs) as they are. */
function asWriteError(file: string, e: unknown): unknown {
  if (e instanceof WriteError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? new WriteError(file, code) : e;
}

let counter = 0;

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${threadId}-${++counter}.tmp`);
}

function noSpace(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write (PRESSMARK_FAULT_INJECTION)'), { code: 'ENOSPC', syscall: 'write' });
}

/** Writes all of `bytes` (a short write is continued; a full disk throws). `target` names the fault to inject. */
function writeAll(fd: number, bytes: Uint8Array, target: string): void {
  let off = 0;
  if (injectedFault('enospc', target)) {
    fs.writeSync(fd, bytes, 0, bytes.length >> 1);
    throw noSpace();
  }
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** Whether `file` is a regular file holding exactly `bytes`. */
function holds(file: string, bytes: Uint8Array): boolean {
  try {
    const st = fs.lstatSync(file);
    return st.isFile() && st.size === bytes.length && fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // renamed away, or already gone
  }
}

/** Creates the folder of `file`; returns the folders it created (innermost first), for removal on failure. */
function makeFolder(file: string): string[] {
  const dir = path.dirname(file);
  const first = fs.mkdirSync(dir, { recursive: true });
  if (first === undefined) return [];
  const made: string[] = [];
  const top = path.resolve(first);
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    made.push(d);
    if (d === top || path.dirname(d) === d) break;
  }
  return made;
}

/** Hard-links `tmp` to `file` (fails if the name is taken); 'exists' if it is. */
function linkNew(tmp: string, file: string): 'written' | 'exists' {
  try {
    fs.linkSync(tmp, file);
    return 'written';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    if (fs.existsSync(file)) return 'exists';
    fs.renameSync(tmp, file);
    return 'written';
  }
}

/**
 * Writes the files all or nothing: 'exists' (nothing written) when one exists and not `force`;
 * with `force`, 'unchanged' when each already holds its bytes (only the others are written).
 * Throws a WriteError (nothing of these files written, no temporary file left) when one cannot
 * be written.
 */
export function writeFilesAtomic(files: ReadonlyArray<readonly [string, string | Uint8Array]>, options: { force?: boolean } = {}): WriteOutcome {
  const force = options.force === true;
  const all = files.map(([f, c]) => [f, toBytes(c)] as const);
  if (!force && all.some(([f]) => fs.existsSync(f))) return 'exists';
  const todo = force ? all.filter(([f, bytes]) => !holds(f, bytes)) : all;
  if (todo.length === 0) return 'unchanged';
  const temps: string[] = [];
  const placed: string[] = [];
  const folders: string[] = [];
  let current = todo[0][0];
  try {
    for (const [file, bytes] of todo) {
      current = file;
      folders.push(...makeFolder(file));
      const tmp = tempName(file);
      const fd = fs.openSync(tmp, 'wx');
      temps.push(tmp);
      try {
        writeAll(fd, bytes, file);
      } finally {
        fs.closeSync(fd);
      }
    }
    for (let k = 0; k < todo.length; k++) {
      const file = (current = todo[k][0]);
      if (force) fs.renameSync(temps[k], file);
      else if (linkNew(temps[k], file) === 'exists') {
        // created meanwhile: take back what this call placed
        placed.forEach(unlinkQuietly);
        return 'exists';
      }
      placed.push(file);
    }
    return 'written';
  } catch (e) {
    placed.forEach(unlinkQuietly);
    for (const d of folders) {
      try {
        fs.rmdirSync(d);
      } catch {
        // not empty, or gone
      }
    }
    throw asWriteError(current, e);
  } finally {
    temps.forEach(unlinkQuietly);
  }
}

/** Writes `content` to `file` atomically (see writeFilesAtomic). */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: { force?: boolean } = {}): WriteOutcome {
  return writeFilesAtomic([[file, content]], options);
}

/** Whether two regular files hold the same bytes (read in chunks: a corpus file can be large). */
function sameFiles(a: string, b: string): boolean {
  let fa: number | undefined;
  let fb: number | undefined;
  try {
    const sa = fs.lstatSync(a);
    const sb = fs.lstatSync(b);
    if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false;
    fa = fs.openSync(a, 'r');
    fb = fs.openSync(b, 'r');
    const ba = Buffer.allocUnsafe(1 << 16);
    const bb = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      const na = fs.readSync(fa, ba, 0, ba.length, null);
      const nb = fs.readSync(fb, bb, 0, bb.length, null);
      if (na !== nb) return false;
      if (na === 0) return true;
      if (!ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
    }
  } catch {
    return false;
  } finally {
    if (fa !== undefined) fs.closeSync(fa);
    if (fb !== undefined) fs.closeSync(fb);
  }
}

/**
 * A file written piece by piece (a JSONL or CoNLL export) that appears under its name only
 * when `commit` is called; `abort` removes the temporary file. A failed write aborts and
 * throws a WriteError.
 */
export class AtomicStream {
  private readonly tmp: string;
  private fd: number | undefined;

  constructor(
    readonly file: string,
    private readonly force = false,
  ) {
    this.tmp = tempName(file);
    try {
      makeFolder(file);
      this.fd = fs.openSync(this.tmp, 'wx');
    } catch (e) {
      this.abort();
      throw asWriteError(file, e);
    }
  }

  write(s: string): void {
    if (this.fd === undefined) return;
    try {
      writeAll(this.fd, Buffer.from(s, 'utf8'), this.file);
    } catch (e) {
      this.abort();
      throw asWriteError(this.file, e);
    }
  }

  commit(): WriteOutcome {
    try {
      this.close();
      if (this.force) {
        if (sameFiles(this.tmp, this.file)) return 'unchanged';
        fs.renameSync(this.tmp, this.file);
        return 'written';
      }
      return linkNew(this.tmp, this.file);
    } catch (e) {
      throw asWriteError(this.file, e);
    } finally {
      this.abort();
    }
  }

  abort(): void {
    try {
      this.close();
    } catch {
      // closing failed: the file is removed all the same
    }
    unlinkQuietly(this.tmp);
  }

  private close(): void {
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      fs.closeSync(fd);
    }
  }
}
