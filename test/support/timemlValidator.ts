/**
 * A validator of TimeML 1.2.1 as the specification states its rules (TimeML 1.2.1, section 2.3
 * TIMEX3, and the TIMEX3 value forms of the annotation guidelines), for the tests of the TimeML
 * export. Written apart from the exporter and from dates/timex.ts, from the specification:
 *
 * - well-formed XML 1.0: one root, balanced tags, quoted attributes without `<`, no attribute
 *   twice, `&` only in a character or predefined entity reference, only XML `Char`s;
 * - the root `TimeML`; a `DCT` holds one TIMEX3 with functionInDocument CREATION_TIME;
 * - TIMEX3: only the attributes of the BNF; `tid`, `type` and `value` required (we write no
 *   `valueFromFunction`); `tid` is `t<integer>` and unique in the document (XML ID);
 *   `type` DATE | TIME | DURATION | SET; `mod`, `functionInDocument` and `temporalFunction` from
 *   their enumerations; `anchorTimeID`, `beginPoint`, `endPoint` IDREFs to a tid of the file;
 *   `freq` a frequency (`2X`) or a duration; no TIMEX3 inside a TIMEX3;
 * - value syntax by type: DATE (`2022`, `2022-06`, `2022-06-29`, `2022-W26`, `2022-W26-3`,
 *   `2022-WE`… `2022-Q2`, `2022-H1`, `2022-SU`, `199`, `19`, `BC0300`, X for unknown digits,
 *   PRESENT_REF PAST_REF FUTURE_REF), TIME (a date, then `T` and `hh[:mm[:ss]]` or a part of
 *   day MO MI AF EV NI DT, with an optional zone), DURATION (`P` and amounts with units, `T`
 *   before hours, minutes, seconds), SET (a date, time or duration form); numbers in range
 *   (months 01–12, days 01–31, weeks 01–53, hours 00–24, minutes 00–59).
 */

export const MODS = ['BEFORE', 'AFTER', 'ON_OR_BEFORE', 'ON_OR_AFTER', 'LESS_THAN', 'MORE_THAN', 'EQUAL_OR_LESS', 'EQUAL_OR_MORE', 'START', 'MID', 'END', 'APPROX'];
const FUNCTIONS = ['CREATION_TIME', 'EXPIRATION_TIME', 'MODIFICATION_TIME', 'PUBLICATION_TIME', 'RELEASE_TIME', 'RECEPTION_TIME', 'NONE'];
const TYPES = ['DATE', 'TIME', 'DURATION', 'SET'];
const ATTRIBUTES = ['tid', 'type', 'functionInDocument', 'beginPoint', 'endPoint', 'quant', 'freq', 'temporalFunction', 'value', 'valueFromFunction', 'mod', 'anchorTimeID', 'comment'];

const D2 = '[0-9X]{2}';
const DATE_BODY = `(?:BC)?(?:[0-9X]{4}(?:-(?:${D2}(?:-${D2})?|W${D2}(?:-(?:[1-7X]|WE))?|WE|Q[1-4X]|H[12X]|SP|SU|FA|WI))?|[0-9X]{2,3})`;
const REF = '(?:PRESENT_REF|PAST_REF|FUTURE_REF)';
const DATE_RE = new RegExp(`^(?:${REF}|${DATE_BODY})$`);
const TIME_RE = new RegExp(`^(?:${DATE_BODY})?T(?:${D2}(?::${D2}(?::${D2}(?:[.,][0-9]+)?)?)?|MO|MI|AF|EV|NI|DT)(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$`);
const AMOUNT = '(?:[0-9]+(?:[.,][0-9]+)?|X+)';
const DURATION_RE = new RegExp(`^P(?=[0-9XT])(?:${AMOUNT}(?:DE|CE|ML|WE|Y|M|W|D|Q|H|L|C))*(?:T(?:${AMOUNT}[HMS])+)?$`);
const FREQ_RE = /^(?:[0-9]+|X)X$/;

function inRange(value: string): boolean {
  const m = /^(?:BC)?([0-9X]{4})-([0-9X]{2})(?:-([0-9X]{2}))?/.exec(value);
  if (m) {
    if (!/X/.test(m[2]) && (+m[2] < 1 || +m[2] > 12)) return false;
    if (m[3] && !/X/.test(m[3]) && (+m[3] < 1 || +m[3] > 31)) return false;
  }
  const w = /-W([0-9]{2})/.exec(value);
  if (w && (+w[1] < 1 || +w[1] > 53)) return false;
  const t = /T([0-9]{2})(?::([0-9]{2}))?/.exec(value);
  if (t && (+t[1] > 24 || (t[2] !== undefined && +t[2] > 59))) return false;
  return true;
}

/** Whether `value` is a TIMEX3 value of `type` by the value syntax. */
export function isTimexValue(type: string, value: string): boolean {
  if (!inRange(value)) return false;
  switch (type) {
    case 'DATE':
      return DATE_RE.test(value);
    case 'TIME':
      return TIME_RE.test(value) || new RegExp(`^${REF}$`).test(value);
    case 'DURATION':
      return DURATION_RE.test(value) && value !== 'P';
    case 'SET':
      return (DATE_RE.test(value) && !/_REF$/.test(value)) || TIME_RE.test(value) || DURATION_RE.test(value);
    default:
      return false;
  }
}

export interface Element {
  name: string;
  attributes: Map<string, string>;
  children: Array<Element | string>;
  parent?: Element;
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const BAD_CHAR = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;

function decode(s: string, where: string, errors: string[]): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(s)) errors.push(`a bare & in ${where}`);
  return s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** Parses well-formed XML (the subset a TimeML file uses: a declaration, elements, text, comments); errors say what is not. */
export function parseXml(xml: string): { root: Element | undefined; errors: string[] } {
  const errors: string[] = [];
  const bad = BAD_CHAR.exec(xml);
  if (bad) errors.push(`a character XML 1.0 does not allow: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  let i = 0;
  const decl = /^<\?xml\s+version="1\.0"(?:\s+encoding="UTF-8")?\s*\?>/.exec(xml);
  if (decl) i = decl[0].length;
  else if (xml.startsWith('<?xml')) errors.push('a malformed XML declaration');
  let root: Element | undefined;
  let current: Element | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text) {
      if (text.includes(']]>')) errors.push('"]]>" in text');
      if (!current) {
        if (text.trim()) errors.push(`text outside the root element: ${JSON.stringify(text.slice(0, 20))}`);
      } else current.children.push(decode(text, `the text of <${current.name}>`, errors));
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) {
        errors.push('an unclosed comment');
        break;
      }
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) {
      errors.push('an unclosed tag');
      break;
    }
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (!current || current.name !== name) errors.push(`</${name}> does not close ${current ? `<${current.name}>` : 'anything'}`);
      else current = current.parent;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nm = NAME.exec(body);
    if (!nm) {
      errors.push(`a tag without a name: <${tag}>`);
      continue;
    }
    const el: Element = { name: nm[0], attributes: new Map(), children: [], parent: current };
    let rest = body.slice(nm[0].length);
    while (rest.trim()) {
      const a = /^\s+([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(rest);
      if (!a) {
        errors.push(`a malformed attribute in <${el.name}>: ${JSON.stringify(rest.slice(0, 30))}`);
        break;
      }
      if (el.attributes.has(a[1])) errors.push(`the attribute ${a[1]} twice in <${el.name}>`);
      el.attributes.set(a[1], decode(a[2] ?? a[3], `the attribute ${a[1]}`, errors));
      rest = rest.slice(a[0].length);
    }
    if (current) current.children.push(el);
    else if (root) errors.push(`a second root element <${el.name}>`);
    else root = el;
    if (!selfClosing) current = el;
  }
  if (current) errors.push(`<${current.name}> is not closed`);
  if (!root) errors.push('no root element');
  return { root, errors };
}

function* elements(e: Element): Generator<Element> {
  yield e;
  for (const c of e.children) if (typeof c !== 'string') yield* elements(c);
}

/** The text of an element, tags removed and references resolved. */
export function textOf(e: Element): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

export interface TimemlReport {
  errors: string[];
  timexes: Element[];
  root: Element | undefined;
}

/** Checks a TimeML document; `errors` is empty when it is valid by the rules above. */
export function validateTimeml(xml: string): TimemlReport {
  const { root, errors } = parseXml(xml);
  const timexes: Element[] = [];
  if (!root) return { errors, timexes, root };
  if (root.name !== 'TimeML') errors.push(`the root is <${root.name}>, not <TimeML>`);
  const tids = new Set<string>();
  const refs: Array<[string, string]> = [];
  for (const e of elements(root)) {
    if (e.name === 'DCT') {
      const inner = e.children.filter((c): c is Element => typeof c !== 'string');
      if (inner.length !== 1 || inner[0].name !== 'TIMEX3') errors.push('a DCT holds one TIMEX3');
      else if (inner[0].attributes.get('functionInDocument') !== 'CREATION_TIME') errors.push('the DCT TIMEX3 has no functionInDocument="CREATION_TIME"');
    }
    if (e.name !== 'TIMEX3') continue;
    timexes.push(e);
    const at = (k: string) => e.attributes.get(k);
    const where = `TIMEX3 ${at('tid') ?? '(no tid)'} "${textOf(e).slice(0, 30)}"`;
    for (const k of e.attributes.keys()) if (!ATTRIBUTES.includes(k)) errors.push(`${where}: ${k} is not a TIMEX3 attribute`);
    for (const k of ['tid', 'type', 'value']) if (at(k) === undefined) errors.push(`${where}: no ${k}`);
    const tid = at('tid');
    if (tid !== undefined) {
      if (!/^t[0-9]+$/.test(tid)) errors.push(`${where}: tid ${tid} is not t<integer>`);
      if (tids.has(tid)) errors.push(`${where}: tid ${tid} is not unique`);
      tids.add(tid);
    }
    const type = at('type');
    if (type !== undefined && !TYPES.includes(type)) errors.push(`${where}: type ${type} is not DATE, TIME, DURATION or SET`);
    const value = at('value');
    if (value !== undefined && type !== undefined && TYPES.includes(type) && !isTimexValue(type, value)) errors.push(`${where}: value ${JSON.stringify(value)} is not a TIMEX3 ${type} value`);
    const mod = at('mod');
    if (mod !== undefined && !MODS.includes(mod)) errors.push(`${where}: mod ${mod} is not in the TIMEX3 mod enumeration`);
    const fid = at('functionInDocument');
    if (fid !== undefined && !FUNCTIONS.includes(fid)) errors.push(`${where}: functionInDocument ${fid} is not in its enumeration`);
    const tf = at('temporalFunction');
    if (tf !== undefined && tf !== 'true' && tf !== 'false') errors.push(`${where}: temporalFunction ${tf} is not true or false`);
    const freq = at('freq');
    if (freq !== undefined && !FREQ_RE.test(freq) && !DURATION_RE.test(freq)) errors.push(`${where}: freq ${freq} is not a frequency`);
    for (const k of ['anchorTimeID', 'beginPoint', 'endPoint']) if (at(k) !== undefined) refs.push([where, at(k)!]);
    for (let p = e.parent; p; p = p.parent) if (p.name === 'TIMEX3') errors.push(`${where}: a TIMEX3 inside a TIMEX3`);
  }
  for (const [where, ref] of refs) if (!tids.has(ref)) errors.push(`${where}: ${ref} refers to no tid of the file`);
  return { errors, timexes, root };
}
