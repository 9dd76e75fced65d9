/** file: URIs ↔ paths, for the server's disk lookups: node/uri.ts (vscode-uri). */
export { URI } from '../node/uri';
