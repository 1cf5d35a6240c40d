import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `dir` holding package.json. */
function packageRootAbove(dir: string): string {
  if (existsSync(path.join(dir, 'package.json'))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error('Clusterdeck cannot find its package.json above its own files');
  return packageRootAbove(parent);
}

/**
 * The folder holding package.json: above this file in the sources, above the bundle that
 * contains it in out/ (the Electron build defines import.meta.url as the bundle's own URL).
 */
export const packageRoot = packageRootAbove(path.dirname(fileURLToPath(import.meta.url)));
export const demoClusterDir = path.join(packageRoot, 'resources', 'demo-cluster');
export const rendererDir = path.join(packageRoot, 'out', 'renderer');
