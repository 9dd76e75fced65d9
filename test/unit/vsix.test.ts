/**
 * The .vsix as VS Code installs it (dist/pressmark.vsix, from `npm run package`; `npm test` makes
 * it in `pretest`): its bundles are the production build (minified, no source map comment naming
 * a file the package does not hold), and its manifest has the icon, keywords and activation a
 * user expects (issue 16 item 5). Reads the zip itself: the central directory, then each entry.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const VSIX = path.join(__dirname, '..', '..', '..', 'dist', 'pressmark.vsix');

/** The entries of a zip file: name → uncompressed bytes (stored or deflated entries). */
function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip file (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('the .vsix (dist/pressmark.vsix)', () => {
  let entries: Map<string, Buffer>;
  before(function () {
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first.`);
    entries = unzip(fs.readFileSync(VSIX));
  });

  for (const bundle of ['extension/dist/extension.js', 'extension/dist/cli.js']) {
    it(`${bundle} is the minified production bundle`, () => {
      const data = entries.get(bundle);
      assert.ok(data, `${bundle} is not in the package`);
      const text = data.toString('utf8');
      const lines = text.split('\n');
      // esbuild --minify drops comments and indentation: a development bundle has ~30 bytes a
      // line and its doc comments, a minified one a few long lines (template literals keep theirs).
      assert.ok(text.length / lines.length > 300, `${lines.length} lines for ${text.length} bytes: not minified`);
      const indented = lines.filter((l) => /^ {4}\S/.test(l)).length;
      assert.ok(indented < lines.length / 4, `${indented} of ${lines.length} lines are indented code`);
      assert.doesNotMatch(text, /^\s*\/\*\*\s*$/m, 'holds /** comment blocks');
    });

    it(`${bundle} names no source map the package does not hold`, () => {
      const text = entries.get(bundle)!.toString('utf8');
      for (const m of text.matchAll(/[#@] sourceMappingURL=(\S+)/g)) {
        if (m[1].startsWith('data:')) continue;
        const target = path.posix.join(path.posix.dirname(bundle), m[1]);
        assert.ok(entries.has(target), `${bundle} points at ${m[1]}, which is not in the package`);
      }
    });
  }

  it('ships the icon its manifest names, keywords, and activates on a pressmark.yaml', () => {
    const manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as Record<string, unknown>;
    assert.equal(typeof manifest.icon, 'string');
    const icon = entries.get(`extension/${manifest.icon as string}`);
    assert.ok(icon, `the icon ${String(manifest.icon)} is not in the package`);
    assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the icon is not a PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is smaller than 128×128');
    for (const k of ['annotation', 'NER', 'brat', 'TimeML', 'TIMEX3', 'press release']) assert.ok((manifest.keywords as string[]).includes(k), `keyword ${k}`);
    assert.ok((manifest.activationEvents as string[]).includes('workspaceContains:**/pressmark.yaml'));
    assert.doesNotMatch(JSON.stringify(manifest.repository ?? ''), /example\.invalid/);
  });
});
