import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { walk } from '../../server/src/service/model';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const SEED_TXT = path.join(ROOT, 'examples', 'kazinform-2022-06-29.txt');

function run(args: string[], input?: string, cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, 'annotate', ...args], { cwd, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The annotations of a .press text as [label, type, id] rows. */
function annotationsOf(press: string): Array<[string, string, string]> {
  const doc = parse(press);
  return [...walk(doc.annotations)].map((a) => [press.slice(a.labelSpan.start, a.labelSpan.end), a.type, a.id ?? '']);
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-annotate-'));
}

describe('CLI: pressmark annotate', function () {
  this.timeout(60_000);

  it('the raw seed release: Kazakhstan, Luxembourg, OSCE PA, PACE and the dates, words unchanged', () => {
    const input = fs.readFileSync(SEED_TXT, 'utf8');
    const r = run([SEED_TXT]);
    assert.equal(r.code, 0, r.err);
    const doc = parse(r.out);
    assert.equal(doc.problems?.length ?? 0, 0, JSON.stringify(doc.problems));
    assert.equal(plainText(doc).text, input, 'the plain text of the output is the input');
    assert.equal((doc.frontMatter?.data as Record<string, unknown>)?.date, '2022-06-29', 'the raw date prefix becomes the front matter date');
    const rows = annotationsOf(r.out);
    const count = (label: string, type: string, id: string) => rows.filter((x) => x[0] === label && x[1] === type && x[2] === id).length;
    const kz = (input.match(/\bKazakhstan\b/g) ?? []).length;
    const lu = (input.match(/\bLuxembourg\b/g) ?? []).length;
    // Kazakhstan inside "Benelux Chamber of Commerce in Kazakhstan" is part of an organization's name
    assert.equal(count('Kazakhstan', 'country', 'KZ'), kz - 1, JSON.stringify(rows));
    assert.equal(count('Luxembourg', 'country', 'LU'), lu);
    assert.equal(count('OSCE Parliamentary Assembly', 'org', 'OSCE-PA'), 1);
    assert.equal(count('Parliamentary Assembly of the Council of Europe', 'org', 'PACE'), 1);
    assert.ok(!rows.some((x) => x[0] === 'Europe'), 'not Europe alone');
    assert.equal(count('29 June 2022', 'date', '2022-06-29'), 1);
    assert.equal(count('Today', 'date', '2022-06-29'), 1);
    for (const y of ['2015', '2017', '2020']) assert.equal(count(y, 'date', y), 1, y);
    assert.ok(rows.some((x) => x[1] === 'duration' && x[2] === 'P30Y'), 'three decades');
  });

  it('nested findings are written nested (the years of a range, a name in a date), and --jsonl lists them all', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.press');
    const text = 'It gets six aircraft from 2009 to 2011, the largest filing in recent U.S. history.\n';
    fs.writeFileSync(file, '---\ndate: 2009-12-16\n---\n' + text);
    const r = run([file]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes('[from [2009]{date:2009} to [2011]{date:2011}]{duration:P2Y}'), r.out);
    assert.ok(r.out.includes('[recent [U.S.]{country:US} history]{date:PAST_REF}'), r.out);
    assert.equal(plainText(parse(r.out)).text, text);
    const j = run(['--jsonl'], JSON.stringify({ id: 'a', dct: '2009-12-16', text }) + '\n');
    assert.equal(j.code, 0, j.err);
    const got = JSON.parse(j.out).annotations.map((a: { start: number; end: number; type: string }) => `${text.slice(a.start, a.end)}=${a.type}`);
    assert.deepEqual(got, ['from 2009 to 2011=duration', '2009=date', '2011=date', 'recent U.S. history=date', 'U.S.=country']);
  });

  it('pressmark.yaml `mentions: {demonyms: true}` applies (files and --jsonl); without it no demonym is proposed', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'German magazine Der Spiegel cited documents.\n');
    const labels = (out: string) => annotationsOf(out).map((x) => `${x[0]}=${x[1]}:${x[2]}`);
    const before = run(['--types', 'country', file]);
    assert.equal(before.code, 0, before.err);
    assert.deepEqual(labels(before.out), []);
    fs.writeFileSync(path.join(dir, 'pressmark.yaml'), 'mentions:\n  demonyms: true\n');
    const after = run(['--types', 'country', file]);
    assert.equal(after.code, 0, after.err);
    assert.deepEqual(labels(after.out), ['German=country:DE']);
    const line = JSON.stringify({ id: 'a', text: 'German magazine Der Spiegel cited documents.' }) + '\n';
    const ids = (cwd: string) => {
      const r = run(['--jsonl', '--types', 'country'], line, cwd);
      assert.equal(r.code, 0, r.err);
      return (JSON.parse(r.out.trim()).annotations as Array<{ type: string; id: string }>).map((a) => `${a.type}:${a.id}`);
    };
    assert.deepEqual(ids(dir), ['country:DE']);
    assert.deepEqual(ids(tmpDir()), []);
  });

  it('--types selects the types; an existing annotation is kept and not annotated again', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.press');
    fs.writeFileSync(file, '---\ndate: 2022-06-29\n---\n[Kazakhstan]{country:KZ} and Luxembourg met today in Nur-Sultan.\n');
    const r = run(['--types', 'country', file]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '---\ndate: 2022-06-29\n---\n[Kazakhstan]{country:KZ} and [Luxembourg]{country:LU} met today in Nur-Sultan.\n');
    const d = run(['--types', 'date,place', file]);
    assert.equal(d.out, '---\ndate: 2022-06-29\n---\n[Kazakhstan]{country:KZ} and Luxembourg met [today]{date:2022-06-29} in [Nur-Sultan]{place:G1526273}.\n');
  });

  it('.txt input: literal brackets and braces are escaped, the words are unchanged', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'b.txt');
    const text = '---\nSee [note 1] and {x} \\ in Kazakhstan [Luxembourg]{country:LU}.\n';
    fs.writeFileSync(file, text);
    const r = run([file]);
    assert.equal(r.code, 0, r.err);
    assert.equal(plainText(parse(r.out)).text, text);
    assert.deepEqual(annotationsOf(r.out), [['Kazakhstan', 'country', 'KZ'], ['Luxembourg', 'country', 'LU']]);
    assert.ok(r.out.includes('\\[note 1\\] and \\{x\\} \\\\'), r.out);
  });

  it('--write: a .txt gives a .press beside it, atomically, never replacing one without --force', () => {
    const dir = tmpDir();
    const txt = path.join(dir, 'release.txt');
    const press = path.join(dir, 'release.press');
    fs.copyFileSync(SEED_TXT, txt);
    const r = run(['--write', txt]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '', 'nothing printed');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['release.press', 'release.txt'], 'no temporary file left');
    assert.equal(plainText(parse(fs.readFileSync(press, 'utf8'))).text, fs.readFileSync(SEED_TXT, 'utf8'));
    assert.equal(fs.readFileSync(txt, 'utf8'), fs.readFileSync(SEED_TXT, 'utf8'), 'the .txt is untouched');

    fs.writeFileSync(press, 'mine\n');
    const again = run(['--write', txt]);
    assert.equal(again.code, 1);
    assert.match(again.err, /exists/);
    assert.equal(fs.readFileSync(press, 'utf8'), 'mine\n', 'not replaced without --force');

    const forced = run(['--write', '--force', txt]);
    assert.equal(forced.code, 0, forced.err);
    assert.match(fs.readFileSync(press, 'utf8'), /\[Kazakhstan\]\{country:KZ\}/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['release.press', 'release.txt']);
  });

  it('--write on a .press file replaces it by a rename (a new file), with the words unchanged', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'c.press');
    const source = '---\ndate: 2022-06-29\n---\nThe [OSCE]{org:OSCE} Parliamentary Assembly met in Luxembourg and Kazakhstan.\n';
    fs.writeFileSync(file, source);
    const before = fs.statSync(file).ino;
    const r = run(['--write', file]);
    assert.equal(r.code, 0, r.err);
    const after = fs.readFileSync(file, 'utf8');
    assert.equal(after, '---\ndate: 2022-06-29\n---\nThe [[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA} met in [Luxembourg]{country:LU} and [Kazakhstan]{country:KZ}.\n');
    assert.notEqual(fs.statSync(file).ino, before, 'written to a temporary file and renamed, not rewritten in place');
    assert.deepEqual(fs.readdirSync(dir), ['c.press']);
    assert.equal(plainText(parse(after)).text, plainText(parse(source)).text);
  });

  it('--jsonl: code point offsets with emoji and Cyrillic; a malformed line is reported and the rest goes on', () => {
    const text = '🇰🇿🎉 Казахстан и Luxembourg 😀 signed a deal on 29 June 2022 in Nur-Sultan.';
    const input = [
      JSON.stringify({ id: 'a', dct: '2022-06-29', text }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'b', text: 'No names here.' }),
      JSON.stringify({ id: 'c', dct: 'tomorrow', text: 'x' }),
      JSON.stringify({ id: 7, dct: '2022-06-29', text: 'Today 👍🏽 Kazakhstan' }),
      '',
    ].join('\n');
    const r = run(['--jsonl'], input);
    assert.equal(r.code, 1, 'exit 1 after malformed lines');
    assert.match(r.err, /stdin:2:/);
    assert.match(r.err, /stdin:4:.*dct/);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((x) => x.id), ['a', 'b', 7]);
    const cps = [...text];
    const got = rows[0].annotations.map((a: { start: number; end: number; type: string; id: string | null; value: string | null }) => [cps.slice(a.start, a.end).join(''), a.type, a.id, a.value]);
    assert.deepEqual(got, [
      ['Казахстан', 'country', 'KZ', null],
      ['Luxembourg', 'country', 'LU', null],
      ['29 June 2022', 'date', null, '2022-06-29'],
      ['Nur-Sultan', 'place', 'G1526273', null],
    ]);
    assert.equal(rows[0].annotations[0].start, 4, 'the flag is two code points, the party popper one, a space one (UTF-16: 7)');
    assert.deepEqual(rows[1].annotations, []);
    const t7 = [...'Today 👍🏽 Kazakhstan'];
    assert.deepEqual(rows[2].annotations.map((a: { start: number; end: number }) => t7.slice(a.start, a.end).join('')), ['Today', 'Kazakhstan']);
  });

  it('--help, and exit 2 on bad usage', () => {
    const h = run(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.out, /Usage: pressmark annotate/);
    assert.equal(run([]).code, 2);
    assert.equal(run(['--types', 'country,planet', SEED_TXT]).code, 2);
    assert.equal(run(['--jsonl', SEED_TXT]).code, 2);
    assert.equal(run(['--force', SEED_TXT]).code, 2);
    assert.equal(run(['--date', '29/06/2022', SEED_TXT]).code, 2);
    assert.equal(run(['--bogus', SEED_TXT]).code, 2);
    const missing = run([path.join(tmpDir(), 'nope.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
  });
});
