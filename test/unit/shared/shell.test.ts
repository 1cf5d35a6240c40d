import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../../shared/shell.js';

/** What a real shell passes to a program for the quoted text. */
function throughShell(shell: string, argument: string): string {
  const result = spawnSync(shell, ['-c', `printf '%s' ${shellQuote(argument)}`], { encoding: 'utf8' });
  return result.stdout;
}

const hostile = [
  'a;rm -rf /',
  '$(id)',
  '`id`',
  "it's",
  '"quoted"',
  'two\nlines',
  ' lead',
  'trail ',
  '*',
  '~root',
  '-n',
  '',
  '\\',
  '$HOME',
  '!!',
  'a|b',
  '>x',
];

describe('shellQuote', () => {
  it.each(['sh', 'bash'])('passes hostile values through %s as the literal text they are', (shell) => {
    for (const value of hostile) expect(throughShell(shell, value)).toBe(value);
  });

  it('passes any text through the shell unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0')),
        (value) => {
          expect(throughShell('sh', value)).toBe(value);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves plain words as they are and refuses NUL', () => {
    expect(shellCommand(['ssh', 'root@192.168.0.1', 'cat', '/etc/hosts'])).toBe(
      'ssh root@192.168.0.1 cat /etc/hosts',
    );
    expect(() => shellQuote('a\0b')).toThrow('NUL');
  });
});
