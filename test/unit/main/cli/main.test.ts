import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli/main.js';
import { packageRoot } from '../../../../main/paths.js';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (line) => out.push(line), stderr: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err };
}

describe('the clusterdeck command', () => {
  it('prints its usage with --help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('serve [--port N] [--host ADDR] [--root DIR]');
    expect(stdout).toContain('Exit codes: 0 ok, 1 findings or failure, 2 usage or I/O error.');
  });

  it('prints the package version', async () => {
    expect((await run('--version')).stdout).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with one line on stderr for an unknown command', async () => {
    expect(await run('frobnicate')).toEqual({
      code: 2,
      stdout: '',
      stderr: ["clusterdeck: unknown command 'frobnicate' (see clusterdeck --help)"],
    });
  });

  it('exits 2 for a port that is not a number', async () => {
    const { code, stderr } = await run('serve', '--port', '80a');
    expect(code).toBe(2);
    expect(stderr).toEqual(["clusterdeck: --port: '80a' is not a port number (0-65535)"]);
  });

  it('exits 2 when run is asked for two ways of printing at once', async () => {
    const { code, stderr } = await run(
      'run',
      'node[1-2]',
      '--host',
      'gw',
      '--gather',
      '--diff',
      '--',
      'true',
    );
    expect(code).toBe(2);
    expect(stderr).toEqual(['clusterdeck: run: choose one of --gather, --diff']);
  });

  it('exits 2 for an option it does not know', async () => {
    const { code, stderr } = await run('serve', '--hots', '0.0.0.0');
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain("'--hots'");
  });

  it('runs through npx right after npm ci, without a build', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'clusterdeck', '--help'], {
      cwd: packageRoot,
    });
    expect(stdout).toContain('Usage: clusterdeck <command> [options]');
  });
});
