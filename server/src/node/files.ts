/**
 * Reading a file the user did not write for us: the one guard every read of a workspace file,
 * a configuration, a knowledge base or a corpus input goes through. A device (`/dev/zero`), a
 * FIFO, a socket or a folder is refused without blocking (the file is opened non-blocking and
 * checked with fstat before a byte is read); a file is read up to a size limit and no further,
 * whatever its stat says (`/proc` files say 0); a path that leaves the given roots, directly or
 * through a symbolic link, is refused. Never throws: the caller gets the text or a reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type FileRefusal = 'not-found' | 'not-a-file' | 'too-large' | 'outside' | 'unreadable';

export type FileRead =
  | {
      ok: true;
      /** The bytes decoded as UTF-8 (a BOM is kept; the caller decides). */
      text: string;
      /** The bytes as read. */
      bytes: Buffer;
      /** Whether the bytes are valid UTF-8 (decoding replaced nothing). */
      validUtf8: boolean;
    }
  | { ok: false; reason: FileRefusal; message: string };

export interface ReadOptions {
  /** Larger files are refused (`too-large`). */
  maxBytes: number;
  /**
   * When given, the file (after following every symbolic link) must lie inside one of these
   * folders (`outside` otherwise).
   */
  roots?: readonly string[];
}

/** Whether `file` lies inside `dir` (or is it), both absolute and resolved. */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/** Whether a path, once its symbolic links are followed, lies inside one of the roots (also followed). */
export function isInsideRoots(file: string, roots: readonly string[]): boolean {
  const real = realpathOrSelf(file);
  return roots.some((r) => {
    const root = realpathOrSelf(r);
    return isInside(root, real);
  });
}

/** What an error code means, in words (`ENOSPC` → "no space left on the device"). */
export function describe(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EIO':
      return 'input/output error (the file cannot be read as data)';
    default:
      return code ?? 'unknown error';
  }
}

/** Files given by their bytes, not on disk (standard input under its name), by absolute path. */
const provided = new Map<string, Buffer>();

/**
 * Gives the bytes of `file` without a file on disk: `pressmark check -` reads standard input once
 * and provides it under the name it goes by (`-`, or --stdin-filename NAME), so every reader
 * (readFileGuarded) sees those bytes for that path, and pressmark.yaml and *.kb.yaml are
 * looked up from it as from a file of that name.
 */
export function provideFile(file: string, bytes: Buffer): void {
  provided.set(path.resolve(file), bytes);
}

/** Whether `file` is provided (provideFile) rather than read from disk. */
export function isProvided(file: string): boolean {
  return provided.size > 0 && provided.has(path.resolve(file));
}

/** The provided files (for worker threads, which provide them in turn). */
export function providedFiles(): Array<[string, Buffer]> {
  return [...provided];
}

/** Reads a regular file, bounded; see the module comment. */
/** The reads after the first one (readFileGuarded): one buffer for the thread, never handed out. */
const SCRATCH_BYTES = 64 * 1024;
let scratch: Buffer | undefined;

export function readFileGuarded(file: string, options: ReadOptions): FileRead {
  const max = options.maxBytes;
  if (options.roots && !isInsideRoots(file, options.roots)) {
    return { ok: false, reason: 'outside', message: `${file} is outside the workspace` };
  }
  const given = provided.size ? provided.get(path.resolve(file)) : undefined;
  if (given) {
    if (given.length > max) return tooLarge(file, given.length, max);
    const text = given.toString('utf8');
    return { ok: true, text, bytes: given, validUtf8: text.indexOf('\ufffd') < 0 || Buffer.from(text, 'utf8').equals(given) };
  }
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'not-found' : code === 'EISDIR' ? 'not-a-file' : 'unreadable', message: `cannot read ${file}: ${describe(code)}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
      return { ok: false, reason: 'not-a-file', message: `${file} is ${kind}, not a regular file` };
    }
    if (st.size > max) return tooLarge(file, st.size, max);
    // Read what is there, never more than max + 1 bytes (a /proc file says size 0). The first
    // read asks for the size told and one byte more, in a buffer of that size; the reads after it
    // (which find the end, or what a growing file added) go through one scratch buffer, copied out
    // only when they read something. A buffer of 64 KB per read made 128 KB of garbage per file:
    // `pressmark check` over 10,000 small documents spent an eighth of its time on it.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = max + 1 - total;
      const first = total === 0 && st.size > 0;
      const want = Math.min(first ? st.size + 1 : Math.max(st.size - total, SCRATCH_BYTES), room);
      if (want <= 0) break;
      const buf = first || want > SCRATCH_BYTES ? Buffer.allocUnsafe(want) : (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES));
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, want, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        return { ok: false, reason: 'unreadable', message: `cannot read ${file}: ${describe(code)}` };
      }
      if (n === 0) break;
      chunks.push(buf === scratch ? Buffer.from(buf.subarray(0, n)) : n === want ? buf : buf.subarray(0, n));
      total += n;
    }
    if (total > max) return tooLarge(file, total, max);
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    const text = bytes.toString('utf8');
    return { ok: true, text, bytes, validUtf8: text.indexOf('\ufffd') < 0 || Buffer.from(text, 'utf8').equals(bytes) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', message: `cannot read ${file}: ${describe((e as NodeJS.ErrnoException).code)}` };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}

function tooLarge(file: string, size: number, max: number): FileRead {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return { ok: false, reason: 'too-large', message: `${file} is larger than ${mb(max)} (${size > max + 1 ? mb(size) : 'read stopped there'}): not read` };
}
