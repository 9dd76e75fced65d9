// Deterministic (seeded) press-release text for the benchmarks: countries, organizations,
// places and dates in many forms, some annotated, most not — what a corpus being annotated
// looks like. generateDocument(seed, approxChars) → a .press document (front matter + body).
'use strict';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const COUNTRIES = [['Kazakhstan', 'KZ'], ['Luxembourg', 'LU'], ['Germany', 'DE'], ['France', 'FR'], ['the United States', 'US'], ['China', 'CN'], ['Russia', 'RU'], ['Uzbekistan', 'UZ'], ['Japan', 'JP'], ['Türkiye', 'TR'], ['India', 'IN'], ['Brazil', 'BR']];
const ORGS = [['the OSCE', 'OSCE'], ['the United Nations', 'UN'], ['the European Union', 'EU'], ['NATO', 'NATO'], ['the Council of Europe', 'COE'], ['the World Bank', 'WB'], ['the Shanghai Cooperation Organisation', 'SCO'], ['UNESCO', 'UNESCO']];
const PLACES = [['Astana', 'G1526273'], ['Almaty', 'G1526384'], ['Geneva', ''], ['Brussels', ''], ['Vienna', ''], ['Tashkent', ''], ['Moscow', ''], ['Beijing', '']];
const DATES = [['29 June 2022', 'date:2022-06-29'], ['today', 'date:2022-06-29'], ['last Friday', 'date:2022-06-24'], ['in 2015', ''], ['the past three decades', 'duration:P30Y'], ['next year', 'date:2023'], ['June 2022', 'date:2022-06'], ['every week', 'set:P1W'], ['two weeks ago', ''], ['the first half of 2022', 'date:2022-H1']];
const VERBS = ['signed an agreement with', 'held talks with', 'discussed cooperation with', 'welcomed a delegation from', 'expanded trade with', 'hosted representatives of'];
const FILLER = [
  'The parties discussed trade, investment, energy and transport.',
  'Both sides stressed the importance of regional security and sustainable development.',
  'The meeting took place in a warm and constructive atmosphere.',
  'Officials noted the growing volume of bilateral trade and new joint projects.',
  'Special attention was paid to digitalization, green energy and education.',
];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function mention(r, [text, id], type, annotateRate) {
  if (!id || r() >= annotateRate) return text;
  const lead = text.startsWith('the ') ? 'the ' : '';
  const label = text.slice(lead.length);
  return `${lead}[${label}]{${type}:${id}}`;
}

function sentence(r, annotateRate) {
  const a = mention(r, pick(r, COUNTRIES), 'country', annotateRate);
  const b = r() < 0.5 ? mention(r, pick(r, ORGS), 'org', annotateRate) : mention(r, pick(r, COUNTRIES), 'country', annotateRate);
  const [dt, dv] = pick(r, DATES);
  const d = dv && r() < annotateRate ? `[${dt}]{${dv}}` : dt;
  const p = mention(r, pick(r, PLACES), 'place', annotateRate);
  const s = `${a.charAt(0).toUpperCase()}${a.slice(1)} ${pick(r, VERBS)} ${b} in ${p} ${d}.`;
  return r() < 0.6 ? `${s} ${pick(r, FILLER)}` : s;
}

function generateDocument(seed, approxChars = 3000, annotateRate = 0.3) {
  const r = rng(seed);
  const day = 1 + Math.floor(r() * 28);
  let body = '';
  while (body.length < approxChars) {
    let para = '';
    const n = 2 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) para += (i ? ' ' : '') + sentence(r, annotateRate);
    body += para + '\n\n';
  }
  return `---\ndate: 2022-06-${String(day).padStart(2, '0')}\ndateline: Astana\nsource: Kazinform\n---\n${body}`;
}

module.exports = { generateDocument, rng };
