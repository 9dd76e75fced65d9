/**
 * The rejection file (`pressmark.reject.yaml`, issue 13 item 3): parsing and validation (a bad
 * entry is a problem at the entry, the others still apply; never a throw), the edit that appends
 * one entry (always a valid edit: the file reads as one entry more, comments and CRLF kept),
 * and finding the file that applies to a document on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { TextEdit } from 'vscode-languageserver-types';
import { appendRejectionEdit, parseRejectFile, rejectionLine, REJECT_FILE } from '../../server/src/service/rejectFile';
import { LineIndex } from '../../server/src/service/text';
import { RejectionFiles } from '../../server/src/node/rejectFiles';
import { RULES_BY_CODE } from '../../server/src/service/rules';

function apply(text: string, e: TextEdit): string {
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(e.range.start)) + e.newText + text.slice(lines.offsetAt(e.range.end));
}

describe('rejection file: parse and validate', () => {
  const cases: Array<{ name: string; text: string; list: unknown[]; codes: string[] }> = [
    { name: 'empty', text: '', list: [], codes: [] },
    { name: 'comments only', text: '# nothing yet\n', list: [], codes: [] },
    {
      name: 'block and flow entries',
      text: '- text: Commonwealth\n  as: org:COMMONWEALTH\n- {text: Georgia, as: country}\n- {text: "Bank of Canada", in: news/a.press}\n',
      list: [{ text: 'Commonwealth', as: 'org:COMMONWEALTH' }, { text: 'Georgia', as: 'country' }, { text: 'Bank of Canada', in: 'news/a.press' }],
      codes: [],
    },
    { name: 'white space folded, ./ dropped, \\ turned to /', text: '- {text: "  Blue\\n Marine  ", in: .\\news\\b.press}\n', list: [{ text: 'Blue Marine', in: 'news/b.press' }], codes: [] },
    { name: 'a number or a word as text', text: '- {text: 2024}\n- {text: yes}\n', list: [{ text: '2024' }, { text: 'yes' }], codes: [] },
    { name: 'a mapping at the root', text: 'text: Commonwealth\n', list: [], codes: ['reject.invalid-entry'] },
    { name: 'invalid YAML: no entry applies', text: '- {text: a}\n- b: [\n', list: [], codes: ['reject.invalid-yaml'] },
    {
      name: 'bad entries beside good ones',
      text: '- Commonwealth\n- {as: org}\n- {text: X, as: "org:bad id"}\n- {text: Y, as: "1org"}\n- {text: Z, in: ../out.press}\n- {text: W, in: /abs.press}\n- {text: ""}\n- {text: Fine, colour: red}\n- {text: [a]}\n',
      list: [{ text: 'Fine' }],
      codes: ['reject.invalid-entry', 'reject.invalid-entry', 'reject.invalid-entry', 'reject.invalid-entry', 'reject.invalid-entry', 'reject.invalid-entry', 'reject.invalid-entry', 'reject.unknown-key', 'reject.invalid-entry'],
    },
    { name: 'a key twice', text: '- {text: A, text: B}\n- {text: C}\n', list: [{ text: 'B' }, { text: 'C' }], codes: ['reject.invalid-entry'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parseRejectFile(c.text);
      assert.deepEqual(r.list, c.list);
      // YAML errors: one or more of the package's, the codes once each
      assert.deepEqual(c.codes.includes('reject.invalid-yaml') ? [...new Set(r.problems.map((p) => p.code))] : r.problems.map((p) => p.code), c.codes);
      for (const p of r.problems) {
        assert.ok(RULES_BY_CODE.has(p.code), p.code);
        assert.ok(p.span.start >= 0 && p.span.end <= c.text.length, JSON.stringify(p));
      }
    });
  }

  it('a problem is at its entry', () => {
    const text = '- {text: Good}\n- {text: Bad, as: "no such"}\n';
    const [p] = parseRejectFile(text).problems;
    assert.equal(text.slice(p.span.start, p.span.end), '"no such"');
  });

  it('over the YAML limits: refused with one problem, never a throw', () => {
    assert.deepEqual(parseRejectFile('['.repeat(200)).problems.map((p) => p.code), ['reject.too-deep']);
    assert.deepEqual(parseRejectFile('- {text: a}\n'.repeat(100_001)).problems.map((p) => p.code), ['reject.too-large']);
  });

  it('any text: never throws, problems inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        const r = parseRejectFile(t);
        for (const p of r.problems) assert.ok(p.span.start >= 0 && p.span.end <= Math.max(t.length, 1));
        for (const x of r.list) assert.equal(typeof x.text, 'string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('rejection file: appending an entry', () => {
  const r1 = { text: 'Commonwealth', as: 'org:COMMONWEALTH' };
  const r2 = { text: 'Bank of "Japan"', in: 'news/a b.press' };

  it('a new file: header comment, then the entry; it reads back as written', () => {
    const e = appendRejectionEdit(undefined, r1)!;
    assert.deepEqual(e.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(e.newText, /^# /);
    assert.ok(e.newText.endsWith(rejectionLine(r1) + '\n'));
    assert.deepEqual(parseRejectFile(e.newText), { list: [r1], problems: [] });
  });

  const bases: Array<[string, string]> = [
    ['block list, no final line break', '- text: A\n  as: org # a comment\n- {text: B}'],
    ['indented list, CRLF', '  - {text: A}\r\n  - {text: B}\r\n'],
    ['comments after the list', '- {text: A}\n# kept\n'],
    ['only a comment', '# header'],
    ['a block scalar last', '- text: |\n    multi\n    line\n'],
  ];
  for (const [name, base] of bases) {
    it(`${name}: one entry more, the others and the comments unchanged`, () => {
      const before = parseRejectFile(base).list;
      let text = base;
      for (const r of [r1, r2]) {
        const e = appendRejectionEdit(text, r)!;
        assert.ok(e, `no edit for ${JSON.stringify(text)}`);
        const end = new LineIndex(text).positionAt(text.length);
        assert.deepEqual(e.range, { start: end, end }, 'an insert at the end');
        text = apply(text, e);
      }
      assert.ok(text.startsWith(base));
      assert.deepEqual(parseRejectFile(text), { list: [...before, r1, r2], problems: [] });
      if (base.includes('\r\n')) assert.ok(!/[^\r]\n/.test(text), 'CRLF kept');
    });
  }

  for (const base of ['[{text: A}]', 'text: A\n', '- {text: a\n', '- a\n...\n']) {
    it(`no edit where an item cannot follow: ${JSON.stringify(base)}`, () => {
      assert.equal(appendRejectionEdit(base, r1), undefined);
    });
  }

  it('any text and any words: an edit, when there is one, adds exactly that entry', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(''), fc.constant('- {text: A}\n'), fc.string({ maxLength: 40 })), fc.string({ minLength: 1, maxLength: 30 }), (base, words) => {
        const r = { text: words.replace(/\s+/g, ' ').trim() || 'x', as: 'org:X' };
        const e = appendRejectionEdit(base, r);
        if (!e) return;
        const after = parseRejectFile(apply(base, e));
        assert.deepEqual(after.list.at(-1), r);
        assert.equal(after.list.length, parseRejectFile(base).list.length + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rejection file on disk (RejectionFiles)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-reject-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the nearest one above the document applies; its version changes with its list only', () => {
    fs.mkdirSync(path.join(dir, 'news/2024'), { recursive: true });
    fs.writeFileSync(path.join(dir, REJECT_FILE), '- {text: A}\n');
    const files = new RejectionFiles([dir]);
    const a = files.forFile(path.join(dir, 'news/2024/x.press'));
    assert.equal(a.file, path.join(dir, REJECT_FILE));
    assert.deepEqual(a.rejections.list, [{ text: 'A' }]);
    assert.equal(RejectionFiles.relativePath(a.file!, path.join(dir, 'news/2024/x.press')), 'news/2024/x.press');
    fs.writeFileSync(path.join(dir, REJECT_FILE), '# a comment\n- {text: A}\n');
    files.clear();
    assert.equal(files.forFile(path.join(dir, 'x.press')).rejections.version, a.rejections.version);
    fs.writeFileSync(path.join(dir, REJECT_FILE), '- {text: A}\n- {text: B}\n');
    files.clear();
    const b = files.forFile(path.join(dir, 'x.press'));
    assert.notEqual(b.rejections.version, a.rejections.version);
    fs.writeFileSync(path.join(dir, 'news', REJECT_FILE), '- {text: C}\n');
    files.clear();
    assert.deepEqual(files.forFile(path.join(dir, 'news/2024/x.press')).rejections.list, [{ text: 'C' }]);
  });

  it('none: no file; a FIFO or a folder is never waited on', function () {
    const files = new RejectionFiles([dir]);
    assert.equal(files.forFile(path.join(dir, 'x.press')).file, undefined);
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.mkdirSync(path.join(dir, 'sub', REJECT_FILE));
    files.clear();
    assert.equal(files.forFile(path.join(dir, 'sub/x.press')).file, undefined);
    if (process.platform === 'win32') return;
    require('node:child_process').execFileSync('mkfifo', [path.join(dir, REJECT_FILE)]);
    files.clear();
    const r = files.forFile(path.join(dir, 'x.press'));
    assert.deepEqual(r.problems.map((p) => p.code), ['reject.unreadable']);
    assert.deepEqual(r.rejections.list, []);
  });

  it('an open buffer wins over the disk', () => {
    fs.writeFileSync(path.join(dir, REJECT_FILE), '- {text: Disk}\n');
    const files = new RejectionFiles([dir], (f) => (f === path.join(dir, REJECT_FILE) ? '- {text: Buffer}\n' : undefined));
    assert.deepEqual(files.forFile(path.join(dir, 'x.press')).rejections.list, [{ text: 'Buffer' }]);
  });
});
