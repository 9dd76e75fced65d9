/**
 * Issue 12 against the command line (needs the bundle: npm run build): a failing file never
 * passes, folder walks skip nothing silently, writes happen only when something changes, a
 * full disk leaves nothing half written. Faults are injected with PRESSMARK_FAULT_INJECTION
 * (server/src/node/faults.ts, test-only); a real small file system is used where mount is allowed.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tree } from '../support/tree';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function run(args: string[], options: { cwd?: string; fault?: string } = {}) {
  const env = { ...process.env, PRESSMARK_FAULT_INJECTION: options.fault ?? '' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}


function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

interface Row {
  file: string;
  code: string;
}

describe('CLI: a failing file never passes (issue 12, item 5)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-faults-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check /proc/self/mem b.press exits 2 and still reports b.press, in either order', () => {
    fs.writeFileSync(path.join(dir, 'b.press'), 'A [ship]{cuontry:KZ}.\n');
    for (const args of [['/proc/self/mem', 'b.press'], ['b.press', '/proc/self/mem']]) {
      const r = run(['check', ...args], { cwd: dir });
      assert.equal(r.code, 2, args.join(' ') + '\n' + r.err);
      assert.match(r.out, /^b\.press:1:10 error .*\(syntax\.unknown-type\)\n$/);
      assert.match(r.err, /^pressmark: cannot read \/proc\/self\/mem: .+$/m);
      assert.match(r.err, /2 files checked, 1 problem \(1 error\), 1 file could not be read\n$/);
    }
  });

  // 70 documents (worker threads take 32 at a time), each with one error; one of them throws.
  for (const where of ['first', 'middle', 'last']) {
    for (const jobs of ['1', '2']) {
      it(`a folder where the check of one file throws (the ${where}, --jobs ${jobs}): an internal.error row with its file, in its place, every other file reported, exit 1`, () => {
        const names = Array.from({ length: 70 }, (_, i) => `d${String(i).padStart(2, '0')}.press`);
        for (const n of names) fs.writeFileSync(path.join(dir, n), `Text [x]{cuontry:${n}}.\n`);
        const failing = where === 'first' ? names[0] : where === 'middle' ? names[35] : names[69];
        const r = run(['check', '--format', 'json', '--jobs', jobs, dir], { fault: `job:${failing}` });
        assert.equal(r.code, 1, r.err);
        const rows = JSON.parse(r.out) as Row[];
        assert.deepEqual(
          rows.map((x) => [path.basename(x.file), x.code]),
          names.map((n) => [n, n === failing ? 'internal.error' : 'syntax.unknown-type']),
        );
        const text = run(['check', '--jobs', jobs, dir], { fault: `job:${failing}` });
        assert.equal(text.code, 1);
        assert.match(text.out, new RegExp(`^.*${failing.replace('.', '\\.')}:1:1 error Internal error: fault injected .*\\(internal\\.error\\)$`, 'm'));
        assert.equal(text.out.trim().split('\n').length, 70);
      });
    }
  }

  it('a FIFO named like a document, in a folder: reported in its place without blocking, the others checked, exit 2', () => {
    fs.writeFileSync(path.join(dir, 'a.press'), '[x]{cuontry:KZ}\n');
    mkfifo(path.join(dir, 'b.press'));
    fs.writeFileSync(path.join(dir, 'c.press'), '[x]{cuontry:KZ}\n');
    const r = run(['check', 'a.press', '.', 'c.press'], { cwd: dir });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^pressmark: b\.press is a FIFO, not a regular file$/m);
    assert.deepEqual(
      r.out.trim().split('\n').map((l) => l.split(':')[0]),
      ['a.press', 'c.press'],
      'each file once (a.press and c.press are also in the folder)',
    );
  });

  // The batch commands: one document of three throws (or cannot be read); the others are done.
  const commands: Array<{ name: string; args: (d: string) => string[]; setup?: (d: string) => void; ext: string; check: (r: ReturnType<typeof run>, d: string) => void; jsonProblems?: boolean }> = [
    {
      name: 'export --to jsonl',
      ext: '.press',
      args: (d) => ['export', '--to', 'jsonl', d],
      check: (r) => assert.deepEqual(r.out.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id), ['a', 'c']),
    },
    {
      name: 'export --to brat',
      ext: '.press',
      args: (d) => ['export', '--to', 'brat', '--out', path.join(d, 'out'), d],
      check: (_r, d) => assert.deepEqual(tree(path.join(d, 'out')), ['a.ann', 'a.txt', 'annotation.conf', 'c.ann', 'c.txt', 'tools.conf']),
    },
    {
      name: 'import (raw)',
      ext: '.txt',
      args: (d) => ['import', '--out', path.join(d, 'out'), d],
      check: (_r, d) => assert.deepEqual(tree(path.join(d, 'out')), ['a.press', 'c.press']),
    },
    {
      name: 'stats',
      ext: '.press',
      args: (d) => ['stats', '--json', d],
      check: (r) => assert.equal((JSON.parse(r.out) as { annotations: { total: number } }).annotations.total, 2),
    },
    {
      name: 'annotate',
      ext: '.press',
      args: (d) => ['annotate', d],
      check: (r) => assert.deepEqual(r.out.match(/^==> .* <==$/gm)!.map((l) => path.basename(l.slice(4, -4))), ['a.press', 'c.press']),
    },
    {
      name: 'agree',
      ext: '.press',
      setup: (d) => fs.cpSync(d, path.join(path.dirname(d), 'copy'), { recursive: true }),
      args: (d) => ['agree', '--json', d, path.join(path.dirname(d), 'copy')],
      jsonProblems: true,
      check: (r) => assert.equal((JSON.parse(r.out) as { compared: number }).compared, 2),
    },
  ];
  for (const c of commands) {
    it(`${c.name}: a document whose work throws is reported with its file, the others are done, exit 1; an unreadable one, exit 2`, () => {
      const docs = path.join(dir, 'docs');
      fs.mkdirSync(docs);
      for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(docs, n + c.ext), `About [Kazakhstan]{country:KZ} (${n}).\n`);
      c.setup?.(docs);
      // agree --json lists problems as {file, message}: one line for the assertion
      const said = (r: ReturnType<typeof run>) => (c.jsonProblems ? (JSON.parse(r.out) as { problems: Array<{ file: string; message: string }> }).problems.map((p) => `${p.file} ${p.message}`).join('\n') : r.out + r.err);
      const r = run(c.args(docs), { fault: `job:b${c.ext}` });
      assert.equal(r.code, 1, r.err);
      assert.match(said(r), new RegExp(`b\\${c.ext}.*internal error: fault injected into the work on b\\${c.ext}`));
      c.check(r, docs);

      fs.rmSync(path.join(dir, 'docs', 'out'), { recursive: true, force: true });
      fs.rmSync(path.join(docs, 'b' + c.ext));
      mkfifo(path.join(docs, 'b' + c.ext));
      const unreadable = run(c.args(docs));
      assert.equal(unreadable.code, 2, unreadable.err);
      assert.match(said(unreadable), new RegExp(`b\\${c.ext} is a FIFO, not a regular file`));
      c.check(unreadable, docs);
    });
  }
});

describe('CLI: folder walks skip nothing silently (issue 12)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-links-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a link to a .press file is checked; a second name of one file once, with a note; a link to a folder noted; a dangling link unreadable', () => {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(dir, 'outside', 'o.press'), '[x]{cuontry:KZ}\n');
    fs.writeFileSync(path.join(ws, 'real.press'), '[x]{cuontry:KZ}\n');
    fs.symlinkSync(path.join(dir, 'outside', 'o.press'), path.join(ws, 'linked.press'));
    fs.symlinkSync('real.press', path.join(ws, 'another-name.press'));
    fs.symlinkSync(path.join(dir, 'outside'), path.join(ws, 'folder-link'));
    fs.symlinkSync('nowhere.press', path.join(ws, 'dangling.press'));
    const r = run(['check', 'ws'], { cwd: dir });
    assert.equal(r.code, 2, r.err);
    assert.deepEqual(r.out.trim().split('\n').map((l) => l.split(':')[0]), ['ws/linked.press', 'ws/real.press']);
    assert.match(r.err, /^pressmark: ws\/another-name\.press: skipped: the same file as ws\/real\.press$/m);
    assert.match(r.err, /^pressmark: ws\/folder-link: skipped: a link to a folder/m);
    assert.match(r.err, /^pressmark: cannot read ws\/dangling\.press: no such file$/m);
    // (--force: the documents have check errors, an unknown type; the walk is what is tested)
    const exported = run(['export', '--to', 'jsonl', '--force', 'ws'], { cwd: dir });
    assert.deepEqual(exported.out.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id), ['linked', 'real']);
  });
});

describe('CLI: writes only when something changes, byte for byte (issue 12, item 9)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-writes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const stamp = (f: string) => {
    const st = fs.statSync(f);
    return [st.ino, st.mtimeMs];
  };

  it('annotate --write adding nothing does not touch the file (bytes, inode, time), with or without a BOM', () => {
    for (const bytes of [Buffer.concat([BOM, Buffer.from('Nothing to see here.\n')]), Buffer.from('Nothing to see here.\r\n')]) {
      const file = path.join(dir, 'n.press');
      fs.writeFileSync(file, bytes);
      const before = stamp(file);
      const r = run(['annotate', '--write', file]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /0 annotations added \(not rewritten\)/);
      assert.deepEqual(fs.readFileSync(file), bytes);
      assert.deepEqual(stamp(file), before);
    }
  });

  it('annotate --write adding annotations to a file with a BOM keeps the BOM', () => {
    const file = path.join(dir, 'k.press');
    fs.writeFileSync(file, Buffer.concat([BOM, Buffer.from('Kazakhstan signed.\n')]));
    const r = run(['annotate', '--write', file]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fs.readFileSync(file), Buffer.concat([BOM, Buffer.from('[Kazakhstan]{country:KZ} signed.\n')]));
  });

  it('annotate --write refuses a file that is not valid UTF-8 (its bytes unchanged), and leaves it alone when it adds nothing', () => {
    const file = path.join(dir, 'bad.press');
    const bytes = Buffer.concat([Buffer.from('Kazakhstan caf'), Buffer.from([0xe9]), Buffer.from('.\n')]);
    fs.writeFileSync(file, bytes);
    const r = run(['annotate', '--write', file]);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.press is not valid UTF-8: not rewritten/);
    assert.deepEqual(fs.readFileSync(file), bytes);
    const none = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.\n')]);
    fs.writeFileSync(file, none);
    const before = stamp(file);
    assert.equal(run(['annotate', '--write', file]).code, 0);
    assert.deepEqual(fs.readFileSync(file), none);
    assert.deepEqual(stamp(file), before);
  });

  it('annotate --write through a symbolic link rewrites the file it names; the link stays', () => {
    fs.writeFileSync(path.join(dir, 'target.press'), 'Kazakhstan signed.\n');
    fs.symlinkSync('target.press', path.join(dir, 'link.press'));
    const r = run(['annotate', '--write', path.join(dir, 'link.press')]);
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.lstatSync(path.join(dir, 'link.press')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'target.press'), 'utf8'), '[Kazakhstan]{country:KZ} signed.\n');
  });

  it('export --force over outputs that already hold the bytes leaves them alone', () => {
    fs.writeFileSync(path.join(dir, 'd.press'), '---\ntitle: T\n---\n[Kazakhstan]{country:KZ} signed.\n');
    const out = path.join(dir, 'brat');
    assert.equal(run(['export', '--to', 'brat', '--out', out, path.join(dir, 'd.press')]).code, 0);
    const before = ['d.txt', 'd.ann', 'd.meta.json'].map((f) => stamp(path.join(out, f)));
    const again = run(['export', '--to', 'brat', '--force', '--out', out, path.join(dir, 'd.press')]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.err, /1 document, 1 unchanged/);
    assert.deepEqual(['d.txt', 'd.ann', 'd.meta.json'].map((f) => stamp(path.join(out, f))), before);
  });
});

describe('CLI: round trips keep a byte order mark (issue 12)', function () {
  this.timeout(60_000);
  it('.press → brat → .press and .press → JSONL → .press give back the same bytes, BOM included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-bom-'));
    try {
      const cases = { 'fm.press': '---\ntitle: T\n---\n[Kazakhstan]{country:KZ}.\n', 'plain.press': 'Hello [Kazakhstan]{country:KZ}.\r\n' };
      fs.mkdirSync(path.join(dir, 'in'));
      for (const [name, text] of Object.entries(cases)) fs.writeFileSync(path.join(dir, 'in', name), Buffer.concat([BOM, Buffer.from(text)]));
      assert.equal(run(['export', '--to', 'brat', '--out', 'brat', 'in'], { cwd: dir }).code, 0);
      assert.equal(run(['import', '--from', 'brat', '--out', 'back-brat', 'brat'], { cwd: dir }).code, 0);
      assert.equal(run(['export', '--to', 'jsonl', '--out', 'c.jsonl', 'in'], { cwd: dir }).code, 0);
      assert.equal(run(['import', '--from', 'jsonl', '--out', 'back-jsonl', 'c.jsonl'], { cwd: dir }).code, 0);
      for (const name of Object.keys(cases)) {
        const original = fs.readFileSync(path.join(dir, 'in', name));
        assert.deepEqual(fs.readFileSync(path.join(dir, 'back-brat', name)), original, `brat ${name}`);
        assert.deepEqual(fs.readFileSync(path.join(dir, 'back-jsonl', name)), original, `JSONL ${name}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI: a full disk (issue 12)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-enospc-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A document whose .ann is large: many annotations. */
  const big = (n: number) => Array.from({ length: n }, (_, i) => `Word${i} [Kazakhstan]{country:KZ} and [Astana]{place:G1526273 note="n${i}"}.`).join('\n') + '\n';

  it('brat export: the document whose .ann cannot be written leaves nothing (no .txt, no temporary file); "no space left on the device", exit 2; a rerun works', () => {
    fs.writeFileSync(path.join(dir, 'd.press'), big(20));
    const out = path.join(dir, 'out');
    const r = run(['export', '--to', 'brat', '--out', out, path.join(dir, 'd.press')], { fault: 'enospc:d.ann' });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, new RegExp(`^pressmark: cannot write ${out.replace(/[/.]/g, '\\$&')}/d\\.ann: no space left on the device$`, 'm'));
    assert.doesNotMatch(r.err, /internal error/);
    assert.deepEqual(tree(out), ['annotation.conf', 'tools.conf']);
    const again = run(['export', '--to', 'brat', '--out', out, path.join(dir, 'd.press')]);
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(tree(out), ['annotation.conf', 'd.ann', 'd.txt', 'tools.conf']);
  });

  it('JSONL export to a file: no file and no temporary file are left, exit 2', () => {
    fs.writeFileSync(path.join(dir, 'd.press'), big(20));
    const out = path.join(dir, 'out', 'corpus.jsonl');
    const r = run(['export', '--to', 'jsonl', '--out', out, path.join(dir, 'd.press')], { fault: 'enospc:corpus.jsonl' });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^pressmark: cannot write .*corpus\.jsonl: no space left on the device$/m);
    assert.deepEqual(tree(path.join(dir, 'out')), []);
  });

  it('on a real full file system (a small tmpfs; needs root and mount)', function () {
    const fsDir = path.join(dir, 'small');
    fs.mkdirSync(fsDir);
    try {
      if (process.getuid?.() !== 0) throw new Error('not root');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', fsDir], { stdio: 'ignore' });
    } catch {
      this.skip(); // shown as pending: the injected fault above covers the same path
    }
    try {
      fs.writeFileSync(path.join(dir, 'd.press'), big(400));
      // sizes of the outputs, measured on a normal folder
      assert.equal(run(['export', '--to', 'brat', '--out', path.join(dir, 'probe'), path.join(dir, 'd.press')]).code, 0);
      const page = 4096;
      const pages = (f: string) => Math.ceil(fs.statSync(path.join(dir, 'probe', f)).size / page);
      // leave room for d.txt and half of d.ann
      const st = fs.statfsSync(fsDir);
      const free = st.bavail * st.bsize;
      const room = (pages('d.txt') + Math.ceil(pages('d.ann') / 2)) * page;
      fs.writeFileSync(path.join(fsDir, 'filler'), Buffer.alloc(free - room));
      const out = path.join(fsDir, 'out');
      const r = run(['export', '--to', 'brat', '--out', out, path.join(dir, 'd.press')]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /^pressmark: cannot write .*\/out\/d\.ann: no space left on the device$/m);
      assert.ok(!tree(fsDir).some((f) => f.startsWith('out/d.') || f.includes('.tmp')), tree(fsDir).join(', '));
      fs.rmSync(path.join(fsDir, 'filler'));
      const again = run(['export', '--to', 'brat', '--out', out, path.join(dir, 'd.press')]);
      assert.equal(again.code, 0, again.err);
      assert.deepEqual(fs.readFileSync(path.join(out, 'd.ann')), fs.readFileSync(path.join(dir, 'probe', 'd.ann')));
    } finally {
      execFileSync('umount', [fsDir]);
    }
  });
});
