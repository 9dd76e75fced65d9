/**
 * Atomic file writes: the content goes to a temporary file in the target's folder, which then
 * takes the target's name in one step, so a reader (or a crash) never sees half a file.
 * Without `force` an existing file is never replaced, even one created while we write: the
 * temporary file is hard-linked to the target name, which fails if the name is taken (on file
 * systems without hard links, an existence check and a rename).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

export type WriteOutcome = 'written' | 'exists';

let counter = 0;

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${threadId}-${++counter}.tmp`);
}

/** Writes `content` to `file` atomically; 'exists' (nothing written) when the file exists and not `force`. */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: { force?: boolean } = {}): WriteOutcome {
  if (!options.force && fs.existsSync(file)) return 'exists';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    if (options.force) {
      fs.renameSync(tmp, file);
      return 'written';
    }
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return 'exists';
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
      if (fs.existsSync(file)) return 'exists';
      fs.renameSync(tmp, file);
      return 'written';
    }
    return 'written';
  } finally {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // renamed away, or already gone
    }
  }
}

/**
 * A file written piece by piece (a JSONL or CoNLL export) that appears under its name only
 * when `commit` is called; `abort` removes the temporary file.
 */
export class AtomicStream {
  private readonly tmp: string;
  private fd: number | undefined;

  constructor(
    readonly file: string,
    private readonly force = false,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.tmp = tempName(file);
    this.fd = fs.openSync(this.tmp, 'wx');
  }

  write(s: string): void {
    if (this.fd !== undefined) fs.writeSync(this.fd, s);
  }

  commit(): WriteOutcome {
    this.close();
    try {
      if (this.force) {
        fs.renameSync(this.tmp, this.file);
        return 'written';
      }
      try {
        fs.linkSync(this.tmp, this.file);
        return 'written';
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
        if (fs.existsSync(this.file)) return 'exists';
        fs.renameSync(this.tmp, this.file);
        return 'written';
      }
    } finally {
      this.abort();
    }
  }

  abort(): void {
    this.close();
    try {
      fs.unlinkSync(this.tmp);
    } catch {
      // already renamed or removed
    }
  }

  private close(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
