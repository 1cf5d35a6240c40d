import { describe, expect, it } from 'vitest';
import {
  diffGroups,
  formatGroup,
  formatLines,
  gatherRuns,
  type NodeRun,
} from '../../../../shared/fanout/gather.js';

const run = (node: string, stdout: string, code = 0): NodeRun => ({
  node,
  outcome: { kind: 'exited', code },
  stdout,
  stderr: '',
  durationMs: 1,
});

describe('gathering a fan-out', () => {
  it('groups identical answers under one folded node set, the biggest group first', () => {
    const runs = [
      run('node003', 'b\n'),
      ...Array.from({ length: 40 }, (_, i) => run(`node${String(i + 4).padStart(3, '0')}`, 'ok\n')),
      run('node001', 'ok\n'),
      run('node002', 'ok\n', 1),
    ];
    const groups = gatherRuns(runs);
    expect(groups.map((group) => `${group.nodeSet} (${group.nodes.length})`)).toEqual([
      'node[001,004-043] (41)',
      'node002 (1)',
      'node003 (1)',
    ]);
  });

  it('prints a group as clubak -b does, with a failure named in its header', () => {
    expect(formatGroup(gatherRuns([run('node001', 'up 3 days'), run('node002', 'up 3 days')])[0]!)).toBe(
      '---------------\nnode[001-002] (2)\n---------------\nup 3 days\n',
    );
    const [failed] = gatherRuns([run('node009', '', 2)]);
    expect(formatGroup(failed!)).toContain('node009 (1) [exit 2]');
  });

  it('prefixes every line with its node, as pdsh does', () => {
    expect(formatLines(run('node001', 'a\nb\n'))).toBe('node001: a\nnode001: b\n');
    expect(formatLines({ ...run('node002', ''), outcome: { kind: 'timed-out', seconds: 5 } })).toBe(
      'node002: [no answer within 5 s]\n',
    );
  });

  it('shows each odd answer as a diff against the most common one, as clush --diff does', () => {
    const groups = gatherRuns([
      run('node001', 'kernel 6.1\nmosix on\n'),
      run('node002', 'kernel 6.1\nmosix on\n'),
      run('node003', 'kernel 5.10\nmosix on\n'),
      { ...run('node004', ''), outcome: { kind: 'unreachable', message: 'connection refused' } },
    ]);
    expect(diffGroups(groups)).toBe(
      [
        '--- node[001-002] (2)',
        '+++ node003 (1)',
        '@@ -1,2 +1,2 @@',
        '-kernel 6.1',
        '+kernel 5.10',
        ' mosix on',
        '--- node[001-002] (2)',
        '+++ node004 (1)',
        '@@ -1,2 +1 @@',
        '-kernel 6.1',
        '-mosix on',
        '+[unreachable: connection refused]',
        '',
      ].join('\n'),
    );
    expect(diffGroups(gatherRuns([run('node001', 'same\n'), run('node002', 'same\n')]))).toBe('');
  });
});
