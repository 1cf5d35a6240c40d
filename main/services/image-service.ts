/**
 * Boot disks for the console: inspecting images, listing drives, writing through the worker
 * (progress and outcome as `image:write-changed` events) and building the cluster's disk.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { DriveInfo, ImageInfo, InvokeInput, InvokeOutput, WriteJob } from '../../shared/ipc/contract.js';
import { drivesToShow } from '../../shared/image/drives.js';
import { AppError } from '../../shared/ipc/errors.js';
import { checkBootTools, type ToolStatus } from '../bootdisk/boot-tools.js';
import { buildClusterBootdisk } from '../bootdisk/cluster-bootdisk.js';
import { listDrives } from '../bootdisk/drives.js';
import { writeWithWorker } from '../bootdisk/image-writer-client.js';
import { checkTarget } from '../bootdisk/write-target.js';
import { inspectSource } from '../workers/image-writer/image-source.js';
import type { EventBus } from './event-bus.js';

export class ImageService {
  private readonly jobs = new Map<string, AbortController>();

  constructor(
    private readonly events: EventBus,
    /** The current workspace's mirror of the gateway's `/`. */
    private readonly workspaceRoot: () => string,
  ) {}

  async inspect(file: string): Promise<ImageInfo> {
    const info = await inspectSource(file);
    return { path: info.path, bytes: info.bytes, label: info.kind.label, compression: info.kind.compression };
  }

  async listDrives(source: string | undefined, showAll: boolean): Promise<DriveInfo[]> {
    return drivesToShow(await listDrives(source), showAll);
  }

  async write(request: InvokeInput<'image:write'>): Promise<{ jobId: string }> {
    const { source, target, verify, typedName } = request;
    const image = await inspectSource(source);
    await checkTarget(target, source, image.bytes, typedName);
    const jobId = randomUUID();
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const announce = (state: WriteJob['state']) =>
      this.events.emit('image:write-changed', { jobId, source, target, state });
    void writeWithWorker(
      { source, target, verify },
      { signal: controller.signal, onProgress: (progress) => announce({ kind: 'running', progress }) },
    ).then((outcome) => {
      this.jobs.delete(jobId);
      announce({ kind: 'finished', outcome });
    });
    return { jobId };
  }

  cancel(jobId: string): Record<string, never> {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not-found', 'that write has already ended');
    job.abort();
    return {};
  }

  checkTools(): Promise<ToolStatus> {
    return checkBootTools();
  }

  async build(request: InvokeInput<'bootdisk:build'>): Promise<InvokeOutput<'bootdisk:build'>> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = request.out ?? path.join(os.tmpdir(), `clusterdeck-${request.format}-${stamp}.img`);
    const built = await buildClusterBootdisk({
      root: this.workspaceRoot(),
      format: request.format,
      chain: request.chain,
      nic: request.nic,
      out,
      ...(request.menuTimeoutSeconds === undefined ? {} : { menuTimeoutSeconds: request.menuTimeoutSeconds }),
    });
    return { out: built.out, bytes: built.bytes, script: built.script };
  }

  /** Cancels every write still running. */
  dispose(): void {
    for (const job of this.jobs.values()) job.abort();
  }
}
