// Adversarial shapes of the command line and the corpus formats (issue 12). See README.md here.
'use strict';
const path = require('node:path');
const { compareTexts } = require(path.join(__dirname, '../../out/server/src/service/corpus/agree'));

/**
 * Two copies of one text that annotate different words: A every even word, B every odd one, so
 * no annotation matches and every one is a disagreement to pair (item 14: the pairing tried
 * every unmatched annotation of B for each of A). ≈ 32 KB per copy at 1×.
 */
function unmatched(k) {
  const n = Math.round(2700 * k);
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    const w = `w${i}`;
    const types = ['org', 'place', 'person'];
    a.push(i % 2 === 0 ? `[${w}]{${types[i % 3]}:x${i}}` : w);
    b.push(i % 2 === 1 ? `[${w}]{${types[i % 3]}:y${i}}` : w);
  }
  return { a: a.join(' ') + '\n', b: b.join(' ') + '\n' };
}

module.exports = [
  {
    item: 14,
    name: 'agree / Compare With: every annotation unmatched',
    make: unmatched,
    run: (input) => compareTexts(input.a, input.b).length,
    units: (input) => input.a.length + input.b.length,
  },
];
