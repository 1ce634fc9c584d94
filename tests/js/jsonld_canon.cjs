// Expands newsgraph's JSON-LD export to RDF with jsonld.js and compares its canonical
// N-Quads (RDFC-1.0, rdf-canonize) with those of the N-Quads export, byte for byte.
// Offline: the document loader refuses every fetch (the export embeds its context).
//
// Usage: node jsonld_canon.cjs NODE_MODULES GRAPH.jsonld GRAPH.nq
// Prints "same canonical N-Quads: N quads (jsonld.js X)" and exits 0, or exits 1 with the
// first lines that differ.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

async function main() {
  const [modules, jsonldPath, nqPath] = process.argv.slice(2);
  const req = createRequire(path.join(path.resolve(modules), 'index.js'));
  const jsonld = req('jsonld');
  const canonize = req('rdf-canonize');
  const version = JSON.parse(fs.readFileSync(path.join(modules, 'jsonld', 'package.json'), 'utf8')).version;
  const refused = [];
  const documentLoader = async (url) => {
    refused.push(url);
    throw new Error(`refusing to fetch ${url}`);
  };
  const doc = JSON.parse(fs.readFileSync(jsonldPath, 'utf8'));
  const dataset = await jsonld.toRDF(doc, { documentLoader, safe: true });
  const fromJsonld = await canonize.canonize(dataset, { algorithm: 'RDFC-1.0' });
  const nquads = fs.readFileSync(nqPath, 'utf8');
  const fromNquads = await canonize.canonize(canonize.NQuads.parse(nquads), { algorithm: 'RDFC-1.0' });
  const lines = fromJsonld.split('\n').filter((l) => l);
  const want = nquads.split('\n').filter((l) => l).length;
  if (refused.length) {
    console.error(`jsonld.js tried to fetch: ${refused.join(', ')}`);
    return 1;
  }
  if (fromJsonld !== fromNquads || lines.length !== want) {
    const a = new Set(lines);
    const b = new Set(fromNquads.split('\n').filter((l) => l));
    const extra = [...a].filter((l) => !b.has(l)).slice(0, 3);
    const missing = [...b].filter((l) => !a.has(l)).slice(0, 3);
    console.error(`${lines.length} canonical quads from JSON-LD, ${b.size} from N-Quads (${want} lines)`);
    console.error(`only from JSON-LD: ${extra.join('\n')}\nonly from N-Quads: ${missing.join('\n')}`);
    return 1;
  }
  console.log(`same canonical N-Quads: ${lines.length} quads (jsonld.js ${version})`);
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
