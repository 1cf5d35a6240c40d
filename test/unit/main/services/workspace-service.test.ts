import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoClusterDir } from '../../../../main/paths.js';
import { EventBus } from '../../../../main/services/event-bus.js';
import { WorkspaceService } from '../../../../main/services/workspace-service.js';
import type { NodeOperation } from '../../../../shared/ipc/contract.js';
import { AppError } from '../../../../shared/ipc/errors.js';
import { useDemoCopies } from '../../../support/demo-cluster.js';

const RENAME: NodeOperation = { kind: 'set', name: 'node005', newName: 'render05' };

/** A folder workspace, and the number of times it told the console its files changed. */
async function folderWorkspace(root: string) {
  const events = new EventBus();
  const service = new WorkspaceService(demoClusterDir, events);
  await service.openFolder(root);
  const announced = { changes: 0 };
  events.on('workspace:workspace-changed', () => (announced.changes += 1));
  return { service, announced };
}

describe('editing nodes through the workspace', () => {
  const demoCopy = useDemoCopies();

  it('writes what the preview showed, and says so to the console', async () => {
    const root = demoCopy();
    const { service, announced } = await folderWorkspace(root);
    const preview = await service.preview(RENAME);
    expect(preview.changes.map((change) => change.path)).toEqual(['/etc/hosts', '/opt/ltsp/i386/etc/hosts']);
    const { written } = await service.apply(RENAME, preview.basis);
    expect(written.map((file) => file.path)).toEqual(['/etc/hosts', '/opt/ltsp/i386/etc/hosts']);
    expect(readFileSync(path.join(root, 'etc/hosts'), 'utf8')).toContain('192.168.0.5 render05\n');
    expect(announced.changes).toBe(1);
    expect((await service.inventory()).columns.name).toContain('render05');
  });

  it('refuses to write when a file changed after the preview, and writes nothing', async () => {
    const root = demoCopy();
    const { service } = await folderWorkspace(root);
    const preview = await service.preview(RENAME);
    appendFileSync(path.join(root, 'etc/mosix.map'), '# edited by hand meanwhile\n');
    const hostsBefore = readFileSync(path.join(root, 'etc/hosts'), 'utf8');
    await expect(service.apply(RENAME, preview.basis)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(path.join(root, 'etc/hosts'), 'utf8')).toBe(hostsBefore);
  });

  it('shows an edit of the demo cluster but never writes it', async () => {
    const service = new WorkspaceService(demoClusterDir, new EventBus());
    const preview = await service.preview(RENAME);
    await expect(service.apply(RENAME, preview.basis)).rejects.toThrow(AppError);
    await expect(service.apply(RENAME, preview.basis)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('says why an edit cannot be made', async () => {
    const service = new WorkspaceService(demoClusterDir, new EventBus());
    const refusal = service.preview({ kind: 'remove', names: ['node999'] });
    await expect(refusal).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(refusal).rejects.toThrow(/node999/);
  });
});
