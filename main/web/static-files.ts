import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMissing } from '../services/mirror-folder.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file of the built renderer; undefined for anything outside it or missing. */
export async function readStaticFile(rendererDir: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = path.posix.normalize(decoded === '/' ? '/index.html' : decoded);
  const file = path.join(rendererDir, relative);
  if (!file.startsWith(rendererDir + path.sep)) return undefined;
  try {
    const body = await readFile(file);
    return { body, contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream' };
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
}
