import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { readClusterFolder, type ReadCluster } from '../../main/config/cluster-folder.js';
import { demoClusterDir } from '../../main/paths.js';
import { rmSync } from 'node:fs';

/** A writable copy of the demo cluster per test, removed afterwards. */
export function useDemoCopies(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-demo-'));
    cpSync(demoClusterDir, dir, { recursive: true });
    made.push(dir);
    return dir;
  };
}

export function readDemo(): Promise<ReadCluster> {
  return readClusterFolder(demoClusterDir);
}
