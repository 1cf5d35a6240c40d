import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.js';

/**
 * The layering of product.md is enforced by the lint step of `npm run check`: these probes
 * are files a careless change might add, linted with the project's own configuration.
 */
const probes: string[] = [];
const eslint = new ESLint({
  cwd: packageRoot,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function lintProbe(relativePath: string, source: string): Promise<string[]> {
  const file = path.join(packageRoot, relativePath);
  probes.push(file);
  await writeFile(file, source);
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((message) => message.message);
}

afterAll(() => Promise.all(probes.map((file) => rm(file, { force: true }))));

describe('layering', () => {
  it('fails shared/ that imports node:fs', async () => {
    const messages = await lintProbe('shared/zz-layering-probe.ts', "export { readFile } from 'node:fs';\n");
    expect(messages.join('\n')).toContain('Node modules belong in main/');
  });

  it('fails shared/ that imports react', async () => {
    const messages = await lintProbe(
      'shared/zz-layering-probe-react.ts',
      "export { useState } from 'react';\n",
    );
    expect(messages.join('\n')).toContain('shared/ is pure TypeScript');
  });

  it('fails renderer/ that imports electron', async () => {
    const messages = await lintProbe(
      'renderer/zz-layering-probe.ts',
      "export { ipcRenderer } from 'electron';\n",
    );
    expect(messages.join('\n')).toContain('Only main/electron/ may import electron');
  });

  it('fails renderer/ that reaches into main/', async () => {
    const source = "export { Services } from '../main/services/services.js';\n";
    const messages = await lintProbe('renderer/zz-layering-probe-main.ts', source);
    expect(messages.join('\n')).toContain('only through renderer/api/');
  });

  it('fails main/ outside main/electron/ that imports electron', async () => {
    const messages = await lintProbe('main/zz-layering-probe.ts', "export { app } from 'electron';\n");
    expect(messages.join('\n')).toContain('Only main/electron/ may import electron');
  });

  it('lets main/electron/ import electron', async () => {
    const messages = await lintProbe(
      'main/electron/zz-layering-probe.ts',
      "export { app } from 'electron';\n",
    );
    expect(messages).toEqual([]);
  });
});
