import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../../shared/config/diff.js';

/** Applies a diff with GNU patch, the program an admin would use, and returns the result. */
function patched(before: string, diff: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clusterdeck-diff-'));
  try {
    const file = path.join(dir, 'file');
    writeFileSync(file, before);
    execFileSync('patch', ['--quiet', '--force', file], { input: diff });
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('/etc/hosts', 'a\n', 'a\n')).toBe('');
  });

  it('writes diff -u hunks with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\ni\n';
    expect(unifiedDiff('/etc/hosts', before, after)).toBe(
      [
        '--- a/etc/hosts',
        '+++ b/etc/hosts',
        '@@ -2,7 +2,8 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        '+i',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing final newline as diff does', () => {
    expect(unifiedDiff('/f', 'x', 'x\n')).toBe(
      ['--- a/f', '+++ b/f', '@@ -1 +1 @@', '-x', '\\ No newline at end of file', '+x', ''].join('\n'),
    );
  });

  it('produces diffs that GNU patch applies exactly (property)', () => {
    const line = fc.constantFrom('host a', 'host b', '', '}', '  fixed-address 10.0.0.1;', 'x', 'y');
    const text = fc
      .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
      .map(([lines, finalNewline]) => lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : ''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('/file', before, after);
        if (before === after) return;
        expect(patched(before, diff)).toBe(after);
      }),
      { numRuns: 150 },
    );
  });
});
