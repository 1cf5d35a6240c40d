import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labSkipReason, useLab } from '../../lab/with-lab.js';
import { OFFICE } from '../../lab/topology.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const GATEWAY = `root@${OFFICE.gateway}`;

describe.skipIf(labSkipReason() !== undefined)(
  'clusterdeck run, from the admin desktop through the gateway',
  () => {
    const lab = useLab({ nodes: 8 });

    /** The CLI as an admin runs it on their desktop: `clusterdeck run NODESET --host GATEWAY FLAGS… -- COMMAND`. */
    function run(nodeSet: string, flags: string[], command: string) {
      const args = ['main/cli/bin.js', 'run', nodeSet, '--host', GATEWAY, ...flags, '--', command];
      const result = lab().exec('admin', ['node', ...args], { cwd: REPO, timeoutMs: 60_000 });
      return { status: result.status, stdout: result.stdout.toString() };
    }

    it('refuses nodes whose host keys it does not know, unless told to accept new ones', () => {
      const refused = run('node[001-002]', [], 'true');
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(/node001: \[unreachable: .*host key/i);
      expect(run('node[001-002]', ['--accept-new'], 'true').status).toBe(0);
    });

    it('runs on every node through the gateway, each answering with its own name', () => {
      const { status, stdout } = run('node[001-008]', ['--accept-new'], 'hostname');
      expect(status).toBe(0);
      const lines = stdout.trim().split('\n').sort();
      expect(lines).toEqual(Array.from({ length: 8 }, (_, i) => `node00${i + 1}: node00${i + 1}`));
    });

    it('gathers identical answers into one node set, the shell running the command line', () => {
      const { status, stdout } = run('node[001-008]', ['--gather', '--accept-new'], 'echo $((6*7)) | cat');
      expect(status).toBe(0);
      expect(stdout).toBe('---------------\nnode[001-008] (8)\n---------------\n42\n');
    });

    it('shows the odd node’s answer as a diff against the others’', () => {
      const command = 'echo mosix on; test "$(hostname)" != node003 || echo kernel 5.10';
      const { status, stdout } = run('node[001-004]', ['--diff'], command);
      expect(status).toBe(0);
      expect(stdout).toBe(
        [
          '---------------',
          'node[001-002,004] (3)',
          '---------------',
          'mosix on',
          '--- node[001-002,004] (3)',
          '+++ node003 (1)',
          '@@ -1 +1,2 @@',
          ' mosix on',
          '+kernel 5.10',
          '',
        ].join('\n'),
      );
    });

    it('marks a node whose sshd is stopped as unreachable, and still answers for the others', async () => {
      await lab().stopService('node003', 'sshd');
      try {
        const { status, stdout } = run('node[001-004]', ['--gather', '--timeout', '10'], 'true');
        expect(status).toBe(1);
        expect(stdout).toContain('node[001-002,004] (3)');
        expect(stdout).toMatch(/node003 \(1\) \[unreachable: .*refused/i);
      } finally {
        await lab().startService('node003', 'sshd');
      }
    });

    it('reports each node’s own exit status', () => {
      const { status, stdout } = run('node[001-002]', [], 'test "$(hostname)" = node001');
      expect(status).toBe(1);
      expect(stdout.trim()).toBe('node002: [exit 1]');
    });
  },
);
