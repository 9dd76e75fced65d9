// Adversarial YAML (issue 12, items 1 and 13): deep nesting and many keys in front matter,
// pressmark.yaml and *.kb.yaml files, through the parse each surface really uses.
// `node bench/adversarial.js --only yaml` (after npx tsc -b).
'use strict';
const path = require('node:path');

const out = (m) => require(path.join(__dirname, '../../out/server/src/service', m));
const { parse } = out('parser');
const { parseSchema, defaultConfig } = out('config');
const { parseKbFile } = out('kb/workspace');
const { parseYaml, KB_LIMITS } = out('yaml');

const config = defaultConfig();

module.exports = [
  {
    item: 1,
    name: 'yaml: front matter, a flow sequence 1,000×k deep (refused at level 65)',
    make: (k) => `---\n${'['.repeat(Math.round(1000 * k))}${']'.repeat(Math.round(1000 * k))}\n---\nText.\n`,
    run: (text) => parse(text).problems.length,
  },
  {
    item: 1,
    name: 'yaml: *.kb.yaml, 250×k lists 60 deep (read)',
    make: (k) => {
      const deep = '['.repeat(60) + 'x' + ']'.repeat(60);
      let s = 'entities: []\nnotes:\n';
      for (let i = 0; i < Math.round(250 * k); i++) s += `  - ${deep}\n`;
      return s;
    },
    run: (text) => parseYaml(text, KB_LIMITS).ok,
  },
  {
    item: 1,
    name: 'yaml: pressmark.yaml, `- - - …` 500×k deep, then indented keys 500×k deep (refused at level 65)',
    make: (k) => {
      const n = Math.round(500 * k);
      return '- '.repeat(n) + 'x\n' + Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + '\n';
    },
    run: (text) => parseSchema(text).problems.length,
  },
  {
    item: 13,
    name: 'yaml: front matter with 5,000×k keys (quoted values: the YAML path)',
    make: (k) => {
      let fm = '---\n';
      for (let i = 0; i < Math.round(5000 * k); i++) fm += `key${i}: "value ${i}"\n`;
      return fm + '---\nText.\n';
    },
    run: (text) => parse(text).frontMatter.entries.length,
  },
  {
    item: 13,
    name: 'yaml: pressmark.yaml with 2,500×k `types:` entries',
    make: (k) => {
      let s = 'types:\n';
      for (let i = 0; i < Math.round(2500 * k); i++) s += `  t${i}:\n    description: Type ${i}\n`;
      return s;
    },
    run: (text) => parseSchema(text).config.types.size,
  },
  {
    item: 13,
    name: 'yaml: *.kb.yaml with 1,000×k entities',
    make: (k) => {
      let s = 'entities:\n';
      for (let i = 0; i < Math.round(1000 * k); i++) {
        s += `  - id: p${i}\n    type: person\n    name: Person ${i}\n    aliases: [P${i}, Pers ${i}]\n    roles:\n      - {title: Minister, country: KZ, from: 2013-12-04}\n`;
      }
      return s;
    },
    run: (text) => parseKbFile('file:///bench/people.kb.yaml', text, config).entities.length,
  },
];
