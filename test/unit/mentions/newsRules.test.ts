/**
 * Rules of news language over the whole pipeline (findMentionsInText with the built-in
 * knowledge base): demonyms where the project proposes them (mentions/demonyms.ts), a maker's
 * name before a product noun (builtin.ts), short forms of organization names after their full
 * name (shortForms.ts, arbiter.ts step d), company names held back that context settles
 * (companyContext.ts). Each text marks what must be proposed with [[...]] and a `type:id` list
 * in order (an echo written `type:id~`); nothing else of the listed types may be proposed.
 */
import * as assert from 'node:assert/strict';
import { findMentionsInText } from '../../../server/src/service/mentions/document';
import { shortFormOf } from '../../../server/src/service/mentions/shortForms';
import { parseSchema } from '../../../server/src/service/config';
import { collectProblems } from '../../../server/src/service/diagnostics';
import { parse } from '../../../server/src/service/parser';
import type { PipelineInputs } from '../../../server/src/service/mentions/candidate';
import { builtinKb } from '../kb/helpers';

interface Case {
  what: string;
  /** The text with [[...]] around each expected proposal of `types`. */
  text: string;
  /** `type:id` of each marked span in order; `~` after an echo. */
  want: string[];
  types: string[];
  inputs?: PipelineInputs;
}

function unmark(src: string): { text: string; spans: Array<[number, number]> } {
  let text = '';
  const spans: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < src.length; ) {
    if (src.startsWith('[[', i)) {
      open = text.length;
      i += 2;
    } else if (src.startsWith(']]', i)) {
      spans.push([open, text.length]);
      i += 2;
    } else text += src[i++];
  }
  return { text, spans };
}

function check(c: Case): void {
  const { text, spans } = unmark(c.text);
  const got = findMentionsInText(text, builtinKb().kb, undefined, { dates: false, inputs: c.inputs }).filter((m) => c.types.includes(m.type));
  assert.deepEqual(
    got.map((m) => `${text.slice(m.start, m.end)} ${m.type}:${m.id}${m.echo ? '~' : ''}`),
    spans.map(([s, e], i) => `${text.slice(s, e)} ${c.want[i]}`),
    got.map((m) => `${m.text}: ${m.reason}`).join('; '),
  );
}

const ON: PipelineInputs = { demonyms: true };

const DEMONYMS: Case[] = [
  { what: 'a premodifier', text: 'when [[German]] magazine Der Spiegel cited documents', want: ['country:DE'], types: ['country'], inputs: ON },
  { what: 'coordinated premodifiers', text: 'It was floated on [[British]] and [[Irish]] stock markets.', want: ['country:GB', 'country:IE'], types: ['country'], inputs: ON },
  { what: 'before a title', text: '[[Australian]] Prime Minister John Howard said.', want: ['country:AU'], types: ['country'], inputs: ON },
  { what: 'an adjective of the table (not the demonym)', text: 'The [[Kazakh]] delegation arrived.', want: ['country:KZ'], types: ['country'], inputs: ON },
  { what: 'inside a longer name: never alone', text: 'The Kazakh Foreign Ministry said.', want: [], types: ['country'], inputs: ON },
  { what: 'part of a longer unknown name', text: 'Shares of Trans Dutch Holdings and American Widget Works rose.', want: [], types: ['country'], inputs: ON },
  { what: 'a capitalized word before it', text: 'Royal Dutch Shell said.', want: [], types: ['country'], inputs: ON },
  { what: 'a language, a person (a noun)', text: 'He spoke in German. Then a German said no, and the Irish and the British agreed.', want: [], types: ['country'], inputs: ON },
  { what: 'in a hyphen compound', text: 'Franco-German ties and Irish-owned firms grew.', want: [], types: ['country'], inputs: ON },
  { what: 'off by default', text: 'when German magazine Der Spiegel cited documents', want: [], types: ['country'] },
];

const PRODUCTS: Case[] = [
  { what: 'a maker before a product noun: no organization', text: '[[Aer Lingus]] buys twelve new long-haul Airbus jets.', want: ['org:AER-LINGUS'], types: ['org'] },
  { what: 'after "all-"', text: 'It already operates an all-Airbus fleet.', want: [], types: ['org'] },
  { what: 'a business noun after the product noun keeps the maker', text: '[[Airbus]] aircraft production rose.', want: ['org:AIRBUS'], types: ['org'] },
  { what: 'a possessive keeps the maker', text: "[[Airbus]]'s jets flew.", want: ['org:AIRBUS'], types: ['org'] },
  { what: 'a noun of the company keeps the maker', text: '[[Airbus]] workers struck.', want: ['org:AIRBUS'], types: ['org'] },
];

const SHORT_FORMS: Case[] = [
  { what: 'a new company: its name without the legal form', text: '[[Dialogue Events Ltd.]] opened an office. Later [[Dialogue Events]] hired staff.', want: ['org:', 'org:~'], types: ['org'] },
  { what: 'a known company: its name without the designators', text: '[[Ford Motor Company]] cut jobs. [[Ford]] said it would.', want: ['org:FORD', 'org:FORD~'], types: ['org'] },
  { what: 'not before its full name', text: 'Ford said so. [[Ford Motor Company]] cut jobs.', want: ['org:FORD'], types: ['org'] },
  { what: 'not before a capitalized word (a model) nor a product noun', text: '[[Ford Motor Company]] cut jobs. The Ford Taurus returns; Ford cars sell.', want: ['org:FORD'], types: ['org'] },
  { what: "a new organization's initials used later without brackets", text: 'The [[Government Accountability Office]] upheld it. [[GAO]] staff agreed.', want: ['org:', 'org:~'], types: ['org'] },
  { what: 'its initials before the name, or of a two-word name: nothing', text: 'GAO said so. The [[Government Accountability Office]] upheld it. The [[Blue Fund]] and BF.', want: ['org:', 'org:'], types: ['org'] },
  { what: "a known company's names held back, after its full name", text: '[[Boeing]] and [[Lockheed Martin]] bid; [[Lockheed]] won.', want: ['org:BOEING', 'org:LOCKHEED', 'org:LOCKHEED~'], types: ['org'] },
  { what: "names held back: not without the full name or a context", text: '[[Boeing]] bid; Lockheed won.', want: ['org:BOEING'], types: ['org'] },
  {
    what: 'a surname a person shares: context decides, else neither',
    text: "[[Ford Motor Company]] cut jobs. Chairman [[William Clay Ford Jr]]. said the plan would end [[Ford]]'s North American losses. Mr. [[Ford]] smiled. Ford said more.",
    want: ['org:FORD', 'person:', 'org:FORD', 'person:'],
    types: ['org', 'person'],
  },
];

const CONTEXT_NAMES: Case[] = [
  { what: 'a company word before it', text: 'The automaker outsold rivals [[Toyota]] and [[General Motors]].', want: ['org:TOYOTA', 'org:GM'], types: ['org'] },
  { what: 'a business noun after its possessive, then the same company again', text: "It secures [[Ford]]'s manufacturing operations. Later [[Ford]] said more.", want: ['org:FORD', 'org:FORD~'], types: ['org'] },
  { what: 'no context: not proposed', text: 'Ford announced cuts. Shell said no.', want: [], types: ['org'] },
  { what: "a person's name, a model", text: "Harrison Ford's plant visit. The Ford Taurus's sales.", want: [], types: ['org'] },
];

describe('mentions: rules of news language', () => {
  describe('demonyms (pressmark.yaml mentions.demonyms)', () => {
    for (const c of DEMONYMS) it(c.what, () => check(c));
  });
  describe("a maker's name before a product noun", () => {
    for (const c of PRODUCTS) it(c.what, () => check(c));
  });
  describe('short forms of organization names', () => {
    for (const c of SHORT_FORMS) it(c.what, () => check(c));
  });
  describe('company names held back, settled by context', () => {
    for (const c of CONTEXT_NAMES) it(c.what, () => check(c));
  });

  it('shortFormOf: the distinctive part of a name with a legal form or designator', () => {
    const table: Array<[string, string | undefined]> = [
      ['Chrysler LLC', 'Chrysler'],
      ['Chrysler Holding LLC', 'Chrysler'],
      ['Ford Motor Company', 'Ford'],
      ['General Motors Corporation', 'General Motors'],
      ['Samsung Electronics Co., Ltd.', 'Samsung Electronics'],
      ['Daimler AG', 'Daimler'],
      ['Blue Marine Foundation', undefined],
      ['Bank of America Corp.', undefined],
      ['DIALOGUE EVENTS LTD', undefined],
      ['Holding Company', undefined],
    ];
    for (const [name, want] of table) assert.equal(shortFormOf(name), want, name);
  });

  it('pressmark.yaml `mentions: {demonyms}`: read, checked, and applied by the diagnostics', () => {
    const on = parseSchema('mentions:\n  demonyms: true\n');
    assert.deepEqual(on.problems, []);
    assert.deepEqual(on.config.mentions, { demonyms: true });
    assert.equal(parseSchema('version: 1\n').config.mentions, undefined);
    assert.deepEqual(parseSchema('mentions:\n  demonyms: yes please\n').problems.map((p) => p.code), ['schema.invalid-value']);
    assert.deepEqual(parseSchema('mentions:\n  demonym: true\n').problems.map((p) => p.code), ['schema.unknown-key']);
    const doc = () => parse('German magazine Der Spiegel cited documents.\n');
    const flagged = (config: ReturnType<typeof parseSchema>['config']) =>
      collectProblems(doc(), config, builtinKb().kb)
        .filter((p) => p.code === 'mention.unannotated')
        .map((p) => p.data?.id);
    assert.ok(flagged(on.config).includes('DE'));
    assert.ok(!flagged(parseSchema('version: 1\n').config).includes('DE'));
  });
});
