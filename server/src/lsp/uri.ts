/** file: URIs ↔ paths, for the server's disk lookups (pressmark.yaml). */
import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  toPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  fromPath(file: string): string {
    return pathToFileURL(file).toString();
  },
};
