/**
 * A live gateway as the console's workspace: its cluster files copied locally (the snapshot the
 * config engine reads), copied again when the gateway's files change (a machine took a lease,
 * someone edited a file), and edits written back with GatewayFiles' safe write — after which
 * dhcpd is restarted when its configuration changed, since dhcpd reads it only when it starts.
 */
import type { FileChange as OperationChange } from '../../shared/cluster/operations.js';
import type { ServiceRestart } from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/ipc/errors.js';
import type { SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';
import { GatewayFiles, type FileChange, type WriteOutcome } from './gateway-files.js';
import { GatewayServices, type ClusterService } from './gateway-services.js';
import { snapshotGateway, type GatewaySnapshot } from './gateway-snapshot.js';

/** The operation's changes as safe-write changes, each against the version the snapshot copied. */
export function changesAgainst(snapshot: GatewaySnapshot, changes: readonly OperationChange[]): FileChange[] {
  return changes.map((change) => {
    const baseHash = snapshot.hashes.get(change.path);
    if (baseHash === undefined)
      throw new AppError(
        'invalid-input',
        `${change.path} does not exist on the gateway; creating files there is not supported yet`,
      );
    return { path: change.path, bytes: Buffer.from(change.after), baseHash };
  });
}

/** Why a write wrote nothing, in words ending with what to do (`again`); undefined when it was written. */
export function refusalOf(outcome: WriteOutcome, again: string): AppError | undefined {
  switch (outcome.kind) {
    case 'written':
      return undefined;
    case 'conflict':
      return new AppError(
        'conflict',
        `${outcome.conflicts.map((conflict) => conflict.path).join(', ')} changed on the gateway since it was read; nothing was written. ${again}`,
        { conflicts: outcome.conflicts },
      );
    case 'invalid':
      return new AppError(
        'invalid-input',
        `${outcome.path} was rejected by the gateway; nothing was written:\n${outcome.output}`,
        { output: outcome.output },
      );
  }
}

/** Size and modification time of every cluster file on the gateway: changes when any of them does. */
async function signatureOf(files: GatewayFiles): Promise<string> {
  const listing = await files.listFiles();
  return listing
    .map((file) => (file.found ? `${file.path} ${file.size} ${file.modifiedMs}` : file.path))
    .join('\n');
}

export interface GatewayWrite {
  written: Array<{ path: string; backup: string }>;
  restarted: ServiceRestart[];
}

/** Restarted after a write that changed the file each one reads at start. */
const RESTART_AFTER: Partial<Record<string, ClusterService>> = { 'dhcpd-conf': 'dhcpd' };

export class GatewayWorkspace {
  private readonly services: GatewayServices;
  /** The copy before the current one. */
  private retired: GatewaySnapshot | undefined;

  private constructor(
    private readonly pool: SshPool,
    readonly target: SshTarget,
    private current: GatewaySnapshot,
    private signature: string,
  ) {
    this.services = new GatewayServices(pool, target);
  }

  static async open(pool: SshPool, target: SshTarget): Promise<GatewayWorkspace> {
    // Listed before copying: a change in between makes the first refresh copy again, never miss it.
    const signature = await signatureOf(new GatewayFiles(pool, target));
    return new GatewayWorkspace(pool, target, await snapshotGateway(pool, target), signature);
  }

  get snapshot(): GatewaySnapshot {
    return this.current;
  }

  private files(): GatewayFiles {
    return new GatewayFiles(this.pool, this.target, this.current.clientRoot);
  }

  /** Copies the files again if any changed on the gateway; true when it did. */
  async refreshIfChanged(): Promise<boolean> {
    const signature = await signatureOf(this.files());
    if (signature === this.signature) return false;
    await this.refresh(signature);
    return true;
  }

  private async refresh(signature?: string): Promise<void> {
    const next = signature ?? (await signatureOf(this.files()));
    const previous = this.current;
    this.current = await snapshotGateway(this.pool, this.target);
    this.signature = next;
    // A read that began on the previous copy (a preview, the inventory) finishes on it: it is
    // removed at the next refresh, not under that read's feet.
    await this.retired?.dispose();
    this.retired = previous;
  }

  /**
   * Writes an operation's changes as one change, then restarts what must read them (unless told
   * not to). A refusal ends with `again`: what the user should do next.
   */
  async write(
    changes: readonly OperationChange[],
    { again = 'Preview again.', restart = true } = {},
  ): Promise<GatewayWrite> {
    const outcome = await this.files().write(changesAgainst(this.current, changes));
    const refusal = refusalOf(outcome, again);
    if (refusal) {
      if (refusal.code === 'conflict') await this.refresh();
      throw refusal;
    }
    const written = outcome.kind === 'written' ? outcome.files : [];
    const toRestart = new Set(
      changes.map((change) => RESTART_AFTER[change.role]).filter((s) => s !== undefined),
    );
    const restarted = [];
    if (restart) for (const service of toRestart) restarted.push(await this.restart(service));
    await this.refresh();
    return { written: written.map(({ path, backup }) => ({ path, backup })), restarted };
  }

  private async restart(service: ClusterService): Promise<ServiceRestart> {
    const status = await this.services.restart(service);
    if (status.state === 'not-installed')
      return {
        service,
        state: status.state,
        output: `no service manager on the gateway knows ${status.tried.join(', ')}: restart ${service} yourself`,
      };
    return { service: status.unit, state: status.state, output: status.restartOutput ?? status.output };
  }

  async dispose(): Promise<void> {
    await this.retired?.dispose();
    await this.current.dispose();
  }
}
