import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json (this file lives one level below it). */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const demoClusterDir = path.join(packageRoot, 'resources', 'demo-cluster');
export const rendererDir = path.join(packageRoot, 'out', 'renderer');
