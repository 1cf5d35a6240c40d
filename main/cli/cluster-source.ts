/**
 * Where the cluster commands find the cluster: a folder mirroring the gateway's `/` (--root) or
 * the live gateway over SSH (--host user@gateway), read and written with the same rules. Host
 * keys are never accepted silently: an unknown key fails unless --accept-new is given.
 */
import type { FileChange } from '../../shared/cluster/operations.js';
import { AppError } from '../../shared/ipc/errors.js';
import { writeClusterChanges, type PathOverrides } from '../config/cluster-folder.js';
import { loadClusterFolder, type LoadedCluster } from '../config/load-cluster.js';
import type { ServiceRestart } from '../../shared/ipc/contract.js';
import { GatewayWorkspace } from '../services/gateway-workspace.js';
import { batchSshPool } from '../ssh/batch-pool.js';
import { resolveCliTarget } from './cli-ssh.js';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './exit-codes.js';

export interface SourceOptions {
  root?: string | undefined;
  host?: string | undefined;
  'accept-new'?: boolean | undefined;
  'dhcpd-conf'?: string | undefined;
  map?: string | undefined;
  'client-root'?: string | undefined;
}

export interface ClusterWrite {
  written: Array<{ path: string; backup?: string | undefined }>;
  /** Services restarted after the write (dhcpd when dhcpd.conf changed on a gateway). */
  restarted: ServiceRestart[];
}

export interface OpenedCluster {
  loaded: LoadedCluster;
  /** The folder, or ssh://user@host for a gateway. */
  label: string;
  /** Writes the changes; on a gateway, then restarts dhcpd if its configuration changed (`restart`). */
  write(changes: readonly FileChange[], restart: boolean): Promise<ClusterWrite>;
  dispose(): Promise<void>;
}

function overridesOf(values: SourceOptions): PathOverrides {
  const overrides: PathOverrides = {};
  if (values['dhcpd-conf'] !== undefined) overrides['dhcpd-conf'] = values['dhcpd-conf'];
  if (values.map !== undefined) overrides['mosix-map'] = values.map;
  if (values['client-root'] !== undefined) overrides.clientRoot = values['client-root'];
  return overrides;
}

async function openFolder(root: string, overrides: PathOverrides): Promise<OpenedCluster> {
  const loaded = await loadClusterFolder(root, overrides);
  return {
    loaded,
    label: loaded.read.root,
    write: async (changes) => ({ written: await writeClusterChanges(loaded.read, changes), restarted: [] }),
    dispose: () => Promise.resolve(),
  };
}

async function openGateway(destination: string, values: SourceOptions): Promise<OpenedCluster> {
  const target = await resolveCliTarget(destination);
  const pool = batchSshPool({ acceptNew: values['accept-new'] === true, connectAttempts: 1 });
  try {
    const workspace = await GatewayWorkspace.open(pool, target);
    const dispose = async () => {
      await workspace.dispose();
      await pool.dispose();
    };
    const loaded = await loadClusterFolder(workspace.snapshot.root, overridesOf(values)).catch(
      async (error: unknown) => {
        await dispose();
        throw error;
      },
    );
    const write = (changes: readonly FileChange[], restart: boolean) =>
      workspace.write(changes, { again: 'Run the command again.', restart }).catch((error: unknown) => {
        // Refused (changed underneath, rejected by dhcpd -t, not there): 1; SSH or I/O failure: 2.
        const exitCode = error instanceof AppError ? EXIT_FAILURE : EXIT_USAGE;
        throw new CliError((error as Error).message, exitCode);
      });
    return {
      loaded,
      label: `ssh://${target.username}@${target.host}${target.port === 22 ? '' : `:${target.port}`}`,
      write,
      dispose,
    };
  } catch (error) {
    await pool.dispose();
    throw error;
  }
}

export async function openCluster(values: SourceOptions): Promise<OpenedCluster> {
  if ((values.root === undefined) === (values.host === undefined))
    throw new CliError("give either --root DIR (a folder mirroring the gateway's /) or --host user@gateway");
  try {
    return values.host === undefined
      ? await openFolder(values.root ?? '', overridesOf(values))
      : await openGateway(values.host, values);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
}
