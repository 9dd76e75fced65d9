import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDates } from '../../server/src/cli/dates';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** In-process, for the many small cases. */
function dates(args: string[], stdin = '') {
  let out = '';
  let err = '';
  let code: number;
  try {
    code = runDates(args, { out: (s) => void (out += s), err: (s) => void (err += s) }, () => stdin);
  } catch (e) {
    code = -1;
    err = String(e);
  }
  return { code, out, err };
}

describe('CLI: pressmark dates', function () {
  this.timeout(20_000);

  it('"the past three decades" is DURATION P30Y (the binary, end to end)', () => {
    const r = run(['dates', '--date', '2022-06-29', 'the past three decades']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { type: 'DURATION', value: 'P30Y', confident: true });
  });

  const ROWS: Array<[string[], Record<string, unknown>]> = [
    [['--date', '2022-06-29', 'last Friday'], { type: 'DATE', value: '2022-06-24', confident: true }],
    [['--date', '2022-06-29', 'Today'], { type: 'DATE', value: '2022-06-29', confident: true }],
    [['--date', '2022-06-29', 'last', 'Friday'], { type: 'DATE', value: '2022-06-24', confident: true }], // words are joined
    [['--date', '2022-06-29', 'early 2023'], { type: 'DATE', value: '2023', mod: 'START', confident: true }],
    [['--date', '2022-06-29', 'twice a month'], { type: 'SET', value: 'P1M', freq: '2X', confident: true }],
    [['--date', '2022-06-29', 'every week'], { type: 'SET', value: 'P1W', quant: 'EVERY', confident: true }],
    [['--date', '2022-06-29T10:30:00+06:00', 'tomorrow'], { type: 'DATE', value: '2022-06-30', confident: true }],
    [['--date', '2022-06-29', '--before', 'The talks were held', 'on Friday'], { type: 'DATE', value: '2022-06-24', confident: true }],
    [['--date', '2022-06-29', '--before', 'The talks will be held', 'on Friday'], { type: 'DATE', value: '2022-07-01', confident: true }],
    // Without --date: absolute expressions as usual, relative ones with X and not confident.
    [['29 June 2022'], { type: 'DATE', value: '2022-06-29', confident: true }],
    [['last Friday'], { type: 'DATE', value: 'XXXX-WXX-5', confident: false }],
    [['next year'], { type: 'DATE', value: 'XXXX', confident: false }],
  ];
  for (const [args, expect] of ROWS) {
    it(`${args.map((a) => JSON.stringify(a)).join(' ')} → ${JSON.stringify(expect)}`, () => {
      const r = dates(args);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, JSON.stringify(expect) + '\n');
    });
  }

  it('prints null and exits 1 for what it does not understand', () => {
    const r = dates(['--date', '2022-06-29', 'the anniversary']);
    assert.equal(r.code, 1);
    assert.equal(r.out, 'null\n');
    assert.match(r.err, /not a temporal expression/);
  });

  it('--find prints each expression with code point offsets, as JSON lines', () => {
    const text = '\ufeffToday, on 29 June 2022 😀 over the past three decades, in 2015 and 2017.';
    const r = run(['dates', '--date', '2022-06-29', '--find'], text);
    assert.equal(r.code, 0, r.err);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { start: number; end: number; text: string; type: string; value: string });
    assert.deepEqual(rows.map((x) => [x.text, x.type, x.value]), [
      ['Today', 'DATE', '2022-06-29'],
      ['29 June 2022', 'DATE', '2022-06-29'],
      ['the past three decades', 'DURATION', 'P30Y'],
      ['2015', 'DATE', '2015'],
      ['2017', 'DATE', '2017'],
    ]);
    // Offsets count code points of the text without its BOM: the emoji is one.
    const cps = [...text.slice(1)];
    for (const x of rows) assert.equal(cps.slice(x.start, x.end).join(''), x.text);
    assert.equal(rows[2].start, 30);
    assert.deepEqual(Object.keys(rows[0]), ['start', 'end', 'text', 'type', 'value', 'confident']);
  });

  it('--find reads files, naming them when there are several; exit 1 when nothing is found', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-dates-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.txt'), 'It opened yesterday.');
      fs.writeFileSync(path.join(dir, 'b.txt'), 'Nothing here.');
      const one = dates(['--date', '2022-06-29', '--find', path.join(dir, 'a.txt')]);
      assert.equal(one.code, 0);
      assert.deepEqual(JSON.parse(one.out), { start: 10, end: 19, text: 'yesterday', type: 'DATE', value: '2022-06-28', confident: true });
      const two = dates(['--date', '2022-06-29', '--find', path.join(dir, 'a.txt'), path.join(dir, 'b.txt')]);
      assert.equal(JSON.parse(two.out).file, path.join(dir, 'a.txt'));
      assert.equal(dates(['--find', path.join(dir, 'b.txt')]).code, 1);
      assert.equal(dates(['--find'], '').code, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on bad usage, with one line and no stack trace', () => {
    for (const args of [['dates'], ['dates', '--date', '2022-02-30', 'today'], ['dates', '--date', 'June', 'today'], ['dates', '--nope', 'today'], ['dates', '--find', '/no/such/file'], ['dates', '--find', '--before', 'x']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^pressmark: .+\n$/);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });

  it('has --help, and the main help lists the command', () => {
    const r = run(['dates', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage: pressmark dates/);
    assert.match(r.out, /code points/);
    assert.match(run(['--help']).out, /dates \[--date D\]/);
  });
});
