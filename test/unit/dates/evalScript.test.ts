/**
 * scripts/eval-dates.js, the scorer every dates figure in the notes comes from, on a corpus
 * written here by hand: the figures are counted by hand from the gold below. Each document has
 * one date the recognizer reads without doubt ("29 June 2022"); the gold of the second source
 * gives it a wrong value, so its match is relaxed-right and value-wrong.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'eval-dates.js');

function doc(id: string, value: string): string {
  // code point offsets: the flag before the date is two code points, four UTF-16 units
  const text = '🇰🇿 Talks ended on 29 June 2022 in Astana.';
  const start = [...text.slice(0, text.indexOf('29 June'))].length;
  const timex = [{ start, end: start + 12, text: '29 June 2022', type: 'DATE', value }];
  return JSON.stringify({ id, dct: '2022-06-30', text, timex });
}

function run(lines: string[], ...args: string[]): any {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-eval-'));
  const file = path.join(dir, 'corpus.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const r = spawnSync(process.execPath, [SCRIPT, file, '--json', ...args], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('scripts/eval-dates.js on a hand-written corpus', () => {
  it('the offsets: code points in the corpus, the gold text found again', () => {
    // the script throws on an offset that does not give the gold text back
    const line = doc('news/a/1', '2022-06-29');
    const d = JSON.parse(line);
    assert.equal([...d.text].slice(d.timex[0].start, d.timex[0].end).join(''), '29 June 2022');
  });

  it('counts a right value, a wrong value and the sub-corpora (--by-source)', () => {
    const r = run([doc('news/a/1', '2022-06-29'), doc('news/a/2', '2022-06-29'), doc('news/b/3', '2022-06-28')], '--by-source');
    assert.equal(r.gold, 3);
    assert.equal(r.predicted, 3);
    assert.equal(r.relaxed.f, 1);
    assert.equal(r.strict.f, 1);
    // 2 of 3 values right: P = R = F1 = 2/3
    assert.equal(r.value.p, 2 / 3);
    assert.equal(r.value.r, 2 / 3);
    assert.deepEqual(Object.keys(r.bySource), ['news/a', 'news/b']);
    assert.equal(r.bySource['news/a'].docs, 2);
    assert.equal(r.bySource['news/a'].value.f, 1);
    assert.equal(r.bySource['news/b'].value.f, 0);
    assert.equal(r.bySource['news/b'].relaxed.f, 1);
    assert.equal(r.byType.DATE.value.f, 2 / 3);
  });

  it('without --by-source there is no split', () => {
    const r = run([doc('news/a/1', '2022-06-29')]);
    assert.equal(r.bySource, undefined);
    assert.equal(r.value.f, 1);
  });

  it('--conventions sorts a value error by the habit of its gold and gives the figure without it', () => {
    // "29 June 2022" written 2022-06-XX: a known day written as unknown
    const r = run([doc('news/a/1', '2022-06-29'), doc('news/a/2', '2022-06-XX')], '--conventions');
    assert.equal(r.value.f, 1 / 2);
    const known = r.conventions.find((c: any) => /known period written unknown/.test(c.name));
    assert.equal(known.errors, 1);
    assert.equal(known.valueF1, 1);
    assert.equal(r.conventions.reduce((n: number, c: any) => n + c.errors, 0), 1, 'one error, sorted once');
    assert.equal(r.conventions[r.conventions.length - 1].name, 'other');
  });
});
