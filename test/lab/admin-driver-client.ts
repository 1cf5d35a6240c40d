/** Starts test/lab/admin-driver.ts inside the lab's admin namespace and talks to it line by line. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { enter, LAB_ENV } from './host.js';
import type { Lab } from './lab.js';
import type { DriverRequest } from './admin-driver.js';

const REPO = path.resolve(import.meta.dirname, '../..');

export type DriverResponse<T> =
  { ok: true; value: T } | { ok: false; error: { message: string; failure?: string; reason?: string } };

export class AdminDriver {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(line: string) => void> = [];
  private stderr = '';

  constructor(lab: Lab, env: Record<string, string> = {}) {
    // The repository is visible inside admin at the same path (its root is an overlay of `/`).
    this.child = spawn(
      'nsenter',
      [
        ...enter(lab.holder('admin')),
        'sh',
        '-c',
        'cd "$0" && exec node --import tsx test/lab/admin-driver.ts',
        REPO,
      ],
      { env: { ...LAB_ENV, ...env } },
    );
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
  }

  request<T = unknown>(request: DriverRequest): Promise<DriverResponse<T>> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`the admin driver exited: ${this.stderr}`));
      this.child.once('exit', onExit);
      this.waiting.push((line) => {
        this.child.removeListener('exit', onExit);
        resolve(JSON.parse(line) as DriverResponse<T>);
      });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** The value of a request that must succeed. */
  async value<T = unknown>(request: DriverRequest): Promise<T> {
    const response = await this.request<T>(request);
    if (!response.ok) throw new Error(`${request.op} failed: ${response.error.message}`);
    return response.value;
  }

  /** Ends the driver (it disposes its pool first) and waits for it to exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}
