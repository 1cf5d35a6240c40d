import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.js';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

describe('the desktop app’s main bundle', () => {
  it('builds without warnings, starts, opens the console page and answers it', () => {
    const buildOutput = spawnSync('npm', ['run', '--silent', 'build:electron'], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    expect(buildOutput.status).toBe(0);
    expect(buildOutput.stderr).not.toMatch(/warning/i);
    const preload = readFileSync(path.join(packageRoot, 'out', 'electron', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(new Set(required), 'a sandboxed preload can require only electron').toEqual(new Set(['electron']));

    const userData = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-userdata-'));
    const host = path.join(packageRoot, 'test', 'support', 'electron-bundle-host.ts');
    const bundle = path.join(packageRoot, 'out', 'electron', 'main.cjs');
    const output = run(process.execPath, ['--import', 'tsx', host, bundle, packageRoot, userData]);
    expect(JSON.parse(output)).toEqual({
      page: path.join(packageRoot, 'out', 'renderer', 'index.html'),
      info: {
        ok: true,
        value: { name: 'Clusterdeck', version: '0.0.0-test', mode: 'desktop', keychain: false },
      },
    });
  });
});
