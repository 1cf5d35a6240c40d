/** Loop devices for the writer's tests (root only): attached to a temporary file, always detached. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { MissingPrerequisite, skipReason } from './prerequisites.js';

export function loopSkipReason(): string | undefined {
  const missing =
    process.getuid?.() !== 0
      ? new MissingPrerequisite('root (for loop devices)', 'run the tests as root')
      : undefined;
  return skipReason(missing);
}

/** Returns a function attaching a loop device of `bytes` backed by a file in `dir`; detached after each test. */
export function useLoopDevices(): (dir: string, bytes: number, options?: { readOnly?: boolean }) => string {
  const attached: string[] = [];
  afterEach(() => {
    for (const device of attached.splice(0)) execFileSync('losetup', ['--detach', device]);
  });
  return (dir, bytes, options = {}) => {
    const backing = path.join(dir, `loop-${attached.length}.bin`);
    writeFileSync(backing, Buffer.alloc(bytes));
    const readOnly = options.readOnly === true ? ['--read-only'] : [];
    const device = execFileSync('losetup', [...readOnly, '--find', '--show', backing], {
      encoding: 'utf8',
    }).trim();
    attached.push(device);
    return device;
  };
}
