/** readFileGuarded: the one guard of every file read (devices, FIFOs, symlinks leaving the roots, size). */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isInsideRoots, readFileGuarded } from '../../server/src/node/files';

describe('readFileGuarded', () => {
  let dir: string;
  let outside: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-files-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-outside-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reads a regular file and says whether it is valid UTF-8', () => {
    const f = path.join(dir, 'a.txt');
    fs.writeFileSync(f, '\ufeffKazakhstan – Қазақстан 🇰🇿');
    const r = readFileGuarded(f, { maxBytes: 1000 });
    assert.ok(r.ok);
    assert.equal(r.text, '\ufeffKazakhstan – Қазақстан 🇰🇿');
    assert.equal(r.validUtf8, true);
    const bad = path.join(dir, 'bad.txt');
    fs.writeFileSync(bad, Buffer.from([0x61, 0xff, 0x62]));
    const b = readFileGuarded(bad, { maxBytes: 1000 });
    assert.ok(b.ok);
    assert.equal(b.validUtf8, false);
    assert.deepEqual([...b.bytes], [0x61, 0xff, 0x62]);
    // U+FFFD written as such is valid
    const rep = path.join(dir, 'rep.txt');
    fs.writeFileSync(rep, 'a\ufffdb');
    const c = readFileGuarded(rep, { maxBytes: 1000 });
    assert.ok(c.ok && c.validUtf8);
  });

  it('refuses a device without reading it', () => {
    const r = readFileGuarded('/dev/zero', { maxBytes: 1000 });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'not-a-file');
    assert.match(!r.ok ? r.message : '', /a device/);
  });

  it('refuses a FIFO without blocking on it', () => {
    const fifo = path.join(dir, 'x.press');
    execFileSync('mkfifo', [fifo]);
    const r = readFileGuarded(fifo, { maxBytes: 1000 });
    assert.equal(!r.ok && r.reason, 'not-a-file');
    assert.match(!r.ok ? r.message : '', /FIFO/);
  });

  it('refuses a folder, a missing file and an unreadable /proc file with a reason', () => {
    assert.equal((readFileGuarded(dir, { maxBytes: 10 }) as { reason: string }).reason, 'not-a-file');
    assert.equal((readFileGuarded(path.join(dir, 'none'), { maxBytes: 10 }) as { reason: string }).reason, 'not-found');
    const mem = readFileGuarded('/proc/self/mem', { maxBytes: 1000 });
    assert.equal(mem.ok, false);
    assert.equal(!mem.ok && mem.reason, 'unreadable');
  });

  it('stops at the size limit, also where stat says 0 (/proc)', () => {
    const f = path.join(dir, 'big.txt');
    fs.writeFileSync(f, 'x'.repeat(2000));
    assert.equal((readFileGuarded(f, { maxBytes: 1999 }) as { reason: string }).reason, 'too-large');
    assert.ok(readFileGuarded(f, { maxBytes: 2000 }).ok);
    const status = readFileGuarded('/proc/self/status', { maxBytes: 16 });
    assert.equal(!status.ok && status.reason, 'too-large');
    const whole = readFileGuarded('/proc/self/status', { maxBytes: 1 << 20 });
    assert.ok(whole.ok && whole.text.includes('Name:'));
  });

  it('reads files whole and keeps each read its own bytes: small, larger than one read, and told size 0 (/proc) one after another', () => {
    const small = path.join(dir, 'small.press');
    const large = path.join(dir, 'large.press');
    fs.writeFileSync(small, 'Astana, 2 June.\n');
    const big = Array.from({ length: 30_000 }, (_, i) => `line ${i}\n`).join('');
    fs.writeFileSync(large, big);
    const a = readFileGuarded(small, { maxBytes: 1 << 20 });
    const status = readFileGuarded('/proc/self/status', { maxBytes: 1 << 20 });
    const b = readFileGuarded(large, { maxBytes: 1 << 20 });
    const stat = readFileGuarded('/proc/self/stat', { maxBytes: 1 << 20 });
    const again = readFileGuarded(small, { maxBytes: 1 << 20 });
    assert.ok(a.ok && b.ok && status.ok && stat.ok && again.ok);
    assert.equal(a.text, 'Astana, 2 June.\n');
    assert.equal(b.text, big);
    assert.equal(b.bytes.length, Buffer.byteLength(big));
    // the /proc reads go through a buffer shared by the reads: each result keeps its own copy
    assert.ok(status.text.startsWith('Name:') && status.bytes.toString('utf8') === status.text);
    assert.ok(!stat.text.startsWith('Name:') && stat.bytes.toString('utf8') === stat.text);
    assert.equal(again.text, a.text);
  });

  it('refuses a path that leaves the roots, directly or through a symbolic link', () => {
    const secret = path.join(outside, 'secret.yaml');
    fs.writeFileSync(secret, 'token: x\n');
    const link = path.join(dir, 'link.kb.yaml');
    fs.symlinkSync(secret, link);
    assert.equal((readFileGuarded(link, { maxBytes: 100, roots: [dir] }) as { reason: string }).reason, 'outside');
    assert.equal((readFileGuarded(path.join(dir, '..', path.basename(outside), 'secret.yaml'), { maxBytes: 100, roots: [dir] }) as { reason: string }).reason, 'outside');
    assert.ok(readFileGuarded(link, { maxBytes: 100 }).ok, 'without roots a link is followed');
    const inner = path.join(dir, 'inner.txt');
    fs.writeFileSync(inner, 'ok');
    const innerLink = path.join(dir, 'inner-link.txt');
    fs.symlinkSync(inner, innerLink);
    assert.ok(readFileGuarded(innerLink, { maxBytes: 100, roots: [dir] }).ok, 'a link inside the roots is read');
    assert.equal(isInsideRoots(dir, [dir]), true);
    assert.equal(isInsideRoots(dir + '-other/x', [dir]), false, 'a sibling folder sharing the prefix is outside');
  });
});
